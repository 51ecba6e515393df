import { writeFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { Sandbox, englishIn } from './harness.js';

let sb: Sandbox;
afterEach(() => sb?.cleanup());

const RU = { LANG: 'ru_RU.UTF-8' };
const IVANOV_SNILS = '112-233-445 95';

function college(): Sandbox {
  const s = new Sandbox().init();
  s.ok(['program', 'add', '09.02.07', 'Информационные системы и программирование', '--duration', '3г10м']);
  s.ok(['group', 'create', 'ИС-25', '--program', '09.02.07', '--course', '1']);
  s.ok(['group', 'create', 'ИС-25Б', '--program', '09.02.07', '--course', '1']);
  s.ok(['student', 'add', '--last', 'Иванов', '--first', 'Иван', '--middle', 'Петрович', '--birth-date', '14.03.2009', '--sex', 'М', '--snils', IVANOV_SNILS, '--group', 'ИС-25', '--order-no', '12-к', '--order-date', '25.08.2025']);
  s.ok(['student', 'add', '--name', 'Петрова Анна Сергеевна', '--birth-date', '2009-05-02', '--sex', 'Ж', '--group', 'ИС-25', '--order-no', '12-к', '--order-date', '25.08.2025']);
  return s;
}


describe('one language at a time: the people commands in Russian', () => {
  it('--help of student, order and guardian commands has no English sentence under LANG=ru', () => {
    sb = new Sandbox();
    const commands = [
      ['student'],
      ['student', 'add'],
      ['student', 'list'],
      ['student', 'show'],
      ['student', 'update'],
      ['student', 'import'],
      ['order'],
      ['order', 'enroll'],
      ['order', 'expel'],
      ['order', 'list'],
      ['order', 'show'],
      ['guardian', 'add'],
      ['guardian', 'import'],
    ];
    for (const command of commands) {
      const help = sb.ok([...command, '--help'], { env: RU }).stdout;
      expect(help, command.join(' ')).toMatch(/[а-яё]/);
      expect(englishIn(help), `${command.join(' ')} --help`).toEqual([]);
    }
    // the check itself finds English
    expect(englishIn(sb.ok(['student', 'add', '--help']).stdout).length).toBeGreaterThan(0);
  });

  it('statuses, order titles and table headers follow the language; order show prints «Основание» in Russian', () => {
    sb = college();
    sb.ok(['order', 'expel', '--order-no', '40-к', '--order-date', '2025-10-01', '--reason', 'по собственному желанию', '1']);
    const ru = sb.ok(['order', 'show', '40-к'], { env: RU }).stdout;
    expect(ru).toContain('Приказ № 40-к от 01.10.2025 об отчислении');
    expect(ru).toContain('Основание: по собственному желанию');
    expect(ru).toContain('обучающийся');
    const en = sb.ok(['order', 'show', '40-к']).stdout;
    expect(en).toContain('Order No. 40-к of 01.10.2025 on expulsion');
    expect(en).toContain('Reason: по собственному желанию');
    expect(en).not.toMatch(/Основание|обучающийся/);

    const ruList = sb.ok(['student', 'list', '--status', 'all'], { env: RU }).stdout;
    expect(ruList).toContain('Фамилия');
    expect(ruList).toContain('отчислен');
    expect(ruList).toContain('обучается');
    const enList = sb.ok(['student', 'list', '--status', 'all']).stdout;
    expect(enList).toContain('Last name');
    expect(enList).toContain('expelled');
    expect(enList).not.toMatch(/обучается|отчислен|Фамилия/);

    expect(sb.ok(['student', 'show', '1'], { env: RU }).stdout).toMatch(/статус\s+отчислен/);
    expect(sb.ok(['student', 'show', '1']).stdout).toMatch(/status\s+expelled/);
    expect(sb.ok(['order', 'list'], { env: RU }).stdout).toContain('об отчислении');
    expect(sb.ok(['order', 'list']).stdout).toContain('on enrolment');
  });
});

describe('student list: the roster by default', () => {
  it('without --status lists those in a group on the date; --status all lists everyone', () => {
    sb = college();
    sb.ok(['order', 'expel', '--order-no', '40-к', '--order-date', '2025-09-15', '1']);
    const names = (args: string[]) => sb.ok(['student', 'list', ...args, '--json']).json().map((s: any) => s.lastName);
    expect(names([])).toEqual(['Петрова']);
    expect(names(['--status', 'all'])).toEqual(['Иванов', 'Петрова']);
    expect(names(['--status', 'expelled'])).toEqual(['Иванов']);
    expect(names(['--status', 'active'])).toEqual(['Петрова']);
  });
});

describe('orders are named with --order-no and --order-date', () => {
  it('the old --no/--date still work, hidden from help; both spellings that disagree exit 2', () => {
    sb = college();
    expect(sb.ok(['order', 'leave', '--help']).stdout).not.toMatch(/--no |--date /);
    sb.ok(['order', 'leave', '--no', '41-к', '--date', '10.09.2025', '1']);
    expect(sb.ok(['order', 'show', '41-к', '--json']).json()).toMatchObject({ number: '41-к', date: '2025-09-10', kind: 'leave' });
    sb.ok(['order', 'restore', '--order-no', '55-к', '--order-date', '20.09.2025', '--no', '55-к', '--date', '2025-09-20', '--group', 'ИС-25', '1']);
    expect(sb.run(['order', 'expel', '--order-no', '60-к', '--no', '61-к', '--order-date', '01.10.2025', '2']).code).toBe(2);
    expect(sb.run(['order', 'expel', '--order-no', '60-к', '--order-date', '01.10.2025', '--date', '02.10.2025', '2']).code).toBe(2);
    expect(sb.run(['order', 'expel', '--order-date', '01.10.2025', '2']).code).toBe(2);
    expect(sb.run(['order', 'expel', '--order-no', ' ', '--order-date', '01.10.2025', '2']).code).toBe(3);
    expect(sb.ok(['student', 'show', '2', '--json']).json().status).toBe('active');
  });
});

/** Every key of a JSON document, nested objects and arrays included. */
function keys(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) for (const v of value) keys(v, out);
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      out.push(k);
      keys(v, out);
    }
  }
  return out;
}

describe('JSON keys are camelCase in every --json output of the people commands', () => {
  it('student, order and guardian commands', () => {
    sb = college();
    const outputs: unknown[] = [];
    const json = (args: string[]) => {
      const doc = sb.ok([...args, '--json']).json();
      outputs.push(doc);
      return doc;
    };
    json(['student', 'add', '--name', 'Сидоров Пётр Ильич', '--birth-date', '01.01.2009', '--sex', 'М', '--group', 'ИС-25', '--order-no', '13-к', '--order-date', '26.08.2025']);
    json(['student', 'list', '--status', 'all']);
    json(['student', 'update', '2', '--phone', '+79001112233', '--middle', '']);
    json(['order', 'transfer', '--order-no', '31-к', '--order-date', '15.09.2025', '--group', 'ИС-25Б', '2']);
    json(['order', 'list']);
    json(['order', 'show', '31-к']);
    json(['guardian', 'add', '--student', '1', '--name', 'Иванова Мария Петровна', '--relation', 'мать', '--phone', '8 912 000-11-22']);
    writeFileSync(sb.path('parents.csv'), `СНИЛС обучающегося;ФИО представителя;Кем приходится\n${IVANOV_SNILS};Иванов Пётр Ильич;отец\n`);
    json(['guardian', 'import', 'parents.csv']);
    json(['student', 'show', '1']);
    writeFileSync(sb.path('list.csv'), 'Фамилия;Имя;Отчество;Дата рождения;Пол;Группа;Телефон\nПетрова;Анна;;02.05.2009;Ж;ИС-25Б;8 912 111-22-33\nКузнецов;Олег;;03.03.2009;М;ИС-25;\n');
    const imported = json(['student', 'import', 'list.csv', '--order-no', '14-к', '--order-date', '27.08.2025']);
    expect(imported.changes).toHaveLength(1);
    const all = outputs.flatMap((doc) => keys(doc));
    expect(all.length).toBeGreaterThan(50);
    expect(all.filter((k) => !/^[a-z][a-zA-Z0-9]*$/.test(k))).toEqual([]);
  });
});
