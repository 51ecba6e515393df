/**
 * The renderers of the neutral table model: terminal cells, JSON, CSV, XLSX and HTML (PDF in
 * pdf.ts). They know nothing of a report's meaning, of the terminal or of the store.
 */
import { lang, t } from '../core/i18n.js';
import { formatDate } from '../domain/dates.js';
import { csvText, type Cell } from '../io/writeTable.js';
import { xlsxBytes, type XlsxRow, type XlsxSheet } from '../io/xlsxWriter.js';
import { chartSvg } from './charts.js';
import type { Report, ReportColumn, ReportValue } from './model.js';
import { renderTemplate } from './templates.js';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A cell as people read it: dates as 01.09.2025 (a label such as «Итого» stays), nothing for null. */
export function cellText(column: ReportColumn, value: ReportValue | undefined): string {
  if (value === null || value === undefined) return '';
  return column.date && typeof value === 'string' && ISO_DATE.test(value) ? formatDate(value) : String(value);
}

/** A cell for a spreadsheet: numbers as numbers, dates as dates, the rest as text. */
function typedCell(column: ReportColumn, value: ReportValue | undefined): Cell {
  if (typeof value === 'number') return value;
  if (column.date && typeof value === 'string' && ISO_DATE.test(value)) return { date: value };
  return value ?? null;
}

/** The lines under a document's title: group, period, dates, the date made, in the current language. */
export function metaLines(report: Report): string[] {
  const { group, period, from, to, subject, madeOn } = report.meta;
  // A named period with an open start (a whole year) says enough without a lone «по …».
  const range = from || !period ? [from && t('report_from', { date: formatDate(from) }), to && t('report_to', { date: formatDate(to) })].filter(Boolean).join(' ') : '';
  return [subject, group && t('report_group', { group }), period && t('report_period', { period }), range, madeOn && t('reports_made_on', { date: formatDate(madeOn) })].filter(
    (line): line is string => Boolean(line),
  );
}

/** The title lines above a report's table: organisation, title, subtitle, group, period, dates. */
export function heading(report: Report): string[] {
  return [report.meta.org, report.title, report.subtitle, ...metaLines(report)].filter((line): line is string => Boolean(line));
}

/** The report and its parts in print order (a compound report's own table first, if it has one). */
export function sectionsOf(report: Report): Report[] {
  return [...(report.columns.length || !report.parts ? [report] : []), ...(report.parts ?? [])];
}

/** Runs of neighbouring columns with the same band: [text, span]; empty when no column has one. */
export function bandRuns(columns: readonly ReportColumn[]): { text: string; span: number }[] {
  if (!columns.some((c) => c.band)) return [];
  const runs: { text: string; span: number }[] = [];
  for (const c of columns) {
    const text = c.band ?? '';
    const last = runs.at(-1);
    if (last && last.text === text && text) last.span++;
    else runs.push({ text, span: 1 });
  }
  return runs;
}

function footerRows(report: Report): Record<string, ReportValue>[] {
  return [...(report.footer ?? []), ...(report.totals ? [report.totals] : [])];
}

/** Header row, data rows, footer and totals rows of one table; numbers stay numbers. */
export function tableCells(report: Report, options: { totals?: boolean } = {}): (string | number)[][] {
  const row = (r: Record<string, ReportValue>) => report.columns.map((c) => (typeof r[c.key] === 'number' ? (r[c.key] as number) : cellText(c, r[c.key])));
  return [report.columns.map((c) => c.header), ...report.rows.map(row), ...(options.totals === false ? [] : footerRows(report).map(row))];
}

/** The plain object scripts get when a report has no shape of its own: meta flattened, rows as built. */
export function reportJson(report: Report): Record<string, unknown> {
  if (report.data !== undefined) return report.data as Record<string, unknown>;
  const { title, subtitle, meta, columns, rows, totals } = report;
  return { title, subtitle, ...meta, columns: columns.map(({ key, header }) => ({ key, header })), rows, totals };
}

/**
 * CSV is the bare table for scripts: header and rows, footer and totals only with `totals`.
 * A compound report writes each part's table in turn, a blank line and the part's title before
 * each. `excel`: BOM, `;`, CRLF, decimal comma (what Excel opens right); else plain UTF-8.
 */
export function reportCsv(report: Report, options: { excel?: boolean; totals?: boolean } = {}): string {
  const sections = sectionsOf(report);
  const records: Cell[][] = [];
  sections.forEach((s, i) => {
    if (sections.length > 1) records.push(...(i ? [[]] : []), [s.meta.subject ?? s.title]);
    const typed = (r: Record<string, ReportValue>) => s.columns.map((c) => typedCell(c, r[c.key]));
    records.push(s.columns.map((c) => c.header), ...s.rows.map(typed), ...(options.totals ? footerRows(s).map(typed) : []));
  });
  return csvText(records, { delimiter: options.excel ? ';' : ',', plain: !options.excel });
}

/** One printable sheet: heading lines, band and header rows (frozen, repeated on each page), rows, footer, notes, signatures. */
function sheetOf(report: Report, section: Report, withHeading: boolean): XlsxSheet {
  const width = Math.max(1, section.columns.length);
  const rows: XlsxRow[] = [];
  const own = report.pageBreaks && section !== report;
  if (withHeading) {
    const top = own ? section : report;
    const [first, ...rest] = heading(top);
    rows.push({ cells: [first], role: 'title', span: width });
    for (const line of rest) rows.push({ cells: [line], role: line === top.title ? 'title' : 'subtitle', span: width });
  }
  if (section !== report && !own) {
    rows.push({ cells: [section.title], role: 'title', span: width });
    if (section.subtitle) rows.push({ cells: [section.subtitle], role: 'subtitle', span: width });
  }
  rows.push({ cells: [] });
  const merges: [number, number, number][] = [];
  const bands = bandRuns(section.columns);
  const headerStart = rows.length;
  if (bands.length) {
    let c = 0;
    const cells: string[] = [];
    for (const b of bands) {
      cells[c] = b.text;
      if (b.span > 1) merges.push([rows.length, c, c + b.span - 1]);
      c += b.span;
    }
    rows.push({ cells: Array.from({ length: section.columns.length }, (_, i) => cells[i] ?? ''), role: 'header' });
  }
  rows.push({ cells: section.columns.map((c) => c.header), role: 'header' });
  const frozen = rows.length;
  const typed = (r: Record<string, ReportValue>) => section.columns.map((c) => typedCell(c, r[c.key]));
  for (const r of section.rows) rows.push({ cells: typed(r), role: 'body' });
  for (const r of footerRows(section)) rows.push({ cells: typed(r), role: 'total' });
  for (const note of closing(report, section, 'notes')) rows.push({ cells: [note] });
  for (const s of closing(report, section, 'signatures')) rows.push({ cells: [] }, { cells: [signLine(s)] });
  return { name: section.meta.subject ?? section.title, rows, merges, freezeRows: frozen, repeatRows: [headerStart, frozen - 1], landscape: true };
}

/** A section's own notes or signatures; the last part of a compound report also closes with the report's. */
function closing(report: Report, section: Report, what: 'notes' | 'signatures'): string[] {
  const last = section !== report && section === sectionsOf(report).at(-1);
  return [...(section[what] ?? []), ...(last ? report[what] ?? [] : [])];
}

function signLine(signature: string): string {
  return `${signature} ______________________`;
}

/**
 * The printable workbook: one sheet per table (a compound report's parts each on a sheet of
 * its own), each with the heading, the table with its frozen header, the totals, the notes and
 * the signature lines; A4 landscape. Dated by the report's date, so copies are identical.
 */
export function reportXlsx(report: Report): Uint8Array {
  const sections = sectionsOf(report);
  return xlsxBytes({
    sheets: sections.map((s) => sheetOf(report, s, true)),
    title: report.title,
    keywords: report.source,
    date: report.meta.madeOn,
  });
}

function htmlSection(report: Report, section: Report, index: number) {
  const align = (c: ReportColumn) => (c.align && c.align !== 'left' ? c.align : null);
  const row = (r: Record<string, ReportValue>) => section.columns.map((c) => ({ text: cellText(c, r[c.key]), cls: align(c) }));
  const own = section === report;
  const page = Boolean(report.pageBreaks && !own);
  return {
    pageBreak: Boolean(report.pageBreaks && index > 0),
    org: page ? section.meta.org ?? null : null,
    title: own ? null : section.title,
    subtitle: own ? null : section.subtitle ?? null,
    meta: page ? metaLines(section) : [],
    bands: bandRuns(section.columns),
    columns: section.columns.length ? section.columns.map((c) => c.header) : null,
    rows: section.rows.map(row),
    footer: footerRows(section).map(row),
    notes: closing(report, section, 'notes'),
    charts: (section.charts ?? []).map((c) => chartSvg(c)),
    signatures: closing(report, section, 'signatures'),
  };
}

/** A printable A4 page from templates/report.html; every value is escaped by the template engine. */
export function renderHtml(report: Report, template?: string): string {
  const sections = sectionsOf(report);
  const wide = sections.some((s) => s.columns.length > 8);
  return renderTemplate(
    'report',
    {
      lang: lang(),
      orientation: wide || report.charts?.length ? 'landscape' : 'portrait',
      source: report.source ?? null,
      org: report.pageBreaks ? null : report.meta.org ?? null,
      title: report.title,
      heading: !report.pageBreaks,
      subtitle: report.pageBreaks ? null : report.subtitle ?? null,
      meta: report.pageBreaks ? [] : metaLines(report),
      noRows: t('report_no_rows'),
      sections: sections.map((s, i) => htmlSection(report, s, i)),
    },
    template,
  );
}
