import { InputError } from '../core/errors.js';
import type { IsoDate } from '../domain/dates.js';
import { orderReason, type OrderKind } from '../domain/orders.js';
import type { Store } from './store.js';

export const ACCOUNT_ROLES = ['student', 'parent', 'staff'] as const;
export type AccountRole = (typeof ACCOUNT_ROLES)[number];

/**
 * A person who holds (or is to hold) an account of a role, with the groups it belongs to
 * today: a student's own group, a parent's children's groups, none for staff. The account
 * fields are null while there is no account. The password hash is never part of it.
 */
export interface AccountHolder {
  person_id: number;
  role: AccountRole;
  last_name: string;
  first_name: string;
  middle_name: string | null;
  email: string | null;
  groups: string | null;
  account_id: number | null;
  login: string | null;
  must_change: 0 | 1 | null;
  issued_at: string | null;
  issued_by: string | null;
  /** Since when the account is disabled (its open row of account_disabled), and why: a person's reason or the order that disabled it (orderReason). */
  disabled_at: string | null;
  disabled_reason: string | null;
}

export type AccountView = AccountHolder & { account_id: number; login: string; must_change: 0 | 1; issued_at: string; issued_by: string };

/** A password to store: a new account when accountId is null, else a new password for that account. */
export interface IssuedHash {
  accountId: number | null;
  personId: number;
  role: AccountRole;
  login: string;
  hash: string;
}

const ACTIVE_ON = 'm.from_date <= @on AND (m.to_date IS NULL OR @on < m.to_date)';

/**
 * The columns of an AccountHolder but its disabling reason (withDisabledReason); `h` is the row
 * naming person_id and role, `a` the account, joined to its open disabling by DISABLED_NOW.
 */
function holderColumns(h: string): string {
  return `p.id AS person_id, ${h}.role, p.last_name, p.first_name, p.middle_name, p.email,
    CASE ${h}.role
      WHEN 'student' THEN (SELECT g.name FROM membership m JOIN study_group g ON g.id = m.group_id WHERE m.student_id = ${h}.person_id AND ${ACTIVE_ON})
      WHEN 'parent' THEN (SELECT group_concat(name, ', ') FROM (
        SELECT DISTINCT g.name FROM guardianship gs JOIN membership m ON m.student_id = gs.student_id JOIN study_group g ON g.id = m.group_id
         WHERE gs.guardian_id = ${h}.person_id AND ${ACTIVE_ON} ORDER BY g.name))
    END AS groups,
    a.id AS account_id, a.login, a.must_change, a.issued_at, a.issued_by,
    d.disabled_at, d.reason AS disabled_note, o.kind AS disabled_order_kind, o.number AS disabled_order_number, o.date AS disabled_order_date`;
}

/** The account `a`'s open disabling `d` (none while it is enabled) and the order `o` that made it, if one did. */
const DISABLED_NOW = `LEFT JOIN account_disabled d ON d.account_id = a.id AND d.enabled_at IS NULL LEFT JOIN "order" o ON o.id = d.order_id`;

type HolderRow = Omit<AccountHolder, 'disabled_reason'> & { disabled_note: string | null; disabled_order_kind: OrderKind | null; disabled_order_number: string | null; disabled_order_date: IsoDate | null };

/** Holder rows as AccountHolders: the reason a person gave, or the order quoted. */
function withDisabledReason<T extends AccountHolder>(rows: HolderRow[]): T[] {
  return rows.map(({ disabled_note, disabled_order_kind: kind, disabled_order_number: number, disabled_order_date: date, ...row }) => ({
    ...row,
    disabled_reason: kind && number && date ? orderReason({ kind, number, date }) : disabled_note,
  })) as T[];
}

/** These people in this role, each with their account of the role if they have one. */
export function accountHolders(store: Store, role: AccountRole, personIds: readonly number[], on: IsoDate): AccountHolder[] {
  return withDisabledReason(
    store.stmt<HolderRow>(
      `WITH h(person_id, role) AS (SELECT DISTINCT value, @role FROM json_each(@ids))
       SELECT ${holderColumns('h')}
         FROM h JOIN person p ON p.id = h.person_id
         LEFT JOIN account a ON a.person_id = h.person_id AND a.role = h.role ${DISABLED_NOW}`,
    ).all({ role, ids: JSON.stringify(personIds), on }) as HolderRow[],
  );
}

/**
 * The accounts of these people in this role as they stand now, in person order: what a
 * concurrent issue, reset or disable would change (the hash changes with every issue).
 */
export function accountStates(store: Store, role: AccountRole, personIds: readonly number[]): { person_id: number; account_id: number | null; password_hash: string | null; disabled_at: string | null }[] {
  return store.all(
    `SELECT h.value AS person_id, a.id AS account_id, a.password_hash, d.disabled_at
       FROM json_each(?) h LEFT JOIN account a ON a.person_id = h.value AND a.role = ? ${DISABLED_NOW}
      ORDER BY h.value`,
    JSON.stringify(personIds),
    role,
  );
}

/** An SQL condition: the account `a` is not disabled now. */
export const ACCOUNT_ENABLED = 'NOT EXISTS (SELECT 1 FROM account_disabled d WHERE d.account_id = a.id AND d.enabled_at IS NULL)';

/** These students' student accounts that are not disabled, by login: what graduating or expelling them disables. */
export function enabledStudentAccounts(store: Store, studentIds: readonly number[]): { id: number; login: string }[] {
  return store.all<{ id: number; login: string }>(
    `SELECT a.id, a.login FROM json_each(?) j JOIN account a ON a.person_id = j.value AND a.role = 'student' WHERE ${ACCOUNT_ENABLED} ORDER BY a.login`,
    JSON.stringify(studentIds),
  );
}

/** Accounts, all or of one role or with these logins. */
export function listAccounts(store: Store, filter: { role?: AccountRole; logins?: readonly string[]; on: IsoDate }): AccountView[] {
  return withDisabledReason<AccountView>(
    store.stmt<HolderRow>(
      `SELECT ${holderColumns('a')}
         FROM account a JOIN person p ON p.id = a.person_id ${DISABLED_NOW}
        WHERE (@role IS NULL OR a.role = @role)
          AND (@logins IS NULL OR a.login IN (SELECT value FROM json_each(@logins)))`,
    ).all({ role: filter.role ?? null, logins: filter.logins ? JSON.stringify(filter.logins) : null, on: filter.on }) as HolderRow[],
  );
}

/** Logins are typed in lower case; «ShcheglovaIS» is shcheglovais. */
export function normalizeLogin(login: string): string {
  return login.trim().toLowerCase();
}

/** An account named on the command line by its login. */
export function findAccount(store: Store, login: string, on: IsoDate): AccountView {
  const [account] = listAccounts(store, { logins: [normalizeLogin(login)], on });
  if (!account) throw new InputError('account_not_found', { login });
  return account;
}

/** The stored hash, for `credentials verify` only. */
export function passwordHash(store: Store, accountId: number): string {
  return store.get<{ password_hash: string }>('SELECT password_hash FROM account WHERE id = ?', accountId)!.password_hash;
}

export function allLogins(store: Store): string[] {
  return store.all<{ login: string }>('SELECT login FROM account').map((r) => r.login);
}

/** The parents and legal representatives of these students. */
export function guardianIds(store: Store, studentIds: readonly number[]): number[] {
  return store
    .all<{ id: number }>('SELECT DISTINCT guardian_id AS id FROM guardianship WHERE student_id IN (SELECT value FROM json_each(?))', JSON.stringify(studentIds))
    .map((r) => r.id);
}

/**
 * Store issued passwords: new accounts and new passwords for existing ones, issued at `at`
 * by the store's actor; each must change the password at first login. The caller holds the
 * transaction and writes the audit.
 */
export function writeIssued(store: Store, issued: readonly IssuedHash[], at: string): void {
  for (const a of issued) {
    if (a.accountId === null) {
      store.run('INSERT INTO account (person_id, role, login, password_hash, must_change, issued_at, issued_by) VALUES (?, ?, ?, ?, 1, ?, ?)', a.personId, a.role, a.login, a.hash, at, store.actor);
    } else {
      store.run('UPDATE account SET password_hash = ?, must_change = 1, issued_at = ?, issued_by = ? WHERE id = ?', a.hash, at, store.actor, a.accountId);
    }
  }
}

/** Disable an account from `at` for a person's reason (credentials disable); it must be enabled now. */
export function markAccountDisabled(store: Store, accountId: number, at: string, reason: string | null): void {
  store.run('INSERT INTO account_disabled (account_id, disabled_at, reason) VALUES (?, ?, ?)', accountId, at, reason);
}

/** Disable these accounts from `at` by an order (expulsion, graduation); each must be enabled now. */
export function disableAccountsByOrder(store: Store, accountIds: readonly number[], at: string, orderId: number): void {
  store.run('INSERT INTO account_disabled (account_id, disabled_at, order_id) SELECT value, ?, ? FROM json_each(?) ORDER BY value', at, orderId, JSON.stringify(accountIds));
}

/** Enable a disabled account from `at`: its open disabling ends, and stays on record. */
export function markAccountEnabled(store: Store, accountId: number, at: string): void {
  store.run('UPDATE account_disabled SET enabled_at = ? WHERE account_id = ? AND enabled_at IS NULL', at, accountId);
}
