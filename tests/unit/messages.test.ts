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

  it('say one account, and accounts for any other count', () => {
    setLang('en');
    expect(t('cred_reset_done', { file: 'r.csv', count: 1, skippedDisabled: 0 })).toBe('r.csv: new passwords for 1 account.');
    expect(t('cred_reset_done', { file: 'r.csv', count: 3, skippedDisabled: 1 })).toBe('r.csv: new passwords for 3 accounts, 1 disabled left alone.');
    expect(t('cred_issued', { file: 's.html', created: 1, reissued: 0, skipped: 2 })).toBe('s.html: 1 account created, 0 reissued, 2 left as they were.');
  });
});
