import type { core as en } from '../en/core.js';

/** Русские сообщения основы: запуск, хранилище, ошибки. */
export const core: typeof en = {
  bad_today: (p) => `REGISTRAR_TODAY должна быть датой ISO (2025-09-01), а не «${p.value}»`,
  store_missing: (p) => `Хранилище ${p.path} не найдено. Создайте его командой \`registrar init\` (или укажите другое через --db / $REGISTRAR_DB).`,
  store_unavailable: (p) => (p.path ? `Не удалось открыть хранилище ${p.path}: ${p.reason}` : `Хранилище недоступно: ${p.reason}`),
  store_too_new: (p) =>
    `Хранилище ${p.path} создано более новой версией registrar (схема ${p.schema}, эта знает ${p.supported}); обновите registrar. Хранилище не изменено.`,
  store_locked: 'Хранилище занято другим процессом; повторите позже.',
  store_corrupt: 'Хранилище повреждено или не является хранилищем registrar.',
  internal_error: (p) =>
    `внутренняя ошибка: ${p.message}\nЭто ошибка в registrar. Сообщите о ней, приложив команду и этот вывод:\n${p.stack}`,
  interrupted: 'Прервано; ничего не записано.',
  row_at: (p) => `строка ${p.row}`,
  warning_prefix: 'предупреждение: ',
  expected_whole_number: (p) => `нужно целое число от ${p.min} до ${p.max}`,
  bad_date: (p) => `${p.option}: «${p.value}» — не дата (2025-09-01 или 01.09.2025)`,
  confirmation_required: (p) => `${p.question} Подтвердите флагом --yes.`,
  confirmation_refused: 'Отменено.',
  format_unknown: (p) => `Не понять, в каком формате писать ${p.file}: укажите --format (${p.formats}).`,
  json_conflict: (p) => `--json выводит один документ JSON; для ${p.format} укажите --out ФАЙЛ.`,
  format_table_file: (p) => `Таблица — для терминала; для ${p.file} выберите: ${p.formats}.`,
  rows_written: (p) => `${p.file}: записано строк: ${p.rows}.`,
  help_examples: 'Примеры:',
  opt_dry_run: 'проверить и показать итог, ничего не записывая',
  opt_skip_invalid: 'загрузить верные строки, остальные перечислить',
  opt_errors_file: 'записать отклонённые строки с колонкой причины (.csv или .xlsx)',
  opt_encoding: 'кодировка CSV',
  opt_sheet: 'лист XLSX (по умолчанию первый)',
  opt_map: (p) => `явно сопоставить колонки: "Колонка=поле,..." (поля: ${p.fields})`,
  opt_format: 'формат вывода (по умолчанию — по расширению --out, иначе таблица)',
  opt_out: 'записать в этот файл (атомарно) вместо stdout; - — это stdout',
  opt_force: 'заменить существующий файл --out',
};
