/**
 * The journal page of a group and subject: students in rows, lessons in columns (date, and
 * the number when a day has two), each cell the marks and the attendance code; then the
 * weighted average and the missed hours.
 */
import { t } from '../core/i18n.js';
import { formatDate, type IsoDate } from '../domain/dates.js';
import { weightedAverage } from '../domain/grading.js';
import { isAbsence } from '../domain/journal.js';
import type { Group } from '../store/groups.js';
import { attendanceOfGroup, groupMemberships, lessonsOfGroupSubject, marksOfGroup } from '../store/journal.js';
import type { SubjectRow } from '../store/programs.js';
import type { Store } from '../store/store.js';
import type { Report, ReportValue } from './model.js';

/** A subgroup's page: the whole group's lessons and its own, its students over the range. */
export interface PageSubgroup {
  id: number;
  /** `ИС-25/1` */
  label: string;
  stays: readonly { studentId: number; fromDate: IsoDate; toDate: IsoDate | null }[];
}

export function journalPageReport(store: Store, q: { group: Group; subject: SubjectRow; from: IsoDate; to: IsoDate; periodName?: string; subgroup?: PageSubgroup }): Report {
  const sub = q.subgroup;
  const overlaps = (m: { fromDate: IsoDate; toDate: IsoDate | null }) => m.fromDate <= q.to && (m.toDate === null || q.from < m.toDate);
  const inSubgroup = sub && new Set(sub.stays.filter(overlaps).map((m) => m.studentId));
  const lessons = lessonsOfGroupSubject(store, q.group.id, q.subject.id, q.from, q.to).filter((l) => l.subgroupId === null || l.subgroupId === sub?.id);
  const marks = marksOfGroup(store, { groupId: q.group.id, from: q.from, to: q.to, subjectId: q.subject.id });
  const absences = attendanceOfGroup(store, { groupId: q.group.id, from: q.from, to: q.to, subjectId: q.subject.id });
  // Everyone in the group at some time of the range.
  const seen = new Set<number>();
  const students = groupMemberships(store, q.group.id).filter((m) => overlaps(m) && (!inSubgroup || inSubgroup.has(m.studentId)) && !seen.has(m.studentId) && seen.add(m.studentId));
  const perDay = new Map<IsoDate, number>();
  for (const l of lessons) perDay.set(l.date, (perDay.get(l.date) ?? 0) + 1);
  const columns = lessons.map((l) => ({ key: `l${l.id}`, header: perDay.get(l.date)! > 1 ? `${formatDate(l.date).slice(0, 5)}/${l.number}` : formatDate(l.date).slice(0, 5), align: 'center' as const }));
  const cellOf = new Map<string, string[]>();
  for (const m of marks) {
    const key = `${m.studentId}:${m.lessonId}`;
    cellOf.set(key, [...(cellOf.get(key) ?? []), m.value]);
  }
  const missed = new Map<number, number>();
  for (const a of absences) {
    const key = `${a.studentId}:${a.lessonId}`;
    cellOf.set(key, [...(cellOf.get(key) ?? []), a.code === 'ОТ' ? 'н' : a.code]);
    if (isAbsence(a.code)) missed.set(a.studentId, (missed.get(a.studentId) ?? 0) + a.hours);
  }
  const rows = students.map((s, i) => {
    const row: Record<string, ReportValue> = {
      n: i + 1,
      studentId: s.studentId,
      student: [s.lastName, s.firstName, s.middleName].filter(Boolean).join(' '),
    };
    for (const l of lessons) row[`l${l.id}`] = (cellOf.get(`${s.studentId}:${l.id}`) ?? []).join(' ') || null;
    row.average = weightedAverage(marks.filter((m) => m.studentId === s.studentId));
    row.missed = missed.get(s.studentId) ?? 0;
    return row;
  });
  return {
    title: t('journal_page_title', { group: sub?.label ?? q.group.name, subject: `${q.subject.code} ${q.subject.name}` }),
    subtitle: q.periodName ? `${q.periodName}: ${formatDate(q.from)}–${formatDate(q.to)}` : `${formatDate(q.from)}–${formatDate(q.to)}`,
    meta: { group: sub?.label ?? q.group.name, period: q.periodName, from: q.from, to: q.to },
    columns: [
      { key: 'n', header: '№', align: 'right' },
      { key: 'student', header: t('journal_col_student') },
      ...columns,
      { key: 'average', header: t('journal_col_average'), align: 'right' },
      { key: 'missed', header: t('journal_col_missed'), align: 'right' },
    ],
    rows,
  };
}
