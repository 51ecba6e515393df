/**
 * The journal's scales as pure rules: current marks, attendance codes, and the cells of a
 * grid journal page (`5`, `н`, `н/Б`). No I/O, no clock: the store and the services ask here.
 */
import type { MessageKey } from '../core/i18n.js';
import type { IsoDate } from './dates.js';

/** Current marks: the five-point scale and pass/fail. */
export const MARK_VALUES = ['5', '4', '3', '2', '1', 'зач', 'незач'] as const;
export type MarkValue = (typeof MARK_VALUES)[number];

/**
 * Attendance codes as NetSchool shows them: ОТ absent, reason not yet given; Б ill; УП
 * excused; НП unexcused; ОП late (not an absence); ОСВ released (left out of the figures).
 */
export const ATTENDANCE_CODES = ['ОТ', 'Б', 'УП', 'НП', 'ОП', 'ОСВ'] as const;
export type AttendanceCode = (typeof ATTENDANCE_CODES)[number];

/** The codes that mean the student was not there: no mark can stand beside them. */
export const ABSENCE_CODES: ReadonlySet<AttendanceCode> = new Set(['ОТ', 'Б', 'УП', 'НП']);
/** What a curator may turn ОТ into once a document (or its absence) is known. */
export const REASON_CODES = ['Б', 'УП', 'НП'] as const;
export type ReasonCode = (typeof REASON_CODES)[number];

/** Absences that count as unexcused in the figures: НП, and ОТ until a reason is set. */
export const UNEXCUSED_CODES: ReadonlySet<AttendanceCode> = new Set(['ОТ', 'НП']);

function fold(text: string): string {
  return text.normalize('NFC').trim().toLowerCase().replace(/ё/g, 'е').replace(/\s+/g, ' ');
}

const MARK_WORDS: Record<string, MarkValue> = {
  '5': '5', '4': '4', '3': '3', '2': '2', '1': '1',
  зач: 'зач', 'зач.': 'зач', зачет: 'зач', зачтено: 'зач',
  незач: 'незач', 'незач.': 'незач', незачет: 'незач', 'не зачтено': 'незач', незачтено: 'незач',
};

/** A current mark as typed (`5`, `зачёт`, `Незач`), or undefined when it is not on the scale. */
export function parseMark(text: string): MarkValue | undefined {
  return MARK_WORDS[fold(text)];
}

/** An attendance code as typed; a lower-case `н` (or `Н`) means ОТ. */
export function parseAttendanceCode(text: string): AttendanceCode | undefined {
  const s = fold(text);
  if (s === 'н' || s === 'h') return 'ОТ';
  return ATTENDANCE_CODES.find((c) => c.toLowerCase() === s);
}

export function isAbsence(code: AttendanceCode): boolean {
  return ABSENCE_CODES.has(code);
}

/** The numeric value of a mark on the five-point scale; pass/fail has none. */
export function markPoints(mark: MarkValue): number | undefined {
  const n = Number(mark);
  return Number.isInteger(n) ? n : undefined;
}

/** One cell of a grid journal page. */
export type GridCell =
  | { kind: 'empty' }
  | { kind: 'mark'; mark: MarkValue }
  | { kind: 'absence'; code: AttendanceCode }
  | { kind: 'invalid'; reason: MessageKey };

/**
 * A grid cell: empty, a mark (`5`, `зач`), an attendance code (`н`, `Б`, `ОП`), or an
 * absence with its reason (`н/Б`, `н/УП`, `н/НП`). A mark beside an absence (`5/н`) is not
 * valid: the student was either there or not.
 */
export function parseGridCell(text: string): GridCell {
  const s = text.trim();
  if (s === '') return { kind: 'empty' };
  const parts = s.split(/\s*[/\\]\s*/);
  if (parts.length === 1) {
    const mark = parseMark(s);
    if (mark) return { kind: 'mark', mark };
    const code = parseAttendanceCode(s);
    if (code) return { kind: 'absence', code };
    return { kind: 'invalid', reason: 'grid_cell_invalid' };
  }
  if (parts.length === 2) {
    const [a, b] = parts.map(parseAttendanceCode);
    const marks = parts.map(parseMark);
    if (marks.some(Boolean)) return { kind: 'invalid', reason: 'grid_cell_mark_and_absence' };
    // `н/Б`: absent, and the reason is known; either order.
    if (a === 'ОТ' && b && isAbsence(b)) return { kind: 'absence', code: b };
    if (b === 'ОТ' && a && isAbsence(a)) return { kind: 'absence', code: a };
  }
  return { kind: 'invalid', reason: 'grid_cell_invalid' };
}

/** Work types of current marks as the store holds them (weight default 1). */
export interface WorkType {
  id: number;
  name: string;
  weight: number;
}

/** A work type named as typed: case, ё and spacing do not matter. */
export function findWorkType(types: readonly WorkType[], text: string): WorkType | undefined {
  const key = fold(text);
  return types.find((t) => fold(t.name) === key);
}

/** A current mark's slot and content: one per lesson, student and work type. */
export interface MarkSlot {
  lessonId: number;
  studentId: number;
  workTypeId: number;
  value: MarkValue;
  weight: number;
}

/** The key of a mark's slot in the maps below. */
export function markSlotKey(m: Pick<MarkSlot, 'lessonId' | 'studentId' | 'workTypeId'>): string {
  return `${m.lessonId}:${m.studentId}:${m.workTypeId}`;
}

export interface MarkWrites<D> {
  inserts: D[];
  updates: { id: number; draft: D; before: MarkValue }[];
  unchanged: number;
}

/**
 * What writing marks does to the marks already there (by slot key): a new slot is inserted,
 * a slot with another value or weight is updated, the same mark is left alone. `drafts`
 * name each slot once (imports refuse a second row for a slot).
 */
export function sortMarkWrites<D extends MarkSlot>(drafts: readonly D[], existing: ReadonlyMap<string, { id: number; value: MarkValue; weight: number }>): MarkWrites<D> {
  if (!existing.size) return { inserts: [...drafts], updates: [], unchanged: 0 };
  const out: MarkWrites<D> = { inserts: [], updates: [], unchanged: 0 };
  for (const d of drafts) {
    const old = existing.get(markSlotKey(d));
    if (!old) out.inserts.push(d);
    else if (old.value === d.value && old.weight === d.weight) out.unchanged++;
    else out.updates.push({ id: old.id, draft: d, before: old.value });
  }
  return out;
}

/** An attendance mark's slot and code: one per lesson and student. */
export interface AttendanceSlot {
  lessonId: number;
  studentId: number;
  code: AttendanceCode;
}

export interface AttendanceWrites<D> {
  inserts: D[];
  /** ОТ turned into a reason (Б, УП, НП): who set the reason is recorded beside who entered the absence. */
  reasons: { draft: D; before: AttendanceCode }[];
  /** Any other change: entered anew. */
  replaces: { draft: D; before: AttendanceCode }[];
  unchanged: number;
}

/** What writing attendance marks does to those already there (by `lessonId:studentId`); each slot named once. */
export function sortAttendanceWrites<D extends AttendanceSlot>(drafts: readonly D[], existing: ReadonlyMap<string, AttendanceCode>): AttendanceWrites<D> {
  const out: AttendanceWrites<D> = { inserts: [], reasons: [], replaces: [], unchanged: 0 };
  for (const d of drafts) {
    const before = existing.get(`${d.lessonId}:${d.studentId}`);
    if (!before) out.inserts.push(d);
    else if (before === d.code) out.unchanged++;
    else if (before === 'ОТ' && (REASON_CODES as readonly string[]).includes(d.code)) out.reasons.push({ draft: d, before });
    else out.replaces.push({ draft: d, before });
  }
  return out;
}

/** A lesson's group as written: the group, and the subgroup after a slash (`ИС-25/1`). */
export interface GroupRef {
  group: string;
  subgroup?: string;
}

/**
 * `ИС-25/1` is subgroup «1» of group ИС-25 (issue 10: a lesson names «date, group (or
 * subgroup)»); `ИС-25` the whole group. The last slash splits, spaces around it do not count;
 * with nothing on either side of it the text is taken whole as a group's name.
 */
export function parseGroupRef(text: string): GroupRef {
  const at = text.lastIndexOf('/');
  const group = text.slice(0, at).trim();
  const subgroup = text.slice(at + 1).trim();
  if (at < 0 || !group || !subgroup) return { group: text.trim() };
  return { group, subgroup };
}

/** How a subgroup is written: `ИС-25/1`. */
export function subgroupLabel(group: string, subgroup: string): string {
  return `${group}/${subgroup}`;
}

/**
 * Whether a lesson of `date` has taken place by `today`: marks and absences are entered for a
 * lesson on its day or after, never ahead (a lesson itself, with its topic, may be planned
 * before its day).
 */
export function lessonHeld(date: IsoDate, today: IsoDate): boolean {
  return date <= today;
}
