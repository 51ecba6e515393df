import { existsSync, readFileSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { query, Sandbox } from './harness.js';

let sb: Sandbox;
afterEach(() => sb?.cleanup());

describe('demo', () => {
  it('builds the demo college from fixtures/ and keeps its outputs; a second run rebuilds it', async () => {
    sb = new Sandbox();
    const r = sb.run(['demo', '--dir', 'demo', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const result = r.json();
    // Every step exits as it is meant to: 0, or the refusal it shows (exit 3 or 4).
    for (const step of result.steps as { command: string; exit: number; expected: number }[]) expect(step.exit, step.command).toBe(step.expected);
    expect(result.steps.filter((s: { expected: number }) => s.expected !== 0).map((s: { command: string }) => s.command.split(' ').slice(1, 3).join(' '))).toEqual(['student import', 'period close', 'journal mark', 'year rollover']);
    expect(result.outputs).toEqual(expect.arrayContaining(['enrolment-rejects.csv', 'movement.html', 'movement.xlsx', 'slips-ИС-24.html', 'parents-ИС-24.csv', 'backup.db']));
    const db = sb.path('demo/registrar.db');
    expect((await query<{ n: number }>(db, "SELECT count(*) AS n FROM study_group g JOIN year y ON y.id = g.year_id WHERE y.name = '2025/2026'"))[0].n).toBe(5);
    expect((await query<{ n: number }>(db, "SELECT count(*) AS n FROM student WHERE status = 'active'"))[0].n).toBe(31); // changed on purpose (issue 8): the fixture's =HYPERLINK row is refused
    expect((await query<{ n: number }>(db, "SELECT count(*) AS n FROM account WHERE role = 'student'"))[0].n).toBeGreaterThan(0);
    expect(statSync(sb.path('demo/slips-ИС-24.html')).mode & 0o777).toBe(0o600);
    // The autumn's journal (fixtures/journal-*.csv, the ИС-24 grid) and the closed first semester.
    expect((await query<{ n: number }>(db, 'SELECT count(*) AS n FROM lesson'))[0].n).toBe(196);
    expect((await query<{ n: number }>(db, 'SELECT count(*) AS n FROM mark'))[0].n).toBe(349 + 153);
    expect((await query<{ n: number }>(db, 'SELECT count(*) AS n FROM grade'))[0].n).toBeGreaterThan(0);
    expect((await query<{ status: string }>(db, "SELECT status FROM period WHERE code = 'S1'"))[0].status).toBe('closed');
    // The year's end: 2025/2026 closed, three groups moved on (ТМ-24 has no course-3 curriculum in the fixtures), ИС-22 graduated with its accounts closed.
    expect(await query(db, "SELECT status FROM year WHERE name = '2025/2026'")).toEqual([{ status: 'closed' }]);
    expect(await query(db, "SELECT g.name, g.course FROM study_group g JOIN year y ON y.id = g.year_id WHERE y.name = '2026/2027' ORDER BY g.name")).toEqual([
      { name: 'ИС-24', course: 3 },
      { name: 'ИС-25', course: 2 },
      { name: 'ТМ-25', course: 2 },
    ]);
    expect(await query(db, "SELECT p.last_name, s.status, EXISTS (SELECT 1 FROM account_disabled d WHERE d.account_id = a.id AND d.enabled_at IS NULL) AS disabled FROM student s JOIN person p ON p.id = s.person_id JOIN account a ON a.person_id = s.person_id WHERE s.status = 'graduated' ORDER BY p.last_name")).toEqual([
      { last_name: 'Белов', status: 'graduated', disabled: 1 },
      { last_name: 'Громова', status: 'graduated', disabled: 1 },
    ]);
    expect(readFileSync(sb.path('demo/enrolment-rejects.csv'), 'utf8').trim().split('\n')).toHaveLength(8); // one more (issue 8): the =HYPERLINK row
    expect(sb.run(['demo', '--dir', 'demo']).code).toBe(0);
  });

  it('refuses a directory that holds someone else\'s files', () => {
    sb = new Sandbox();
    mkdirSync(sb.path('mine'));
    writeFileSync(sb.path('mine/notes.txt'), 'keep me');
    expect(sb.run(['demo', '--dir', 'mine']).code).toBe(4);
    expect(existsSync(sb.path('mine/notes.txt'))).toBe(true);
  });
});
