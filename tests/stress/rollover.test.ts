import { copyFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Sandbox, query } from '../e2e/harness.js';
import { dump, JULY, rolloverWorld } from '../e2e/rolloverWorld.js';

const boxes: Sandbox[] = [];
afterAll(() => boxes.forEach((b) => b.cleanup()));
const sleep = (ms: number) => new Promise((ok) => setTimeout(ok, ms));
const ROLL = ['year', 'rollover', '--from', '2025/2026', '--to', '2026/2027'];

describe('year rollover killed at any moment', () => {
  it('leaves all of it or none of it, both seen, and an intact store (30 kills)', async () => {
    const base = rolloverWorld();
    boxes.push(base);
    const none = await dump(base.db);
    const timing = new Sandbox();
    boxes.push(timing);
    copyFileSync(base.db, timing.db);
    const started = Date.now();
    expect((await timing.start(ROLL, { env: JULY }).done).code).toBe(0);
    const duration = Date.now() - started;
    const all = await dump(timing.db);

    // Kill times spread evenly over the whole run and a little past it (stratified, with
    // jitter), so every stage is hit: start-up, the plan, the backup, the transaction, the
    // printing. The two ends are certain, so both outcomes are seen whatever the machine's
    // load: the first round is killed at once (before it can write: none), the last one as
    // soon as it prints its result, which it does only after the commit (so: all, and a kill
    // in the printing loses nothing).
    const ROUNDS = 30;
    const seen = { none: 0, all: 0 };
    for (let round = 0; round < ROUNDS; round++) {
      const box = new Sandbox();
      boxes.push(box);
      copyFileSync(base.db, box.db);
      const run = box.start(ROLL, { env: JULY });
      if (round === ROUNDS - 1) await new Promise((printed) => run.child.stdout!.once('data', printed));
      else if (round > 0) await sleep(Math.floor(((round - 1 + Math.random()) / (ROUNDS - 2)) * duration * 1.2));
      run.child.kill('SIGKILL');
      await run.done;
      expect(await query(box.db, 'PRAGMA integrity_check')).toEqual([{ integrity_check: 'ok' }]);
      const state = await dump(box.db);
      // Timestamps (and the backup's name, stamped with one) differ from run to run: compare the rest.
      const strip = (s: string) => s.replace(/"backup":"[^"]*"/g, '"backup":""').replace(/\d{4}-\d\d-\d\dT[\d:.]+Z/g, 'T');
      expect([strip(none), strip(all)]).toContain(strip(state));
      if (strip(state) === strip(none)) {
        seen.none++;
        // Nothing written: the rollover runs to the end afterwards.
        expect(box.run(ROLL, { env: JULY }).code).toBe(0);
      } else {
        seen.all++;
        box.ok(['backup', '--quiet'], { env: JULY });
      }
      // A copy killed half-made is removed by the next copy made beside it: no stray copy of the store stays.
      expect(readdirSync(join(dirname(box.db), 'backups')).filter((f) => f.includes('.tmp-'))).toEqual([]);
      if (round === 0) expect(seen.none).toBe(1);
      if (round === ROUNDS - 1) expect(strip(state)).toBe(strip(all));
    }
    console.log(`rollover kills: ${seen.none} none, ${seen.all} all`);
    expect(seen.none + seen.all).toBe(ROUNDS);
    expect(seen.none).toBeGreaterThan(0);
    expect(seen.all).toBeGreaterThan(0);
  }, 300_000);
});
