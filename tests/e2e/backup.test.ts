import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Sandbox, query } from './harness.js';

let sb: Sandbox;
afterEach(() => sb?.cleanup());

const temporaries = (dir: string) => readdirSync(dir).filter((f) => f.includes('.tmp-'));
const programs = async (db: string) => (await query<{ code: string }>(db, 'SELECT code FROM program ORDER BY code')).map((r) => r.code);

describe('registrar backup FILE', () => {
  it('writes a 0600 copy; an existing file is kept (exit 3) unless --force, which replaces it with the current store', async () => {
    sb = new Sandbox().init();
    sb.ok(['program', 'add', '09.02.07', 'Информационные системы и программирование', '--duration', '3г10м']);
    const copy = sb.path('copy.db');
    sb.ok(['backup', copy]);
    expect(statSync(copy).mode & 0o777).toBe(0o600);
    expect(await programs(copy)).toEqual(['09.02.07']);

    sb.ok(['program', 'add', '15.02.16', 'Технология машиностроения', '--duration', '3г10м']);
    const before = readFileSync(copy);
    const refused = sb.run(['backup', copy, '--json']);
    expect(refused.code).toBe(3);
    expect(JSON.parse(refused.stderr).error.code).toBe('file_exists');
    expect(readFileSync(copy).equals(before)).toBe(true);

    sb.ok(['backup', copy, '--force']);
    expect(await programs(copy)).toEqual(['09.02.07', '15.02.16']);
    expect(statSync(copy).mode & 0o777).toBe(0o600);
    expect(temporaries(sb.dir)).toEqual([]);
  });

  it('never names the store, its -wal or its -shm, --force or not', async () => {
    sb = new Sandbox().init();
    const size = statSync(sb.db).size;
    for (const target of [sb.db, `${sb.db}-wal`, `${sb.db}-shm`]) {
      const r = sb.run(['backup', target, '--force', '--json']);
      expect(r.code, r.stderr).toBe(3);
      expect(JSON.parse(r.stderr).error.code).toBe('output_is_store');
    }
    expect(statSync(sb.db).size).toBe(size);
    expect((await query<{ integrity_check: string }>(sb.db, 'PRAGMA integrity_check'))[0].integrity_check).toBe('ok');
  });

  it('without FILE: a new 0600 file under backups/ beside the store', () => {
    sb = new Sandbox().init();
    const r = sb.ok(['backup', '--json']).json();
    expect(r.backup.startsWith(join(sb.dir, 'backups'))).toBe(true);
    expect(statSync(r.backup).mode & 0o777).toBe(0o600);
  });

  it('a directory without write permission: exit 3 naming the file, nothing left in it', () => {
    sb = new Sandbox().init();
    const locked = sb.readOnlyDirectory('locked');
    const r = sb.run(['backup', join(locked, 'copy.db')], { asNobody: true });
    expect(r.code, r.stderr).toBe(3);
    expect(r.stderr).toContain(join(locked, 'copy.db'));
    expect(readdirSync(locked)).toEqual([]);
  });

  it('a full disk: exit 3 naming the file, no temporary file left', (ctx) => {
    sb = new Sandbox().init();
    // A store with some bulk, bigger than the little disk.
    sb.ok(['program', 'add', '09.02.07', 'Информационные системы и программирование', '--duration', '3г10м']);
    const disk = sb.path('small');
    mkdirSync(disk);
    // A tiny file system of our own (as root); where mounting is not allowed, nothing to test.
    const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=16k', 'tmpfs', disk]).status === 0;
    if (!mounted) return ctx.skip();
    try {
      writeFileSync(join(disk, 'filler'), Buffer.alloc(8 * 1024));
      const target = join(disk, 'copy.db');
      const r = sb.run(['backup', target]);
      expect(r.code, r.stderr).toBe(3);
      expect(r.stderr).toContain(target);
      expect(r.stderr).toMatch(/no space/);
      expect(readdirSync(disk)).toEqual(['filler']);
    } finally {
      spawnSync('umount', [disk]);
    }
  });
});
