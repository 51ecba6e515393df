import { readFileSync } from 'node:fs';
import { lang, t } from '../core/i18n.js';
import { formatDate } from '../domain/dates.js';
import type { Cell, SheetData } from '../io/writeTable.js';
import type { Report, ReportColumn, ReportValue } from './model.js';

export const REPORT_FORMATS = ['table', 'json', 'csv', 'xlsx', 'html'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

const TEMPLATE = new URL('../../templates/report.html', import.meta.url);

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A cell as people read it: dates as 01.09.2025 (a label such as «Итого» stays), nothing for null. */
function cellText(column: ReportColumn, value: ReportValue | undefined): string {
  if (value === null || value === undefined) return '';
  return column.date && typeof value === 'string' && ISO_DATE.test(value) ? formatDate(value) : String(value);
}

/** The lines under a document's title: group, period, dates, in the current language. */
function metaLines(report: Report): string[] {
  const { group, period, from, to } = report.meta;
  // A named period with an open start (a whole year) says enough without a lone «по …».
  const range = from || !period ? [from && t('report_from', { date: formatDate(from) }), to && t('report_to', { date: formatDate(to) })].filter(Boolean).join(' ') : '';
  return [group && t('report_group', { group }), period && t('report_period', { period }), range].filter((line): line is string => Boolean(line));
}

/** The title lines above a report's table: organisation, title, subtitle, group, period, dates. */
export function heading(report: Report): string[] {
  return [report.meta.org, report.title, report.subtitle, ...metaLines(report)].filter((line): line is string => Boolean(line));
}

function signLine(signature: string): string {
  return `${signature} ______________________`;
}

/** Header row, data rows and the totals row; numbers stay numbers for the spreadsheet. */
export function tableCells(report: Report): Cell[][] {
  const row = (r: Record<string, ReportValue>): Cell[] => report.columns.map((c) => (typeof r[c.key] === 'number' ? r[c.key] : cellText(c, r[c.key])));
  return [report.columns.map((c) => c.header), ...report.rows.map(row), ...(report.totals ? [row(report.totals)] : [])];
}

/** The plain object scripts get: meta flattened, rows as built (with their extra keys). */
export function reportJson(report: Report): Record<string, unknown> {
  const { title, subtitle, meta, columns, rows, totals } = report;
  return { title, subtitle, ...meta, columns: columns.map(({ key, header }) => ({ key, header })), rows, totals };
}

/**
 * CSV is the bare table (it reads back as an import); XLSX is the printable page: heading,
 * table, totals and signature lines. writeTable writes its `headers` as the first row, which
 * here is the heading's first line.
 */
export function reportSheet(report: Report, format: 'csv' | 'xlsx'): SheetData {
  if (format === 'csv') {
    const [headers, ...rows] = tableCells(report);
    return { name: report.title, headers: headers.map(String), rows };
  }
  const signatures = report.signatures?.length ? [[], ...report.signatures.map((s) => [signLine(s)])] : [];
  const [first, ...rest] = heading(report);
  return { name: report.title, headers: [first], rows: [...rest.map((line) => [line]), [], ...tableCells(report), ...signatures] };
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

/**
 * A printable A4 page from templates/report.html. Every `{{name}}` in the template is
 * replaced by HTML built here, where each user string passes escapeHtml.
 */
export function renderHtml(report: Report, template: string = readFileSync(TEMPLATE, 'utf8')): string {
  const align = (c: ReportColumn) => (c.align && c.align !== 'left' ? ` class="${c.align}"` : '');
  const row = (r: Record<string, ReportValue>) => `<tr>${report.columns.map((c) => `<td${align(c)}>${escapeHtml(cellText(c, r[c.key]))}</td>`).join('')}</tr>`;
  const body = report.rows.length ? report.rows.map(row).join('\n') : `<tr><td class="empty" colspan="${report.columns.length}">${escapeHtml(t('report_no_rows'))}</td></tr>`;
  const values: Record<string, string> = {
    lang: lang(),
    orientation: report.columns.length > 8 ? 'landscape' : 'portrait',
    title: escapeHtml(report.title),
    org: escapeHtml(report.meta.org ?? ''),
    subtitle: report.subtitle ? `<p class="subtitle">${escapeHtml(report.subtitle)}</p>` : '',
    meta: metaLines(report).map((line) => `<p>${escapeHtml(line)}</p>`).join('\n'),
    table: [
      '<table>',
      `<thead><tr>${report.columns.map((c) => `<th>${escapeHtml(c.header)}</th>`).join('')}</tr></thead>`,
      `<tbody>\n${body}\n</tbody>`,
      report.totals ? `<tfoot>${row(report.totals)}</tfoot>` : '',
      '</table>',
    ].join('\n'),
    signatures: (report.signatures ?? []).map((s) => `<p class="sign"><span>${escapeHtml(s)}</span><span class="line"></span></p>`).join('\n'),
  };
  return template.replace(/\{\{(\w+)\}\}/g, (_, name: string) => {
    if (!(name in values)) throw new Error(`report template: unknown placeholder {{${name}}}`);
    return values[name];
  });
}
