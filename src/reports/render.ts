import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { Option, type Command } from 'commander';
import type { Context } from '../cli/context.js';
import { UsageError } from '../cli/errors.js';
import { L } from '../cli/i18n.js';
import { printTable } from '../cli/table.js';
import { formatDate } from '../domain/dates.js';
import { writeFileAtomic } from '../io/atomicWrite.js';
import { writeTable, type Cell, type SheetData } from '../io/writeTable.js';
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

/** The printed document's own words are Russian whatever the interface language. */
function metaLines(report: Report): string[] {
  const { group, period, from, to } = report.meta;
  // A named period with an open start (a whole year) says enough without a lone «по …».
  const range = from || !period ? [from && `с ${formatDate(from)}`, to && `по ${formatDate(to)}`].filter(Boolean).join(' ') : '';
  return [group && `Группа: ${group}`, period && `Период: ${period}`, range].filter((line): line is string => Boolean(line));
}

function heading(report: Report): string[] {
  return [report.meta.org, report.title, report.subtitle, ...metaLines(report)].filter((line): line is string => Boolean(line));
}

function signLine(signature: string): string {
  return `${signature} ______________________`;
}

/** Header row, data rows and the totals row; numbers stay numbers for the spreadsheet. */
function tableCells(report: Report): Cell[][] {
  const row = (r: Record<string, ReportValue>): Cell[] => report.columns.map((c) => (typeof r[c.key] === 'number' ? r[c.key] : cellText(c, r[c.key])));
  return [report.columns.map((c) => c.header), ...report.rows.map(row), ...(report.totals ? [row(report.totals)] : [])];
}

/** The plain object scripts get: meta flattened, rows as built (with their extra keys). */
export function reportJson(report: Report): Record<string, unknown> {
  const { title, subtitle, meta, columns, rows, totals } = report;
  return { title, subtitle, ...meta, columns: columns.map(({ key, header }) => ({ key, header })), rows, totals };
}

function printReport(ctx: Context, report: Report): void {
  for (const line of heading(report)) ctx.print(line === report.title ? ctx.out.bold(line) : line);
  const [headers, ...rows] = tableCells(report);
  printTable(ctx, headers.map(String), rows);
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
  const body = report.rows.length ? report.rows.map(row).join('\n') : `<tr><td class="empty" colspan="${report.columns.length}">Нет записей</td></tr>`;
  const values: Record<string, string> = {
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

export interface OutputFlags {
  format?: ReportFormat;
  out?: string;
  force?: boolean;
}

/** `--format`, `--out` and `--force` for a command that prints a report or a list. */
export function outputOptions(command: Command, formats: readonly ReportFormat[] = REPORT_FORMATS): Command {
  return command
    .addOption(new Option('--format <format>', 'output format (default: from the --out extension, else table)').choices(formats))
    .option('--out <file>', 'write to this file (atomically) instead of stdout; - is stdout')
    .option('--force', 'overwrite an existing --out file');
}

const BY_EXTENSION: Record<string, ReportFormat> = { '.csv': 'csv', '.tsv': 'csv', '.xlsx': 'xlsx', '.html': 'html', '.htm': 'html', '.json': 'json' };

/**
 * Write a report the way the flags ask: to stdout (table, json, csv, html; xlsx only when
 * stdout is not a terminal) or atomically to `--out`. `json` replaces the generic JSON shape
 * where a command promises its own (e.g. `student list --json` is an array of students).
 */
export async function emitReport(
  ctx: Context,
  report: Report,
  flags: OutputFlags,
  options: { json?: unknown; formats?: readonly ReportFormat[] } = {},
): Promise<void> {
  const formats = options.formats ?? REPORT_FORMATS;
  const out = flags.out === '-' ? undefined : flags.out;
  const format = flags.format ?? (out ? BY_EXTENSION[extname(out).toLowerCase()] : ctx.json ? 'json' : 'table');
  const fileFormats = formats.filter((f) => f !== 'table').join(', ');
  if (!format || !formats.includes(format)) {
    throw new UsageError('format_unknown', L(`Cannot tell which format to write ${out}: give --format (${fileFormats}).`, `Не понять, в каком формате писать ${out}: укажите --format (${fileFormats}).`));
  }
  const json = () => JSON.stringify(options.json ?? reportJson(report), null, 2) + '\n';

  if (!out) {
    if (format === 'json') ctx.streams.stdout.write(json());
    else if (ctx.json) throw new UsageError('json_conflict', L(`--json prints one JSON document; write ${format} with --out FILE.`, `--json выводит один документ JSON; для ${format} укажите --out ФАЙЛ.`));
    else if (format === 'table') printReport(ctx, report);
    else if (format === 'html') ctx.streams.stdout.write(renderHtml(report));
    else await writeTable('-', reportSheet(report, format), { format });
    return;
  }
  if (format === 'table') {
    throw new UsageError('format_table_file', L(`A table is for the terminal; write ${out} as one of: ${fileFormats}.`, `Таблица — для терминала; для ${out} выберите: ${fileFormats}.`));
  }
  if (format === 'csv' || format === 'xlsx') await writeTable(out, reportSheet(report, format), { format, force: flags.force });
  else writeFileAtomic(out, format === 'html' ? renderHtml(report) : json(), { force: flags.force });
  ctx.result({ file: out, format, rows: report.rows.length }, () => ctx.done(L(`${out}: ${report.rows.length} rows written.`, `${out}: записано строк: ${report.rows.length}.`)));
}
