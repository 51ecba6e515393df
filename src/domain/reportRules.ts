/**
 * The figures of the statements and results reports (CLI.md "Reports"), as pure rules:
 * a student's standing from their final marks, the two rates, the marks distribution of a
 * subject, missed hours by attendance code, and whether a mark was entered on time.
 */
import type { GradeValue } from './grading.js';
import type { AttendanceCode } from './journal.js';

/** A student's standing in a period or year, from their final marks (осв subjects left out). */
export type Standing = 'excellent' | 'good' | 'withOneThree' | 'other' | 'failing' | 'notAssessed' | 'released';

/** A mark that closes a subject positively: 5, 4, 3, зач. */
export function isPositive(value: GradeValue): boolean {
  return value === '5' || value === '4' || value === '3' || value === 'зач';
}

/**
 * The standing of a student from the final marks of every subject of the statement; a
 * subject without a mark is `null` and counts as not assessed (the statement is made at the
 * period's end, when every mark is due). In order of precedence: `released` when every
 * subject is осв (left out of N); `failing` (неуспевающий) with any 2, 1 or незач;
 * `notAssessed` with any н/а or missing mark; `excellent` (отличник) with only 5 and зач;
 * `good` (хорошист) with only 5, 4 and зач; `withOneThree` with exactly one 3 and otherwise
 * 5, 4, зач; `other` for the rest (all positive, two or more 3).
 */
export function standingOf(marks: readonly (GradeValue | null)[]): Standing {
  const counted = marks.filter((m) => m !== 'осв');
  if (marks.length > 0 && counted.length === 0) return 'released';
  if (counted.some((m) => m === '2' || m === '1' || m === 'незач')) return 'failing';
  if (counted.length === 0 || counted.some((m) => m === null || m === 'н/а')) return 'notAssessed';
  const threes = counted.filter((m) => m === '3').length;
  if (threes === 0) return counted.some((m) => m === '4') ? 'good' : 'excellent';
  return threes === 1 ? 'withOneThree' : 'other';
}

export interface ProgressSummary {
  /** N: students counted (those released from every subject and those who left are not). */
  students: number;
  /** Students with every final mark positive: the numerator of успеваемость. */
  successful: number;
  successRate: number;
  qualityRate: number;
  excellent: number;
  good: number;
  withOneThree: number;
  failing: number;
  notAssessed: number;
}

/** A percentage to one decimal; 0 when there is nobody to count. */
export function percent(part: number, whole: number): number {
  return whole === 0 ? 0 : Math.round((part * 1000) / whole) / 10;
}

/**
 * Успеваемость % = students with every final mark positive × 100 / N; качество % = students
 * with only 5, 4 (and зач) × 100 / N (CLI.md "Reports"). The caller leaves out the students
 * who left before the period ended; `released` standings are left out here.
 */
export function summarize(standings: readonly Standing[]): ProgressSummary {
  const count = (s: Standing) => standings.filter((x) => x === s).length;
  const students = standings.filter((s) => s !== 'released').length;
  const excellent = count('excellent');
  const good = count('good');
  const successful = excellent + good + count('withOneThree') + count('other');
  return {
    students,
    successful,
    successRate: percent(successful, students),
    qualityRate: percent(excellent + good, students),
    excellent,
    good,
    withOneThree: count('withOneThree'),
    failing: count('failing'),
    notAssessed: count('notAssessed'),
  };
}

/** Add the figures of several groups: the organisation's line of the progress report. */
export function addSummaries(parts: readonly ProgressSummary[]): ProgressSummary {
  const sum = (k: keyof ProgressSummary) => parts.reduce((s, p) => s + p[k], 0);
  const students = sum('students');
  const successful = sum('successful');
  const quality = sum('excellent') + sum('good');
  return {
    students,
    successful,
    successRate: percent(successful, students),
    qualityRate: percent(quality, students),
    excellent: sum('excellent'),
    good: sum('good'),
    withOneThree: sum('withOneThree'),
    failing: sum('failing'),
    notAssessed: sum('notAssessed'),
  };
}

/** The footer of a statement's subject column: how many of each mark. */
export interface MarkCounts {
  '5': number;
  '4': number;
  '3': number;
  '2': number;
  'н/а': number;
  зач: number;
  незач: number;
}

export function countMarks(marks: readonly (GradeValue | null)[]): MarkCounts {
  const c: MarkCounts = { '5': 0, '4': 0, '3': 0, '2': 0, 'н/а': 0, зач: 0, незач: 0 };
  for (const m of marks) {
    if (m === '1') c['2']++;
    else if (m !== null && m !== 'осв') c[m]++;
  }
  return c;
}

/** The average of the five-point marks among these, to two decimals; null with none. */
export function averageOfGrades(marks: readonly (GradeValue | null)[]): number | null {
  const points = marks.map(Number).filter((n) => Number.isInteger(n) && n >= 1 && n <= 5);
  if (!points.length) return null;
  return Math.round((points.reduce((a, b) => a + b, 0) / points.length + Number.EPSILON) * 100) / 100;
}

/** Missed hours by kind, as the attendance statement shows them. */
export interface MissedHours {
  missedHours: number;
  illnessHours: number;
  excusedHours: number;
  unexcusedHours: number;
  lateCount: number;
}

export const NO_MISSED_HOURS: MissedHours = { missedHours: 0, illnessHours: 0, excusedHours: 0, unexcusedHours: 0, lateCount: 0 };

/**
 * Add one attendance mark to a student's figures (CLI.md "The journal"): Б is illness, УП
 * excused, НП and ОТ (no reason yet) unexcused, each for the lesson's hours; ОП is a late
 * arrival (counted, no hours missed); ОСВ (released) is left out.
 */
export function addAbsence(total: MissedHours, code: AttendanceCode, hours: number): MissedHours {
  switch (code) {
    case 'Б':
      return { ...total, missedHours: total.missedHours + hours, illnessHours: total.illnessHours + hours };
    case 'УП':
      return { ...total, missedHours: total.missedHours + hours, excusedHours: total.excusedHours + hours };
    case 'НП':
    case 'ОТ':
      return { ...total, missedHours: total.missedHours + hours, unexcusedHours: total.unexcusedHours + hours };
    case 'ОП':
      return { ...total, lateCount: total.lateCount + 1 };
    case 'ОСВ':
      return total;
  }
}

export function addMissed(a: MissedHours, b: MissedHours): MissedHours {
  return {
    missedHours: a.missedHours + b.missedHours,
    illnessHours: a.illnessHours + b.illnessHours,
    excusedHours: a.excusedHours + b.excusedHours,
    unexcusedHours: a.unexcusedHours + b.unexcusedHours,
    lateCount: a.lateCount + b.lateCount,
  };
}

/**
 * Whether a mark entered on `enteredOn` is on time for a lesson on `lessonDate`: no later
 * than one working day after the lesson (DOMAIN.md "The journal": marks and attendance no
 * later than one working day after the lesson), `due` being that working day.
 */
export function enteredOnTime(enteredOn: string, due: string): boolean {
  return enteredOn <= due;
}
