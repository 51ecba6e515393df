import fc from 'fast-check';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CsvParser, type CsvRecord, type TextLimits } from '../../src/io/csvParse.js';
import { decodeText } from '../../src/io/encoding.js';
import { readTable } from '../../src/io/readTable.js';

/**
 * A CSV is read a chunk at a time: what comes out, and every refusal, must be what reading
 * the whole text at once gives, wherever the chunks happen to end.
 */
type Outcome = { records: CsvRecord[] } | { error: { code: string; params: unknown } };

function outcome(read: () => CsvRecord[]): Outcome {
  try {
    return { records: read() };
  } catch (err) {
    const e = err as { code: string; params: unknown };
    return { error: { code: e.code, params: e.params } };
  }
}

function inPieces(text: string, cuts: number[], limits: TextLimits): CsvRecord[] {
  const parser = new CsvParser(';', limits, 'f.csv');
  const at = [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((a, b) => a - b);
  const out: CsvRecord[] = [];
  let from = 0;
  for (const cut of at) {
    out.push(...parser.push(text.slice(from, cut), false));
    from = cut;
  }
  out.push(...parser.push(text.slice(from), true));
  return out;
}

const csvText = fc.array(fc.constantFrom('a', 'Ж', ' ', ';', '"', '""', '\r', '\n', '\r\n', 'bcdefghijklmnop'), { maxLength: 80 }).map((parts) => parts.join(''));

describe('CsvParser: text pushed in chunks', () => {
  it('gives the records and the refusals of the whole text, wherever the chunks end', () => {
    const limits = { maxRows: 6, maxColumns: 5, maxCellChars: 12 };
    fc.assert(
      fc.property(csvText, fc.array(fc.nat(), { maxLength: 10 }), (text, cuts) => {
        const whole = outcome(() => new CsvParser(';', limits, 'f.csv').push(text, true));
        expect(outcome(() => inPieces(text, cuts, limits))).toEqual(whole);
      }),
      { numRuns: 3000 },
    );
  });

  it('one character at a time, a long record is not parsed again with every character', () => {
    const text = `${'x'.repeat(200_000)};"${'y""'.repeat(50_000)}"\r\nz\r\n`;
    const limits = { maxRows: 10, maxColumns: 5, maxCellChars: 1_000_000 };
    const parser = new CsvParser(';', limits, 'f.csv');
    const records: CsvRecord[] = [];
    const started = Date.now();
    for (let i = 0; i < text.length; i += 7) records.push(...parser.push(text.slice(i, i + 7), false));
    records.push(...parser.push('', true));
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(records.map((r) => [r.row, r.cells.map((c) => c.length)])).toEqual([
      [1, [200_000, 100_000]],
      [2, [1]],
    ]);
  });
});

describe('readTable: a CSV larger than a chunk', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'registrar-io-chunks-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  const limits = { maxRows: 1_000_000, maxColumns: 100, maxCellChars: 10_000 };

  /** What reading the bytes whole gives: decoded at once, parsed at once, cells cleaned, blank records left out. */
  function whole(bytes: Buffer): { row: number; cells: string[] }[] {
    const { text } = decodeText(bytes, 'auto');
    return new CsvParser(';', limits, 'f.csv')
      .push(text, true)
      .map((r) => ({ row: r.row, cells: r.cells.map((c) => c.trim()) }))
      .filter((r) => r.cells.some((c) => c !== ''));
  }

  function lines(n: number): string[] {
    const out = ['Фамилия;Имя;Примечание'];
    for (let i = 0; i < n; i++) {
      const note = i % 7 === 0 ? `"строка ${i};\r\nи ""ещё"" одна"` : i % 11 === 0 ? '' : `заметка ${i} ёжик`;
      out.push(i % 13 === 0 ? ';;' : `Сёмина${i};Анна;${note}`);
    }
    return out;
  }

  it('reads UTF-8, cp1251 and UTF-16 over many chunks as it reads them whole', async () => {
    const text = lines(60_000).join('\r\n') + '\r\n';
    const cp1251 = Buffer.from([...text].map((ch) => {
      const c = ch.codePointAt(0)!;
      if (c < 0x80) return c;
      if (ch === 'ё') return 0xb8;
      return c - 0x410 + 0xc0;
    }));
    for (const bytes of [Buffer.from(text), cp1251, Buffer.from('\ufeff' + text, 'utf16le')]) {
      expect(bytes.length).toBeGreaterThan(1024 * 1024); // many chunks
      const p = path.join(dir, 'big.csv');
      fs.writeFileSync(p, bytes);
      const t = await readTable(p, { limits });
      const expected = whole(bytes);
      expect(t.headers).toEqual(expected[0].cells);
      expect(t.rows).toEqual(expected.slice(1));
    }
  });

  it('tells the delimiter from a header line that starts chunks later, a doubled quote across a chunk\'s end', async () => {
    for (let pad = 65_520; pad < 65_540; pad++) {
      // `""` inside the quotes is one quote: the semicolons stay inside, the comma decides.
      const text = '\n'.repeat(pad) + '"x;y"";z;w;q",b\n1,2\n';
      const p = path.join(dir, 'late.csv');
      fs.writeFileSync(p, text);
      const t = await readTable(p, { limits });
      expect(t.delimiter).toBe(',');
      expect(t.headers).toEqual(['x;y";z;w;q', 'b']);
    }
  });

  it('refuses a file whose bytes stop being UTF-8 after the first chunks, as it refuses it read whole', async () => {
    const bytes = Buffer.concat([Buffer.from(lines(40_000).join('\n')), Buffer.from([0x0a, 0xc8, 0xe2, 0xe0, 0xed, 0xee, 0xe2, 0x0a])]);
    const p = path.join(dir, 'mixed.csv');
    fs.writeFileSync(p, bytes);
    const read = await readTable(p, { limits }).then(
      () => 'read',
      (err: { code: string; params: unknown }) => ({ code: err.code, params: err.params }),
    );
    const once = (() => {
      try {
        decodeText(bytes, 'auto', { file: p });
        return 'read';
      } catch (err) {
        return { code: (err as { code: string }).code, params: (err as { params: unknown }).params };
      }
    })();
    expect(read).toEqual(once);
  });
});
