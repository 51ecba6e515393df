import {
  closeSync,
  constants,
  copyFileSync,
  existsSync,
  fsyncSync,
  linkSync,
  openSync,
  renameSync,
  statSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { randomBytes } from 'node:crypto';
import { basename, dirname, join, resolve } from 'node:path';
import { AppError, InputError } from '../core/errors.js';
import { L } from '../core/i18n.js';

export interface AtomicWriteOptions {
  /** Mode of the new file (before the umask), e.g. 0o600 for credentials. Default 0o666. */
  mode?: number;
  /** Replace an existing file; without it an existing target is refused. */
  force?: boolean;
}

/**
 * Write a whole file so that a reader sees either nothing (or the old file) or the complete
 * new one: the data goes to a temporary file in the same directory, is fsynced, and only
 * then published under the real name.
 */
export function writeFileAtomic(
  path: string,
  data: string | Uint8Array,
  options: AtomicWriteOptions = {},
): void {
  const target = resolve(path);
  const dir = dirname(target);
  if (!isDirectory(dir)) {
    throw new InputError('directory_not_found', L(`Directory not found: ${dir}`, `Папка не найдена: ${dir}`), {
      file: path,
      directory: dir,
    });
  }
  // Cheap early refusal before writing anything; the link below is the race-free check.
  if (!options.force && existsSync(target)) throw fileExists(path);

  const tmp = join(dir, `.${basename(target)}.tmp-${process.pid}-${randomBytes(6).toString('hex')}`);
  try {
    // 'wx' creates the file with the final mode at once: a secret is never readable by
    // others, not even between creation and a later chmod.
    const fd = openSync(tmp, 'wx', options.mode ?? 0o666);
    try {
      writeFileSync(fd, data);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    if (options.force) renameSync(tmp, target);
    else publishExclusive(tmp, target, path);
    syncDirectory(dir);
  } finally {
    // After rename the temporary name is gone; after link it is a second name to remove.
    try {
      unlinkSync(tmp);
    } catch {
      /* already renamed or never created */
    }
  }
}

/** Publish without ever replacing a file that appeared meanwhile: link(2) fails with EEXIST. */
function publishExclusive(tmp: string, target: string, shown: string): void {
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
  return new InputError(
    'file_exists',
    L(`${path} already exists; use --force to overwrite it`, `Файл ${path} уже существует; чтобы перезаписать его, укажите --force`),
    { file: path },
  );
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
