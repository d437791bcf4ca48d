/**
 * offsetRunsOverDays: a zone's offset over given UTC days, as runs of one offset, from which a location's
 * appointments get their local dates in SQL. Each instant of those days must get the date utcToLocal gives.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { offsetRunsOverDays, utcToLocal } from '../../src/core/time';

const DAY_MS = 86_400_000;
/** The local date of `ms` by the run that holds it, as the SQL computes it (null when no run holds it). */
function dateByRuns(ms: number, runs: ReturnType<typeof offsetRunsOverDays>): string | null {
  const iso = new Date(ms).toISOString();
  const run = runs.find((r) => r.from <= iso && iso < r.until);
  return run ? new Date(ms + Math.round(run.offsetMinutes * 60_000)).toISOString().slice(0, 10) : null;
}

describe('offsetRunsOverDays', () => {
  it('finds a change of offset inside a day to the millisecond (São Paulo’s summer time began 2018-11-04 03:00Z)', () => {
    expect(offsetRunsOverDays(['2018-11-04'], 'America/Sao_Paulo')).toEqual([
      { from: '2018-11-04T00:00:00.000Z', until: '2018-11-04T03:00:00.000Z', offsetMinutes: -180 },
      { from: '2018-11-04T03:00:00.000Z', until: '2018-11-05T00:00:00.000Z', offsetMinutes: -120 },
    ]);
  });

  it('joins days of one offset, and leaves uncovered the days not given between days of different offsets', () => {
    expect(offsetRunsOverDays(['2026-12-20', '2026-12-01', '2026-12-01'], 'America/Sao_Paulo')).toEqual([
      { from: '2026-12-01T00:00:00.000Z', until: '2026-12-21T00:00:00.000Z', offsetMinutes: -180 },
    ]);
    expect(offsetRunsOverDays(['2018-10-01', '2018-12-01'], 'America/Sao_Paulo')).toEqual([
      { from: '2018-10-01T00:00:00.000Z', until: '2018-10-02T00:00:00.000Z', offsetMinutes: -180 },
      { from: '2018-12-01T00:00:00.000Z', until: '2018-12-02T00:00:00.000Z', offsetMinutes: -120 },
    ]);
    expect(offsetRunsOverDays([], 'America/Manaus')).toEqual([]);
    expect(() => offsetRunsOverDays(['2026-02-30'], 'America/Manaus')).toThrow(RangeError);
  });

  it('gives every instant of the days given the local date utcToLocal gives it, DST history included', () => {
    const zones = ['America/Sao_Paulo', 'America/Manaus', 'America/Cuiaba', 'America/Rio_Branco', 'America/Noronha', 'Europe/Lisbon', 'Australia/Lord_Howe'];
    const first = Date.parse('1985-01-01T00:00:00Z') / DAY_MS;
    const last = Date.parse('2035-12-31T00:00:00Z') / DAY_MS;
    fc.assert(
      fc.property(
        fc.constantFrom(...zones),
        fc.uniqueArray(fc.integer({ min: first, max: last }), { minLength: 1, maxLength: 40 }),
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: DAY_MS - 1 })), { minLength: 1, maxLength: 40 }),
        (zone, dayNumbers, picks) => {
          const days = dayNumbers.map((d) => new Date(d * DAY_MS).toISOString().slice(0, 10));
          const runs = offsetRunsOverDays(days, zone);
          for (const [which, within] of picks) {
            const ms = dayNumbers[which % dayNumbers.length]! * DAY_MS + within;
            expect(dateByRuns(ms, runs)).toBe(utcToLocal(new Date(ms), zone).date);
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  it('gives the instants right around each change the date utcToLocal gives them', () => {
    for (const zone of ['America/Sao_Paulo', 'America/Cuiaba', 'Europe/Lisbon', 'Australia/Lord_Howe']) {
      const days: string[] = [];
      for (let d = Date.parse('2010-01-01T00:00:00Z'); d < Date.parse('2020-01-01T00:00:00Z'); d += DAY_MS) days.push(new Date(d).toISOString().slice(0, 10));
      const runs = offsetRunsOverDays(days, zone);
      expect(runs.length).toBeGreaterThan(2);
      for (const run of runs) {
        const inside = (ms: number) => ms >= Date.parse('2010-01-01T00:00:00Z') && ms < Date.parse('2020-01-01T00:00:00Z');
        for (const ms of [Date.parse(run.from) - 1, Date.parse(run.from), Date.parse(run.until) - 1].filter(inside)) {
          expect(dateByRuns(ms, runs), `${zone} ${new Date(ms).toISOString()}`).toBe(utcToLocal(new Date(ms), zone).date);
        }
      }
    }
  });
});
