import { describe, expect, it } from 'vitest';
import {
  absoluteSemester,
  courseCount,
  courseProblem,
  isSpoCode,
  kindFromCode,
  moduleFromCode,
  moduleProblem,
  parseAssessment,
  parseDuration,
  parseStudyForm,
  parseSubjectKind,
  readPlanRows,
  sameName,
  subjectsNamed,
  validateCode,
  type PlanField,
  type PlanRowText,
  type SubjectSpec,
} from '../../src/domain/programs.js';

describe('parseDuration', () => {
  it.each([
    ['3', 36],
    ['2.5', 30],
    ['2,5', 30],
    ['1', 12],
    ['3г10м', 46],
    ['3 г. 10 мес.', 46],
    ['3 года 10 месяцев', 46],
    ['2 года 10 мес', 34],
    ['4 года', 48],
    ['5 лет', 60],
    ['10 месяцев', 10],
    ['2y10m', 34],
    ['2 years 10 months', 34],
    ['3Y', 36],
    ['10', 120],
    ['11', 132], // a school's eleven classes
  ])('%s → %i months', (text, months) => {
    expect(parseDuration(text)).toBe(months);
  });

  it.each(['', 'три года', '3 10', '0', '0г0м', '12', '11г1м', '2.5г3м', '3г12м', '2.55', '-1', '3 weeks', '3г10'])('refuses «%s»', (text) => {
    expect(parseDuration(text)).toBeUndefined();
  });
});

describe('courses', () => {
  it('a started year of study counts as a course', () => {
    expect(courseCount(46)).toBe(4);
    expect(courseCount(34)).toBe(3);
    expect(courseCount(36)).toBe(3);
    expect(courseCount(10)).toBe(1);
  });

  it('a course is from 1 to the last', () => {
    expect(courseProblem(1, 46)).toBeUndefined();
    expect(courseProblem(4, 46)).toBeUndefined();
    expect(courseProblem(5, 46)).toMatch(/beyond/);
    expect(courseProblem(0, 46)).toBeDefined();
    expect(courseProblem(-1, 46)).toBeDefined();
    expect(courseProblem(1.5, 46)).toBeDefined();
  });
});

describe('absoluteSemester', () => {
  it('takes the semesters of the course as they are', () => {
    expect(absoluteSemester(1, 1)).toBe(1);
    expect(absoluteSemester(1, 2)).toBe(2);
    expect(absoluteSemester(2, 3)).toBe(3);
    expect(absoluteSemester(2, 4)).toBe(4);
    expect(absoluteSemester(4, 8)).toBe(8);
  });

  it('counts 1 and 2 within a later course', () => {
    expect(absoluteSemester(2, 1)).toBe(3);
    expect(absoluteSemester(2, 2)).toBe(4);
    expect(absoluteSemester(3, 2)).toBe(6);
  });

  it('refuses a semester of another course', () => {
    expect(absoluteSemester(1, 3)).toBeUndefined();
    expect(absoluteSemester(2, 5)).toBeUndefined();
    expect(absoluteSemester(3, 4)).toBeUndefined();
    expect(absoluteSemester(2, 0)).toBeUndefined();
  });
});

describe('codes', () => {
  it('accepts СПО codes and others', () => {
    expect(validateCode(' 09.02.07 ')).toEqual({ ok: true, value: '09.02.07' });
    expect(validateCode('НОО-2023')).toEqual({ ok: true, value: 'НОО-2023' });
    expect(validateCode('МДК.01.01')).toEqual({ ok: true, value: 'МДК.01.01' });
  });

  it.each(['', '   ', '09 02 07', '=HYPERLINK("x")', '.01', 'x'.repeat(33)])('refuses «%s»', (code) => {
    expect(validateCode(code).ok).toBe(false);
  });

  it('tells a federal СПО code (NN.NN.NN)', () => {
    expect(isSpoCode('09.02.07')).toBe(true);
    expect(isSpoCode('15.02.16')).toBe(true);
    expect(isSpoCode('9.2.7')).toBe(false);
    expect(isSpoCode('09.02.07.1')).toBe(false);
    expect(isSpoCode('НОО')).toBe(false);
  });
});

describe('parseStudyForm', () => {
  it.each([
    ['очная', 'очная'],
    ['ОЧНАЯ', 'очная'],
    ['очно-заочная', 'очно-заочная'],
    ['очно заочная', 'очно-заочная'],
    ['part-time', 'очно-заочная'],
    ['заочная', 'заочная'],
    ['extramural', 'заочная'],
  ])('%s → %s', (text, form) => {
    expect(parseStudyForm(text)).toBe(form);
  });

  it('refuses an unknown form', () => {
    expect(parseStudyForm('дистанционная')).toBeUndefined();
  });
});

describe('parseAssessment', () => {
  it.each([
    ['экзамен', 'экзамен'],
    ['Э', 'экзамен'],
    ['э', 'экзамен'],
    ['Экз.', 'экзамен'],
    ['дифзачёт', 'дифзачёт'],
    ['дифзачет', 'дифзачёт'],
    ['ДЗ', 'дифзачёт'],
    ['Диф. зачет', 'дифзачёт'],
    ['дифференцированный зачёт', 'дифзачёт'],
    ['Дифференцированный зачет', 'дифзачёт'],
    ['зачёт', 'зачёт'],
    ['зачет', 'зачёт'],
    ['З', 'зачёт'],
    ['курсовая', 'курсовая'],
    ['КР', 'курсовая'],
    ['КП', 'курсовая'],
    ['курсовой проект', 'курсовая'],
    ['Курсовая работа', 'курсовая'],
    ['квалификационный экзамен', 'квалификационный экзамен'],
    ['Экзамен квалификационный', 'квалификационный экзамен'],
    ['Эк', 'квалификационный экзамен'],
    ['Э(к)', 'квалификационный экзамен'],
  ])('%s → %s', (text, form) => {
    expect(parseAssessment(text)).toBe(form);
  });

  it.each(['', '  ', '-', '—'])('«%s» means no assessment', (text) => {
    expect(parseAssessment(text)).toBeNull();
  });

  it.each(['Q', 'контрольная', 'Э, КП'])('refuses «%s»', (text) => {
    expect(parseAssessment(text)).toBeUndefined();
  });
});

describe('subject kinds', () => {
  it.each([
    ['УД', 'УД'],
    ['уд', 'УД'],
    ['UD', 'УД'],
    ['ПМ', 'ПМ'],
    ['pm', 'ПМ'],
    ['МДК', 'МДК'],
    ['MDK', 'МДК'],
    ['УП', 'УП'],
    ['UP', 'УП'],
    ['ПП', 'ПП'],
    ['PP', 'ПП'],
    ['Учебная практика', 'УП'],
    ['междисциплинарный курс', 'МДК'],
  ])('%s → %s', (text, kind) => {
    expect(parseSubjectKind(text)).toBe(kind);
  });

  it('refuses an unknown kind', () => {
    expect(parseSubjectKind('ОП')).toBeUndefined();
    expect(parseSubjectKind('')).toBeUndefined();
  });

  it('reads the kind a code implies', () => {
    expect(kindFromCode('МДК.01.01')).toBe('МДК');
    expect(kindFromCode('ПМ.02')).toBe('ПМ');
    expect(kindFromCode('УП.01')).toBe('УП');
    expect(kindFromCode('ПП.01')).toBe('ПП');
    expect(kindFromCode('ОП.01')).toBe('УД');
    expect(kindFromCode('ОГСЭ.03')).toBe('УД');
    expect(kindFromCode('ЕН.01')).toBe('УД');
    expect(kindFromCode('Информатика')).toBeUndefined();
  });

  it('reads the module an МДК code names', () => {
    expect(moduleFromCode('МДК.01.02')).toBe('ПМ.01');
    expect(moduleFromCode('МДК.11.01')).toBe('ПМ.11');
    expect(moduleFromCode('ОП.01')).toBeUndefined();
  });
});

describe('moduleProblem: an МДК belongs to a ПМ', () => {
  const pm = { code: 'ПМ.01', kind: 'ПМ' as const };
  it('requires the module of an МДК', () => {
    expect(moduleProblem('МДК', undefined)).toMatch(/belongs to a ПМ/);
    expect(moduleProblem('МДК', pm)).toBeUndefined();
  });

  it('forbids a module for УД and ПМ', () => {
    expect(moduleProblem('УД', pm)).toBeDefined();
    expect(moduleProblem('ПМ', pm)).toBeDefined();
    expect(moduleProblem('УД', undefined)).toBeUndefined();
    expect(moduleProblem('ПМ', undefined)).toBeUndefined();
  });

  it('leaves it optional for practice', () => {
    expect(moduleProblem('УП', undefined)).toBeUndefined();
    expect(moduleProblem('ПП', undefined)).toBeUndefined();
    expect(moduleProblem('УП', pm)).toBeUndefined();
    expect(moduleProblem('ПП', pm)).toBeUndefined();
  });

  it('the module must be a ПМ', () => {
    expect(moduleProblem('МДК', { code: 'ОП.01', kind: 'УД' })).toMatch(/not a ПМ/);
    expect(moduleProblem('УП', { code: 'МДК.01.01', kind: 'МДК' })).toMatch(/not a ПМ/);
  });
});

describe('sameName', () => {
  it('ignores case, ё and spaces', () => {
    expect(sameName('Основы  философии ', 'основы философии')).toBe(true);
    expect(sameName('Дифференцированный зачёт', 'дифференцированный зачет')).toBe(true);
    expect(sameName('Философия', 'Основы философии')).toBe(false);
  });
});

describe('subjectsNamed: what a journal\'s subject cell means in a group\'s curriculum', () => {
  const plan = [
    { code: 'ОУД.05', name: 'История', courses: [1] },
    { code: 'ОГСЭ.02', name: 'История', courses: [2] },
    { code: 'ОП.01', name: 'Инженерная графика', courses: [1, 2] },
  ];
  const codes = (ref: string, course: number) => subjectsNamed(plan, ref, course).map((s) => s.code);

  it('a code, in any case', () => {
    expect(codes('ОП.01', 2)).toEqual(['ОП.01']);
    expect(codes(' оп.01 ', 3)).toEqual(['ОП.01']);
  });

  it('a name: the subject of the group\'s course first', () => {
    expect(codes('история', 1)).toEqual(['ОУД.05']);
    expect(codes('История', 2)).toEqual(['ОГСЭ.02']);
    expect(codes('Инженерная  графика', 4)).toEqual(['ОП.01']);
  });

  it('several or none are left for the caller to report', () => {
    expect(codes('История', 3)).toEqual(['ОУД.05', 'ОГСЭ.02']);
    expect(codes('ОП.99', 1)).toEqual([]);
  });
});

describe('readPlanRows', () => {
  const HEAD: PlanField[] = ['program', 'course', 'semester', 'code', 'name', 'kind', 'module', 'hours', 'assessment'];
  const rows = (...lines: string[]): PlanRowText[] =>
    lines.map((line, i) => ({ row: i + 2, values: Object.fromEntries(line.split(';').map((v, j) => [HEAD[j], v])) }));
  const known = (subjects: (Omit<SubjectSpec, 'program'> & { program?: string })[] = []) => ({
    programs: new Map([['09.02.07', 46], ['15.02.16', 46]]),
    subjects: subjects.map((s) => ({ program: '09.02.07', ...s })),
  });

  it('reads valid rows, creating new subjects once', () => {
    const draft = readPlanRows(
      rows(
        '09.02.07;1;1;ОГСЭ.01;Основы философии;УД;;48;-',
        '09.02.07;1;2;ОГСЭ.01;Основы философии;;;48;ДЗ',
        '09.02.07;2;1;МДК.01.01;Разработка программных модулей;МДК;ПМ.01;120;Э',
        '09.02.07;2;4;ПМ.01;Разработка модулей;ПМ;;12;Эк',
      ),
      known(),
    );
    expect(draft.problems).toEqual([]);
    expect(draft.subjects.map((s) => s.code)).toEqual(['ОГСЭ.01', 'МДК.01.01', 'ПМ.01']);
    expect(draft.items.map((i) => [i.course, i.semester, i.subject, i.hours, i.assessment])).toEqual([
      [1, 1, 'ОГСЭ.01', 48, null],
      [1, 2, 'ОГСЭ.01', 48, 'дифзачёт'],
      [2, 3, 'МДК.01.01', 120, 'экзамен'],
      [2, 4, 'ПМ.01', 12, 'квалификационный экзамен'],
    ]);
  });

  it('takes the kind and the module of an МДК from the code when blank', () => {
    const draft = readPlanRows(rows('09.02.07;2;3;МДК.01.01;Разработка;;;60;Э'), known([{ code: 'ПМ.01', name: 'Модуль', kind: 'ПМ', module: null }]));
    expect(draft.problems).toEqual([]);
    expect(draft.subjects).toEqual([{ program: '09.02.07', code: 'МДК.01.01', name: 'Разработка', kind: 'МДК', module: 'ПМ.01' }]);
  });

  it('accepts a known subject without repeating its name', () => {
    const draft = readPlanRows(rows('09.02.07;1;1;ОП.01;;;;36;З'), known([{ code: 'ОП.01', name: 'Операционные системы', kind: 'УД', module: null }]));
    expect(draft.problems).toEqual([]);
    expect(draft.subjects).toEqual([]);
  });

  it('--program fills and checks the program', () => {
    const ok = readPlanRows(rows(';1;1;ОП.01;ОС;УД;;36;З'), { ...known(), program: '09.02.07' });
    expect(ok.problems).toEqual([]);
    expect(ok.items[0].program).toBe('09.02.07');
    const clash = readPlanRows(rows('15.02.16;1;1;ОП.01;ОС;УД;;36;З'), { ...known(), program: '09.02.07' });
    expect(clash.problems.map((p) => p.field)).toEqual(['program']);
  });

  it('reports every problem with its row, field and value', () => {
    const draft = readPlanRows(
      rows(
        '09.99.99;1;1;ОП.01;ОС;УД;;36;З',
        '09.02.07;5;9;ОП.02;Архитектура;УД;;36;З',
        '09.02.07;1;3;ОП.03;ИТ;УД;;x;Q',
        '09.02.07;1;1;ОП.04;;XX;;36;З',
        '09.02.07;2;3;МДК.02.01;Технология;МДК;;36;Э',
        '09.02.07;2;3;ОП.05;Право;УД;ПМ.01;36;Э',
      ),
      known([{ code: 'ПМ.01', name: 'Модуль', kind: 'ПМ', module: null }]),
    );
    expect(draft.problems.map((p) => [p.row, p.field, p.value])).toEqual([
      [2, 'program', '09.99.99'],
      [3, 'course', '5'],
      [4, 'semester', '3'],
      [4, 'hours', 'x'],
      [4, 'assessment', 'Q'],
      [5, 'kind', 'XX'],
      [5, 'name', ''],
      [6, 'module', ''],
      [7, 'module', 'ПМ.01'],
    ]);
    expect(draft.problems.find((p) => p.row === 6)!.reason).toMatch(/no module ПМ\.02 \(implied by the code МДК\.02\.01\)/);
  });

  it('refuses a known code with another name, kind or module', () => {
    const draft = readPlanRows(
      rows('09.02.07;1;1;ОП.01;Философия;УД;;36;З', '09.02.07;1;1;ОП.02;Архитектура;ПМ;;36;З', '09.02.07;2;3;УП.01;Практика;УП;ПМ.01;36;З'),
      known([
        { code: 'ОП.01', name: 'Операционные системы', kind: 'УД', module: null },
        { code: 'ОП.02', name: 'Архитектура', kind: 'УД', module: null },
        { code: 'УП.01', name: 'Практика', kind: 'УП', module: null },
        { code: 'ПМ.01', name: 'Модуль', kind: 'ПМ', module: null },
      ]),
    );
    expect(draft.problems.map((p) => [p.row, p.field])).toEqual([
      [2, 'name'],
      [3, 'kind'],
      [4, 'module'],
    ]);
  });

  it('a code is the program\'s own: the same code is another subject in another program', () => {
    const draft = readPlanRows(
      rows('09.02.07;2;3;ОП.01;Операционные системы и среды;УД;;64;ДЗ', '15.02.16;2;3;ОП.01;Инженерная графика;УД;;72;ДЗ', '15.02.16;2;4;ОП.01;инженерная  графика;;;64;Э'),
      known([{ program: '15.02.16', code: 'ОП.02', name: 'Компьютерная графика', kind: 'УД', module: null }]),
    );
    expect(draft.problems).toEqual([]);
    expect(draft.subjects.map((s) => [s.program, s.code, s.name])).toEqual([
      ['09.02.07', 'ОП.01', 'Операционные системы и среды'],
      ['15.02.16', 'ОП.01', 'Инженерная графика'],
    ]);
    expect(draft.items.map((i) => [i.program, i.semester, i.subject])).toEqual([
      ['09.02.07', 3, 'ОП.01'],
      ['15.02.16', 3, 'ОП.01'],
      ['15.02.16', 4, 'ОП.01'],
    ]);
  });

  it('a module is a ПМ of the same program', () => {
    const pm = { code: 'ПМ.01', name: 'Разработка модулей', kind: 'ПМ' as const, module: null };
    const other = readPlanRows(rows('15.02.16;2;3;МДК.01.01;Технологический процесс;МДК;ПМ.01;80;Э'), known([pm]));
    expect(other.problems).toMatchObject([{ row: 2, field: 'module', reason: expect.stringMatching(/no module ПМ\.01 in 15\.02\.16/) }]);
    const same = readPlanRows(rows('15.02.16;2;3;МДК.01.01;Технологический процесс;МДК;ПМ.01;80;Э'), known([pm, { ...pm, program: '15.02.16', name: 'Разработка техпроцессов' }]));
    expect(same.problems).toEqual([]);
    expect(same.subjects).toEqual([{ program: '15.02.16', code: 'МДК.01.01', name: 'Технологический процесс', kind: 'МДК', module: 'ПМ.01' }]);
  });

  it('a new subject must agree with its first row', () => {
    const draft = readPlanRows(rows('09.02.07;1;1;ОП.09;Численные методы;УД;;36;З', '09.02.07;1;2;ОП.09;Численный анализ;;;36;Э'), known());
    expect(draft.problems).toMatchObject([{ row: 3, field: 'name', reason: expect.stringMatching(/row 2/) }]);
  });

  it('refuses the same subject twice in a semester', () => {
    const draft = readPlanRows(rows('09.02.07;1;1;ОП.01;ОС;УД;;36;З', '09.02.07;1;1;ОП.01;ОС;УД;;40;Э'), known());
    expect(draft.problems).toMatchObject([{ row: 3, field: 'code', reason: expect.stringMatching(/row 2/) }]);
  });

  it('refuses a МДК whose module is not a ПМ', () => {
    const draft = readPlanRows(rows('09.02.07;2;3;МДК.01.01;Разработка;МДК;ОП.01;60;Э'), known([{ code: 'ОП.01', name: 'ОС', kind: 'УД', module: null }]));
    expect(draft.problems).toMatchObject([{ row: 2, field: 'module', value: 'ОП.01', reason: expect.stringMatching(/not a ПМ/) }]);
  });
});
