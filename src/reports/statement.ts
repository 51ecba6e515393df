/**
 * Сводная ведомость учёта успеваемости: students × subjects with the period marks (or, for a
 * year, the period, year, exam and final marks), each student's average, and a footer with
 * the counts of each mark, успеваемость % and качество % per subject and for the group.
 * Subject columns are grouped, as on paper, by the curriculum's assessment form.
 */
import { t, type MessageKey } from '../core/i18n.js';
import { formatDate } from '../domain/dates.js';
import type { GradeValue } from '../domain/grading.js';
import { semesterOfPeriod, type Assessment, type SubjectKind } from '../domain/programs.js';
import { averageOfGrades, countMarks, isPositive, percent, standingOf, summarize, type MarkCounts, type ProgressSummary, type Standing } from '../domain/reportRules.js';
import { gradesOf, listCoursework } from '../store/grades.js';
import { subjectsTaught } from '../store/journal.js';
import { plannedSubjects, studentsOfGroupDuring, subjectsByIds } from '../store/reportQueries.js';
import type { Store } from '../store/store.js';
import type { ChartSpec, Report, ReportColumn, ReportValue } from './model.js';
import { periodLabel, type GroupScope } from './scope.js';

/** The bands of a statement, in the order paper statements print them. */
export const BANDS = ['exam', 'diff', 'credit', 'coursework', 'practice', 'other'] as const;
export type Band = (typeof BANDS)[number];

/** The band of a subject: practices (УП, ПП) together, else by the curriculum's form of assessment. */
export function bandOf(kind: SubjectKind, assessment: Assessment | null): Band {
  if (kind === 'УП' || kind === 'ПП') return 'practice';
  switch (assessment) {
    case 'экзамен':
    case 'квалификационный экзамен':
      return 'exam';
    case 'дифзачёт':
      return 'diff';
    case 'зачёт':
      return 'credit';
    case 'курсовая':
      return 'coursework';
    default:
      return 'other';
  }
}

export interface StatementSubject {
  subjectId: number;
  code: string;
  name: string;
  assessment: Assessment | null;
  band: Band;
}

/** The marks of a year statement for one subject; `final` is the one the rates count. */
export interface YearMarks {
  periods: Record<string, GradeValue | null>;
  year: GradeValue | null;
  exam: GradeValue | null;
  final: GradeValue | null;
}

export interface StatementStudent {
  id: number;
  name: string;
  /** The day the student left the group, when before the range's end (not counted in N). */
  left: string | null;
  /** The mark that counts per subject code: the period mark, or for a year the final one. */
  marks: Record<string, GradeValue | null>;
  detail?: Record<string, YearMarks>;
  average: number | null;
  standing: Standing | 'left';
}

export interface StatementFigures {
  subjects: StatementSubject[];
  students: StatementStudent[];
  counts: Record<string, MarkCounts & { successRate: number; qualityRate: number }>;
  summary: ProgressSummary;
}

/** The absolute semesters a range of a year covers: S1 of course c is 2c−1, S2 is 2c; none for other schemes. */
function semestersOf(scope: GroupScope): number[] {
  const codes = scope.periods.map((p) => p.code);
  const chosen = scope.period ? [scope.period] : scope.wholeYear ? scope.periods : scope.periods.filter((p) => p.start <= scope.to && scope.from <= p.end);
  return chosen.map((p) => semesterOfPeriod(scope.group.course, codes, p.code)).filter((n): n is number => n !== null);
}

/**
 * The figures of a group's statement: subjects, each student's marks, the counts and rates.
 * A subject is shown when the group had lessons in it in the range or marks for it; a
 * student's missing mark in a shown subject counts as not assessed (see standingOf).
 */
export function statementFigures(store: Store, scope: GroupScope): StatementFigures {
  const { group, year } = scope;
  const people = studentsOfGroupDuring(store, group.id, scope.from, scope.to);
  const ids = people.map((p) => p.studentId);
  const periods = scope.period ? [scope.period] : scope.periods;
  const grades = scope.wholeYear
    ? [
        ...periods.flatMap((p) => gradesOf(store, { yearId: year.id, periodId: p.id, kind: 'period', studentIds: ids })),
        ...(['year', 'exam', 'final'] as const).flatMap((kind) => gradesOf(store, { yearId: year.id, periodId: null, kind, studentIds: ids })),
      ]
    : periods.flatMap((p) => gradesOf(store, { yearId: year.id, periodId: p.id, kind: 'period', studentIds: ids }));
  const courseworks = listCoursework(store, year.id, ids);

  // Subjects: those with lessons or marks in the range; the curriculum's form of assessment for
  // these semesters (the last semester's form wins) decides the band, else «other».
  const taught = new Set([...subjectsTaught(store, group.id, scope.from, scope.to).map((s) => s.subjectId), ...grades.map((g) => g.subjectId), ...courseworks.map((c) => c.subjectId)]);
  const bySubject = new Map<number, StatementSubject>();
  for (const s of plannedSubjects(store, group.programId, semestersOf(scope))) {
    if (taught.has(s.subjectId)) bySubject.set(s.subjectId, { subjectId: s.subjectId, code: s.code, name: s.name, assessment: s.assessment, band: bandOf(s.kind, s.assessment) });
  }
  const unplanned = [...taught].filter((id) => !bySubject.has(id));
  for (const s of subjectsByIds(store, unplanned)) bySubject.set(s.subjectId, { ...s, assessment: null, band: bandOf(s.kind, null) });
  const subjects = [...bySubject.values()].sort((a, b) => BANDS.indexOf(a.band) - BANDS.indexOf(b.band) || a.code.localeCompare(b.code, 'ru', { numeric: true }));

  const key = (studentId: number, subjectId: number, kind: string, periodId: number | null) => `${studentId}:${subjectId}:${kind}:${periodId ?? ''}`;
  const value = new Map(grades.map((g) => [key(g.studentId, g.subjectId, g.kind, g.periodId), g.value]));
  const courseworkMark = new Map(courseworks.filter((c) => c.mark).map((c) => [`${c.studentId}:${c.subjectId}`, c.mark as GradeValue]));
  const periodMark = (studentId: number, s: StatementSubject, periodId: number): GradeValue | null =>
    (s.band === 'coursework' ? courseworkMark.get(`${studentId}:${s.subjectId}`) : undefined) ?? value.get(key(studentId, s.subjectId, 'period', periodId)) ?? null;

  const students: StatementStudent[] = people.map((p) => {
    const left = p.toDate !== null && p.toDate <= scope.to ? p.toDate : null;
    const marks: Record<string, GradeValue | null> = {};
    const detail: Record<string, YearMarks> = {};
    for (const s of subjects) {
      if (!scope.wholeYear) {
        marks[s.code] = periodMark(p.studentId, s, periods[0].id);
        continue;
      }
      const byPeriod = Object.fromEntries(periods.map((pr) => [pr.code, periodMark(p.studentId, s, pr.id)]));
      const y: YearMarks = {
        periods: byPeriod,
        year: value.get(key(p.studentId, s.subjectId, 'year', null)) ?? null,
        exam: value.get(key(p.studentId, s.subjectId, 'exam', null)) ?? null,
        final: value.get(key(p.studentId, s.subjectId, 'final', null)) ?? null,
      };
      detail[s.code] = y;
      marks[s.code] = y.final ?? y.year ?? y.exam ?? [...periods].reverse().map((pr) => byPeriod[pr.code]).find((m) => m !== null) ?? null;
    }
    const values = subjects.map((s) => marks[s.code]);
    return {
      id: p.studentId,
      name: p.name,
      left,
      marks,
      ...(scope.wholeYear ? { detail } : {}),
      average: averageOfGrades(values),
      standing: left ? 'left' : standingOf(values),
    };
  });

  const counted = students.filter((s) => s.standing !== 'left');
  const counts: StatementFigures['counts'] = {};
  for (const s of subjects) {
    const marks = counted.map((st) => st.marks[s.code]);
    const n = marks.filter((m) => m !== 'осв').length;
    const c = countMarks(marks);
    counts[s.code] = {
      ...c,
      successRate: percent(marks.filter((m) => m !== null && isPositive(m)).length, n),
      qualityRate: percent(c['5'] + c['4'] + c.зач, n),
    };
  }
  return { subjects, students, counts, summary: summarize(counted.map((s) => s.standing as Standing)) };
}

const BAND_KEYS: Record<Band, MessageKey> = {
  exam: 'reports_band_exam',
  diff: 'reports_band_diff',
  credit: 'reports_band_credit',
  coursework: 'reports_band_coursework',
  practice: 'reports_band_practice',
  other: 'reports_band_other',
};

/** The lines under a statement or progress table: N, the categories and the two rates. */
export function summaryNotes(s: ProgressSummary): string[] {
  return [
    t('reports_note_students', { n: s.students }),
    t('reports_note_categories', { excellent: s.excellent, good: s.good, withOneThree: s.withOneThree, failing: s.failing, notAssessed: s.notAssessed }),
    t('reports_note_rates', { success: s.successRate, quality: s.qualityRate }),
  ];
}

function studentLabel(s: StatementStudent): string {
  return s.left ? t('reports_student_left', { name: s.name, date: formatDate(s.left) }) : s.name;
}

/** The period's marks distribution per subject, for the printed copies. */
function distributionChart(f: StatementFigures): ChartSpec {
  const marks = ['5', '4', '3', '2', 'н/а'] as const;
  return {
    title: t('reports_chart_distribution'),
    categories: f.subjects.map((s) => s.code),
    series: marks.map((m) => ({ name: m, values: f.subjects.map((s) => f.counts[s.code][m]) })),
    stacked: true,
  };
}

/** The statement of one group as the neutral table model, with the CLI.md JSON as its data. */
export function statementReport(store: Store, scope: GroupScope): Report {
  const f = statementFigures(store, scope);
  const yearCols = (s: StatementSubject): ReportColumn[] =>
    scope.wholeYear
      ? [
          ...scope.periods.map((p) => ({ key: `${s.code}|${p.code}`, header: `${s.code} ${p.code}`, align: 'center' as const, band: t(BAND_KEYS[s.band]) })),
          { key: `${s.code}|year`, header: `${s.code} ${t('reports_col_year_mark')}`, align: 'center', band: t(BAND_KEYS[s.band]) },
          { key: `${s.code}|exam`, header: `${s.code} ${t('reports_col_exam_mark')}`, align: 'center', band: t(BAND_KEYS[s.band]) },
          { key: s.code, header: `${s.code} ${t('reports_col_final_mark')}`, align: 'center', band: t(BAND_KEYS[s.band]) },
        ]
      : [{ key: s.code, header: s.code, align: 'center', band: t(BAND_KEYS[s.band]) }];
  const columns: ReportColumn[] = [
    { key: 'n', header: '№', align: 'right' },
    { key: 'student', header: t('reports_col_student') },
    ...f.subjects.flatMap(yearCols),
    { key: 'average', header: t('reports_col_average'), align: 'right' },
  ];
  const rows = f.students.map((s, i) => {
    const row: Record<string, ReportValue> = { n: i + 1, studentId: s.id, student: studentLabel(s) };
    for (const sub of f.subjects) {
      row[sub.code] = s.marks[sub.code];
      const d = s.detail?.[sub.code];
      if (d) {
        for (const p of scope.periods) row[`${sub.code}|${p.code}`] = d.periods[p.code] ?? null;
        row[`${sub.code}|year`] = d.year;
        row[`${sub.code}|exam`] = d.exam;
      }
    }
    row.average = s.average;
    return row;
  });
  const footerRow = (label: string, pick: (code: string) => ReportValue): Record<string, ReportValue> => ({
    student: label,
    ...Object.fromEntries(f.subjects.map((s) => [s.code, pick(s.code)])),
  });
  const footer = [
    ...(['5', '4', '3', '2', 'н/а'] as const).map((m) => footerRow(t('reports_footer_count', { mark: m }), (c) => f.counts[c][m])),
    ...(f.subjects.some((s) => f.counts[s.code].зач + f.counts[s.code].незач > 0)
      ? (['зач', 'незач'] as const).map((m) => footerRow(t('reports_footer_count', { mark: m }), (c) => f.counts[c][m]))
      : []),
    { ...footerRow(t('reports_footer_success'), (c) => f.counts[c].successRate), average: f.summary.successRate },
    { ...footerRow(t('reports_footer_quality'), (c) => f.counts[c].qualityRate), average: f.summary.qualityRate },
  ];
  return {
    title: t('reports_statement_title'),
    meta: { org: scope.org?.name, group: scope.group.name, period: periodLabel(scope), madeOn: scope.madeOn },
    columns,
    rows,
    footer,
    notes: summaryNotes(f.summary),
    signatures: signatures(scope),
    charts: f.subjects.length ? [distributionChart(f)] : [],
    data: {
      group: scope.group.name,
      period: scope.label,
      from: scope.from,
      to: scope.to,
      subjects: f.subjects.map((s) => ({ code: s.code, name: s.name, assessment: s.assessment, band: s.band })),
      students: f.students.map((s) => ({ id: s.id, name: s.name, marks: s.marks, ...(s.detail ? { detail: s.detail } : {}), average: s.average, standing: s.standing, left: s.left })),
      counts: f.counts,
      summary: f.summary,
    },
  };
}

/** The signature lines of a group's document: curator, deputy director, director. */
export function signatures(scope: GroupScope): string[] {
  return [
    scope.group.curator ? t('reports_sign_curator_named', { name: scope.group.curator }) : t('reports_sign_curator'),
    t('reports_sign_deputy'),
    scope.org?.director ? t('reports_sign_director_named', { name: scope.org.director }) : t('reports_sign_director'),
  ];
}
