import { InputError } from '../core/errors.js';
import { dayWithin, type IsoDate } from '../domain/dates.js';
import { groupNamed } from '../domain/groups.js';
import { findYear } from './years.js';
import type { Store } from './store.js';

/** A study group with what people name it by: its year, program and curator. */
export interface Group {
  id: number;
  name: string;
  yearId: number;
  year: string;
  programId: number;
  program: string;
  programName: string;
  course: number;
  curatorId: number | null;
  curator: string | null;
}

export interface GroupChange {
  name?: string;
  programId?: number;
  course?: number;
  curatorId?: number | null;
}

const GROUP_SELECT = `
  SELECT g.id, g.name, g.year_id AS yearId, y.name AS year, g.program_id AS programId, p.code AS program, p.name AS programName,
         g.course, g.curator_id AS curatorId,
         CASE WHEN c.id IS NULL THEN NULL ELSE c.last_name || ' ' || c.first_name || coalesce(' ' || c.middle_name, '') END AS curator
    FROM study_group g
    JOIN year y ON y.id = g.year_id
    JOIN program p ON p.id = g.program_id
    LEFT JOIN person c ON c.id = g.curator_id`;

const collator = new Intl.Collator('ru', { numeric: true });

export function listGroups(store: Store, yearId: number): Group[] {
  return store.all<Group>(`${GROUP_SELECT} WHERE g.year_id = ?`, yearId).sort((a, b) => collator.compare(a.name, b.name));
}

export function getGroup(store: Store, id: number): Group | undefined {
  return store.get<Group>(`${GROUP_SELECT} WHERE g.id = ?`, id);
}

/** A group by its name within a year (default: the current year); see `groupNamed`. */
export function findGroup(store: Store, name: string, yearName?: string, on?: IsoDate): Group {
  const year = findYear(store, yearName, on);
  const groups = listGroups(store, year.id);
  const group = groupNamed(groups, name);
  if (!group) {
    const known = groups.map((g) => g.name).join(', ');
    throw new InputError('group_not_found', { group: name, year: year.name, known }, { group: name, year: year.name });
  }
  return group;
}

/**
 * A group by its name in `yearName` (default: the current year), with the day to read its
 * students on: `today`, or the year's first or last day when today falls outside that year
 * (next year's groups have nobody in them today). InputError `group_not_found` names the year.
 */
export function findGroupInYear(store: Store, name: string, yearName: string | undefined, today: IsoDate): { group: Group; on: IsoDate } {
  const year = findYear(store, yearName, today);
  return { group: findGroup(store, name, year.name, today), on: yearName === undefined ? today : dayWithin(today, year.start, year.end) };
}

/** Groups a staff member curates, latest year first. */
export function groupsCuratedBy(store: Store, staffId: number): { year: string; group: string }[] {
  return store.all<{ year: string; group: string }>('SELECT y.name AS year, g.name AS "group" FROM study_group g JOIN year y ON y.id = g.year_id WHERE g.curator_id = ? ORDER BY y.start DESC, g.name', staffId);
}

/** Insert a group (the caller owns the transaction, the checks and the audit). */
export function insertGroup(store: Store, yearId: number, group: { name: string; programId: number; course: number; curatorId: number | null }): Group {
  const { lastInsertRowid } = store.run('INSERT INTO study_group (year_id, name, program_id, course, curator_id) VALUES (?, ?, ?, ?, ?)', yearId, group.name, group.programId, group.course, group.curatorId);
  return getGroup(store, Number(lastInsertRowid))!;
}

export function updateGroupRow(store: Store, id: number, group: { name: string; programId: number; course: number; curatorId: number | null }): Group {
  store.run('UPDATE study_group SET name = ?, program_id = ?, course = ?, curator_id = ? WHERE id = ?', group.name, group.programId, group.course, group.curatorId, id);
  return getGroup(store, id)!;
}
