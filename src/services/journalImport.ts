/**
 * `journal import`: lessons, marks or attendance from a file, all or nothing (unless
 * `skipInvalid`), every bad row named; `--layout grid` reads a journal page per sheet (one
 * group and subject; students in rows, lesson dates in columns) and names bad cells (`D7`).
 * A lock refuses the whole import (exit 4); `dryRun` decides everything and writes nothing.
 */
import { AppError, InputError, UsageError } from '../core/errors.js';
import { t } from '../core/i18n.js';
import type { RowIssue } from '../core/rowIssue.js';
import { formatDate, parseDate, type IsoDate } from '../domain/dates.js';
import { isAbsence, parseAttendanceCode, parseGridCell, parseMark, type AttendanceCode, type WorkType } from '../domain/journal.js';
import { ATTENDANCE_FIELDS, LESSON_FIELDS, MARK_FIELDS, parseWhole } from '../domain/journalRows.js';
import { normalizeHeader, type FieldSpec } from '../domain/fields.js';
import { boundedText, TEXT_LIMITS } from '../domain/text.js';
import { openImport, type ImportOptions, type ImportStream } from '../io/importTable.js';
import { cellAddress, readWorkbook, type SheetGrid } from '../io/readWorkbook.js';
import { checkOutput } from '../io/atomicWrite.js';
import { protectInput } from '../io/outputGuard.js';
import type { Group } from '../store/groups.js';
import { attendanceOfGroup, listWorkTypes, marksOfGroup, saveLesson, writeAttendance, writeMarks, type AttendanceDraft, type LessonDraft, type LessonRow, type MarkDraft } from '../store/journal.js';
import { openLockGate, overrideAudit } from '../store/locks.js';
import { getNumberSetting } from '../store/settings.js';
import type { Store } from '../store/store.js';
import type { SubjectRow } from '../store/programs.js';
import type { SubgroupRow } from '../store/subgroups.js';
import { checkSameSubgroup, workTypeNamed } from './journal.js';
import { withReadBounds } from './importLimits.js';
import { isRefusal, JournalRefs } from './journalRefs.js';

export type JournalKind = 'lessons' | 'marks' | 'attendance';

export interface JournalImportOptions extends ImportOptions {
  file: string;
  kind: JournalKind;
  layout?: 'rows' | 'grid';
  /** The work type of marks in a grid (default «устный ответ»). */
  workType?: string;
  dryRun?: boolean;
  /** The reason to change lessons after their edit window (audited with the rules it passed). */
  override?: string;
  onProgress?: (done: number, total: number) => void;
}

export interface JournalImportReport {
  file: string;
  kind: JournalKind;
  layout: 'rows' | 'grid';
  rows: number;
  lessons: { created: number; updated: number; unchanged: number };
  marks: { created: number; updated: number; unchanged: number };
  attendance: { created: number; updated: number; unchanged: number };
  rejected: RowIssue[];
  ignoredColumns: string[];
  dryRun: boolean;
}

interface Plan {
  lessons: LessonDraft[];
  marks: MarkDraft[];
  attendance: AttendanceDraft[];
}

const zero = () => ({ created: 0, updated: 0, unchanged: 0 });

/** The changes of existing marks an import's audit record lists. */
const AUDITED_CHANGES = 1000;

/** The file as read, before any row is checked against the store. */
type Input =
  | { layout: 'rows'; imp: ImportStream<string> }
  | { layout: 'grid'; sheets: SheetGrid[] };

/** Every row decided: what to write, what is refused, and how much the file held. */
interface Decided {
  plan: Plan;
  rejected: RowIssue[];
  rows: number;
  ignored: string[];
}

const FIELDS: Record<JournalKind, Record<string, FieldSpec>> = { lessons: LESSON_FIELDS, marks: MARK_FIELDS, attendance: ATTENDANCE_FIELDS };

/**
 * `journal import`: open the file (within the settings' bounds), then decide every row as it
 * is read (a CSV a chunk at a time: only the plan is kept, never the file's rows) and write,
 * in one transaction: lookups cached per run (groups per date, students per reference,
 * teaching days), absences and marks read once per group and subject, the writes in bulk
 * (store/journal.ts). Refused rows: InputError `invalid_rows` / `journal_grid_invalid` (exit
 * 3, nothing written) unless `skipInvalid`; a lock: RuleError (exit 4, nothing written).
 */
export async function importJournal(store: Store, o: JournalImportOptions): Promise<JournalImportReport> {
  const layout = o.layout ?? 'rows';
  if (layout === 'grid' && o.kind === 'lessons') throw new UsageError('journal_grid_lessons');
  const read = withReadBounds(store, o);
  if (layout === 'grid') {
    // As openImport does for rows: nothing this run writes may replace the workbook or the store, checked before any work.
    protectInput(o.file);
    if (o.errors) checkOutput(o.errors, { force: o.force });
  }
  const input: Input = layout === 'grid'
    ? { layout, sheets: await readWorkbook(o.file, read.maxBytes!, read.limits) }
    : { layout, imp: await openImport(o.file, FIELDS[o.kind], read) };
  // The rows are decided against the store as it is inside the write transaction (a dry run reads it as it is now).
  const decide = (): Decided => {
    const refs = new JournalRefs(store);
    const plan: Plan = { lessons: [], marks: [], attendance: [] };
    const rejected: RowIssue[] = [];
    if (input.layout === 'grid') return { plan, rejected, rows: planGrid(store, refs, o, input.sheets, plan, rejected), ignored: [] };
    const planRows = o.kind === 'lessons' ? planLessons : o.kind === 'marks' ? planMarks : planAttendance;
    const rows = planRows(store, refs, o, input.imp, plan, rejected);
    return { plan, rejected, rows, ignored: input.imp.ignored };
  };
  const settle = (d: Decided) => (input.layout === 'grid' ? settleGrid(o, d.rejected, d.rows) : input.imp.settle(d.rejected));
  const report = (d: Decided): JournalImportReport => ({ file: o.file, kind: o.kind, layout, rows: d.rows, lessons: zero(), marks: zero(), attendance: zero(), rejected: d.rejected, ignoredColumns: d.ignored, dryRun: Boolean(o.dryRun) });

  const write = () => {
    const d = decide();
    const r = report(d);
    // Refused rows without --skip-invalid: nothing is written, and settle() below says why.
    if (d.rejected.length && !o.skipInvalid) return { d, r };
    const { plan } = d;
    if (!plan.lessons.length && !plan.marks.length && !plan.attendance.length) return { d, r };
    const gate = openLockGate(store, o.override);
    const at = store.nowIso();
    for (const l of plan.lessons) r.lessons[saveLesson(store, gate, l, at).action]++;
    const m = writeMarks(store, gate, plan.marks, at, AUDITED_CHANGES);
    const a = writeAttendance(store, gate, plan.attendance, at, AUDITED_CHANGES);
    r.marks = { created: m.created, updated: m.updated, unchanged: m.unchanged };
    r.attendance = { created: a.created, updated: a.updated, unchanged: a.unchanged };
    // A file imported again changes nothing, and leaves no record.
    if (r.lessons.created + r.lessons.updated + m.created + m.updated + a.created + a.updated === 0) return { d, r };
    store.audit({
      entity: 'journal',
      action: 'import',
      after: {
        file: o.file, kind: o.kind, layout, lessons: r.lessons, marks: r.marks, attendance: r.attendance, markChanges: m.changes, attendanceChanges: a.changes.slice(0, AUDITED_CHANGES),
        ...overrideAudit(gate),
      },
    });
    return { d, r };
  };
  // A dry run goes through the very writes and rolls them back: it counts what is new, changed
  // and unchanged, and meets the locks, exactly as the import would.
  const { d, r } = o.dryRun ? store.rehearse(write) : store.mutate(write);
  await settle(d);
  return r;
}

// ---- rows ---------------------------------------------------------------------

type Reject = (row: number, field: string, value: string, reason: string) => void;

interface RowContext {
  group: Group;
  /** The subgroup the row's group names (`ИС-25/1`), else null. */
  subgroup: SubgroupRow | null;
  /** The group as the row writes it: `ИС-25` or `ИС-25/1`. */
  label: string;
  subject: SubjectRow;
  date: IsoDate;
  number?: number;
}

/** The part every row shares: group (or subgroup, `ИС-25/1`), subject, date (a teaching day in the group's year), lesson number. */
function rowContext(refs: JournalRefs, cell: (f: 'date' | 'group' | 'subject' | 'number') => string, row: number, reject: Reject): RowContext | undefined {
  const dateText = cell('date');
  const date = parseDate(dateText);
  if (!date) return reject(row, 'date', dateText, t('journal_bad_date')), undefined;
  const named = refs.lessonGroup(cell('group'), date);
  if (isRefusal(named)) return reject(row, 'group', cell('group'), named.message), undefined;
  const { group, subgroup, label } = named;
  const subject = refs.subject(group, cell('subject'));
  if (isRefusal(subject)) return reject(row, 'subject', cell('subject'), subject.message), undefined;
  const day = refs.teachingDay(group, date);
  if (isRefusal(day)) return reject(row, 'date', dateText, day.message), undefined;
  const numberText = cell('number');
  let number: number | undefined;
  if (numberText) {
    number = parseWhole(numberText, 1, 12);
    if (number === undefined) return reject(row, 'number', numberText, t('journal_bad_number')), undefined;
  }
  return { group, subgroup, label, subject, date, number };
}

/** Each planner reads the rows once, deciding each as it comes; returns how many there were. */
function planLessons(store: Store, refs: JournalRefs, o: JournalImportOptions, imp: ImportStream<keyof typeof LESSON_FIELDS>, plan: Plan, rejected: RowIssue[]): number {
  const reject: Reject = (row, field, value, reason) => rejected.push(imp.issue(row, field as keyof typeof LESSON_FIELDS, value, reason));
  const defaultHours = getNumberSetting(store, 'lesson.hours');
  const seen = new Map<string, number>();
  const perDay = new Map<string, number>();
  // An unnumbered lesson's day and content → its row: a second such row becomes the day's next
  // lesson, as a double lesson should, but it is more often a copy, so the user is told.
  const unnumbered = new Map<string, number>();
  return imp.scan((line) => {
    const cell = (f: keyof typeof LESSON_FIELDS) => imp.cell(line, f) ?? '';
    const ctx = rowContext(refs, cell, line.row, reject);
    if (!ctx) return;
    const teacher = refs.teacher(cell('teacher'));
    if (isRefusal(teacher)) return reject(line.row, 'teacher', cell('teacher'), teacher.message);
    for (const f of ['topic', 'homework'] as const) {
      const text = boundedText(cell(f), TEXT_LIMITS.note);
      if (!text.ok) return reject(line.row, f, cell(f), text.reason);
    }
    let hours = defaultHours;
    if (cell('hours')) {
      const h = parseWhole(cell('hours'), 1, 12);
      if (h === undefined) return reject(line.row, 'hours', cell('hours'), t('journal_bad_hours'));
      hours = h;
    }
    const day = `${ctx.group.id}:${ctx.subject.id}:${ctx.date}`;
    const number = ctx.number ?? (perDay.get(day) ?? 0) + 1;
    const same = refs.lessonsOn(ctx.group, ctx.subject.id, ctx.date).find((l) => l.number === number);
    const other = same && catching(() => checkSameSubgroup(refs, ctx.group, same, ctx.subgroup?.id ?? null, ctx.label));
    if (other instanceof AppError) return reject(line.row, 'number', String(number), other.message);
    perDay.set(day, Math.max(perDay.get(day) ?? 0, number));
    const key = `${day}:${number}`;
    const earlier = seen.get(key);
    if (earlier !== undefined) return reject(line.row, 'date', cell('date'), t('journal_same_lesson_as_row', { row: earlier }));
    seen.set(key, line.row);
    if (ctx.number === undefined) {
      const content = JSON.stringify([day, ctx.subgroup?.id ?? null, teacher.id, hours, cell('topic'), cell('homework')]);
      const first = unnumbered.get(content);
      if (first === undefined) unnumbered.set(content, line.row);
      else o.notices?.warn(t('journal_lesson_repeated', { row: line.row, first, number, date: formatDate(ctx.date) }));
    }
    plan.lessons.push({ groupId: ctx.group.id, subjectId: ctx.subject.id, subgroupId: ctx.subgroup?.id ?? null, teacherId: teacher.id, date: ctx.date, number, hours, topic: cell('topic') || null, homework: cell('homework') || null });
  }, o.onProgress).rows;
}

/**
 * Who is absent and who has a mark on a lesson, read once per group and subject (the
 * year's lessons at once), not once per lesson.
 */
class LessonFacts {
  private readonly absent = new Map<string, Map<string, AttendanceCode>>();
  private readonly marked = new Map<string, Set<string>>();
  constructor(
    private readonly store: Store,
    private readonly refs: JournalRefs,
  ) {}
  private span(groupId: number, subjectId: number, group: Group) {
    const year = this.refs.yearOf(group);
    return { groupId, subjectId, from: year.start, to: year.end };
  }
  codeOf(group: Group, lesson: LessonRow, studentId: number): AttendanceCode | undefined {
    const key = `${lesson.groupId}:${lesson.subjectId}`;
    let m = this.absent.get(key);
    if (!m) this.absent.set(key, (m = new Map(attendanceOfGroup(this.store, this.span(lesson.groupId, lesson.subjectId, group)).map((a) => [`${a.lessonId}:${a.studentId}`, a.code]))));
    return m.get(`${lesson.id}:${studentId}`);
  }
  hasMark(group: Group, lesson: LessonRow, studentId: number): boolean {
    const key = `${lesson.groupId}:${lesson.subjectId}`;
    let s = this.marked.get(key);
    if (!s) this.marked.set(key, (s = new Set(marksOfGroup(this.store, this.span(lesson.groupId, lesson.subjectId, group)).map((m) => `${m.lessonId}:${m.studentId}`))));
    return s.has(`${lesson.id}:${studentId}`);
  }
}

/**
 * The row that first named each slot of a lesson (a student, and for marks the work type's
 * place in the list): numbers in a map per lesson, not a string per row, for a million rows.
 */
class FirstRows {
  private readonly byLesson = new Map<number, Map<number, number>>();
  constructor(private readonly slots: number) {}
  /** The earlier row that named this slot; undefined when none did (this row is remembered). */
  claim(lessonId: number, studentId: number, slot: number, row: number): number | undefined {
    let rows = this.byLesson.get(lessonId);
    if (!rows) this.byLesson.set(lessonId, (rows = new Map()));
    const key = studentId * this.slots + slot;
    const earlier = rows.get(key);
    if (earlier === undefined) rows.set(key, row);
    return earlier;
  }
}

function lessonAndStudent(refs: JournalRefs, ctx: RowContext, studentText: string, row: number, reject: Reject): { lesson: LessonRow; studentId: number } | undefined {
  const held = refs.held(ctx.date);
  if (isRefusal(held)) return reject(row, 'date', formatDate(ctx.date), held.message), undefined;
  const lesson = refs.lesson(ctx.group, ctx.subject, ctx.date, ctx.number, ctx.subgroup);
  if (isRefusal(lesson)) return reject(row, 'date', formatDate(ctx.date), lesson.message), undefined;
  const student = refs.studentOnLesson(ctx.group, lesson, studentText, ctx.date);
  if (isRefusal(student)) return reject(row, 'student', studentText, student.message), undefined;
  return { lesson, studentId: student.studentId };
}

function planMarks(store: Store, refs: JournalRefs, o: JournalImportOptions, imp: ImportStream<keyof typeof MARK_FIELDS>, plan: Plan, rejected: RowIssue[]): number {
  const reject: Reject = (row, field, value, reason) => rejected.push(imp.issue(row, field as keyof typeof MARK_FIELDS, value, reason));
  const types = listWorkTypes(store);
  const facts = new LessonFacts(store, refs);
  const seen = new FirstRows(Math.max(1, types.length));
  const typeSlot = new Map(types.map((w, i) => [w.id, i]));
  const typeOf = new Map<string, WorkType | AppError>();
  return imp.scan((line) => {
    const cell = (f: keyof typeof MARK_FIELDS) => imp.cell(line, f) ?? '';
    const ctx = rowContext(refs, cell, line.row, reject);
    if (!ctx) return;
    const found = lessonAndStudent(refs, ctx, cell('student'), line.row, reject);
    if (!found) return;
    const value = parseMark(cell('mark'));
    if (!value) return reject(line.row, 'mark', cell('mark'), t('journal_bad_mark', { value: cell('mark') }));
    const typeText = cell('work_type');
    if (!typeOf.has(typeText)) typeOf.set(typeText, catching(() => workTypeNamed(types, typeText)));
    const type = typeOf.get(typeText)!;
    if (type instanceof AppError) return reject(line.row, 'work_type', typeText, type.message);
    const code = facts.codeOf(ctx.group, found.lesson, found.studentId);
    if (code && isAbsence(code)) return reject(line.row, 'mark', cell('mark'), t('journal_mark_for_absent', { student: cell('student'), date: formatDate(ctx.date), code }));
    const earlier = seen.claim(found.lesson.id, found.studentId, typeSlot.get(type.id)!, line.row);
    if (earlier !== undefined) return reject(line.row, 'student', cell('student'), t('journal_same_mark_as_row', { row: earlier }));
    plan.marks.push({ lessonId: found.lesson.id, date: ctx.date, studentId: found.studentId, value, workTypeId: type.id, weight: type.weight });
  }, o.onProgress).rows;
}

function planAttendance(store: Store, refs: JournalRefs, o: JournalImportOptions, imp: ImportStream<keyof typeof ATTENDANCE_FIELDS>, plan: Plan, rejected: RowIssue[]): number {
  const reject: Reject = (row, field, value, reason) => rejected.push(imp.issue(row, field as keyof typeof ATTENDANCE_FIELDS, value, reason));
  const facts = new LessonFacts(store, refs);
  const seen = new FirstRows(1);
  return imp.scan((line) => {
    const cell = (f: keyof typeof ATTENDANCE_FIELDS) => imp.cell(line, f) ?? '';
    const ctx = rowContext(refs, cell, line.row, reject);
    if (!ctx) return;
    const found = lessonAndStudent(refs, ctx, cell('student'), line.row, reject);
    if (!found) return;
    const code = parseAttendanceCode(cell('code'));
    if (!code) return reject(line.row, 'code', cell('code'), t('journal_bad_code', { value: cell('code') }));
    if (isAbsence(code) && facts.hasMark(ctx.group, found.lesson, found.studentId)) return reject(line.row, 'code', cell('code'), t('journal_absent_has_mark', { student: cell('student'), date: formatDate(ctx.date) }));
    const earlier = seen.claim(found.lesson.id, found.studentId, 0, line.row);
    if (earlier !== undefined) return reject(line.row, 'student', cell('student'), t('journal_same_mark_as_row', { row: earlier }));
    plan.attendance.push({ lessonId: found.lesson.id, date: ctx.date, studentId: found.studentId, code });
  }, o.onProgress).rows;
}

function catching<T>(fn: () => T): T | AppError {
  try {
    return fn();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
}

// ---- grid ---------------------------------------------------------------------

const META_GROUP = new Set(['группа', 'класс', 'group'].map(normalizeHeader));
const META_SUBJECT = new Set(['предмет', 'дисциплина', 'subject'].map(normalizeHeader));
const STUDENT_HEADERS = new Set(['обучающийся', 'студент', 'ученик', 'фио', 'student', 'снилс'].map(normalizeHeader));

/**
 * One sheet per group and subject. The group and the subject come from rows «Группа | ИС-25»
 * and «Предмет | ОУД.04» above the table, else from the sheet's name («ИС-25 ОУД.04»). The
 * header row has «Обучающийся» (or «ФИО», «СНИЛС») and a date over each lesson's column
 * (a date twice: the first and second lesson that day). Cells: `5`, `зач`, `н`, `н/Б`, `ОП`.
 */
function planGrid(store: Store, refs: JournalRefs, o: JournalImportOptions, sheets: SheetGrid[], plan: Plan, rejected: RowIssue[]): number {
  const type = workTypeNamed(listWorkTypes(store), o.workType);
  const facts = new LessonFacts(store, refs);
  let cells = 0;
  for (const sheet of sheets) {
    const issue = (r: number, c: number, value: string, reason: string) => rejected.push({ row: r + 1, column: `${sheet.name}!${cellAddress(r, c)}`, value, reason });
    let groupName: string | undefined;
    let subjectRef: string | undefined;
    let header = -1;
    let studentCol = -1;
    for (let r = 0; r < sheet.cells.length && header < 0; r++) {
      const line = sheet.cells[r];
      const first = line.findIndex((c) => c !== '');
      if (first < 0) continue;
      const key = normalizeHeader(line[first]);
      const value = line.slice(first + 1).find((c) => c !== '');
      if (META_GROUP.has(key)) groupName = value;
      else if (META_SUBJECT.has(key)) subjectRef = value;
      else {
        const col = line.findIndex((c) => STUDENT_HEADERS.has(normalizeHeader(c)));
        if (col >= 0) {
          header = r;
          studentCol = col;
        }
      }
    }
    if (header < 0) {
      rejected.push({ row: 1, column: sheet.name, reason: t('journal_grid_no_header') });
      continue;
    }
    if (!groupName || !subjectRef) {
      const [g, ...rest] = sheet.name.trim().split(/\s+/);
      groupName ??= g;
      subjectRef ??= rest.join(' ');
    }
    // Lesson columns: a date each; the n-th time a date appears is that day's n-th lesson.
    const columns: { col: number; date: IsoDate; number: number }[] = [];
    const perDay = new Map<IsoDate, number>();
    sheet.cells[header].forEach((text, col) => {
      if (col <= studentCol || text === '') return;
      const date = parseDate(text);
      if (!date) return void issue(header, col, text, t('journal_bad_date'));
      const number = (perDay.get(date) ?? 0) + 1;
      perDay.set(date, number);
      columns.push({ col, date, number });
    });
    const firstDate = columns[0]?.date;
    const named = refs.lessonGroup(groupName, firstDate);
    if (isRefusal(named)) {
      rejected.push({ row: header + 1, column: sheet.name, value: groupName, reason: named.message });
      continue;
    }
    const { group, subgroup } = named;
    const subject = refs.subject(group, subjectRef);
    if (isRefusal(subject)) {
      rejected.push({ row: header + 1, column: sheet.name, value: subjectRef, reason: subject.message });
      continue;
    }
    const lessons = new Map<number, LessonRow>();
    for (const c of columns) {
      const day = refs.teachingDay(group, c.date);
      const held = isRefusal(day) ? day : refs.held(c.date);
      if (isRefusal(held)) {
        issue(header, c.col, sheet.cells[header][c.col], held.message);
        continue;
      }
      const lesson = refs.lesson(group, subject, c.date, perDay.get(c.date)! > 1 ? c.number : undefined, subgroup);
      if (isRefusal(lesson)) issue(header, c.col, sheet.cells[header][c.col], lesson.message);
      else lessons.set(c.col, lesson);
    }
    for (let r = header + 1; r < sheet.cells.length; r++) {
      const line = sheet.cells[r];
      const ref = line[studentCol] ?? '';
      if (ref === '') continue;
      for (const c of columns) {
        const text = line[c.col] ?? '';
        const parsed = parseGridCell(text);
        if (parsed.kind === 'empty') continue;
        cells++;
        if (parsed.kind === 'invalid') {
          issue(r, c.col, text, t(parsed.reason as 'grid_cell_invalid'));
          continue;
        }
        const lesson = lessons.get(c.col);
        if (!lesson) continue; // its column is already refused
        const student = refs.studentOnLesson(group, lesson, ref, c.date);
        if (isRefusal(student)) {
          issue(r, c.col, text, student.message);
          continue;
        }
        if (parsed.kind === 'mark') {
          const code = facts.codeOf(group, lesson, student.studentId);
          if (code && isAbsence(code)) {
            issue(r, c.col, text, t('journal_mark_for_absent', { student: ref, date: formatDate(c.date), code }));
            continue;
          }
          plan.marks.push({ lessonId: lesson.id, date: c.date, studentId: student.studentId, value: parsed.mark, workTypeId: type.id, weight: type.weight });
        } else {
          if (isAbsence(parsed.code) && facts.hasMark(group, lesson, student.studentId)) {
            issue(r, c.col, text, t('journal_absent_has_mark', { student: ref, date: formatDate(c.date) }));
            continue;
          }
          plan.attendance.push({ lessonId: lesson.id, date: c.date, studentId: student.studentId, code: parsed.code });
        }
      }
    }
  }
  // A rejected cell never entered the plan: with --skip-invalid the rest goes in as it is.
  return cells;
}

async function settleGrid(o: JournalImportOptions, rejected: RowIssue[], cells: number): Promise<void> {
  if (!rejected.length) return;
  if (o.errors) {
    const { writeTable } = await import('../io/writeTable.js');
    await writeTable(o.errors, { name: t('import_errors_sheet'), headers: [t('journal_col_cell'), t('journal_col_value'), t('journal_col_error')], rows: rejected.map((r) => [r.column ?? '', r.value ?? '', r.reason]) }, { force: o.force });
    o.notices?.info(t('journal_rejects_written', { file: o.errors }));
  }
  if (o.skipInvalid) return;
  throw new InputError('journal_grid_invalid', { file: o.file, bad: rejected.length, cells }, rejected);
}
