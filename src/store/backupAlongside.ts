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
   * `write_failed` when they cannot be made. From here the transaction's commit leaves its
   * pages in the write-ahead log (checkpointAfterCommit moves them).
   */
  begin(): { path: string; removed: string[] };
  /**
   * Last in the transaction, before it commits: wait for the copy and give it its name.
   * InputError `write_failed` when it could not be made (the transaction then rolls back).
   */
  finish(): void;
  /**
   * After the commit: the worker moves the committed pages from the write-ahead log into the
   * store file (the checkpoint the commit would have made itself) while this thread goes on;
   * the store waits for it before it closes. A checkpoint that fails leaves the pages in the
   * log, where every reader finds them and the next close moves them.
   */
  checkpointAfterCommit(): void;
  /**
   * Stop the worker (after its checkpoint, which the store's close waits for) and remove what
   * an unfinished copy left; call once, whatever happened.
   */
  dispose(): Promise<void>;
}

/** The shared cells the main thread waits on: the copy's state, and the checkpoint's. */
const COPY = 0;
const CHECKPOINT = 1;
/** A cell's values: still working, done, failed. */
const WORKING = 0;
const DONE = 1;
const FAILED = 2;

/**
 * The copying worker, plain CommonJS: its own read-only connection copies the store into the
 * temporary file it is sent, every page in one step, then says how it went in the shared cell
 * (an error goes to the port first, for the main thread to read). Told to checkpoint, it opens
 * a writing connection for that alone. Whatever ends the worker before it settles a cell is a
 * failure too, so the main thread never waits for nothing.
 */
const COPY_WORKER = `
const { workerData } = require('node:worker_threads');
const { driver, path, state, port } = workerData;
const Database = require(driver);
const cell = new Int32Array(state);
const settle = (index, value, error) => {
  if (Atomics.load(cell, index) !== ${WORKING}) return;
  if (error) port.postMessage({ message: String(error.message ?? error), code: error.code });
  Atomics.store(cell, index, value);
  Atomics.notify(cell, index);
};
process.on('exit', () => {
  settle(${COPY}, ${FAILED}, new Error('the copying thread stopped'));
  settle(${CHECKPOINT}, ${FAILED});
});
try {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  port.on('message', (m) => {
    if (m.copy) {
      db.backup(m.copy, { progress: () => 0x7fffffff }).then(
        () => { db.close(); settle(${COPY}, ${DONE}); },
        (error) => { db.close(); settle(${COPY}, ${FAILED}, error); },
      );
    } else if (m.checkpoint) {
      try {
        const writer = new Database(path, { fileMustExist: true });
        writer.pragma('wal_checkpoint(PASSIVE)');
        writer.close();
        settle(${CHECKPOINT}, ${DONE});
      } catch {
        settle(${CHECKPOINT}, ${FAILED});
      }
    }
  });
} catch (error) {
  settle(${COPY}, ${FAILED}, error);
}
`;

/** SQLite's own default: a commit that leaves the log longer than this many pages checkpoints it. */
const AUTOCHECKPOINT_PAGES = 1000;

/**
 * The automatic copy before a year-end step (automaticBackup's file, name and mode), made by a
 * worker thread while the step's one transaction writes, instead of before it: the copying
 * hides behind the writes on a second core, and the commit's checkpoint behind what follows
 * it. Started before the step's plan (the worker opens its connection meanwhile); `begin`
 * inside the transaction, which already holds the write lock: from then until the commit no
 * one else can change the store and the transaction's own writes stay invisible to other
 * connections (WAL), so what the worker copies is exactly the store the transaction found.
 * `finish` before the commit, so a step that commits always has its copy; `dispose` in a
 * finally. A step that stops before `begin` writes nothing at all.
 */
export function automaticBackupAlongside(store: Store, step: string): BackupAlongside {
  const state = new Int32Array(new SharedArrayBuffer(8));
  const { port1, port2 } = new MessageChannel();
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(COPY_WORKER, { eval: true, workerData: { driver, path: store.path, state: state.buffer, port: port2 }, transferList: [port2] });
  worker.unref();
  let copy: { tmp: string; target: string } | undefined;
  let checkpointing = false;
  return {
    begin() {
      const target = automaticTarget(store, step);
      const { tmp, removed } = emptyCopyBeside(target, {});
      copy = { tmp, target };
      store.db.pragma('wal_autocheckpoint = 0');
      port1.postMessage({ copy: tmp });
      return { path: target, removed };
    },
    finish() {
      if (!copy) throw new Error('finish() before begin()');
      while (Atomics.load(state, COPY) === WORKING) Atomics.wait(state, COPY, WORKING);
      if (Atomics.load(state, COPY) === FAILED) {
        const error = receiveMessageOnPort(port1)?.message as { message: string; code?: string };
        throw copyFailure(Object.assign(new Error(error.message), { code: error.code }), copy.target);
      }
      try {
        nameCopy(copy.tmp, copy.target, {});
      } catch (error) {
        throw copyFailure(error, copy.target);
      }
    },
    checkpointAfterCommit() {
      checkpointing = true;
      port1.postMessage({ checkpoint: true });
    },
    async dispose() {
      if (store.db.open) store.db.pragma(`wal_autocheckpoint = ${AUTOCHECKPOINT_PAGES}`);
      if (checkpointing) {
        // The copy is made (the commit came after finish): only the checkpoint is left to wait for.
        store.beforeClose(() => {
          while (Atomics.load(state, CHECKPOINT) === WORKING) Atomics.wait(state, CHECKPOINT, WORKING);
          port1.close();
          void worker.terminate();
        });
      } else {
        port1.close();
        // A worker that has settled has closed its connection; one still copying writes no
        // more once terminated.
        const stopped = worker.terminate();
        if (Atomics.load(state, COPY) === WORKING) await stopped;
      }
      // Then the temporary file can go (a named copy is a file of its own).
      if (copy) removeCopyLeftovers(copy.tmp);
    },
  };
}
