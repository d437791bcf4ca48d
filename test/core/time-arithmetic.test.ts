/**
 * addDays and dayOfWeek compute dates with the built-in UTC calendar (slot search calls them thousands
 * of times per request); luxon is the oracle they must agree with, and localToUtc's memory must not
 * change its answers.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DateTime } from 'luxon';
import { addDays, dayOfWeek, localToUtc } from '../../src/core/time';

const anyDate = fc
  .integer({ min: Date.UTC(1000, 0, 1) / 86_400_000, max: Date.UTC(9997, 0, 1) / 86_400_000 })
  .map((day) => new Date(day * 86_400_000).toISOString().slice(0, 10));

describe('calendar arithmetic', () => {
  it('agrees with luxon on any date from year 1000 to 9996', () => {
    fc.assert(
      fc.property(anyDate, fc.integer({ min: -800, max: 800 }), (date, days) => {
        const luxon = DateTime.fromISO(date, { zone: 'UTC' });
        expect(addDays(date, days)).toBe(luxon.plus({ days }).toFormat('yyyy-MM-dd'));
        expect(dayOfWeek(date)).toBe(luxon.weekday % 7);
      }),
      { numRuns: 2000 },
    );
  });

  it('crosses month ends, leap days and years', () => {
    expect(addDays('2026-11-30', 1)).toBe('2026-12-01');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2100-02-28', 1)).toBe('2100-03-01');
    expect(addDays('2000-03-01', -1)).toBe('2000-02-29');
    expect(dayOfWeek('2000-02-29')).toBe(2);
  });

  it('refuses what is not a real date', () => {
    for (const bad of ['2026-02-30', '2026-13-01', '2026-1-01', 'amanhã']) {
      expect(() => addDays(bad, 1), bad).toThrow(RangeError);
      expect(() => dayOfWeek(bad), bad).toThrow(RangeError);
    }
  });

  it('remembers conversions without changing them (a fresh Date each time)', () => {
    const first = localToUtc('2018-11-04', '00:30', 'America/Sao_Paulo');
    const again = localToUtc('2018-11-04', '00:30', 'America/Sao_Paulo');
    expect(again.toISOString()).toBe('2018-11-04T03:30:00.000Z');
    expect(again).not.toBe(first);
    first.setTime(0);
    expect(localToUtc('2018-11-04', '00:30', 'America/Sao_Paulo').toISOString()).toBe('2018-11-04T03:30:00.000Z');
    expect(localToUtc('2026-12-01', '09:00', 'America/Manaus').toISOString()).toBe('2026-12-01T13:00:00.000Z');
  });
});
