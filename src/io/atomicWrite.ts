import {
  accessSync,
  closeSync,
  constants,
  copyFileSync,
  existsSync,
  fsyncSync,
  linkSync,
  openSync,
  readdirSync,
  renameSync,
  statSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { randomBytes } from 'node:crypto';
import { basename, dirname, join, resolve } from 'node:path';
import { AppError, InputError } from '../core/errors.js';
import { t } from '../core/i18n.js';
import { personalDataMode, refuseProtected } from './outputGuard.js';


export interface AtomicWriteOptions {
  /** Mode of the new file (before the umask). Default: owner only, unless the `files.mode` setting widens it. */
  mode?: number;
  /** Replace an existing file; without it an existing target is refused. */
  force?: boolean;
}

/**
 * Check, before any work is done, that `path` can be written as an output: its directory
 * exists and is writable, it names no file this run reads (the store, an input) and, without
 * `force`, no existing file, and never a directory (`--force` or not: a rename could not
 * replace it, and that would be found only after the work was done). Throws InputError
 * `directory_not_found`, `directory_not_writable`, `out_is_directory`, `file_exists`, or
 * `output_is_store` / `output_is_input`.
 */
export function checkOutput(path: string, options: { force?: boolean } = {}): void {
  if (path === '-') return;
  const target = resolve(path);
  const dir = dirname(target);
  refuseProtected(path);
  if (!isDirectory(dir)) throw new InputError('directory_not_found', { file: path, directory: dir });
  try {
    accessSync(dir, constants.W_OK);
  } catch {
    throw new InputError('directory_not_writable', { file: path, directory: dir });
  }
  if (isDirectory(target)) throw new InputError('out_is_directory', { file: path });
  if (!options.force && existsSync(target)) throw fileExists(path);
}

/**
 * Write a whole file so that a reader sees either nothing (or the old file) or the complete
 * new one: the data goes to a temporary file in the same directory, is fsynced, and only
 * then published under the real name. The target is checked first (checkOutput), so no
 * output replaces the store or an input of this run. A failed write (full disk, no
 * permission) throws InputError `write_failed` naming the path, and leaves no temporary file.
 */
export function writeFileAtomic(
  path: string,
  data: string | Uint8Array,
  options: AtomicWriteOptions = {},
): void {
  stageFile(path, data, options).publish();
}

/** A file written in full under a temporary name, not yet visible under its own. */
export interface StagedFile {
  /** The temporary file's name (in the target's directory), e.g. for an audit record. */
  readonly staging: string;
  /** Give it its real name (never over a file that appeared meanwhile, unless `force`). */
  publish(): void;
  /** Remove it; nothing is left. */
  discard(): void;
}

/**
 * The first half of writeFileAtomic, for writes that must wait for something else (a
 * transaction) before they appear: the data is written and fsynced under
 * `.NAME.tmp-PID-RANDOM`, mode 0600 unless told otherwise, and published or discarded later.
 * A crash in between leaves that temporary file; sweepStaleTemporaries finds it.
 */
export function stageFile(path: string, data: string | Uint8Array, options: AtomicWriteOptions = {}): StagedFile {
  const target = resolve(path);
  const dir = dirname(target);
  checkOutput(path, options);
  const tmp = join(dir, `.${basename(target)}.tmp-${process.pid}-${randomBytes(6).toString('hex')}`);
  const discard = () => {
    try {
      unlinkSync(tmp);
    } catch {
      /* already published or never created */
    }
  };
  try {
    // 'wx' creates the file with the final mode at once: a secret is never readable by
    // others, not even between creation and a later chmod.
    const fd = openSync(tmp, 'wx', options.mode ?? personalDataMode(path));
    try {
      writeFileSync(fd, data);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch (error) {
    discard();
    throw asWriteFailure(error, path);
  }
  return {
    staging: basename(tmp),
    publish() {
      try {
        if (options.force) renameSync(tmp, target);
        else publishExclusive(tmp, target, path);
        syncDirectory(dir);
      } catch (error) {
        throw asWriteFailure(error, path);
      } finally {
        // After rename the temporary name is gone; after link it is a second name to remove.
        discard();
      }
    },
    discard,
  };
}

const STAGING = /^\.(.+)\.tmp-(\d+)-[0-9a-f]{12}$/;

/** A temporary file left in `dir` by a run that is no longer running (killed mid-write). */
export interface StaleTemporary {
  /** Its name in the directory. */
  staging: string;
  /** The file it was meant to become. */
  target: string;
}

/**
 * Temporary files in `dir` whose writing process is gone: what a crash between stageFile
 * and publish leaves. Files of processes still running are not listed.
 */
export function staleTemporaries(dir: string): StaleTemporary[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  return names.flatMap((name) => {
    const m = STAGING.exec(name);
    if (!m || isRunning(Number(m[2]))) return [];
    return [{ staging: name, target: join(dir, m[1]) }];
  });
}

function isRunning(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** What the operating system said, as an error that names the file (exit 3). */
export function asWriteFailure(error: unknown, path: string): unknown {
  if (error instanceof AppError) return error;
  const code = (error as NodeJS.ErrnoException).code;
  if (!code) return error;
  return new InputError('write_failed', { file: path, reason: osReason(code, (error as Error).message) });
}

function osReason(code: string, message: string): string {
  switch (code) {
    case 'ENOSPC':
    case 'EDQUOT':
      return t('os_no_space');
    case 'EACCES':
    case 'EPERM':
      return t('os_no_permission');
    case 'EROFS':
      return t('os_read_only');
    case 'ENOENT':
      return t('os_no_directory');
    default:
      return message;
  }
}

/** Publish without ever replacing a file that appeared meanwhile: link(2) fails with EEXIST. */
export function publishExclusive(tmp: string, target: string, shown: string): void {
  try {
    linkSync(tmp, target);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') throw fileExists(shown);
    // File systems without hard links (FAT on a USB stick, some network shares): an
    // exclusive copy still never overwrites, though a reader may see it half-written.
    if (code === 'EPERM' || code === 'ENOTSUP' || code === 'ENOSYS' || code === 'EOPNOTSUPP') {
      try {
        copyFileSync(tmp, target, constants.COPYFILE_EXCL);
      } catch (copyErr) {
        if ((copyErr as NodeJS.ErrnoException).code === 'EEXIST') throw fileExists(shown);
        throw copyErr;
      }
      return;
    }
    throw err;
  }
}

function fileExists(path: string): AppError {
  return new InputError('file_exists', { file: path });
}

/** Make the new directory entry durable too; not possible on every platform, so best effort. */
function syncDirectory(dir: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(dir, 'r');
    fsyncSync(fd);
  } catch {
    /* e.g. Windows cannot open a directory */
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
