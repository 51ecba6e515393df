/**
 * Copies of the store: `registrar backup`, and the automatic copy made before `year close`
 * and `year rollover`. SQLite's online backup, so a copy is consistent while others write.
 */
import { chmodSync, existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { Store } from './store.js';

/** backups/<store>-<YYYYMMDD-HHMMSS>.db beside the store, stamped with `now` (an ISO timestamp from the store's clock). */
export function defaultBackupPath(storePath: string, now: string): string {
  const stamp = now.replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return join(dirname(storePath), 'backups', `${basename(storePath, '.db')}-${stamp}.db`);
}

/** SQLite's online backup into a temporary file, renamed into place when complete (mode 0600). */
export async function backupStore(store: Store, target: string): Promise<void> {
  mkdirSync(dirname(target), { recursive: true });
  const tmp = `${target}.tmp-${process.pid}`;
  try {
    await store.db.backup(tmp);
    // A copy holds personal data and password hashes: readable by the owner only.
    chmodSync(tmp, 0o600);
    renameSync(tmp, target);
  } finally {
    rmSync(tmp, { force: true });
  }
}

/**
 * The automatic copy before a year-end step: beside the store, under backups/, named by the
 * step and the store's clock, never over an existing file (a counter is added). Returns its path.
 */
export async function automaticBackup(store: Store, step: string): Promise<string> {
  const base = defaultBackupPath(store.path, store.nowIso()).replace(/\.db$/, `-${step}`);
  let target = `${base}.db`;
  for (let n = 2; existsSync(target); n++) target = `${base}-${n}.db`;
  await backupStore(store, target);
  return target;
}
