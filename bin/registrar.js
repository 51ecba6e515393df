#!/usr/bin/env node
// Entry point: everything lives in dist/ (built by `npm install` / `npm run build`).
import { main } from '../dist/cli.js';

process.exitCode = await main(process.argv.slice(2));
