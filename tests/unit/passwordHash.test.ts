import { describe, it, expect } from 'vitest';
import { hashMany, hashPassword, verifyPassword } from '../../src/services/passwordHash.js';

const PREFIX = '$argon2id$v=19$m=19456,t=2,p=1$';

describe('password hashing', () => {
  it('writes an Argon2id PHC string that verifies the right password only', async () => {
    const phc = await hashPassword('Kq7mWx3pZa');
    expect(phc.startsWith(PREFIX)).toBe(true);
    expect(await verifyPassword(phc, 'Kq7mWx3pZa')).toBe(true);
    expect(await verifyPassword(phc, 'Kq7mWx3pZb')).toBe(false);
  });

  it('salts: the same password hashes differently each time', async () => {
    const [a, b] = await Promise.all([hashPassword('same'), hashPassword('same')]);
    expect(a).not.toBe(b);
  });

  it('returns false for a malformed hash instead of throwing', async () => {
    for (const bad of ['', 'plain', '$argon2id$v=19$m=19456,t=2,p=1$', '$scrypt$x']) {
      expect(await verifyPassword(bad, 'x')).toBe(false);
    }
  });

  it('hashMany keeps the order and reports progress', async () => {
    const passwords = ['a1', 'b2', 'c3', 'd4', 'e5'];
    const progress: number[] = [];
    const phcs = await hashMany(passwords, (done, total) => {
      expect(total).toBe(5);
      progress.push(done);
    });
    expect(progress).toEqual([1, 2, 3, 4, 5]);
    const matches = await Promise.all(phcs.map((phc, i) => verifyPassword(phc, passwords[i])));
    expect(matches).toEqual([true, true, true, true, true]);
    expect(await verifyPassword(phcs[0], 'b2')).toBe(false);
    expect(await hashMany([])).toEqual([]);
  });
});
