/** Русский каталог: все фразы, которые читает человек, по тем же ключам, что en.ts. */
import type { Catalogue } from './en.js';
import { core } from './ru/core.js';
import { journal } from './ru/journal.js';
import { reports } from './ru/reports.js';
import { rollover } from './ru/rollover.js';
import { people } from './ru/people.js';
import { reader } from './ru/reader.js';
import { setup } from './ru/setup.js';
import { structure } from './ru/structure.js';

export const ru: Catalogue = { ...core, ...people, ...structure, ...setup, ...journal, ...reports, ...rollover, ...reader };
