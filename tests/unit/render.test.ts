import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as XLSX from 'xlsx';
import { Context } from '../../src/cli/context.js';
import type { Report } from '../../src/reports/model.js';
import { renderHtml, reportCsv, reportJson, reportXlsx } from '../../src/reports/render.js';
import { emitReport, fitWidths } from '../../src/cli/output.js';
import { setLang } from '../../src/core/i18n.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'registrar-render-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const EVIL = '<script>alert("x")</script> & \'quote\'';
const FORMULA = '=HYPERLINK("http://x";"Иван")';

function sample(): Report {
  return {
    title: `Книга ${EVIL}`,
    subtitle: 'подзаголовок <b>',
    meta: { org: 'ГБПОУ «Техникум» & <Ко>', group: 'ИС-25<i>', period: '1 семестр', from: '2025-09-01', to: '2025-12-31' },
    columns: [
      { key: 'date', header: 'Дата', date: true },
      { key: 'student', header: 'Обучающийся <th>' },
      { key: 'hours', header: 'Часы', align: 'right' },
    ],
    rows: [
      { date: '2025-09-01', student: EVIL, hours: 4.5, id: 7 },
      { date: '2025-10-15', student: FORMULA, hours: null, id: 8 },
    ],
    totals: { date: 'Итого', hours: 4.5 },
    signatures: ['Директор <Петров>'],
  };
}

/** A Context writing into strings, the way the entry point builds one from the global options. */
function fakeContext(json = false): { ctx: Context; out: () => string } {
  let text = '';
  const stream = { isTTY: false, write: (s: string) => ((text += s), true) } as unknown as NodeJS.WriteStream;
  const ctx = new Context({ json }, [], { NO_COLOR: '1' }, { stdout: stream, stderr: stream, stdin: { isTTY: false } as NodeJS.ReadStream });
  return { ctx, out: () => text };
}

describe('renderHtml', () => {
  // The sample document is Russian; its printed lines follow the interface language.
  beforeEach(() => setLang('ru'));
  afterEach(() => setLang('en'));

  it('escapes every user string (the template engine escapes by default) and fills the shipped template', () => {
    const html = renderHtml(sample());
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<b>');
    expect(html).not.toContain('<i>');
    expect(html).not.toContain('<Петров>');
    expect(html).not.toContain('<Ко>');
    expect(html).not.toContain('<th>Обучающийся <th>');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#x27;quote&#x27;');
    expect(html).toContain('ГБПОУ «Техникум» &amp; &lt;Ко&gt;');
    expect(html).toContain('Группа: ИС-25&lt;i&gt;');
    expect(html).toContain('с 01.09.2025 по 31.12.2025');
    expect(html).toContain('<td>01.09.2025</td>');
    expect(html).toContain('<td class="right">4.5</td>');
    expect(html).toMatch(/<tfoot>\n<tr><td>Итого<\/td>/);
    expect(html).toContain('Директор &lt;Петров&gt;');
    expect(html).not.toMatch(/\{\{/);
    expect(html).toContain('size: A4 portrait');
  });

  it('says so when there are no rows, and refuses a template naming what the data lacks', () => {
    expect(renderHtml({ ...sample(), rows: [], totals: undefined })).toContain('Нет записей');
    expect(() => renderHtml(sample(), '<h1>{{title}}</h1>{{nope}}')).toThrow(/nope/);
    // `$&` in a value must not be read as a replacement pattern.
    expect(renderHtml({ ...sample(), title: 'a $& b' }, '<h1>{{title}}</h1>')).toBe('<h1>a $&amp; b</h1>');
  });

  it('draws a chart as inline SVG whose text is escaped too', () => {
    const html = renderHtml({ ...sample(), charts: [{ title: 'Оценки <x>', categories: ['ОП.01', '<b>'], series: [{ name: '5', values: [3, 1] }] }] });
    expect(html).toContain('<svg');
    expect(html).not.toContain('<b>');
    expect(html).toContain('size: A4 landscape');
  });
});

describe('CSV and XLSX', () => {
  beforeEach(() => setLang('ru'));
  afterEach(() => setLang('en'));

  it('CSV is the bare table: plain for scripts (ISO dates, no totals) or for Excel with --excel; formula cells guarded', () => {
    const plain = reportCsv(sample()).split('\n');
    expect(plain[0]).toBe('Дата,Обучающийся <th>,Часы');
    expect(plain[1]).toMatch(/^2025-09-01,/);
    expect(plain[2]).toBe(`2025-10-15,"'=HYPERLINK(""http://x"";""Иван"")",`);
    expect(plain).toHaveLength(4); // no totals row, and the final newline
    const excel = reportCsv(sample(), { excel: true, totals: true }).replace(/^\ufeff/, '').split('\r\n');
    expect(excel[1]).toMatch(/^01\.09\.2025;/);
    expect(excel[3]).toBe('Итого;;"4,5"');
  });

  it('XLSX is the printable page: heading, table, totals, signatures; typed cells, formula text shown as written but never a formula', () => {
    const wb = XLSX.read(reportXlsx(sample()), { type: 'buffer' });
    const ws = wb.Sheets[wb.SheetNames[0]];
    const rows = XLSX.utils.sheet_to_json<unknown[]>(ws, { header: 1, blankrows: false, raw: true });
    expect(rows[0]).toEqual(['ГБПОУ «Техникум» & <Ко>']);
    expect(rows[1]).toEqual([`Книга ${EVIL}`]);
    const cells = rows.flat();
    expect(cells).toContain(FORMULA);
    expect(cells).toContain('Группа: ИС-25<i>');
    expect(cells).toContain(45901); // 01.09.2025, a date cell
    expect(cells).toContain(4.5);
    expect(rows.at(-1)).toEqual(['Директор <Петров> ______________________']);
    expect(Object.values(ws).some((c) => typeof c === 'object' && c !== null && 'f' in c)).toBe(false);
    expect(ws['!merges']?.length).toBeGreaterThan(0);
  });
});

describe('emitReport', () => {
  it('prints JSON (meta flattened, extra row keys kept) to stdout under --json', async () => {
    const { ctx, out } = fakeContext(true);
    await emitReport(ctx, sample(), {});
    const doc = JSON.parse(out());
    expect(doc).toEqual(JSON.parse(JSON.stringify(reportJson(sample()))));
    expect(doc).toMatchObject({ group: 'ИС-25<i>', from: '2025-09-01', rows: [{ id: 7, date: '2025-09-01' }, { id: 8 }] });
  });

  it('takes the format from the --out extension, writes the file, and refuses to overwrite without --force', async () => {
    const { ctx, out } = fakeContext();
    const file = path.join(dir, 'out.html');
    await emitReport(ctx, sample(), { out: file });
    expect(fs.readFileSync(file, 'utf8')).toContain('<!DOCTYPE html>');
    expect(out()).toContain('out.html');
    await expect(emitReport(ctx, sample(), { out: file })).rejects.toMatchObject({ code: 'file_exists', exitCode: 3 });
    fs.writeFileSync(file, 'older');
    await emitReport(ctx, sample(), { out: file, format: 'html', force: true });
    expect(fs.readFileSync(file, 'utf8')).toContain('<!DOCTYPE html>');
  });

  it('refuses a table into a file, an unknown extension, a format the name contradicts or the command does not offer, and a non-JSON stdout under --json', async () => {
    const { ctx } = fakeContext();
    await expect(emitReport(ctx, sample(), { out: path.join(dir, 'x.csv'), format: 'table' })).rejects.toMatchObject({ exitCode: 2 });
    await expect(emitReport(ctx, sample(), { out: path.join(dir, 'x.doc') })).rejects.toMatchObject({ code: 'format_unknown', exitCode: 2 });
    await expect(emitReport(ctx, sample(), { out: path.join(dir, 'x.html'), format: 'json' })).rejects.toMatchObject({ code: 'format_extension_mismatch', exitCode: 2 });
    await expect(emitReport(ctx, sample(), { out: path.join(dir, 'x.html') }, { formats: ['table', 'csv'] })).rejects.toMatchObject({ code: 'format_unknown' });
    await expect(emitReport(fakeContext(true).ctx, sample(), { format: 'csv' })).rejects.toMatchObject({ code: 'json_conflict', exitCode: 2 });
  });
});

describe('fitWidths', () => {
  it('leaves a table that fits alone, and cuts the widest columns down to the terminal width', () => {
    const rows = [['№', 'Дисциплина', 'Часы'], [1, 'Дискретная математика с элементами математической логики', 28]];
    expect(fitWidths(rows, 200)).toBeUndefined();
    const widths = fitWidths(rows, 40)!;
    expect(widths.reduce((a, b) => a + b, 0) + widths.length + 1).toBe(40);
    expect(widths[0]).toBe(3);
    expect(widths[2]).toBe(6);
  });
});
