/**
 * An output never destroys an input. Every file a run reads (the store, its `-wal`/`-shm`,
 * an import file) is registered here as protected; every write checks its target here first,
 * and a command with several outputs checks them together (refuseOverlappingOutputs), so no
 * output replaces the store, an input, or another output of the same run. Files are compared by device and inode when they exist (so a
 * symlink, a hard link or `./x` vs `x` is caught), else by resolved path.
 */
import { realpathSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { InputError } from '../core/errors.js';

type Role = 'store' | 'input';

interface Entry {
  role: Role;
  shown: string;
}

const byPath = new Map<string, Entry>();
const byInode = new Map<string, Entry>();

function canonical(path: string): string {
  const abs = resolve(path);
  try {
    return realpathSync(abs);
  } catch {
    // Not there yet: resolve the directory (which may be a symlink) and keep the name.
    try {
      return join(realpathSync(dirname(abs)), basename(abs));
    } catch {
      return abs;
    }
  }
}

function inodeOf(path: string): string | undefined {
  try {
    const s = statSync(path);
    return `${s.dev}:${s.ino}`;
  } catch {
    return undefined;
  }
}

function lookup(path: string): Entry | undefined {
  const inode = inodeOf(path);
  return byPath.get(canonical(path)) ?? (inode ? byInode.get(inode) : undefined);
}

function remember(path: string, entry: Entry): void {
  byPath.set(canonical(path), entry);
  const inode = inodeOf(path);
  if (inode) byInode.set(inode, entry);
}

/** The store and the files SQLite keeps beside it: never a target of any output. */
export function protectStore(path: string): void {
  for (const suffix of ['', '-wal', '-shm', '-journal']) remember(path + suffix, { role: 'store', shown: path });
}

/** A file this run reads (an import file): never a target of any output. */
export function protectInput(path: string): void {
  if (path !== '-') remember(path, { role: 'input', shown: path });
}

/** Refuse (InputError `output_is_store`, `output_is_input`) when `path` is the store or an input of this run. */
export function refuseProtected(path: string): void {
  if (path === '-') return;
  const found = lookup(path);
  if (found?.role === 'store') throw new InputError('output_is_store', { file: path, store: found.shown });
  if (found?.role === 'input') throw new InputError('output_is_input', { file: path, input: found.shown });
}

/**
 * Check a command's outputs together before any work: none protected, no two the same.
 * Throws like refuseProtected, or InputError `output_twice`.
 */
export function refuseOverlappingOutputs(paths: string[]): void {
  const seen = new Map<string, string>();
  for (const path of paths) {
    if (path === '-') continue;
    refuseProtected(path);
    const key = inodeOf(path) ?? canonical(path);
    const other = seen.get(key) ?? seen.get(canonical(path));
    if (other !== undefined) throw new InputError('output_twice', { file: path, other });
    seen.set(key, path);
    seen.set(canonical(path), path);
  }
}

/** Files holding personal data are readable by their owner only unless `files.mode` says otherwise. */
const OWNER_ONLY = 0o600;
let personalMode = OWNER_ONLY;
const relaxed: { file: string; mode: number }[] = [];

/** The mode the store's `files.mode` setting gives files of this run (read when the store opens). */
export function setPersonalDataMode(mode: number): void {
  personalMode = mode;
}

/** The mode of a new file with personal data; a relaxed one is remembered, so the run can say so. */
export function personalDataMode(file: string): number {
  if (personalMode !== OWNER_ONLY) relaxed.push({ file, mode: personalMode });
  return personalMode;
}

/** The files this run wrote with a mode wider than owner-only, for the run to report. */
export function relaxedWrites(): readonly { file: string; mode: number }[] {
  return relaxed;
}

/** Forget everything (tests run many "runs" in one process). */
export function resetOutputGuard(): void {
  byPath.clear();
  byInode.clear();
  personalMode = OWNER_ONLY;
  relaxed.length = 0;
}
