import { existsSync, renameSync, rmSync } from 'node:fs';
import { dirname, extname, join, resolve } from 'node:path';
import { RuleError, UsageError } from '../core/errors.js';
import { formatDate, type IsoDate } from '../domain/dates.js';
import type { StudentStatus } from '../domain/orders.js';
import { assignLogins } from '../domain/logins.js';
import { generatePassword } from '../domain/passwords.js';
import { loginBase } from '../domain/translit.js';
import { checkOutput as checkFileOutput, stageFile, staleTemporaries } from '../io/atomicWrite.js';
import { tableBytes, type SheetData } from '../io/writeTable.js';
import { renderTemplate } from '../reports/templates.js';
import {
  accountHolders,
  accountStates,
  allLogins,
  findAccount,
  guardianIds,
  listAccounts,
  markAccountDisabled,
  markAccountEnabled,
  normalizeLogin,
  passwordHash,
  writeIssued,
  type AccountHolder,
  type AccountRole,
  type AccountView,
  type IssuedHash,
} from '../store/accounts.js';
import { findGroupInYear } from '../store/groups.js';
import { auditNamesStaging } from '../store/audit.js';
import { getOrg } from '../store/org.js';
import { fullName } from '../store/people.js';
import { getNumberSetting } from '../store/settings.js';
import { listStaff } from '../store/staff.js';
import type { Store } from '../store/store.js';
import { getStudent, listStudents } from '../store/students.js';
import { hashMany, verifyPassword } from './passwordHash.js';

export const CREDENTIAL_FORMATS = ['html', 'csv', 'xlsx', 'moodle'] as const;
export type CredentialFormat = (typeof CREDENTIAL_FORMATS)[number];

export interface CredentialsOutput {
  /** A file, or `-` for stdout. */
  out: string;
  format: CredentialFormat;
  force: boolean;
  /** The organisation as printed on the slips. */
  org: string;
}

/** What was issued, as the command reports it: never the password. */
export interface IssuedAccount {
  personId: number;
  role: AccountRole;
  name: string;
  group: string | null;
  login: string;
  created: boolean;
}

export interface Credential {
  holder: AccountHolder;
  login: string;
  password: string;
}

const SECRET_MODE = 0o600;
const BY_EXTENSION: Record<string, CredentialFormat> = { '.html': 'html', '.htm': 'html', '.csv': 'csv', '.xlsx': 'xlsx' };
/** How the printed documents name the roles. */
export const ROLE_TITLES: Record<AccountRole, string> = { student: 'обучающийся', parent: 'родитель (законный представитель)', staff: 'сотрудник' };
const collator = new Intl.Collator('ru', { numeric: true });

/** By group (those without one last), then by name: the order of the pages and of the logins given. */
export function holderOrder(a: AccountHolder, b: AccountHolder): number {
  return (
    Number(a.groups === null) - Number(b.groups === null) ||
    collator.compare(a.groups ?? '', b.groups ?? '') ||
    collator.compare(fullName(a), fullName(b)) ||
    a.person_id - b.person_id
  );
}

/**
 * Who gets accounts of a role: students of the groups (on a date) or all active students;
 * their parents and legal representatives; or all staff. Each comes with their account of
 * the role, if any.
 */
export function selectHolders(store: Store, role: AccountRole, groupIds: readonly number[] | 'all', on: IsoDate): AccountHolder[] {
  if (role === 'staff') return accountHolders(store, role, listStaff(store).map((s) => s.id), on);
  const students = groupIds === 'all' ? listStudents(store, { status: 'active', on }) : groupIds.flatMap((groupId) => listStudents(store, { groupId, on }));
  const ids = students.map((s) => s.id);
  return accountHolders(store, role, role === 'student' ? ids : guardianIds(store, ids), on);
}

/**
 * --format, else the extension of --out, else (no extension, or `-`) html, the slips.
 * UsageError `format_unknown` for an extension of another format (`slips.pdf`): writing HTML
 * under that name would give a file nothing opens.
 */
export function credentialsFormat(out: string, format?: CredentialFormat): CredentialFormat {
  if (format) return format;
  const extension = extname(out).toLowerCase();
  if (!extension) return 'html';
  const known = BY_EXTENSION[extension];
  if (!known) throw new UsageError('format_unknown', { file: out, formats: CREDENTIAL_FORMATS.join(', ') });
  return known;
}

/**
 * Refuse an output that cannot be written before anything is hashed or stored: a missing or
 * read-only directory, a directory in the file's place, an existing file without --force.
 */
export function checkOutput(output: Pick<CredentialsOutput, 'out' | 'format' | 'force'>): void {
  const { out, format, force } = output;
  if (out === '-') {
    if (format === 'xlsx' && process.stdout.isTTY) throw new UsageError('binary_to_terminal');
    return;
  }
  // The directory, its permissions, a directory in the file's place, the store and inputs of this run, an existing file.
  checkFileOutput(out, { force });
}

/**
 * Give each holder a new password: accounts for those without one (logins from their names,
 * unique in the whole store), new passwords for those with one. In this order, so that a
 * crash at any moment leaves the accounts and the file, or neither:
 * 1. passwords are hashed in parallel (hashMany: one per core) with no lock held;
 * 2. the file is written in full under a temporary name (mode 0600);
 * 3. one transaction re-reads the accounts (another run may have changed them during the
 *    hashing: RuleError `accounts_changed`, exit 4, and the temporary file is removed) and
 *    stores the hashes, audited as `issue` / `renewal` with the temporary file's name;
 * 4. the file is published under its name.
 * Between 3 and 4 a crash leaves committed accounts and the temporary file: the next run
 * (recoverInterrupted) publishes it, because the audit names it; a temporary file the audit
 * does not name belongs to a run that stored nothing and is removed. Stdout (`-`) is written
 * after the commit. Call checkOutput first, so a file that cannot be written is refused
 * before the hashing.
 */
export async function issueCredentials(
  store: Store,
  holders: readonly AccountHolder[],
  output: CredentialsOutput,
  options: { renewal: 'reissue' | 'reset'; onProgress?: (done: number, total: number) => void },
): Promise<IssuedAccount[]> {
  const sorted = [...holders].sort(holderOrder);
  const before = accountStamps(store, sorted);
  const length = getNumberSetting(store, 'credentials.passwordLength');
  const passwords = sorted.map(() => generatePassword(length));
  const hashes = await hashMany(passwords, options.onProgress);
  const fresh = assignLogins(
    sorted.filter((h) => h.login === null).map((h) => loginBase(h.last_name, h.first_name, h.middle_name ?? undefined)),
    allLogins(store),
  );
  let nextFresh = 0;
  const credentials: Credential[] = sorted.map((holder, i) => ({ holder, login: holder.login ?? fresh[nextFresh++], password: passwords[i] }));

  const bytes = await credentialBytes(credentials, output);
  const staged = output.out === '-' ? undefined : stageFile(output.out, bytes, { mode: SECRET_MODE, force: output.force });
  try {
    store.mutate(() => {
      if (accountStamps(store, sorted) !== before) throw new RuleError('accounts_changed');
      saveIssued(store, credentials.map((c, i) => ({ accountId: c.holder.account_id, personId: c.holder.person_id, role: c.holder.role, login: c.login, hash: hashes[i] })), options.renewal, staged?.staging);
    });
  } catch (error) {
    staged?.discard();
    if ((error as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE') throw new RuleError('accounts_changed');
    throw error;
  }
  if (staged) staged.publish();
  else await new Promise<void>((done, fail) => process.stdout.write(bytes, (err) => (err ? fail(err) : done())));
  return credentials.map(({ holder, login }) => ({ personId: holder.person_id, role: holder.role, name: fullName(holder), group: holder.groups, login, created: holder.account_id === null }));
}

/** The holders' accounts as they stand (id, hash, disabled), as one comparable string. */
function accountStamps(store: Store, holders: readonly AccountHolder[]): string {
  const roles = [...new Set(holders.map((h) => h.role))].sort();
  return JSON.stringify(roles.map((role) => accountStates(store, role, holders.filter((h) => h.role === role).map((h) => h.person_id))));
}

/**
 * Store issued passwords in one transaction, issued at the store's clock: new accounts
 * (audited as `issue`) and new passwords for existing ones (audited as `renewal`: reissue or
 * reset). The audit names logins, people and the temporary file the passwords wait in, never
 * a password or a hash.
 */
function saveIssued(store: Store, issued: readonly IssuedHash[], renewal: 'reissue' | 'reset', staging: string | undefined): void {
  writeIssued(store, issued, store.nowIso());
  const listed = (created: boolean) => issued.filter((a) => (a.accountId === null) === created).map((a) => ({ login: a.login, person: a.personId, role: a.role }));
  for (const [action, accounts] of [['issue', listed(true)], [renewal, listed(false)]] as const) {
    if (accounts.length) store.audit({ entity: 'account', action, after: { accounts, ...(staging ? { staging } : {}) } });
  }
}

/** What an interrupted earlier run left in the output's directory, and what was done with it. */
export interface RecoveredTemporary {
  file: string;
  /** Published: its run had stored the accounts. Removed: its run stored nothing. */
  action: 'published' | 'removed';
}

/**
 * Finish what a run killed between storing its accounts and publishing its file left in the
 * directory of `out`: a temporary file the audit names is published under its own name
 * (unless a file already has that name: then it is removed, and the accounts need a reset);
 * any other is removed, its passwords opening nothing. Both are reported.
 */
export function recoverInterrupted(store: Store, out: string): RecoveredTemporary[] {
  if (out === '-') return [];
  return staleTemporaries(dirname(resolve(out))).map(({ staging, target }) => {
    const path = join(dirname(resolve(out)), staging);
    if (auditNamesStaging(store, staging) && !existsSync(target)) {
      renameSync(path, target);
      return { file: target, action: 'published' as const };
    }
    rmSync(path, { force: true });
    return { file: path, action: 'removed' as const };
  });
}

/** Where the passwords go: `out` (a file, or `-`), its format and whether it may be replaced. */
export type CredentialsTarget = Omit<CredentialsOutput, 'org'>;

/** --out and --format as a checked target: InputError/UsageError when it cannot be written. */
export function credentialsTarget(out: string, format: CredentialFormat | undefined, force: boolean): CredentialsTarget {
  const target = { out, format: credentialsFormat(out, format), force };
  checkOutput(target);
  return target;
}

/** Hash, write the target, store; nothing to issue writes no file. */
async function deliver(store: Store, holders: AccountHolder[], target: CredentialsTarget, renewal: 'reissue' | 'reset', onProgress?: (done: number, total: number) => void): Promise<IssuedAccount[]> {
  if (!holders.length) return [];
  const org = getOrg(store);
  return issueCredentials(store, holders, { ...target, org: org.short_name ?? org.name }, { renewal, onProgress });
}

export interface IssueOptions {
  role: AccountRole;
  /** Group names (today's groups of the current year, or of `year`), or every active student / all staff. */
  groups: readonly string[] | 'all';
  /** The year the group names are looked up in (`--year`); default the current one. */
  year?: string;
  reissue: boolean;
  target: CredentialsTarget;
  onProgress?: (done: number, total: number) => void;
}

export interface IssueResult {
  file: string | null;
  format: CredentialFormat;
  role: AccountRole;
  /** How many people the selection held. */
  selected: number;
  created: number;
  reissued: number;
  skipped: number;
  accounts: IssuedAccount[];
  /** Temporary files of interrupted earlier runs found beside the output, and what became of them. */
  recovered: RecoveredTemporary[];
}

/**
 * `credentials issue`: accounts for the selected people who have none (and, with `reissue`,
 * new passwords for the enabled ones who do). UsageError `group_not_for_staff`,
 * `selection_required`.
 */
export async function issueAccounts(store: Store, options: IssueOptions): Promise<IssueResult> {
  const { role, groups, target } = options;
  if (role === 'staff' && groups !== 'all') throw new UsageError('group_not_for_staff', { command: 'issue' });
  const recovered = recoverInterrupted(store, target.out);
  checkOutput(target);
  const today = store.today;
  const named = groups === 'all' ? [] : groups.map((name) => findGroupInYear(store, name, options.year, today));
  const holders = selectHolders(store, role, groups === 'all' ? 'all' : named.map((g) => g.group.id), named[0]?.on ?? today);
  const todo = holders.filter((h) => h.account_id === null || (options.reissue && h.disabled_at === null));
  const issued = await deliver(store, todo, target, 'reissue', options.onProgress);
  const created = issued.filter((a) => a.created).length;
  return { file: issued.length ? target.out : null, format: target.format, role, selected: holders.length, created, reissued: issued.length - created, skipped: holders.length - issued.length, accounts: issued, recovered };
}

export interface ResetOptions {
  role: AccountRole;
  /** The accounts by login, or those of a group's students (or their parents). */
  select: { logins: readonly string[] } | { group: string };
  /** The year of `select.group` (`--year`); default the current one. */
  year?: string;
  target: CredentialsTarget;
  /** Asked once the accounts are known (how many would get new passwords), before any is changed; throws to stop. */
  confirm?: (accounts: number) => Promise<void>;
  onProgress?: (done: number, total: number) => void;
}

export interface ResetResult {
  file: string | null;
  format: CredentialFormat;
  reset: number;
  skippedDisabled: number;
  accounts: IssuedAccount[];
  recovered: RecoveredTemporary[];
}

/**
 * `credentials reset`: new one-time passwords. A disabled account named by login refuses
 * the whole command (RuleError `account_disabled`); a group's disabled ones are skipped.
 */
export async function resetAccounts(store: Store, options: ResetOptions): Promise<ResetResult> {
  const { role, select, target } = options;
  if ('group' in select && role === 'staff') throw new UsageError('group_not_for_staff', { command: 'reset' });
  const recovered = recoverInterrupted(store, target.out);
  checkOutput(target);
  const today = store.today;
  let holders: AccountHolder[];
  if ('group' in select) {
    const { group, on } = findGroupInYear(store, select.group, options.year, today);
    holders = selectHolders(store, role, [group.id], on).filter((h) => h.account_id !== null);
  } else {
    holders = [...new Set(select.logins.map(normalizeLogin))].map((login) => findAccount(store, login, today));
    const disabled = holders.filter((h) => h.disabled_at !== null).map((h) => h.login!);
    if (disabled.length) throw new RuleError('account_disabled', { logins: disabled.join(', '), since: null, reason: null }, { logins: disabled });
  }
  const enabled = holders.filter((h) => h.disabled_at === null);
  if (enabled.length) await options.confirm?.(enabled.length);
  const issued = await deliver(store, enabled, target, 'reset', options.onProgress);
  return { file: issued.length ? target.out : null, format: target.format, reset: issued.length, skippedDisabled: holders.length - enabled.length, accounts: issued, recovered };
}

/** The accounts, all or of a role, or those of a group's students and their parents, in holder order. */
export function listCredentials(store: Store, options: { group?: string; year?: string; role?: AccountRole }): { group: string | undefined; accounts: AccountView[] } {
  if (options.group !== undefined && options.role === 'staff') throw new UsageError('group_not_for_staff', { command: 'list' });
  const named = options.group === undefined ? undefined : findGroupInYear(store, options.group, options.year, store.today);
  const on = named?.on ?? store.today;
  const group = named?.group;
  const accounts = group
    ? (options.role ? [options.role] : (['student', 'parent'] as const)).flatMap((role) => selectHolders(store, role, [group.id], on)).filter((h): h is AccountView => h.account_id !== null)
    : listAccounts(store, { role: options.role, on });
  return { group: group?.name, accounts: accounts.sort(holderOrder) };
}

export interface AccountState {
  login: string;
  name: string;
  disabled: boolean;
  /** False when the account already was in that state. */
  changed: boolean;
  /** Since when it is disabled (a stored timestamp), when it is. */
  disabledAt: string | null;
  /** For a student's account enabled again: the status of a student who has left (expelled, graduated), else null. */
  studentLeft: Extract<StudentStatus, 'expelled' | 'graduated'> | null;
}

/** `credentials disable`: disabled at the store's clock, with the reason; audited. Disabling a disabled account changes nothing. */
export function disableAccount(store: Store, options: { login: string; reason?: string }): AccountState {
  const reason = options.reason?.trim() || null;
  const unchanged = (a: AccountView): AccountState => ({ login: a.login, name: fullName(a), disabled: true, changed: false, disabledAt: a.disabled_at, studentLeft: null });
  const found = findAccount(store, options.login, store.today);
  if (found.disabled_at !== null) return unchanged(found);
  return store.mutate(() => {
    // Read again inside the transaction: another run may have disabled it meanwhile.
    const account = findAccount(store, options.login, store.today);
    if (account.disabled_at !== null) return unchanged(account);
    const at = store.nowIso();
    markAccountDisabled(store, account.account_id, at, reason);
    store.audit({ entity: 'account', entityId: account.login, action: 'disable', before: { disabled: false }, after: { disabled: true, reason } });
    return { login: account.login, name: fullName(account), disabled: true, changed: true, disabledAt: at, studentLeft: null };
  });
}

/**
 * `credentials enable`: audited; the disabling stays on record, ended. Enabling an enabled
 * account changes nothing. A student's account is enabled even when the student has left (a
 * graduate who keeps access, say); `studentLeft` says so, for the caller to point out.
 */
export function enableAccount(store: Store, options: { login: string }): AccountState {
  const unchanged = (a: AccountView): AccountState => ({ login: a.login, name: fullName(a), disabled: false, changed: false, disabledAt: null, studentLeft: null });
  const found = findAccount(store, options.login, store.today);
  if (found.disabled_at === null) return unchanged(found);
  return store.mutate(() => {
    const account = findAccount(store, options.login, store.today);
    if (account.disabled_at === null) return unchanged(account);
    markAccountEnabled(store, account.account_id, store.nowIso());
    store.audit({ entity: 'account', entityId: account.login, action: 'enable', before: { disabled: true, reason: account.disabled_reason }, after: { disabled: false } });
    const status = account.role === 'student' ? getStudent(store, account.person_id, store.today)?.status : undefined;
    const studentLeft = status === 'expelled' || status === 'graduated' ? status : null;
    return { login: account.login, name: fullName(account), disabled: false, changed: true, disabledAt: null, studentLeft };
  });
}

/** A valid hash of no password, so an unknown login takes as long to refuse as a wrong password. */
const NO_ACCOUNT_HASH = '$argon2id$v=19$m=19456,t=2,p=1$lurR0xRAhNmOYYZ7n8Rodw$N6aPSOjqNHqaCXjp68qG/QHpuGjT1RzAyOYHlzodyvw';

/**
 * `credentials verify`: whether the password opens the account. Exit 0 on a match, 4
 * otherwise (README): RuleError `password_mismatch`, `account_disabled` (the password
 * matches a disabled account) or `account_not_found` (no such login: nothing can match).
 */
export async function verifyCredentials(store: Store, options: { login: string; password: string }): Promise<{ login: string; ok: true; mustChange: boolean }> {
  const [account] = listAccounts(store, { logins: [normalizeLogin(options.login)], on: store.today });
  if (!account) {
    await verifyPassword(NO_ACCOUNT_HASH, options.password);
    throw new RuleError('account_not_found', { login: options.login });
  }
  if (!(await verifyPassword(passwordHash(store, account.account_id), options.password))) {
    throw new RuleError('password_mismatch', { login: account.login });
  }
  if (account.disabled_at !== null) {
    throw new RuleError('account_disabled', { logins: account.login, since: formatDate(account.disabled_at.slice(0, 10)), reason: account.disabled_reason }, { login: account.login });
  }
  return { login: account.login, ok: true, mustChange: account.must_change === 1 };
}

/** The file's content in its format: slips, a table, or Moodle's upload file. */
async function credentialBytes(credentials: Credential[], output: CredentialsOutput): Promise<string | Uint8Array> {
  const { out, format } = output;
  if (format === 'html') return renderSlips(credentials, output.org);
  const sheet = format === 'moodle' ? moodleSheet(credentials) : credentialsSheet(credentials);
  return (await tableBytes(out, sheet, { format: format === 'xlsx' ? 'xlsx' : 'csv', delimiter: format === 'moodle' ? ',' : undefined })).data;
}

function credentialsSheet(credentials: Credential[]): SheetData {
  return {
    name: 'Учётные данные',
    headers: ['ФИО', 'Группа', 'Роль', 'Логин', 'Пароль'],
    rows: credentials.map(({ holder, login, password }) => [fullName(holder), holder.groups, ROLE_TITLES[holder.role], login, password]),
  };
}

/**
 * Moodle's «Upload users» file (comma-separated UTF-8; Moodle strips the BOM). The first
 * name carries the patronymic, as Russian Moodle sites show «Юлия Сергеевна Щеглова».
 * Only students join their group's cohort: cohort sync would enrol a parent or a teacher
 * put there as a student of the group's courses.
 */
function moodleSheet(credentials: Credential[]): SheetData {
  return {
    headers: ['username', 'password', 'firstname', 'lastname', 'email', 'idnumber', 'cohort1'],
    rows: credentials.map(({ holder: h, login, password }) => [
      login,
      password,
      [h.first_name, h.middle_name].filter(Boolean).join(' '),
      h.last_name,
      h.email,
      String(h.person_id),
      h.role === 'student' ? h.groups : null,
    ]),
  };
}

/**
 * The printable sheet: templates/slips.html (through the escaping template engine) with one
 * page per group (staff on a page of their own), slips separated by cut lines. The printed
 * words are Russian whatever the interface language.
 */
export function renderSlips(credentials: readonly Credential[], org: string, template?: string): string {
  const pages = new Map<string, Credential[]>();
  for (const c of credentials) {
    const title = c.holder.groups ?? (c.holder.role === 'staff' ? 'Сотрудники' : 'Без группы');
    const page = pages.get(title);
    if (page) page.push(c);
    else pages.set(title, [c]);
  }
  return renderTemplate(
    'slips',
    {
      title: `Учётные данные — ${org}`,
      org,
      pages: [...pages].map(([title, list]) => ({
        title,
        slips: list.map(({ holder, login, password }) => ({ name: fullName(holder), group: holder.groups ?? null, role: ROLE_TITLES[holder.role], login, password })),
      })),
    },
    template,
  );
}
