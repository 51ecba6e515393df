import { Command, Option } from 'commander';
import { act, collect, withExamples } from '../cli/command.js';
import type { Context } from '../cli/context.js';
import { RuleError, UsageError } from '../core/errors.js';
import { L } from '../core/i18n.js';
import { progressBar } from '../cli/progress.js';
import { formatDate } from '../domain/dates.js';
import type { Report } from '../reports/model.js';
import { emitReport, outputOptions, type OutputFlags } from '../cli/output.js';
import {
  CREDENTIAL_FORMATS,
  ROLE_TITLES,
  checkOutput,
  credentialsFormat,
  holderOrder,
  issueCredentials,
  selectHolders,
  type CredentialFormat,
  type CredentialsOutput,
  type IssuedAccount,
} from '../services/credentials.js';
import { verifyPassword } from '../services/passwordHash.js';
import { ACCOUNT_ROLES, disableAccount, enableAccount, findAccount, listAccounts, normalizeLogin, passwordHash, type AccountHolder, type AccountRole, type AccountView } from '../store/accounts.js';
import { findGroup } from '../store/groups.js';
import { getOrg } from '../store/org.js';
import { fullName } from '../store/people.js';
import type { Store } from '../store/store.js';

interface OutFlags {
  out: string;
  format?: CredentialFormat;
  force?: boolean;
}

const roleOption = () => new Option('--role <role>', 'whose accounts: students, their parents, or staff').choices(ACCOUNT_ROLES);

function outOptions(command: Command): Command {
  return command
    .requiredOption('--out <file>', 'the file with the passwords, written with mode 0600; - is stdout')
    .addOption(new Option('--format <format>', 'html: slips to print and cut; moodle: Moodle\'s «Upload users» CSV (default: from the --out extension, else html)').choices(CREDENTIAL_FORMATS))
    .option('--force', 'overwrite an existing --out file');
}

export default function (): Command {
  const credentials = new Command('credentials').description('accounts of students, parents and staff: logins and one-time passwords');

  withExamples(
    outOptions(
      credentials
        .command('issue')
        .description('create accounts for those without one; the passwords go only to --out')
        .option('--group <name>', 'the students in this group today (repeatable)', collect)
        .option('--all', 'all active students (or all staff with --role staff)')
        .addOption(roleOption().default('student'))
        .option('--reissue', 'also give new passwords to those who already have an account'),
    ).action(act(issue)),
    'registrar credentials issue --group ИС-25 --out ИС-25.html',
    'registrar credentials issue --group ИС-25 --role parent --out parents.html',
    'registrar credentials issue --all --format moodle --out moodle.csv',
    'registrar credentials issue --role staff --out staff.xlsx',
  );

  withExamples(
    outputOptions(
      credentials
        .command('list')
        .description('accounts: login, role, name, group, issued, must change, disabled (never a password)')
        .option('--group <name>', 'the accounts of the students in this group today and of their parents')
        .addOption(roleOption()),
      ['table', 'json', 'csv', 'xlsx'],
    ).action(act(list)),
    'registrar credentials list --group ИС-25',
    'registrar credentials list --role staff --json',
  );

  withExamples(
    outOptions(
      credentials
        .command('reset [logins...]')
        .description('new passwords (to be changed at first login) for these accounts or a group\'s')
        .option('--group <name>', 'the accounts of the students in this group today (or their parents with --role parent)')
        .addOption(roleOption().default('student')),
    ).action(act(reset)),
    'registrar credentials reset shcheglovais --out shcheglovais.html',
    'registrar credentials reset --group ИС-25 --out ИС-25.html',
  );

  withExamples(
    credentials.command('disable <login>').description('close an account (it stays, with the date and the reason)').option('--reason <text>', 'why, for the audit log').action(act(disable)),
    'registrar credentials disable ivanovii --reason "утерян пароль"',
  );

  withExamples(credentials.command('enable <login>').description('reopen a disabled account').action(act(enable)), 'registrar credentials enable ivanovii');

  withExamples(
    credentials
      .command('verify <login>')
      .description('check a password, read from stdin (first line) or asked for on a terminal, never from a flag: exit 0 if it opens the account, 4 if not')
      .action(act(verify)),
    'registrar credentials verify shcheglovais',
    'printf "%s\\n" "$PASSWORD" | registrar credentials verify shcheglovais --json',
  );
  return credentials;
}

/** Check --out before anything is hashed: a file that cannot be written refuses the command. */
function outputOf(ctx: Context, flags: OutFlags): Omit<CredentialsOutput, 'org'> {
  if (flags.out === '-' && ctx.json) {
    throw new UsageError('json_conflict', L('--json prints one JSON document on stdout; write the credentials with --out FILE.', '--json выводит один документ JSON; учётные данные запишите через --out ФАЙЛ.'));
  }
  const output = { out: flags.out, format: credentialsFormat(flags.out, flags.format), force: Boolean(flags.force) };
  checkOutput(output);
  return output;
}

/** Hash (with a progress bar on a terminal), write --out, store. Nothing to issue writes no file. */
async function deliver(ctx: Context, store: Store, holders: AccountHolder[], output: Omit<CredentialsOutput, 'org'>, renewal: 'reissue' | 'reset'): Promise<IssuedAccount[]> {
  if (!holders.length) return [];
  const org = getOrg(store);
  const bar = progressBar(ctx, L('Hashing passwords', 'Хеширование паролей'));
  try {
    return await issueCredentials(store, holders, { ...output, org: org.short_name ?? org.name }, { renewal, onProgress: bar.update });
  } finally {
    bar.finish();
  }
}

/** When the credentials themselves went to stdout, the summary goes to stderr. */
function summary(ctx: Context, out: string, message: string): void {
  if (out === '-') ctx.info(message);
  else ctx.done(message);
}

const secretNote = () => L('The file holds passwords: hand the slips out, then delete it.', 'В файле пароли: раздайте их и удалите файл.');

async function issue(ctx: Context, flags: OutFlags & { group?: string[]; all?: boolean; role: AccountRole; reissue?: boolean }): Promise<void> {
  if (flags.role === 'staff' && flags.group) {
    throw new UsageError('group_not_for_staff', L('--group selects students or parents; staff accounts are issued with --role staff alone.', '--group выбирает обучающихся или родителей; сотрудникам учётные записи выдаются просто с --role staff.'));
  }
  if (flags.role !== 'staff' && Boolean(flags.group) === Boolean(flags.all)) {
    throw new UsageError('selection_required', L('Give --group G (repeatable) or --all, one of them.', 'Укажите --group Г (можно несколько раз) или --all — что-то одно.'));
  }
  const output = outputOf(ctx, flags);
  const store = await ctx.openStore();
  const groups = flags.group ? flags.group.map((name) => findGroup(store, name, undefined, ctx.today).id) : 'all';
  const holders = selectHolders(store, flags.role, groups, ctx.today);
  const todo = holders.filter((h) => h.account_id === null || (flags.reissue && h.disabled_at === null));
  const issued = await deliver(ctx, store, todo, output, 'reissue');
  const created = issued.filter((a) => a.created).length;
  const result = { file: issued.length ? output.out : null, format: output.format, role: flags.role, created, reissued: issued.length - created, skipped: holders.length - issued.length, accounts: issued };
  ctx.result(result, () =>
    issued.length
      ? summary(ctx, output.out, L(
          `${output.out}: ${created} accounts created, ${result.reissued} reissued, ${result.skipped} left as they were. ${secretNote()}`,
          `${output.out}: создано учётных записей: ${created}, выдано заново: ${result.reissued}, оставлено как было: ${result.skipped}. ${secretNote()}`,
        ))
      : ctx.print(holders.length
          ? L(`Nothing to issue: all ${holders.length} have accounts (--reissue gives new passwords); no file written.`, `Выдавать нечего: у всех (${holders.length}) есть учётные записи (новые пароли даёт --reissue); файл не записан.`)
          : L('Nobody to issue for: the selection is empty; no file written.', 'Выдавать некому: никто не выбран; файл не записан.')),
  );
}

async function reset(ctx: Context, flags: OutFlags & { group?: string; role: AccountRole }, logins: string[]): Promise<void> {
  if (Boolean(logins.length) === Boolean(flags.group)) {
    throw new UsageError('selection_required', L('Give the logins or --group G, one of them.', 'Укажите логины или --group Г — что-то одно.'));
  }
  if (flags.group && flags.role === 'staff') throw new UsageError('group_not_for_staff', L('--group selects students or parents; name staff accounts by login.', '--group выбирает обучающихся или родителей; учётные записи сотрудников назовите логинами.'));
  const output = outputOf(ctx, flags);
  const store = await ctx.openStore();
  let holders: AccountHolder[];
  if (flags.group) {
    holders = selectHolders(store, flags.role, [findGroup(store, flags.group, undefined, ctx.today).id], ctx.today).filter((h) => h.account_id !== null);
  } else {
    holders = [...new Set(logins.map(normalizeLogin))].map((login) => findAccount(store, login, ctx.today));
    const disabled = holders.filter((h) => h.disabled_at !== null).map((h) => h.login);
    if (disabled.length) {
      throw new RuleError('account_disabled', L(`Disabled: ${disabled.join(', ')}; enable first (\`credentials enable LOGIN\`).`, `Отключены: ${disabled.join(', ')}; сначала включите (\`credentials enable ЛОГИН\`).`), { logins: disabled });
    }
  }
  const enabled = holders.filter((h) => h.disabled_at === null);
  const issued = await deliver(ctx, store, enabled, output, 'reset');
  const result = { file: issued.length ? output.out : null, format: output.format, reset: issued.length, skippedDisabled: holders.length - enabled.length, accounts: issued };
  ctx.result(result, () =>
    issued.length
      ? summary(ctx, output.out, L(
          `${output.out}: new passwords for ${issued.length} accounts${result.skippedDisabled ? `, ${result.skippedDisabled} disabled left alone` : ''}. ${secretNote()}`,
          `${output.out}: новые пароли для учётных записей: ${issued.length}${result.skippedDisabled ? `, отключённых не тронуто: ${result.skippedDisabled}` : ''}. ${secretNote()}`,
        ))
      : ctx.print(L('No enabled accounts to reset; no file written.', 'Нет включённых учётных записей для сброса; файл не записан.')),
  );
}

function publicAccount(a: AccountView) {
  return {
    login: a.login,
    role: a.role,
    personId: a.person_id,
    name: fullName(a),
    group: a.groups,
    issuedAt: a.issued_at,
    issuedBy: a.issued_by,
    mustChange: a.must_change === 1,
    disabled: a.disabled_at !== null,
    disabledAt: a.disabled_at,
    disabledReason: a.disabled_reason,
  };
}

async function list(ctx: Context, flags: OutputFlags & { group?: string; role?: AccountRole }): Promise<void> {
  if (flags.group && flags.role === 'staff') throw new UsageError('group_not_for_staff', L('Staff accounts belong to no group; drop --group.', 'Учётные записи сотрудников не относятся к группам; уберите --group.'));
  const store = await ctx.openStore();
  const on = ctx.today;
  const group = flags.group === undefined ? undefined : findGroup(store, flags.group, undefined, on);
  const accounts = group
    ? (flags.role ? [flags.role] : (['student', 'parent'] as const)).flatMap((role) => selectHolders(store, role, [group.id], on)).filter((h): h is AccountView => h.account_id !== null)
    : listAccounts(store, { role: flags.role, on });
  accounts.sort(holderOrder);
  const org = getOrg(store);
  const report: Report = {
    title: 'Учётные записи',
    subtitle: `на ${formatDate(on)}`,
    meta: { org: org.short_name ?? org.name, group: group?.name },
    columns: [
      { key: 'login', header: 'Логин' },
      { key: 'role', header: 'Роль' },
      { key: 'name', header: 'ФИО' },
      { key: 'group', header: 'Группа' },
      { key: 'issued', header: 'Выдана', date: true },
      { key: 'issuedBy', header: 'Кем' },
      { key: 'mustChange', header: 'Сменить пароль', align: 'center' },
      { key: 'disabled', header: 'Отключена', date: true },
      { key: 'reason', header: 'Причина' },
    ],
    rows: accounts.map((a) => ({
      login: a.login,
      role: ROLE_TITLES[a.role],
      name: fullName(a),
      group: a.groups,
      issued: a.issued_at.slice(0, 10),
      issuedBy: a.issued_by,
      mustChange: a.must_change ? 'да' : 'нет',
      disabled: a.disabled_at?.slice(0, 10) ?? null,
      reason: a.disabled_reason,
    })),
  };
  await emitReport(ctx, report, flags, { json: accounts.map(publicAccount), formats: ['table', 'json', 'csv', 'xlsx'] });
}

async function disable(ctx: Context, flags: { reason?: string }, login: string): Promise<void> {
  const store = await ctx.openStore();
  const account = findAccount(store, login, ctx.today);
  const changed = account.disabled_at === null;
  if (changed) disableAccount(store, account, flags.reason?.trim() || null);
  ctx.result({ login: account.login, disabled: true, changed }, () =>
    changed
      ? ctx.done(L(`${account.login} (${fullName(account)}) is disabled.`, `${account.login} (${fullName(account)}) отключена.`))
      : ctx.print(L(`${account.login} has been disabled since ${formatDate(account.disabled_at!.slice(0, 10))}; nothing changed.`, `${account.login} отключена с ${formatDate(account.disabled_at!.slice(0, 10))}; ничего не изменено.`)),
  );
}

async function enable(ctx: Context, _flags: unknown, login: string): Promise<void> {
  const store = await ctx.openStore();
  const account = findAccount(store, login, ctx.today);
  const changed = account.disabled_at !== null;
  if (changed) enableAccount(store, account);
  ctx.result({ login: account.login, disabled: false, changed }, () =>
    changed
      ? ctx.done(L(`${account.login} (${fullName(account)}) is enabled.`, `${account.login} (${fullName(account)}) включена.`))
      : ctx.print(L(`${account.login} is enabled already; nothing changed.`, `${account.login} уже включена; ничего не изменено.`)),
  );
}

async function verify(ctx: Context, _flags: unknown, login: string): Promise<void> {
  const store = await ctx.openStore();
  const account = findAccount(store, login, ctx.today);
  const password = await readPassword(ctx);
  if (!(await verifyPassword(passwordHash(store, account.account_id), password))) {
    throw new RuleError('password_mismatch', L(`The password does not match ${account.login}.`, `Пароль не подходит к ${account.login}.`), { login: account.login });
  }
  if (account.disabled_at !== null) {
    const since = formatDate(account.disabled_at.slice(0, 10));
    const reason = account.disabled_reason ? `: ${account.disabled_reason}` : '';
    throw new RuleError('account_disabled', L(`The password matches, but ${account.login} is disabled (since ${since}${reason}).`, `Пароль верный, но ${account.login} отключена (с ${since}${reason}).`), { login: account.login });
  }
  ctx.result({ login: account.login, ok: true, mustChange: account.must_change === 1 }, () => ctx.print('ok'));
}

/** The first line of stdin, or a hidden prompt on a terminal: a password never comes from a flag (ps, shell history). */
async function readPassword(ctx: Context): Promise<string> {
  const stdin = ctx.streams.stdin;
  let password = '';
  if (stdin.isTTY) {
    if (!ctx.interactive) {
      throw new UsageError('password_required', L('Pipe the password on stdin, or run without --no-input/--json to be asked for it.', 'Передайте пароль через stdin или запустите без --no-input/--json, чтобы ввести его.'));
    }
    const { password: ask } = await import('@inquirer/prompts');
    password = await ask({ message: L('Password', 'Пароль') });
  } else {
    stdin.setEncoding('utf8');
    for await (const chunk of stdin) {
      password += chunk;
      if (password.includes('\n')) break;
    }
    password = password.split(/\r?\n/, 1)[0];
  }
  if (!password) throw new UsageError('password_required', L('No password on stdin.', 'В stdin нет пароля.'));
  return password;
}
