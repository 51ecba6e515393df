import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import { Option, type Command } from 'commander';
import type { Context } from './context.js';
import { printTable, tableClass } from './table.js';
import { UsageError } from '../core/errors.js';
import { terminalSafe } from '../core/excerpt.js';
import { t } from '../core/i18n.js';
import { REPORT_FORMATS, type Report, type ReportFormat } from '../reports/model.js';

/**
 * The renderers and the file writer, loaded when a report is printed or written: a command
 * only declares its output flags at start-up (the writers bring csv-stringify, the XLSX zip
 * and the chart and template modules, ~30 ms).
 */
type Renderers = typeof import('../reports/render.js');
const renderers = (): Promise<Renderers> => import('../reports/render.js');
const writeBytes: typeof import('../io/writeTable.js').writeBytes = async (...args) => (await import('../io/writeTable.js')).writeBytes(...args);

/**
 * Column widths that fit a terminal `width` characters wide: the natural widths (longest cell
 * + padding), the widest cut down first, never below 4; undefined when they already fit.
 */
export function fitWidths(rows: readonly (string | number)[][], width: number): number[] | undefined {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => String(r[c] ?? '').length)) + 2);
  const total = () => widths.reduce((a, b) => a + b, 0) + widths.length + 1;
  if (total() <= width) return undefined;
  while (total() > width) {
    const widest = widths.indexOf(Math.max(...widths));
    if (widths[widest] <= 4) break;
    widths[widest]--;
  }
  return widths;
}

function printSection(ctx: Context, section: Report, { tableCells }: Renderers): void {
  const cells = tableCells(section);
  const columns = ctx.streams.stdout.isTTY ? ctx.streams.stdout.columns : undefined;
  const widths = columns ? fitWidths(cells, columns) : undefined;
  if (!widths) {
    const [headers, ...rows] = cells;
    printTable(ctx, headers.map(String), rows);
    return;
  }
  const Table = tableClass();
  const table = new Table({ head: cells[0].map((h) => ctx.out.bold(String(h))), colWidths: widths, wordWrap: true, wrapOnWordBoundary: false, style: { head: [], border: [] } });
  for (const row of cells.slice(1)) table.push(row.map((c) => terminalSafe(String(c))));
  ctx.print(table.toString());
}

function printReport(ctx: Context, report: Report, renderer: Renderers): void {
  const { heading, sectionsOf } = renderer;
  for (const line of heading(report)) ctx.print(line === report.title ? ctx.out.bold(line) : line);
  for (const section of sectionsOf(report)) {
    if (section !== report) ctx.print(ctx.out.bold(section.meta.subject ?? section.title));
    if (section.columns.length) printSection(ctx, section, renderer);
    for (const note of section.notes ?? []) ctx.print(note);
  }
  if (report.parts) for (const note of report.notes ?? []) ctx.print(note);
}

export interface OutputFlags {
  format?: ReportFormat;
  out?: string;
  force?: boolean;
  /** CSV for Excel: a BOM and `;`. */
  excel?: boolean;
  /** CSV: the footer and totals rows too. */
  totals?: boolean;
}

/** `--format`, `--out`, `--force`, `--excel` and `--totals` for a command that prints a report or a list. */
export function outputOptions(command: Command, formats: readonly ReportFormat[] = REPORT_FORMATS): Command {
  command.addOption(new Option('--format <format>', t('opt_format')).choices(formats)).option('--out <file>', t('opt_out')).option('--force', t('opt_force'));
  if (formats.includes('csv')) command.option('--excel', t('reports_opt_excel')).option('--totals', t('reports_opt_totals'));
  return command;
}

const BY_EXTENSION: Record<string, ReportFormat> = { '.csv': 'csv', '.tsv': 'csv', '.xlsx': 'xlsx', '.html': 'html', '.htm': 'html', '.json': 'json', '.pdf': 'pdf' };

type FileFormat = Exclude<ReportFormat, 'table'>;

/** The bytes of a report in a file format. Loaded lazily: the PDF and chart libraries cost start-up time. */
async function render(report: Report, format: FileFormat, flags: OutputFlags, json?: unknown): Promise<string | Uint8Array> {
  if (format === 'json') return JSON.stringify(json ?? (await renderers()).reportJson(report), null, 2) + '\n';
  const { renderReport } = await import('../services/reports.js');
  return renderReport(report, format, { excel: flags.excel, totals: flags.totals });
}

function chooseFormat(ctx: Context, flags: OutputFlags, out: string | undefined, formats: readonly ReportFormat[]): ReportFormat {
  const implied = out ? BY_EXTENSION[extname(out).toLowerCase()] : undefined;
  // `--format csv --out x.xlsx` would write CSV under a name every program opens as a workbook.
  if (flags.format && implied && flags.format !== implied) throw new UsageError('format_extension_mismatch', { file: out!, format: flags.format, implied });
  const format = flags.format ?? (out ? implied : ctx.json ? 'json' : 'table');
  if (!format || !formats.includes(format)) {
    throw new UsageError('format_unknown', { file: String(out), formats: formats.filter((f) => f !== 'table').join(', ') });
  }
  return format;
}

/**
 * Write a report the way the flags ask: to stdout (table, json, csv, html; xlsx and pdf only
 * when stdout is not a terminal) or atomically to `--out`. `json` replaces the report's JSON
 * where a command promises its own shape (e.g. `student list --json` is an array of students).
 */
export async function emitReport(
  ctx: Context,
  report: Report,
  flags: OutputFlags,
  options: { json?: unknown; formats?: readonly ReportFormat[] } = {},
): Promise<void> {
  const formats = options.formats ?? REPORT_FORMATS;
  const out = flags.out === '-' ? undefined : flags.out;
  const format = chooseFormat(ctx, flags, out, formats);

  if (!out) {
    if (format === 'table') {
      if (ctx.json) throw new UsageError('json_conflict', { format });
      printReport(ctx, report, await renderers());
    } else if (format !== 'json' && ctx.json) throw new UsageError('json_conflict', { format });
    else await writeStdout(ctx, await render(report, format, flags, options.json), format);
    return;
  }
  if (format === 'table') {
    throw new UsageError('format_table_file', { file: out, formats: formats.filter((f) => f !== 'table').join(', ') });
  }
  await writeBytes(out, await render(report, format, flags, options.json), format, { force: flags.force });
  // A report made of parts (a letter per student) says how many; a table, its rows.
  const parts = report.parts?.length ?? 0;
  ctx.result({ file: out, format, rows: report.rows.length, ...(parts ? { parts } : {}) }, () =>
    ctx.done(parts ? t('parts_written', { file: out, parts }) : t('rows_written', { file: out, rows: report.rows.length })),
  );
}

/** Write a document to the context's stdout; binary formats never to a terminal. */
async function writeStdout(ctx: Context, data: string | Uint8Array, format: FileFormat): Promise<void> {
  const stdout = ctx.streams.stdout;
  if ((format === 'xlsx' || format === 'pdf') && stdout.isTTY) throw new UsageError('binary_to_terminal');
  if (stdout !== process.stdout) {
    stdout.write(data);
    return;
  }
  await new Promise<void>((done, fail) => stdout.write(data, (err) => (err ? fail(err) : done())));
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/**
 * Write several reports: with `--out DIR` (an existing directory, a path ending in `/`, or
 * any path but a file name with a report format's extension when there are several reports)
 * one file per report named `<stem>.<format>`, mode 0600. All or none: every file is written
 * and fsynced under a temporary name first, and only when all are made do they get their
 * names; a file already there with the same bytes is left as it is (cron may run again), a
 * different one needs --force, else nothing is written (InputError `file_exists`). Without
 * --out, one report prints as emitReport does, several as a table each or, in JSON (`--json`
 * or `--format json`), one array; in another format they need --out DIR (UsageError
 * `reports_one_stream`).
 */
export async function emitReports(ctx: Context, reports: readonly { report: Report; stem: string }[], flags: OutputFlags): Promise<void> {
  const out = flags.out === '-' ? undefined : flags.out;
  const dirMode = out !== undefined && (isDirectory(out) || /[/\\]$/.test(out) || reports.length > 1);
  if (!dirMode) {
    const format = reports.length === 1 ? undefined : chooseFormat(ctx, flags, undefined, REPORT_FORMATS);
    if (!format || format === 'table') {
      for (const r of reports) await emitReport(ctx, r.report, flags);
      return;
    }
    // Several files' worth on one stream (seven CSV headers, seven PDFs end to end) is no document.
    if (format !== 'json') throw new UsageError('reports_one_stream', { count: reports.length, format });
    const { reportJson } = await renderers();
    ctx.streams.stdout.write(JSON.stringify(reports.map((r) => reportJson(r.report)), null, 2) + '\n');
    return;
  }
  const format = flags.format;
  if (!format || format === 'table') throw new UsageError('reports_dir_format', { dir: out! });
  if (!isDirectory(out!) && BY_EXTENSION[extname(out!).toLowerCase()]) throw new UsageError('reports_out_is_file', { file: out!, count: reports.length });
  if (!existsSync(out!)) mkdirSync(out!, { recursive: true, mode: 0o700 });
  const { stageFile } = await import('../io/atomicWrite.js');
  const staged: ReturnType<typeof stageFile>[] = [];
  const written: { file: string; unchanged: boolean }[] = [];
  try {
    for (const { report, stem } of reports) {
      const file = join(out!, `${stem}.${format}`);
      const data = await render(report, format, flags);
      const same = existsSync(file) && Buffer.from(readFileSync(file)).equals(Buffer.from(data));
      if (!same) staged.push(stageFile(file, data, { force: flags.force }));
      written.push({ file, unchanged: same });
    }
    while (staged.length) staged.shift()!.publish();
  } finally {
    for (const file of staged) file.discard();
  }
  for (const w of written) ctx.info(t('reports_file_written', w));
  ctx.result({ dir: out, format, files: written }, () => ctx.done(t('reports_files_written', { dir: out!, files: written.length })));
}

/** Warn that unfinished copies of the store an interrupted run had left were removed (store/backup emptyCopyBeside). */
export function warnUnfinishedCopiesRemoved(ctx: Context, names: readonly string[]): void {
  if (names.length) ctx.warn(t('backup_unfinished_removed', { count: names.length, names: names.join(', ') }));
}
