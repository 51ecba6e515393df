import { chmodSync, existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import * as XLSX from 'xlsx';
import { query, Sandbox } from './harness.js';

let sb: Sandbox;
afterEach(() => sb?.cleanup());

/** Names whose logins the ICAO table fixes, then namesakes, then ordinary students: 25 in all. */
const EXPECTED: [string, string][] = [
  ['Щеглова Юлия Сергеевна', 'shcheglovais'],
  ['Жуков Фёдор Юрьевич', 'zhukovfi'],
  ['Хабибуллина Эльвира Ильинична', 'khabibullinaei'],
  ['Цыганков Яков Чеславович', 'tsygankovic'],
  ['Подъячев Артём Олегович', 'podieiachevao'],
];
const OTHERS = ['Абрамов', 'Белов', 'Гусев', 'Данилов', 'Ершов', 'Зайцев', 'Калинин', 'Лапин', 'Макаров', 'Никитин', 'Орлов', 'Панов', 'Романов', 'Тихонов', 'Уваров', 'Филиппов', 'Шилов', 'Яковлев'];

function enrolmentCsv(): string {
  const rows = [
    ...EXPECTED.map(([name], i) => [...name.split(' '), `0${i + 1}.02.2009`, name.endsWith('на') ? 'Ж' : 'М']),
    ['Иванов', 'Иван', 'Иванович', '01.03.2009', 'М'],
    ['Иванов', 'Иван', 'Иванович', '02.03.2009', 'М'],
    ...OTHERS.map((last, i) => [last, 'Пётр', 'Андреевич', `${String(i + 1).padStart(2, '0')}.04.2009`, 'М']),
  ];
  return ['Фамилия;Имя;Отчество;Дата рождения;Пол;СНИЛС;Группа', ...rows.map((r) => [...r, '', 'ИС-25'].join(';'))].join('\n') + '\n';
}

/** A store with the group ИС-25 of 25 students (ids 1–25 in file order). */
function college(): Sandbox {
  const s = new Sandbox().init();
  s.ok(['program', 'add', '09.02.07', 'Информационные системы', '--duration', '3г10м']);
  s.ok(['group', 'create', 'ИС-25', '--program', '09.02.07', '--course', '1']);
  writeFileSync(s.path('students.csv'), enrolmentCsv());
  s.ok(['student', 'import', 'students.csv', '--order-no', '1-к', '--order-date', '2025-08-25']);
  return s;
}

/** login → password from a CSV written by `credentials issue` (ФИО;Группа;Роль;Логин;Пароль). */
function passwords(csv: string): Map<string, string> {
  const lines = csv.replace(/^\ufeff/, '').trim().split(/\r?\n/).slice(1);
  return new Map(lines.map((line) => line.split(';').slice(3, 5) as [string, string]));
}

async function count(db: string, table: string): Promise<number> {
  return (await query<{ n: number }>(db, `SELECT count(*) AS n FROM "${table}"`))[0].n;
}

describe('credentials issue', () => {
  it('issues 25 slips for a group of 25, with logins by the ICAO table; a second issue creates none', async () => {
    sb = college();
    const r = sb.ok(['credentials', 'issue', '--group', 'ИС-25', '--out', 'slips.html', '--json']).json();
    expect(r).toMatchObject({ file: 'slips.html', format: 'html', role: 'student', created: 25, reissued: 0, skipped: 0 });
    const html = readFileSync(sb.path('slips.html'), 'utf8');
    expect(html.match(/class="slip"/g)).toHaveLength(25);
    expect(html).toContain('page-break-after');
    expect(statSync(sb.path('slips.html')).mode & 0o777).toBe(0o600);

    const accounts = await query<any>(sb.db, 'SELECT a.login, a.password_hash, a.must_change, a.issued_by, p.last_name, p.first_name, p.middle_name FROM account a JOIN person p ON p.id = a.person_id ORDER BY a.person_id');
    expect(accounts).toHaveLength(25);
    const logins = accounts.map((a) => a.login);
    expect(new Set(logins).size).toBe(25);
    for (const login of logins) expect(login).toMatch(/^[a-z]+[0-9]*$/);
    const byName = new Map(accounts.map((a) => [`${a.last_name} ${a.first_name} ${a.middle_name}`, a.login]));
    for (const [name, login] of EXPECTED) expect(byName.get(name)).toBe(login);
    expect(logins.slice(5, 7)).toEqual(['ivanovii', 'ivanovii2']);
    for (const a of accounts) {
      expect(a.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
      expect(a).toMatchObject({ must_change: 1, issued_by: 'tester' });
      expect(html).toContain(`<td>${a.login}</td>`);
    }

    const again = sb.ok(['credentials', 'issue', '--group', 'ИС-25', '--out', 'again.html', '--json']).json();
    expect(again).toMatchObject({ file: null, created: 0, reissued: 0, skipped: 25, accounts: [] });
    expect(existsSync(sb.path('again.html'))).toBe(false);
    expect(await count(sb.db, 'account')).toBe(25);
    const audit = await query<any>(sb.db, "SELECT action, after FROM audit WHERE entity = 'account'");
    expect(audit.map((a) => a.action)).toEqual(['issue']);
    expect(JSON.parse(audit[0].after).accounts).toHaveLength(25);
  });

  it('keeps no plaintext password anywhere in the store files', async () => {
    sb = college();
    // A reader left open keeps the WAL from being checkpointed away when registrar exits.
    const reader = new Database(sb.db, { readonly: true });
    reader.prepare('SELECT count(*) FROM account').get();
    sb.ok(['credentials', 'issue', '--group', 'ИС-25', '--out', 'list.csv']);
    sb.ok(['credentials', 'reset', '--yes', 'shcheglovais', 'ivanovii', '--out', 'reset.csv']);
    const issued = [...passwords(readFileSync(sb.path('list.csv'), 'utf8')).values(), ...passwords(readFileSync(sb.path('reset.csv'), 'utf8')).values()];
    expect(issued).toHaveLength(27);
    const files = ['registrar.db', 'registrar.db-wal', 'registrar.db-shm'].map((f) => sb.path(f)).filter(existsSync);
    const bytes = files.map((f) => readFileSync(f));
    reader.close();
    expect(files.map((f) => f.slice(sb.dir.length + 1))).toContain('registrar.db-wal');
    expect(bytes.some((b) => b.includes(Buffer.from('shcheglovais')))).toBe(true);
    for (const password of issued) {
      expect(password).toMatch(/^[A-Za-z2-9]{10}$/);
      for (const b of bytes) expect(b.includes(Buffer.from(password))).toBe(false);
    }
  });

  it('never writes over an existing file without --force, and then stores nothing', async () => {
    sb = college();
    writeFileSync(sb.path('slips.html'), 'old');
    chmodSync(sb.path('slips.html'), 0o644);
    const auditBefore = await count(sb.db, 'audit');
    const r = sb.run(['credentials', 'issue', '--group', 'ИС-25', '--out', 'slips.html', '--json']);
    expect(r.code).toBe(3);
    expect(JSON.parse(r.stderr).error.code).toBe('file_exists');
    expect(r.stderr).toContain('--force');
    expect(readFileSync(sb.path('slips.html'), 'utf8')).toBe('old');
    expect(await count(sb.db, 'account')).toBe(0);
    expect(await count(sb.db, 'audit')).toBe(auditBefore);

    expect(sb.run(['credentials', 'issue', '--group', 'ИС-25', '--out', 'missing/slips.html']).code).toBe(3);
    expect(await count(sb.db, 'account')).toBe(0);

    sb.ok(['credentials', 'issue', '--group', 'ИС-25', '--out', 'slips.html', '--force']);
    expect(readFileSync(sb.path('slips.html'), 'utf8').match(/class="slip"/g)).toHaveLength(25);
    expect(statSync(sb.path('slips.html')).mode & 0o777).toBe(0o600);
  });

  it('refuses a selection that is missing or contradictory (exit 2)', () => {
    sb = college();
    expect(sb.run(['credentials', 'issue', '--out', 'x.html']).code).toBe(2);
    expect(sb.run(['credentials', 'issue', '--all', '--group', 'ИС-25', '--out', 'x.html']).code).toBe(2);
    expect(sb.run(['credentials', 'issue', '--role', 'staff', '--group', 'ИС-25', '--out', 'x.html']).code).toBe(2);
    expect(sb.run(['credentials', 'issue', '--all']).code).toBe(2);
    expect(sb.run(['credentials', 'issue', '--all', '--out', '-', '--json']).code).toBe(2);
    // A name whose extension is another format's: refused, rather than HTML written into «slips.pdf».
    const pdf = sb.run(['credentials', 'issue', '--all', '--out', 'slips.pdf']);
    expect(pdf.code).toBe(2);
    expect(pdf.stderr).toContain('Cannot tell which format to write slips.pdf: give --format (html, csv, xlsx, moodle).');
    expect(existsSync(sb.path('slips.pdf'))).toBe(false);
  });

  it('writes Moodle\'s upload-users CSV, an XLSX, and CSV to stdout; all mode 0600', async () => {
    sb = college();
    sb.ok(['credentials', 'issue', '--all', '--format', 'moodle', '--out', 'moodle.csv']);
    const [header, ...rows] = readFileSync(sb.path('moodle.csv'), 'utf8').replace(/^\ufeff/, '').trim().split('\r\n');
    expect(header).toBe('username,password,firstname,lastname,email,idnumber,cohort1');
    expect(rows).toHaveLength(25);
    const shcheglova = rows.find((r) => r.startsWith('shcheglovais,'))!.split(',');
    expect(shcheglova[2]).toBe('Юлия Сергеевна');
    expect(shcheglova[3]).toBe('Щеглова');
    expect(shcheglova.slice(5)).toEqual(['1', 'ИС-25']);
    expect(statSync(sb.path('moodle.csv')).mode & 0o777).toBe(0o600);

    sb.ok(['credentials', 'issue', '--all', '--reissue', '--out', 'all.xlsx']);
    expect(statSync(sb.path('all.xlsx')).mode & 0o777).toBe(0o600);
    const sheet = XLSX.read(readFileSync(sb.path('all.xlsx')));
    const table = XLSX.utils.sheet_to_json<any>(sheet.Sheets[sheet.SheetNames[0]]);
    expect(table).toHaveLength(25);
    expect(Object.keys(table[0])).toEqual(['ФИО', 'Группа', 'Роль', 'Логин', 'Пароль']);

    // The passwords people hold would stop working: under cron only with --yes (exit 2, nothing changed).
    const hashes = await query(sb.db, 'SELECT login, password_hash FROM account ORDER BY login');
    const unconfirmed = sb.run(['credentials', 'reset', '--group', 'ИС-25', '--format', 'csv', '--out', '-']);
    expect(unconfirmed.code).toBe(2);
    expect(unconfirmed.stdout).toBe('');
    expect(unconfirmed.stderr).toContain('Reset the passwords of 25 accounts of ИС-25? The passwords they hold stop working. Confirm with --yes.');
    // A login that does not exist is said first: there is nothing to confirm.
    const unknown = sb.run(['credentials', 'reset', 'nosuchlogin', '--out', 'x.csv']);
    expect(unknown.code).toBe(3);
    expect(unknown.stderr).toBe('registrar: No account "nosuchlogin" (see `credentials list`).\n');
    expect(await query(sb.db, 'SELECT login, password_hash FROM account ORDER BY login')).toEqual(hashes);
    const out = sb.ok(['credentials', 'reset', '--yes', '--group', 'ИС-25', '--format', 'csv', '--out', '-']);
    expect(passwords(out.stdout).size).toBe(25);
    expect(out.stderr).toContain('25');
    const audit = await query<any>(sb.db, "SELECT action FROM audit WHERE entity = 'account' ORDER BY id");
    expect(audit.map((a) => a.action)).toEqual(['issue', 'reissue', 'reset']);
  });

  it('gives parents accounts of their own, linked to their children', async () => {
    sb = college();
    sb.ok(['guardian', 'add', '--student', '1', '--name', 'Щеглова Мария Ивановна', '--relation', 'мать']);
    sb.ok(['guardian', 'add', '--student', '6', '--name', 'Иванова Ирина Игоревна', '--relation', 'мать']);
    sb.ok(['guardian', 'add', '--student', '7', '--name', 'Иванова Ирина Игоревна', '--relation', 'мать', '--phone', '+79001112233']);
    const r = sb.ok(['credentials', 'issue', '--group', 'ИС-25', '--role', 'parent', '--out', 'parents.csv', '--json']).json();
    expect(r.created).toBe(3);
    const issued = passwords(readFileSync(sb.path('parents.csv'), 'utf8'));
    expect([...issued.keys()].sort()).toEqual(['ivanovaii', 'ivanovaii2', 'shcheglovami']);
    const list = sb.ok(['credentials', 'list', '--group', 'ИС-25', '--role', 'parent', '--json']).json();
    expect(list.map((a: any) => [a.login, a.role, a.group])).toEqual([
      ['ivanovaii', 'parent', 'ИС-25'],
      ['ivanovaii2', 'parent', 'ИС-25'],
      ['shcheglovami', 'parent', 'ИС-25'],
    ]);
    const linked = await query<any>(sb.db, "SELECT gs.student_id FROM account a JOIN guardianship gs ON gs.guardian_id = a.person_id WHERE a.login = 'shcheglovami'");
    expect(linked).toEqual([{ student_id: 1 }]);
    expect(sb.ok(['credentials', 'verify', 'shcheglovami'], { input: issued.get('shcheglovami') + '\n' }).stdout.trim()).toBe('ok');
  });
});

describe('credentials verify, reset, disable, enable, list', () => {
  it('verify accepts the issued password and rejects another; reset replaces it', async () => {
    sb = college();
    sb.ok(['credentials', 'issue', '--group', 'ИС-25', '--out', 'list.csv']);
    const password = passwords(readFileSync(sb.path('list.csv'), 'utf8')).get('shcheglovais')!;
    expect(sb.ok(['credentials', 'verify', 'shcheglovais'], { input: `${password}\n` }).stdout.trim()).toBe('ok');
    expect(sb.ok(['credentials', 'verify', 'ShcheglovaIS'], { input: `${password}\r\nnext line` }).stdout.trim()).toBe('ok');
    const wrong = sb.run(['credentials', 'verify', 'shcheglovais', '--json'], { input: 'Wrong2Pass\n' });
    expect(wrong.code).toBe(4);
    expect(JSON.parse(wrong.stderr).error.code).toBe('password_mismatch');
    expect(sb.run(['credentials', 'verify', 'shcheglovais']).code).toBe(2);
    // README: exit 0 on a match, 4 otherwise; no such login cannot match either (its code says which).
    const nobody = sb.run(['credentials', 'verify', 'nobody', '--json'], { input: 'x\n' });
    expect(nobody.code).toBe(4);
    expect(JSON.parse(nobody.stderr).error.code).toBe('account_not_found');

    sb.ok(['credentials', 'reset', '--yes', 'shcheglovais', '--out', 'reset.html']);
    const fresh = /<td>shcheglovais<\/td><\/tr><tr><th>Пароль<\/th><td>([^<]+)<\/td>/.exec(readFileSync(sb.path('reset.html'), 'utf8'))![1];
    expect(fresh).not.toBe(password);
    expect(sb.run(['credentials', 'verify', 'shcheglovais'], { input: `${password}\n` }).code).toBe(4);
    expect(sb.run(['credentials', 'verify', 'shcheglovais'], { input: `${fresh}\n` }).code).toBe(0);
  });

  it('an expelled student\'s account shows as disabled; disable and enable are audited', async () => {
    sb = college();
    sb.ok(['credentials', 'issue', '--group', 'ИС-25', '--out', 'list.csv']);
    const password = passwords(readFileSync(sb.path('list.csv'), 'utf8')).get('zhukovfi')!;
    sb.ok(['order', 'expel', '--no', '5-к', '--date', '2025-10-01', '2']);
    const zhukov = sb.ok(['credentials', 'list', '--json']).json().find((a: any) => a.login === 'zhukovfi');
    expect(zhukov).toMatchObject({ role: 'student', name: 'Жуков Фёдор Юрьевич', disabled: true, mustChange: true });
    expect(zhukov.disabledReason).toBe('приказ об отчислении 5-к от 01.10.2025');
    const refused = sb.run(['credentials', 'verify', 'zhukovfi', '--json'], { input: `${password}\n` });
    expect(refused.code).toBe(4);
    expect(JSON.parse(refused.stderr).error.code).toBe('account_disabled');
    expect(sb.run(['credentials', 'reset', '--yes', 'zhukovfi', '--out', 'z.html']).code).toBe(4);
    expect(sb.ok(['credentials', 'list', '--group', 'ИС-25', '--json']).json()).toHaveLength(24);

    sb.ok(['credentials', 'disable', 'shcheglovais', '--reason', 'утерян пароль']);
    expect(sb.ok(['credentials', 'disable', 'shcheglovais', '--json']).json()).toMatchObject({ changed: false });
    // Enabled all the same, with a word that the student has left.
    const enabled = sb.run(['credentials', 'enable', 'zhukovfi']);
    expect(enabled.code).toBe(0);
    expect(enabled.stderr).toContain('zhukovfi belongs to a student who has left (expelled): the account opens again all the same.');
    const table = sb.ok(['credentials', 'list']).stdout;
    expect(table).toContain('утерян пароль');
    expect(table).not.toContain('$argon2');
    const audit = await query<any>(sb.db, "SELECT entity_id, action FROM audit WHERE entity = 'account' AND entity_id IS NOT NULL ORDER BY id");
    expect(audit).toEqual([
      { entity_id: 'zhukovfi', action: 'disable' },
      { entity_id: 'shcheglovais', action: 'disable' },
      { entity_id: 'zhukovfi', action: 'enable' },
    ]);
    expect(sb.run(['credentials', 'verify', 'zhukovfi'], { input: `${password}\n` }).code).toBe(0);
    // Enabling ends the disabling and keeps it on record; disabling again opens a new one.
    sb.ok(['credentials', 'disable', 'zhukovfi', '--reason', 'на проверке']);
    expect(sb.ok(['credentials', 'enable', 'zhukovfi', '--json']).json()).toEqual({ login: 'zhukovfi', disabled: false, changed: true, studentLeft: 'expelled' });
    sb.ok(['credentials', 'disable', 'zhukovfi', '--reason', 'на проверке']);
    expect(sb.ok(['credentials', 'list', '--json']).json().find((a: any) => a.login === 'zhukovfi')).toMatchObject({ disabled: true, disabledReason: 'на проверке' });
    const history = await query<any>(
      sb.db,
      "SELECT d.reason, o.number, d.enabled_at IS NOT NULL AS ended FROM account_disabled d JOIN account a ON a.id = d.account_id LEFT JOIN \"order\" o ON o.id = d.order_id WHERE a.login = 'zhukovfi' ORDER BY d.id",
    );
    expect(history).toEqual([
      { reason: null, number: '5-к', ended: 1 },
      { reason: 'на проверке', number: null, ended: 1 },
      { reason: 'на проверке', number: null, ended: 0 },
    ]);
    // A student still studying: nothing to point out.
    expect(sb.ok(['credentials', 'enable', 'shcheglovais', '--json']).json()).toEqual({ login: 'shcheglovais', disabled: false, changed: true, studentLeft: null });
  });
});
