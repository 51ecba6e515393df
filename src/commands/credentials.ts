import { Command, Option } from 'commander';
import { act, collect, withExamples } from '../cli/command.js';
import type { Context } from '../cli/context.js';
import { UsageError } from '../core/errors.js';
import { t } from '../core/i18n.js';
import { progressBar } from '../cli/progress.js';
import { formatDate } from '../domain/dates.js';
import { statusName } from '../domain/orders.js';
import type { Report } from '../reports/model.js';
import { emitReport, outputOptions, type OutputFlags } from '../cli/output.js';
import {
  CREDENTIAL_FORMATS,
  credentialsTarget,
  disableAccount,
  enableAccount,
  issueAccounts,
  listCredentials,
  resetAccounts,
  type RecoveredTemporary,
  verifyCredentials,
  type CredentialFormat,
  type CredentialsTarget,
} from '../services/credentials.js';
import { ACCOUNT_ROLES, type AccountRole, type AccountView } from '../store/accounts.js';
import { getOrg } from '../store/org.js';
import { fullName } from '../store/people.js';

interface OutFlags {
  out: string;
  format?: CredentialFormat;
  force?: boolean;
}

const roleOption = () => new Option('--role <role>', t('opt_cred_role')).choices(ACCOUNT_ROLES);

function outOptions(command: Command): Command {
  return command
    .requiredOption('--out <file>', t('opt_cred_out'))
    .addOption(new Option('--format <format>', t('opt_cred_format')).choices(CREDENTIAL_FORMATS))
    .option('--force', t('opt_cred_force'));
}

export default function (): Command {
  const credentials = withExamples(
    new Command('credentials').description(t('help_credentials')),
    'registrar credentials issue --group ИС-25 --out ИС-25.html',
    'registrar credentials list --group ИС-25',
    'registrar credentials reset ivanovii --out ivanovii.html',
  );

  withExamples(
    outOptions(
      credentials
        .command('issue')
        .description(t('help_credentials_issue'))
        .option('--group <name>', t('opt_cred_issue_group'), collect)
        .option('--year <name>', t('reader_opt_group_year'))
        .option('--all', t('opt_cred_all'))
        .addOption(roleOption().default('student'))
        .option('--reissue', t('opt_cred_reissue')),
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
        .description(t('help_credentials_list'))
        .option('--group <name>', t('opt_cred_list_group'))
        .option('--year <name>', t('reader_opt_group_year'))
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
        .description(t('help_credentials_reset'))
        .option('--group <name>', t('opt_cred_reset_group'))
        .option('--year <name>', t('reader_opt_group_year'))
        .addOption(roleOption().default('student')),
    ).action(act(reset)),
    'registrar credentials reset shcheglovais --out shcheglovais.html',
    'registrar credentials reset --group ИС-25 --out ИС-25.html',
  );

  withExamples(
    credentials.command('disable <login>').description(t('help_credentials_disable')).option('--reason <text>', t('opt_cred_reason')).action(act(disable)),
    'registrar credentials disable ivanovii --reason "утерян пароль"',
  );

  withExamples(credentials.command('enable <login>').description(t('help_credentials_enable')).action(act(enable)), 'registrar credentials enable ivanovii');

  withExamples(
    credentials
      .command('verify <login>')
      .description(t('help_credentials_verify'))
      .action(act(verify)),
    'registrar credentials verify shcheglovais',
    'printf "%s\\n" "$PASSWORD" | registrar credentials verify shcheglovais --json',
  );
  return credentials;
}

/** --out and --format, checked before the store is opened or anything hashed. */
function targetOf(ctx: Context, flags: OutFlags): CredentialsTarget {
  if (flags.out === '-' && ctx.json) throw new UsageError('json_conflict', { format: t('cred_the_credentials') });
  return credentialsTarget(flags.out, flags.format, Boolean(flags.force));
}

/** When the credentials themselves went to stdout, the summary goes to stderr. */
function summary(ctx: Context, out: string, message: string): void {
  const line = `${message} ${t('cred_secret_note')}`;
  if (out === '-') ctx.info(line);
  else ctx.done(line);
}

/** What became of the temporary files of interrupted earlier runs. */
function reportRecovered(ctx: Context, recovered: readonly RecoveredTemporary[]): void {
  for (const r of recovered) ctx.warn(t(r.action === 'published' ? 'cred_recovered_published' : 'cred_recovered_removed', { file: r.file }));
}

/** Hashing shows a progress bar on a terminal. */
async function withBar<T>(ctx: Context, run: (onProgress: (done: number, total: number) => void) => Promise<T>): Promise<T> {
  const bar = progressBar(ctx, t('cred_hashing'));
  try {
    return await run(bar.update);
  } finally {
    bar.finish();
  }
}

async function issue(ctx: Context, flags: OutFlags & { group?: string[]; year?: string; all?: boolean; role: AccountRole; reissue?: boolean }): Promise<void> {
  if (flags.role === 'staff' && flags.group) throw new UsageError('group_not_for_staff', { command: 'issue' });
  if (flags.role !== 'staff' && Boolean(flags.group) === Boolean(flags.all)) throw new UsageError('selection_required', { command: 'issue' });
  const target = targetOf(ctx, flags);
  const store = await ctx.openStore();
  const result = await withBar(ctx, (onProgress) => issueAccounts(store, { role: flags.role, groups: flags.group ?? 'all', year: flags.year, reissue: Boolean(flags.reissue), target, onProgress }));
  reportRecovered(ctx, result.recovered);
  const { selected: _selected, ...json } = result;
  ctx.result(json, () =>
    result.accounts.length
      ? summary(ctx, target.out, t('cred_issued', { file: target.out, created: result.created, reissued: result.reissued, skipped: result.skipped }))
      : ctx.print(result.selected ? t('cred_nothing_to_issue', { count: result.selected }) : t('cred_nobody')),
  );
}

async function reset(ctx: Context, flags: OutFlags & { group?: string; year?: string; role: AccountRole }, logins: string[]): Promise<void> {
  if (Boolean(logins.length) === Boolean(flags.group)) throw new UsageError('selection_required', { command: 'reset' });
  if (flags.group && flags.role === 'staff') throw new UsageError('group_not_for_staff', { command: 'reset' });
  const target = targetOf(ctx, flags);
  const store = await ctx.openStore();
  const select = flags.group ? { group: flags.group } : { logins };
  // The passwords people hold stop working: asked once the accounts are known (--yes under cron).
  const confirm = (count: number) => ctx.confirm(flags.group ? t('cred_reset_confirm_group', { group: flags.group, count }) : t('cred_reset_confirm', { logins: logins.join(', ') }));
  const result = await withBar(ctx, (onProgress) => resetAccounts(store, { role: flags.role, select, year: flags.year, target, confirm, onProgress }));
  reportRecovered(ctx, result.recovered);
  ctx.result(result, () =>
    result.accounts.length
      ? summary(ctx, target.out, t('cred_reset_done', { file: target.out, count: result.reset, skippedDisabled: result.skippedDisabled }))
      : ctx.print(t('cred_nothing_to_reset')),
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

function roleLabel(role: AccountRole): string {
  return role === 'student' ? t('cred_role_student') : role === 'parent' ? t('cred_role_parent') : t('cred_role_staff');
}

async function list(ctx: Context, flags: OutputFlags & { group?: string; year?: string; role?: AccountRole }): Promise<void> {
  const store = await ctx.openStore();
  const { group, accounts } = listCredentials(store, { group: flags.group, year: flags.year, role: flags.role });
  const org = getOrg(store);
  // "As of" and every date in the table come from the store's one clock (stored timestamps are UTC ISO).
  const report: Report = {
    title: t('cred_list_title'),
    subtitle: t('cred_list_as_of', { date: formatDate(store.today) }),
    meta: { org: org.short_name ?? org.name, group },
    columns: [
      { key: 'login', header: t('cred_col_login') },
      { key: 'role', header: t('cred_col_role') },
      { key: 'name', header: t('cred_col_name') },
      { key: 'group', header: t('cred_col_group') },
      { key: 'issued', header: t('cred_col_issued'), date: true },
      { key: 'issuedBy', header: t('cred_col_issued_by') },
      { key: 'mustChange', header: t('cred_col_must_change'), align: 'center' },
      { key: 'disabled', header: t('cred_col_disabled'), date: true },
      { key: 'reason', header: t('cred_col_reason') },
    ],
    rows: accounts.map((a) => ({
      login: a.login,
      role: roleLabel(a.role),
      name: fullName(a),
      group: a.groups,
      issued: a.issued_at.slice(0, 10),
      issuedBy: a.issued_by,
      mustChange: a.must_change ? t('setup_yes') : t('setup_no'),
      disabled: a.disabled_at?.slice(0, 10) ?? null,
      reason: a.disabled_reason,
    })),
  };
  await emitReport(ctx, report, flags, { json: accounts.map(publicAccount), formats: ['table', 'json', 'csv', 'xlsx'] });
}

async function disable(ctx: Context, flags: { reason?: string }, login: string): Promise<void> {
  const state = disableAccount(await ctx.openStore(), { login, reason: flags.reason });
  ctx.result({ login: state.login, disabled: true, changed: state.changed }, () =>
    state.changed
      ? ctx.done(t('cred_disabled_done', { login: state.login, name: state.name }))
      : ctx.print(t('cred_disabled_already', { login: state.login, since: formatDate(state.disabledAt!.slice(0, 10)) })),
  );
}

async function enable(ctx: Context, _flags: unknown, login: string): Promise<void> {
  const state = enableAccount(await ctx.openStore(), { login });
  if (state.studentLeft) ctx.warn(t('cred_enabled_student_left', { login: state.login, status: statusName(state.studentLeft) }));
  ctx.result({ login: state.login, disabled: false, changed: state.changed, studentLeft: state.studentLeft }, () =>
    state.changed ? ctx.done(t('cred_enabled_done', { login: state.login, name: state.name })) : ctx.print(t('cred_enabled_already', { login: state.login })),
  );
}

/** Exit 0 when the password opens the account, 4 otherwise (a wrong password, a disabled account, no such login). */
async function verify(ctx: Context, _flags: unknown, login: string): Promise<void> {
  const store = await ctx.openStore();
  const password = await readPassword(ctx);
  const result = await verifyCredentials(store, { login, password });
  ctx.result(result, () => ctx.print(t('cred_verified')));
}

/** The first line of stdin, or a hidden prompt on a terminal: a password never comes from a flag (ps, shell history). */
async function readPassword(ctx: Context): Promise<string> {
  const stdin = ctx.streams.stdin;
  let password = '';
  if (stdin.isTTY) {
    if (!ctx.interactive) throw new UsageError('password_required', { terminal: true });
    const { password: ask } = await import('@inquirer/prompts');
    password = await ask({ message: t('cred_password_prompt') });
  } else {
    stdin.setEncoding('utf8');
    for await (const chunk of stdin) {
      password += chunk;
      if (password.includes('\n')) break;
    }
    password = password.split(/\r?\n/, 1)[0];
  }
  if (!password) throw new UsageError('password_required', { terminal: false });
  return password;
}
