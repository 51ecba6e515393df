import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { writeEnrolmentList, groupName } from '../../bench/enrolment.js';
import { Sandbox, query } from '../e2e/harness.js';

const boxes: Sandbox[] = [];
afterAll(() => boxes.forEach((b) => b.cleanup()));

const ROWS = 2_000;
const GROUPS = 4;

/** A college with the groups of the generated list. */
function college(): Sandbox {
  const box = new Sandbox().init();
  boxes.push(box);
  box.ok(['program', 'add', '09.02.07', 'Информационные системы и программирование', '--duration', '3г10м']);
  for (let g = 0; g < GROUPS; g++) box.ok(['group', 'create', groupName(g), '--program', '09.02.07', '--course', '1']);
  return box;
}

/** What a store holds, as rows to compare between runs (ids left out: they may differ). */
async function contents(db: string) {
  return {
    people: await query(db, 'SELECT last_name, first_name, middle_name, birth_date, snils FROM person ORDER BY snils'),
    students: await query(db, 'SELECT p.snils, s.status FROM student s JOIN person p ON p.id = s.person_id ORDER BY p.snils'),
    memberships: await query(db, 'SELECT p.snils, g.name, m.from_date, m.to_date FROM membership m JOIN person p ON p.id = m.student_id JOIN study_group g ON g.id = m.group_id ORDER BY p.snils'),
    orders: await query(db, 'SELECT number, date, kind FROM "order" ORDER BY id'),
    items: (await query<{ n: number }>(db, 'SELECT count(*) AS n FROM order_item'))[0].n,
    accounts: await query(db, 'SELECT login, role, NOT EXISTS (SELECT 1 FROM account_disabled d WHERE d.account_id = a.id AND d.enabled_at IS NULL) AS enabled FROM account a ORDER BY login'),
  };
}

describe('the same list imported twice at the same moment', () => {
  it('gives the store of one import after the other, and no run exits 1 (20 rounds)', async () => {
    const sequential = college();
    const list = writeEnrolmentList(sequential.path('list.csv'), ROWS, GROUPS);
    sequential.ok(['student', 'import', list]);
    sequential.ok(['student', 'import', list]);
    const expected = await contents(sequential.db);
    expect(expected.students).toHaveLength(ROWS);

    for (let round = 0; round < 20; round++) {
      const box = college();
      const file = writeEnrolmentList(box.path('list.csv'), ROWS, GROUPS);
      const runs = await Promise.all([box.start(['student', 'import', file, '--json']).done, box.start(['student', 'import', file, '--json']).done]);
      for (const r of runs) expect([0, 4, 5], r.stderr).toContain(r.code);
      expect(await contents(box.db)).toEqual(expected);
    }
  });
});

describe('two reissues at the same moment', () => {
  it('leave one file whose passwords open the accounts; the other run refuses or waits (20 rounds)', async () => {
    const box = college();
    box.ok(['student', 'import', writeEnrolmentList(box.path('list.csv'), 40, 1)]);
    box.ok(['credentials', 'issue', '--group', groupName(0), '--out', box.path('first.csv')]);
    for (let round = 0; round < 20; round++) {
      const a = box.path(`a-${round}.csv`);
      const b = box.path(`b-${round}.csv`);
      const runs = await Promise.all([
        box.start(['credentials', 'issue', '--group', groupName(0), '--reissue', '--out', a]).done,
        box.start(['credentials', 'issue', '--group', groupName(0), '--reissue', '--out', b]).done,
      ]);
      for (const r of runs) expect([0, 4, 5], r.stderr).toContain(r.code);
      // A run that succeeded left its file; a refused one left none.
      for (const [file, run] of [[a, runs[0]], [b, runs[1]]] as const) {
        expect(existsSync(file)).toBe(run.code === 0);
      }
      // The run whose transaction came last holds the passwords that count: the audit names
      // the temporary file it wrote, so its file is known exactly.
      const [{ staging }] = await query<{ staging: string }>(box.db, "SELECT json_extract(after, '$.staging') AS staging FROM audit WHERE entity = 'account' ORDER BY id DESC LIMIT 1");
      const last = box.path(staging.replace(/^\.(.+)\.tmp-\d+-[0-9a-f]+$/, '$1'));
      expect([a, b]).toContain(last);
      expect(existsSync(last)).toBe(true);
      const lines = readFileSync(last, 'utf8').replace(/^\uFEFF/, '').trim().split(/\r?\n/).slice(1);
      for (const line of [lines[0], lines[lines.length - 1]]) {
        // ФИО;Группа;Роль;Логин;Пароль
        const cells = line.split(';');
        expect(box.run(['credentials', 'verify', cells[cells.length - 2]], { input: `${cells[cells.length - 1]}\n` }).code).toBe(0);
      }
    }
    expect(readdirSync(box.dir).filter((f) => f.includes('.tmp-'))).toEqual([]);
  });
});
