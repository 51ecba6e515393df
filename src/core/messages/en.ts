/**
 * The English catalogue: every sentence a person reads, keyed by a stable code. It is the
 * reference: the Russian one (ru.ts) must have the same keys and parameters.
 */
import { core } from './en/core.js';
import { journal } from './en/journal.js';
import { people } from './en/people.js';
import { setup } from './en/setup.js';
import { structure } from './en/structure.js';

export const en = { ...core, ...people, ...structure, ...setup, ...journal };
export type Catalogue = typeof en;
