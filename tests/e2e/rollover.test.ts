import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { query, type Sandbox } from './harness.js';
import { DEBTOR, dump, FRESHERS, GRADUATES, JULY, rolloverWorld } from './rolloverWorld.js';

const boxes: Sandbox[] = [];
afterAll(() => boxes.forEach((b) => b.cleanup()));
const world = (options?: { closeYear?: boolean }) => {
  const box = rolloverWorld(options);
  boxes.push(box);
  return box;
};

/** The world, with 2026/2027 created beforehand and a new intake's ИС-25 in it: ИС-25's own name is taken. */
const worldWithNameTaken = () => {
  const box = world();
  box.ok(['year', 'create', '2026/2027'], { env: JULY });
  box.ok(['group', 'create', 'ИС-25', '--program', '09.02.07', '--course', '1', '--year', '2026/2027'], { env: JULY });
  return box;
};

const ROLL = ['year', 'rollover', '--from', '2025/2026', '--to', '2026/2027'];
const reports = (box: Sandbox) => [
  box.ok(['report', 'movement', '--year', '2025/2026', '--format', 'csv'], { env: JULY }).stdout,
  box.ok(['report', 'outcomes', '--year', '2025/2026', '--format', 'csv'], { env: JULY }).stdout,
  box.ok(['report', 'outcomes', '--year', '2025/2026', '--json'], { env: JULY }).stdout,
];

describe('year close', () => {
  it('refuses while a period is open, listing it; then closes after a backup, and the closed year stays read-only', async () => {
    const box = world({ closeYear: false });
    box.ok(['period', 'reopen', 'S2', '--reason', 'исправление'], { env: JULY });
    const refused = box.run(['year', 'close', '2025/2026'], { env: JULY });
    expect(refused.code).toBe(4);
    expect(refused.stderr).toMatch(/^  S2 2 семестр: 31\.01\.2026 – 30\.06\.2026$/m);
    // For scripts, the details are the open periods themselves.
    const refusedJson = JSON.parse(box.run(['year', 'close', '2025/2026', '--json'], { env: JULY }).stderr);
    expect(refusedJson.error).toMatchObject({ code: 'year_periods_open', details: [{ period: '2025/2026:S2', end: '2026-06-30' }] });
    box.ok(['period', 'close', 'S2', '--force'], { env: JULY });
    const closed = box.ok(['year', 'close', '2025/2026', '--json'], { env: JULY }).json();
    expect(closed.status).toBe('closed');
    expect(readFileSync(closed.backup).subarray(0, 15).toString()).toBe('SQLite format 3');
    // Nothing of the closed year reopens, so nothing dated in it changes.
    expect(box.run(['period', 'reopen', 'S2', '--reason', 'x'], { env: JULY }).code).toBe(4);
    expect(box.run(['grades', 'set', '--group', 'ИС-25', '--subject', 'ОУД.04', '--period', 'S1', '--student', DEBTOR, '--mark', '3', '--override', 'пересдача'], { env: JULY }).code).toBe(4);
    expect(box.run(['group', 'create', 'ИС-25Б', '--program', '09.02.07', '--course', '1', '--year', '2025/2026'], { env: JULY }).code).toBe(4);
    expect(box.run(['year', 'close', '2025/2026'], { env: JULY }).code).toBe(4);
    // Its periods' dates too, and the refusal names the closed year: no period reopen helps there.
    const moved = box.run(['period', 'set', 'S1', '--end', '2026-01-20', '--year', '2025/2026', '--json'], { env: JULY });
    expect(moved.code).toBe(4);
    expect(JSON.parse(moved.stderr).error.code).toBe('year_closed');
    const mark = box.run(['grades', 'set', '--group', 'ИС-25', '--subject', 'ОУД.04', '--period', 'S1', '--student', DEBTOR, '--mark', '3', '--json'], { env: JULY });
    expect(JSON.parse(mark.stderr).error.code).toBe('lock_year_closed');
    expect(JSON.parse(mark.stderr).error.message).not.toContain('reopen');
    // Its calendar too: no holiday added, removed or overridden inside it; outside it, as before.
    const calendar = () => query(box.db, 'SELECT * FROM calendar_day ORDER BY date');
    const days = await calendar();
    const added = box.run(['calendar', 'holiday', 'add', '2026-03-10', '--name', 'День колледжа', '--json'], { env: JULY });
    expect(added.code).toBe(4);
    expect(JSON.parse(added.stderr).error).toMatchObject({ code: 'year_closed_read_only', details: { year: '2025/2026', date: '2026-03-10' } });
    expect(box.run(['calendar', 'holiday', 'remove', '2026-03-09'], { env: JULY }).code).toBe(4);
    expect(await calendar()).toEqual(days);
    box.ok(['calendar', 'holiday', 'add', '2026-07-10', '--name', 'День колледжа'], { env: JULY });
    box.ok(['calendar', 'holiday', 'remove', '2026-07-10'], { env: JULY });
  });
});

describe('unfinished copies of the store', () => {
  it('a killed run left beside the backups are removed by the next copy made there, which says so', () => {
    const box = world({ closeYear: false });
    const backups = join(box.dir, 'backups');
    mkdirSync(backups, { recursive: true });
    // A process that has ended, and one that is running (this one): only the ended one's copy is left over.
    const gone = spawnSync(process.execPath, ['-e', '']).pid!;
    const dead = `.registrar-20260702-012721-rollover.db.tmp-${gone}-31426435a787`;
    const running = `.registrar-20260702-012800-rollover.db.tmp-${process.pid}-0123456789ab`;
    const notACopy = `.slips.html.tmp-${gone}-aaaaaaaaaaaa`; // credentials issue's, which it publishes or removes itself
    for (const name of [dead, `${dead}-journal`, running, notACopy]) writeFileSync(join(backups, name), 'SQLite format 3\0');
    const closed = box.run(['year', 'close', '2025/2026', '--json'], { env: JULY });
    expect(closed.code).toBe(0);
    expect(closed.json().unfinishedCopiesRemoved).toEqual([dead]);
    expect(closed.stderr).toContain(`Removed 1 unfinished backup copy(ies) an interrupted run had left: ${dead}`);
    const left = readdirSync(backups);
    expect(left).not.toContain(dead);
    expect(left).not.toContain(`${dead}-journal`);
    expect(left).toEqual(expect.arrayContaining([running, notACopy]));
    // Nothing left over: nothing said.
    const again = box.run(['backup', '--json'], { env: JULY });
    expect(again.json().unfinishedCopiesRemoved).toEqual([]);
    expect(again.stderr).toBe('');
  });
});

describe('year rollover', () => {
  it('dry run prints the plan and leaves the store byte for byte; the rollover moves, graduates, disables, records the debt; a second run exits 4', async () => {
    const box = world();
    const before = readFileSync(box.db);
    const plan = box.ok([...ROLL, '--dry-run', '--json'], { env: JULY }).json();
    expect(readFileSync(box.db).equals(before)).toBe(true);
    expect(plan.dryRun).toBe(true);
    expect(plan.plan.groups.map((g: any) => [g.name, g.action, g.toName, g.toCourse])).toEqual([
      ['ИС-22', 'graduate', null, null],
      ['ИС-25', 'continue', 'ИС-25', 2],
    ]);
    expect(plan.plan.students.find((s: any) => s.name === DEBTOR)).toMatchObject({ outcome: 'conditional', debts: [{ subject: 'ОУД.04', value: '2' }] });
    expect(await query(box.db, "SELECT * FROM year WHERE name = '2026/2027'")).toEqual([]);

    const text = box.ok([...ROLL, '--dry-run'], { env: JULY }).stdout;
    expect(text).toContain('ОУД.04');
    expect(text).toMatch(/promoted conditionally/);
    // A plan says what will be, not what was.
    expect(text).toMatch(/^The year 2026\/2027 will be created: 01\.09\.2026 – 30\.06\.2027/m);
    expect(text).toContain('Accounts of graduates to disable: 2.');
    expect(box.ok(['--lang', 'ru', ...ROLL, '--dry-run'], { env: JULY }).stdout).toMatch(/^Будет создан учебный год 2026\/2027/m);

    const reportsBefore = reports(box);
    const done = box.ok([...ROLL, '--json'], { env: JULY }).json();
    expect(done.counts).toEqual({ promoted: 2, conditional: 1, held: 0, graduated: 2, notMoved: 0 });
    expect(done.accountsDisabled).toHaveLength(2);
    // The dry run named the very accounts the rollover disabled.
    expect(plan.accountsDisabled).toEqual(done.accountsDisabled);
    // Its copy is named with nothing half-made beside it, and the commit's pages are in the
    // store file: the checkpoint the copying thread ran left no log behind.
    expect(existsSync(done.backup)).toBe(true);
    expect(readdirSync(join(box.dir, 'backups')).filter((f) => f.includes('.tmp-'))).toEqual([]);
    expect(existsSync(`${box.db}-wal`)).toBe(false);

    const next = await query<{ name: string; course: number; students: number; predecessor: string }>(
      box.db,
      `SELECT g.name, g.course, (SELECT count(*) FROM membership m WHERE m.group_id = g.id AND m.to_date IS NULL) AS students, pg.name AS predecessor
         FROM study_group g JOIN year y ON y.id = g.year_id LEFT JOIN study_group pg ON pg.id = g.predecessor_id WHERE y.name = '2026/2027'`,
    );
    expect(next).toEqual([{ name: 'ИС-25', course: 2, students: 3, predecessor: 'ИС-25' }]);
    const year = await query<{ start: string; end: string; periods: number }>(box.db, "SELECT start, end, (SELECT count(*) FROM period WHERE year_id = year.id) AS periods FROM year WHERE name = '2026/2027'");
    expect(year).toEqual([{ start: '2026-09-01', end: '2027-06-30', periods: 2 }]);
    const graduates = await query<{ name: string; status: string; disabled: number }>(
      box.db,
      `SELECT p.last_name || ' ' || p.first_name || ' ' || p.middle_name AS name, s.status, EXISTS (SELECT 1 FROM account_disabled d WHERE d.account_id = a.id AND d.enabled_at IS NULL) AS disabled
         FROM student s JOIN person p ON p.id = s.person_id JOIN account a ON a.person_id = s.person_id ORDER BY p.id`,
    );
    expect(graduates).toEqual(GRADUATES.map((name) => ({ name, status: 'graduated', disabled: 1 })));
    const orders = await query<{ kind: string; items: number }>(box.db, `SELECT kind, (SELECT count(*) FROM order_item i WHERE i.order_id = o.id) AS items FROM "order" o WHERE kind <> 'enroll' ORDER BY kind`);
    expect(orders).toEqual([{ kind: 'graduate', items: 2 }, { kind: 'transfer', items: 3 }]);

    const outcomes = box.ok(['report', 'outcomes', '--year', '2025/2026', '--json'], { env: JULY }).json();
    const debtor = outcomes.rows.find((r: any) => r.student === DEBTOR);
    expect(debtor.outcome).toBe('conditional');
    expect(debtor.debts).toContain('Математика');

    const again = box.run(ROLL, { env: JULY });
    expect(again.code).toBe(4);
    expect(again.stderr).toContain('year rollover --undo 2026/2027');
    expect(again.stderr).toContain('into 2026/2027 (05.07.2026, by tester)');
    expect(reports(box)).toEqual(reportsBefore);
    // --all --out DIR: one file per group, as the other per-group reports.
    box.ok(['report', 'outcomes', '--year', '2025/2026', '--all', '--format', 'csv', '--out', box.path('outcomes')], { env: JULY });
    expect(readdirSync(box.path('outcomes')).sort()).toEqual(['outcomes_ИС-22_2025-2026.csv', 'outcomes_ИС-25_2025-2026.csv']);

    // The printed transfer order says from which year and course to which, and so do the book
    // of movement and the student's card.
    const order = box.ok(['order', 'show', done.transferOrder.number], { env: JULY }).stdout;
    expect(order).toContain('ИС-25 (course 1, 2025/2026)');
    expect(order).toContain('ИС-25 (course 2, 2026/2027)');
    // The printed order carries the conditional transfer's note on the debtor's line only.
    expect(order.split('\n').find((l) => l.includes(DEBTOR))).toContain('условно переведён(а), имеет академическую задолженность');
    expect(order.split('\n').filter((l) => l.includes('условно'))).toHaveLength(1);
    const book = box.ok(['report', 'movement', '--year', '2026/2027', '--format', 'csv'], { env: JULY }).stdout;
    expect(book).toContain('"ИС-25 (course 1, 2025/2026)","ИС-25 (course 2, 2026/2027)"');
    const card = box.ok(['student', 'show', DEBTOR], { env: JULY }).stdout;
    expect(card).toContain('ИС-25 (course 2, 2026/2027)');
    // The card names the open debt: the S1 mark of 2 in Математика, of the year rolled from.
    expect(card).toMatch(/Academic debts \(open\)\n(?:.*\n){2}│ 2025\/2026 │ ОУД\.04 «Математика» │ 2 +│ S1 +│/);
    expect(box.ok(['student', 'show', DEBTOR, '--json'], { env: JULY }).json().debts).toEqual([{ year: '2025/2026', subject: 'ОУД.04', subjectName: 'Математика', value: '2', period: 'S1' }]);
    // The outcomes are a report like the others: one group of them, and an archived copy verified.
    const one = box.ok(['report', 'outcomes', '--year', '2025/2026', '--group', 'ИС-22', '--json'], { env: JULY }).json();
    expect(one.rows.map((r: any) => r.outcome)).toEqual(['graduated', 'graduated']);
    box.ok(['report', 'outcomes', '--year', '2025/2026', '--format', 'pdf', '--out', box.path('outcomes.pdf')], { env: JULY });
    expect(box.run(['report', 'verify', box.path('outcomes.pdf')], { env: JULY }).code).toBe(0);

    // In July the default year is still the closed one: the refusal says where a retake goes.
    const early = box.run(['grades', 'set', '--group', 'ИС-25', '--subject', 'ОУД.04', '--kind', 'exam', '--student', DEBTOR, '--mark', '4', '--json'], { env: JULY });
    expect(early.code).toBe(4);
    expect(JSON.parse(early.stderr).error).toMatchObject({ code: 'lock_year_closed' });
    expect(JSON.parse(early.stderr).error.message).toContain('A retake is a mark of the next year: add --year 2026/2027.');
    // A retake in the new year closes the debt, and the outcome follows.
    box.ok(['grades', 'set', '--group', 'ИС-25', '--year', '2026/2027', '--subject', 'ОУД.04', '--kind', 'final', '--student', DEBTOR, '--mark', '3'], { env: { REGISTRAR_TODAY: '2026-09-15' } });
    const after = box.ok(['report', 'outcomes', '--year', '2025/2026', '--json'], { env: JULY }).json();
    expect(after.rows.find((r: any) => r.student === DEBTOR)).toMatchObject({ outcome: 'promoted', debts: null });
    expect(box.ok(['student', 'show', DEBTOR, '--json'], { env: JULY }).json().debts).toEqual([]);
    expect(box.ok(['student', 'show', DEBTOR], { env: JULY }).stdout).not.toContain('Academic debts');
    // The archived outcomes no longer match: the retake changed them.
    expect(box.run(['report', 'verify', box.path('outcomes.pdf')], { env: JULY }).code).toBe(4);
  });

  it('--undo right after restores the earlier state; after any further write it refuses, listing the change', async () => {
    const box = world();
    const before = await dump(box.db);
    box.ok(ROLL, { env: JULY });
    const rolled = await dump(box.db);
    expect(rolled).not.toEqual(before);
    // --dry-run shows what the undo would take back and writes nothing, the audit log included.
    const audit = await query(box.db, 'SELECT count(*) AS n FROM audit');
    const preview = box.ok(['year', 'rollover', '--undo', '2026/2027', '--dry-run'], { env: JULY }).stdout;
    expect(preview).toMatch(/would take back the rollover 2025\/2026 → 2026\/2027: 1 group\(s\) and 5 outcome\(s\) removed, 2 account\(s\)/);
    expect(await dump(box.db)).toEqual(rolled);
    expect(await query(box.db, 'SELECT count(*) AS n FROM audit')).toEqual(audit);
    // --undo takes only its year: what to take back is on record.
    const mixed = box.run(['year', 'rollover', '--undo', '2026/2027', '--yes', '--from', '2025/2026'], { env: JULY });
    expect(mixed.code).toBe(2);
    expect(await dump(box.db)).toEqual(rolled);
    // Without a terminal and without --yes: refused (exit 2) with what it would take back, nothing written.
    const unconfirmed = box.run(['year', 'rollover', '--undo', '2026/2027'], { env: JULY });
    expect(unconfirmed.code).toBe(2);
    expect(unconfirmed.stderr).toContain('Take back the rollover 2025/2026 → 2026/2027: 1 group(s) and 5 outcome(s) removed, 2 account(s) enabled again? Confirm with --yes.');
    expect(await dump(box.db)).toEqual(rolled);
    const undoneText = box.ok(['year', 'rollover', '--undo', '2026/2027', '--yes'], { env: JULY }).stdout;
    expect(undoneText).toContain('1 group(s) and 5 outcome(s) removed, 2 account(s) enabled again; the earlier state restored.');
    expect(await dump(box.db)).toEqual(before);

    box.ok(ROLL, { env: JULY });
    box.ok(['calendar', 'holiday', 'add', '2026-09-02', '--name', 'День знаний (перенос)'], { env: JULY });
    box.ok(['student', 'update', DEBTOR, '--phone', '+7 900 000-00-00'], { env: JULY });
    const [{ login }] = await query<{ login: string }>(box.db, `SELECT a.login FROM account a JOIN person p ON p.id = a.person_id WHERE p.last_name = 'Жуков'`);
    box.ok(['credentials', 'enable', login], { env: JULY });
    box.ok(['grades', 'set', '--group', 'ИС-25', '--year', '2026/2027', '--subject', 'ОУД.04', '--kind', 'final', '--student', DEBTOR, '--mark', '3'], { env: { REGISTRAR_TODAY: '2026-09-15' } });
    const refused = box.run(['year', 'rollover', '--undo', '2026/2027', '--yes'], { env: JULY });
    expect(refused.code).toBe(4);
    // An account by its login and its holder's name.
    expect(refused.stderr).toMatch(new RegExp(`^  \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d tester: account ${login} \\(Жуков Жан Жанович\\) — enabled$`, 'm'));
    // The student by name, not by the id the record keeps; the backup to restore, by its path.
    expect(refused.stderr).toMatch(new RegExp(`^  \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d tester: student ${DEBTOR} — updated$`, 'm'));
    // A mark by its student's name, then its subject, kind and year.
    expect(refused.stderr).toMatch(new RegExp(`^  \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d tester: period or final mark ${DEBTOR}, ОУД.04:final:2026/2027 — created$`, 'm'));
    expect(refused.stderr).toMatch(/The store as it was before the rollover is in its backup: \/.*backups\/registrar-\d{8}-\d{6}-rollover(-\d+)?\.db$/m);
    // What changed since, as people read it: the time, who, what was done to what.
    expect(refused.stderr).toMatch(/^  \d{4}-\d\d-\d\d \d\d:\d\d:\d\d tester: calendar day 2026-09-02 — added$/m);
    const refusedRu = box.run(['--lang', 'ru', 'year', 'rollover', '--undo', '2026/2027', '--yes'], { env: JULY });
    expect(refusedRu.stderr).toMatch(/^  \d{4}-\d\d-\d\d \d\d:\d\d:\d\d tester: день календаря 2026-09-02 — добавление$/m);
    const refusedJson = JSON.parse(box.run(['year', 'rollover', '--undo', '2026/2027', '--yes', '--json'], { env: JULY }).stderr);
    expect(refusedJson.error).toMatchObject({ code: 'rollover_undo_changed', details: [{ entity: 'calendar_day', entityId: '2026-09-02' }, { entity: 'student', name: DEBTOR }, { entity: 'account', entityId: login, name: `${login} (Жуков Жан Жанович)` }, { entity: 'grade', name: `${DEBTOR}, ОУД.04:final:2026/2027` }] });
    expect(await query(box.db, 'SELECT count(*) AS n FROM rollover')).toEqual([{ n: 1 }]);
  });

  it('--undo enables again only the accounts the rollover disabled: one closed before stays closed, with its own date and reason', async () => {
    const box = world();
    const [{ login }] = await query<{ login: string }>(box.db, `SELECT a.login FROM account a JOIN person p ON p.id = a.person_id WHERE p.last_name = 'Жуков'`);
    box.ok(['credentials', 'disable', login, '--reason', 'утерян пароль'], { env: { REGISTRAR_TODAY: '2026-06-01' } });
    const before = await dump(box.db);
    const done = box.ok([...ROLL, '--json'], { env: JULY }).json();
    expect(done.accountsDisabled).toHaveLength(1);
    expect(done.accountsDisabled).not.toContain(login);
    const undone = box.ok(['year', 'rollover', '--undo', '2026/2027', '--yes', '--json'], { env: JULY }).json();
    expect(undone.restored).toMatchObject({ accounts: 1, students: 5 });
    expect(await dump(box.db)).toEqual(before);
    expect(await query(box.db, 'SELECT d.reason, d.order_id, d.enabled_at FROM account_disabled d JOIN account a ON a.id = d.account_id WHERE a.login = ?', login)).toEqual([{ reason: 'утерян пароль', order_id: null, enabled_at: null }]);
  });

  it('--debtors hold keeps the debtor in the old group of the closed year', async () => {
    const box = world();
    const heldText = box.ok([...ROLL, '--debtors', 'hold', '--dry-run'], { env: JULY }).stdout;
    expect(heldText).toContain('order transfer --year 2026/2027');
    const held = box.ok([...ROLL, '--debtors', 'hold', '--json'], { env: JULY }).json();
    expect(held.counts).toMatchObject({ promoted: 2, held: 1 });
    const debtorGroup = await query<{ name: string; year: string }>(
      box.db,
      `SELECT g.name, y.name AS year FROM membership m JOIN study_group g ON g.id = m.group_id JOIN year y ON y.id = g.year_id JOIN person p ON p.id = m.student_id
        WHERE m.to_date IS NULL AND p.last_name = 'Орлов'`,
    );
    expect(debtorGroup).toEqual([{ name: 'ИС-25', year: '2025/2026' }]);
    // The list of the new year tells last year's ИС-25 from the new one.
    const list = box.ok(['student', 'list', '--year', '2026/2027', '--format', 'csv'], { env: { REGISTRAR_TODAY: '2026-09-15' } }).stdout;
    expect(list.split('\n').find((l) => l.includes('Орлов'))).toContain('ИС-25 (2025/2026)');
    expect(list.split('\n').find((l) => l.includes('Аксёнов'))).toMatch(/,ИС-25,/);
    // So does the card: the group with its course and year.
    const card = (name: string) => box.ok(['student', 'show', name], { env: { REGISTRAR_TODAY: '2026-09-15' } }).stdout.split('\n').find((l) => l.startsWith('group'));
    expect(card(DEBTOR)).toMatch(/^group +ИС-25 \(course 1, 2025\/2026\)$/);
    expect(card('Аксёнов Антон Андреевич')).toMatch(/^group +ИС-25 \(course 2, 2026\/2027\)$/);
  });

  it('a student on academic leave over the year end is left behind by name, and the hint names the order that brings them back', async () => {
    const box = rolloverWorld({ closeYear: false });
    const student = FRESHERS[1];
    box.ok(['order', 'leave', '--order-no', '40-к', '--order-date', '01.07.2026', '--reason', 'по медицинским показаниям', student], { env: JULY });
    box.ok(['year', 'close', '2025/2026'], { env: JULY });
    const refused = box.run(ROLL, { env: JULY });
    expect(refused.code).toBe(3);
    expect(refused.stderr).toMatch(new RegExp(`${student} \\(id \\d+, ИС-25\\): not active \\(academic leave\\)`));
    const left = box.ok([...ROLL, '--leave-behind'], { env: JULY }).stdout;
    expect(left).toContain('a student back from academic leave with `registrar order restore --year 2026/2027`');
    // The hint's way back works, and the other one refuses a student on leave.
    const moved = box.run(['order', 'transfer', '--order-no', '61-к', '--order-date', '01.09.2026', '--group', 'ИС-25', '--year', '2026/2027', student], { env: JULY });
    expect(moved.code).toBe(4);
    box.ok(['order', 'restore', '--order-no', '62-к', '--order-date', '01.09.2026', '--group', 'ИС-25', '--year', '2026/2027', student], { env: JULY });
    expect(await query(box.db, `SELECT g.name, g.course, y.name AS year, s.status FROM membership m JOIN study_group g ON g.id = m.group_id JOIN year y ON y.id = g.year_id
                                 JOIN student s ON s.person_id = m.student_id JOIN person p ON p.id = m.student_id
                                WHERE p.last_name = 'Борисова' AND m.to_date IS NULL`)).toEqual([{ name: 'ИС-25', course: 2, year: '2026/2027', status: 'active' }]);
  });

  it('--name gives a group whose name is taken its new one; a group it cannot name is refused before anything is written', async () => {
    const box = worldWithNameTaken();
    const before = await dump(box.db);
    const advice = box.run([...ROLL, '--dry-run'], { env: JULY });
    expect(advice.code).toBe(3);
    expect(advice.stdout).toContain('group ИС-25: the name ИС-25 is already taken in the next year (give it another: --name "ИС-25=…"');
    for (const [name, code, message] of [
      ['ИС-99=ИС-99', 3, '--name: 2025/2026 has no group ИС-99'],
      ['ИС-22=ИС-23', 3, '--name: the group ИС-22 does not go on to the next year (it graduates), so it gets no new name'],
      ['ИС-25', 2, '--name ИС-25: write it as OLD=NEW'],
      ['ИС-25=ИС-26=x', 2, '--name ИС-25=ИС-26=x: write it as OLD=NEW'],
    ] as const) {
      const r = box.run([...ROLL, '--name', name], { env: JULY });
      expect(r.code, name).toBe(code);
      expect(r.stderr, name).toContain(message);
    }
    expect(await dump(box.db)).toEqual(before);
    box.ok([...ROLL, '--name', 'ис-25=ИС-25 Б'], { env: JULY });
    expect(await query(box.db, `SELECT g.name, g.course, count(m.id) AS students FROM study_group g JOIN year y ON y.id = g.year_id LEFT JOIN membership m ON m.group_id = g.id
                                 WHERE y.name = '2026/2027' GROUP BY g.id ORDER BY g.name`)).toEqual([{ name: 'ИС-25', course: 1, students: 0 }, { name: 'ИС-25 Б', course: 2, students: 3 }]);
  });

  it('the preflight refuses with exit 3, writing nothing, while a group cannot be placed; --leave-behind goes ahead without it', async () => {
    const box = worldWithNameTaken();
    const before = await dump(box.db);
    // The dry run prints the whole plan with the problem, then refuses as the rollover would.
    const dry = box.run([...ROLL, '--dry-run'], { env: JULY });
    expect(dry.code).toBe(3);
    expect(dry.stdout).toContain('ИС-22');
    expect(dry.stdout).toMatch(/Problems \(1\)/);
    expect(dry.stdout).toContain('ИС-25');
    expect(dry.stderr).toContain('until its 1 problem(s) are fixed');
    // Not a year at all: said so, not that it does not follow.
    const foo = box.run(['year', 'rollover', '--from', '2025/2026', '--to', 'foo', '--dry-run'], { env: JULY });
    expect(foo.code).toBe(3);
    expect(foo.stderr).toContain('"foo" is not an academic year; write it as 2025/2026');
    // A refused dry run does not end its output with a line that reads like success.
    expect(dry.stdout).not.toMatch(/✔|Rolled over/);
    // ИС-25 has no number equal to its course: --rename increment would not help, so it is not offered.
    expect(dry.stdout).not.toContain('--rename increment');
    expect(dry.stdout).toContain('group update');
    const dryJson = box.run([...ROLL, '--dry-run', '--json'], { env: JULY });
    expect(dryJson.code).toBe(3);
    expect(JSON.parse(dryJson.stdout).plan.students).toHaveLength(5);
    expect(JSON.parse(dryJson.stderr).error).toMatchObject({ code: 'rollover_dry_run_problems', details: { count: 1, problems: [{ group: 'ИС-25', problem: 'name_taken', toName: 'ИС-25' }] } });
    // The rollover's own refusal carries the same records.
    expect(JSON.parse(box.run([...ROLL, '--json'], { env: JULY }).stderr).error).toMatchObject({ code: 'rollover_problems', details: [{ group: 'ИС-25', problem: 'name_taken', toName: 'ИС-25' }] });
    const dryLeave = box.run([...ROLL, '--dry-run', '--leave-behind'], { env: JULY });
    expect(dryLeave.code).toBe(0);
    expect(dryLeave.stdout).toContain('Would be left where they are');
    expect(dryLeave.stdout).not.toContain('refuses while they stand');
    const refused = box.run(ROLL, { env: JULY });
    expect(refused.code).toBe(3);
    expect(refused.stderr).toContain('ИС-25');
    expect(await dump(box.db)).toEqual(before);
    const left = box.ok([...ROLL, '--leave-behind'], { env: JULY }).stdout;
    expect(left).toContain('year rollover --undo 2026/2027');
    const done = box.ok(['year', 'rollover', '--undo', '2026/2027', '--dry-run', '--json'], { env: JULY }).json();
    expect(done).toMatchObject({ dryRun: true, restored: { groups: 0, students: 2, accounts: 2 } });
    // Those left behind stay in the year's outcomes, not moved, the debtor's debt named.
    const outcomes = box.ok(['report', 'outcomes', '--year', '2025/2026', '--json'], { env: JULY }).json();
    expect(outcomes.rows.map((r: any) => [r.group, r.outcome])).toEqual([
      ['ИС-22', 'graduated'], ['ИС-22', 'graduated'], ['ИС-25', null], ['ИС-25', null], ['ИС-25', null],
    ]);
    expect(outcomes.rows.find((r: any) => r.student === DEBTOR).debts).toContain('Математика');
    expect(box.ok(['report', 'outcomes', '--year', '2025/2026'], { env: JULY }).stdout).toContain('not moved 3');
    // Moved by hand later into the new intake's group, a student stays in the closed year's outcomes.
    box.ok(['order', 'transfer', '--order-no', '7-к', '--order-date', '01.09.2026', '--group', 'ИС-25', '--year', '2026/2027', DEBTOR], { env: { REGISTRAR_TODAY: '2026-09-01' } });
    const later = box.ok(['report', 'outcomes', '--year', '2025/2026', '--json'], { env: JULY }).json();
    expect(later.rows).toEqual(outcomes.rows);
    // The group made beforehand for the new intake is left as it is.
    expect(await query(box.db, "SELECT g.course FROM study_group g JOIN year y ON y.id = g.year_id WHERE y.name = '2026/2027'")).toEqual([{ course: 1 }]);
  });

  it('refuses a year that is not closed (exit 4), after showing its plan in a dry run; writes nothing', async () => {
    const box = world({ closeYear: false });
    const before = await dump(box.db);
    const dry = box.run([...ROLL, '--dry-run'], { env: JULY });
    expect(dry.code).toBe(4);
    expect(dry.stdout).toContain('ИС-22');
    expect(dry.stderr).toContain('year close 2025/2026');
    const refused = box.run([...ROLL, '--json'], { env: JULY });
    expect(refused.code).toBe(4);
    expect(JSON.parse(refused.stderr).error.code).toBe('rollover_year_open');
    expect(await dump(box.db)).toEqual(before);
    expect(await query(box.db, 'SELECT count(*) AS n FROM rollover')).toEqual([{ n: 0 }]);
  });

  it('dates its orders between the two years: after the old one ends, by the day the new one starts', async () => {
    const box = world();
    const before = await dump(box.db);
    for (const flags of [['--order-date', '01.09.2027'], ['--order-date', '02.09.2026'], ['--graduation-date', '01.01.2030'], ['--order-date', '30.06.2026']]) {
      const refused = box.run([...ROLL, ...flags, '--json'], { env: JULY });
      expect(refused.code, flags.join(' ')).toBe(3);
      expect(JSON.parse(refused.stderr).error).toMatchObject({ code: 'rollover_order_date', details: { end: '2026-06-30', start: '2026-09-01' } });
    }
    expect(await dump(box.db)).toEqual(before);
    // --quiet prints only errors (CLI.md): the plan and the summary stay unprinted.
    const quiet = box.ok([...ROLL, '--order-date', '31.08.2026', '--graduation-date', '01.07.2026', '--quiet'], { env: JULY });
    expect(quiet.stdout).toBe('');
    const [transfer] = await query<{ date: string }>(box.db, "SELECT date FROM \"order\" WHERE kind = 'transfer'");
    expect(transfer.date).toBe('2026-08-31');
  });

  it('a failure injected midway leaves the store exactly as it was', async () => {
    const box = world();
    const db = new Database(box.db);
    db.exec("CREATE TRIGGER injected BEFORE INSERT ON outcome BEGIN SELECT RAISE(ABORT, 'injected failure'); END");
    db.close();
    const before = await dump(box.db);
    const failed = box.run(ROLL, { env: JULY });
    expect(failed.code).not.toBe(0);
    expect(failed.stderr).toContain('injected failure');
    expect(await dump(box.db)).toEqual(before);
    expect(await query(box.db, 'PRAGMA integrity_check')).toEqual([{ integrity_check: 'ok' }]);
  });
});
