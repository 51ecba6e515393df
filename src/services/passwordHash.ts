/**
 * Password hashes: Argon2id with the OWASP minimum (19 MiB, 2 passes, 1 lane), stored as a
 * PHC string (`$argon2id$v=19$m=19456,t=2,p=1$salt$hash`) that carries its own salt and
 * parameters, so raising them later leaves old hashes verifiable.
 */
import { availableParallelism } from 'node:os';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { Algorithm, hash, verify, Version, type Options } from '@node-rs/argon2';

export const OPTIONS: Options = {
  algorithm: Algorithm.Argon2id,
  version: Version.V0x13,
  memoryCost: 19456,
  timeCost: 2,
  parallelism: 1,
};

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

/** False for a wrong password and for anything that is not a valid hash: never throws. */
export async function verifyPassword(phc: string, password: string): Promise<boolean> {
  try {
    return await verify(phc, password);
  } catch {
    return false;
  }
}

/** A hashing thread: receives passwords, answers with their PHC strings. */
const HASH_WORKER = `
  const { parentPort, workerData } = require('node:worker_threads');
  const { hashSync } = require(${JSON.stringify(createRequire(import.meta.url).resolve('@node-rs/argon2'))});
  parentPort.on('message', (password) => parentPort.postMessage(hashSync(password, workerData)));
`;

/**
 * Hashes in the order given, one worker thread per core. (The async `hash` would run on
 * libuv's pool, which is capped at UV_THREADPOOL_SIZE = 4 threads and cannot be resized once
 * Node has started.) At most one hash per core is in flight, so memory stays at
 * cores × 19 MiB.
 */
export async function hashMany(
  passwords: readonly string[],
  onProgress?: (done: number, total: number) => void,
): Promise<string[]> {
  const total = passwords.length;
  const out = new Array<string>(total);
  const threads = Math.min(availableParallelism(), total);
  const workers = Array.from({ length: threads }, () => new Worker(HASH_WORKER, { eval: true, workerData: OPTIONS }));
  let next = 0;
  let done = 0;
  try {
    await Promise.all(
      workers.map(
        (worker) =>
          new Promise<void>((resolve, reject) => {
            const feed = () => {
              if (next >= total) return resolve();
              const i = next++;
              worker.once('message', (phc: string) => {
                out[i] = phc;
                onProgress?.(++done, total);
                feed();
              });
              worker.postMessage(passwords[i]);
            };
            worker.once('error', (err) => {
              next = total; // the batch has failed: stop feeding the others
              reject(err);
            });
            feed();
          }),
      ),
    );
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return out;
}
