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
    expect(result.steps.every((s: { exit: number }) => s.exit === 0 || s.command.includes('enrolment.csv'))).toBe(true);
    expect(result.outputs).toEqual(expect.arrayContaining(['enrolment-rejects.csv', 'movement.html', 'movement.xlsx', 'slips-ИС-24.html', 'parents-ИС-24.csv', 'backup.db']));
    const db = sb.path('demo/registrar.db');
    expect((await query<{ n: number }>(db, 'SELECT count(*) AS n FROM study_group'))[0].n).toBe(4);
    expect((await query<{ n: number }>(db, "SELECT count(*) AS n FROM student WHERE status = 'active'"))[0].n).toBe(31); // changed on purpose (issue 8): the fixture's =HYPERLINK row is refused
    expect((await query<{ n: number }>(db, "SELECT count(*) AS n FROM account WHERE role = 'student'"))[0].n).toBeGreaterThan(0);
    expect(statSync(sb.path('demo/slips-ИС-24.html')).mode & 0o777).toBe(0o600);
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
