import { accessSync, constants, readFileSync, rmSync, statSync } from 'node:fs';
import { dirname, extname, resolve } from 'node:path';
import { InputError, RuleError, UsageError } from '../core/errors.js';
import { L } from '../core/i18n.js';
import type { IsoDate } from '../domain/dates.js';
import { assignLogins } from '../domain/logins.js';
import { generatePassword } from '../domain/passwords.js';
import { loginBase } from '../domain/translit.js';
import { writeFileAtomic } from '../io/atomicWrite.js';
import { writeTable, type SheetData } from '../io/writeTable.js';
import { escapeHtml } from '../reports/render.js';
import { accountHolders, allLogins, guardianIds, saveIssued, type AccountHolder, type AccountRole } from '../store/accounts.js';
import { fullName } from '../store/people.js';
import { getNumberSetting } from '../store/settings.js';
import { listStaff } from '../store/staff.js';
import type { Store } from '../store/store.js';
import { listStudents } from '../store/students.js';
import { hashMany } from './passwordHash.js';

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

const TEMPLATE = new URL('../../templates/slips.html', import.meta.url);
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

/** --format, else the extension of --out, else html. */
export function credentialsFormat(out: string, format?: CredentialFormat): CredentialFormat {
  return format ?? BY_EXTENSION[extname(out).toLowerCase()] ?? 'html';
}

/**
 * Refuse an output that cannot be written before anything is hashed or stored: a missing or
 * read-only directory, a directory in the file's place, an existing file without --force.
 */
export function checkOutput(output: Pick<CredentialsOutput, 'out' | 'format' | 'force'>): void {
  const { out, format, force } = output;
  if (out === '-') {
    if (format === 'xlsx' && process.stdout.isTTY) throw new UsageError('binary_to_terminal', L('Refusing to write XLSX to a terminal; use --out FILE', 'XLSX нельзя вывести на терминал; укажите --out ФАЙЛ'));
    return;
  }
  const target = resolve(out);
  const dir = dirname(target);
  if (!statSync(dir, { throwIfNoEntry: false })?.isDirectory()) {
    throw new InputError('directory_not_found', L(`Directory not found: ${dir}`, `Папка не найдена: ${dir}`), { file: out, directory: dir });
  }
  try {
    accessSync(dir, constants.W_OK);
  } catch {
    throw new InputError('directory_not_writable', L(`Cannot write to the directory ${dir}.`, `Нет права записи в папку ${dir}.`), { file: out, directory: dir });
  }
  const existing = statSync(target, { throwIfNoEntry: false });
  if (existing?.isDirectory()) throw new InputError('out_is_directory', L(`${out} is a directory; give a file name.`, `${out} — это папка; укажите имя файла.`), { file: out });
  if (existing && !force) throw new InputError('file_exists', L(`${out} already exists; use --force to overwrite it`, `Файл ${out} уже существует; чтобы перезаписать его, укажите --force`), { file: out });
}

/**
 * Give each holder a new password: accounts for those without one (logins from their names,
 * unique in the whole store), new passwords for those with one. Passwords are hashed in
 * parallel first (hashMany: one per core, within libuv's pool of 4 threads) with no lock
 * held; then the output file is written; then everything is stored in one transaction,
 * audited as `issue` for new accounts and as `renewal` for the others.
 *
 * The file is written before the transaction, not inside it: the writers are asynchronous
 * (XLSX loads lazily, stdout drains) and a SQLite transaction cannot wait for them. If the
 * transaction then fails, the file is removed: its passwords open nothing. The opposite
 * order could leave accounts whose passwords nobody has. Call checkOutput first, so that a
 * file that cannot be written is refused before the hashing.
 */
export async function issueCredentials(
  store: Store,
  holders: readonly AccountHolder[],
  output: CredentialsOutput,
  options: { renewal: 'reissue' | 'reset'; onProgress?: (done: number, total: number) => void },
): Promise<IssuedAccount[]> {
  const sorted = [...holders].sort(holderOrder);
  const length = getNumberSetting(store, 'credentials.passwordLength');
  const passwords = sorted.map(() => generatePassword(length));
  const hashes = await hashMany(passwords, options.onProgress);
  const fresh = assignLogins(
    sorted.filter((h) => h.login === null).map((h) => loginBase(h.last_name, h.first_name, h.middle_name ?? undefined)),
    allLogins(store),
  );
  let nextFresh = 0;
  const credentials: Credential[] = sorted.map((holder, i) => ({ holder, login: holder.login ?? fresh[nextFresh++], password: passwords[i] }));

  await writeCredentials(credentials, output);
  try {
    saveIssued(store, credentials.map((c, i) => ({ accountId: c.holder.account_id, personId: c.holder.person_id, role: c.holder.role, login: c.login, hash: hashes[i] })), options.renewal);
  } catch (error) {
    if (output.out !== '-') rmSync(output.out, { force: true });
    if ((error as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE') {
      throw new RuleError('accounts_changed', L('Accounts changed while the passwords were hashed (another `credentials issue`?). Nothing was stored and the file was removed; run the command again.', 'Учётные записи изменились, пока хешировались пароли (другой `credentials issue`?). Ничего не сохранено, файл удалён; повторите команду.'));
    }
    throw error;
  }
  return credentials.map(({ holder, login }) => ({ personId: holder.person_id, role: holder.role, name: fullName(holder), group: holder.groups, login, created: holder.account_id === null }));
}

async function writeCredentials(credentials: Credential[], output: CredentialsOutput): Promise<void> {
  const { out, format, force } = output;
  if (format !== 'html') {
    const sheet = format === 'moodle' ? moodleSheet(credentials) : credentialsSheet(credentials);
    await writeTable(out, sheet, { format: format === 'xlsx' ? 'xlsx' : 'csv', delimiter: format === 'moodle' ? ',' : undefined, mode: SECRET_MODE, force });
    return;
  }
  const html = renderSlips(credentials, output.org);
  if (out !== '-') writeFileAtomic(out, html, { mode: SECRET_MODE, force });
  else await new Promise<void>((done, fail) => process.stdout.write(html, (err) => (err ? fail(err) : done())));
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
 * The printable sheet: templates/slips.html with one page per group (staff on a page of
 * their own), slips separated by cut lines. The printed words are Russian whatever the
 * interface language; every value passes escapeHtml.
 */
export function renderSlips(credentials: readonly Credential[], org: string, template: string = readFileSync(TEMPLATE, 'utf8')): string {
  const pages = new Map<string, Credential[]>();
  for (const c of credentials) {
    const title = c.holder.groups ?? (c.holder.role === 'staff' ? 'Сотрудники' : 'Без группы');
    const page = pages.get(title);
    if (page) page.push(c);
    else pages.set(title, [c]);
  }
  const slip = ({ holder, login, password }: Credential) => `<div class="slip">
<p class="org">${escapeHtml(org)}</p>
<p class="name">${escapeHtml(fullName(holder))}</p>
<p>${holder.groups ? `Группа: ${escapeHtml(holder.groups)}. ` : ''}Роль: ${ROLE_TITLES[holder.role]}</p>
<table class="secret"><tr><th>Логин</th><td>${escapeHtml(login)}</td></tr><tr><th>Пароль</th><td>${escapeHtml(password)}</td></tr></table>
<p class="note">Смените пароль при первом входе. Никому не сообщайте логин и пароль.</p>
</div>`;
  const values: Record<string, string> = {
    title: escapeHtml(`Учётные данные — ${org}`),
    pages: [...pages].map(([title, list]) => `<section class="page">\n<h1>${escapeHtml(title)}</h1>\n<div class="slips">\n${list.map(slip).join('\n')}\n</div>\n</section>`).join('\n'),
  };
  return template.replace(/\{\{(\w+)\}\}/g, (_, name: string) => {
    if (!(name in values)) throw new Error(`slips template: unknown placeholder {{${name}}}`);
    return values[name];
  });
}
