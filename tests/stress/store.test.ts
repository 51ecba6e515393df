import { createRequire } from 'node:module';
import { spawn } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../src/store/migrations.js';
import { APPLICATION_ID } from '../../src/store/store.js';
import { Sandbox, query } from '../e2e/harness.js';

const Database = createRequire(import.meta.url)('better-sqlite3');
const boxes: Sandbox[] = [];
afterAll(() => boxes.forEach((b) => b.cleanup()));

/** A store as an older registrar left it: every migration but the last, applied to a new file. */
function olderStore(box: Sandbox): void {
  const db = new Database(box.db);
  for (const m of MIGRATIONS.slice(0, -1)) db.exec(m.sql);
  db.pragma(`user_version = ${MIGRATIONS[MIGRATIONS.length - 2].version}`);
  db.pragma(`application_id = ${APPLICATION_ID}`);
  db.close();
}

describe('two commands at once', () => {
  it('opening an older store, migrate it once: both succeed, 20 times in a row', async () => {
    for (let round = 0; round < 20; round++) {
      const box = new Sandbox();
      boxes.push(box);
      olderStore(box);
      const runs = await Promise.all([box.start(['year', 'list', '--json']).done, box.start(['year', 'list', '--json']).done]);
      for (const r of runs) expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 0, stderr: '' });
      const [{ user_version }] = await query<{ user_version: number }>(box.db, 'PRAGMA user_version');
      expect(user_version).toBe(MIGRATIONS[MIGRATIONS.length - 1].version);
    }
  });

  it('a small write waits for a long one instead of failing; past store.busyTimeoutSeconds it exits 5 naming the setting', async () => {
    const box = new Sandbox();
    boxes.push(box);
    box.init();
    // Another process holds the write lock for 3 s, as a long import would.
    const holdLock = (seconds: number) =>
      spawn(process.execPath, ['-e', `const D=require(${JSON.stringify(createRequire(import.meta.url).resolve('better-sqlite3'))});const db=new D(${JSON.stringify(box.db)});db.exec('BEGIN IMMEDIATE');process.stdout.write('locked\\n');setTimeout(()=>{db.exec('COMMIT');db.close()},${seconds * 1000})`], { stdio: ['ignore', 'pipe', 'inherit'] });
    const locked = (child: ReturnType<typeof holdLock>) => new Promise<void>((ok) => child.stdout!.once('data', () => ok()));

    let holder = holdLock(3);
    await locked(holder);
    const waited = await box.start(['config', 'set', 'lesson.hours', '3']).done;
    expect({ code: waited.code, stderr: waited.stderr }).toEqual({ code: 0, stderr: '' });

    box.ok(['config', 'set', 'store.busyTimeoutSeconds', '1']);
    holder = holdLock(4);
    await locked(holder);
    const gaveUp = await box.start(['config', 'set', 'lesson.hours', '4']).done;
    expect(gaveUp.code).toBe(5);
    expect(gaveUp.stderr).toContain('store.busyTimeoutSeconds');
    await new Promise((ok) => holder.on('close', ok));
    expect(box.ok(['config', 'get', 'lesson.hours']).stdout.trim()).toContain('3');
  });
});
