/**
 * How journal rows and flags name things, resolved once per run and cached: groups (in the
 * year of the row's date), subjects of the group's program, teachers, students of the group
 * on the date, and whether a date is a teaching day. Each lookup returns the thing or the
 * AppError that refuses it: a command throws it, an import lists its message by row.
 */
import { AppError, InputError, RuleError } from '../core/errors.js';
import { formatDate, type IsoDate } from '../domain/dates.js';
import { groupNameKey } from '../domain/groups.js';
import { lessonHeld, parseGroupRef, subgroupLabel } from '../domain/journal.js';
import { nameKeyOf, studentRefKey } from '../domain/journalRows.js';
import type { WorkCalendar } from '../domain/workdays.js';
import { loadWorkCalendar } from '../store/calendar.js';
import { findGroup, type Group } from '../store/groups.js';
import { groupMemberships, lessonsOfGroupSubject, type LessonRow, type MemberRow } from '../store/journal.js';
import { findSubjectForGroup, type SubjectRow } from '../store/programs.js';
import type { StaffMember } from '../store/staff.js';
import { findStaff } from './staff.js';
import type { Store } from '../store/store.js';
import { subgroupMembersOfGroup, subgroupsOfGroup, type SubgroupMemberRow, type SubgroupRow } from '../store/subgroups.js';
import { findYear, listPeriods, type PeriodRow, type YearRow } from '../store/years.js';

export type Found<T> = T | AppError;

export function isRefusal<T>(x: Found<T>): x is AppError {
  return x instanceof AppError;
}

/** Throw the refusal, or hand back the thing. */
export function must<T>(x: Found<T>): T {
  if (x instanceof AppError) throw x;
  return x;
}

interface Members {
  rows: MemberRow[];
  bySnils: Map<string, MemberRow[]>;
  byName: Map<string, MemberRow[]>;
  byId: Map<number, MemberRow[]>;
}

function catching<T>(fn: () => T): Found<T> {
  try {
    return fn();
  } catch (error) {
    if (error instanceof InputError || error instanceof AppError) return error;
    throw error;
  }
}

/** What a lesson's group reference names: the group, and a subgroup of it or null (the whole group). */
export interface LessonGroup {
  group: Group;
  subgroup: SubgroupRow | null;
  /** As people write it: `ИС-25` or `ИС-25/1`. */
  label: string;
}

/** Whether a stay ([from, to)) holds a date. */
function holds(stay: { fromDate: IsoDate; toDate: IsoDate | null }, date: IsoDate): boolean {
  return stay.fromDate <= date && (stay.toDate === null || date < stay.toDate);
}

export class JournalRefs {
  private readonly groups = new Map<string, Found<Group>>();
  private readonly subjects = new Map<string, Found<SubjectRow>>();
  private readonly teachers = new Map<string, Found<StaffMember>>();
  private readonly members = new Map<number, Members>();
  private readonly periods = new Map<number, PeriodRow[]>();
  private readonly lessons = new Map<string, Map<IsoDate, LessonRow[]>>();
  private readonly yearOfDate = new Map<IsoDate, number | null>();
  private readonly days = new Map<string, Found<PeriodRow>>();
  private readonly studentRefs = new Map<string, Found<MemberRow[]>>();
  private readonly spans = new Map<string, YearRow>();
  private readonly subgroups = new Map<number, { list: SubgroupRow[]; members: SubgroupMemberRow[] }>();
  private calendarOnce?: WorkCalendar;

  constructor(readonly store: Store) {}

  private get calendar(): WorkCalendar {
    return (this.calendarOnce ??= loadWorkCalendar(this.store));
  }

  /** A group by name, in the year that holds `date` (else the current year). */
  group(name: string, date?: IsoDate): Found<Group> {
    const key = `${name}\u0000${date ? (this.yearIdOn(date) ?? '') : ''}`;
    if (!this.groups.has(key)) this.groups.set(key, catching(() => findGroup(this.store, name, undefined, date)));
    return this.groups.get(key)!;
  }

  /**
   * A lesson's group as written in `--group` or a row: `ИС-25` (the whole group) or
   * `ИС-25/1` (its subgroup «1», see parseGroupRef). A group whose own name has a slash is
   * found first; else the subgroup must exist (refused with the group's subgroups named).
   * With `year` (a year's name) the group is that year's, not the date's.
   */
  lessonGroup(ref: string, date?: IsoDate, year?: string): Found<LessonGroup> {
    const find = (name: string) => (year === undefined ? this.group(name, date) : catching(() => findGroup(this.store, name, year)));
    const whole = find(ref);
    const parsed = parseGroupRef(ref);
    if (!isRefusal(whole) || parsed.subgroup === undefined) return isRefusal(whole) ? whole : { group: whole, subgroup: null, label: whole.name };
    const group = find(parsed.group);
    if (isRefusal(group)) return group;
    const list = this.subgroupsOf(group.id).list;
    const key = groupNameKey(parsed.subgroup);
    const subgroup = list.find((s) => s.name === parsed.subgroup) ?? list.find((s) => groupNameKey(s.name) === key);
    if (!subgroup) return new InputError('journal_subgroup_not_found', { group: group.name, subgroup: parsed.subgroup, known: list.map((s) => subgroupLabel(group.name, s.name)).join(', ') });
    return { group, subgroup, label: subgroupLabel(group.name, subgroup.name) };
  }

  /** A group's subgroups and their members' stays, read once per group. */
  subgroupsOf(groupId: number): { list: SubgroupRow[]; members: SubgroupMemberRow[] } {
    let s = this.subgroups.get(groupId);
    if (!s) this.subgroups.set(groupId, (s = { list: subgroupsOfGroup(this.store, groupId), members: subgroupMembersOfGroup(this.store, groupId) }));
    return s;
  }

  /**
   * A student on a lesson: in the group on its date (see `student`) and, for a lesson of a
   * subgroup, in that subgroup on that date; else refused with the subgroup named.
   */
  studentOnLesson(group: Group, lesson: LessonRow, ref: string, date: IsoDate): Found<MemberRow> {
    const student = this.student(group, ref, date);
    if (isRefusal(student) || lesson.subgroupId === null) return student;
    const { members } = this.subgroupsOf(group.id);
    if (members.some((m) => m.subgroupId === lesson.subgroupId && m.studentId === student.studentId && holds(m, date))) return student;
    return new InputError('journal_student_not_in_subgroup', { student: ref.trim(), subgroup: this.lessonLabel(group, lesson), date: formatDate(date) });
  }

  /** How a lesson's group is written: `ИС-25`, or `ИС-25/1` for a lesson of a subgroup. */
  lessonLabel(group: Group, lesson: LessonRow): string {
    if (lesson.subgroupId === null) return group.name;
    return subgroupLabel(group.name, this.subgroupsOf(group.id).list.find((s) => s.id === lesson.subgroupId)!.name);
  }

  /** The id of the year that holds a date (as findYear picks it), read once per date. */
  private yearIdOn(date: IsoDate): number | null {
    let id = this.yearOfDate.get(date);
    if (id === undefined) this.yearOfDate.set(date, (id = findYearOrNull(this.store, date)?.id ?? null));
    return id;
  }

  /** A group's year (its dates bound every journal read of the group). */
  yearOf(group: Group): YearRow {
    let year = this.spans.get(group.year);
    if (!year) this.spans.set(group.year, (year = findYear(this.store, group.year)));
    return year;
  }

  /** The subject `ref` names for the group (store findSubjectForGroup: `within` its course, or also an earlier one). */
  subject(group: Group, ref: string, within: 'course' | 'earlier' = 'course'): Found<SubjectRow> {
    const key = `${group.id}\u0000${within}\u0000${ref}`;
    if (!this.subjects.has(key)) this.subjects.set(key, catching(() => findSubjectForGroup(this.store, group, ref, within)));
    return this.subjects.get(key)!;
  }

  teacher(ref: string): Found<StaffMember> {
    if (!this.teachers.has(ref)) this.teachers.set(ref, catching(() => findStaff(this.store, ref)));
    return this.teachers.get(ref)!;
  }

  yearPeriods(yearId: number): PeriodRow[] {
    let list = this.periods.get(yearId);
    if (!list) this.periods.set(yearId, (list = listPeriods(this.store, yearId)));
    return list;
  }

  /** The period of the group's year that holds a date; refused when none does or the day is off. */
  /** The lesson of `date` has taken place (domain lessonHeld), so a mark or an absence may be entered for it: else RuleError `journal_lesson_ahead`. */
  held(date: IsoDate): Found<IsoDate> {
    return lessonHeld(date, this.store.today) ? date : new RuleError('journal_lesson_ahead', { date: formatDate(date), today: formatDate(this.store.today) });
  }

  teachingDay(group: Group, date: IsoDate): Found<PeriodRow> {
    const key = `${group.yearId}:${date}`;
    let day = this.days.get(key);
    if (!day) this.days.set(key, (day = this.decideTeachingDay(group, date)));
    return day;
  }

  private decideTeachingDay(group: Group, date: IsoDate): Found<PeriodRow> {
    const period = this.yearPeriods(group.yearId).find((p) => p.start <= date && date <= p.end);
    if (!period) return new InputError('journal_date_outside_periods', { date: formatDate(date), year: group.year });
    const day = this.calendar.dayKind(date);
    if (!this.calendar.isWorkingDay(date)) return new InputError('journal_day_off', { date: formatDate(date), kind: day.name ?? day.kind });
    return period;
  }

  private membersOf(groupId: number): Members {
    let m = this.members.get(groupId);
    if (!m) {
      const rows = groupMemberships(this.store, groupId);
      const index = <K>(key: (r: MemberRow) => K | null) => {
        const map = new Map<K, MemberRow[]>();
        for (const r of rows) {
          const k = key(r);
          if (k === null) continue;
          const list = map.get(k);
          if (list) list.push(r);
          else map.set(k, [r]);
        }
        return map;
      };
      m = { rows, bySnils: index((r) => r.snils), byName: index((r) => nameKeyOf(r.lastName, r.firstName, r.middleName)), byId: index((r) => r.studentId) };
      this.members.set(groupId, m);
    }
    return m;
  }

  /** The students of a group on a date (their stays hold it). */
  studentsOn(groupId: number, date: IsoDate): MemberRow[] {
    return this.membersOf(groupId).rows.filter((r) => holds(r, date));
  }

  /** A student named by id, СНИЛС or full name among those ever in the group, who must be in it on `date`. */
  student(group: Group, ref: string, date: IsoDate): Found<MemberRow> {
    const key = `${group.id}\u0000${ref}`;
    let stays = this.studentRefs.get(key);
    if (!stays) this.studentRefs.set(key, (stays = this.staysOf(group, ref)));
    if (isRefusal(stays)) return stays;
    const stay = stays.find((r) => holds(r, date));
    if (!stay) return new InputError('journal_student_not_in_group', { student: ref.trim(), group: group.name, date: formatDate(date) });
    return stay;
  }

  /** The stays in a group of the one student a reference names (refused when none or several). */
  private staysOf(group: Group, ref: string): Found<MemberRow[]> {
    const m = this.membersOf(group.id);
    const key = studentRefKey(ref);
    const stays = key.kind === 'id' ? m.byId.get(key.id) : key.kind === 'snils' ? m.bySnils.get(key.snils) : m.byName.get(key.name);
    if (!stays?.length) return new InputError('journal_student_unknown', { student: ref.trim(), group: group.name });
    const ids = new Set(stays.map((s) => s.studentId));
    if (ids.size > 1) return new InputError('journal_student_ambiguous', { student: ref.trim(), group: group.name, count: ids.size });
    return stays;
  }

  /** The lessons of a group in a subject on a day (read once per group and subject). */
  lessonsOn(group: Group, subjectId: number, date: IsoDate): LessonRow[] {
    const key = `${group.id}:${subjectId}`;
    let byDate = this.lessons.get(key);
    if (!byDate) {
      byDate = new Map();
      const year = this.yearOf(group);
      for (const l of lessonsOfGroupSubject(this.store, group.id, subjectId, year.start, year.end)) {
        const list = byDate.get(l.date);
        if (list) list.push(l);
        else byDate.set(l.date, [l]);
      }
      this.lessons.set(key, byDate);
    }
    return byDate.get(date) ?? [];
  }

  /**
   * The one lesson a row means: its number, or the only lesson that day. With a subgroup,
   * only that subgroup's lessons count (numbers run over the whole group's day).
   */
  lesson(group: Group, subject: SubjectRow, date: IsoDate, number?: number, subgroup?: SubgroupRow | null): Found<LessonRow> {
    const all = this.lessonsOn(group, subject.id, date);
    const list = subgroup ? all.filter((l) => l.subgroupId === subgroup.id) : all;
    if (number === undefined && list.length === 1) return list[0];
    const found = number === undefined ? undefined : list.find((l) => l.number === number);
    if (found) return found;
    // Only a refusal formats the date: a million rows must not pay for it.
    const params = { group: subgroup ? subgroupLabel(group.name, subgroup.name) : group.name, subject: subject.code, date: formatDate(date) };
    if (number !== undefined) return new InputError('journal_no_lesson_number', { ...params, number });
    if (!list.length) return new InputError('journal_no_lesson', params);
    return new InputError('journal_lesson_ambiguous', { ...params, count: list.length });
  }
}

function findYearOrNull(store: Store, date: IsoDate): YearRow | null {
  try {
    return findYear(store, undefined, date);
  } catch {
    return null;
  }
}
