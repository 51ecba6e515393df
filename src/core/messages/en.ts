/**
 * The English catalogue: every sentence a person reads, keyed by a stable code. It is the
 * reference: the Russian one (ru.ts) must have the same keys and parameters.
 */
import { core } from './en/core.js';
import { journal } from './en/journal.js';
import { reports } from './en/reports.js';
import { rollover } from './en/rollover.js';
import { people } from './en/people.js';
import { reader } from './en/reader.js';
import { setup } from './en/setup.js';
import { structure } from './en/structure.js';

export const en = { ...core, ...people, ...structure, ...setup, ...journal, ...reports, ...rollover, ...reader };
export type Catalogue = typeof en;
