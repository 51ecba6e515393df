/**
 * Period marks: the weighted average of current marks and the mark the rule suggests
 * (average ≥ 4.5 → 5; ≥ 3.5 → 4; ≥ 2.5 → 3; else 2, the thresholds from `grading.thresholds`).
 */
import { markPoints, type MarkValue } from './journal.js';

/** Values of period, year, exam and final marks. */
export const GRADE_VALUES = ['5', '4', '3', '2', '1', 'зач', 'незач', 'н/а', 'осв'] as const;
export type GradeValue = (typeof GRADE_VALUES)[number];

export const GRADE_KINDS = ['period', 'year', 'exam', 'final'] as const;
export type GradeKind = (typeof GRADE_KINDS)[number];

/**
 * The kinds of mark a later year records a retake with (issue 12: a debt closes when
 * `grades set` gives a positive mark; store/rollover marksAfter reads these): such a mark may
 * name a subject of an earlier course than the group's.
 */
export const RETAKE_KINDS: readonly GradeKind[] = ['exam', 'year', 'final'];

/** Marks a course work may get. */
export const COURSEWORK_MARKS = ['5', '4', '3', '2'] as const;
export type CourseworkMark = (typeof COURSEWORK_MARKS)[number];

export type Thresholds = readonly [number, number, number];
export const DEFAULT_THRESHOLDS: Thresholds = [4.5, 3.5, 2.5];

/** `4.5,3.5,2.5` → [4.5, 3.5, 2.5]; anything else gives the defaults (the setting is checked when set). */
export function parseThresholds(text: string | undefined): Thresholds {
  const parts = (text ?? '').split(',').map((s) => Number(s.trim()));
  const ok = parts.length === 3 && parts.every(Number.isFinite) && parts[0] > parts[1] && parts[1] > parts[2];
  return ok ? [parts[0], parts[1], parts[2]] : DEFAULT_THRESHOLDS;
}

function fold(text: string): string {
  return text.normalize('NFC').trim().toLowerCase().replace(/ё/g, 'е').replace(/\s+/g, '');
}

const GRADE_WORDS: Record<string, GradeValue> = {
  '5': '5', '4': '4', '3': '3', '2': '2', '1': '1',
  зач: 'зач', 'зач.': 'зач', зачет: 'зач', зачтено: 'зач',
  незач: 'незач', 'незач.': 'незач', незачет: 'незач', незачтено: 'незач',
  'н/а': 'н/а', на: 'н/а', 'н.а.': 'н/а', неаттестован: 'н/а',
  осв: 'осв', 'осв.': 'осв', освобожден: 'осв',
};

/** A period or final mark as typed (`4`, `зачёт`, `н/а`, `осв`), or undefined. */
export function parseGrade(text: string): GradeValue | undefined {
  return GRADE_WORDS[fold(text)];
}

export function parseCourseworkMark(text: string): CourseworkMark | undefined {
  const s = text.trim();
  return (COURSEWORK_MARKS as readonly string[]).includes(s) ? (s as CourseworkMark) : undefined;
}

export interface WeightedMark {
  value: MarkValue;
  weight: number;
}

/** Two decimals, as the journal shows an average (so the shown figure and the rule agree). */
export function roundAverage(x: number): number {
  return Math.round((x + Number.EPSILON) * 100) / 100;
}

/** The weighted average of the five-point marks, rounded to two decimals; null without any. */
export function weightedAverage(marks: readonly WeightedMark[]): number | null {
  let sum = 0;
  let weights = 0;
  for (const m of marks) {
    const points = markPoints(m.value);
    if (points === undefined || !(m.weight > 0)) continue;
    sum += points * m.weight;
    weights += m.weight;
  }
  return weights === 0 ? null : roundAverage(sum / weights);
}

/** The mark the rule gives an average. */
export function markForAverage(average: number, thresholds: Thresholds = DEFAULT_THRESHOLDS): '5' | '4' | '3' | '2' {
  const a = roundAverage(average);
  if (a >= thresholds[0]) return '5';
  if (a >= thresholds[1]) return '4';
  if (a >= thresholds[2]) return '3';
  return '2';
}

export interface Suggestion {
  average: number | null;
  marks: number;
  /** Null when there is nothing to go on (no marks at all). */
  suggested: GradeValue | null;
}

/**
 * What the rule suggests from a student's current marks in a period: by the weighted
 * average when there are five-point marks; else, with pass/fail marks only, зач when at
 * least half of them are зач; else nothing. Where the curriculum assesses the subject by a
 * зачёт (`passFail`), the average gives зач when its mark would pass (3 or better), else незач.
 */
export function suggestGrade(marks: readonly WeightedMark[], thresholds: Thresholds = DEFAULT_THRESHOLDS, passFail = false): Suggestion {
  const average = weightedAverage(marks);
  if (average !== null) {
    const mark = markForAverage(average, thresholds);
    return { average, marks: marks.length, suggested: !passFail ? mark : isDebt(mark) ? 'незач' : 'зач' };
  }
  const passes = marks.filter((m) => m.value === 'зач').length;
  const fails = marks.filter((m) => m.value === 'незач').length;
  if (passes + fails === 0) return { average: null, marks: marks.length, suggested: null };
  return { average: null, marks: marks.length, suggested: passes >= fails ? 'зач' : 'незач' };
}

/** A period mark that leaves a debt: 2, 1, незач, н/а. */
export function isDebt(value: GradeValue): boolean {
  return value === '2' || value === '1' || value === 'незач' || value === 'н/а';
}
