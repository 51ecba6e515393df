/**
 * Информационное письмо родителям: for each student of a group, one page with the current
 * marks of every subject, their average, the period mark, the missed hours and the curator.
 */
import { t } from '../core/i18n.js';
import { weightedAverage } from '../domain/grading.js';
import { gradesOf } from '../store/grades.js';
import { marksOfGroup } from '../store/journal.js';
import { subjectsByIds } from '../store/reportQueries.js';
import type { Store } from '../store/store.js';
import { attendanceFigures } from './attendance.js';
import type { Report } from './model.js';
import { periodLabel, type GroupScope } from './scope.js';

export function letterReport(store: Store, scope: GroupScope): Report {
  const attendance = attendanceFigures(store, scope);
  const ids = attendance.students.map((s) => s.id);
  const marks = marksOfGroup(store, { groupId: scope.group.id, from: scope.from, to: scope.to });
  const grades = scope.period ? gradesOf(store, { yearId: scope.year.id, periodId: scope.period.id, kind: 'period', studentIds: ids }) : [];
  const subjects = subjectsByIds(store, [...new Set([...marks.map((m) => m.subjectId), ...grades.map((g) => g.subjectId)])]);
  const gradeOf = new Map(grades.map((g) => [`${g.studentId}:${g.subjectId}`, g.value]));
  const marksOf = new Map<string, typeof marks>();
  for (const m of marks) {
    const k = `${m.studentId}:${m.subjectId}`;
    marksOf.set(k, [...(marksOf.get(k) ?? []), m]);
  }
  const curator = scope.group.curator;
  const letters = attendance.students.map((s) => ({
    studentId: s.id,
    student: s.name,
    subjects: subjects.map((sub) => {
      const list = marksOf.get(`${s.id}:${sub.subjectId}`) ?? [];
      return { code: sub.code, name: sub.name, marks: list.map((m) => m.value), average: weightedAverage(list), periodMark: gradeOf.get(`${s.id}:${sub.subjectId}`) ?? null };
    }),
    missedHours: s.missedHours,
    unexcusedHours: s.unexcusedHours,
    curator,
  }));
  const parts: Report[] = letters.map((l) => ({
    title: t('reports_letter_title'),
    subtitle: t('reports_letter_greeting', { student: l.student }),
    meta: { org: scope.org?.name, subject: l.student, group: scope.group.name, period: periodLabel(scope), madeOn: scope.madeOn },
    columns: [
      { key: 'subject', header: t('reports_col_subject') },
      { key: 'marks', header: t('reports_col_current_marks') },
      { key: 'average', header: t('reports_col_average'), align: 'right' },
      { key: 'periodMark', header: t('reports_col_period_mark'), align: 'center' },
    ],
    rows: l.subjects.map((sub) => ({ subject: `${sub.code} ${sub.name}`, marks: sub.marks.join(' '), average: sub.average, periodMark: sub.periodMark })),
    notes: [t('reports_letter_missed', { hours: l.missedHours, unexcused: l.unexcusedHours }), curator ? t('reports_note_curator', { name: curator }) : t('reports_note_no_curator')],
    signatures: [curator ? t('reports_sign_curator_named', { name: curator }) : t('reports_sign_curator')],
  }));
  return {
    title: t('reports_letters_title'),
    meta: { org: scope.org?.name, group: scope.group.name, period: periodLabel(scope), madeOn: scope.madeOn },
    columns: [],
    rows: [],
    parts,
    pageBreaks: true,
    data: { group: scope.group.name, period: scope.label, from: scope.from, to: scope.to, letters },
  };
}
