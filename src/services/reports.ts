/**
 * The reports of CLI.md "Reports": resolve what a request covers (groups, period, year or
 * dates), build each report with its builder in src/reports/, name its file so cron can keep
 * it, and tell whether an archived file still matches the store (`report verify`).
 *
 * The date a document carries is the closing date of its period when the period is closed
 * (for a year, the latest closing date of its periods once all are closed), and today
 * otherwise: a closed period's report is then the same bytes each time it is made.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { unzipSync, strFromU8 } from 'fflate';
import { InputError, RuleError, UsageError } from '../core/errors.js';
import { lang, setLang, t, type Lang } from '../core/i18n.js';
import { addDays, daysInMonth, formatDate, type IsoDate } from '../domain/dates.js';
import { activityReport } from '../reports/activity.js';
import { attendanceReport } from '../reports/attendance.js';
import { curatorReport } from '../reports/curator.js';
import { letterReport } from '../reports/letter.js';
import type { Report } from '../reports/model.js';
import { REPORT_NAMES, type ReportName } from '../reports/names.js';
import { movementReport } from '../reports/movement.js';
import { outcomesReports } from '../reports/outcomes.js';
import { progressReport } from '../reports/progress.js';
import type { ReportFormat } from '../reports/model.js';
import { renderHtml, reportCsv, reportJson, reportXlsx } from '../reports/render.js';
import { periodLabel, type GroupScope, type ReportScope } from '../reports/scope.js';
import { statementReport } from '../reports/statement.js';
import { teacherReport } from '../reports/teacher.js';
import { loadWorkCalendar } from '../store/calendar.js';
import { findGroup, getGroup, listGroups, type Group } from '../store/groups.js';
import { groupIdNamed } from '../store/reportQueries.js';
import { findOrg } from '../store/org.js';
import type { Store } from '../store/store.js';
import { findPeriod, findYear, listPeriods, listYears, type PeriodRow, type YearRow } from '../store/years.js';


/** Reports over several groups at once (one document; every group of the year by default). */
const OVER_GROUPS: ReadonlySet<ReportName> = new Set(['progress', 'teacher', 'outcomes']);
/** Reports that read period marks: without dates they cover the current period. */
const NEEDS_PERIOD: ReadonlySet<ReportName> = new Set(['statement', 'progress', 'curator', 'letter']);

export interface ReportRequest {
  name: ReportName;
  groups?: string[];
  all?: boolean;
  period?: string;
  year?: string;
  from?: IsoDate;
  to?: IsoDate;
  /** attendance: a column per month. */
  byMonth?: boolean;
}

export interface BuiltReport {
  report: Report;
  /** The group the document is about, when made per group. */
  group?: string;
  /** The stable file name without extension: `statement_ИС-24_2025-2026_S1`. */
  stem: string;
}

/** The date a closed period's documents carry: the day it was closed (UTC date of closed_at). */
function closedOn(periods: readonly PeriodRow[]): IsoDate | undefined {
  if (!periods.length || periods.some((p) => p.status !== 'closed' || !p.closed_at)) return undefined;
  return periods.map((p) => p.closed_at!.slice(0, 10)).sort().at(-1);
}

/** The period that contains a date, else the latest that began before it, else the first. */
function periodOn(periods: readonly PeriodRow[], date: IsoDate): PeriodRow | undefined {
  return periods.find((p) => p.start <= date && date <= p.end) ?? [...periods].reverse().find((p) => p.start <= date) ?? periods[0];
}

/** The half-month around a date (1st–15th, or 16th–end): the administrator's activity fortnight. */
function halfMonth(date: IsoDate): { from: IsoDate; to: IsoDate } {
  const [y, m, d] = date.split('-').map(Number);
  const pad = (n: number) => String(n).padStart(2, '0');
  return d <= 15 ? { from: `${y}-${pad(m)}-01`, to: `${y}-${pad(m)}-15` } : { from: `${y}-${pad(m)}-16`, to: `${y}-${pad(m)}-${pad(daysInMonth(y, m))}` };
}

/** What the request covers: the year, the period or the dates, their words and the document's date. */
export function resolveScope(store: Store, req: ReportRequest): ReportScope {
  const org = findOrg(store);
  if (req.period) {
    const { year, period } = findPeriod(store, req.period, req.year);
    return { org, year, periods: listPeriods(store, year.id), period, wholeYear: false, from: period.start, to: period.end, label: `${period.name} ${year.name}`, madeOn: closedOn([period]) ?? store.today };
  }
  if (req.from || req.to) {
    const year = findYear(store, req.year, req.to ?? req.from);
    const from = req.from ?? year.start;
    const to = req.to ?? year.end;
    if (from > to) throw new InputError('bad_range', { from: formatDate(from), to: formatDate(to) }, { from, to });
    const periods = listPeriods(store, year.id);
    const touched = periods.filter((p) => p.start <= to && from <= p.end);
    const period = NEEDS_PERIOD.has(req.name) ? periodOn(periods, to) : undefined;
    return { org, year, periods, period, wholeYear: false, from, to, label: `${formatDate(from)}–${formatDate(to)}`, madeOn: (to <= (touched.at(-1)?.end ?? '') && closedOn(touched)) || store.today };
  }
  const year = findYear(store, req.year);
  const periods = listPeriods(store, year.id);
  // The outcomes are always a whole year's (the current one without --year).
  if ((req.year || req.name === 'outcomes') && req.name !== 'activity') {
    return { org, year, periods, wholeYear: true, from: year.start, to: year.end, label: t('reports_year_label', { year: year.name }), madeOn: closedOn(periods) ?? store.today };
  }
  if (req.name === 'activity') {
    const { from, to } = halfMonth(store.today);
    return { org, year, periods, wholeYear: false, from, to, label: `${formatDate(from)}–${formatDate(to)}`, madeOn: store.today };
  }
  if (req.name === 'movement') {
    const previous = listYears(store).filter((y) => y.end < year.start).at(-1);
    const from = previous ? addDays(previous.end, 1) : year.start;
    return { org, year, periods, wholeYear: true, from, to: year.end, label: t('movement_year_period', { year: year.name }), madeOn: closedOn(periods) ?? store.today };
  }
  const period = periodOn(periods, store.today);
  if (!period) throw new InputError('reports_no_period', { year: year.name });
  return { org, year, periods, period, wholeYear: false, from: period.start, to: period.end, label: `${period.name} ${year.name}`, madeOn: closedOn([period]) ?? store.today };
}

/** The groups a request names (`--group`, repeated), or every group of the year with `--all`. */
function groupsOf(store: Store, req: ReportRequest, year: YearRow): Group[] {
  // An exact name is found through the index; anything else (case, homoglyphs) as everywhere else.
  const named = (name: string) => {
    const id = groupIdNamed(store, year.id, name);
    return (id !== undefined && getGroup(store, id)) || findGroup(store, name, year.name);
  };
  if (req.groups?.length) return req.groups.map(named);
  if (req.all || OVER_GROUPS.has(req.name)) return listGroups(store, year.id);
  throw new UsageError('reports_group_required', { name: req.name });
}

function slug(text: string): string {
  return text.replace(/[\s/\\:*?"<>|\p{Cc}]+/gu, '-');
}

/**
 * Each group's part of a file name: its name as a slug, followed by its id where two groups'
 * slugs are the same file name (`ИС/25` and `ИС-25`, or names that differ only in case, as
 * Windows and macOS compare them), so that no group's report overwrites another's.
 */
function groupSlugs(groups: readonly Group[]): Map<number, string> {
  const key = (g: Group) => slug(g.name).toLocaleLowerCase('ru');
  const count = new Map<string, number>();
  for (const g of groups) count.set(key(g), (count.get(key(g)) ?? 0) + 1);
  return new Map(groups.map((g) => [g.id, count.get(key(g))! > 1 ? `${slug(g.name)}_id${g.id}` : slug(g.name)]));
}

/** The range part of a file name: `2025-2026_S1`, `2025-2026`, `2025-09-01_2025-09-15`. */
function rangeSlug(scope: ReportScope, req: ReportRequest): string {
  if (req.period && scope.period) return `${slug(scope.year.name)}_${scope.period.code}`;
  if (scope.wholeYear && !req.from && !req.to) return slug(scope.year.name);
  return `${scope.from}_${scope.to}`;
}

/** What made a document, written into XLSX, HTML and PDF so `report verify` can make it again. */
export function sourceOf(req: ReportRequest, group: string | undefined, scope: ReportScope, language: Lang): string {
  const spec = {
    name: req.name,
    ...(group ? { groups: [group] } : req.groups?.length ? { groups: req.groups } : {}),
    ...(req.all && !group ? { all: true } : {}),
    ...(req.period ? { period: `${scope.year.name}:${scope.period!.code}` } : {}),
    ...(!req.period && (req.year || scope.wholeYear) ? { year: scope.year.name } : {}),
    ...(req.from || req.to || (!req.period && !scope.wholeYear) ? { from: scope.from, to: scope.to } : {}),
    ...(req.byMonth ? { byMonth: true } : {}),
    lang: language,
  };
  return `registrar:${Buffer.from(JSON.stringify(spec)).toString('base64url')}`;
}

/**
 * Build the reports a request asks for: one per group for statement, attendance, curator and
 * letter; one over the groups for progress and teacher; one for movement and activity.
 * InputError when a group or period does not exist; UsageError when a per-group report names none.
 */
export function buildReports(store: Store, req: ReportRequest): BuiltReport[] {
  const scope = resolveScope(store, req);
  const range = rangeSlug(scope, req);
  const language = lang();
  const finish = (report: Report, group: string | undefined, stem: string): BuiltReport => ({ report: { ...report, source: sourceOf(req, group, scope, language) }, group, stem });
  if (req.name === 'movement') {
    // A year's book with no year before it starts at the first order (summer enrolments belong to the first year).
    const openStart = !req.from && !req.period && !listYears(store).some((y) => y.end < scope.year.start);
    return [finish(movementReport(store, { from: openStart ? undefined : scope.from, to: scope.to, period: periodLabel(scope), madeOn: scope.madeOn, org: scope.org }), undefined, `movement_${range}`)];
  }
  if (req.name === 'activity') return [finish(activityReport(store, scope, loadWorkCalendar(store)), undefined, `activity_${range}`)];
  const groups = groupsOf(store, req, scope.year);
  const scoped = groups.map((group): GroupScope => ({ ...scope, group }));
  if (req.name === 'progress') return [finish(progressReport(store, scope, scoped), undefined, `progress_${groupsSlug(req, groups)}_${range}`)];
  if (req.name === 'teacher') return [finish(teacherReport(store, scope, scoped), undefined, `teacher_${groupsSlug(req, groups)}_${range}`)];
  if (req.name === 'outcomes') {
    // The whole year's in one, or one per group (--group, --all) as the per-group reports.
    const year = slug(scope.year.name);
    if (!req.groups?.length && !req.all) return [finish(outcomesReports(store, scope.year)[0], undefined, `outcomes_all_${year}`)];
    const reports = outcomesReports(store, scope.year, groups.map((g) => g.name));
    const slugs = groupSlugs(groups);
    return groups.map((g, i) => finish(reports[i], g.name, `outcomes_${slugs.get(g.id)}_${year}`));
  }
  const slugs = groupSlugs(groups);
  return scoped.map((g) => {
    const build = { statement: statementReport, attendance: (s: Store, x: GroupScope) => attendanceReport(s, x, { byMonth: req.byMonth }), curator: curatorReport, letter: letterReport }[req.name as 'statement'];
    return finish(build(store, g), g.group.name, `${req.name}_${slugs.get(g.group.id)}_${range}`);
  });
}

function groupsSlug(req: ReportRequest, groups: readonly Group[]): string {
  const slugs = groupSlugs(groups);
  return req.groups?.length ? groups.map((g) => slugs.get(g.id)).join('+') : 'all';
}

/** The bytes of a report in a file format (json as the CLI.md document). */
export async function renderReport(report: Report, format: Exclude<ReportFormat, 'table'>, options: { excel?: boolean; totals?: boolean } = {}): Promise<string | Uint8Array> {
  switch (format) {
    case 'json':
      return JSON.stringify(reportJson(report), null, 2) + '\n';
    case 'csv':
      return reportCsv(report, options);
    case 'xlsx':
      return reportXlsx(report);
    case 'html':
      return renderHtml(report);
    case 'pdf':
      // PDFKit and its font engine load only when a PDF is made.
      return (await import('../reports/pdf.js')).renderPdf(report);
  }
}

const FORMAT_OF: Record<string, Exclude<ReportFormat, 'table'>> = { '.xlsx': 'xlsx', '.html': 'html', '.htm': 'html', '.pdf': 'pdf' };

/** The request embedded in an archived document (see sourceOf), or undefined. */
function embeddedSource(bytes: Buffer, format: string): (ReportRequest & { lang: Lang }) | undefined {
  let text = bytes.toString('latin1');
  if (format === 'xlsx') {
    try {
      text = strFromU8(unzipSync(new Uint8Array(bytes), { filter: (f) => f.name === 'docProps/core.xml' })['docProps/core.xml'] ?? new Uint8Array());
    } catch {
      return undefined;
    }
  }
  const match = /registrar:([A-Za-z0-9_-]+)/.exec(text);
  if (!match) return undefined;
  try {
    return JSON.parse(Buffer.from(match[1], 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
}

export interface VerifyResult {
  file: string;
  format: string;
  report: ReportRequest;
  matches: boolean;
  sha256: string;
  expectedSha256: string;
}

const sha256 = (data: string | Uint8Array) => createHash('sha256').update(data).digest('hex');

/**
 * `report verify FILE`: make the archived document again from the store, with what it says
 * made it (embedded in XLSX, HTML and PDF), and compare the bytes. InputError when the file is
 * not such a document; RuleError `reports_verify_mismatch` (exit 4) when the store now gives
 * a different document; the result when they match.
 */
export async function verifyReport(store: Store, file: string): Promise<VerifyResult> {
  const format = FORMAT_OF[extname(file).toLowerCase()];
  if (!format) throw new InputError('reports_verify_format', { file });
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new InputError('file_not_found', { file });
    throw new InputError('reports_verify_unreadable', { file, reason: (error as Error).message });
  }
  const source = embeddedSource(bytes, format);
  if (!source || !(REPORT_NAMES as readonly string[]).includes(source.name)) throw new InputError('reports_verify_no_source', { file });
  const { lang: language, ...req } = source;
  const before = lang();
  setLang(language === 'ru' ? 'ru' : 'en');
  let expected: string;
  try {
    const built = buildReports(store, req);
    const made = built.length === 1 ? built[0] : built.find((b) => b.group === req.groups?.[0]);
    expected = made ? sha256(await renderReport(made.report, format)) : '';
  } finally {
    setLang(before);
  }
  const result = { file: basename(file), format, report: req, matches: expected === sha256(bytes), sha256: sha256(bytes), expectedSha256: expected };
  if (!result.matches) throw new RuleError('reports_verify_mismatch', { file }, result);
  return result;
}
