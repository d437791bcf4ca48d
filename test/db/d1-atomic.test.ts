/**
 * Issue #4 on D1: the booking surface's atomic steps run as one `db.batch` on a real D1 database
 * (Miniflare's workerd, with D1's limits), and keep every promise they keep on SQLite: exactly the
 * allowed number of concurrent bookings of one time, each rule's refusal named with nothing written,
 * the lifecycle, reschedule in one step, Idempotency-Key replays.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createClinic } from '../helpers/clinic';
import { createD1TestApp, type D1TestApp } from '../helpers/d1';

const SLOT = ['2026-12-01T09:00:00-03:00', '2026-12-01T09:30:00-03:00'] as const;

describe('appointments on D1', () => {
  let t: D1TestApp | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  /** Rows of every table a booking writes to. */
  async function written(app: D1TestApp) {
    const tables = ['appointments', 'appointment_status_history', 'outbox', 'idempotency_keys'];
    return Object.fromEntries(await Promise.all(tables.map(async (table) => [table, await app.count(table)] as const)));
  }

  it.each([
    [1, 1],
    [2, 2],
  ])('40 concurrent creates for one slot with max_concurrent %i: exactly %i created', async (max, expected) => {
    t = await createD1TestApp();
    const c = await createClinic(t, { patients: 40, provider: { max_concurrent_appointments: max } });
    const results = await Promise.all(c.patients.map((p) => t!.api('POST', '/appointments', c.booking(...SLOT, { patient_id: p.id }))));
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(expected);
    expect(statuses.filter((s) => s === 409)).toHaveLength(40 - expected);
    for (const r of results.filter((r) => r.status === 409)) expect(r.body.detail).toMatch(/Double booking/);
    expect(await t.rows("SELECT id FROM appointments WHERE status = 'requested'")).toHaveLength(expected);
    expect(await t.count('outbox')).toBe(expected);
    expect(await t.count('appointment_status_history')).toBe(expected);
  });

  it('each rule refuses with its own 409 and writes nothing', async () => {
    t = await createD1TestApp();
    const c = await createClinic(t, { patients: 3, provider: { buffer_between_appointments_minutes: 10, max_daily_appointments: 2 } });
    const room = c.location.rooms[0].id;
    const first = await t.api('POST', '/appointments', c.booking(...SLOT, { room_id: room }));
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    const before = await written(t);
    const refusals: Array<[Record<string, unknown>, RegExp]> = [
      // another patient 5 minutes after the end: inside the provider's buffer
      [c.booking('2026-12-01T09:35:00-03:00', '2026-12-01T10:05:00-03:00', { patient_id: c.patients[1]!.id }), /^Double booking: .*buffer 10 min/],
      // the same patient at the same time again: the patient's rule comes first
      [c.booking(...SLOT), /^The patient already has an appointment at an overlapping time$/],
      // the room taken by the first one
      [c.booking('2026-12-01T09:00:00-03:00', '2026-12-01T09:30:00-03:00', { patient_id: c.patients[1]!.id, room_id: room }), /^The room is already booked at this time$/],
      // a Saturday: no template
      [c.booking('2026-12-05T09:00:00-03:00', '2026-12-05T09:30:00-03:00'), /outside the provider's availability/],
      // before the day's hours
      [c.booking('2026-12-02T07:30:00-03:00', '2026-12-02T08:00:00-03:00'), /outside the provider's availability.*07:30-08:00/],
    ];
    for (const [body, detail] of refusals) {
      const res = await t.api('POST', '/appointments', body);
      expect(res.status, JSON.stringify(res.body)).toBe(409);
      expect(res.body.detail).toMatch(detail);
      expect(await written(t)).toEqual(before);
    }
    // max daily: a second one that day fits, a third does not
    const second = await t.api('POST', '/appointments', c.booking('2026-12-01T11:00:00-03:00', '2026-12-01T11:30:00-03:00', { patient_id: c.patients[1]!.id }));
    expect(second.status, JSON.stringify(second.body)).toBe(201);
    const afterSecond = await written(t);
    const third = await t.api('POST', '/appointments', c.booking('2026-12-01T10:30:00-03:00', '2026-12-01T10:45:00-03:00', { patient_id: c.patients[2]!.id }));
    expect(third.status).toBe(409);
    expect(third.body.detail).toBe('The provider has reached max_daily_appointments (2) on 2026-12-01');
    expect(await written(t)).toEqual(afterSecond);
  });

  it('a Manaus location: its local hours, converted to UTC', async () => {
    t = await createD1TestApp();
    const c = await createClinic(t, { timezone: 'America/Manaus' });
    // 08:00 in Manaus is 12:00 UTC; 08:00 São Paulo time (07:00 in Manaus) is outside the hours
    const inside = await t.api('POST', '/appointments', c.booking('2026-12-01T12:00:00Z', '2026-12-01T12:30:00Z'));
    expect(inside.status, JSON.stringify(inside.body)).toBe(201);
    const outside = await t.api('POST', '/appointments', c.booking('2026-12-01T11:00:00Z', '2026-12-01T11:30:00Z', { patient_id: c.patients[1]!.id }));
    expect(outside.status).toBe(409);
    expect(outside.body.detail).toMatch(/07:00-07:30 on 2026-12-01 \(America\/Manaus\)/);
  });

  it('the lifecycle: every step allowed once, in order, with its history; others refused without a write', async () => {
    t = await createD1TestApp();
    const c = await createClinic(t);
    const created = await t.api('POST', '/appointments', c.booking(...SLOT));
    expect(created.status).toBe(201);
    const id = created.body.id;
    for (const [action, status] of [['confirm', 'confirmed'], ['check-in', 'checked_in'], ['start', 'in_progress'], ['complete', 'completed']] as const) {
      const res = await t.api('POST', `/appointments/${id}/${action}`, {});
      expect(res.status, `${action}: ${JSON.stringify(res.body)}`).toBe(200);
      expect(res.body.status).toBe(status);
    }
    const before = await written(t);
    const refused = await t.api('POST', `/appointments/${id}/confirm`, {});
    expect(refused.status).toBe(409);
    expect(refused.body.detail).toBe("Cannot confirm an appointment in status 'completed'");
    const stale = await t.api('PUT', `/appointments/${id}`, { version: 1, notes: 'tarde demais' });
    expect(stale.status).toBe(409);
    expect(await written(t)).toEqual(before);
    const got = await t.api('GET', `/appointments/${id}`);
    expect(got.body.version).toBe(5);
    expect(got.body.status_history.map((h: { to_status: string }) => h.to_status)).toEqual(['requested', 'confirmed', 'checked_in', 'in_progress', 'completed']);
    const events = await t.rows('SELECT event_type FROM outbox ORDER BY created_at, rowid');
    expect(events.map((e) => e.event_type)).toEqual([
      'appointment.created',
      'appointment.confirmed',
      'appointment.checked_in',
      'appointment.started',
      'appointment.completed',
    ]);
  });

  it('reschedule: the old one cancelled and the new one created in one step, checked as if the old were gone', async () => {
    t = await createD1TestApp();
    const c = await createClinic(t);
    const created = await t.api('POST', '/appointments', c.booking(...SLOT));
    // 15 minutes later overlaps only the appointment being moved
    const moved = await t.api('POST', `/appointments/${created.body.id}/reschedule`, { new_start_time: '2026-12-01T09:15:00-03:00', reason: 'atraso' });
    expect(moved.status, JSON.stringify(moved.body)).toBe(201);
    expect(moved.body.rescheduled_from_id).toBe(created.body.id);
    const old = await t.api('GET', `/appointments/${created.body.id}`);
    expect(old.body.status).toBe('cancelled');
    expect(old.body.rescheduled_to_id).toBe(moved.body.id);
    // moving the new one onto another patient's time is refused, and both stay as they are
    const other = await t.api('POST', '/appointments', c.booking('2026-12-01T11:00:00-03:00', '2026-12-01T11:30:00-03:00', { patient_id: c.patients[1]!.id }));
    expect(other.status).toBe(201);
    const before = await written(t);
    const clash = await t.api('POST', `/appointments/${moved.body.id}/reschedule`, { new_start_time: '2026-12-01T11:10:00-03:00' });
    expect(clash.status).toBe(409);
    expect(await written(t)).toEqual(before);
    expect((await t.api('GET', `/appointments/${moved.body.id}`)).body.status).toBe('requested');
  });

  it('an Idempotency-Key replays the first answer and books once', async () => {
    t = await createD1TestApp();
    const c = await createClinic(t);
    const headers = { 'idempotency-key': 'd1-booking-1' };
    const [a, b] = await Promise.all([
      t.api('POST', '/appointments', c.booking(...SLOT), { headers }),
      t.api('POST', '/appointments', c.booking(...SLOT), { headers }),
    ]);
    const replay = await t.api('POST', '/appointments', c.booking(...SLOT), { headers });
    const created = [a, b, replay].filter((r) => r.status === 201);
    expect(created.length).toBeGreaterThanOrEqual(2);
    expect(new Set(created.map((r) => r.body.id)).size).toBe(1);
    expect(await t.count('appointments')).toBe(1);
  });

  it('a cancelled time is offered to the waitlist in the same step, specialties matched without case or accents', async () => {
    t = await createD1TestApp();
    const c = await createClinic(t, { patients: 2, provider: { specialties: ['Clínica Geral'] } });
    const created = await t.api('POST', '/appointments', c.booking(...SLOT));
    const entry = await t.api('POST', '/waitlist', { patient_id: c.patients[1]!.id, appointment_type_id: c.type.id, specialty: 'CLINICA geral' });
    expect(entry.status, JSON.stringify(entry.body)).toBe(201);
    const cancelled = await t.api('POST', `/appointments/${created.body.id}/cancel`, { reason: 'imprevisto' });
    expect(cancelled.status).toBe(200);
    const listed = await t.api('GET', '/waitlist?status=offered');
    expect(listed.body.data.map((e: { id: string }) => e.id)).toEqual([entry.body.id]);
    const events = (await t.rows('SELECT event_type FROM outbox ORDER BY created_at, rowid')).map((e) => e.event_type);
    expect(events).toEqual(['appointment.created', 'waitlist.added', 'appointment.cancelled', 'waitlist.slot_available']);
  });

  it('a slot the search returns can be booked', async () => {
    t = await createD1TestApp();
    const c = await createClinic(t);
    const slots = await t.api('GET', `/slots?provider_id=${c.provider.id}&date_from=2026-12-01&date_to=2026-12-01&appointment_type_id=${c.type.id}`);
    expect(slots.status, JSON.stringify(slots.body)).toBe(200);
    const slot = slots.body.slots?.[0] ?? slots.body.data?.[0] ?? slots.body[0];
    expect(slot).toBeDefined();
    const booked = await t.api('POST', '/appointments', c.booking(slot.start_at, slot.end_at));
    expect(booked.status, JSON.stringify(booked.body)).toBe(201);
  });
});
