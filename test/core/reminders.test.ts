/** When an appointment's reminder is due (core/reminders.ts): the eve, in the location's zone. */
import { describe, expect, it } from 'vitest';
import { dueReminder, reminderWindow } from '../../src/core/reminders';

describe('reminderWindow', () => {
  it('is the eve from the reminder time to 20:00 at the location', () => {
    // Thursday 26/11 09:00 in São Paulo and in Manaus (UTC-4)
    expect(reminderWindow({ start_time: '2026-11-26T12:00:00.000Z', timezone: 'America/Sao_Paulo' }, '10:00')).toEqual({
      from: new Date('2026-11-25T13:00:00.000Z'),
      until: new Date('2026-11-25T23:00:00.000Z'),
    });
    expect(reminderWindow({ start_time: '2026-11-26T13:00:00.000Z', timezone: 'America/Manaus' }, '10:00')).toEqual({
      from: new Date('2026-11-25T14:00:00.000Z'),
      until: new Date('2026-11-26T00:00:00.000Z'),
    });
  });

  it('takes the eve of the local date, not of the UTC one', () => {
    // Thursday 26/11 22:30 in São Paulo is Friday 01:30 UTC: its eve is Wednesday
    expect(reminderWindow({ start_time: '2026-11-27T01:30:00.000Z', timezone: 'America/Sao_Paulo' }, '09:00').from).toEqual(
      new Date('2026-11-25T12:00:00.000Z'),
    );
  });

  it('follows the zone’s offset on the eve across a DST change (São Paulo, 2018-11-04: clocks went forward at midnight)', () => {
    // Monday 05/11/2018 09:00 (UTC-2 under DST): its eve, Sunday 04/11, was already on DST
    expect(reminderWindow({ start_time: '2018-11-05T11:00:00.000Z', timezone: 'America/Sao_Paulo' }, '10:00').from).toEqual(
      new Date('2018-11-04T12:00:00.000Z'),
    );
    // Sunday 04/11/2018 10:00 (UTC-2): its eve, Saturday 03/11, was still on UTC-3
    expect(reminderWindow({ start_time: '2018-11-04T12:00:00.000Z', timezone: 'America/Sao_Paulo' }, '10:00').from).toEqual(
      new Date('2018-11-03T13:00:00.000Z'),
    );
  });
});

describe('dueReminder', () => {
  const thursday = { start_time: '2026-11-26T12:00:00.000Z', timezone: 'America/Sao_Paulo', created_at: '2026-11-20T15:00:00.000Z' };

  it('is due from the reminder time until 20:00 on the eve, not before nor after', () => {
    expect(dueReminder(thursday, new Date('2026-11-25T12:59:59.999Z'), '10:00')).toBeNull();
    expect(dueReminder(thursday, new Date('2026-11-25T13:00:00.000Z'), '10:00')).not.toBeNull();
    expect(dueReminder(thursday, new Date('2026-11-25T22:59:59.999Z'), '10:00')).not.toBeNull();
    expect(dueReminder(thursday, new Date('2026-11-25T23:00:00.000Z'), '10:00')).toBeNull();
    // the day itself, and two days before
    expect(dueReminder(thursday, new Date('2026-11-26T11:00:00.000Z'), '10:00')).toBeNull();
    expect(dueReminder(thursday, new Date('2026-11-24T15:00:00.000Z'), '10:00')).toBeNull();
  });

  it('waits two hours after a booking made on the eve, and gives up on one made after 18:00', () => {
    // booked at 09:30 and 15:00 local on the eve: reminded from 11:30 and from 17:00
    const morning = { ...thursday, created_at: '2026-11-25T12:30:00.000Z' };
    expect(dueReminder(morning, new Date('2026-11-25T14:29:00.000Z'), '10:00')).toBeNull();
    expect(dueReminder(morning, new Date('2026-11-25T14:30:00.000Z'), '10:00')?.from).toEqual(new Date('2026-11-25T14:30:00.000Z'));
    const afternoon = { ...thursday, created_at: '2026-11-25T18:00:00.000Z' };
    expect(dueReminder(afternoon, new Date('2026-11-25T19:59:00.000Z'), '10:00')).toBeNull();
    expect(dueReminder(afternoon, new Date('2026-11-25T20:00:00.000Z'), '10:00')).not.toBeNull();
    // booked at 18:00 local: 20:00 is already too late
    const evening = { ...thursday, created_at: '2026-11-25T21:00:00.000Z' };
    expect(dueReminder(evening, new Date('2026-11-25T22:59:00.000Z'), '10:00')).toBeNull();
  });
});
