import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/app';
import { createClinic, writtenRows } from '../../helpers/clinic';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(() => t.close());

/** A São Paulo local time on Tuesday 2026-12-01 (UTC-3). */
const sp = (time: string, date = '2026-12-01') => `${date}T${time}:00-03:00`;

async function expectRefused(body: unknown, detail: RegExp) {
  const before = await writtenRows(t);
  const res = await t.api('POST', '/appointments', body);
  expect(res.status, JSON.stringify(res.body)).toBe(409);
  expect(res.body.detail).toMatch(detail);
  expect(await writtenRows(t)).toEqual(before);
}

describe('appointments: booking rules', () => {
  it('max concurrent 1: an overlapping booking is a double booking', async () => {
    const c = await createClinic(t, { patients: 2 });
    expect((await t.api('POST', '/appointments', c.booking(sp('09:00'), sp('09:30')))).status).toBe(201);
    await expectRefused(c.booking(sp('09:15'), sp('09:45'), { patient_id: c.patients[1]!.id }), /Double booking/);
    expect((await t.api('POST', '/appointments', c.booking(sp('09:30'), sp('10:00'), { patient_id: c.patients[1]!.id }))).status).toBe(201);
  });

  it('max concurrent 2 holds two at once, not three, counting the busiest instant', async () => {
    const c = await createClinic(t, { patients: 4, provider: { max_concurrent_appointments: 2 } });
    const p = (i: number) => ({ patient_id: c.patients[i]!.id });
    expect((await t.api('POST', '/appointments', c.booking(sp('09:00'), sp('09:30'), p(0)))).status).toBe(201);
    expect((await t.api('POST', '/appointments', c.booking(sp('09:30'), sp('10:00'), p(1)))).status).toBe(201);
    // overlaps both, but never more than one at any instant: allowed
    expect((await t.api('POST', '/appointments', c.booking(sp('09:15'), sp('09:45'), p(2)))).status).toBe(201);
    // now 09:15–09:30 holds two
    await expectRefused(c.booking(sp('09:20'), sp('09:25'), p(3)), /max_concurrent_appointments 2/);
  });

  it('buffers extend each appointment on both sides', async () => {
    const c = await createClinic(t, { patients: 3, provider: { buffer_between_appointments_minutes: 10 } });
    const p = (i: number) => ({ patient_id: c.patients[i]!.id });
    expect((await t.api('POST', '/appointments', c.booking(sp('09:00'), sp('09:30'), p(0)))).status).toBe(201);
    await expectRefused(c.booking(sp('09:35'), sp('10:05'), p(1)), /fully booked at this time, counting the buffer .*\(max_concurrent_appointments 1, buffer 10 min\)/);
    await expectRefused(c.booking(sp('08:25'), sp('08:55'), p(1)), /fully booked at this time, counting the buffer .*\(max_concurrent_appointments 1, buffer 10 min\)/);
    expect((await t.api('POST', '/appointments', c.booking(sp('09:40'), sp('10:10'), p(1)))).status).toBe(201);
    expect((await t.api('POST', '/appointments', c.booking(sp('08:20'), sp('08:50'), p(2)))).status).toBe(201);
  });

  it('with two places and a buffer, each appointment keeps its buffer: the order of booking does not decide', async () => {
    const c = await createClinic(t, { patients: 6, provider: { max_concurrent_appointments: 2, buffer_between_appointments_minutes: 10 } });
    const p = (i: number) => ({ patient_id: c.patients[i]!.id });
    // 09:05–09:35 first: one 09:35–10:05 fits beside it (its buffer holds only that one) …
    expect((await t.api('POST', '/appointments', c.booking(sp('09:05'), sp('09:35'), p(0)))).status).toBe(201);
    expect((await t.api('POST', '/appointments', c.booking(sp('09:35'), sp('10:05'), p(1)))).status).toBe(201);
    // … but not a second one: 09:05–09:35, extended to 09:45, would meet two. Booked the other way
    // round, 09:05–09:35 is refused for the same reason (below), so neither order may end with all three.
    await expectRefused(c.booking(sp('09:35'), sp('10:05'), p(2)), /fully booked at this time, counting the buffer .*\(max_concurrent_appointments 2, buffer 10 min\)/);
    expect((await t.api('POST', '/appointments', c.booking(sp('09:45'), sp('10:15'), p(2)))).status).toBe(201);

    expect((await t.api('POST', '/appointments', c.booking(sp('10:35'), sp('11:05'), p(3)))).status).toBe(201);
    expect((await t.api('POST', '/appointments', c.booking(sp('10:35'), sp('11:05'), p(4)))).status).toBe(201);
    await expectRefused(c.booking(sp('10:05'), sp('10:35'), p(5)), /fully booked at this time, counting the buffer .*\(max_concurrent_appointments 2, buffer 10 min\)/);
  });

  it('max daily counts the location-local day and ignores cancellations', async () => {
    const c = await createClinic(t, { patients: 3, provider: { max_daily_appointments: 2 } });
    const p = (i: number) => ({ patient_id: c.patients[i]!.id });
    const first = (await t.api('POST', '/appointments', c.booking(sp('08:00'), sp('08:30'), p(0)))).body;
    expect((await t.api('POST', '/appointments', c.booking(sp('09:00'), sp('09:30'), p(1)))).status).toBe(201);
    await expectRefused(c.booking(sp('10:00'), sp('10:30'), p(2)), /max_daily_appointments \(2\) on 2026-12-01/);
    expect((await t.api('POST', '/appointments', c.booking(sp('10:00', '2026-12-02'), sp('10:30', '2026-12-02'), p(2)))).status).toBe(201);
    await t.api('POST', `/appointments/${first.id}/cancel`);
    expect((await t.api('POST', '/appointments', c.booking(sp('10:00'), sp('10:30'), p(2)))).status).toBe(201);
  });

  it('a room is taken by another provider at an overlapping time', async () => {
    const c = await createClinic(t, { patients: 2 });
    const other = await c.ok('POST', '/providers', { doctor_id: randomUUID(), name: 'Dr. Paulo Lima', primary_location_id: c.location.id });
    await c.ok('POST', `/providers/${other.id}/templates`, { day_of_week: 2, start_time: '08:00', end_time: '12:00', location_id: c.location.id });
    const room = c.location.rooms[0].id;
    expect((await t.api('POST', '/appointments', c.booking(sp('09:00'), sp('09:30'), { room_id: room }))).status).toBe(201);
    const clash = c.booking(sp('09:10'), sp('09:40'), { provider_profile_id: other.id, patient_id: c.patients[1]!.id, room_id: room });
    await expectRefused(clash, /room is already booked/);
    expect((await t.api('POST', '/appointments', { ...clash, room_id: c.location.rooms[1].id })).status).toBe(201);
  });

  it('a patient cannot be in two appointments at once, even with two providers', async () => {
    const c = await createClinic(t);
    const other = await c.ok('POST', '/providers', { doctor_id: randomUUID(), primary_location_id: c.location.id });
    await c.ok('POST', `/providers/${other.id}/templates`, { day_of_week: 2, start_time: '08:00', end_time: '12:00', location_id: c.location.id });
    expect((await t.api('POST', '/appointments', c.booking(sp('09:00'), sp('09:30')))).status).toBe(201);
    await expectRefused(c.booking(sp('09:20'), sp('09:50'), { provider_profile_id: other.id }), /patient already has an appointment/);
  });

  it('outside the templates, or across them, is refused', async () => {
    const c = await createClinic(t);
    await expectRefused(c.booking(sp('07:30'), sp('08:00')), /outside the provider's availability/);
    await expectRefused(c.booking(sp('11:45'), sp('12:15')), /outside/);
    await expectRefused(c.booking(sp('09:00', '2026-12-05'), sp('09:30', '2026-12-05')), /outside/); // Saturday
    await expectRefused(c.booking('2026-12-01T23:45:00-03:00', '2026-12-02T00:15:00-03:00'), /outside/);
  });

  it("the refusal says the local time asked and the provider's hours there that day", async () => {
    const c = await createClinic(t, { templates: [[2, '08:00', '12:00'], [2, '14:00', '18:00'], [3, '08:00', '12:00']] });
    const pid = c.provider.id;
    const detail = async (body: unknown) => (await t.api('POST', '/appointments', body)).body.detail;
    expect(await detail(c.booking(sp('07:30'), sp('08:00')))).toBe(
      "The time is outside the provider's availability at this location: 07:30-08:00 on 2026-12-01 (America/Sao_Paulo), when the provider works there 08:00-12:00, 14:00-18:00",
    );
    // a Saturday; across local midnight
    expect(await detail(c.booking(sp('09:00', '2026-12-05'), sp('09:30', '2026-12-05')))).toMatch(
      /: 09:00-09:30 on 2026-12-05 \(America\/Sao_Paulo\), when the provider does not work there$/,
    );
    expect(await detail(c.booking('2026-12-01T23:45:00-03:00', '2026-12-02T00:15:00-03:00'))).toMatch(
      /: 23:45 on 2026-12-01 to 00:15 on 2026-12-02 \(America\/Sao_Paulo\), when the provider works there 08:00-12:00, 14:00-18:00$/,
    );
    // overrides count: hours blocked, a day's hours modified
    await c.ok('POST', `/providers/${pid}/overrides`, { date: '2026-12-01', type: 'blocked', start_time: '10:00', end_time: '15:00' });
    expect(await detail(c.booking(sp('10:30'), sp('11:00')))).toMatch(/when the provider works there 08:00-10:00, 15:00-18:00$/);
    await c.ok('POST', `/providers/${pid}/overrides`, { date: '2026-12-02', type: 'modified', start_time: '13:00', end_time: '15:00', location_id: c.location.id });
    expect(await detail(c.booking(sp('09:00', '2026-12-02'), sp('09:30', '2026-12-02')))).toMatch(/when the provider works there 13:00-15:00$/);
    // hours kept for other appointment types
    const other = await c.ok('POST', '/appointment-types', { name: 'Exame', duration_minutes: 30 });
    await c.ok('POST', `/providers/${pid}/templates`, { day_of_week: 4, start_time: '08:00', end_time: '12:00', location_id: c.location.id, appointment_type_ids: [other.id] });
    expect(await detail(c.booking(sp('09:00', '2026-12-03'), sp('09:30', '2026-12-03')))).toMatch(
      /: 09:00-09:30 on 2026-12-03 \(America\/Sao_Paulo\), when the provider works there 08:00-12:00 for other appointment types only$/,
    );
  });

  it('availability at a Manaus location is in Manaus time (UTC-4)', async () => {
    const c = await createClinic(t, { timezone: 'America/Manaus' });
    // 08:00 in Manaus is 12:00Z; 07:30 in Manaus is 11:30Z
    expect((await t.api('POST', '/appointments', c.booking('2026-12-01T12:00:00Z', '2026-12-01T12:30:00Z'))).status).toBe(201);
    await expectRefused(c.booking('2026-12-01T11:30:00Z', '2026-12-01T12:00:00Z'), /outside/);
    // 11:30–12:00 Manaus is 15:30Z–16:00Z: inside; the same instants in São Paulo terms would be outside
    expect((await t.api('POST', '/appointments', c.booking('2026-12-01T15:30:00Z', '2026-12-01T16:00:00Z'))).status).toBe(201);
    await expectRefused(c.booking('2026-12-01T16:00:00Z', '2026-12-01T16:30:00Z'), /outside/);
  });

  it('São Paulo on 2018-11-04: the window 00:00–06:00 began at 01:00 -02:00 (03:00Z)', async () => {
    const c = await createClinic(t, { templates: [[0, '00:00', '06:00']] });
    // 02:30Z was still Saturday 23:30 local: outside the Sunday window
    await expectRefused(c.booking('2018-11-04T02:30:00Z', '2018-11-04T03:00:00Z'), /outside/);
    // 03:00Z was Sunday 01:00 local (-02:00): inside
    const res = await t.api('POST', '/appointments', c.booking('2018-11-04T01:00:00-02:00', '2018-11-04T01:30:00-02:00'));
    expect(res.status).toBe(201);
    expect(res.body.start_time).toBe('2018-11-04T03:00:00.000Z');
    // 05:30–06:00 local (-02:00) is 07:30Z–08:00Z: the end of the window
    expect((await t.api('POST', '/appointments', c.booking('2018-11-04T07:30:00Z', '2018-11-04T08:00:00Z', { patient_id: c.patients[1]!.id }))).status).toBe(201);
    await expectRefused(c.booking('2018-11-04T08:00:00Z', '2018-11-04T08:30:00Z', { patient_id: c.patients[1]!.id }), /outside/);
  });

  it('overrides: blocked days and hours, modified hours, added days', async () => {
    const c = await createClinic(t, { patients: 3 });
    const pid = c.provider.id;
    await c.ok('POST', `/providers/${pid}/overrides`, { date: '2026-12-01', type: 'blocked', reason: 'congresso' });
    await expectRefused(c.booking(sp('09:00'), sp('09:30')), /outside/);
    await c.ok('POST', `/providers/${pid}/overrides`, { date: '2026-12-02', type: 'blocked', start_time: '09:00', end_time: '10:00' });
    await expectRefused(c.booking(sp('09:30', '2026-12-02'), sp('10:00', '2026-12-02')), /outside/);
    expect((await t.api('POST', '/appointments', c.booking(sp('10:00', '2026-12-02'), sp('10:30', '2026-12-02')))).status).toBe(201);
    await c.ok('POST', `/providers/${pid}/overrides`, { date: '2026-12-03', type: 'modified', start_time: '13:00', end_time: '15:00', location_id: c.location.id });
    await expectRefused(c.booking(sp('09:00', '2026-12-03'), sp('09:30', '2026-12-03'), { patient_id: c.patients[1]!.id }), /outside/);
    expect((await t.api('POST', '/appointments', c.booking(sp('13:00', '2026-12-03'), sp('13:30', '2026-12-03'), { patient_id: c.patients[1]!.id }))).status).toBe(201);
    await c.ok('POST', `/providers/${pid}/overrides`, { date: '2026-12-05', type: 'added', start_time: '08:00', end_time: '10:00', location_id: c.location.id });
    expect((await t.api('POST', '/appointments', c.booking(sp('08:00', '2026-12-05'), sp('08:30', '2026-12-05'), { patient_id: c.patients[2]!.id }))).status).toBe(201);
  });

  it('inactive provider, location, type or patient is 409', async () => {
    const c = await createClinic(t);
    const body = c.booking(sp('09:00'), sp('09:30'));
    for (const [path, detail] of [
      [`/patients/${c.patients[0]!.id}`, /patient is inactive/],
      [`/appointment-types/${c.type.id}`, /appointment type is inactive/],
      [`/locations/${c.location.id}`, /location is inactive/],
      [`/providers/${c.provider.id}`, /provider is inactive/],
    ] as const) {
      expect((await t.api('DELETE', path)).status).toBe(204);
      await expectRefused(body, detail);
    }
  });

  it("the location's time zone changed while booking: 409 saying so, not 'inactive', and nothing written", async () => {
    const c = await createClinic(t);
    // the zone changes just after the booking read the location (and computed its local date in the old zone)
    const appointments = t.repos.appointments;
    const read = appointments.bookingContext.bind(appointments);
    appointments.bookingContext = async (...args) => {
      const context = await read(...args);
      await t.execute('UPDATE locations SET timezone = ? WHERE id = ?', 'America/Manaus', c.location.id);
      return context;
    };
    await expectRefused(c.booking(sp('09:00'), sp('09:30')), /time zone changed while booking; try again/);
    appointments.bookingContext = read;
    // read again, in the new zone (08:00 in Manaus is 09:00 in São Paulo), it is booked
    expect((await t.api('POST', '/appointments', c.booking(sp('09:00'), sp('09:30')))).status).toBe(201);
  });

  it('a provider not accepting new patients still sees returning ones', async () => {
    const c = await createClinic(t, { patients: 2 });
    const first = (await t.api('POST', '/appointments', c.booking(sp('09:00'), sp('09:30')))).body;
    await c.ok('PUT', `/providers/${c.provider.id}`, { is_accepting_new_patients: false });
    await expectRefused(c.booking(sp('10:00'), sp('10:30'), { patient_id: c.patients[1]!.id }), /not accepting new patients/);
    expect((await t.api('POST', '/appointments', c.booking(sp('09:00', '2026-12-02'), sp('09:30', '2026-12-02')))).status).toBe(201);
    expect(first.id).toBeTruthy();
  });

  it('reschedule into a conflict changes nothing', async () => {
    const c = await createClinic(t, { patients: 2 });
    const a = (await t.api('POST', '/appointments', c.booking(sp('09:00'), sp('09:30')))).body;
    await t.api('POST', '/appointments', c.booking(sp('10:00'), sp('10:30'), { patient_id: c.patients[1]!.id }));
    const before = await writtenRows(t);
    const res = await t.api('POST', `/appointments/${a.id}/reschedule`, { new_start_time: sp('10:15') });
    expect(res.status).toBe(409);
    expect(res.body.detail).toMatch(/Double booking/);
    expect(await writtenRows(t)).toEqual(before);
    expect((await t.api('GET', `/appointments/${a.id}`)).body).toMatchObject({ status: 'requested', version: 1, rescheduled_to_id: null });
  });
});
