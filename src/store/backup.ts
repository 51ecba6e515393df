/**
 * Copies of the store: `registrar backup`, and the automatic copy made before `year close`
 * and `year rollover`. SQLite's online backup, so a copy is consistent while others write.
 */
import { closeSync, existsSync, mkdirSync, openSync, renameSync, rmSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { basename, dirname, join } from 'node:path';
import { asWriteFailure, checkOutput, publishExclusive, staleTemporaries } from '../io/atomicWrite.js';
import type { Store } from './store.js';

/** A copy holds personal data and password hashes: owner only, whatever `files.mode` says. */
const BACKUP_MODE = 0o600;

/** backups/<store>-<YYYYMMDD-HHMMSS>.db beside the store, stamped with `now` (an ISO timestamp from the store's clock). */
export function defaultBackupPath(storePath: string, now: string): string {
  const stamp = now.replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return join(dirname(storePath), 'backups', `${basename(storePath, '.db')}-${stamp}.db`);
}

/** The directory of the default and automatic copies, made owner-only when it is new. */
export function makeBackupDirectory(target: string): void {
  mkdirSync(dirname(target), { recursive: true, mode: 0o700 });
}

/** SQLite's names for the failures of the file system a copy meets, as the OS names them. */
const OS_CODE: Record<string, string> = { SQLITE_FULL: 'ENOSPC', SQLITE_CANTOPEN: 'EACCES', SQLITE_PERM: 'EACCES', SQLITE_READONLY: 'EROFS' };

/**
 * Copy the store to `target` with SQLite's online backup. The target is checked first
 * (checkOutput: never the store or its -wal/-shm, a directory that exists and is writable,
 * and no existing file unless `force`). The copy is made in a temporary file beside it,
 * created empty with mode 0600 before SQLite writes a page into it (a copy holds personal
 * data and password hashes), and given its name only when complete: linked, so that without
 * `force` a file that appeared meanwhile is never replaced, or renamed over the old one with
 * `force`. A failure (full disk, no permission) throws InputError `write_failed` naming the
 * target, and leaves no temporary file. Returns the unfinished copies removed first
 * (emptyCopyBeside).
 */
export async function backupStore(store: Store, target: string, options: { force?: boolean } = {}): Promise<string[]> {
  const { tmp, removed } = emptyCopyBeside(target, options);
  try {
    await store.db.backup(tmp);
    nameCopy(tmp, target, options);
  } catch (error) {
    throw copyFailure(error, target);
  } finally {
    removeCopyLeftovers(tmp);
  }
  return removed;
}

/**
 * checkOutput, then the empty temporary file (mode 0600) the copy is written into, beside the
 * target. First the unfinished copies a killed run left in that directory are removed (`removed`:
 * their names): each is a whole or partial copy of a store, personal data no one keeps track of.
 */
export function emptyCopyBeside(target: string, options: { force?: boolean }): { tmp: string; removed: string[] } {
  checkOutput(target, options);
  const removed = removeUnfinishedCopies(dirname(target));
  const tmp = join(dirname(target), `.${basename(target)}.tmp-${process.pid}-${randomBytes(6).toString('hex')}`);
  try {
    closeSync(openSync(tmp, 'wx', BACKUP_MODE));
  } catch (error) {
    throw copyFailure(error, target);
  }
  return { tmp, removed };
}

/** The temporary copies of a store (`.NAME.db.tmp-PID-…`) in `dir` whose process is gone, removed; their names. */
function removeUnfinishedCopies(dir: string): string[] {
  return staleTemporaries(dir)
    .filter((s) => s.target.endsWith('.db'))
    .map((s) => {
      removeCopyLeftovers(join(dir, s.staging));
      return s.staging;
    });
}

/** The complete copy takes its name: renamed over an old file with `force`, else linked, never replacing one. */
export function nameCopy(tmp: string, target: string, options: { force?: boolean }): void {
  if (options.force) renameSync(tmp, target);
  else publishExclusive(tmp, target, target);
}

/** A failed copy as InputError `write_failed` naming the target, SQLite's codes read as the OS's. */
export function copyFailure(error: unknown, target: string): unknown {
  const code = (error as { code?: string }).code;
  return asWriteFailure(code && OS_CODE[code] ? Object.assign(new Error((error as Error).message), { code: OS_CODE[code] }) : error, target);
}

/** The temporary file, and the journal SQLite may have kept beside it while copying. */
export function removeCopyLeftovers(tmp: string): void {
  for (const suffix of ['', '-journal', '-wal', '-shm']) rmSync(tmp + suffix, { force: true });
}

/** The automatic copy's path: backups/<store>-<stamp>-<step>.db, never an existing file's name (a counter is added), its directory made. */
export function automaticTarget(store: Store, step: string): string {
  const base = defaultBackupPath(store.path, store.nowIso()).replace(/\.db$/, `-${step}`);
  let target = `${base}.db`;
  for (let n = 2; existsSync(target); n++) target = `${base}-${n}.db`;
  makeBackupDirectory(target);
  return target;
}

/**
 * The automatic copy before a year-end step: beside the store, under backups/, named by the
 * step and the store's clock, never over an existing file (a counter is added). Returns its
 * path and the unfinished copies removed first (emptyCopyBeside).
 */
export async function automaticBackup(store: Store, step: string): Promise<{ path: string; removed: string[] }> {
  const path = automaticTarget(store, step);
  return { path, removed: await backupStore(store, path) };
}
