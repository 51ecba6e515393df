import { describe, it, expect, vi } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readTable } from '../../src/io/readTable.js';
import { writeTable } from '../../src/io/writeTable.js';

// SheetJS is heavy: writing (CSV or XLSX, our own writer) and reading CSV must never load it. Count the loads of a stand-in.
const xlsx = vi.hoisted(() => ({ loads: 0 }));
vi.mock('xlsx', () => {
  xlsx.loads++;
  return {};
});

describe('SheetJS is loaded only to read a workbook', () => {
  it('reads and writes CSV and writes XLSX without importing xlsx; reading an XLSX does import it', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'registrar-io-lazy-'));
    const p = path.join(dir, 'a.csv');
    await writeTable(p, { headers: ['Фамилия'], rows: [['Иванов']] });
    expect((await readTable(p, {})).rows).toEqual([{ row: 2, cells: ['Иванов'] }]);
    await writeTable(path.join(dir, 'a.xlsx'), { headers: ['a'], rows: [] });
    expect(xlsx.loads).toBe(0);
    await expect(readTable(path.join(dir, 'a.xlsx'), {})).rejects.toThrow();
    expect(xlsx.loads).toBe(1);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
