import { InputError } from '../core/errors.js';
import { L } from '../core/i18n.js';
import { POSITIONS, type Position } from '../domain/positions.js';
import { splitFullName } from '../domain/person.js';
import type { StaffDraft } from '../domain/staffRow.js';
import { CARD_FIELDS, cardChanges, findPeopleByName, findPersonBySnils, fullName, getPerson, insertPerson, updatePerson, type PersonRow } from './people.js';
import type { Store } from './store.js';

export interface StaffMember extends PersonRow {
  positions: Position[];
}

/** Who a draft is: a new person, a person on file who is not yet staff, a staff member, or one of several. */
export type StaffMatch =
  | { kind: 'new' }
  | { kind: 'person'; person: PersonRow }
  | { kind: 'staff'; staff: StaffMember }
  | { kind: 'ambiguous'; candidates: StaffMember[] };

export type StaffOutcome = 'created' | 'updated' | 'unchanged';

const collator = new Intl.Collator('ru');
const byName = (a: PersonRow, b: PersonRow) => collator.compare(fullName(a), fullName(b)) || a.id - b.id;
const positionOrder = (a: string, b: string) => POSITIONS.indexOf(a as Position) - POSITIONS.indexOf(b as Position);

function positionsOf(store: Store, id: number): Position[] {
  return store.all<{ position: Position }>('SELECT position FROM staff_position WHERE staff_id = ?', id).map((r) => r.position).sort(positionOrder);
}

export function getStaff(store: Store, id: number): StaffMember | undefined {
  const person = store.get<PersonRow>('SELECT p.* FROM person p JOIN staff s ON s.person_id = p.id WHERE p.id = ?', id);
  return person && { ...person, positions: positionsOf(store, id) };
}

export function listStaff(store: Store, position?: Position): StaffMember[] {
  const people = position
    ? store.all<PersonRow>('SELECT p.* FROM person p JOIN staff_position sp ON sp.staff_id = p.id WHERE sp.position = ?', position)
    : store.all<PersonRow>('SELECT p.* FROM person p JOIN staff s ON s.person_id = p.id');
  return people.sort(byName).map((p) => ({ ...p, positions: positionsOf(store, p.id) }));
}

/** A staff member named on the command line: the store's id or the full name (case- and ё-insensitive). */
export function findStaff(store: Store, ref: string): StaffMember {
  const text = ref.trim();
  if (/^\d{1,9}$/.test(text)) {
    const staff = getStaff(store, Number(text));
    if (staff) return staff;
    const person = getPerson(store, Number(text));
    if (person) {
      throw new InputError('not_staff', L(`${fullName(person)} (id ${person.id}) is not a staff member.`, `${fullName(person)} (id ${person.id}) не является сотрудником.`), { id: person.id });
    }
  }
  const name = splitFullName(text);
  const matches = name ? staffNamed(store, name) : [];
  if (matches.length === 1) return matches[0];
  if (matches.length > 1) {
    const list = matches.map((s) => `${s.id} (${[s.birth_date, s.positions.join(', ')].filter(Boolean).join('; ') || '—'})`).join(', ');
    throw new InputError('staff_ambiguous', L(`"${text}" names ${matches.length} staff members; use the id: ${list}`, `«${text}» — несколько сотрудников (${matches.length}); укажите id: ${list}`), { candidates: matches.map((s) => ({ id: s.id, name: fullName(s), birthDate: s.birth_date })) });
  }
  throw new InputError('staff_not_found', L(`No staff member "${text}" (give the id or the full name; see \`staff list\`).`, `Сотрудник «${text}» не найден (укажите id или ФИО; см. \`staff list\`).`), { staff: text });
}

function staffNamed(store: Store, name: { last: string; first: string; middle?: string | null }, birthDate?: string | null): StaffMember[] {
  return findPeopleByName(store, name, birthDate)
    .map((p) => getStaff(store, p.id))
    .filter((s): s is StaffMember => s !== undefined)
    .sort(byName);
}

/**
 * The same person is the one with the same СНИЛС; else a staff member with the same full
 * name whose birth date and СНИЛС do not contradict the draft's (compared only when both
 * have one). Only staff are matched by name: a namesake student is someone else.
 */
export function matchStaff(store: Store, draft: StaffDraft): StaffMatch {
  const { card } = draft;
  const person = card.snils ? findPersonBySnils(store, card.snils) : undefined;
  if (person) {
    const staff = getStaff(store, person.id);
    return staff ? { kind: 'staff', staff } : { kind: 'person', person };
  }
  const candidates = staffNamed(store, { last: card.last_name, first: card.first_name, middle: card.middle_name }, card.birth_date).filter(
    (s) => !card.snils || !s.snils,
  );
  if (candidates.length > 1) return { kind: 'ambiguous', candidates };
  return candidates.length ? { kind: 'staff', staff: candidates[0] } : { kind: 'new' };
}

function outcome(match: StaffMatch, draft: StaffDraft): StaffOutcome {
  if (match.kind !== 'staff') return 'created';
  const positionsChanged = draft.positions.length > 0 && [...draft.positions].sort(positionOrder).join() !== match.staff.positions.join();
  return positionsChanged || Object.keys(cardChanges(match.staff, draft.card)).length ? 'updated' : 'unchanged';
}

/** What the audit keeps of a staff member: the card and the positions. */
function auditCard(s: StaffMember) {
  return { ...Object.fromEntries(CARD_FIELDS.map((f) => [f, s[f]])), positions: s.positions };
}

/** Write one draft (inside mutate); returns the staff member's id. */
function applyDraft(store: Store, draft: StaffDraft, match: StaffMatch): number {
  if (match.kind === 'ambiguous') throw new Error('an ambiguous staff draft reached the store');
  const before = match.kind === 'staff' ? match.staff : undefined;
  let id: number;
  if (match.kind === 'new') {
    id = insertPerson(store, { middle_name: null, birth_date: null, sex: null, snils: null, phone: null, email: null, ...draft.card });
  } else {
    const current = match.kind === 'staff' ? match.staff : match.person;
    id = current.id;
    updatePerson(store, id, cardChanges(current, draft.card));
  }
  if (!before) store.run('INSERT INTO staff (person_id) VALUES (?)', id);
  if (draft.positions.length) {
    store.run('DELETE FROM staff_position WHERE staff_id = ?', id);
    for (const position of draft.positions) store.run('INSERT INTO staff_position (staff_id, position) VALUES (?, ?)', id, position);
  }
  store.audit({ entity: 'staff', entityId: id, action: before ? 'update' : 'create', before: before && auditCard(before), after: auditCard(getStaff(store, id)!) });
  return id;
}

/** A new staff member (or a person on file, e.g. a parent, taking a staff role); someone already on staff is refused. */
export function addStaff(store: Store, draft: StaffDraft): StaffMember {
  return store.mutate(() => {
    const match = matchStaff(store, draft);
    if (match.kind === 'staff' || match.kind === 'ambiguous') {
      const ids = match.kind === 'staff' ? [match.staff.id] : match.candidates.map((c) => c.id);
      throw new InputError('staff_exists', L(`${fullName(draft.card)} is already on staff (id ${ids.join(', ')}); change a card with \`staff import\`, or give --snils or --birth-date to tell a namesake apart.`, `${fullName(draft.card)} уже есть среди сотрудников (id ${ids.join(', ')}); карточку меняет \`staff import\`, а однофамильца отличают --snils или --birth-date.`), { ids });
    }
    return getStaff(store, applyDraft(store, draft, match))!;
  });
}

/**
 * Save staff cards in one transaction: new people are created, known ones updated with
 * before/after in the audit, identical ones left alone; nothing is written when nothing
 * changes. Check the drafts with matchStaff first: an ambiguous one is a bug here.
 */
export function saveStaff(store: Store, drafts: StaffDraft[], dryRun = false): StaffOutcome[] {
  const preview = drafts.map((d) => outcome(matchStaff(store, d), d));
  if (dryRun || preview.every((o) => o === 'unchanged')) return preview;
  return store.mutate(() =>
    drafts.map((draft) => {
      const match = matchStaff(store, draft);
      const result = outcome(match, draft);
      if (result !== 'unchanged') applyDraft(store, draft, match);
      return result;
    }),
  );
}
