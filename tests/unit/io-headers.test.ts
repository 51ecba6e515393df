import { describe, it, expect } from 'vitest';
import { mapColumns, missingList } from '../../src/io/headers.js';
import { normalizeHeader, type FieldSpec } from '../../src/domain/fields.js';

const FIELDS = {
  last_name: { aliases: ['Фамилия', 'Last name'], required: true },
  first_name: { aliases: ['Имя'], required: true },
  middle_name: { aliases: ['Отчество'] },
  birth_date: { aliases: ['Дата рождения', 'Д.р.', 'ДР'], required: true },
  phone: { aliases: ['Телефон', 'Тел.'] },
} satisfies Record<string, FieldSpec>;

function thrown(fn: () => unknown): { code: string; message: string; details: unknown } {
  try {
    fn();
  } catch (err) {
    return err as { code: string; message: string; details: unknown };
  }
  throw new Error('expected a throw');
}

describe('normalizeHeader', () => {
  it('ignores case, ё, spaces and punctuation', () => {
    const forms = ['Дата рождения', 'дата_рождения', 'ДАТА РОЖДЕНИЯ', 'Дата-рождения', ' Дата  рождения: ', 'Дата\u00a0рождения'];
    for (const f of forms) expect(normalizeHeader(f)).toBe('датарождения');
    expect(normalizeHeader('Д.р.')).toBe('др');
    expect(normalizeHeader('Д. р.')).toBe(normalizeHeader('ДР'));
    expect(normalizeHeader('Учёба')).toBe(normalizeHeader('УЧЕБА'));
    expect(normalizeHeader('Ёлкин')).toBe('елкин');
    expect(normalizeHeader('birth_date')).toBe('birthdate');
    expect(normalizeHeader('№ п/п')).toBe('пп');
    // A decomposed й (и + combining breve) is the same letter.
    expect(normalizeHeader('Класс и\u0306')).toBe(normalizeHeader('класс й'));
  });
});

describe('mapColumns', () => {
  it('matches Russian and English aliases and field names, reporting unknown columns', () => {
    const headers = ['№', 'ФАМИЛИЯ', 'first_name', 'Д.Р.', '', 'Примечание', 'тел'];
    const m = mapColumns(headers, FIELDS);
    expect(m.columns).toEqual({ last_name: 1, first_name: 2, birth_date: 3, phone: 6 });
    expect(m.unknown).toEqual(['№', 'Примечание']);
    expect(m.missing).toEqual([]);
  });

  it('lists every missing required field; a second column for a field is unknown', () => {
    const m = mapColumns(['Фамилия', 'Last Name', 'Отчество'], FIELDS);
    expect(m.columns).toEqual({ last_name: 0, middle_name: 2 });
    expect(m.unknown).toEqual(['Last Name']);
    expect(m.missing).toEqual(['first_name', 'birth_date']);
  });

  it('--map names columns and wins over aliases', () => {
    const headers = ['Фамилия', 'Surname (latin)', 'Имя ребёнка', 'Родился'];
    const m = mapColumns(headers, FIELDS, 'Surname (latin)=last_name, имя РЕБЁНКА = first_name,Родился=birth_date');
    expect(m.columns).toEqual({ last_name: 1, first_name: 2, birth_date: 3 });
    expect(m.unknown).toEqual(['Фамилия']);
    expect(m.missing).toEqual([]);
  });

  it('--map with an unknown field lists the known fields', () => {
    const err = thrown(() => mapColumns(['Фамилия'], FIELDS, 'Фамилия=surname'));
    expect(err.code).toBe('map_unknown_field');
    expect(err.message).toContain('surname');
    expect(err.message).toContain('last_name, first_name, middle_name, birth_date, phone');
  });

  it('--map with a column the file lacks, or a malformed entry, is refused', () => {
    const missing = thrown(() => mapColumns(['Фамилия', 'Имя'], FIELDS, 'Фамилья=last_name'));
    expect(missing.code).toBe('map_unknown_column');
    expect(missing.message).toContain('Фамилия, Имя');
    expect(thrown(() => mapColumns(['Фамилия'], FIELDS, 'Фамилия')).code).toBe('map_invalid');
    expect(thrown(() => mapColumns(['Фамилия'], FIELDS, '=last_name')).code).toBe('map_invalid');
  });
});

describe('missingList', () => {
  it('names the missing columns by their first Russian alias and field', () => {
    expect(missingList(FIELDS, ['last_name', 'birth_date'])).toBe('Фамилия (last_name), Дата рождения (birth_date)');
    const english = { email: { aliases: ['E-mail', 'Почта'], required: true } };
    expect(missingList(english, ['email'])).toBe('Почта (email)');
  });
});
