import { describe, it, expect, afterAll } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { writeFileAtomic } from '../../src/io/atomicWrite.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));
function freshDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'registrar-io-atomic-'));
  dirs.push(dir);
  return dir;
}

function thrown(fn: () => unknown): { code: string; message: string; exitCode: number } {
  try {
    fn();
  } catch (err) {
    return err as { code: string; message: string; exitCode: number };
  }
  throw new Error('expected a throw');
}

describe('writeFileAtomic', () => {
  it('writes the data with the mode asked for and leaves no temporary file', () => {
    const dir = freshDir();
    const p = path.join(dir, 'passwords.csv');
    writeFileAtomic(p, 'login;password\n', { mode: 0o600 });
    expect(fs.readFileSync(p, 'utf8')).toBe('login;password\n');
    expect(fs.statSync(p).mode & 0o777).toBe(0o600);
    expect(fs.readdirSync(dir)).toEqual(['passwords.csv']);
  });

  it('writes bytes', () => {
    const dir = freshDir();
    const p = path.join(dir, 'a.bin');
    writeFileAtomic(p, new Uint8Array([0, 1, 255]));
    expect([...fs.readFileSync(p)]).toEqual([0, 1, 255]);
  });

  it('refuses to overwrite without force, naming the file and --force; the old file stays', () => {
    const dir = freshDir();
    const p = path.join(dir, 'report.csv');
    fs.writeFileSync(p, 'old');
    const err = thrown(() => writeFileAtomic(p, 'new'));
    expect(err.code).toBe('file_exists');
    expect(err.exitCode).toBe(3);
    expect(err.message).toContain(p);
    expect(err.message).toContain('--force');
    expect(fs.readFileSync(p, 'utf8')).toBe('old');
    expect(fs.readdirSync(dir)).toEqual(['report.csv']);
  });

  it('refuses when the target appears only after the early check (the link is the real check)', () => {
    const dir = freshDir();
    const p = path.join(dir, 'race.csv');
    // A dangling symlink is invisible to stat-based checks but occupies the name.
    fs.symlinkSync(path.join(dir, 'nowhere'), p);
    expect(thrown(() => writeFileAtomic(p, 'new')).code).toBe('file_exists');
    expect(fs.readdirSync(dir)).toEqual(['race.csv']);
    expect(fs.lstatSync(p).isSymbolicLink()).toBe(true);
  });

  it('overwrites with force, taking the new mode', () => {
    const dir = freshDir();
    const p = path.join(dir, 'report.csv');
    fs.writeFileSync(p, 'old', { mode: 0o644 });
    writeFileAtomic(p, 'new', { force: true, mode: 0o600 });
    expect(fs.readFileSync(p, 'utf8')).toBe('new');
    expect(fs.statSync(p).mode & 0o777).toBe(0o600);
    expect(fs.readdirSync(dir)).toEqual(['report.csv']);
  });

  it('names a missing parent directory', () => {
    const dir = freshDir();
    const missing = path.join(dir, 'no', 'such');
    const err = thrown(() => writeFileAtomic(path.join(missing, 'x.csv'), 'x'));
    expect(err.code).toBe('directory_not_found');
    expect(err.message).toContain(missing);
  });

  it('cleans up the temporary file when publishing fails', () => {
    const dir = freshDir();
    const p = path.join(dir, 'taken');
    fs.mkdirSync(p); // renaming a file over a directory fails
    expect(() => writeFileAtomic(p, 'x', { force: true })).toThrow();
    expect(fs.readdirSync(dir)).toEqual(['taken']);
  });
});
