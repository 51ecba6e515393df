import { copyFileSync, existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { groupName, writeEnrolmentList } from '../../bench/enrolment.js';
import { Sandbox, query } from '../e2e/harness.js';

const boxes: Sandbox[] = [];
afterAll(() => boxes.forEach((b) => b.cleanup()));

const STUDENTS = 120;

/** A store with one group of students and no accounts, to copy for every round. */
function template(): Sandbox {
  const box = new Sandbox().init();
  boxes.push(box);
  box.ok(['program', 'add', '09.02.07', 'Информационные системы и программирование', '--duration', '3г10м']);
  box.ok(['group', 'create', groupName(0), '--program', '09.02.07', '--course', '1']);
  box.ok(['student', 'import', writeEnrolmentList(box.path('list.csv'), STUDENTS, 1)]);
  return box;
}

const accounts = async (db: string) => (await query<{ n: number }>(db, 'SELECT count(*) AS n FROM account'))[0].n;
const sleep = (ms: number) => new Promise((ok) => setTimeout(ok, ms));

describe('credentials issue killed at any moment', () => {
  it('leaves the accounts and the file, or neither (30 kills); a leftover temporary file is 0600 and the next run removes it', async () => {
    const base = template();
    const issue = (box: Sandbox) => box.start(['credentials', 'issue', '--group', groupName(0), '--out', box.path('slips.csv')]);

    // How long a whole run takes here, to spread the kills over it.
    const timing = new Sandbox();
    boxes.push(timing);
    copyFileSync(base.db, timing.db);
    const started = Date.now();
    expect((await issue(timing).done).code).toBe(0);
    const duration = Date.now() - started;

    for (let round = 0; round < 30; round++) {
      const box = new Sandbox();
      boxes.push(box);
      copyFileSync(base.db, box.db);
      const run = issue(box);
      if (round % 3 === 0) {
        // Right after the output file appears.
        while (!existsSync(box.path('slips.csv')) && run.child.exitCode === null) await sleep(1);
      } else {
        await sleep(Math.floor(Math.random() * duration * 1.1));
      }
      run.child.kill('SIGKILL');
      await run.done;

      const stored = await accounts(box.db);
      const file = existsSync(box.path('slips.csv'));
      expect({ round, stored: stored > 0, file }).toEqual({ round, stored: file, file });
      expect([0, STUDENTS]).toContain(stored);

      const leftovers = readdirSync(box.dir).filter((f) => f.includes('.tmp-'));
      for (const f of leftovers) expect(statSync(join(box.dir, f)).mode & 0o777).toBe(0o600);
      if (leftovers.length) {
        const next = box.run(['credentials', 'issue', '--group', groupName(0), '--out', box.path('again.csv')]);
        expect(next.stderr).toMatch(/temporary|временн/i);
        expect(readdirSync(box.dir).filter((f) => f.includes('.tmp-'))).toEqual([]);
      }
    }
  });
});
