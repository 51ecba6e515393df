import type { reader as en } from '../en/reader.js';

/** Русские сообщения чтения файлов: кодировки, границы книги, форма таблицы, имена, даты, числа (собираются в ../ru.ts). */
export const reader: typeof en = {
  encoding_unknown: (p) => `--encoding: неизвестная кодировка «${p.value}»; допустимые: ${p.known} (а также windows-1251, 1251, ibm866, dos, utf-8, unicode)`,
  encoding_implausible: (p) =>
    `${p.file ? `${p.file}: ` : ''}в кодировке ${p.encoding} текст читается как мусор (нечитаемые или посторонние символы); ничего не импортировано. Попробуйте --encoding ${p.suggestion} или сохраните файл как «CSV UTF-8».`,
  xlsx_zip_invalid: (p) => `${p.file ? `${p.file} — ` : 'Файл — '}не удаётся прочитать как книгу XLSX: её ZIP-оглавление повреждено или противоречиво`,
  xlsx_unpacked_too_large: (p) => `${p.file ? `${p.file}: ` : ''}книга распаковывается в ${p.size}, больше допустимых ${p.limit}; разделите её или сохраните лист как CSV`,
  xlsx_entry_too_large: (p) => `${p.file ? `${p.file}: ` : ''}часть книги ${p.entry} распаковывается в ${p.size}, больше допустимых ${p.limit}`,
  xlsx_ratio_too_high: (p) =>
    `${p.file ? `${p.file}: ` : ''}часть книги ${p.entry} сжата в ${p.ratio} раз (допустимо ${p.limit}): это похоже на ZIP-бомбу, а не на список`,
  xlsx_size_mismatch: (p) => `${p.file ? `${p.file}: ` : ''}часть книги ${p.entry} распаковывается не в тот размер, что указан в оглавлении; файл повреждён или подделан`,
  xlsx_too_many_rows: (p) => `${p.file ? `${p.file}: ` : ''}на листе больше ${p.limit} строк; разделите список`,
  xlsx_too_many_cells: (p) => `${p.file ? `${p.file}: ` : ''}на листе больше ${p.limit} заполненных ячеек; разделите список`,
  xlsx_cell_too_long: (p) =>
    `${p.file ? `${p.file}, ` : ''}строка ${p.row}, колонка ${p.column}: в ячейке ${p.length} символов, больше допустимых ${p.limit}`,
  date_accepted_forms: (p) => `допустимо: ${p.forms}`,
  header_looked_for: (p) => `в первых ${p.rows} строках искали строку заголовков, где названо не меньше ${p.min} из колонок: ${p.fields}`,
  header_best_candidate: (p) => `ближе всего строка ${p.row} (${p.cells}): в ней ${p.matched} из них`,
  header_not_found: (p) => `${p.file ? `${p.file}: ` : ''}не найдена строка заголовков: ${p.lookedFor}${p.best ? `; ${p.best}` : ''}. Подпишите колонки одной строкой над данными или используйте --map.`,
  name_empty: 'пусто',
  name_initials: 'инициалы, а не имя: напишите имя и отчество полностью',
  name_one_word: 'только одно слово: нужны хотя бы фамилия и имя',
  name_ambiguous: (p) => `${p.words} слов(а): не понять, где фамилия, имя и отчество; используйте отдельные колонки Фамилия, Имя, Отчество`,
  latin_letters_folded: (p) => `латинские буквы внутри русского слова (не та раскладка): «${p.value}» прочитано как «${p.folded}»`,
  snils_zeros_restored: (p) => `Excel отбросил ведущие нули СНИЛС ${p.value}; восстановлено как ${p.restored} (контрольное число совпадает)`,
  snils_zeros_lost: (p) => `${p.digits} цифр: Excel отбросил ведущие нули, и контрольное число не подтверждает восстановление; задайте колонке формат «Текстовый» и введите СНИЛС заново`,
  number_scientific: 'Excel записал число в экспоненциальной форме, и последние цифры потеряны; задайте колонке формат «Текстовый» (или числовой формат 0) и сохраните заново',
  number_not_whole: 'не целое число',
  table_too_many_rows: (p) => `${p.file ? `${p.file}: ` : ''}в таблице больше ${p.limit} строк (настройка import.maxRows); разделите список`,
  table_too_many_columns: (p) => `${p.file ? `${p.file}, ` : ''}строка ${p.row}: больше ${p.limit} колонок (настройка import.maxColumns)`,
  table_cell_too_long: (p) =>
    `${p.file ? `${p.file}, ` : ''}строка ${p.row}, колонка ${p.column}: в ячейке ${p.length} символов, больше допустимых ${p.limit} (настройка import.maxCellChars)`,
  header_row_empty: (p) => `${p.file}${p.sheet ? ` (лист «${p.sheet}»)` : ''}: --header-row ${p.row}: эта строка пуста или за пределами таблицы`,
  import_header_guessed: (p) =>
    `за строку заголовков взята строка ${p.row}${p.sheet ? ` листа «${p.sheet}»` : ''}, лучшей не нашлось (${p.lookedFor}); укажите строку заголовков: --header-row N`,
  column_or_flag: (p) => `${p.column} (${p.field}; или укажите ${p.flag})`,
  no_sheet_with_columns: (p) => `${p.file}: ни на одном видимом листе нет нужных колонок: ${p.sheets}. Укажите лист: --sheet.`,
  import_sheet_lacks: (p) => `на листе «${p.sheet}» нет: ${p.lacks}`,
  import_sheet_hidden: (p) => `лист «${p.sheet}» скрыт (без --sheet не читается)`,
  import_hidden_skipped: (p) => `скрытые в книге строки пропущены (${p.count}): ${p.rows}; чтобы их импортировать, укажите --hidden include`,
  import_hidden_included: (p) => `импортированы скрытые в книге строки (${p.count}): ${p.rows}`,
  import_total_rows_left: (p) => `итоговые строки пропущены: ${p.rows}`,
};
