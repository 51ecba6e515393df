/**
 * Password hashes: Argon2id with the OWASP minimum (19 MiB, 2 passes, 1 lane), stored as a
 * PHC string (`$argon2id$v=19$m=19456,t=2,p=1$salt$hash`) that carries its own salt and
 * parameters, so raising them later leaves old hashes verifiable.
 */
import { availableParallelism } from 'node:os';
import { Algorithm, hash, verify, Version, type Options } from '@node-rs/argon2';

const OPTIONS: Options = {
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

/**
 * Hashes in the order given. The async `hash` runs on the libuv thread pool, so hashes
 * started together do run in parallel, but never more than UV_THREADPOOL_SIZE at once
 * (default 4; it must be set in the environment before Node starts, setting it from code
 * is too late). Keeping at most one hash per core in flight bounds memory to
 * cores × 19 MiB and leaves the pool's queue free for file I/O.
 */
export async function hashMany(
  passwords: readonly string[],
  onProgress?: (done: number, total: number) => void,
): Promise<string[]> {
  const total = passwords.length;
  const out = new Array<string>(total);
  let next = 0;
  let done = 0;
  const worker = async (): Promise<void> => {
    while (next < total) {
      const i = next++;
      try {
        out[i] = await hashPassword(passwords[i]);
      } catch (err) {
        next = total; // stop the other workers: the batch has failed
        throw err;
      }
      onProgress?.(++done, total);
    }
  };
  await Promise.all(Array.from({ length: Math.min(availableParallelism(), total) }, worker));
  return out;
}
