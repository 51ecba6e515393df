/**
 * Итоги по дисциплине: per teacher, subject and group, the lessons held, their hours, the
 * current marks given, and (for a period) the distribution of period marks with the rates.
 */
import { t } from '../core/i18n.js';
import type { GradeValue } from '../domain/grading.js';
import { countMarks, isPositive, percent } from '../domain/reportRules.js';
import { gradeValuesOfSubject, peopleNames, studentsOfGroupDuring, subjectsByIds, teachingLoad } from '../store/reportQueries.js';
import type { Store } from '../store/store.js';
import type { Report, ReportValue } from './model.js';
import { periodLabel, type GroupScope, type ReportScope } from './scope.js';

const collator = new Intl.Collator('ru', { numeric: true });

/** The teaching results of these groups' lessons over the scope's dates. */
export function teacherReport(store: Store, scope: ReportScope, groups: readonly GroupScope[]): Report {
  const groupById = new Map(groups.map((g) => [g.group.id, g]));
  const load = teachingLoad(store, scope.from, scope.to, [...groupById.keys()]);
  const teachers = peopleNames(store, [...new Set(load.map((l) => l.teacherId).filter((id): id is number => id !== null))]);
  const subjects = new Map(subjectsByIds(store, [...new Set(load.map((l) => l.subjectId))]).map((s) => [s.subjectId, s]));
  const studentIds = new Map<number, number[]>();
  const lines = load.map((l) => {
    const group = groupById.get(l.groupId)!;
    let marks: (GradeValue | null)[] = [];
    if (scope.period) {
      const ids = studentIds.get(l.groupId) ?? studentsOfGroupDuring(store, l.groupId, scope.from, scope.to).map((s) => s.studentId);
      studentIds.set(l.groupId, ids);
      marks = gradeValuesOfSubject(store, { yearId: scope.year.id, periodId: scope.period.id, kind: 'period', subjectId: l.subjectId, studentIds: ids }) as GradeValue[];
    }
    const counted = marks.filter((m) => m !== 'осв');
    const c = countMarks(marks);
    return {
      teacher: l.teacherId === null ? t('reports_no_teacher') : teachers.get(l.teacherId) ?? String(l.teacherId),
      subject: subjects.get(l.subjectId)?.code ?? String(l.subjectId),
      subjectName: subjects.get(l.subjectId)?.name ?? '',
      group: group.group.name,
      lessons: l.lessons,
      hours: l.hours,
      topicsFilled: l.topicsFilled,
      marks: l.marks,
      counts: scope.period ? c : null,
      successRate: scope.period ? percent(counted.filter((m) => m !== null && isPositive(m)).length, counted.length) : null,
      qualityRate: scope.period ? percent(c['5'] + c['4'] + c.зач, counted.length) : null,
    };
  });
  lines.sort((a, b) => collator.compare(a.teacher, b.teacher) || collator.compare(a.subject, b.subject) || collator.compare(a.group, b.group));
  const distribution = scope.period ? (['5', '4', '3', '2', 'н/а'] as const) : [];
  const rows = lines.map((l) => {
    const row: Record<string, ReportValue> = { teacher: l.teacher, subject: `${l.subject} ${l.subjectName}`, group: l.group, lessons: l.lessons, hours: l.hours, marks: l.marks };
    for (const m of distribution) row[`c${m}`] = l.counts?.[m] ?? 0;
    if (scope.period) Object.assign(row, { successRate: l.successRate, qualityRate: l.qualityRate });
    return row;
  });
  const one = groups.length === 1 ? groups[0] : undefined;
  return {
    title: t('reports_teacher_title'),
    meta: { org: scope.org?.name, group: one?.group.name, period: periodLabel(scope), from: scope.period ? undefined : scope.from, to: scope.period ? undefined : scope.to, madeOn: scope.madeOn },
    columns: [
      { key: 'teacher', header: t('reports_col_teacher') },
      { key: 'subject', header: t('reports_col_subject') },
      { key: 'group', header: t('reports_col_group') },
      { key: 'lessons', header: t('reports_col_lessons'), align: 'right' },
      { key: 'hours', header: t('reports_col_hours'), align: 'right' },
      { key: 'marks', header: t('reports_col_marks_given'), align: 'right' },
      ...distribution.map((m) => ({ key: `c${m}`, header: m, align: 'right' as const, band: t('reports_band_period_marks') })),
      ...(scope.period
        ? [
            { key: 'successRate', header: t('reports_col_success'), align: 'right' as const },
            { key: 'qualityRate', header: t('reports_col_quality'), align: 'right' as const },
          ]
        : []),
    ],
    rows,
    totals: { teacher: t('reports_total'), lessons: lines.reduce((s, l) => s + l.lessons, 0), hours: lines.reduce((s, l) => s + l.hours, 0), marks: lines.reduce((s, l) => s + l.marks, 0) },
    signatures: [t('reports_sign_deputy')],
    data: { period: scope.label, from: scope.from, to: scope.to, rows: lines },
  };
}
