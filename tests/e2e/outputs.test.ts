import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ROOT, Sandbox, query } from './harness.js';

const ENROLMENT = join(ROOT, 'fixtures', 'enrolment.csv');
const ORDER = ['--order-no', '12-к', '--order-date', '25.08.2025'];
let sb: Sandbox;
afterEach(() => sb?.cleanup());

/** A college with ИС-25 and the fixture's students in it. */
function college(): Sandbox {
  const s = new Sandbox().enrolmentGroups();
  s.ok(['student', 'import', ENROLMENT, ...ORDER, '--skip-invalid']);
  return s;
}

const students = async (db: string) => (await query<{ n: number }>(db, 'SELECT count(*) AS n FROM student'))[0].n;
const temporaries = (dir: string) => readdirSync(dir).filter((f) => f.includes('.tmp-'));

describe('an output never destroys an input', () => {
  it('--errors naming the store, its -wal, or the file being read is refused (exit 3), everything intact', async () => {
    sb = college();
    const before = await students(sb.db);
    const input = readFileSync(ENROLMENT);
    const copy = sb.path('list.csv');
    writeFileSync(copy, input);
    for (const [target, code] of [[sb.db, 'output_is_store'], [`${sb.db}-wal`, 'output_is_store'], [copy, 'output_is_input']] as const) {
      const r = sb.run(['student', 'import', copy, ...ORDER, '--skip-invalid', '--errors', target, '--force', '--json']);
      expect(r.code, r.stderr).toBe(3);
      expect(JSON.parse(r.stderr).error.code).toBe(code);
    }
    expect(readFileSync(copy).equals(input)).toBe(true);
    expect(await students(sb.db)).toBe(before);
    expect((await query<{ integrity_check: string }>(sb.db, 'PRAGMA integrity_check'))[0].integrity_check).toBe('ok');
  });

  it('an existing --errors file is replaced only with --force', async () => {
    sb = college();
    const rejects = sb.path('rejects.csv');
    writeFileSync(rejects, 'kept\n');
    const refused = sb.run(['student', 'import', ENROLMENT, ...ORDER, '--skip-invalid', '--errors', rejects, '--json']);
    expect(refused.code).toBe(3);
    expect(JSON.parse(refused.stderr).error.code).toBe('file_exists');
    expect(readFileSync(rejects, 'utf8')).toBe('kept\n');
    sb.ok(['student', 'import', ENROLMENT, ...ORDER, '--skip-invalid', '--errors', rejects, '--force']);
    expect(readFileSync(rejects, 'utf8')).toContain('112-233-445 96');
  });

  it('--errors naming a directory is refused before the import, --force or not; --errors - beside --json exits 2', async () => {
    sb = new Sandbox().enrolmentGroups();
    mkdirSync(sb.path('rejects'));
    for (const force of [[], ['--force']]) {
      const r = sb.run(['student', 'import', ENROLMENT, ...ORDER, '--skip-invalid', '--errors', sb.path('rejects'), ...force, '--json']);
      expect(r.code).toBe(3);
      expect(JSON.parse(r.stderr).error.code).toBe('out_is_directory');
      expect(await students(sb.db)).toBe(0);
    }
    const both = sb.run(['--json', 'student', 'import', ENROLMENT, ...ORDER, '--skip-invalid', '--errors', '-']);
    expect(both.code).toBe(2);
    expect(both.stdout).toBe('');
    expect(JSON.parse(both.stderr).error.code).toBe('json_conflict_errors');
    expect(await students(sb.db)).toBe(0);
  });

  it('--errors - puts the rejects file alone on stdout; the summary and the rows named go to stderr', async () => {
    sb = new Sandbox().enrolmentGroups();
    writeFileSync(sb.path('list.csv'), 'Фамилия;Имя;Дата рождения;Пол;Группа\nИванов;Иван;14.03.2009;М;ИС-25\nПетров;;14.03.2009;М;ИС-25\n');
    const r = sb.ok(['student', 'import', sb.path('list.csv'), ...ORDER, '--skip-invalid', '--errors', '-']);
    expect(r.stdout.replace(/^\uFEFF/, '').split(/\r?\n/).filter(Boolean)).toEqual(['Фамилия;Имя;Дата рождения;Пол;Группа;Error', 'Петров;;14.03.2009;М;ИС-25;Имя: required']);
    expect(r.stderr).toMatch(/created 1, .*rejected 1/);
    expect(r.stderr).toContain('row 3, Имя: required');
    expect(await students(sb.db)).toBe(1);
  });

  it('report and credential outputs refuse the store and its companions', () => {
    sb = college();
    for (const args of [
      ['student', 'list', '--format', 'csv', '--out', sb.db, '--force'],
      ['student', 'list', '--format', 'csv', '--out', `${sb.db}-shm`, '--force'],
      ['credentials', 'issue', '--group', 'ИС-25', '--out', sb.db, '--format', 'csv', '--force'],
    ]) {
      const r = sb.run(args);
      expect(r.code, `${args.join(' ')}\n${r.stderr}`).toBe(3);
      expect(r.stderr).toContain('store');
    }
    expect(statSync(sb.db).size).toBeGreaterThan(0);
  });
});

describe('writes that fail say why', () => {
  it('a missing directory: exit 3 naming it, nothing written', () => {
    sb = college();
    const r = sb.run(['student', 'list', '--format', 'csv', '--out', sb.path('no/such/dir/list.csv')]);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain(sb.path('no/such/dir'));
  });

  it('a directory without write permission: exit 3 before a single password is hashed, nothing stored', async () => {
    sb = college();
    const locked = sb.readOnlyDirectory('locked');
    const r = sb.run(['credentials', 'issue', '--group', 'ИС-25', '--out', join(locked, 'slips.html')], { asNobody: true });
    expect(r.code, r.stderr).toBe(3);
    expect(r.stderr).toContain(locked);
    expect(readdirSync(locked)).toEqual([]);
    expect((await query<{ n: number }>(sb.db, 'SELECT count(*) AS n FROM account'))[0].n).toBe(0);
  });

  it('a full disk: exit 3 naming the file, no temporary file left', (ctx) => {
    sb = college();
    const disk = sb.path('small');
    mkdirSync(disk);
    // A tiny file system of our own (as root); where mounting is not allowed, nothing to test.
    const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=16k', 'tmpfs', disk]).status === 0;
    if (!mounted) return ctx.skip();
    try {
      writeFileSync(join(disk, 'filler'), Buffer.alloc(12 * 1024));
      const r = sb.run(['student', 'list', '--status', 'all', '--format', 'xlsx', '--out', join(disk, 'list.xlsx')]);
      expect(r.code, r.stderr).toBe(3);
      expect(r.stderr).toContain(join(disk, 'list.xlsx'));
      expect(r.stderr).toMatch(/no space/);
      expect(temporaries(disk)).toEqual([]);
    } finally {
      spawnSync('umount', [disk]);
    }
  });
});

describe('no plaintext without accounts', () => {
  it('a temporary file of a run that stored nothing is removed by the next run, which says so', async () => {
    sb = college();
    const stale = sb.path('.slips.csv.tmp-999999-0123456789ab');
    writeFileSync(stale, 'ФИО;Группа;Роль;Логин;Пароль\n', { mode: 0o600 });
    const r = sb.run(['credentials', 'issue', '--group', 'ИС-25', '--out', sb.path('slips.csv')]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('removed the temporary file');
    expect(temporaries(sb.dir)).toEqual([]);
    expect(statSync(sb.path('slips.csv')).mode & 0o777).toBe(0o600);
  });
});

describe('personal data is not world-readable', () => {
  it('a new store, a student list, a rejects file and the book of movement are mode 0600 (-wal and -shm: tests/unit/store-open)', () => {
    sb = college();
    const mode = (f: string) => statSync(f).mode & 0o777;
    expect(mode(sb.db)).toBe(0o600);
    sb.ok(['student', 'list', '--format', 'xlsx', '--out', sb.path('list.xlsx')]);
    sb.ok(['student', 'list', '--format', 'csv', '--out', sb.path('list.csv')]);
    sb.ok(['report', 'movement', '--from', '2025-08-01', '--to', '2025-12-31', '--format', 'html', '--out', sb.path('movement.html')]);
    sb.ok(['student', 'import', ENROLMENT, ...ORDER, '--skip-invalid', '--errors', sb.path('rejects.csv')]);
    for (const f of ['list.xlsx', 'list.csv', 'movement.html', 'rejects.csv']) expect(mode(sb.path(f)), f).toBe(0o600);
  });
});

describe('files.mode', () => {
  it('widens the mode of exports only when set, never silently; a mode that opens the data to everyone is refused', () => {
    sb = college();
    expect(sb.run(['config', 'set', 'files.mode', '0666']).code).toBe(3);
    expect(sb.run(['config', 'set', 'files.mode', '0755']).code).toBe(3);
    sb.ok(['config', 'set', 'files.mode', '640']);
    const r = sb.ok(['student', 'list', '--format', 'csv', '--out', sb.path('list.csv')]);
    expect(statSync(sb.path('list.csv')).mode & 0o777).toBe(0o640);
    expect(r.stderr).toContain('files.mode');
    // Passwords stay owner-only whatever the setting says.
    sb.ok(['credentials', 'issue', '--group', 'ИС-25', '--out', sb.path('slips.csv')]);
    expect(statSync(sb.path('slips.csv')).mode & 0o777).toBe(0o600);
  });
});
