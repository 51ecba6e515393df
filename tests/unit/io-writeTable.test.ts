import { describe, it, expect, afterAll, vi, afterEach } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import * as XLSX from 'xlsx';
import { neutralizeFormula, writeTable } from '../../src/io/writeTable.js';
import { stripFormulaGuard } from '../../src/io/formulaGuard.js';
import { readTable } from '../../src/io/readTable.js';
import { plausibleText } from '../../src/io/encoding.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'registrar-io-write-'));
let n = 0;
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const target = (name: string) => path.join(dir, `${n++}-${name}`);

const ATTACKS = ['=1+2', '+7 900', '-5', '@SUM(A1)', '\tx', '\rx', "'=x", "''-x"];

describe('neutralizeFormula', () => {
  it('prefixes risky strings with an apostrophe and leaves the rest alone', () => {
    expect(ATTACKS.map(neutralizeFormula)).toEqual(["'=1+2", "'+7 900", "'-5", "'@SUM(A1)", "'\tx", "'\rx", "''=x", "'''-x"]);
    for (const safe of ['Иванов', ' =x', "'", "'x", '', '5', 'a=b']) expect(neutralizeFormula(safe)).toBe(safe);
  });

  it('is undone exactly by stripFormulaGuard', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom("'", '=', '+', '-', '@', '\t', '\r', 'a', ' ') }), (s) => {
        expect(stripFormulaGuard(neutralizeFormula(s))).toBe(s);
      }),
    );
  });
});

describe('writeTable: CSV', () => {
  it('writes UTF-8 with BOM, ;, CRLF, guarded strings, numbers as numbers with a decimal comma', async () => {
    const p = target('list.csv');
    await writeTable(p, { headers: ['Фамилия', '=Балл'], rows: [['Иванов', 4.5], ...ATTACKS.map((a) => [a, -5]), [null, undefined]] });
    const text = fs.readFileSync(p, 'utf8');
    // A decimal comma gets quotes like any field holding a candidate delimiter; Excel still reads a number.
    expect(text.startsWith('\ufeffФамилия;\'=Балл\r\nИванов;"4,5"\r\n')).toBe(true);
    expect(text).toContain("'=1+2;-5\r\n");
    expect(text).toContain("'+7 900;-5\r\n");
    expect(text).toContain("'@SUM(A1);-5\r\n");
    expect(text).toContain('"\'\tx";-5\r\n'); // quoted: contains a tab
    expect(text.endsWith(';\r\n')).toBe(true);
    // Reading it back gives the original values.
    const t = await readTable(p, {});
    expect(t.headers).toEqual(['Фамилия', '=Балл']);
    expect(t.rows.map((r) => r.cells[0])).toEqual(['Иванов', '=1+2', '+7 900', '-5', '@SUM(A1)', 'x', 'x', "'=x", "''-x"]);
  });

  it('uses the delimiter and format asked for; . decimals with ,', async () => {
    const p = target('list.txt');
    await writeTable(p, { headers: ['a', 'b'], rows: [[1.25, 'x,y']] }, { delimiter: ',' });
    expect(fs.readFileSync(p, 'utf8')).toBe('\ufeffa,b\r\n1.25,"x,y"\r\n');
    const tsv = target('list.tsv');
    await writeTable(tsv, { headers: ['a', 'b'], rows: [[1.25, 'x;y']] });
    expect(fs.readFileSync(tsv, 'utf8')).toBe('\ufeffa\tb\r\n"1,25"\t"x;y"\r\n');
    const forced = target('list.dat');
    await writeTable(forced, { headers: ['a'], rows: [] }, { format: 'xlsx' });
    expect(fs.readFileSync(forced).subarray(0, 4)).toEqual(Buffer.from('PK\x03\x04', 'latin1'));
  });

  it('writes - to stdout', async () => {
    const chunks: unknown[] = [];
    const spy = vi.spyOn(process.stdout, 'write').mockImplementation(((data: unknown, cb?: () => void) => {
      chunks.push(data);
      cb?.();
      return true;
    }) as typeof process.stdout.write);
    try {
      await writeTable('-', { headers: ['a'], rows: [['=b']] });
    } finally {
      spy.mockRestore();
    }
    expect(chunks).toEqual(["\ufeffa\r\n'=b\r\n"]);
  });

  it('round-trips any cells through CSV (trimmed; fully empty rows dropped with numbering kept)', async () => {
    const unit = fc.oneof(
      fc.constantFrom('"', ';', ',', '\t', '\n', '\r', ' ', '\u00a0', '=', '+', '-', '@', "'", 'Ж', 'ё', 'Я', 'a', '1', '.'),
      fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }),
    );
    const cell = fc.string({ unit, maxLength: 12 });
    const table = fc.integer({ min: 1, max: 5 }).chain((width) =>
      fc.record({
        headers: fc
          .array(cell, { minLength: width, maxLength: width })
          .filter((h) => h.some((c) => c.trim() !== '')),
        rows: fc.array(fc.array(cell, { minLength: width, maxLength: width }), { maxLength: 6 }),
      }),
    // Text that reads as garbage (box drawing, C1 controls...) is refused by the reader on
    // purpose (issue 9: a wrong encoding never reaches the store); round-trip readable text.
    ).filter(({ headers, rows }) => plausibleText([headers, ...rows].flat().join('')));
    const p = target('prop.csv');
    await fc.assert(
      fc.asyncProperty(table, async ({ headers, rows }) => {
        await writeTable(p, { headers, rows }, { force: true });
        const t = await readTable(p, {});
        expect(t.delimiter).toBe(';');
        expect(t.headers).toEqual(headers.map((c) => c.trim()));
        const expected = rows
          .map((cells, i) => ({ row: i + 2, cells: cells.map((c) => c.trim()) }))
          .filter((r) => r.cells.some((c) => c !== ''));
        expect(t.rows).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });
});

describe('writeTable: XLSX', () => {
  it('guards strings, keeps numbers numeric, names the sheet', async () => {
    const p = target('report.xlsx');
    await writeTable(p, {
      name: 'ИС-21/1: итоги',
      headers: ['Фамилия', '@Колонка'],
      rows: [['Иванов', 5], ...ATTACKS.map((a) => [a, -1.5])],
    });
    const wb = XLSX.read(fs.readFileSync(p), { type: 'buffer' });
    expect(wb.SheetNames).toEqual(['ИС-21_1_ итоги']);
    const ws = wb.Sheets[wb.SheetNames[0]];
    expect(ws.B1).toMatchObject({ t: 's', v: "'@Колонка" });
    expect(ws.B2).toMatchObject({ t: 'n', v: 5 });
    expect(ws.B3).toMatchObject({ t: 'n', v: -1.5 });
    ATTACKS.forEach((a, i) => {
      const c = ws[`A${i + 3}`];
      expect(c.t).toBe('s');
      expect(c.v).toBe(`'${a}`);
      expect(c.f).toBeUndefined();
    });
  });

  it('refuses to overwrite without force and honours mode', async () => {
    const p = target('secret.xlsx');
    await writeTable(p, { headers: ['login', 'password'], rows: [['ivanov.ii', 'Xk7pQ2']] }, { mode: 0o600 });
    expect(fs.statSync(p).mode & 0o777).toBe(0o600);
    await expect(writeTable(p, { headers: ['x'], rows: [] })).rejects.toMatchObject({ code: 'file_exists' });
    await writeTable(p, { headers: ['x'], rows: [] }, { force: true });
    expect((await readTable(p, {})).headers).toEqual(['x']);
  });
});

describe('writeTable: stdout guard', () => {
  const isTTY = process.stdout.isTTY;
  afterEach(() => {
    process.stdout.isTTY = isTTY;
  });
  it('refuses XLSX to a terminal', async () => {
    process.stdout.isTTY = true;
    await expect(writeTable('-', { headers: ['a'], rows: [] }, { format: 'xlsx' })).rejects.toMatchObject({
      code: 'binary_to_terminal',
      exitCode: 2,
    });
  });
});
