import { writeFileSync } from 'node:fs';
import { Sandbox, query } from './harness.js';

/** After the summer: the year 2025/2026 is over, its periods can close. */
export const JULY = { REGISTRAR_TODAY: '2026-07-05' };

export const DEBTOR = 'Орлов Олег Олегович';
export const GRADUATES = ['Зайцева Зоя Зиновьевна', 'Жуков Жан Жанович'];
export const FRESHERS = ['Аксёнов Антон Андреевич', 'Борисова Бэла Борисовна', DEBTOR];

/**
 * A year with a first-course group (ИС-25, one debtor in Математика), a last-course group
 * (ИС-22, course 4 of a 3 г. 10 мес. program, with accounts), a curriculum for the second
 * course, closed periods and a closed year.
 */
export function rolloverWorld(options: { closeYear?: boolean } = {}): Sandbox {
  const box = new Sandbox().init();
  box.ok(['program', 'add', '09.02.07', 'Информационные системы и программирование', '--duration', '3г10м']);
  writeFileSync(
    box.path('plan.csv'),
    [
      'Код программы;Курс;Семестр;Индекс;Наименование;Вид;Модуль;Часы;Форма аттестации',
      '09.02.07;1;1;ОУД.04;Математика;УД;;72;экзамен',
      '09.02.07;2;3;ОП.01;Операционные системы и среды;УД;;64;дифзачёт',
      '09.02.07;4;7;ОП.11;Компьютерные сети;УД;;64;экзамен',
    ].join('\n') + '\n',
  );
  box.ok(['plan', 'import', box.path('plan.csv')]);
  box.ok(['group', 'create', 'ИС-25', '--program', '09.02.07', '--course', '1']);
  box.ok(['group', 'create', 'ИС-22', '--program', '09.02.07', '--course', '4']);
  const rows = [
    ['Аксёнов', 'Антон', 'Андреевич', '01.02.2009', 'М', 'ИС-25'],
    ['Борисова', 'Бэла', 'Борисовна', '02.03.2009', 'Ж', 'ИС-25'],
    ['Орлов', 'Олег', 'Олегович', '03.04.2009', 'М', 'ИС-25'],
    ['Зайцева', 'Зоя', 'Зиновьевна', '04.05.2005', 'Ж', 'ИС-22'],
    ['Жуков', 'Жан', 'Жанович', '05.06.2005', 'М', 'ИС-22'],
  ];
  writeFileSync(box.path('list.csv'), ['Фамилия;Имя;Отчество;Дата рождения;Пол;Группа', ...rows.map((r) => r.join(';'))].join('\n') + '\n');
  box.ok(['student', 'import', box.path('list.csv'), '--order-no', '12-к', '--order-date', '25.08.2025']);
  box.ok(['credentials', 'issue', '--group', 'ИС-22', '--out', box.path('slips.csv'), '--format', 'csv']);
  box.ok(['grades', 'set', '--group', 'ИС-25', '--subject', 'ОУД.04', '--period', 'S1', '--student', DEBTOR, '--mark', '2'], { env: { REGISTRAR_TODAY: '2025-12-30' } });
  box.ok(['grades', 'set', '--group', 'ИС-25', '--subject', 'ОУД.04', '--period', 'S1', '--student', FRESHERS[0], '--mark', '4'], { env: { REGISTRAR_TODAY: '2025-12-30' } });
  box.ok(['period', 'close', 'S1', '--force'], { env: JULY });
  box.ok(['period', 'close', 'S2', '--force'], { env: JULY });
  if (options.closeYear !== false) box.ok(['year', 'close', '2025/2026'], { env: JULY });
  return box;
}

const SKIP = new Set(['audit', 'sqlite_sequence']);

/** Every row of every table but the audit log, as text: what "the same store" means. */
export async function dump(db: string): Promise<string> {
  const tables = (await query<{ name: string }>(db, "SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name")).map((t) => t.name).filter((n) => !SKIP.has(n));
  const parts: string[] = [];
  for (const table of tables) parts.push(table, ...(await query(db, `SELECT * FROM "${table}"`)).map((r) => JSON.stringify(r)).sort());
  return parts.join('\n');
}
