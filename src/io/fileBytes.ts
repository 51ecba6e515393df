/**
 * A file's bytes for an import: refused before a byte is read when it is missing, not a file
 * or over the size bound (InputError `file_not_found`, `file_unreadable`, `file_too_large`),
 * then read from its start a chunk at a time, as often as a reader passes over it. A file
 * replaced or rewritten between or during passes is refused (InputError `file_changed`): the
 * passes would disagree.
 */
import { isUtf8 } from 'node:buffer';
import { closeSync, fstatSync, openSync, readFileSync, readSync, statSync, type Stats } from 'node:fs';
import { AppError, InputError } from '../core/errors.js';
import { t } from '../core/i18n.js';
import { HEAD_BYTES } from './encoding.js';

/** Bytes a CSV is read in at a time. */
const CHUNK_BYTES = 64 * 1024;

/** A file's bytes: its beginning at hand, the rest read a pass at a time. */
export interface Bytes {
  /** The first HEAD_BYTES (all of them in a shorter file). */
  head: Uint8Array;
  /** Every byte from the start, a chunk at a time; a chunk is good until the next one is asked for. */
  chunks(): Generator<Uint8Array>;
  /** How much of the file the pass under way has read (0–1). */
  readShare(): number;
  /** All the bytes at once (a workbook is read whole). */
  whole(): Buffer;
}

/** A file on disk. Stat first, so an oversized file is refused before a byte of it is read. */
export function fileBytes(path: string, maxBytes: number): Bytes {
  const unreadable = (why: string) => new InputError('file_unreadable', { file: path, reason: why }, { file: path });
  const reading = <T>(read: () => T): T => {
    try {
      return read();
    } catch (err) {
      throw unreadable((err as Error).message);
    }
  };
  let stat: Stats;
  try {
    stat = statSync(path);
    if (!stat.isFile()) throw unreadable(t('io_not_a_file'));
  } catch (err) {
    if (err instanceof InputError) throw err;
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new InputError('file_not_found', { file: path });
    }
    throw unreadable((err as Error).message);
  }
  const size = stat.size;
  if (size > maxBytes) throw tooLarge(path, path, maxBytes);
  const changed = () => new InputError('file_changed', { file: path }, { file: path });
  const unchanged = (fd: number) => {
    const now = fstatSync(fd);
    if (now.ino !== stat.ino || now.dev !== stat.dev || now.size !== size || now.mtimeMs !== stat.mtimeMs) throw changed();
  };
  let read = 0;
  function* chunks(): Generator<Uint8Array> {
    const fd = reading(() => openSync(path, 'r'));
    const buffer = Buffer.allocUnsafe(CHUNK_BYTES);
    read = 0;
    try {
      unchanged(fd);
      for (;;) {
        const n = reading(() => readSync(fd, buffer, 0, CHUNK_BYTES, null));
        if (n === 0) break;
        read += n;
        if (read > size) throw changed();
        yield buffer.subarray(0, n);
      }
      unchanged(fd);
    } finally {
      closeSync(fd);
    }
  }
  const head = reading(() => {
    const fd = openSync(path, 'r');
    try {
      const buffer = Buffer.alloc(Math.min(size, HEAD_BYTES));
      return buffer.subarray(0, readSync(fd, buffer, 0, buffer.length, 0));
    } finally {
      closeSync(fd);
    }
  });
  return { head, chunks, readShare: () => (size ? read / size : 1), whole: () => reading(() => readFileSync(path)) };
}

/** Bytes already read (stdin). */
export function bytesInMemory(bytes: Buffer): Bytes {
  let read = 0;
  return {
    head: bytes.subarray(0, HEAD_BYTES),
    *chunks() {
      for (read = 0; read < bytes.length; ) {
        const chunk = bytes.subarray(read, read + CHUNK_BYTES);
        read += chunk.length;
        yield chunk;
      }
    },
    readShare: () => (bytes.length ? read / bytes.length : 1),
    whole: () => bytes,
  };
}

/** Whether all the bytes are UTF-8, read a chunk at a time (a character may straddle two chunks). */
export function utf8Throughout(bytes: Bytes): boolean {
  let carry: Uint8Array = new Uint8Array(0);
  for (const chunk of bytes.chunks()) {
    const joined = carry.length ? Buffer.concat([carry, chunk]) : chunk;
    const end = completeUtf8(joined);
    if (!isUtf8(joined.subarray(0, end))) return false;
    carry = Uint8Array.from(joined.subarray(end));
  }
  return carry.length === 0;
}

/** The length of `bytes` without a UTF-8 sequence cut off at its end. */
function completeUtf8(bytes: Uint8Array): number {
  for (let back = 1; back <= Math.min(3, bytes.length); back++) {
    const b = bytes[bytes.length - back];
    if (b < 0x80) break;
    if (b >= 0xc0) return back < (b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2) ? bytes.length - back : bytes.length;
  }
  return bytes.length;
}

/** Stdin, read whole (it cannot be read twice), bounded by `maxBytes`. */
export async function readStdin(name: string, maxBytes: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of process.stdin) {
    const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buf.length;
    if (size > maxBytes) throw tooLarge(name, '-', maxBytes);
    chunks.push(buf);
  }
  return Buffer.concat(chunks);
}

function tooLarge(name: string, path: string, maxBytes: number): AppError {
  const limit = maxBytes >= 1 << 20 ? `${+(maxBytes / (1 << 20)).toFixed(1)} MiB` : `${maxBytes} B`;
  return new InputError('file_too_large', { name, limit }, { file: path, limit: maxBytes });
}
