/**
 * Programs and their curricula (учебный план): durations, courses and semesters, subject
 * kinds, the module rule and the forms of intermediate assessment, with the spellings
 * colleges actually use. Variants are compared like import headers: case, ё, spaces and
 * punctuation do not matter («Диф. зачёт» = «дифзачет»).
 */
import { t } from '../core/i18n.js';
import { normalizeHeader as variantKey, type FieldSpec } from './fields.js';
import type { Validation } from './snils.js';
import { boundedText } from './text.js';

export const STUDY_FORMS = ['очная', 'очно-заочная', 'заочная'] as const;
export type StudyForm = (typeof STUDY_FORMS)[number];

export const SUBJECT_KINDS = ['УД', 'ПМ', 'МДК', 'УП', 'ПП'] as const;
export type SubjectKind = (typeof SUBJECT_KINDS)[number];

export const ASSESSMENTS = ['экзамен', 'дифзачёт', 'зачёт', 'курсовая', 'квалификационный экзамен'] as const;
export type Assessment = (typeof ASSESSMENTS)[number];

function lookup<T extends string>(variants: Record<T, string[]>): (text: string) => T | undefined {
  const byKey = new Map<string, T>();
  for (const canonical of Object.keys(variants) as T[]) {
    for (const v of [canonical, ...variants[canonical]]) byKey.set(variantKey(v), canonical);
  }
  return (text) => byKey.get(variantKey(text));
}

export const parseStudyForm = lookup<StudyForm>({
  очная: ['full-time', 'очно'],
  'очно-заочная': ['part-time', 'вечерняя'],
  заочная: ['extramural', 'correspondence', 'заочно'],
});

export const parseSubjectKind = lookup<SubjectKind>({
  УД: ['UD', 'учебная дисциплина', 'дисциплина'],
  ПМ: ['PM', 'профессиональный модуль', 'модуль'],
  МДК: ['MDK', 'междисциплинарный курс'],
  УП: ['UP', 'учебная практика'],
  ПП: ['PP', 'производственная практика'],
});

const parseAssessmentForm = lookup<Assessment>({
  экзамен: ['Э', 'Экз', 'exam'],
  дифзачёт: ['ДЗ', 'диф. зачёт', 'дифф. зачёт', 'дифференцированный зачёт', 'graded-credit'],
  зачёт: ['З', 'Зач', 'credit'],
  курсовая: ['КР', 'КП', 'курсовая работа', 'курсовой проект', 'coursework'],
  'квалификационный экзамен': ['Эк', 'Э(к)', 'экзамен квалификационный', 'кв. экзамен', 'qualification-exam'],
});

/** An assessment form; null when there is none (an empty cell or a dash), undefined when unknown. */
export function parseAssessment(text: string): Assessment | null | undefined {
  return variantKey(text) === '' ? null : parseAssessmentForm(text);
}

const YEAR_UNIT = String.raw`(?:г|год|года|лет|y|yrs?|years?)\.?`;
const MONTH_UNIT = String.raw`(?:м|мес|месяц|месяца|месяцев|m|mo|months?)\.?`;
const DURATION = new RegExp(String.raw`^(?:(\d+(?:[.,]\d+)?)(?![\d.,])\s*(?:${YEAR_UNIT})?)?\s*(?:(\d+)\s*${MONTH_UNIT})?$`);
// Eleven years: a general school's eleven classes (courses 1–11); СПО programs are far shorter.
const MAX_DURATION_MONTHS = 132;

/**
 * A program's duration in months: years as a number («3», «2.5», «2,5») or years and months
 * («3г10м», «3 года 10 месяцев», «2y10m», «10 мес»). Undefined unless it is whole months
 * between 1 and 11 years.
 */
export function parseDuration(text: string): number | undefined {
  const m = DURATION.exec(text.trim().toLowerCase());
  if (!m || (m[1] === undefined && m[2] === undefined)) return undefined;
  const years = m[1] === undefined ? 0 : Number(m[1].replace(',', '.'));
  const extra = m[2] === undefined ? 0 : Number(m[2]);
  if (m[1] !== undefined && m[2] !== undefined && (!Number.isInteger(years) || extra >= 12)) return undefined;
  const months = Math.round(years * 12);
  if (Math.abs(months - years * 12) > 1e-9) return undefined;
  const total = months + extra;
  return total >= 1 && total <= MAX_DURATION_MONTHS ? total : undefined;
}

/** `3 г. 10 мес.` */
export function formatDuration(months: number): string {
  const y = Math.floor(months / 12);
  const m = months % 12;
  return [y ? t('duration_years', { years: y }) : '', m ? t('duration_months', { months: m }) : ''].filter(Boolean).join(' ');
}

/** The last course of a program: a started year of study counts (3 г. 10 мес. → 4 courses). */
export function courseCount(durationMonths: number): number {
  return Math.ceil(durationMonths / 12);
}

export function courseProblem(course: number, durationMonths: number): string | undefined {
  const last = courseCount(durationMonths);
  if (!Number.isInteger(course) || course < 1) return t('course_from_one');
  if (course > last) return t('course_beyond_program', { course, last });
  return undefined;
}

/**
 * The absolute semester (1…2×courses) of a semester given either absolutely — course c has
 * semesters 2c−1 and 2c — or relative to its course (1 or 2). The two never collide: from the
 * second course on, 1 and 2 cannot be absolute. Undefined when it belongs to another course.
 */
export function absoluteSemester(course: number, semester: number): number | undefined {
  if (semester === 2 * course - 1 || semester === 2 * course) return semester;
  if (semester === 1 || semester === 2) return 2 * (course - 1) + semester;
  return undefined;
}

/**
 * A program or subject code. Federal СПО programs have codes `NN.NN.NN` (09.02.07), but
 * schools and local programs use their own, so any code of letters, digits and `. - _ /`
 * is accepted; `isSpoCode` lets the caller warn about an unusual one.
 */
export function validateCode(text: string): Validation {
  const value = text.trim();
  if (!value) return { ok: false, reason: t('structure_empty') };
  if (value.length > 32 || !/^[\p{L}\d][\p{L}\d._/-]*$/u.test(value)) {
    return { ok: false, reason: t('code_bad_chars') };
  }
  return { ok: true, value };
}

export function isSpoCode(code: string): boolean {
  return /^\d{2}\.\d{2}\.\d{2}$/.test(code);
}

/** Cycle prefixes of disciplines in ФГОС СПО curricula (ОГСЭ.01, ЕН.01, ОП.01, ОУД.01, СГ.01...). */
const DISCIPLINE_PREFIXES = ['ОГСЭ', 'ЕН', 'ОП', 'ОУД', 'ОД', 'УД', 'СГ', 'ОПЦ', 'БД', 'ПД'];

/** The kind a curriculum code implies (МДК.01.01 → МДК, ОП.02 → УД), if any. */
export function kindFromCode(code: string): SubjectKind | undefined {
  const prefix = code.split('.')[0].toUpperCase();
  if ((SUBJECT_KINDS as readonly string[]).includes(prefix) && prefix !== 'УД') return prefix as SubjectKind;
  return DISCIPLINE_PREFIXES.includes(prefix) ? 'УД' : undefined;
}

/** The module an МДК code names: МДК.01.02 → ПМ.01. */
export function moduleFromCode(code: string): string | undefined {
  const m = /^МДК\.(\d+)\.\d+$/i.exec(code);
  return m ? `ПМ.${m[1]}` : undefined;
}

/**
 * An МДК belongs to a ПМ: the module is required for an МДК, forbidden for a УД or a ПМ and
 * optional for practice (УП, ПП); when there is one it must be a ПМ.
 */
export function moduleProblem(kind: SubjectKind, module: { code: string; kind: SubjectKind } | undefined): string | undefined {
  if (!module) return kind === 'МДК' ? t('module_required') : undefined;
  if (kind === 'УД' || kind === 'ПМ') return t('module_forbidden', { kind });
  if (module.kind !== 'ПМ') return t('module_not_pm', { module: module.code, kind: module.kind });
  return undefined;
}

/** Subject names compared as people retype them: case, ё and extra spaces do not matter. */
export function sameName(a: string, b: string): boolean {
  const fold = (s: string) => s.normalize('NFC').toLowerCase().replace(/ё/g, 'е').replace(/\s+/g, ' ').trim();
  return fold(a) === fold(b);
}

/**
 * The subjects of a group's curriculum that a journal's subject cell may mean: the one with
 * that code, else those with that name. A name may fit several — «История» is ОУД.05 in the
 * first course and ОГСЭ.02 in the second — so those planned for the group's course win;
 * more than one left means the cell is ambiguous.
 */
export function subjectsNamed<S extends { code: string; name: string; courses: number[] }>(subjects: S[], ref: string, course: number): S[] {
  const byCode = subjects.filter((s) => sameName(s.code, ref));
  if (byCode.length) return byCode;
  const byName = subjects.filter((s) => sameName(s.name, ref));
  const inCourse = byName.filter((s) => s.courses.includes(course));
  return inCourse.length ? inCourse : byName;
}

/**
 * The curriculum's (absolute) semester a period of the year is for a group in `course`
 * (course 2's are 3 and 4), when the year is split into semesters (`S1`, `S2`: every code of
 * `yearPeriods`); null otherwise: a curriculum by semesters says nothing of trimesters or
 * quarters.
 */
export function semesterOfPeriod(course: number, yearPeriods: readonly string[], code: string): number | null {
  if (!yearPeriods.every((c) => /^S\d$/.test(c)) || !yearPeriods.includes(code)) return null;
  return 2 * (course - 1) + yearPeriods.indexOf(code) + 1;
}

// ---- curriculum rows -------------------------------------------------------

/** The columns of a curriculum file. The program is required unless `--program` names it. */
export const PLAN_FIELDS = {
  program: { aliases: ['Код программы', 'Программа', 'Код специальности', 'Специальность', 'program_code'] },
  course: { aliases: ['Курс'], required: true },
  semester: { aliases: ['Семестр', 'term'], required: true },
  code: { aliases: ['Индекс', 'Код', 'Код дисциплины', 'subject_code', 'index'], required: true },
  name: { aliases: ['Наименование', 'Название', 'Дисциплина', 'Предмет', 'subject', 'subject_name', 'title'] },
  kind: { aliases: ['Вид', 'Тип', 'type'] },
  module: { aliases: ['Модуль', 'ПМ', 'module_code'] },
  hours: { aliases: ['Часы', 'Часов', 'Объём часов', 'Всего часов', 'Количество часов'], required: true },
  assessment: { aliases: ['Форма аттестации', 'Форма контроля', 'Форма промежуточной аттестации', 'Аттестация', 'form'] },
} satisfies Record<string, FieldSpec>;

export type PlanField = keyof typeof PLAN_FIELDS;

export interface PlanRowText {
  row: number;
  values: Partial<Record<PlanField, string>>;
}

/** A subject of a program's curriculum; `module` is the code of a ПМ of the same program. */
export interface SubjectSpec {
  program: string;
  code: string;
  name: string;
  kind: SubjectKind;
  module: string | null;
}

export interface PlanItemDraft {
  row: number;
  program: string;
  course: number;
  semester: number;
  subject: string;
  hours: number;
  assessment: Assessment | null;
}

export interface FieldProblem<F extends string> {
  row: number;
  field: F;
  value: string;
  reason: string;
}

export interface PlanContext {
  /** Program code → duration in months. */
  programs: Map<string, number>;
  /** Subjects already in the store, of every program. */
  subjects: SubjectSpec[];
  /** Every row belongs to this program (`--program`); a program cell, if any, must agree. */
  program?: string;
}

export interface PlanDraft {
  items: PlanItemDraft[];
  /** Subjects the file introduces, in order of first appearance. */
  subjects: SubjectSpec[];
  problems: FieldProblem<PlanField>[];
}

/** A subject's key among those of every program: a code has no spaces, so none is ambiguous. */
const subjectKey = (program: string, code: string) => `${program} ${code}`;

/**
 * Check curriculum rows against the store's programs and subjects. Subjects are the
 * program's own: ОП.01 may be another subject in another program. A subject not yet known
 * is defined by its first row; later rows and the store must agree on its name, kind and
 * module, a ПМ of the same program. A blank kind is taken from the code (ОП.01 → УД), a
 * blank module of an МДК too (МДК.01.01 → ПМ.01). Every problem is reported, not only the first.
 */
export function readPlanRows(rows: PlanRowText[], context: PlanContext): PlanDraft {
  const problems: FieldProblem<PlanField>[] = [];
  const items: PlanItemDraft[] = [];
  const known = new Map(context.subjects.map((s) => [subjectKey(s.program, s.code), s]));
  const defined = new Map<string, SubjectSpec & { row: number; moduleText: string }>();
  const seen = new Map<string, number>();

  for (const { row, values } of rows) {
    const text = (f: PlanField) => values[f]?.trim() ?? '';
    const problem = (field: PlanField, reason: string) => problems.push({ row, field, value: text(field), reason });
    const before = problems.length;

    let program = text('program');
    if (context.program) {
      if (program && program !== context.program) problem('program', t('plan_program_differs', { program: context.program }));
      program = context.program;
    }
    const duration = context.programs.get(program);
    if (!program) problem('program', t('structure_empty'));
    else if (duration === undefined) problem('program', t('plan_no_program', { program }));

    const course = wholeNumber(text('course'));
    const courseIssue = course === undefined ? t('structure_not_whole_number') : duration === undefined ? undefined : courseProblem(course, duration);
    if (courseIssue) problem('course', courseIssue);

    const semesterNumber = wholeNumber(text('semester'));
    const semester = course === undefined || semesterNumber === undefined ? undefined : absoluteSemester(course, semesterNumber);
    if (semesterNumber === undefined) problem('semester', t('structure_not_whole_number'));
    else if (course !== undefined && semester === undefined) {
      problem('semester', t('plan_semester_of_course', { course, first: 2 * course - 1, second: 2 * course, within: course > 1 }));
    }

    const code = validateCode(text('code'));
    if (!code.ok) problem('code', code.reason);
    const key = code.ok ? subjectKey(program, code.value) : '';
    const spec = code.ok ? subjectOfRow(program, code.value, text, problem, known.get(key) ?? defined.get(key)) : undefined;
    if (spec && duration !== undefined && !known.has(key) && !defined.has(key)) defined.set(key, { ...spec, row, moduleText: text('module') });

    const hours = wholeNumber(text('hours'));
    if (hours === undefined) problem('hours', t('plan_hours_not_whole'));
    const assessment = parseAssessment(text('assessment'));
    if (assessment === undefined) problem('assessment', t('plan_unknown_assessment', { known: ASSESSMENTS.join(', ') }));

    if (problems.length > before || !spec || course === undefined || semester === undefined || hours === undefined || assessment === undefined) continue;
    const slot = `${key} ${semester}`;
    const first = seen.get(slot);
    if (first !== undefined) {
      problem('code', t('plan_already_planned', { code: spec.code, semester, row: first }));
      continue;
    }
    seen.set(slot, row);
    items.push({ row, program, course, semester, subject: spec.code, hours, assessment });
  }

  for (const spec of defined.values()) {
    const moduleKey = spec.module ? subjectKey(spec.program, spec.module) : '';
    const module = known.get(moduleKey) ?? defined.get(moduleKey);
    const reason = spec.module && !module ? t('plan_no_module', { module: spec.module, program: spec.program, impliedBy: spec.moduleText ? '' : spec.code }) : moduleProblem(spec.kind, module);
    if (reason) problems.push({ row: spec.row, field: 'module', value: spec.moduleText, reason });
  }
  problems.sort((a, b) => a.row - b.row);
  return { items, subjects: [...defined.values()].map(({ row: _row, moduleText: _text, ...s }) => s), problems };
}

/** The subject a row names, checked against what is already known of that code. */
function subjectOfRow(
  program: string,
  code: string,
  text: (f: PlanField) => string,
  problem: (field: PlanField, reason: string) => void,
  known: (SubjectSpec & { row?: number }) | undefined,
): SubjectSpec | undefined {
  const where = known?.row ? t('row_at', { row: known.row }) : t('plan_the_store');
  const bounded = boundedText(text('name'));
  if (!bounded.ok) {
    problem('name', bounded.reason);
    return undefined;
  }
  const name = bounded.value.replace(/\s+/g, ' ');
  const kindText = text('kind');
  const kind = kindText ? parseSubjectKind(kindText) : (known?.kind ?? kindFromCode(code));
  const moduleText = text('module');
  const module = moduleText || (known ? known.module : kind === 'МДК' ? moduleFromCode(code) : undefined) || null;

  if (!kind) problem('kind', kindText ? t('plan_unknown_kind', { known: SUBJECT_KINDS.join(', ') }) : t('plan_kind_not_implied'));
  if (!known) {
    if (!name) problem('name', t('plan_new_subject_name'));
    return kind && name ? { program, code, name, kind, module } : undefined;
  }
  if (name && !sameName(name, known.name)) problem('name', t('plan_known_name', { code, name: known.name, where }));
  if (kind && kind !== known.kind) problem('kind', t('plan_known_kind', { code, kind: known.kind, where }));
  if (module !== known.module) problem('module', t('plan_known_module', { code, module: known.module, where }));
  return { program, code, name: known.name, kind: known.kind, module: known.module };
}

function wholeNumber(text: string): number | undefined {
  return /^\d+$/.test(text) ? Number(text) : undefined;
}

// ---- subjects and plan items against the store ------------------------------

/**
 * The program a new subject goes to when `--program` does not name one: the only program
 * holding its module, else the only program there is. Undefined `chosen` with the candidates
 * when several fit (or none exists).
 */
export function chooseSubjectProgram<P extends { code: string }>(holdingModule: readonly P[], all: readonly P[]): { chosen?: P; candidates: readonly P[]; byModule: boolean } {
  const byModule = holdingModule.length > 0;
  const candidates = byModule ? holdingModule : all;
  return { chosen: candidates.length === 1 ? candidates[0] : undefined, candidates, byModule };
}

/** A plan item on file, keyed like a draft: program, semester, subject code. */
export interface PlanItemOnFile {
  id: number;
  program: string;
  semester: number;
  subject: string;
  course: number;
  hours: number;
  assessment: Assessment | null;
}

export const planItemKey = (i: { program: string; semester: number; subject: string }) => `${i.program} ${i.semester} ${i.subject}`;

export interface PlanItemState {
  item: PlanItemDraft;
  existing?: PlanItemOnFile;
  outcome: 'created' | 'updated' | 'unchanged';
}

export interface PlanCounts {
  created: number;
  updated: number;
  unchanged: number;
  subjectsCreated: number;
}

/** What saving each checked item does against the items on file. */
export function planItemStates(items: readonly PlanItemDraft[], onFile: readonly PlanItemOnFile[]): PlanItemState[] {
  const byKey = new Map(onFile.map((i) => [planItemKey(i), i]));
  return items.map((item) => {
    const existing = byKey.get(planItemKey(item));
    const same = existing !== undefined && existing.course === item.course && existing.hours === item.hours && existing.assessment === item.assessment;
    return { item, existing, outcome: !existing ? 'created' : same ? 'unchanged' : 'updated' };
  });
}

export function planCounts(states: readonly PlanItemState[], subjectsCreated: number): PlanCounts {
  const count = (o: PlanItemState['outcome']) => states.filter((s) => s.outcome === o).length;
  return { created: count('created'), updated: count('updated'), unchanged: count('unchanged'), subjectsCreated };
}

/** New subjects in the order they can be written: modules first, as an МДК refers to its ПМ. */
export function subjectsInWriteOrder(subjects: readonly SubjectSpec[]): SubjectSpec[] {
  return [...subjects].sort((a, b) => Number(a.module !== null) - Number(b.module !== null));
}
