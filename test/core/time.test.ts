import { describe, expect, it } from 'vitest';
import { addDays, dayOfWeek, localToUtc, utcToLocal } from '../../src/core/time';

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
});
