import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { BIN, Sandbox } from './harness.js';

let sb: Sandbox;
afterEach(() => sb?.cleanup());

const RU = { LANG: 'ru_RU.UTF-8' };

/** A store with the group ИС-25 of three students. */
function college(env: Record<string, string> = {}): Sandbox {
  const s = new Sandbox(env).init();
  s.ok(['program', 'add', '09.02.07', 'Информационные системы', '--duration', '3г10м']);
  s.ok(['group', 'create', 'ИС-25', '--program', '09.02.07', '--course', '1']);
  writeFileSync(
    s.path('students.csv'),
    'Фамилия;Имя;Отчество;Дата рождения;Пол;Группа\nЩеглова;Юлия;Сергеевна;01.02.2009;Ж;ИС-25\nЖуков;Фёдор;Юрьевич;02.02.2009;М;ИС-25\nБелов;Пётр;Андреевич;03.02.2009;М;ИС-25\n',
  );
  s.ok(['student', 'import', 'students.csv', '--order-no', '1-к', '--order-date', '2025-08-25']);
  return s;
}

/** Every key of a JSON value, at every depth. */
function keysOf(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(keysOf);
  if (value !== null && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => [k, ...keysOf(v)]);
  return [];
}

/** camelCase (a setting's key is dotted camelCase: `journal.editWindowDays`; a date is a key of no object here). */
const CAMEL = /^[a-z][a-zA-Z0-9]*(\.[a-z][a-zA-Z0-9]*)*$/;

describe('one clock', () => {
  it('credentials list says "as of" today and shows the issue date by the same clock', () => {
    sb = college({ REGISTRAR_TODAY: '2025-10-20', ...RU });
    sb.ok(['credentials', 'issue', '--group', 'ИС-25', '--out', 'slips.html']);
    const table = sb.ok(['credentials', 'list']).stdout;
    expect(table).toContain('на 20.10.2025');
    const issued = [...table.matchAll(/\b(\d\d\.\d\d\.\d{4})\b/g)].map((m) => m[1]);
    expect(issued.length).toBeGreaterThan(3);
    expect(new Set(issued)).toEqual(new Set(['20.10.2025']));
    const json = sb.ok(['credentials', 'list', '--json']).json();
    for (const a of json) expect(a.issuedAt.slice(0, 10)).toBe('2025-10-20');
    sb.ok(['credentials', 'disable', 'zhukovfi']);
    expect(sb.ok(['credentials', 'list', '--json']).json().find((a: any) => a.login === 'zhukovfi').disabledAt.slice(0, 10)).toBe('2025-10-20');
    sb.ok(['period', 'close', 'S1', '--force']);
    const [log] = sb.ok(['log', '--entity', 'period', '--json']).json();
    expect(log.at.slice(0, 10)).toBe('2025-10-20');
  });
});

describe('credentials verify', () => {
  it('exits 0 on a match and 4 otherwise, as the README says', () => {
    sb = college();
    sb.ok(['credentials', 'issue', '--group', 'ИС-25', '--out', 'list.csv']);
    const line = require('node:fs').readFileSync(sb.path('list.csv'), 'utf8').split(/\r?\n/).find((l: string) => l.includes('shcheglovais'));
    const password = line.split(';')[4];
    expect(sb.run(['credentials', 'verify', 'shcheglovais'], { input: `${password}\n` }).code).toBe(0);
    expect(sb.run(['credentials', 'verify', 'shcheglovais'], { input: 'wrong-password\n' }).code).toBe(4);
    expect(sb.run(['credentials', 'verify', 'nosuchlogin'], { input: `${password}\n` }).code).toBe(4);
  });
});

describe('init', () => {
  it('refuses a year not written as 2025/2026 (exit 3) and creates nothing', () => {
    sb = new Sandbox();
    for (const year of ['2025-2026', 'foo', '2025/2027']) {
      const r = sb.run(['init', '--org', 'X', '--year', year, '--json']);
      expect(r.code).toBe(3);
      expect(JSON.parse(r.stderr).error.code).toBe('bad_year');
      expect(existsSync(sb.db)).toBe(false);
    }
  });

  it('Ctrl-C at the first question of the wizard exits 130, prints no internal error and creates no store', () => {
    sb = new Sandbox();
    // `script` gives the wizard a terminal; Ctrl-C arrives once the first question is up.
    const command = `${JSON.stringify(process.execPath)} ${JSON.stringify(BIN)} init`;
    const r = spawnSync('python3', ['-c', PTY_CTRL_C, command], {
      cwd: sb.dir,
      encoding: 'utf8',
      timeout: 30_000,
      env: { PATH: process.env.PATH ?? '', HOME: sb.dir, NO_COLOR: '1', LANG: 'en_US.UTF-8', REGISTRAR_DB: sb.db, REGISTRAR_TODAY: '2025-10-01', TERM: 'dumb' },
    });
    const output = r.stdout + r.stderr;
    expect(output).toContain('Organisation');
    expect(r.status).toBe(130);
    expect(output).not.toMatch(/internal error|ExitPromptError|\n\s+at /);
    expect(existsSync(sb.db)).toBe(false);
  });
});

/** Runs argv[1] under a pseudo-terminal, sends Ctrl-C when the first prompt appears, prints the output, exits with its code. */
const PTY_CTRL_C = `
import os, pty, sys, time, select, shlex
pid, fd = pty.fork()
if pid == 0:
    args = shlex.split(sys.argv[1])
    os.execvp(args[0], args)
out = b''
sent = False
deadline = time.time() + 20
while time.time() < deadline:
    r, _, _ = select.select([fd], [], [], 0.2)
    if r:
        try:
            chunk = os.read(fd, 4096)
        except OSError:
            break
        if not chunk:
            break
        out += chunk
    if not sent and b'Organisation' in out:
        time.sleep(0.2)
        os.write(fd, b'\\x03')
        sent = True
_, status = os.waitpid(pid, 0)
try:
    while True:
        r, _, _ = select.select([fd], [], [], 0.1)
        if not r: break
        chunk = os.read(fd, 4096)
        if not chunk: break
        out += chunk
except OSError:
    pass
sys.stdout.write(out.decode('utf8', 'replace'))
sys.exit(os.waitstatus_to_exitcode(status) if hasattr(os, 'waitstatus_to_exitcode') else (status >> 8))
`;

describe('one language at a time', () => {
  it('prints statuses, audit actions and entities, calendar kinds and sources in Russian', () => {
    sb = new Sandbox({ ...RU }).init();
    sb.ok(['year', 'create', '2026/2027']);
    const years = sb.ok(['year', 'list']).stdout;
    expect(years).toContain('открыт');
    expect(years).toContain('планируется');
    expect(years).toMatch(/год\s.*начало\s.*конец\s.*статус/);
    sb.ok(['period', 'close', 'S1', '--force']);
    expect(sb.ok(['period', 'list']).stdout).toContain('закрыт');
    expect(sb.ok(['year', 'show']).stdout).toContain('(открыт)');
    const log = sb.ok(['log']).stdout;
    expect(log).toMatch(/время\s.*кто\s.*действие\s.*объект\s.*команда/);
    expect(log).toContain('создание');
    expect(log).toContain('учебный год 2025/2026');
    expect(log).toContain('закрытие');
    const cells = log.split('\n').filter((l) => l.startsWith('│')).map((l) => l.split('│').map((c) => c.trim()));
    expect(cells.map((c) => c[3]).join(' ')).not.toMatch(/create|close/);
    expect(cells.map((c) => c[4]).join(' ')).not.toMatch(/year|period|org\b/);

    const decree = sb.ok(['calendar', 'show', '--year', '2026']).stdout;
    expect(decree).toMatch(/Дата\s.*День\s.*Вид\s.*Название\s.*Источник/);
    expect(decree).toContain('праздник');
    expect(decree).toContain('постановление');
    expect(decree).not.toMatch(/holiday|built-in|встроенный/);
    const fallback = sb.run(['calendar', 'show', '--year', '2030']);
    expect(fallback.code).toBe(0);
    expect(fallback.stdout).toContain('по ТК РФ');
    expect(fallback.stdout).not.toContain('встроенный');
    expect(fallback.stderr).toContain('ТК РФ');
    expect(sb.ok(['calendar', 'show', '--year', '2030', '--lang', 'en']).stdout).toContain('Labour Code rule');
  });

  it('--help of every setup command is Russian under a Russian LANG', () => {
    sb = new Sandbox();
    const commands = [
      ['init'], ['org'], ['org', 'show'], ['org', 'set'], ['config'], ['config', 'get'], ['config', 'set'], ['year'], ['year', 'create'], ['year', 'list'], ['year', 'show'],
      ['period'], ['period', 'list'], ['period', 'set'], ['period', 'close'], ['period', 'reopen'], ['calendar'], ['calendar', 'show'], ['calendar', 'holiday'],
      ['calendar', 'holiday', 'add'], ['calendar', 'holiday', 'remove'], ['calendar', 'due'], ['credentials'], ['credentials', 'issue'], ['credentials', 'list'],
      ['credentials', 'reset'], ['credentials', 'disable'], ['credentials', 'enable'], ['credentials', 'verify'], ['backup'], ['log'], ['demo'],
    ];
    for (const args of commands) {
      const help = sb.ok([...args, '--help'], { env: RU }).stdout;
      const prose = help
        .split('\n')
        .filter((line) => !/^\s*\$ registrar /.test(line)) // example command lines
        .join('\n')
        .replace(/registrar [^)\n]*/g, ' ') // command lines quoted in prose
        .replace(/--?[\w-]+(?: <[^>]+>)?/g, ' ') // flags
        .replace(/[\w.]+\/[\w.<>/-]*|"[^"]*"|\([^)]*default[^)]*\)/g, ' '); // paths, quoted values, commander's defaults
      const english = prose.match(/\b[A-Za-z]{2,}\s+[A-Za-z]{2,}\s+[A-Za-z]{2,}\b/g);
      expect({ args: args.join(' '), english }).toEqual({ args: args.join(' '), english: null });
      expect(help).toMatch(/[а-яё]{4,}/);
    }
  });
});

describe('JSON', () => {
  it('every setup command prints camelCase keys only', () => {
    sb = college();
    sb.ok(['org', 'set', '--short-name', 'ГБПОУ ТТ', '--inn', '1435123458']);
    sb.ok(['credentials', 'issue', '--group', 'ИС-25', '--out', 'slips.html']);
    sb.ok(['calendar', 'holiday', 'add', '2026-09-01', '--kind', 'day-off', '--name', 'День знаний']);
    const org = sb.ok(['org', 'show', '--json']).json();
    expect(org).toMatchObject({ shortName: 'ГБПОУ ТТ', inn: '1435123458' });
    expect(org).not.toHaveProperty('short_name');
    const fresh = new Sandbox();
    const init = fresh.ok(['init', '--org', 'X', '--short-name', 'Y', '--year', '2025/2026', '--json']).json();
    expect(init.org.shortName).toBe('Y');
    const outputs = [
      init,
      org,
      sb.ok(['org', 'set', '--director', 'Петров Пётр Петрович', '--json']).json(),
      sb.ok(['config', 'get', '--json']).json(),
      sb.ok(['config', 'get', 'lesson.hours', '--json']).json(),
      sb.ok(['config', 'set', 'lesson.hours', '2', '--json']).json(),
      sb.ok(['year', 'create', '2026/2027', '--json']).json(),
      sb.ok(['year', 'list', '--json']).json(),
      sb.ok(['year', 'show', '--json']).json(),
      sb.ok(['period', 'list', '--json']).json(),
      sb.ok(['period', 'set', 'S1', '--end', '2025-12-28', '--json']).json(),
      sb.ok(['period', 'close', 'S1', '--force', '--json']).json(),
      sb.ok(['period', 'reopen', 'S1', '--reason', 'исправление', '--json']).json(),
      sb.ok(['calendar', 'show', '--year', '2026', '--json']).json(),
      sb.ok(['calendar', 'due', '2026-04-30', '--workdays', '3', '--json']).json(),
      sb.ok(['calendar', 'holiday', 'add', '2026-09-02', '--json']).json(),
      sb.ok(['calendar', 'holiday', 'remove', '2026-09-02', '--json']).json(),
      sb.ok(['calendar', 'holiday', 'remove', '2026-05-01', '--json']).json(),
      sb.ok(['credentials', 'list', '--json']).json(),
      sb.ok(['credentials', 'issue', '--group', 'ИС-25', '--reissue', '--out', 'again.html', '--json']).json(),
      sb.ok(['credentials', 'reset', '--yes', 'zhukovfi', '--out', 'reset.html', '--json']).json(),
      sb.ok(['credentials', 'disable', 'zhukovfi', '--json']).json(),
      sb.ok(['credentials', 'enable', 'zhukovfi', '--json']).json(),
      sb.ok(['log', '--json']).json(),
      sb.ok(['backup', 'copy.db', '--json']).json(),
    ];
    fresh.cleanup();
    const bad = outputs.flatMap(keysOf).filter((k) => !CAMEL.test(k));
    expect([...new Set(bad)]).toEqual([]);
  });
});
