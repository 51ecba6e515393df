/**
 * What `period close` must list before it closes a period (and refuse unless `--force`): the
 * period not over yet, groups × subjects with students lacking a period mark, lessons without
 * a topic, absences still ОТ. Pure: the facts come from the store (services/periodClose.ts).
 */
import type { IsoDate } from './dates.js';

export type Shortfall =
  | { kind: 'period_not_over'; end: IsoDate }
  | { kind: 'period_marks_missing'; group: string; subject: string; students: number }
  | { kind: 'topic_missing'; group: string; subject: string; date: IsoDate; number: number }
  | { kind: 'absence_without_reason'; group: string; subject: string; date: IsoDate; student: string };

export interface CloseFacts {
  /** Today and the period's last day: a period closed before it is over locks lessons still to come. */
  today: IsoDate;
  periodEnd: IsoDate;
  /** Each group × subject taught in the period, with how many of its students have no period mark. */
  groupSubjects: readonly { group: string; subject: string; studentsWithoutMark: number }[];
  lessonsWithoutTopic: readonly { group: string; subject: string; date: IsoDate; number: number }[];
  absencesWithoutReason: readonly { group: string; subject: string; date: IsoDate; student: string }[];
}

const collator = new Intl.Collator('ru', { numeric: true });

/** The shortfalls: the period not over yet first, then marks, each kind in group, subject and date order. */
export function periodShortfalls(facts: CloseFacts): Shortfall[] {
  const byPlace = (a: { group: string; subject: string; date?: string }, b: { group: string; subject: string; date?: string }) =>
    collator.compare(a.group, b.group) || collator.compare(a.subject, b.subject) || (a.date ?? '').localeCompare(b.date ?? '');
  return [
    ...(facts.today < facts.periodEnd ? [{ kind: 'period_not_over' as const, end: facts.periodEnd }] : []),
    ...facts.groupSubjects.filter((g) => g.studentsWithoutMark > 0).map((g) => ({ kind: 'period_marks_missing' as const, group: g.group, subject: g.subject, students: g.studentsWithoutMark })).sort(byPlace),
    ...[...facts.lessonsWithoutTopic].sort(byPlace).map((l) => ({ kind: 'topic_missing' as const, ...l })),
    ...[...facts.absencesWithoutReason].sort(byPlace).map((a) => ({ kind: 'absence_without_reason' as const, ...a })),
  ];
}
