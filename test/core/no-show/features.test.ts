import { describe, expect, it } from 'vitest';
import {
  ageOn,
  bookingHistoriesOf,
  bookingHistoryOf,
  featureRow,
  historiesOf,
  historyBefore,
  leadBand,
  NUMERIC_FEATURES,
  type BookingRecord,
} from '../../../src/core/no-show/features';
import { priorContributions, priorLogit } from '../../../src/core/no-show/prior';
import { probability } from '../../../src/core/no-show/model';
import { localDateHour, utcToLocal } from '../../../src/core/time';
import { prng } from './prng';

const facts = {
  id: 'a',
  patient: 'p',
  date: '2026-10-15',
  bookedDate: '2026-10-08',
  weekday: 4,
  hour: 9,
  bookedAt: 0,
  bookedHour: 10,
  age: 40,
  type: null,
  specialty: null,
  channel: 'api',
  location: null,
};

describe('history from strictly earlier days', () => {
  it('historyBefore ignores outcomes on the day itself and later', () => {
    const outcomes = [
      { date: '2026-10-01', outcome: 'completed' as const },
      { date: '2026-10-10', outcome: 'no_show' as const },
      { date: '2026-10-15', outcome: 'no_show' as const },
      { date: '2026-10-20', outcome: 'no_show' as const },
    ];
    expect(historyBefore(outcomes, '2026-10-15')).toEqual({ visits: 1, noShows: 1, lastDate: '2026-10-10', lastNoShow: true });
    expect(historyBefore(outcomes, '2026-10-01')).toEqual({ visits: 0, noShows: 0, lastDate: null, lastNoShow: false });
  });

  it('historiesOf: rows of one day never see each other, later days see them all', () => {
    const rows = [
      { patient: 'p', date: '2026-10-02', outcome: 'no_show' as const },
      { patient: 'p', date: '2026-10-02', outcome: 'completed' as const },
      { patient: 'q', date: '2026-10-02', outcome: 'no_show' as const },
      { patient: 'p', date: '2026-10-01', outcome: null },
      { patient: 'p', date: '2026-10-03', outcome: 'completed' as const },
    ];
    const h = historiesOf(rows);
    expect(h[0]).toEqual({ visits: 0, noShows: 0, lastDate: null, lastNoShow: false });
    expect(h[1]).toEqual(h[0]);
    expect(h[2]).toEqual(h[0]);
    expect(h[4]).toEqual({ visits: 1, noShows: 1, lastDate: '2026-10-02', lastNoShow: true });
  });

  it('historiesOf agrees with historyBefore on random data', () => {
    const rand = prng(1);
    const rows = Array.from({ length: 400 }, () => ({
      patient: `p${Math.floor(rand() * 30)}`,
      date: `2026-10-${String(1 + Math.floor(rand() * 28)).padStart(2, '0')}`,
      outcome: rand() < 0.2 ? ('no_show' as const) : rand() < 0.9 ? ('completed' as const) : null,
    }));
    const fast = historiesOf(rows);
    rows.forEach((r, i) => {
      const own = rows.filter((o) => o.patient === r.patient && o.outcome !== null) as Array<{ date: string; outcome: 'no_show' | 'completed' }>;
      expect(fast[i]).toEqual(historyBefore(own, r.date));
    });
  });

  it('bookingHistoriesOf agrees with bookingHistoryOf on random data', () => {
    const rand = prng(2);
    const rows: BookingRecord[] = Array.from({ length: 300 }, () => {
      const day = 1 + Math.floor(rand() * 20);
      return {
        patient: `p${Math.floor(rand() * 20)}`,
        bookedAt: Date.UTC(2026, 9, day, Math.floor(rand() * 3)),
        bookedDate: `2026-10-${String(day).padStart(2, '0')}`,
        date: `2026-11-${String(1 + Math.floor(rand() * 5)).padStart(2, '0')}`,
      };
    });
    const fast = bookingHistoriesOf(rows);
    rows.forEach((r, i) => {
      expect(fast[i]).toEqual(bookingHistoryOf(r, rows.filter((o, j) => j !== i && o.patient === r.patient)));
    });
  });
});

describe('features', () => {
  it('age from the birth date on the appointment date; lead bands', () => {
    expect(ageOn('1980-10-16', '2026-10-15')).toBe(45);
    expect(ageOn('1980-10-15', '2026-10-15')).toBe(46);
    expect(ageOn(null, '2026-10-15')).toBeNull();
    expect(['0', '1-2', '3-7', '8-14', '15-30', '31-60', '61+']).toEqual([0, 2, 7, 14, 30, 60, 61].map(leadBand));
  });

  it('a row carries lead time, same day and the smoothed rate', () => {
    const row = featureRow(facts, { visits: 3, noShows: 2, lastDate: '2026-10-05', lastNoShow: true });
    const value = (name: (typeof NUMERIC_FEATURES)[number]) => row.numeric[NUMERIC_FEATURES.indexOf(name)];
    expect(value('lead_days_log')).toBeCloseTo(Math.log1p(7));
    expect(value('same_day')).toBe(0);
    expect(value('no_show_rate')).toBeCloseTo(3 / 10);
    expect(value('first_visit')).toBe(0);
    expect(value('days_since_last_log')).toBeCloseTo(Math.log1p(10));
    expect(featureRow({ ...facts, bookedDate: facts.date }, { visits: 0, noShows: 0, lastDate: null, lastNoShow: false }).numeric[1]).toBe(1);
  });

  it('local date and hour: São Paulo across its last DST change, and Manaus', () => {
    for (const iso of ['2018-11-04T02:59:00Z', '2018-11-04T03:00:00Z', '2019-02-17T01:59:00Z', '2019-02-17T02:00:00Z']) {
      const ms = Date.parse(iso);
      const a = localDateHour(ms, 'America/Sao_Paulo');
      const b = utcToLocal(new Date(ms), 'America/Sao_Paulo');
      expect(`${a.date} ${String(a.hour).padStart(2, '0')}`).toBe(`${b.date} ${b.time.slice(0, 2)}`);
    }
    expect(localDateHour(Date.parse('2026-12-01T03:30:00Z'), 'America/Manaus')).toEqual({ date: '2026-11-30', hour: 23, dayOfWeek: 1 });
  });
});

describe('the documented prior', () => {
  it('gives the README examples', () => {
    const none = { visits: 0, noShows: 0, lastDate: null, lastNoShow: false };
    expect(probability(priorLogit(facts, none))).toBeCloseTo(0.2, 3);
    expect(probability(priorLogit({ ...facts, bookedDate: facts.date }, none))).toBeCloseTo(0.075, 3);
    expect(probability(priorLogit({ ...facts, bookedDate: '2026-09-15' }, none))).toBeCloseTo(0.273, 3);
    expect(probability(priorLogit(facts, { visits: 0, noShows: 2, lastDate: '2026-10-01', lastNoShow: true }))).toBeCloseTo(0.553, 3);
    const { contributions } = priorContributions(facts, { visits: 9, noShows: 5, lastDate: '2026-10-01', lastNoShow: true });
    expect(contributions.get('no_show_history')).toBeCloseTo(2.4);
    expect(contributions.get('visit_history')).toBeCloseTo(-0.75);
  });
});
