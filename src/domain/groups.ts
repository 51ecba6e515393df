/**
 * Study groups: how a group is named and found, and the rules a group keeps whether created
 * or changed. Pure: the store loads the groups of the year and the program, these decide.
 */
import { InputError, RuleError } from '../core/errors.js';
import { foldLatinLookalikes } from './homoglyphs.js';
import { courseProblem } from './programs.js';
import { CURATOR_POSITIONS, type Position } from './positions.js';

/** A group's name as stored: inner whitespace collapsed, trimmed. */
export function normalizeGroupName(name: string): string {
  return name.replace(/\s+/g, ' ').trim();
}

/**
 * Names compare without regard to case, ё, repeated spaces, a Latin look-alike inside a
 * Cyrillic word or the kind of hyphen: «ис-21» is ИС-21, and so are ИC-21 (Latin C, the
 * keyboard layout for one key) and ИС‑21 (a non-breaking hyphen pasted from Word). Names that
 * look the same name one group.
 */
export function groupNameKey(name: string): string {
  return foldLatinLookalikes(name.normalize('NFC')).text.replace(/[\u2010-\u2015\u2212]/g, '-').replace(/\s+/g, ' ').trim().toUpperCase().replace(/Ё/g, 'Е');
}

/** The group a name means among the groups of a year: the exact name first, else the folded one. */
export function groupNamed<G extends { name: string }>(groups: readonly G[], name: string): G | undefined {
  return groups.find((g) => g.name === name.trim()) ?? groups.find((g) => groupNameKey(g.name) === groupNameKey(name));
}

/** A closed year's groups no longer change: exit 4. */
export function ensureYearWritable(year: { name: string; status: string }): void {
  if (year.status === 'closed') throw new RuleError('year_closed', { year: year.name });
}

/** A group's name fits a column of every printed report: ИС-25, 9А, ТМ-24/1 are a few characters. */
export const MAX_GROUP_NAME = 30;

/** A group's name (normalizeGroupName already applied) is not empty and fits MAX_GROUP_NAME: InputError `bad_group_name`, `group_name_too_long`. */
export function checkGroupName(name: string): void {
  if (!name) throw new InputError('bad_group_name');
  if ([...name].length > MAX_GROUP_NAME) throw new InputError('group_name_too_long', { name: name.slice(0, MAX_GROUP_NAME), max: MAX_GROUP_NAME });
}

/**
 * The rules a group keeps whether created or changed: a name of at most MAX_GROUP_NAME
 * characters, unique in its year (folded as groupNameKey), and a course within its program. `others` are the year's groups.
 */
export function checkGroup(
  group: { id?: number; name: string; course: number },
  context: { year: string; others: readonly { id: number; name: string }[]; program: { code: string; duration_months: number } },
): void {
  checkGroupName(group.name);
  const clash = context.others.find((g) => g.id !== group.id && groupNameKey(g.name) === groupNameKey(group.name));
  if (clash) throw new InputError('group_exists', { group: clash.name, year: context.year });
  const problem = courseProblem(group.course, context.program.duration_months);
  if (problem) {
    throw new InputError('bad_course', { group: group.name, program: context.program.code, problem }, { course: group.course, program: context.program.code });
  }
}

/** Whether a staff member may curate a group without a warning. */
export function mayCurate(positions: readonly Position[]): boolean {
  return positions.some((p) => CURATOR_POSITIONS.includes(p));
}
