import { afterEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { deflateRawSync } from 'node:zlib';
import * as XLSX from 'xlsx';
import { checkXlsxBounds, columnName, createSheetBudget, formatBytes, parseRange, readZipDirectory } from '../../src/io/xlsxLimits.js';
import { setLang } from '../../src/core/i18n.js';

interface Part {
  name: string;
  data: Buffer;
  /** Store instead of deflate. */
  stored?: boolean;
  /** What the directory claims, when it lies. */
  declared?: number;
  /** Sizes as FFFFFFFF with a ZIP64 extra field. */
  zip64?: boolean;
}

/** A ZIP written by hand, so that its directory can lie. */
function makeZip(parts: Part[], opts: { overlap?: boolean } = {}): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  const offsets: number[] = [];
  for (const p of parts) {
    const name = Buffer.from(p.name);
    const body = p.stored ? p.data : deflateRawSync(p.data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(p.stored ? 0 : 8, 8);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(p.data.length, 22);
    local.writeUInt16LE(name.length, 26);
    offsets.push(offset);
    locals.push(local, name, body);
    const size = p.declared ?? p.data.length;
    const extra = p.zip64 ? Buffer.alloc(4 + 16) : Buffer.alloc(0);
    if (p.zip64) {
      extra.writeUInt16LE(1, 0);
      extra.writeUInt16LE(16, 2);
      extra.writeBigUInt64LE(BigInt(size), 4);
      extra.writeBigUInt64LE(BigInt(body.length), 12);
    }
    const c = Buffer.alloc(46);
    c.writeUInt32LE(0x02014b50, 0);
    c.writeUInt16LE(20, 4);
    c.writeUInt16LE(20, 6);
    c.writeUInt16LE(p.stored ? 0 : 8, 10);
    c.writeUInt32LE(p.zip64 ? 0xffffffff : body.length, 20);
    c.writeUInt32LE(p.zip64 ? 0xffffffff : size, 24);
    c.writeUInt16LE(name.length, 28);
    c.writeUInt16LE(extra.length, 30);
    c.writeUInt32LE(opts.overlap ? 0 : offsets[offsets.length - 1], 42);
    centrals.push(c, name, extra);
    offset += 30 + name.length + body.length;
  }
  const cd = Buffer.concat(centrals);
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(parts.length, 8);
  eocd.writeUInt16LE(parts.length, 10);
  eocd.writeUInt32LE(cd.length, 12);
  eocd.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, eocd]);
}

function workbook(rows: unknown[][]): Buffer {
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(rows), 'Список');
  return XLSX.write(wb, { type: 'buffer', bookType: 'xlsx', compression: true }) as Buffer;
}

const code = (c: string) => expect.objectContaining({ code: c, exitCode: 3 });

describe('checkXlsxBounds', () => {
  afterEach(() => setLang('en'));

  it('passes a real workbook and lists its parts', () => {
    const bytes = workbook([['Фамилия', 'Имя'], ['Иванов', 'Иван']]);
    const summary = checkXlsxBounds(bytes);
    expect(summary.entries.map((e) => e.name)).toContain('xl/worksheets/sheet1.xml');
    expect(summary.totalUncompressed).toBeGreaterThan(0);
    expect(XLSX.read(bytes).SheetNames).toEqual(['Список']);
  });

  it('passes a hand-made ZIP that tells the truth, stored or deflated, ZIP64 or not', () => {
    const data = Buffer.from('<x>'.repeat(1000));
    expect(checkXlsxBounds(makeZip([{ name: 'a.xml', data }, { name: 'b.xml', data, stored: true }, { name: 'c.xml', data, zip64: true }])).totalUncompressed).toBe(9000);
  });

  it('refuses a part whose declared size is over the limit, or absurd', () => {
    const data = Buffer.from('<x/>');
    expect(() => checkXlsxBounds(makeZip([{ name: 'xl/sharedStrings.xml', data, declared: 0xfffffff0 }]))).toThrow(code('xlsx_entry_too_large'));
    expect(() => checkXlsxBounds(makeZip([{ name: 'xl/worksheets/sheet1.xml', data, declared: 2 ** 50, zip64: true }]))).toThrow(code('xlsx_entry_too_large'));
    expect(() => checkXlsxBounds(makeZip([{ name: 'a', data: Buffer.alloc(600) }]), { maxEntryBytes: 500 })).toThrow(code('xlsx_entry_too_large'));
  });

  it('refuses a workbook whose parts add up to more than the total limit', () => {
    const parts = [1, 2, 3].map((i) => ({ name: `p${i}.xml`, data: Buffer.alloc(400, 65) }));
    expect(() => checkXlsxBounds(makeZip(parts), { maxTotalBytes: 1000 })).toThrow(code('xlsx_unpacked_too_large'));
    expect(checkXlsxBounds(makeZip(parts), { maxTotalBytes: 1200 }).totalUncompressed).toBe(1200);
  });

  it('refuses a ZIP bomb by its compression ratio', () => {
    const bomb = makeZip([{ name: 'xl/worksheets/sheet1.xml', data: Buffer.alloc(8 * 1024 * 1024) }]);
    expect(bomb.length).toBeLessThan(20_000);
    setLang('ru');
    expect(() => checkXlsxBounds(bomb, {}, 'bomb.xlsx')).toThrow(/ZIP-бомбу/);
  });

  it('catches a directory that lies about a size, smaller or larger', () => {
    const data = Buffer.alloc(100_000, 'Иванов ');
    expect(() => checkXlsxBounds(makeZip([{ name: 'xl/worksheets/sheet1.xml', data, declared: 1000 }]))).toThrow(code('xlsx_size_mismatch'));
    expect(() => checkXlsxBounds(makeZip([{ name: 'xl/worksheets/sheet1.xml', data, declared: 200_000 }]))).toThrow(code('xlsx_size_mismatch'));
    expect(() => checkXlsxBounds(makeZip([{ name: 'a', data, stored: true, declared: 10 }]))).toThrow(code('xlsx_size_mismatch'));
    // Without verification only the declared sizes are judged.
    expect(checkXlsxBounds(makeZip([{ name: 'a', data, declared: 1000 }]), { verify: false }).totalUncompressed).toBe(1000);
  });

  it('refuses overlapping parts, damaged directories and non-ZIP bytes', () => {
    const data = Buffer.from('<x/>'.repeat(100));
    expect(() => checkXlsxBounds(makeZip([{ name: 'a', data }, { name: 'b', data }], { overlap: true }))).toThrow(code('xlsx_zip_invalid'));
    expect(() => checkXlsxBounds(Buffer.from('PK\u0003\u0004 not really'))).toThrow(code('xlsx_zip_invalid'));
    const good = makeZip([{ name: 'a', data }]);
    expect(() => checkXlsxBounds(good.subarray(0, good.length - 30))).toThrow(code('xlsx_zip_invalid'));
    const corrupt = Buffer.from(good);
    corrupt.fill(0xff, 40, 60); // the deflate data
    expect(() => checkXlsxBounds(corrupt)).toThrow(code('xlsx_zip_invalid'));
  });

  it('never throws anything but its refusals on random damage (property)', () => {
    const good = workbook([['Фамилия', 'Имя'], ['Иванов', 'Иван']]);
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(good.length - 1), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 8 }), fc.nat(good.length), (edits, cut) => {
        const bytes = Buffer.from(good.subarray(0, Math.max(22, cut)));
        for (const [at, value] of edits) if (at < bytes.length) bytes[at] = value;
        try {
          checkXlsxBounds(bytes);
        } catch (err) {
          expect((err as { exitCode?: number }).exitCode).toBe(3);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('reads the directory on its own', () => {
    expect(readZipDirectory(makeZip([{ name: 'Лист.xml', data: Buffer.from('abc') }]))).toEqual([{ name: 'Лист.xml', method: 8, compressedSize: expect.any(Number), uncompressedSize: 3, localOffset: 0 }]);
    expect(formatBytes(256 * 1024 * 1024)).toBe('256 MiB');
  });
});

describe('sheet bounds', () => {
  it('parses a range and names columns', () => {
    expect(parseRange('A1:F20')).toEqual({ firstRow: 0, lastRow: 19, firstCol: 0, lastCol: 5 });
    expect(parseRange('$B$3')).toEqual({ firstRow: 2, lastRow: 2, firstCol: 1, lastCol: 1 });
    expect(parseRange('A1:XFD1048576')).toEqual({ firstRow: 0, lastRow: 1_048_575, firstCol: 0, lastCol: 16_383 });
    for (const bad of ['', 'A0', 'A1:XFE1', 'A1:A1048577', '1A']) expect(parseRange(bad), bad).toBeUndefined();
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 16_383 }), (c) => {
        expect(parseRange(`${columnName(c)}1`)?.firstCol).toBe(c);
        expect(columnName(c)).toBe(XLSX.utils.encode_col(c));
      }),
    );
  });

  it('counts rows, cells and cell lengths while walking a sheet', () => {
    const budget = createSheetBudget({ maxRows: 2, maxCells: 5, maxCellChars: 10 }, 'a.xlsx');
    budget.row(0);
    budget.cell('Фамилия', 0, 0);
    budget.row(1);
    expect(() => budget.cell('x'.repeat(11), 1, 2)).toThrow(expect.objectContaining({ code: 'xlsx_cell_too_long', params: expect.objectContaining({ row: 2, column: 'C' }) }));
    expect(() => budget.row(2)).toThrow(code('xlsx_too_many_rows'));
    const cells = createSheetBudget({ maxCells: 2 });
    cells.cell('a', 0, 0);
    cells.cell('b', 0, 1);
    expect(() => cells.cell('c', 0, 2)).toThrow(code('xlsx_too_many_cells'));
    expect(cells.cells).toBe(3);
  });
});
