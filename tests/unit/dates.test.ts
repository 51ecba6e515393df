import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DateTime } from 'luxon';
import { ACCEPTED_DATE_FORMS, addDays, ageOn, excelSerialToIso, parseDate } from '../../src/domain/dates.js';

const pad = (n: number, w = 2) => String(n).padStart(w, '0');
/** Any real day from 1900 to 2100. */
const realDay = fc.integer({ min: 0, max: 73_000 }).map((n) => DateTime.fromObject({ year: 1900, month: 1, day: 1 }, { zone: 'utc' }).plus({ days: n }));

describe('parseDate', () => {
  it('reads the forms secretaries and Excel write', () => {
    const forms = [
      '14.03.2009', '14.3.2009', '2009-03-14', '14/03/2009', '14-03-2009',
      '14.03.2009 0:00:00', '14.03.2009 00:00', '14.03.2009 00:00:00', '2009-03-14T00:00:00', '2009-03-14 00:00:00',
      '2009-03-14T00:00:00.000Z', '14.03.2009 г.', '14.03.2009 г', '14.03.2009г.', ' 14.03.2009 ',
    ];
    for (const text of forms) expect(parseDate(text), text).toBe('2009-03-14');
    expect(parseDate('5.5.2009')).toBe('2009-05-05');
  });

  it('refuses a two-digit year, an impossible day and a time other than midnight', () => {
    const refused = [
      '14.03.09', '14/03/09', '09-03-14', '31.02.2009', '29.02.2010', '2009-02-30', '32.01.2009', '14.13.2009',
      '14.03.2009 10:30', '14.03.2009 0:00:01', '2009-03-14T12:00:00', '14.03.20090', '', 'вчера', '2009-3-14', '14.03.2009 г. года',
    ];
    for (const text of refused) expect(parseDate(text), text).toBeUndefined();
  });

  it('accepts 29 February in a leap year only', () => {
    expect(parseDate('29.02.2008')).toBe('2008-02-29');
    expect(parseDate('29.02.1900')).toBeUndefined();
    expect(parseDate('29.02.2000')).toBe('2000-02-29');
  });

  it('gives the same day in every form, with and without the additions (property)', () => {
    fc.assert(
      fc.property(realDay, fc.constantFrom('', ' 0:00:00', ' 00:00', ' г.', 'г'), (d, tail) => {
        const iso = d.toISODate()!;
        for (const text of [`${pad(d.day)}.${pad(d.month)}.${d.year}`, `${d.day}.${d.month}.${d.year}`, `${pad(d.day)}/${pad(d.month)}/${d.year}`, `${pad(d.day)}-${pad(d.month)}-${d.year}`, iso]) {
          expect(parseDate(text + tail)).toBe(iso);
          expect(parseDate(text + tail)).toBe(iso); // the cached answer is the same
        }
      }),
    );
  });

  it('lists the accepted forms, each of which parses', () => {
    for (const form of ACCEPTED_DATE_FORMS) expect(parseDate(form), form).toBeDefined();
  });
});

describe('excelSerialToIso', () => {
  it('counts the 1900 system with its fake 29.02.1900', () => {
    expect(excelSerialToIso(1, false)).toBe('1900-01-01');
    expect(excelSerialToIso(59, false)).toBe('1900-02-28');
    expect(excelSerialToIso(60, false)).toBeUndefined();
    expect(excelSerialToIso(61, false)).toBe('1900-03-01');
    expect(excelSerialToIso(39886, false)).toBe('2009-03-14');
    expect(excelSerialToIso(45901, false)).toBe('2025-09-01');
    expect(excelSerialToIso(2_958_465, false)).toBe('9999-12-31');
  });

  it('counts the 1904 system from 1904-01-01, 1462 days behind', () => {
    expect(excelSerialToIso(0, true)).toBe('1904-01-01');
    expect(excelSerialToIso(39886 - 1462, true)).toBe('2009-03-14');
  });

  it('refuses what is not a day', () => {
    for (const [serial, d1904] of [[0, false], [-1, false], [-1, true], [39886.5, false], [NaN, false], [Infinity, true], [2_958_466, false], [2_957_004, true]] as const) {
      expect(excelSerialToIso(serial, d1904), `${serial} ${d1904}`).toBeUndefined();
    }
    expect(excelSerialToIso(39886 + 1e-9, false)).toBe('2009-03-14'); // float noise
  });

  it('agrees between the systems and with the next day (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1462, max: 2_958_000 }), (serial) => {
        const iso = excelSerialToIso(serial, false)!;
        expect(excelSerialToIso(serial - 1462, true)).toBe(iso);
        expect(excelSerialToIso(serial + 1, false)).toBe(addDays(iso, 1));
      }),
    );
  });

  it('agrees with SheetJS on the days it reads from a workbook', async () => {
    const XLSX = await import('xlsx');
    for (const serial of [1, 59, 61, 366, 39886, 45901]) {
      const p = XLSX.SSF.parse_date_code(serial);
      expect(excelSerialToIso(serial, false)).toBe(`${p.y}-${pad(p.m)}-${pad(p.d)}`);
    }
  });
});

describe('ageOn', () => {
  it('counts whole years; born on 29 February, a year older on 28 February of a common year', () => {
    expect(ageOn('2009-03-14', '2025-03-13')).toBe(15);
    expect(ageOn('2009-03-14', '2025-03-14')).toBe(16);
    expect(ageOn('2008-02-29', '2009-02-27')).toBe(0);
    expect(ageOn('2008-02-29', '2009-02-28')).toBe(1);
    expect(ageOn('2008-02-29', '2012-02-28')).toBe(3);
    expect(ageOn('2008-02-29', '2012-02-29')).toBe(4);
  });

  it('gives what luxon’s diff in years gives, for any two days (property)', () => {
    const day = fc.integer({ min: 0, max: 80_000 }).map((n) => DateTime.fromObject({ year: 1890, month: 1, day: 1 }, { zone: 'utc' }).plus({ days: n }));
    fc.assert(
      fc.property(day, fc.integer({ min: 0, max: 45_000 }), (birth, after) => {
        const on = birth.plus({ days: after });
        expect(ageOn(birth.toISODate()!, on.toISODate()!)).toBe(Math.floor(on.diff(birth, 'years').years));
      }),
      { numRuns: 2000 },
    );
  });
});
