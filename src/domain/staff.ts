/**
 * Who a staff card is, and what saving a list of them does: pure rules over what the store
 * holds, loaded up front in bulk (every staff member, the people with the СНИЛС the cards
 * give). No SQL here: the service loads, this plans, the service writes.
 */
import { t } from '../core/i18n.js';
import type { IsoDate } from './dates.js';
import { personKey, splitFullName, type FullName } from './person.js';
import { POSITIONS, type Position } from './positions.js';
import type { StaffDraft, StaffField } from './staffRow.js';

/** The card every person carries (students, staff, guardians share it). */
export interface StaffCard {
  last_name: string;
  first_name: string;
  middle_name: string | null;
  birth_date: IsoDate | null;
  sex: 'М' | 'Ж' | null;
  snils: string | null;
  phone: string | null;
  email: string | null;
}

export const STAFF_CARD_FIELDS: readonly (keyof StaffCard)[] = ['last_name', 'first_name', 'middle_name', 'birth_date', 'sex', 'snils', 'phone', 'email'];

/** A person on file. */
export interface KnownPerson extends StaffCard {
  id: number;
}

/** A staff member on file, positions in the order of POSITIONS. */
export interface KnownStaff extends KnownPerson {
  positions: Position[];
}

/** What the rules need from the store. */
export interface StaffDirectory {
  /** Every staff member. */
  staff: readonly KnownStaff[];
  /** People (staff or not) by СНИЛС: at least those with the СНИЛС the cards give. */
  bySnils: ReadonlyMap<string, KnownPerson>;
}

/** Who a draft is: a new person, a person on file who is not yet staff, a staff member, or one of several. */
export type StaffMatch =
  | { kind: 'new' }
  | { kind: 'person'; person: KnownPerson }
  | { kind: 'staff'; staff: KnownStaff }
  | { kind: 'ambiguous'; candidates: KnownStaff[] };

export type StaffOutcome = 'created' | 'updated' | 'unchanged';

/** The folded full name people are matched on (the same folding as the store's `name_key`). */
export function staffNameKey(p: { last_name: string; first_name: string; middle_name?: string | null }): string {
  return [p.last_name, p.first_name, p.middle_name ?? ''].join(' ').toLowerCase().replace(/ё/g, 'е').replace(/\s+/g, ' ').trim();
}

export function staffFullName(p: { last_name: string; first_name: string; middle_name?: string | null }): string {
  return [p.last_name, p.first_name, p.middle_name].filter(Boolean).join(' ');
}

const collator = new Intl.Collator('ru');
const byName = (a: KnownPerson, b: KnownPerson) => collator.compare(staffFullName(a), staffFullName(b)) || a.id - b.id;
const positionOrder = (a: Position, b: Position) => POSITIONS.indexOf(a) - POSITIONS.indexOf(b);

export function sortPositions(positions: readonly Position[]): Position[] {
  return [...positions].sort(positionOrder);
}

/** The directory indexed for matching; the planner adds to it as it plans. */
export class StaffIndex {
  private readonly byId = new Map<number, KnownStaff>();
  private readonly byKey = new Map<string, KnownStaff[]>();
  private readonly bySnils: Map<string, KnownPerson>;

  constructor(directory: StaffDirectory) {
    this.bySnils = new Map(directory.bySnils);
    for (const s of directory.staff) this.put(s);
  }

  staff(id: number): KnownStaff | undefined {
    return this.byId.get(id);
  }

  person(snils: string): KnownPerson | undefined {
    return this.bySnils.get(snils);
  }

  /** Staff with this full name and, when given, a birth date that does not contradict it. */
  named(name: { last_name: string; first_name: string; middle_name?: string | null }, birthDate?: IsoDate | null): KnownStaff[] {
    return (this.byKey.get(staffNameKey(name)) ?? []).filter((s) => !birthDate || !s.birth_date || s.birth_date === birthDate).sort(byName);
  }

  /** Record a staff member as the plan leaves them (new, or changed). */
  put(s: KnownStaff): void {
    const old = this.byId.get(s.id);
    if (old) {
      const key = staffNameKey(old);
      this.byKey.set(key, (this.byKey.get(key) ?? []).filter((x) => x.id !== s.id));
      if (old.snils && this.bySnils.get(old.snils)?.id === s.id) this.bySnils.delete(old.snils);
    }
    this.byId.set(s.id, s);
    const key = staffNameKey(s);
    this.byKey.set(key, [...(this.byKey.get(key) ?? []), s]);
    if (s.snils) this.bySnils.set(s.snils, s);
  }
}

/**
 * The same person is the one with the same СНИЛС; else a staff member with the same full
 * name whose birth date and СНИЛС do not contradict the draft's (compared only when both
 * have one). Only staff are matched by name: a namesake student is someone else.
 */
export function matchStaff(index: StaffIndex, card: StaffDraft['card']): StaffMatch {
  const person = card.snils ? index.person(card.snils) : undefined;
  if (person) {
    const staff = index.staff(person.id);
    return staff ? { kind: 'staff', staff } : { kind: 'person', person };
  }
  const candidates = index.named(card, card.birth_date).filter((s) => !card.snils || !s.snils);
  if (candidates.length > 1) return { kind: 'ambiguous', candidates };
  return candidates.length ? { kind: 'staff', staff: candidates[0] } : { kind: 'new' };
}

/** The fields of `next` that differ from `current` (undefined in `next` means "not given"). */
export function staffCardChanges(current: StaffCard, next: Partial<Record<keyof StaffCard, string | null | undefined>>): Partial<StaffCard> {
  const changes: Partial<StaffCard> = {};
  for (const field of STAFF_CARD_FIELDS) {
    const value = next[field];
    if (value !== undefined && value !== current[field]) (changes as Record<string, unknown>)[field] = value;
  }
  return changes;
}

/** What the audit keeps of a staff member: the card and the positions. */
export type StaffAuditCard = StaffCard & { positions: Position[] };

export function staffAuditCard(s: StaffCard & { positions: Position[] }): StaffAuditCard {
  return { ...(Object.fromEntries(STAFF_CARD_FIELDS.map((f) => [f, s[f]])) as unknown as StaffCard), positions: s.positions };
}

/**
 * One write of a plan. `personId` is the id on file, or a negative number for a person an
 * earlier write of the same plan creates (−1 the first, −2 the second...).
 */
export interface StaffWrite {
  row: number;
  personId: number;
  /** A new person: insert this card. */
  insert?: StaffCard;
  /** A person on file: change these fields of the card. */
  changes: Partial<StaffCard>;
  /** Not yet staff: add the staff role. */
  addRole: boolean;
  /** Replace the positions with these (already ordered); undefined keeps them. */
  positions?: Position[];
  before?: StaffAuditCard;
  after: StaffAuditCard;
}

/**
 * What saving one draft does, given who it is (not ambiguous). Undefined when nothing changes.
 * `newId` is the id a new person takes in the plan.
 */
export function staffWrite(row: number, draft: StaffDraft, match: Exclude<StaffMatch, { kind: 'ambiguous' }>, newId: number): { write?: StaffWrite; outcome: StaffOutcome; after: KnownStaff } {
  const nul = <T>(v: T | undefined): T | null => (v === undefined ? null : v);
  const given = draft.positions.length ? sortPositions(draft.positions) : undefined;
  if (match.kind === 'new') {
    const c = draft.card;
    const insert: StaffCard = { last_name: c.last_name, first_name: c.first_name, middle_name: nul(c.middle_name), birth_date: nul(c.birth_date), sex: null, snils: nul(c.snils), phone: nul(c.phone), email: nul(c.email) };
    const after: KnownStaff = { id: newId, ...insert, positions: given ?? [] };
    return { outcome: 'created', after, write: { row, personId: newId, insert, changes: {}, addRole: true, positions: given, after: staffAuditCard(after) } };
  }
  const current: KnownPerson & { positions?: Position[] } = match.kind === 'staff' ? match.staff : match.person;
  const changes = staffCardChanges(current, draft.card);
  const before = match.kind === 'staff' ? match.staff : undefined;
  const after: KnownStaff = { ...current, ...changes, positions: given ?? before?.positions ?? [] };
  const positionsChanged = given !== undefined && given.join() !== (before?.positions ?? []).join();
  if (before && !positionsChanged && !Object.keys(changes).length) return { outcome: 'unchanged', after };
  return {
    outcome: before ? 'updated' : 'created',
    after,
    write: { row, personId: current.id, changes, addRole: !before, positions: given, before: before && staffAuditCard(before), after: staffAuditCard(after) },
  };
}

export interface StaffRowDraft {
  row: number;
  draft: StaffDraft;
}

export interface StaffRowProblem {
  row: number;
  field: StaffField;
  value: string;
  reason: string;
}

export interface StaffImportPlan {
  /** The outcome of each accepted row, in file order. */
  outcomes: { row: number; outcome: StaffOutcome }[];
  /** What to write, in order; empty when nothing changes. */
  writes: StaffWrite[];
  /** Rows refused: the same person as an earlier row, or several staff members fit. */
  problems: StaffRowProblem[];
}

/**
 * Plan a staff list against the store: each row is matched (see matchStaff) against the
 * store as the rows before it leave it, so a later row about a person an earlier row creates
 * updates that person. A row about the same person as an earlier one, or one that several
 * staff members fit, is refused. `nameField` is the column the name is in (for the problems).
 */
export function planStaffImport(rows: readonly StaffRowDraft[], directory: StaffDirectory, nameField: StaffField): StaffImportPlan {
  const index = new StaffIndex(directory);
  const seen = new Map<string, number>();
  const plan: StaffImportPlan = { outcomes: [], writes: [], problems: [] };
  let created = 0;
  for (const { row, draft } of rows) {
    const { card } = draft;
    const key = personKey({ last: card.last_name, first: card.first_name, middle: card.middle_name, birthDate: card.birth_date, snils: card.snils });
    const match = matchStaff(index, card);
    const first = seen.get(key);
    if (first !== undefined) {
      plan.problems.push({ row, field: card.snils ? 'snils' : nameField, value: card.snils ?? staffFullName(card), reason: t('staff_same_as_row', { row: first }) });
      continue;
    }
    if (match.kind === 'ambiguous') {
      plan.problems.push({ row, field: nameField, value: staffFullName(card), reason: t('staff_row_ambiguous', { ids: match.candidates.map((c) => c.id).join(', ') }) });
      continue;
    }
    seen.set(key, row);
    const step = staffWrite(row, draft, match, -(created + 1));
    plan.outcomes.push({ row, outcome: step.outcome });
    if (step.write) {
      if (step.write.insert) created++;
      plan.writes.push(step.write);
      index.put(step.after);
    }
  }
  return plan;
}

/** How a reference to a staff member resolves: one member, or why not. */
export type StaffRefResult =
  | { kind: 'found'; staff: KnownStaff }
  | { kind: 'ambiguous'; candidates: KnownStaff[] }
  | { kind: 'not_found' };

/** A staff member named by full name (case- and ё-insensitive) among `staff`. */
export function staffNamed(staff: readonly KnownStaff[], text: string): StaffRefResult {
  const name: FullName | undefined = splitFullName(text.trim());
  if (!name) return { kind: 'not_found' };
  const key = staffNameKey({ last_name: name.last, first_name: name.first, middle_name: name.middle });
  const matches = staff.filter((s) => staffNameKey(s) === key).sort(byName);
  if (matches.length === 1) return { kind: 'found', staff: matches[0] };
  return matches.length ? { kind: 'ambiguous', candidates: matches } : { kind: 'not_found' };
}
