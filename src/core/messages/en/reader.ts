/** English messages of the reader: encodings, workbook bounds, table shape, names, dates, numbers (merged by ../en.ts). */
export const reader = {
  // Encodings (src/io/encoding.ts)
  encoding_unknown: (p: { value: string; known: string }) => `--encoding: unknown encoding "${p.value}"; known: ${p.known} (also windows-1251, 1251, ibm866, dos, utf-8, unicode)`,
  encoding_implausible: (p: { file: string; encoding: string; suggestion: string }) =>
    `${p.file ? `${p.file}: ` : ''}read as ${p.encoding}, the text is garbled (unreadable or stray characters); nothing was imported. Try --encoding ${p.suggestion}, or save the file as "CSV UTF-8".`,
  // Workbook bounds (src/io/xlsxLimits.ts)
  xlsx_zip_invalid: (p: { file: string }) => `${p.file ? `${p.file} ` : 'The file '}is not a readable XLSX workbook: its ZIP directory is damaged or inconsistent`,
  xlsx_unpacked_too_large: (p: { file: string; size: string; limit: string }) => `${p.file ? `${p.file}: ` : ''}the workbook unpacks to ${p.size}, more than the limit of ${p.limit}; split it or save the sheet as CSV`,
  xlsx_entry_too_large: (p: { file: string; entry: string; size: string; limit: string }) => `${p.file ? `${p.file}: ` : ''}the part ${p.entry} of the workbook unpacks to ${p.size}, more than the limit of ${p.limit}`,
  xlsx_ratio_too_high: (p: { file: string; entry: string; ratio: number; limit: number }) =>
    `${p.file ? `${p.file}: ` : ''}the part ${p.entry} of the workbook is compressed ${p.ratio} times (the limit is ${p.limit}): this looks like a ZIP bomb, not a list`,
  xlsx_size_mismatch: (p: { file: string; entry: string }) => `${p.file ? `${p.file}: ` : ''}the part ${p.entry} of the workbook does not unpack to the size its directory declares; the file is damaged or forged`,
  xlsx_too_many_rows: (p: { file: string; limit: number }) => `${p.file ? `${p.file}: ` : ''}the sheet has more than ${p.limit} rows; split the list`,
  xlsx_too_many_cells: (p: { file: string; limit: number }) => `${p.file ? `${p.file}: ` : ''}the sheet has more than ${p.limit} filled cells; split the list`,
  xlsx_cell_too_long: (p: { file: string; row: number; column: string; length: number; limit: number }) =>
    `${p.file ? `${p.file}, ` : ''}row ${p.row}, column ${p.column}: the cell holds ${p.length} characters, more than the limit of ${p.limit}`,
  // Dates (src/domain/dates.ts)
  date_accepted_forms: (p: { forms: string }) => `accepted: ${p.forms}`,
  // --year beside --group (credentials issue, list, reset)
  reader_opt_group_year: "the year of the --group (default: the current one); its students as of today, or of the year's first or last day when today is outside it",
  // A date flag (src/cli/values.ts): the code stays bad_date
  reader_bad_date_arg: (p: { option: string; value: string; forms: string }) => `${p.option}: "${p.value}" is not a date; accepted: ${p.forms}`,
  // Table shape (src/domain/tableShape.ts)
  header_looked_for: (p: { fields: string; rows: number; min: number }) => `looked in the first ${p.rows} rows for a header row naming at least ${p.min} of: ${p.fields}`,
  header_best_candidate: (p: { row: number; cells: string; matched: number }) => `the closest was row ${p.row} (${p.cells}), which names ${p.matched} of them`,
  header_not_found: (p: { file: string; lookedFor: string; best: string }) => `${p.file ? `${p.file}: ` : ''}no header row found: ${p.lookedFor}${p.best ? `; ${p.best}` : ''}. Name the columns in one row above the data, or use --map.`,
  // Names (src/domain/fullName.ts)
  name_empty: 'empty',
  name_initials: 'initials, not a name: write the first name and patronymic in full',
  name_one_word: 'only one word: need at least a surname and a first name',
  name_ambiguous: (p: { words: number }) => `${p.words} words: cannot tell the surname, first name and patronymic apart; use separate columns Фамилия, Имя, Отчество`,
  // Homoglyphs (src/domain/homoglyphs.ts)
  latin_letters_folded: (p: { value: string; folded: string }) => `Latin letters inside a Cyrillic word (wrong keyboard layout): "${p.value}" read as "${p.folded}"`,
  // Numbers Excel mangled (src/domain/excelNumbers.ts)
  snils_zeros_restored: (p: { value: string; restored: string }) => `Excel dropped the leading zeros of the СНИЛС ${p.value}; restored as ${p.restored} (the checksum matches)`,
  snils_zeros_lost: (p: { digits: number }) => `${p.digits} digits: Excel dropped leading zeros and the checksum does not confirm any restoration; format the column as Text and type the СНИЛС again`,
  number_scientific: 'Excel wrote the number in scientific notation and its last digits are lost; format the column as Text (or the number format 0) and save again',
  number_not_whole: 'not a whole number',
  // Bounds on any table (src/io/csvParse.ts, src/io/readTable.ts)
  table_too_many_rows: (p: { file: string; limit: number }) => `${p.file ? `${p.file}: ` : ''}the table has more than ${p.limit} rows (setting import.maxRows); split the list`,
  table_too_many_columns: (p: { file: string; row: number; limit: number }) => `${p.file ? `${p.file}, ` : ''}row ${p.row}: more than ${p.limit} columns (setting import.maxColumns)`,
  table_cell_too_long: (p: { file: string; row: number; column: string; length: number; limit: number }) =>
    `${p.file ? `${p.file}, ` : ''}row ${p.row}, column ${p.column}: the cell holds ${p.length} characters, more than the limit of ${p.limit} (setting import.maxCellChars)`,
  // Sheets, header rows, hidden and total rows (src/io/readTable.ts, src/io/importTable.ts)
  header_row_empty: (p: { file: string; row: number; sheet: string }) => `${p.file}${p.sheet ? ` (sheet «${p.sheet}»)` : ''}: --header-row ${p.row}: that row is empty or beyond the table`,
  import_header_guessed: (p: { row: number; sheet: string; lookedFor: string }) =>
    `row ${p.row}${p.sheet ? ` of sheet «${p.sheet}»` : ''} was taken as the header, for want of a better one (${p.lookedFor}); name the header row with --header-row N`,
  column_or_flag: (p: { column: string; field: string; flag: string }) => `${p.column} (${p.field}; or give ${p.flag})`,
  no_sheet_with_columns: (p: { file: string; sheets: string }) => `${p.file}: no visible sheet has the columns needed: ${p.sheets}. Name the sheet with --sheet.`,
  import_sheet_lacks: (p: { sheet: string; lacks: string }) => `«${p.sheet}» lacks ${p.lacks}`,
  import_sheet_hidden: (p: { sheet: string }) => `«${p.sheet}» is hidden (not read without --sheet)`,
  import_hidden_skipped: (p: { rows: string; count: number }) => `${p.count} row(s) hidden in the workbook were left out: ${p.rows}; import them with --hidden include`,
  import_hidden_included: (p: { rows: string; count: number }) => `${p.count} row(s) hidden in the workbook were imported: ${p.rows}`,
  import_total_rows_left: (p: { rows: string }) => `total rows left out: ${p.rows}`,
  // Import flags (src/cli/command.ts withImportOptions)
  opt_import_encoding: 'CSV encoding: auto (default), utf8, cp1251, cp866 (Excel "CSV (MS-DOS)") or utf16 (Excel "Unicode text")',
  opt_import_sheet: 'XLSX sheet (default: the first visible sheet that has the columns)',
  opt_header_row: 'the row that holds the column names, as Excel numbers it (default: found by its names)',
  opt_hidden: 'rows hidden in the workbook (by a filter or by hand): skip (default) or include; either way they are listed',
  // Read limits (src/domain/settings.ts)
  setting_import_max_rows: 'most rows an import file may have',
  setting_import_max_columns: 'most columns a row of an import file may have',
  setting_import_max_cell_chars: 'most characters in one cell of an import file',
  setting_import_max_unpacked_megabytes: 'most megabytes an XLSX import file may unpack to',
  // Bounded, clean text (src/domain/text.ts)
  text_too_long: (p: { length: number; max: number }) => `too long: ${p.length} characters, at most ${p.max}`,
  text_control_characters: 'contains control characters (such as NUL or a terminal escape sequence)',
  // Optional fields kept as typed (src/domain/studentRow.ts)
  phone_kept_as_typed: 'not a Russian phone number; kept as typed',
  email_kept_as_typed: 'not an e-mail address; kept as typed',
  phones_split: (p: { count: number }) => `${p.count} phone numbers in one cell; all kept, separated by commas`,
  people_row_no_group_in_year: (p: { year: string }) => `no such group in the year ${p.year} (another year: --year)`,
  opt_student_import_year: 'the academic year whose groups the list names, e.g. 2026/2027 for next year\'s admission (default: the current year)',
};
