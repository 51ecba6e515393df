/**
 * The automatic copy before a year-end step, made by a worker thread while the step's
 * transaction writes (store/backup makes its copies before; this module alone loads threads,
 * so `registrar backup` starts without them).
 */
import { createRequire } from 'node:module';
import { MessageChannel, receiveMessageOnPort, Worker } from 'node:worker_threads';
import { automaticTarget, copyFailure, emptyCopyBeside, nameCopy, removeCopyLeftovers } from './backup.js';
import type { Store } from './store.js';

/** An automatic copy made while a transaction writes (automaticBackupAlongside). */
export interface BackupAlongside {
  /**
   * Inside the write transaction, before it writes: start copying the store as the transaction
   * finds it. Makes the directory and the empty temporary file; returns the path the copy will
   * have and the unfinished copies removed first (store/backup emptyCopyBeside). InputError
   * `write_failed` when they cannot be made.
   */
  begin(): { path: string; removed: string[] };
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
      const { tmp, removed } = emptyCopyBeside(target, {});
      copy = { tmp, target };
      port1.postMessage(tmp);
      return { path: target, removed };
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
      // A worker that has settled has closed its connection; one still copying writes no more
      // once terminated. Then the temporary file can go (a named copy is a file of its own).
      const stopped = worker.terminate();
      if (Atomics.load(state, 0) === COPYING) await stopped;
      if (copy) removeCopyLeftovers(copy.tmp);
    },
  };
}
