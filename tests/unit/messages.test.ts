import { afterEach, describe, expect, it } from 'vitest';
import { setLang, t } from '../../src/core/i18n.js';

describe('counts in the English catalogue', () => {
  afterEach(() => setLang('en'));

  it('say one row, and rows for any other count', () => {
    setLang('en');
    expect(t('rows_written', { file: 'a.csv', rows: 1 })).toBe('a.csv: 1 row written.');
    expect(t('rows_written', { file: 'a.csv', rows: 0 })).toBe('a.csv: 0 rows written.');
    expect(t('people_import_summary', { file: 'a.csv', rows: 1, created: 1, updated: 0, unchanged: 0, rejected: 0 })).toMatch(/^a\.csv: 1 row; created 1/);
  });
});
