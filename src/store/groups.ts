import { InputError, RuleError } from '../core/errors.js';
import { L } from '../core/i18n.js';
import type { IsoDate } from '../domain/dates.js';
import { courseProblem } from '../domain/programs.js';
import { findYear, type YearRow } from './years.js';
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

/** Names compare without regard to case, ё or repeated spaces: «ис-21» is ИС-21. */
function nameKey(name: string): string {
  return name.normalize('NFC').replace(/\s+/g, ' ').trim().toUpperCase().replace(/Ё/g, 'Е');
}

export function listGroups(store: Store, yearId: number): Group[] {
  return store.all<Group>(`${GROUP_SELECT} WHERE g.year_id = ?`, yearId).sort((a, b) => collator.compare(a.name, b.name));
}

export function getGroup(store: Store, id: number): Group | undefined {
  return store.get<Group>(`${GROUP_SELECT} WHERE g.id = ?`, id);
}

/** A group by its name within a year (default: the current year). */
export function findGroup(store: Store, name: string, yearName?: string, on?: IsoDate): Group {
  const year = findYear(store, yearName, on);
  const groups = listGroups(store, year.id);
  const group = groups.find((g) => g.name === name.trim()) ?? groups.find((g) => nameKey(g.name) === nameKey(name));
  if (!group) {
    const known = groups.map((g) => g.name).join(', ');
    throw new InputError('group_not_found', L(`No group ${name} in ${year.name}. Its groups: ${known || 'none'}.`, `Нет группы ${name} в ${year.name}. Группы года: ${known || 'нет'}.`), { group: name, year: year.name });
  }
  return group;
}

/** Groups a staff member curates, latest year first. */
export function groupsCuratedBy(store: Store, staffId: number): { year: string; group: string }[] {
  return store.all<{ year: string; group: string }>('SELECT y.name AS year, g.name AS "group" FROM study_group g JOIN year y ON y.id = g.year_id WHERE g.curator_id = ? ORDER BY y.start DESC, g.name', staffId);
}

function ensureWritable(year: YearRow): void {
  if (year.status === 'closed') throw new RuleError('year_closed', L(`The year ${year.name} is closed; its groups no longer change.`, `Учебный год ${year.name} закрыт; его группы больше не меняются.`));
}

/** The rules a group must keep whether created or changed: a name unique in its year, a course within its program. */
function checkGroup(store: Store, year: YearRow, group: { id?: number; name: string; programId: number; course: number }): void {
  if (!group.name) throw new InputError('bad_group_name', L('A group needs a name.', 'У группы должно быть название.'));
  const clash = listGroups(store, year.id).find((g) => g.id !== group.id && nameKey(g.name) === nameKey(group.name));
  if (clash) throw new InputError('group_exists', L(`${year.name} already has the group ${clash.name}.`, `В ${year.name} уже есть группа ${clash.name}.`), { group: clash.name, year: year.name });
  const program = store.get<{ code: string; duration_months: number }>('SELECT code, duration_months FROM program WHERE id = ?', group.programId)!;
  const problem = courseProblem(group.course, program.duration_months);
  if (problem) throw new InputError('bad_course', `${group.name} (${program.code}): ${problem}`, { course: group.course, program: program.code });
}

export function createGroup(store: Store, year: YearRow, input: { name: string; programId: number; course: number; curatorId: number | null }): Group {
  return store.mutate(() => {
    ensureWritable(year);
    const name = input.name.replace(/\s+/g, ' ').trim();
    checkGroup(store, year, { ...input, name });
    const { lastInsertRowid } = store.run('INSERT INTO study_group (year_id, name, program_id, course, curator_id) VALUES (?, ?, ?, ?, ?)', year.id, name, input.programId, input.course, input.curatorId);
    const group = getGroup(store, Number(lastInsertRowid))!;
    store.audit({ entity: 'group', entityId: group.id, action: 'create', after: group });
    return group;
  });
}

export function updateGroup(store: Store, group: Group, change: GroupChange): Group {
  return store.mutate(() => {
    const year = findYear(store, group.year);
    ensureWritable(year);
    const next = { ...group, ...change, name: (change.name ?? group.name).replace(/\s+/g, ' ').trim() };
    checkGroup(store, year, next);
    store.run('UPDATE study_group SET name = ?, program_id = ?, course = ?, curator_id = ? WHERE id = ?', next.name, next.programId, next.course, next.curatorId, group.id);
    const after = getGroup(store, group.id)!;
    store.audit({ entity: 'group', entityId: group.id, action: 'update', before: group, after });
    return after;
  });
}
