/**
 * The columns of journal imports and how a row names a student. Pure: the readers in io/
 * and the services share these.
 */
import type { FieldSpec } from './fields.js';
import { foldLatinLookalikes } from './homoglyphs.js';
import { normalizeSnils } from './snils.js';

const common = {
  date: { aliases: ['Дата', 'Дата занятия', 'Дата урока', 'date'], required: true },
  group: { aliases: ['Группа', 'Класс', 'group'], required: true },
  subject: { aliases: ['Предмет', 'Дисциплина', 'Индекс', 'Код дисциплины', 'subject'], required: true },
  number: { aliases: ['Номер', '№', 'Номер занятия', 'Номер урока', 'Пара', 'number'] },
} satisfies Record<string, FieldSpec>;

export const LESSON_FIELDS = {
  ...common,
  teacher: { aliases: ['Преподаватель', 'Учитель', 'teacher'], required: true },
  hours: { aliases: ['Часы', 'Часов', 'Количество часов', 'hours'] },
  topic: { aliases: ['Тема', 'Тема занятия', 'Тема урока', 'topic'] },
  homework: { aliases: ['Домашнее задание', 'ДЗ', 'Задание', 'homework'] },
} satisfies Record<string, FieldSpec>;

const student = { aliases: ['Обучающийся', 'Студент', 'Ученик', 'ФИО', 'СНИЛС', 'student'], required: true } satisfies FieldSpec;

export const MARK_FIELDS = {
  ...common,
  student,
  mark: { aliases: ['Оценка', 'Отметка', 'mark'], required: true },
  work_type: { aliases: ['Вид работы', 'Тип работы', 'Вид задания', 'work_type'] },
} satisfies Record<string, FieldSpec>;

export const ATTENDANCE_FIELDS = {
  ...common,
  student,
  code: { aliases: ['Код', 'Пропуск', 'Посещаемость', 'Отметка о посещении', 'code'], required: true },
} satisfies Record<string, FieldSpec>;

export type LessonField = keyof typeof LESSON_FIELDS;
export type MarkField = keyof typeof MARK_FIELDS;
export type AttendanceField = keyof typeof ATTENDANCE_FIELDS;

/** The folded full name students are matched on (as store/people's nameKey). */
export function nameKeyOf(last: string, first: string, middle?: string | null): string {
  return [last, first, middle ?? ''].join(' ').toLowerCase().replace(/ё/g, 'е').replace(/\s+/g, ' ').trim();
}

export type StudentRef = { kind: 'id'; id: number } | { kind: 'snils'; snils: string } | { kind: 'name'; name: string };

/** How a cell names a student: the store's id, a СНИЛС, or a full name. */
export function studentRefKey(text: string): StudentRef {
  const s = text.trim();
  if (/^\d{1,9}$/.test(s)) return { kind: 'id', id: Number(s) };
  const snils = /^[\d\s-]{11,14}$/.test(s) ? normalizeSnils(s) : undefined;
  if (snils) return { kind: 'snils', snils };
  // A name typed with a Latin look-alike (Медвeдева, Latin e) is the name as the store keeps it.
  return { kind: 'name', name: nameKeyOf(foldLatinLookalikes(s).text, '') };
}

/** A lesson's number that day or its hours, as typed; undefined when not a whole number in range. */
export function parseWhole(text: string, min: number, max: number): number | undefined {
  const s = text.trim();
  if (!/^\d+$/.test(s)) return undefined;
  const n = Number(s);
  return n >= min && n <= max ? n : undefined;
}
