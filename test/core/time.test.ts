import { describe, expect, it } from 'vitest';
import { addDays, dayOfWeek, daysBetween, isValidDate, localToUtc, utcIso, utcToLocal } from '../../src/core/time';

describe('local ↔ UTC', () => {
  it('São Paulo is UTC-3 today and Manaus UTC-4 all year', () => {
    expect(localToUtc('2026-12-01', '09:00', 'America/Sao_Paulo').toISOString()).toBe('2026-12-01T12:00:00.000Z');
    expect(localToUtc('2026-12-01', '09:00', 'America/Manaus').toISOString()).toBe('2026-12-01T13:00:00.000Z');
    expect(localToUtc('2026-07-01', '09:00', 'America/Manaus').toISOString()).toBe('2026-07-01T13:00:00.000Z');
    expect(localToUtc('2026-12-01', '09:00', 'America/Noronha').toISOString()).toBe('2026-12-01T11:00:00.000Z');
    expect(localToUtc('2026-12-01', '09:00', 'America/Rio_Branco').toISOString()).toBe('2026-12-01T14:00:00.000Z');
  });

  it('São Paulo on 2018-11-04, when clocks jumped from 00:00 to 01:00', () => {
    // the day before: UTC-3; from 01:00 that day: UTC-2 (summer time)
    expect(localToUtc('2018-11-03', '09:00', 'America/Sao_Paulo').toISOString()).toBe('2018-11-03T12:00:00.000Z');
    expect(localToUtc('2018-11-04', '09:00', 'America/Sao_Paulo').toISOString()).toBe('2018-11-04T11:00:00.000Z');
    // 00:00 and 00:30 did not exist: they move forward to the first instant that did
    expect(localToUtc('2018-11-04', '00:00', 'America/Sao_Paulo').toISOString()).toBe('2018-11-04T03:00:00.000Z');
    expect(localToUtc('2018-11-04', '00:30', 'America/Sao_Paulo').toISOString()).toBe('2018-11-04T03:30:00.000Z');
    expect(localToUtc('2018-11-04', '01:00', 'America/Sao_Paulo').toISOString()).toBe('2018-11-04T03:00:00.000Z');
    // and back: 02:59Z was 23:59 on the 3rd, 03:00Z was 01:00 on the 4th
    expect(utcToLocal(new Date('2018-11-04T02:59:00Z'), 'America/Sao_Paulo')).toEqual({ date: '2018-11-03', time: '23:59', dayOfWeek: 6 });
    expect(utcToLocal(new Date('2018-11-04T03:00:00Z'), 'America/Sao_Paulo')).toEqual({ date: '2018-11-04', time: '01:00', dayOfWeek: 0 });
  });

  it('calendar arithmetic ignores the host zone', () => {
    expect(dayOfWeek('2026-11-25')).toBe(3);
    expect(dayOfWeek('2018-11-04')).toBe(0);
    expect(addDays('2026-11-30', 1)).toBe('2026-12-01');
    expect(addDays('2018-11-03', 1)).toBe('2018-11-04');
  });

  it('calendar arithmetic holds in the years 0000–0099, which Date.UTC reads as 1900–1999', () => {
    expect(dayOfWeek('0000-01-01')).toBe(6);
    expect(dayOfWeek('0001-01-01')).toBe(1);
    expect(dayOfWeek('0000-01-03')).toBe(1);
    expect(addDays('0000-02-28', 1)).toBe('0000-02-29');
    expect(addDays('0099-12-31', 1)).toBe('0100-01-01');
    expect(addDays('0100-01-01', -1)).toBe('0099-12-31');
    expect(daysBetween('0000-01-01', '0001-01-01')).toBe(366);
    expect(daysBetween('0099-12-31', '0100-01-01')).toBe(1);
    expect(daysBetween('0000-01-01', '2000-01-01')).toBe(5 * 146_097);
  });
});

describe('calendar checks and formats', () => {
  it('isValidDate takes real calendar dates only, leap days by the Gregorian rule', () => {
    for (const ok of ['2026-11-25', '2024-02-29', '2000-02-29', '0000-02-29', '9999-12-31', '2026-04-30']) expect(isValidDate(ok), ok).toBe(true);
    for (const bad of ['2026-02-29', '1900-02-29', '2026-04-31', '2026-13-01', '2026-00-10', '2026-01-00', '2026-1-01', '26-01-01', '2026-01-01T00:00'])
      expect(isValidDate(bad), bad).toBe(false);
  });

  it('utcIso writes what toISOString writes', () => {
    const instants = [0, -1, 1, 86_399_999, Date.UTC(2026, 10, 25, 12, 0, 0, 7), Date.UTC(2024, 1, 29, 23, 59, 59, 999), Date.UTC(1969, 11, 31, 23, 59, 59, 999),
      -62_167_219_200_000, 253_402_300_799_999, 253_402_300_800_000, -62_167_219_200_001, 1.5];
    for (let i = 0; i < 2000; i++) instants.push(Math.floor((Math.random() - 0.3) * 4e12));
    for (const ms of instants) expect(utcIso(ms), String(ms)).toBe(new Date(ms).toISOString());
  });
});
