/**
 * Copies of the store: `registrar backup`, and the automatic copy made before `year close`
 * and `year rollover`. SQLite's online backup, so a copy is consistent while others write.
 */
import { closeSync, existsSync, mkdirSync, openSync, renameSync, rmSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';
import { MessageChannel, receiveMessageOnPort, Worker } from 'node:worker_threads';
import { asWriteFailure, checkOutput, publishExclusive } from '../io/atomicWrite.js';
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
 * target, and leaves no temporary file.
 */
export async function backupStore(store: Store, target: string, options: { force?: boolean } = {}): Promise<void> {
  const tmp = emptyCopyBeside(target, options);
  try {
    await store.db.backup(tmp);
    nameCopy(tmp, target, options);
  } catch (error) {
    throw copyFailure(error, target);
  } finally {
    removeCopyLeftovers(tmp);
  }
}

/** checkOutput, then the empty temporary file (mode 0600) the copy is written into. */
function emptyCopyBeside(target: string, options: { force?: boolean }): string {
  checkOutput(target, options);
  const tmp = join(dirname(target), `.${basename(target)}.tmp-${process.pid}-${randomBytes(6).toString('hex')}`);
  try {
    closeSync(openSync(tmp, 'wx', BACKUP_MODE));
  } catch (error) {
    throw copyFailure(error, target);
  }
  return tmp;
}

/** The complete copy takes its name: renamed over an old file with `force`, else linked, never replacing one. */
function nameCopy(tmp: string, target: string, options: { force?: boolean }): void {
  if (options.force) renameSync(tmp, target);
  else publishExclusive(tmp, target, target);
}

/** A failed copy as InputError `write_failed` naming the target, SQLite's codes read as the OS's. */
function copyFailure(error: unknown, target: string): unknown {
  const code = (error as { code?: string }).code;
  return asWriteFailure(code && OS_CODE[code] ? Object.assign(new Error((error as Error).message), { code: OS_CODE[code] }) : error, target);
}

/** The temporary file, and the journal SQLite may have kept beside it while copying. */
function removeCopyLeftovers(tmp: string): void {
  for (const suffix of ['', '-journal', '-wal', '-shm']) rmSync(tmp + suffix, { force: true });
}

/** backups/<store>-<stamp>-<step>.db, never an existing file's name (a counter is added), its directory made. */
function automaticTarget(store: Store, step: string): string {
  const base = defaultBackupPath(store.path, store.nowIso()).replace(/\.db$/, `-${step}`);
  let target = `${base}.db`;
  for (let n = 2; existsSync(target); n++) target = `${base}-${n}.db`;
  makeBackupDirectory(target);
  return target;
}

/**
 * The automatic copy before a year-end step: beside the store, under backups/, named by the
 * step and the store's clock, never over an existing file (a counter is added). Returns its path.
 */
export async function automaticBackup(store: Store, step: string): Promise<string> {
  const target = automaticTarget(store, step);
  await backupStore(store, target);
  return target;
}

/** An automatic copy made while a transaction writes (automaticBackupAlongside). */
export interface BackupAlongside {
  /**
   * Inside the write transaction, before it writes: start copying the store as the transaction
   * finds it. Makes the directory and the empty temporary file; returns the path the copy will
   * have. InputError `write_failed` when they cannot be made.
   */
  begin(): string;
  /**
   * Last in the transaction, before it commits: wait for the copy and give it its name.
   * InputError `write_failed` when it could not be made (the transaction then rolls back).
   */
  finish(): void;
  /** Stop the worker and remove what an unfinished copy left; call once, whatever happened. */
  dispose(): Promise<void>;
}

/** Where the copying worker stands, in a shared cell: the main thread waits on it inside a transaction. */
const COPYING = 0;
const COPIED = 1;
const FAILED = 2;

/**
 * The copying worker, plain CommonJS: its own read-only connection copies the store into the
 * temporary file it is sent, every page in one step, then says how it went in the shared cell
 * (an error goes to the port first, for the main thread to read). Whatever ends the worker
 * before that is a failure too, so the main thread never waits for nothing.
 */
const COPY_WORKER = `
const { workerData } = require('node:worker_threads');
const { driver, path, state, port } = workerData;
const cell = new Int32Array(state);
const settle = (value, error) => {
  if (Atomics.load(cell, 0) !== ${COPYING}) return;
  if (error) port.postMessage({ message: String(error.message ?? error), code: error.code });
  Atomics.store(cell, 0, value);
  Atomics.notify(cell, 0);
};
process.on('exit', () => settle(${FAILED}, new Error('the copying thread stopped')));
try {
  const db = new (require(driver))(path, { readonly: true, fileMustExist: true });
  port.once('message', (tmp) => {
    db.backup(tmp, { progress: () => 0x7fffffff }).then(
      () => { db.close(); settle(${COPIED}); },
      (error) => { db.close(); settle(${FAILED}, error); },
    );
  });
} catch (error) {
  settle(${FAILED}, error);
}
`;

/**
 * The automatic copy before a year-end step (automaticBackup's file, name and mode), made by a
 * worker thread while the step's one transaction writes, instead of before it: the copying
 * hides behind the writes on a second core. Started before the step's plan (the worker opens
 * its connection meanwhile); `begin` inside the transaction, which already holds the write
 * lock: from then until the commit no one else can change the store and the transaction's own
 * writes stay invisible to other connections (WAL), so what the worker copies is exactly the
 * store the transaction found. `finish` before the commit, so a step that commits always has
 * its copy; `dispose` in a finally. A step that stops before `begin` writes nothing at all.
 */
export function automaticBackupAlongside(store: Store, step: string): BackupAlongside {
  const state = new Int32Array(new SharedArrayBuffer(4));
  const { port1, port2 } = new MessageChannel();
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(COPY_WORKER, { eval: true, workerData: { driver, path: store.path, state: state.buffer, port: port2 }, transferList: [port2] });
  worker.unref();
  let copy: { tmp: string; target: string } | undefined;
  return {
    begin() {
      const target = automaticTarget(store, step);
      copy = { tmp: emptyCopyBeside(target, {}), target };
      port1.postMessage(copy.tmp);
      return target;
    },
    finish() {
      if (!copy) throw new Error('finish() before begin()');
      while (Atomics.load(state, 0) === COPYING) Atomics.wait(state, 0, COPYING);
      if (Atomics.load(state, 0) === FAILED) {
        const error = receiveMessageOnPort(port1)?.message as { message: string; code?: string };
        throw copyFailure(Object.assign(new Error(error.message), { code: error.code }), copy.target);
      }
      try {
        nameCopy(copy.tmp, copy.target, {});
      } catch (error) {
        throw copyFailure(error, copy.target);
      }
    },
    async dispose() {
      port1.close();
      // Terminated, the worker writes no more: the temporary file can go (a named copy is a file of its own).
      await worker.terminate();
      if (copy) removeCopyLeftovers(copy.tmp);
    },
  };
}
