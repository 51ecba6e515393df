// Generates an enrolment list the way secretaries' files look (Russian headers, `;`,
// dd.mm.yyyy dates, formatted СНИЛС), with valid check digits, for the import benchmark.
import { writeFileSync } from 'node:fs';

const LAST = ['Иванов', 'Петров', 'Сидоров', 'Смирнов', 'Кузнецов', 'Попов', 'Васильев', 'Соколов', 'Михайлов', 'Новиков', 'Фёдоров', 'Морозов', 'Волков', 'Алексеев', 'Лебедев', 'Семёнов', 'Егоров', 'Павлов', 'Козлов', 'Степанов'];
const FIRST_M = ['Александр', 'Дмитрий', 'Максим', 'Сергей', 'Андрей', 'Алексей', 'Артём', 'Илья', 'Кирилл', 'Михаил'];
const FIRST_F = ['Анастасия', 'Мария', 'Анна', 'Виктория', 'Екатерина', 'Наталья', 'Марина', 'Полина', 'Дарья', 'Алина'];
const MIDDLE_M = ['Александрович', 'Дмитриевич', 'Сергеевич', 'Андреевич', 'Игоревич'];
const MIDDLE_F = ['Александровна', 'Дмитриевна', 'Сергеевна', 'Андреевна', 'Игоревна'];

/** СНИЛС with its control number (weights 9..1; sum mod 101, 100 → 00). */
export function snils(n) {
  const nine = String(n).padStart(9, '0');
  const sum = [...nine].reduce((s, d, i) => s + Number(d) * (9 - i), 0);
  const control = (sum % 101) % 100;
  return `${nine.slice(0, 3)}-${nine.slice(3, 6)}-${nine.slice(6, 9)} ${String(control).padStart(2, '0')}`;
}

export function groupName(i) {
  return `Г-${String(i).padStart(3, '0')}`;
}

/** Write `rows` students spread over `groups` groups; returns the file's path. */
export function writeEnrolmentList(path, rows, groups) {
  const lines = ['Фамилия;Имя;Отчество;Дата рождения;Пол;СНИЛС;Группа;Номер приказа;Дата приказа;Телефон'];
  for (let i = 0; i < rows; i++) {
    const male = i % 2 === 0;
    const last = LAST[i % LAST.length] + (male ? '' : 'а');
    const first = (male ? FIRST_M : FIRST_F)[Math.floor(i / 20) % 10];
    const middle = (male ? MIDDLE_M : MIDDLE_F)[Math.floor(i / 200) % 5];
    const birth = `${String((i % 28) + 1).padStart(2, '0')}.${String((i % 12) + 1).padStart(2, '0')}.${2005 + (i % 5)}`;
    const phone = `+7 9${String(i).padStart(9, '0').slice(0, 2)} ${String(i).padStart(9, '0').slice(2, 5)}-${String(i).padStart(9, '0').slice(5, 7)}-${String(i).padStart(9, '0').slice(7, 9)}`;
    lines.push([last, first, middle, birth, male ? 'М' : 'Ж', snils(2_000_000 + i * 7), groupName(i % groups), '12-к', '25.08.2025', phone].join(';'));
  }
  writeFileSync(path, lines.join('\r\n') + '\r\n');
  return path;
}
