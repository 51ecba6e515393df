import { extname } from 'node:path';
import { Option, type Command } from 'commander';
import type { Context } from './context.js';
import { printTable } from './table.js';
import { UsageError } from '../core/errors.js';
import { t } from '../core/i18n.js';
import { writeFileAtomic } from '../io/atomicWrite.js';
import { writeTable } from '../io/writeTable.js';
import type { Report } from '../reports/model.js';
import { heading, renderHtml, reportJson, reportSheet, tableCells, REPORT_FORMATS, type ReportFormat } from '../reports/render.js';

function printReport(ctx: Context, report: Report): void {
  for (const line of heading(report)) ctx.print(line === report.title ? ctx.out.bold(line) : line);
  const [headers, ...rows] = tableCells(report);
  printTable(ctx, headers.map(String), rows);
}

export interface OutputFlags {
  format?: ReportFormat;
  out?: string;
  force?: boolean;
}

/** `--format`, `--out` and `--force` for a command that prints a report or a list. */
export function outputOptions(command: Command, formats: readonly ReportFormat[] = REPORT_FORMATS): Command {
  return command
    .addOption(new Option('--format <format>', t('opt_format')).choices(formats))
    .option('--out <file>', t('opt_out'))
    .option('--force', t('opt_force'));
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
    throw new UsageError('format_unknown', { file: String(out), formats: fileFormats });
  }
  const json = () => JSON.stringify(options.json ?? reportJson(report), null, 2) + '\n';

  if (!out) {
    if (format === 'json') ctx.streams.stdout.write(json());
    else if (ctx.json) throw new UsageError('json_conflict', { format });
    else if (format === 'table') printReport(ctx, report);
    else if (format === 'html') ctx.streams.stdout.write(renderHtml(report));
    else await writeTable('-', reportSheet(report, format), { format });
    return;
  }
  if (format === 'table') {
    throw new UsageError('format_table_file', { file: out, formats: fileFormats });
  }
  if (format === 'csv' || format === 'xlsx') await writeTable(out, reportSheet(report, format), { format, force: flags.force });
  else writeFileAtomic(out, format === 'html' ? renderHtml(report) : json(), { force: flags.force });
  ctx.result({ file: out, format, rows: report.rows.length }, () => ctx.done(t('rows_written', { file: out, rows: report.rows.length })));
}
