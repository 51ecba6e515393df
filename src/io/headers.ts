import { InputError } from '../core/errors.js';
import { t } from '../core/i18n.js';
import { normalizeHeader, type FieldSpec } from '../domain/fields.js';

export interface ColumnMapping<F extends string> {
  /** Field → index into `Table.headers` / `row.cells`. */
  columns: Partial<Record<F, number>>;
  /** Non-empty headers not mapped to any field (including a second column for a field already mapped). */
  unknown: string[];
  /** Required fields without a column. */
  missing: F[];
}

/**
 * Which column holds which field. A header matches a field by any alias or by the field's own
 * name (`last_name`); `userMap` (`--map "Колонка=field,Другая=field2"`) names columns
 * explicitly and wins over aliases. The first column that matches a field takes it.
 */
export function mapColumns<F extends string>(
  headers: string[],
  fields: Record<F, FieldSpec>,
  userMap?: string,
): ColumnMapping<F> {
  const names = Object.keys(fields) as F[];
  const byName = new Map<string, F>();
  for (const field of names) {
    for (const alias of [field, ...fields[field].aliases]) {
      const key = normalizeHeader(alias);
      if (!byName.has(key)) byName.set(key, field);
    }
  }

  const columns: Partial<Record<F, number>> = {};
  const taken = new Set<number>();
  for (const [column, target] of parseMap(userMap)) {
    const field = byName.get(normalizeHeader(target));
    if (field === undefined) {
      throw new InputError(
        'map_unknown_field',
        { field: target, known: names.join(', ') },
        { field: target, known: names },
      );
    }
    const index = headers.findIndex((h, i) => !taken.has(i) && normalizeHeader(h) === normalizeHeader(column));
    if (index < 0) {
      const present = headers.filter((h) => h !== '');
      throw new InputError(
        'map_unknown_column',
        { column, columns: present.join(', ') },
        { column, columns: present },
      );
    }
    columns[field] = index;
    taken.add(index);
  }

  const unknown: string[] = [];
  headers.forEach((header, index) => {
    if (taken.has(index) || header === '') return;
    const field = byName.get(normalizeHeader(header));
    if (field !== undefined && columns[field] === undefined) columns[field] = index;
    else unknown.push(header);
  });

  const missing = names.filter((f) => fields[f].required && columns[f] === undefined);
  return { columns, unknown, missing };
}


/**
 * The missing columns as a person reads them: `Группа (group; or --group), Пол (sex)`; `flags`
 * names the command-line flag that can stand in for a column.
 */
export function missingList<F extends string>(fields: Record<F, FieldSpec>, missing: F[], flags: Partial<Record<F, string>> = {}): string {
  return missing.map((f) => (flags[f] ? t('column_or_flag', { column: displayName(f, fields[f]), field: f, flag: flags[f]! }) : `${displayName(f, fields[f])} (${f})`)).join(', ');
}

/** The first Russian alias, else the first alias, else the field name. */
function displayName(field: string, spec: FieldSpec): string {
  return spec.aliases.find((a) => /[а-яё]/i.test(a)) ?? spec.aliases[0] ?? field;
}

/** `"Колонка=field, Другая = field2"` → pairs. The last `=` splits, so a column name may contain one. */
function parseMap(userMap: string | undefined): [string, string][] {
  if (!userMap) return [];
  return userMap
    .split(',')
    .filter((part) => part.trim() !== '')
    .map((part) => {
      const at = part.lastIndexOf('=');
      const column = part.slice(0, at).trim();
      const field = part.slice(at + 1).trim();
      if (at < 0 || column === '' || field === '') {
        throw new InputError(
          'map_invalid',
          { entry: part.trim() },
        );
      }
      return [column, field];
    });
}
