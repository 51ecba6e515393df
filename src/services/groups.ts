/**
 * Group write use cases: `group create` and `group update`. The rules (a name unique in the
 * year, a course within the program, a closed year frozen) are the domain's; each use case
 * owns its transaction with the audit record and returns the group with any warnings.
 */
import { InputError } from '../core/errors.js';
import { t } from '../core/i18n.js';
import { checkGroup, ensureYearWritable, mayCurate, normalizeGroupName } from '../domain/groups.js';
import { CURATOR_POSITIONS } from '../domain/positions.js';
import { staffFullName } from '../domain/staff.js';
import { findGroup, insertGroup, listGroups, updateGroupRow, type Group } from '../store/groups.js';
import { findProgram, getProgram } from '../store/programs.js';
import type { Store } from '../store/store.js';
import { findYear, type YearRow } from '../store/years.js';
import { findStaff } from './staff.js';

/** The shape scripts see: the group without its internal year and program ids. */
export type PublicGroup = Omit<Group, 'yearId' | 'programId'>;

export function publicGroup({ yearId: _y, programId: _p, ...g }: Group): PublicGroup {
  return g;
}

export interface GroupResult {
  group: PublicGroup;
  warnings: string[];
  /** Whether the group was written: an update that changes nothing writes nothing, no audit record either. */
  changed: boolean;
}

/** The curator named by id or full name; one without a curator's position is accepted with a warning. */
function curatorOf(store: Store, ref: string, warnings: string[]): number {
  const curator = findStaff(store, ref);
  if (!mayCurate(curator.positions)) {
    warnings.push(t('curator_without_position', { name: staffFullName(curator), positions: CURATOR_POSITIONS }));
  }
  return curator.id;
}

function check(store: Store, year: YearRow, group: { id?: number; name: string; programId: number; course: number }): void {
  const program = getProgram(store, group.programId)!;
  checkGroup(group, { year: year.name, others: listGroups(store, year.id), program });
}

export interface CreateGroupOptions {
  name: string;
  program: string;
  course: number;
  /** Default: the current year. */
  year?: string;
  /** Staff id or full name. */
  curator?: string;
}

/** `group create`: a group of a program and course in a year. */
export function createGroup(store: Store, options: CreateGroupOptions): GroupResult {
  const warnings: string[] = [];
  const year = findYear(store, options.year);
  const program = findProgram(store, options.program);
  const curatorId = options.curator === undefined ? null : curatorOf(store, options.curator, warnings);
  const group = store.mutate(() => {
    ensureYearWritable(year);
    const input = { name: normalizeGroupName(options.name), programId: program.id, course: options.course, curatorId };
    check(store, year, input);
    const created = insertGroup(store, year.id, input);
    store.audit({ entity: 'group', entityId: created.id, action: 'create', after: created });
    return created;
  });
  return { group: publicGroup(group), warnings, changed: true };
}

export interface UpdateGroupOptions {
  /** The group's current name. */
  group: string;
  year?: string;
  name?: string;
  course?: number;
  program?: string;
  /** Staff id or full name; null removes the curator. */
  curator?: string | null;
}

/** `group update`: rename a group or change its course, program or curator. */
export function updateGroup(store: Store, options: UpdateGroupOptions): GroupResult {
  const warnings: string[] = [];
  const group = findGroup(store, options.group, options.year);
  const change: { name?: string; course?: number; programId?: number; curatorId?: number | null } = {};
  if (options.name !== undefined) change.name = options.name;
  if (options.course !== undefined) change.course = options.course;
  if (options.program !== undefined) change.programId = findProgram(store, options.program).id;
  if (options.curator !== undefined) change.curatorId = options.curator === null ? null : curatorOf(store, options.curator, warnings);
  if (!Object.keys(change).length) throw new InputError('nothing_to_set', { options: ['--name', '--course', '--program', '--curator', '--no-curator'] });
  const updated = store.mutate(() => {
    const year = findYear(store, group.year);
    ensureYearWritable(year);
    const next = { ...group, ...change, name: normalizeGroupName(change.name ?? group.name) };
    // Nothing new: nothing written, so nothing that, say, blocks a rollover's undo.
    if (next.name === group.name && next.course === group.course && next.programId === group.programId && next.curatorId === group.curatorId) return { group, changed: false };
    check(store, year, next);
    const after = updateGroupRow(store, group.id, next);
    store.audit({ entity: 'group', entityId: group.id, action: 'update', before: group, after });
    return { group: after, changed: true };
  });
  return { group: publicGroup(updated.group), warnings, changed: updated.changed };
}
