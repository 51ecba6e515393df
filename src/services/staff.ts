/**
 * Staff write use cases (`staff add`, `staff import`) and the lookup of a staff member by id
 * or name. Bulk loads, pure matching and planning (domain/staff.ts), one write transaction.
 */
import { InputError } from '../core/errors.js';
import type { RowIssue } from '../core/rowIssue.js';
import { matchStaff, planStaffImport, staffFullName, StaffIndex, staffNamed, staffWrite, type StaffRowDraft, type StaffWrite } from '../domain/staff.js';
import { parseStaffRow, STAFF_FIELDS, type StaffField } from '../domain/staffRow.js';
import { missingNameColumns } from '../domain/studentRow.js';
import { readImport, type ImportCounts, type ImportOptions } from '../io/importTable.js';
import { importReadBounds } from './importLimits.js';
import { getPerson, insertPerson, updatePerson } from '../store/people.js';
import { getStaff, insertStaffRole, listStaff, loadStaffDirectory, replacePositions, type StaffMember } from '../store/staff.js';
import type { Store } from '../store/store.js';

/** The shape scripts see. */
export interface PublicStaff {
  id: number;
  name: string;
  lastName: string;
  firstName: string;
  middleName: string | null;
  birthDate: string | null;
  snils: string | null;
  phone: string | null;
  email: string | null;
  positions: string[];
}

export function publicStaff(s: StaffMember): PublicStaff {
  return { id: s.id, name: staffFullName(s), lastName: s.last_name, firstName: s.first_name, middleName: s.middle_name, birthDate: s.birth_date, snils: s.snils, phone: s.phone, email: s.email, positions: s.positions };
}

/** A staff member named on the command line: the store's id or the full name (case- and ё-insensitive). */
export function findStaff(store: Store, ref: string): StaffMember {
  const text = ref.trim();
  if (/^\d{1,9}$/.test(text)) {
    const staff = getStaff(store, Number(text));
    if (staff) return staff;
    const person = getPerson(store, Number(text));
    if (person) throw new InputError('not_staff', { name: staffFullName(person), id: person.id }, { id: person.id });
  }
  const found = staffNamed(listStaff(store), text);
  if (found.kind === 'found') return found.staff as StaffMember;
  if (found.kind === 'ambiguous') {
    const matches = found.candidates;
    const list = matches.map((s) => `${s.id} (${[s.birth_date, s.positions.join(', ')].filter(Boolean).join('; ') || '—'})`).join(', ');
    throw new InputError('staff_ambiguous', { text, count: matches.length, list }, { candidates: matches.map((s) => ({ id: s.id, name: staffFullName(s), birthDate: s.birth_date })) });
  }
  throw new InputError('staff_not_found', { staff: text });
}

/** Apply the writes of a plan in order (inside mutate); planned ids (negative) become real ones. */
function applyWrites(store: Store, writes: readonly StaffWrite[]): Map<number, number> {
  const ids = new Map<number, number>();
  for (const w of writes) {
    let id: number;
    if (w.insert) {
      id = insertPerson(store, w.insert);
      ids.set(w.personId, id);
    } else {
      id = w.personId < 0 ? ids.get(w.personId)! : w.personId;
      updatePerson(store, id, w.changes);
    }
    if (w.addRole) insertStaffRole(store, id);
    if (w.positions) replacePositions(store, id, w.positions);
    store.audit({ entity: 'staff', entityId: id, action: w.before ? 'update' : 'create', before: w.before, after: w.after });
  }
  return ids;
}

// ---- staff add --------------------------------------------------------------

export interface AddStaffOptions {
  name: string;
  positions?: string[];
  snils?: string;
  phone?: string;
  email?: string;
  birthDate?: string;
}

const OPTION_OF: Record<StaffField, string> = {
  full_name: '--name', last_name: '--name', first_name: '--name', middle_name: '--name', position: '--position', snils: '--snils', phone: '--phone', email: '--email', birth_date: '--birth-date',
};

/**
 * `staff add`: a new staff member, or a person on file (a parent, say) taking a staff role.
 * Someone already on staff (or a namesake that cannot be told apart) is refused.
 */
export function addStaff(store: Store, options: AddStaffOptions): PublicStaff {
  const given: Partial<Record<StaffField, string>> = { full_name: options.name, position: options.positions?.join(';'), snils: options.snils, phone: options.phone, email: options.email, birth_date: options.birthDate };
  const { draft, problems } = parseStaffRow((f) => given[f], store.today);
  if (!draft) {
    const flags = [...new Set(problems.map((p) => OPTION_OF[p.field]))].join(', ');
    throw new InputError('bad_staff', { options: flags }, problems.map((p) => ({ option: OPTION_OF[p.field], value: p.value, reason: p.reason })));
  }
  return store.mutate(() => {
    const match = matchStaff(new StaffIndex(loadStaffDirectory(store, draft.card.snils ? [draft.card.snils] : [])), draft.card);
    if (match.kind === 'staff' || match.kind === 'ambiguous') {
      const ids = match.kind === 'staff' ? [match.staff.id] : match.candidates.map((c) => c.id);
      throw new InputError('staff_exists', { name: staffFullName(draft.card), ids: ids.join(', ') }, { ids });
    }
    const { write } = staffWrite(0, draft, match, -1);
    const ids = applyWrites(store, [write!]);
    return publicStaff(getStaff(store, ids.get(write!.personId) ?? write!.personId)!);
  });
}

// ---- staff import -----------------------------------------------------------

export interface StaffImportOptions extends ImportOptions {
  file: string;
  dryRun?: boolean;
}

export interface StaffImportResult extends ImportCounts {
  /** Values read with a remark: look-alike letters folded, СНИЛС zeros restored, a phone or e-mail kept as typed. */
  warnings: RowIssue[];
}

/**
 * `staff import`: read a staff list, check every row, match the people in bulk against the
 * store (every staff member and the people with the file's СНИЛС: a few queries), plan in
 * domain code, then write every change in one transaction. All or nothing unless
 * `skipInvalid`; `dryRun` plans and writes nothing; identical rows write nothing.
 */
export async function importStaff(store: Store, options: StaffImportOptions): Promise<StaffImportResult> {
  const bounds = importReadBounds(store);
  const imp = await readImport(options.file, STAFF_FIELDS, { ...options, maxBytes: options.maxBytes ?? bounds.maxBytes, limits: options.limits ?? bounds.limits }, missingNameColumns);
  const nameField: StaffField = imp.has('full_name') ? 'full_name' : 'last_name';
  const rejected: RowIssue[] = [];
  const warnings: RowIssue[] = [];
  const drafts: StaffRowDraft[] = [];
  for (const line of imp.rows) {
    // Read as student import reads its rows: an unreadable phone or e-mail is kept with a warning.
    const { draft, problems, warnings: odd } = parseStaffRow((f) => imp.cell(line, f), store.today, { keepUnreadableOptional: true });
    rejected.push(...problems.map((p) => imp.issue(line.row, p.field, p.value, p.reason)));
    warnings.push(...odd.map((w) => imp.issue(line.row, w.field, w.value, w.reason)));
    if (draft) drafts.push({ row: line.row, draft });
  }
  // Who is already in the store decides each row, so with writes it is read inside the
  // transaction: two imports at once give what one after the other gives.
  const decide = () => {
    const directory = loadStaffDirectory(store, drafts.flatMap((d) => (d.draft.card.snils ? [d.draft.card.snils] : [])));
    return planStaffImport(drafts, directory, nameField);
  };
  const writes = !options.dryRun && (rejected.length === 0 || options.skipInvalid);
  const plan = writes
    ? store.mutate(() => {
        const decided = decide();
        if (!decided.problems.length || options.skipInvalid) applyWrites(store, decided.writes);
        return decided;
      })
    : decide();
  rejected.push(...plan.problems.map((p) => imp.issue(p.row, p.field, p.value, p.reason)));
  await imp.settle(rejected);

  const count = (o: string) => plan.outcomes.filter((x) => x.outcome === o).length;
  return { file: options.file, rows: imp.rows.length, created: count('created'), updated: count('updated'), unchanged: count('unchanged'), rejected, warnings, dryRun: Boolean(options.dryRun) };
}
