/**
 * Bounds on a workbook before and while SheetJS reads it. An XLSX is a ZIP: a 1 MB file can
 * unpack to gigabytes (a ZIP bomb), and its directory can declare sizes it does not keep.
 * SheetJS inflates whatever it finds, so we read the ZIP's central directory ourselves first
 * (no dependency: the format is a few fixed records) and refuse, InputError exit 3:
 *
 * - `xlsx_zip_invalid`: no end-of-directory record, a directory or entry outside the file,
 *   entries whose data overlap (the overlapping-file bomb), a compression method other than
 *   stored/deflate, corrupt deflate data, more entries than `maxEntries`;
 * - `xlsx_unpacked_too_large` / `xlsx_entry_too_large`: declared sizes over the limits
 *   (default 256 MiB in all, 128 MiB for one part such as sheet1.xml or sharedStrings.xml);
 * - `xlsx_ratio_too_high`: a part over 1 MiB compressed more than `maxRatio` (default 500)
 *   times; real sheets compress 5–100 times, DEFLATE's ceiling is about 1030;
 * - `xlsx_size_mismatch`: with `verify` (default), each part is inflated with its output
 *   capped at the declared size, so a directory that lies about a size is caught without
 *   ever holding more than the limit in memory.
 *
 * Then, while walking a parsed sheet, `createSheetBudget` counts rows, filled cells and cell
 * lengths (`xlsx_too_many_rows`, `xlsx_too_many_cells`, `xlsx_cell_too_long`); `parseRange`
 * reads a sheet's `!ref` (A1:F20) without SheetJS. Sizes are bytes; rows and columns 0-based.
 */
import { inflateRawSync } from 'node:zlib';
import { InputError } from '../core/errors.js';

export interface XlsxLimits {
  /** Sum of the declared uncompressed sizes of all parts. */
  maxTotalBytes: number;
  /** One part's declared uncompressed size. */
  maxEntryBytes: number;
  /** Uncompressed / compressed, for parts over `ratioFloorBytes`. */
  maxRatio: number;
  ratioFloorBytes: number;
  maxEntries: number;
  /** Inflate every part to check its declared size (costs one decompression). */
  verify: boolean;
}

const MiB = 1024 * 1024;

export const DEFAULT_XLSX_LIMITS: XlsxLimits = {
  maxTotalBytes: 256 * MiB,
  maxEntryBytes: 128 * MiB,
  maxRatio: 500,
  ratioFloorBytes: MiB,
  maxEntries: 10_000,
  verify: true,
};

export interface ZipEntry {
  name: string;
  /** 0 stored, 8 deflate. */
  method: number;
  compressedSize: number;
  uncompressedSize: number;
  /** Where the entry's local header starts. */
  localOffset: number;
}

export interface ZipSummary {
  entries: ZipEntry[];
  totalUncompressed: number;
}

const SIG_EOCD = 0x06054b50;
const SIG_ZIP64_LOCATOR = 0x07064b50;
const SIG_ZIP64_EOCD = 0x06064b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_LOCAL = 0x04034b50;
const MAX32 = 0xffffffff;

/** `12.5 MiB`, `900 B`: sizes in messages. */
export function formatBytes(n: number): string {
  if (n >= 1024 * MiB) return `${+(n / (1024 * MiB)).toFixed(1)} GiB`;
  if (n >= MiB) return `${+(n / MiB).toFixed(1)} MiB`;
  if (n >= 1024) return `${+(n / 1024).toFixed(1)} KiB`;
  return `${n} B`;
}

class Reader {
  private readonly view: DataView;
  constructor(readonly bytes: Uint8Array) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }
  fits(offset: number, length: number): boolean {
    return Number.isSafeInteger(offset) && offset >= 0 && offset + length <= this.bytes.length;
  }
  u16(o: number): number {
    return this.view.getUint16(o, true);
  }
  u32(o: number): number {
    return this.view.getUint32(o, true);
  }
  u64(o: number): number {
    const v = this.view.getBigUint64(o, true);
    return v > BigInt(Number.MAX_SAFE_INTEGER) ? Infinity : Number(v);
  }
}

/**
 * The entries of a ZIP's central directory (ZIP64 too). Throws `xlsx_zip_invalid` when the
 * directory is missing, outside the file or inconsistent; checks nothing about sizes.
 */
export function readZipDirectory(bytes: Uint8Array, file = '', maxEntries = DEFAULT_XLSX_LIMITS.maxEntries): ZipEntry[] {
  const invalid = (reason: string) => new InputError('xlsx_zip_invalid', { file }, { file, reason });
  const r = new Reader(bytes);
  let eocd = -1;
  for (let i = bytes.length - 22; i >= 0 && i >= bytes.length - 22 - 0xffff; i--) {
    if (r.u32(i) === SIG_EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw invalid('no end of central directory');
  let count = r.u16(eocd + 10);
  let cdSize = r.u32(eocd + 12);
  let cdOffset = r.u32(eocd + 16);
  if (count === 0xffff || cdSize === MAX32 || cdOffset === MAX32) {
    const loc = eocd - 20;
    if (loc < 0 || r.u32(loc) !== SIG_ZIP64_LOCATOR) throw invalid('zip64 locator missing');
    const z = r.u64(loc + 8);
    if (!r.fits(z, 56) || r.u32(z) !== SIG_ZIP64_EOCD) throw invalid('zip64 directory outside the file');
    count = r.u64(z + 32);
    cdSize = r.u64(z + 40);
    cdOffset = r.u64(z + 48);
  }
  if (!r.fits(cdOffset, cdSize)) throw invalid('central directory outside the file');
  if (count > maxEntries || count * 46 > cdSize) throw invalid('entry count inconsistent');

  const entries: ZipEntry[] = [];
  let p = cdOffset;
  const end = cdOffset + cdSize;
  for (let n = 0; n < count; n++) {
    if (p + 46 > end || r.u32(p) !== SIG_CENTRAL) throw invalid('central directory entry damaged');
    const method = r.u16(p + 10);
    let compressedSize = r.u32(p + 20);
    let uncompressedSize = r.u32(p + 24);
    const nameLen = r.u16(p + 28);
    const extraLen = r.u16(p + 30);
    const commentLen = r.u16(p + 32);
    let localOffset = r.u32(p + 42);
    if (p + 46 + nameLen + extraLen + commentLen > end) throw invalid('central directory entry damaged');
    const name = new TextDecoder().decode(bytes.subarray(p + 46, p + 46 + nameLen));
    // ZIP64 extended information: the 8-byte values, in this order, for the fields set to FFFFFFFF.
    for (let e = p + 46 + nameLen; e + 4 <= p + 46 + nameLen + extraLen; ) {
      const id = r.u16(e);
      const size = r.u16(e + 2);
      if (id === 0x0001) {
        let q = e + 4;
        const next = () => {
          if (q + 8 > e + 4 + size) throw invalid('zip64 field damaged');
          const v = r.u64(q);
          q += 8;
          return v;
        };
        if (uncompressedSize === MAX32) uncompressedSize = next();
        if (compressedSize === MAX32) compressedSize = next();
        if (localOffset === MAX32) localOffset = next();
      }
      e += 4 + size;
    }
    entries.push({ name, method, compressedSize, uncompressedSize, localOffset });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

/**
 * Check a workbook's ZIP against `limits` before it is parsed; returns its directory. Throws
 * InputError (exit 3) as listed in the module's description. `file` names it in messages.
 */
export function checkXlsxBounds(bytes: Uint8Array, limits: Partial<XlsxLimits> = {}, file = ''): ZipSummary {
  const lim = { ...DEFAULT_XLSX_LIMITS, ...limits };
  const invalid = (reason: string, entry?: string) => new InputError('xlsx_zip_invalid', { file }, { file, entry, reason });
  const entries = readZipDirectory(bytes, file, lim.maxEntries);
  const r = new Reader(bytes);

  let total = 0;
  const spans: { start: number; end: number; name: string }[] = [];
  for (const e of entries) {
    if (e.method !== 0 && e.method !== 8) throw invalid(`compression method ${e.method}`, e.name);
    if (!r.fits(e.localOffset, 30) || r.u32(e.localOffset) !== SIG_LOCAL) throw invalid('local header outside the file', e.name);
    const dataStart = e.localOffset + 30 + r.u16(e.localOffset + 26) + r.u16(e.localOffset + 28);
    if (!r.fits(dataStart, e.compressedSize)) throw invalid('compressed data outside the file', e.name);
    if (e.method === 0 && e.compressedSize !== e.uncompressedSize) throw new InputError('xlsx_size_mismatch', { file, entry: e.name });
    if (e.uncompressedSize > lim.maxEntryBytes) {
      throw new InputError('xlsx_entry_too_large', { file, entry: e.name, size: formatBytes(e.uncompressedSize), limit: formatBytes(lim.maxEntryBytes) });
    }
    total += e.uncompressedSize;
    if (total > lim.maxTotalBytes) throw new InputError('xlsx_unpacked_too_large', { file, size: formatBytes(total), limit: formatBytes(lim.maxTotalBytes) });
    if (e.uncompressedSize > lim.ratioFloorBytes) {
      const ratio = e.uncompressedSize / Math.max(1, e.compressedSize);
      if (ratio > lim.maxRatio) throw new InputError('xlsx_ratio_too_high', { file, entry: e.name, ratio: Math.round(ratio), limit: lim.maxRatio });
    }
    spans.push({ start: e.localOffset, end: dataStart + e.compressedSize, name: e.name });
  }
  // Parts share no bytes: overlapping entries are how a small file unpacks to many big ones.
  spans.sort((a, b) => a.start - b.start);
  for (let i = 1; i < spans.length; i++) if (spans[i].start < spans[i - 1].end) throw invalid('entries overlap', spans[i].name);

  if (lim.verify) {
    for (const e of entries) {
      if (e.method !== 8) continue;
      const dataStart = e.localOffset + 30 + r.u16(e.localOffset + 26) + r.u16(e.localOffset + 28);
      const data = bytes.subarray(dataStart, dataStart + e.compressedSize);
      let size: number;
      try {
        size = inflateRawSync(data, { maxOutputLength: Math.max(1, e.uncompressedSize + 1) }).length;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') throw new InputError('xlsx_size_mismatch', { file, entry: e.name });
        throw invalid('corrupt deflate data', e.name);
      }
      if (size !== e.uncompressedSize) throw new InputError('xlsx_size_mismatch', { file, entry: e.name });
    }
  }
  return { entries, totalUncompressed: total };
}

export interface SheetLimits {
  /** Rows with at least one filled cell. */
  maxRows: number;
  /** Filled cells in all. */
  maxCells: number;
  /** Characters in one cell (Excel's own limit is 32,767). */
  maxCellChars: number;
}

export const DEFAULT_SHEET_LIMITS: SheetLimits = { maxRows: 200_000, maxCells: 5_000_000, maxCellChars: 10_000 };

/** A range read from `!ref`, 0-based and inclusive. */
export interface SheetRange {
  firstRow: number;
  lastRow: number;
  firstCol: number;
  lastCol: number;
}

/** `A` → 0, `Z` → 25, `AA` → 26, `XFD` → 16383. */
function columnIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

/** 0 → `A`, 26 → `AA`: a column as Excel names it, for messages. */
export function columnName(index: number): string {
  let s = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/**
 * `A1:F20` (or `B3`, or `$A$1:$F$20`) → the range, else undefined. Beyond Excel's grid
 * (1,048,576 rows × XFD) is undefined too. Mind that formatting can stretch a sheet's
 * declared range to the whole grid: count stored cells with createSheetBudget, not this.
 */
export function parseRange(ref: string): SheetRange | undefined {
  const m = /^\$?([A-Z]{1,3})\$?(\d{1,7})(?::\$?([A-Z]{1,3})\$?(\d{1,7}))?$/i.exec(ref.trim());
  if (!m) return undefined;
  const [c1, r1, c2 = c1, r2 = r1] = [columnIndex(m[1]), Number(m[2]) - 1, m[3] ? columnIndex(m[3]) : undefined, m[4] ? Number(m[4]) - 1 : undefined];
  const range = { firstRow: Math.min(r1, r2), lastRow: Math.max(r1, r2), firstCol: Math.min(c1, c2), lastCol: Math.max(c1, c2) };
  if (range.firstRow < 0 || range.lastRow > 1_048_575 || range.lastCol > 16_383) return undefined;
  return range;
}

export interface SheetBudget {
  /** Call once per row with a filled cell, before its cells. `row` is 0-based. */
  row(row: number): void;
  /** Call per filled cell with its text; `row`, `col` 0-based (messages say `row 5, column C`). */
  cell(text: string, row: number, col: number): void;
  readonly rows: number;
  readonly cells: number;
}

/**
 * A counter to run while walking a sheet's stored cells: throws `xlsx_too_many_rows`,
 * `xlsx_too_many_cells` or `xlsx_cell_too_long` as soon as a limit is passed, so an oversized
 * sheet is refused before its rows are materialised. SheetJS's own `sheetRows` option
 * (`limits.maxRows + 1`) stops its parser early as well.
 */
export function createSheetBudget(limits: Partial<SheetLimits> = {}, file = ''): SheetBudget {
  const lim = { ...DEFAULT_SHEET_LIMITS, ...limits };
  let rows = 0;
  let cells = 0;
  return {
    row() {
      if (++rows > lim.maxRows) throw new InputError('xlsx_too_many_rows', { file, limit: lim.maxRows });
    },
    cell(text, row, col) {
      if (++cells > lim.maxCells) throw new InputError('xlsx_too_many_cells', { file, limit: lim.maxCells });
      if (text.length > lim.maxCellChars) {
        throw new InputError('xlsx_cell_too_long', { file, row: row + 1, column: columnName(col), length: text.length, limit: lim.maxCellChars });
      }
    },
    get rows() {
      return rows;
    },
    get cells() {
      return cells;
    },
  };
}
