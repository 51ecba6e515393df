import { beforeEach } from 'vitest';
import { resetOutputGuard } from '../src/io/outputGuard.js';

// A unit test stands for one run of the program; the output guard remembers per run.
beforeEach(() => resetOutputGuard());
