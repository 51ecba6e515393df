/**
 * Отчёт по активности пользователей: from the audit log, per actor the actions by kind and
 * the first and last activity in the range; from the journal, per teacher the lessons held,
 * topics filled, and current marks entered on time (within one working day after the lesson,
 * by the production calendar) and late.
 */
import { t } from '../core/i18n.js';
import { enteredOnTime } from '../domain/reportRules.js';
import type { WorkCalendar } from '../domain/workdays.js';
import { auditActivity, lessonsByTeacher, markEntryDays, peopleNames } from '../store/reportQueries.js';
import type { Store } from '../store/store.js';
import type { Report, ReportValue } from './model.js';
import { periodLabel, type ReportScope } from './scope.js';

const collator = new Intl.Collator('ru', { numeric: true });

export function activityReport(store: Store, scope: ReportScope, calendar: WorkCalendar): Report {
  const actors = new Map<string, { actor: string; actions: number; byKind: Record<string, number>; first: string; last: string }>();
  for (const a of auditActivity(store, scope.from, scope.to)) {
    const entry = actors.get(a.actor) ?? { actor: a.actor, actions: 0, byKind: {}, first: a.first, last: a.last };
    entry.actions += a.actions;
    entry.byKind[a.kind] = a.actions;
    if (a.first < entry.first) entry.first = a.first;
    if (a.last > entry.last) entry.last = a.last;
    actors.set(a.actor, entry);
  }
  const perTeacher = new Map<number | null, { lessons: number; topicsFilled: number; marksOnTime: number; marksLate: number }>();
  const teacherEntry = (id: number | null) => perTeacher.get(id) ?? perTeacher.set(id, { lessons: 0, topicsFilled: 0, marksOnTime: 0, marksLate: 0 }).get(id)!;
  for (const l of lessonsByTeacher(store, scope.from, scope.to)) Object.assign(teacherEntry(l.teacherId), { lessons: l.lessons, topicsFilled: l.topicsFilled });
  for (const m of markEntryDays(store, scope.from, scope.to)) {
    const entry = teacherEntry(m.teacherId);
    if (enteredOnTime(m.enteredOn, calendar.dueDate(m.lessonDate, 1))) entry.marksOnTime += m.marks;
    else entry.marksLate += m.marks;
  }
  const names = peopleNames(store, [...perTeacher.keys()].filter((id): id is number => id !== null));
  const teachers = [...perTeacher]
    .map(([id, f]) => ({ teacher: id === null ? t('reports_no_teacher') : names.get(id) ?? String(id), ...f }))
    .sort((a, b) => collator.compare(a.teacher, b.teacher));
  const actorList = [...actors.values()].sort((a, b) => collator.compare(a.actor, b.actor));
  const meta = { org: scope.org?.name, period: periodLabel(scope), from: scope.from, to: scope.to, madeOn: scope.madeOn };
  const actorRows = actorList.map((a): Record<string, ReportValue> => ({
    actor: a.actor,
    actions: a.actions,
    byKind: Object.entries(a.byKind).map(([k, n]) => `${k}: ${n}`).join(', '),
    first: a.first.slice(0, 16).replace('T', ' '),
    last: a.last.slice(0, 16).replace('T', ' '),
  }));
  return {
    title: t('reports_activity_title'),
    meta,
    columns: [],
    rows: [],
    parts: [
      {
        title: t('reports_activity_actors'),
        meta: {},
        columns: [
          { key: 'actor', header: t('reports_col_actor') },
          { key: 'actions', header: t('reports_col_actions'), align: 'right' },
          { key: 'byKind', header: t('reports_col_by_kind') },
          { key: 'first', header: t('reports_col_first') },
          { key: 'last', header: t('reports_col_last') },
        ],
        rows: actorRows,
        totals: { actor: t('reports_total'), actions: actorList.reduce((s, a) => s + a.actions, 0) },
      },
      {
        title: t('reports_activity_teachers'),
        meta: {},
        columns: [
          { key: 'teacher', header: t('reports_col_teacher') },
          { key: 'lessons', header: t('reports_col_lessons'), align: 'right' },
          { key: 'topicsFilled', header: t('reports_col_topics'), align: 'right' },
          { key: 'marksOnTime', header: t('reports_col_on_time'), align: 'right' },
          { key: 'marksLate', header: t('reports_col_late_marks'), align: 'right' },
        ],
        rows: teachers.map((x) => ({ ...x })),
      },
    ],
    signatures: [t('reports_sign_admin')],
    data: { from: scope.from, to: scope.to, actors: actorList, teachers },
  };
}
