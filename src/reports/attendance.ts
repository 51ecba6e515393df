/**
 * Сводная ведомость посещаемости: per student the missed hours in total, by illness (Б),
 * excused (УП), unexcused (НП and ОТ), and the late count (ОП); ОСВ is left out. With
 * `byMonth`, a column of missed hours per month; the printed copies carry a chart of the
 * missed hours by month.
 */
import { t } from '../core/i18n.js';
import { formatDate, type IsoDate } from '../domain/dates.js';
import { addAbsence, addMissed, NO_MISSED_HOURS, type MissedHours } from '../domain/reportRules.js';
import { attendanceOfGroup } from '../store/journal.js';
import { studentsOfGroupDuring } from '../store/reportQueries.js';
import type { Store } from '../store/store.js';
import type { ChartSpec, Report, ReportColumn, ReportValue } from './model.js';
import { periodLabel, type GroupScope } from './scope.js';
import { signatures } from './statement.js';

export interface AttendanceStudent extends MissedHours {
  id: number;
  name: string;
  /** Missed hours per month (`2025-09`), only with byMonth. */
  byMonth?: Record<string, number>;
}

export interface AttendanceFigures {
  students: AttendanceStudent[];
  total: MissedHours;
  /** Every month of the range (`2025-09`), in order. */
  months: string[];
  /** Per month, the missed hours by kind (for the chart and --by month). */
  monthTotals: Record<string, MissedHours>;
}

/** The months `YYYY-MM` that [from, to] touches. */
export function monthsOf(from: IsoDate, to: IsoDate): string[] {
  const months: string[] = [];
  let [y, m] = [Number(from.slice(0, 4)), Number(from.slice(5, 7))];
  const last = to.slice(0, 7);
  for (;;) {
    const key = `${y}-${String(m).padStart(2, '0')}`;
    months.push(key);
    if (key >= last) return months;
    m = m === 12 ? 1 : m + 1;
    if (m === 1) y++;
  }
}

/** A group's missed hours per student over the scope's dates, and the totals. */
export function attendanceFigures(store: Store, scope: GroupScope): AttendanceFigures {
  const people = studentsOfGroupDuring(store, scope.group.id, scope.from, scope.to);
  const months = monthsOf(scope.from, scope.to);
  const perStudent = new Map<number, MissedHours>();
  const perStudentMonth = new Map<string, number>();
  const monthTotals: Record<string, MissedHours> = Object.fromEntries(months.map((m) => [m, NO_MISSED_HOURS]));
  for (const a of attendanceOfGroup(store, { groupId: scope.group.id, from: scope.from, to: scope.to })) {
    perStudent.set(a.studentId, addAbsence(perStudent.get(a.studentId) ?? NO_MISSED_HOURS, a.code, a.hours));
    const month = a.date.slice(0, 7);
    monthTotals[month] = addAbsence(monthTotals[month] ?? NO_MISSED_HOURS, a.code, a.hours);
    const k = `${a.studentId}:${month}`;
    perStudentMonth.set(k, (perStudentMonth.get(k) ?? 0) + addAbsence(NO_MISSED_HOURS, a.code, a.hours).missedHours);
  }
  const students = people.map((p) => ({
    id: p.studentId,
    name: p.name,
    ...(perStudent.get(p.studentId) ?? NO_MISSED_HOURS),
    byMonth: Object.fromEntries(months.map((m) => [m, perStudentMonth.get(`${p.studentId}:${m}`) ?? 0])),
  }));
  const total = students.reduce<MissedHours>((sum, s) => addMissed(sum, s), NO_MISSED_HOURS);
  return { students, total, months, monthTotals };
}

function monthLabel(month: string): string {
  return formatDate(`${month}-01`).slice(3);
}

/** The chart of missed hours by month, stacked by kind. */
function monthChart(f: AttendanceFigures): ChartSpec {
  return {
    title: t('reports_chart_missed_by_month'),
    categories: f.months.map(monthLabel),
    series: [
      { name: t('reports_col_illness'), values: f.months.map((m) => f.monthTotals[m].illnessHours) },
      { name: t('reports_col_excused'), values: f.months.map((m) => f.monthTotals[m].excusedHours) },
      { name: t('reports_col_unexcused'), values: f.months.map((m) => f.monthTotals[m].unexcusedHours) },
    ],
    stacked: true,
  };
}

const HOURS = ['missedHours', 'illnessHours', 'excusedHours', 'unexcusedHours', 'lateCount'] as const;

/** The attendance statement of one group; `byMonth` adds a column per month. */
export function attendanceReport(store: Store, scope: GroupScope, options: { byMonth?: boolean } = {}): Report {
  const f = attendanceFigures(store, scope);
  const monthColumns: ReportColumn[] = options.byMonth ? f.months.map((m) => ({ key: `m${m}`, header: monthLabel(m), align: 'right', band: t('reports_band_by_month') })) : [];
  const columns: ReportColumn[] = [
    { key: 'n', header: '№', align: 'right' },
    { key: 'student', header: t('reports_col_student') },
    { key: 'missedHours', header: t('reports_col_missed'), align: 'right' },
    { key: 'illnessHours', header: t('reports_col_illness'), align: 'right' },
    { key: 'excusedHours', header: t('reports_col_excused'), align: 'right' },
    { key: 'unexcusedHours', header: t('reports_col_unexcused'), align: 'right' },
    { key: 'lateCount', header: t('reports_col_late'), align: 'right' },
    ...monthColumns,
  ];
  const rows = f.students.map((s, i) => {
    const row: Record<string, ReportValue> = { n: i + 1, studentId: s.id, student: s.name };
    for (const k of HOURS) row[k] = s[k];
    if (options.byMonth) for (const m of f.months) row[`m${m}`] = s.byMonth?.[m] ?? 0;
    return row;
  });
  const totals: Record<string, ReportValue> = { student: t('reports_total'), ...f.total };
  if (options.byMonth) for (const m of f.months) totals[`m${m}`] = f.monthTotals[m].missedHours;
  return {
    title: t('reports_attendance_title'),
    meta: { org: scope.org?.name, group: scope.group.name, period: periodLabel(scope), from: scope.from, to: scope.to, madeOn: scope.madeOn },
    columns,
    rows,
    totals,
    signatures: signatures(scope),
    charts: [monthChart(f)],
    data: {
      group: scope.group.name,
      period: scope.label,
      from: scope.from,
      to: scope.to,
      students: f.students.map(({ byMonth, ...s }) => (options.byMonth ? { ...s, byMonth } : s)),
      total: f.total,
      ...(options.byMonth ? { byMonth: Object.fromEntries(f.months.map((m) => [m, f.monthTotals[m]])) } : {}),
    },
  };
}
