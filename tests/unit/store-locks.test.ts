import { describe, expect, it } from 'vitest';
import { clockAt } from '../../src/core/clock.js';
import { AppError } from '../../src/core/errors.js';
import { assertDateOpen, guardJournalWrite, openLockGate } from '../../src/store/locks.js';
import { openStore } from '../../src/store/store.js';
import { closePeriod, createAcademicYear } from '../../src/services/periods.js';

function storeOn(today: string) {
  const store = openStore(':memory:', { create: true, actor: 'test', command: 'test', clock: clockAt(today) });
  createAcademicYear(store, { name: '2025/2026', start: '2025-09-01', end: '2026-06-30', scheme: 'semesters' });
  return store;
}

function refusal(fn: () => unknown): AppError {
  try {
    fn();
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error('expected a refusal');
}

describe('the lock guard in the store', () => {
  it('reads the edit window setting; an override passes and is reported', () => {
    const store = storeOn('2025-10-03');
    expect(refusal(() => guardJournalWrite(store, { kind: 'lesson', date: '2025-09-22' }))).toMatchObject({ exitCode: 4, code: 'lock_edit_window' });
    expect(guardJournalWrite(store, { kind: 'lesson', date: '2025-09-22', override: 'записка' })).toMatchObject({ rule: 'edit_window', passed: '2025-10-02' });
    store.mutate(() => {
      store.run("INSERT INTO setting (key, value) VALUES ('journal.editWindowDays', '30')");
      store.audit({ entity: 'setting', action: 'set' });
    });
    expect(guardJournalWrite(store, { kind: 'lesson', date: '2025-09-22' })).toBeUndefined();
  });
  it('reads the period-mark window from grading.editWindowDays (10 days by default)', () => {
    // S1 of 2025/2026 ends on 31.12.2025 (semesters): 10 days later is 10.01.2026.
    const store = storeOn('2026-01-11');
    const grade = { kind: 'grade' as const, date: '2025-12-31', periodEnd: '2025-12-31' };
    expect(refusal(() => guardJournalWrite(store, grade))).toMatchObject({ code: 'lock_grade_window', details: { passed: '2026-01-10' } });
    store.mutate(() => {
      store.run("INSERT INTO setting (key, value) VALUES ('grading.editWindowDays', '11')");
      store.audit({ entity: 'setting', action: 'set' });
    });
    expect(guardJournalWrite(store, grade)).toBeUndefined();
  });
  it('assertDateOpen refuses a date inside a closed period, whatever the override', () => {
    const store = storeOn('2025-10-03');
    assertDateOpen(store, '2025-09-22');
    closePeriod(store, { period: 'S1', force: true });
    expect(refusal(() => assertDateOpen(store, '2025-09-22'))).toMatchObject({ exitCode: 4, code: 'lock_period_closed', details: { rule: 'period_closed', period: '2025/2026:S1' } });
    expect(refusal(() => openLockGate(store, 'причина').check({ kind: 'lesson', date: '2025-10-02' }))).toMatchObject({ code: 'lock_period_closed' });
    assertDateOpen(store, '2026-02-10');
  });
  it('inside a closed year the refusal names the year, not a period to reopen', () => {
    const store = storeOn('2026-07-05');
    closePeriod(store, { period: 'S1', force: true });
    closePeriod(store, { period: 'S2', force: true });
    expect(refusal(() => assertDateOpen(store, '2026-03-02'))).toMatchObject({ code: 'lock_period_closed' });
    store.mutate(() => {
      store.run("UPDATE year SET status = 'closed' WHERE name = '2025/2026'");
      store.audit({ entity: 'year', action: 'close' });
    });
    const refused = refusal(() => assertDateOpen(store, '2026-03-02'));
    expect(refused).toMatchObject({ exitCode: 4, code: 'lock_year_closed', details: { rule: 'period_closed', period: '2025/2026:S2' } });
    expect(refused.message).toContain('2025/2026');
    expect(refused.message).not.toContain('reopen');
  });
});
