/**
 * The shortfalls of a period before it is closed, for `period close` to list and refuse
 * unless `--force` (the lead wires it into the command and `setPeriodStatus`).
 */
import { periodShortfalls, type Shortfall } from '../domain/periodClose.js';
import { absencesWithoutReason, groupSubjectsWithLessons, lessonsWithoutTopic, studentsWithoutPeriodMark } from '../store/grades.js';
import type { Store } from '../store/store.js';
import { findPeriod } from '../store/years.js';

export function closeShortfalls(store: Store, spec: string, yearName?: string): { period: string; shortfalls: Shortfall[] } {
  const { year, period } = findPeriod(store, spec, yearName);
  const groupSubjects = groupSubjectsWithLessons(store, year.id, period.start, period.end).map((g) => ({
    group: g.group,
    subject: g.subject,
    studentsWithoutMark: studentsWithoutPeriodMark(store, { groupId: g.groupId, subjectId: g.subjectId, periodId: period.id, on: period.end }).length,
  }));
  return {
    period: `${year.name}:${period.code}`,
    shortfalls: periodShortfalls({
      today: store.today,
      periodEnd: period.end,
      groupSubjects,
      lessonsWithoutTopic: lessonsWithoutTopic(store, year.id, period.start, period.end),
      absencesWithoutReason: absencesWithoutReason(store, year.id, period.start, period.end),
    }),
  };
}
