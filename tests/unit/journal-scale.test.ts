import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { clockAt } from '../../src/core/clock.js';
import { markSlotKey, sortAttendanceWrites, sortMarkWrites, ATTENDANCE_CODES, MARK_VALUES, type AttendanceCode, type MarkValue } from '../../src/domain/journal.js';
import { openStore, type Store } from '../../src/store/store.js';

/**
 * `grades suggest`, `journal show` and the imports must cost the same on a store of ten
 * million marks as on an empty one: every query they run reaches the journal through an
 * index bounded by the group (or the lessons at hand), never by scanning a table.
 */
function plan(store: Store, sql: string, ...params: unknown[]): string[] {
  return store.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params).map((r) => (r as { detail: string }).detail);
}

const store = openStore(':memory:', { create: true, actor: 'test', command: 'test', clock: clockAt('2025-10-01') });
const BIG = /^SCAN (l|m|a|mark|lesson|attendance|grade|membership)\b/;

// The queries as the store modules run them (src/store/journal.ts, grades.ts), parameters bound.
const QUERIES: [string, string, unknown[]][] = [
  ['marks of a group over a period (grades suggest, journal show)',
    `SELECT m.lesson_id, m.student_id, l.subject_id, l.date, m.value, m.weight, w.name FROM lesson l JOIN mark m ON m.lesson_id = l.id JOIN work_type w ON w.id = m.work_type_id
      WHERE l.group_id = ? AND l.date BETWEEN ? AND ? AND (? IS NULL OR l.subject_id = ?) ORDER BY l.date, l.number, m.work_type_id`, [1, '2025-09-01', '2025-12-31', null, null]],
  ['attendance of a group over a period',
    `SELECT a.lesson_id, a.student_id, l.subject_id, l.date, l.hours, a.code FROM lesson l JOIN attendance a ON a.lesson_id = l.id
      WHERE l.group_id = ? AND l.date BETWEEN ? AND ? AND (? IS NULL OR l.subject_id = ?)`, [1, '2025-09-01', '2025-12-31', 3, 3]],
  ['subjects a group is taught',
    `SELECT s.id, s.code, s.name, count(*) FROM lesson l JOIN subject s ON s.id = l.subject_id WHERE l.group_id = ? AND l.date BETWEEN ? AND ? GROUP BY s.id ORDER BY s.code`, [1, '2025-09-01', '2025-12-31']],
  ['lessons of a group and subject',
    `SELECT id FROM lesson WHERE group_id = ? AND subject_id = ? AND date BETWEEN ? AND ? ORDER BY date, number`, [1, 2, '2025-09-01', '2026-06-30']],
  ['period marks of a group\'s students',
    `SELECT student_id, subject_id, value FROM grade WHERE year_id = ? AND kind = ? AND ifnull(period_id, 0) = ifnull(?, 0) AND (? IS NULL OR subject_id = ?) AND student_id IN (?, ?, ?)`, [1, 'period', 1, null, null, 1, 2, 3]],
  ['members of a group',
    `SELECT m.student_id, p.last_name FROM membership m JOIN person p ON p.id = m.student_id WHERE m.group_id = ? ORDER BY p.last_name`, [1]],
  ['marks on the lessons an import touches',
    `SELECT id, lesson_id, student_id, work_type_id, value, weight FROM mark WHERE lesson_id IN (SELECT value FROM json_each(?))`, ['[1,2,3]']],
  ['attendance on the lessons an import touches',
    `SELECT lesson_id, student_id, code FROM attendance WHERE lesson_id IN (SELECT value FROM json_each(?))`, ['[1,2,3]']],
];

describe('the journal reads do not grow with the store', () => {
  for (const [name, sql, params] of QUERIES) {
    it(`${name}: searched through an index, no table scanned`, () => {
      const steps = plan(store, sql, ...params);
      expect(steps.filter((s) => BIG.test(s))).toEqual([]);
      expect(steps.some((s) => /^SEARCH .* USING (COVERING |INTEGER PRIMARY KEY|INDEX|PRIMARY KEY)/.test(s))).toBe(true);
    });
  }
});

const slot = fc.record({ lessonId: fc.integer({ min: 1, max: 5 }), studentId: fc.integer({ min: 1, max: 5 }), workTypeId: fc.integer({ min: 1, max: 2 }) });
const markValue = fc.constantFrom<MarkValue>(...MARK_VALUES);

describe('what writing marks does to the marks already there', () => {
  it('inserts a new slot, updates a changed one, leaves the same alone; every draft is counted once', () => {
    const existing = new Map([[markSlotKey({ lessonId: 1, studentId: 1, workTypeId: 1 }), { id: 10, value: '4' as MarkValue, weight: 1 }], [markSlotKey({ lessonId: 1, studentId: 2, workTypeId: 1 }), { id: 11, value: '5' as MarkValue, weight: 1 }]]);
    const r = sortMarkWrites(
      [
        { lessonId: 1, studentId: 1, workTypeId: 1, value: '5', weight: 1 },
        { lessonId: 1, studentId: 2, workTypeId: 1, value: '5', weight: 1 },
        { lessonId: 1, studentId: 1, workTypeId: 2, value: '3', weight: 2 },
      ],
      existing,
    );
    expect(r.inserts.map((d) => d.workTypeId)).toEqual([2]);
    expect(r.updates).toEqual([{ id: 10, before: '4', draft: { lessonId: 1, studentId: 1, workTypeId: 1, value: '5', weight: 1 } }]);
    expect(r.unchanged).toBe(1);
  });

  it('for any drafts and existing marks: inserts are exactly the new slots, updates exactly the changed ones', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.record({ s: slot, value: markValue }), { selector: (d) => markSlotKey(d.s) }), fc.uniqueArray(fc.record({ s: slot, value: markValue }), { selector: (d) => markSlotKey(d.s) }), (old, drafts) => {
        const existing = new Map(old.map((o, i) => [markSlotKey(o.s), { id: i + 1, value: o.value, weight: 1 }]));
        const r = sortMarkWrites(drafts.map((d) => ({ ...d.s, value: d.value, weight: 1 })), existing);
        expect(r.inserts.length + r.updates.length + r.unchanged).toBe(drafts.length);
        for (const d of r.inserts) expect(existing.has(markSlotKey(d))).toBe(false);
        for (const u of r.updates) expect(existing.get(markSlotKey(u.draft))).toMatchObject({ id: u.id, value: u.before });
        for (const u of r.updates) expect(u.before).not.toBe(u.draft.value);
      }),
    );
  });
});

describe('what writing attendance does to the marks already there', () => {
  it('ОТ turned into a reason keeps who entered the absence; any other change is entered anew', () => {
    const existing = new Map<string, AttendanceCode>([['1:1', 'ОТ'], ['1:2', 'ОТ'], ['1:3', 'Б']]);
    const r = sortAttendanceWrites(
      [
        { lessonId: 1, studentId: 1, code: 'Б' },
        { lessonId: 1, studentId: 2, code: 'ОП' },
        { lessonId: 1, studentId: 3, code: 'Б' },
        { lessonId: 1, studentId: 4, code: 'ОТ' },
      ],
      existing,
    );
    expect(r.reasons.map((x) => x.draft.studentId)).toEqual([1]);
    expect(r.replaces.map((x) => [x.draft.studentId, x.before])).toEqual([[2, 'ОТ']]);
    expect(r.unchanged).toBe(1);
    expect(r.inserts.map((d) => d.studentId)).toEqual([4]);
  });

  it('for any drafts: each lands in exactly one bucket', () => {
    const code = fc.constantFrom<AttendanceCode>(...ATTENDANCE_CODES);
    const key = fc.record({ lessonId: fc.integer({ min: 1, max: 4 }), studentId: fc.integer({ min: 1, max: 4 }) });
    fc.assert(
      fc.property(fc.uniqueArray(fc.record({ k: key, code }), { selector: (d) => `${d.k.lessonId}:${d.k.studentId}` }), fc.uniqueArray(fc.record({ k: key, code }), { selector: (d) => `${d.k.lessonId}:${d.k.studentId}` }), (old, drafts) => {
        const existing = new Map(old.map((o) => [`${o.k.lessonId}:${o.k.studentId}`, o.code]));
        const r = sortAttendanceWrites(drafts.map((d) => ({ ...d.k, code: d.code })), existing);
        expect(r.inserts.length + r.reasons.length + r.replaces.length + r.unchanged).toBe(drafts.length);
        for (const x of r.reasons) expect([x.before, ['Б', 'УП', 'НП'].includes(x.draft.code)]).toEqual(['ОТ', true]);
      }),
    );
  });
});
