import { describe, expect, it } from 'vitest';
import {
  AGE_KNOTS_YEARS,
  ageOn,
  bookingHistoriesOf,
  bookingHistoryOf,
  CATEGORICAL_FEATURES,
  featureRow,
  hatBasis,
  historiesOf,
  historyBefore,
  leadBand,
  NO_BOOKINGS,
  NO_HISTORY,
  NUMERIC_FEATURES,
  type BookingRecord,
  type Outcome,
  type PatientHistory,
} from '../../../src/core/no-show/features';
import { priorContributions, priorLogit } from '../../../src/core/no-show/prior';
import { describeFactor } from '../../../src/core/no-show/texts';
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

const history = (h: Partial<PatientHistory>): PatientHistory => ({ ...NO_HISTORY, ...h });

describe('history from strictly earlier days', () => {
  it('historyBefore ignores outcomes on the day itself and later', () => {
    const outcomes = [
      { date: '2026-10-01', outcome: 'completed' as const },
      { date: '2026-10-10', outcome: 'no_show' as const },
      { date: '2026-10-15', outcome: 'no_show' as const },
      { date: '2026-10-20', outcome: 'no_show' as const },
    ];
    expect(historyBefore(outcomes, '2026-10-15', '2026-10-08')).toEqual({
      visits: 1,
      noShows: 1,
      visitDays: 1,
      noShowDays: 1,
      lastDate: '2026-10-10',
      lastNoShow: true,
      noShowsSinceBooked: 1,
    });
    expect(historyBefore(outcomes, '2026-10-01', '2026-09-20')).toEqual(NO_HISTORY);
  });

  it('counts days as well as appointments: two no-shows of one day are one day with a no-show', () => {
    const outcomes = [
      { date: '2026-10-01', outcome: 'no_show' as const },
      { date: '2026-10-01', outcome: 'no_show' as const },
      { date: '2026-10-05', outcome: 'completed' as const },
      { date: '2026-10-05', outcome: 'no_show' as const },
      { date: '2026-10-07', outcome: 'completed' as const },
      { date: '2026-10-07', outcome: 'completed' as const },
      // the appointment's own day and later: never counted
      { date: '2026-10-09', outcome: 'no_show' as const },
      { date: '2026-10-12', outcome: 'completed' as const },
    ];
    expect(historyBefore(outcomes, '2026-10-09', '2026-09-30')).toMatchObject({ visits: 3, noShows: 3, visitDays: 2, noShowDays: 2 });
  });

  it('no-shows since booked: only days after the booking day and before the appointment day', () => {
    const outcomes = [
      { date: '2026-10-01', outcome: 'no_show' as const }, // before the booking day
      { date: '2026-10-03', outcome: 'no_show' as const }, // the booking day itself
      { date: '2026-10-04', outcome: 'completed' as const },
      { date: '2026-10-06', outcome: 'no_show' as const }, // after it: counted
      { date: '2026-10-06', outcome: 'no_show' as const }, // counted
      { date: '2026-10-10', outcome: 'no_show' as const }, // the appointment's day: never
      { date: '2026-10-11', outcome: 'no_show' as const }, // later: never
    ];
    expect(historyBefore(outcomes, '2026-10-10', '2026-10-03')).toMatchObject({ noShows: 4, noShowsSinceBooked: 2 });
    // booked the same day: nothing lies between
    expect(historyBefore(outcomes, '2026-10-10', '2026-10-10').noShowsSinceBooked).toBe(0);
    // booked before every outcome: every earlier no-show counts
    expect(historyBefore(outcomes, '2026-10-10', '2026-09-01').noShowsSinceBooked).toBe(4);
  });

  it('historiesOf: rows of one day never see each other, later days see them all', () => {
    const rows = [
      { patient: 'p', date: '2026-10-02', bookedDate: '2026-09-30', outcome: 'no_show' as const },
      { patient: 'p', date: '2026-10-02', bookedDate: '2026-09-30', outcome: 'completed' as const },
      { patient: 'q', date: '2026-10-02', bookedDate: '2026-09-30', outcome: 'no_show' as const },
      { patient: 'p', date: '2026-10-01', bookedDate: '2026-09-30', outcome: null },
      { patient: 'p', date: '2026-10-03', bookedDate: '2026-09-30', outcome: 'completed' as const },
      { patient: 'p', date: '2026-10-03', bookedDate: '2026-10-02', outcome: 'completed' as const },
    ];
    const h = historiesOf(rows);
    expect(h[0]).toEqual(NO_HISTORY);
    expect(h[1]).toEqual(h[0]);
    expect(h[2]).toEqual(h[0]);
    const after = { visits: 1, noShows: 1, visitDays: 1, noShowDays: 1, lastDate: '2026-10-02', lastNoShow: true };
    expect(h[4]).toEqual({ ...after, noShowsSinceBooked: 1 });
    // booked on the day of that no-show: it is not "since booked"
    expect(h[5]).toEqual({ ...after, noShowsSinceBooked: 0 });
  });

  it('historiesOf agrees with historyBefore on random data', () => {
    const rand = prng(1);
    const rows = Array.from({ length: 400 }, () => {
      const day = 1 + Math.floor(rand() * 28);
      return {
        patient: `p${Math.floor(rand() * 30)}`,
        date: `2026-10-${String(day).padStart(2, '0')}`,
        bookedDate: `2026-10-${String(1 + Math.floor(rand() * day)).padStart(2, '0')}`,
        outcome: rand() < 0.2 ? ('no_show' as const) : rand() < 0.9 ? ('completed' as const) : null,
      };
    });
    const fast = historiesOf(rows);
    rows.forEach((r, i) => {
      const own = rows.filter((o) => o.patient === r.patient && o.outcome !== null) as Array<{ date: string; outcome: Outcome }>;
      expect(fast[i]).toEqual(historyBefore(own, r.date, r.bookedDate));
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
    const row = featureRow(facts, history({ visits: 3, noShows: 2, lastDate: '2026-10-05', lastNoShow: true }));
    const value = (name: (typeof NUMERIC_FEATURES)[number]) => row.numeric[NUMERIC_FEATURES.indexOf(name)];
    expect(value('lead_days_log')).toBeCloseTo(Math.log1p(7));
    expect(value('same_day')).toBe(0);
    expect(value('no_show_rate')).toBeCloseTo(3 / 10);
    expect(value('first_visit')).toBe(0);
    expect(value('days_since_last_log')).toBeCloseTo(Math.log1p(10));
    expect(featureRow({ ...facts, bookedDate: facts.date }, NO_HISTORY).numeric[1]).toBe(1);
  });

  it('per-day history, no-shows since booked, and the same-day interactions', () => {
    const value = (row: ReturnType<typeof featureRow>, name: (typeof NUMERIC_FEATURES)[number]) => row.numeric[NUMERIC_FEATURES.indexOf(name)];
    const h = history({ visits: 4, noShows: 3, visitDays: 2, noShowDays: 1, lastDate: '2026-10-05', lastNoShow: true, noShowsSinceBooked: 2 });
    const ahead = featureRow(facts, h);
    expect(value(ahead, 'stacked_no_shows_log')).toBeCloseTo(Math.log1p(3) - Math.log1p(1));
    expect(value(ahead, 'stacked_visits_log')).toBeCloseTo(Math.log1p(4) - Math.log1p(2));
    expect(value(ahead, 'no_shows_since_booked_log')).toBeCloseTo(Math.log1p(2));
    expect(value(ahead, 'same_day_x_no_show_rate')).toBe(0);
    expect(value(ahead, 'same_day_x_first_visit')).toBe(0);
    const sameDay = featureRow({ ...facts, bookedDate: facts.date }, h);
    expect(value(sameDay, 'same_day_x_no_show_rate')).toBeCloseTo(4 / 12);
    expect(value(sameDay, 'same_day_x_first_visit')).toBe(0);
    expect(value(featureRow({ ...facts, bookedDate: facts.date }, NO_HISTORY), 'same_day_x_first_visit')).toBe(1);
    // the weekday of a same-day booking is its own level; other bookings have none
    const c = CATEGORICAL_FEATURES.indexOf('same_day_weekday');
    expect(sameDay.categorical[c]).toBe('4');
    expect(ahead.categorical[c]).toBeNull();
  });

  it('age spline: hat functions on the knots, at most two non-zero, summing to 1; none without an age', () => {
    expect(hatBasis(0, AGE_KNOTS_YEARS)).toEqual([1, 0, 0, 0, 0, 0, 0, 0]);
    expect(hatBasis(14, AGE_KNOTS_YEARS)).toEqual([0, 0.5, 0.5, 0, 0, 0, 0, 0]);
    expect(hatBasis(30, AGE_KNOTS_YEARS)).toEqual([0, 0, 0, 1, 0, 0, 0, 0]);
    expect(hatBasis(110, AGE_KNOTS_YEARS)).toEqual([0, 0, 0, 0, 0, 0, 0, 1]);
    expect(hatBasis(null, AGE_KNOTS_YEARS)).toEqual([0, 0, 0, 0, 0, 0, 0, 0]);
    const columns = NUMERIC_FEATURES.flatMap((f, j) => (f.startsWith('age_spline_') ? [j] : []));
    expect(columns).toHaveLength(AGE_KNOTS_YEARS.length);
    for (let age = 0; age <= 115; age++) {
      const values = columns.map((j) => featureRow({ ...facts, age }, NO_HISTORY).numeric[j]!);
      expect(values.filter((v) => v !== 0).length).toBeLessThanOrEqual(2);
      expect(values.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    }
    expect(columns.map((j) => featureRow({ ...facts, age: null }, NO_HISTORY).numeric[j])).toEqual(columns.map(() => 0));
  });

  it('no feature reads an outcome of the appointment day or later, nor a booking made after this one (leakage)', () => {
    const rand = prng(3);
    const appointments = Array.from({ length: 300 }, (_, i) => {
      const day = 1 + Math.floor(rand() * 28);
      const bookedDay = 1 + Math.floor(rand() * day);
      const bookedDate = `2026-10-${String(bookedDay).padStart(2, '0')}`;
      return {
        facts: {
          ...facts,
          id: String(i),
          patient: `p${Math.floor(rand() * 15)}`,
          date: `2026-10-${String(day).padStart(2, '0')}`,
          bookedDate,
          bookedAt: Date.UTC(2026, 9, bookedDay, Math.floor(rand() * 10)),
        },
        outcome: (rand() < 0.25 ? 'no_show' : 'completed') as Outcome | null,
      };
    });
    const rowsOf = (list: typeof appointments) => {
      const histories = historiesOf(list.map((a) => ({ patient: a.facts.patient, date: a.facts.date, bookedDate: a.facts.bookedDate, outcome: a.outcome })));
      const bookings = bookingHistoriesOf(list.map((a) => a.facts));
      return list.map((a, i) => featureRow(a.facts, histories[i]!, bookings[i]!));
    };
    const rows = rowsOf(appointments);
    for (const i of [0, 7, 42, 99, 150, 230]) {
      const target = appointments[i]!.facts;
      // every outcome of the patient on the appointment's day or later flipped
      const flipped = appointments.map((a, j) =>
        j !== i && a.facts.patient === target.patient && a.facts.date >= target.date
          ? { ...a, outcome: (a.outcome === 'no_show' ? 'completed' : 'no_show') as Outcome | null }
          : a,
      );
      expect(rowsOf(flipped)[i]).toEqual(rows[i]);
      // bookings of the patient made after this one (minutes later, and days later), for its own
      // day, for the day it was booked, and for a later day; without outcomes, so that only the
      // schedule facts could leak: none may
      const later = [target.date, target.bookedDate, '2026-10-31'].flatMap((date, k) =>
        [60_000, 3 * 86_400_000].map((after, m) => ({
          facts: {
            ...target,
            id: `later-${k}-${m}`,
            date,
            bookedAt: target.bookedAt + after,
            bookedDate: m === 0 ? target.bookedDate : '2026-10-31',
          },
          outcome: null as Outcome | null,
        })),
      );
      expect(rowsOf([...appointments, ...later])[i]).toEqual(rows[i]);
    }
  });

  it("the no-show history's words name the no-shows since this appointment was booked", () => {
    const describe = (h: Partial<PatientHistory>) =>
      describeFactor('no_show_history', { facts, history: history(h), bookings: NO_BOOKINGS, names: { type: null, specialty: null, location: null } });
    expect(describe({ visits: 3, noShows: 2, lastNoShow: true })).toBe('Faltou a 2 de 5 consultas anteriores, inclusive à última');
    expect(describe({ visits: 3, noShows: 2, lastNoShow: true, noShowsSinceBooked: 1 })).toBe(
      'Faltou a 2 de 5 consultas anteriores, inclusive à última; 1 delas depois do agendamento desta consulta',
    );
    expect(describe({ visits: 0, noShows: 2, noShowsSinceBooked: 2 })).toBe('Faltou a 2 de 2 consultas anteriores; 2 delas depois do agendamento desta consulta');
  });

  it('describes factors in correct Portuguese: weekday with its article, singular and plural, no "0 dia(s)"', () => {
    const names = { type: null, specialty: null, location: null };
    const say = (group: Parameters<typeof describeFactor>[0], h: Partial<PatientHistory> = {}, b: Partial<typeof NO_BOOKINGS> = {}, f: Partial<typeof facts> = {}) =>
      describeFactor(group, { facts: { ...facts, ...f }, history: history(h), bookings: { ...NO_BOOKINGS, ...b }, names });
    expect(say('weekday', {}, {}, { weekday: 1 })).toBe('Consulta na segunda-feira');
    expect(say('weekday', {}, {}, { weekday: 6 })).toBe('Consulta no sábado');
    expect(say('no_show_history', { visits: 0, noShows: 1, lastNoShow: true })).toBe('Faltou à única consulta anterior');
    expect(say('no_show_history', { visits: 2, noShows: 1, lastNoShow: false })).toBe('Faltou a 1 de 3 consultas anteriores');
    expect(say('booking_history', {}, { daysSinceLastBooking: 0, otherBookingsSameDay: 1 })).toBe(
      'Agendamento anterior do paciente feito no mesmo dia; 1 outro agendamento feito no mesmo dia',
    );
    expect(say('booking_history', {}, { daysSinceLastBooking: 1 })).toBe('Agendamento anterior do paciente feito há 1 dia');
    expect(say('booking_history', {}, { daysSinceLastBooking: 12, otherBookingsSameDay: 2 })).toBe(
      'Agendamento anterior do paciente feito há 12 dias; 2 outros agendamentos feitos no mesmo dia',
    );
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
    const none = NO_HISTORY;
    expect(probability(priorLogit(facts, none))).toBeCloseTo(0.2, 3);
    expect(probability(priorLogit({ ...facts, bookedDate: facts.date }, none))).toBeCloseTo(0.075, 3);
    expect(probability(priorLogit({ ...facts, bookedDate: '2026-09-15' }, none))).toBeCloseTo(0.273, 3);
    expect(probability(priorLogit(facts, history({ visits: 0, noShows: 2, lastDate: '2026-10-01', lastNoShow: true })))).toBeCloseTo(0.553, 3);
    const { contributions } = priorContributions(facts, history({ visits: 9, noShows: 5, lastDate: '2026-10-01', lastNoShow: true }));
    expect(contributions.get('no_show_history')).toBeCloseTo(2.4);
    expect(contributions.get('visit_history')).toBeCloseTo(-0.75);
  });
});
