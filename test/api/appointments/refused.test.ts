import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/app';
import { createClinic, writtenRows } from '../../helpers/clinic';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(() => t.close());

const WEEKDAYS = ['2026-12-01', '2026-12-02', '2026-12-03', '2026-12-04', '2026-12-07', '2026-12-08', '2026-12-09', '2026-12-10'];
/** The i-th free half hour of the clinic's mornings (São Paulo, UTC-3). */
function slot(i: number): [string, string] {
  const date = WEEKDAYS[Math.floor(i / 8)]!;
  const minutes = 8 * 60 + (i % 8) * 30;
  const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
  return [`${date}T${hhmm(minutes)}:00-03:00`, `${date}T${hhmm(minutes + 30)}:00-03:00`];
}

const PATH_TO: Record<string, string[]> = {
  requested: [],
  confirmed: ['confirm'],
  checked_in: ['confirm', 'check-in'],
  in_progress: ['confirm', 'check-in', 'start'],
  completed: ['confirm', 'check-in', 'start', 'complete'],
  no_show: ['confirm', 'no-show'],
  cancelled: ['cancel'],
};

const ALLOWED: Record<string, string[]> = {
  confirm: ['requested'],
  'check-in': ['confirmed'],
  start: ['checked_in'],
  complete: ['in_progress'],
  'no-show': ['confirmed', 'checked_in'],
  cancel: ['requested', 'confirmed', 'checked_in'],
  reschedule: ['requested', 'confirmed'],
};

describe('appointments: the lifecycle table, edge by edge', () => {
  it('allows exactly the reference table and refuses every other transition with 409', async () => {
    const c = await createClinic(t);
    let i = 0;
    for (const [action, allowedFrom] of Object.entries(ALLOWED)) {
      for (const [status, path] of Object.entries(PATH_TO)) {
        const a = (await t.api('POST', '/appointments', c.booking(...slot(i++)))).body;
        for (const step of path) expect((await t.api('POST', `/appointments/${a.id}/${step}`)).status).toBe(200);
        const before = await writtenRows(t);
        const body = action === 'reschedule' ? { new_start_time: slot(i++)[0] } : undefined;
        const res = await t.api('POST', `/appointments/${a.id}/${action}`, body);
        if (allowedFrom.includes(status)) {
          expect(res.status, `${action} from ${status}`).toBe(action === 'reschedule' ? 201 : 200);
        } else {
          expect(res.status, `${action} from ${status}`).toBe(409);
          expect(res.body).toEqual({ detail: `Cannot ${action} an appointment in status '${status}'` });
          expect(await writtenRows(t)).toEqual(before);
        }
      }
    }
  });

  it('DELETE of a completed appointment is refused like cancel', async () => {
    const c = await createClinic(t);
    const a = (await t.api('POST', '/appointments', c.booking(...slot(0)))).body;
    for (const step of PATH_TO.completed!) await t.api('POST', `/appointments/${a.id}/${step}`);
    const res = await t.api('DELETE', `/appointments/${a.id}`);
    expect(res.status).toBe(409);
    expect(res.body.detail).toBe("Cannot cancel an appointment in status 'completed'");
  });
});

describe('appointments: bad input', () => {
  it('every field wrong in turn is 422 with a detail, and nothing is written', async () => {
    const c = await createClinic(t);
    const good = c.booking(...slot(0));
    const unknown = '0193a1f2-0000-7000-8000-000000000000';
    const cases: Array<[string, Record<string, unknown>]> = [
      ['provider_profile_id', { provider_profile_id: 'abc' }],
      ['provider_profile_id', { provider_profile_id: unknown }],
      ['provider_profile_id', { provider_profile_id: undefined }],
      ['patient_id', { patient_id: 42 }],
      ['patient_id', { patient_id: unknown }],
      ['appointment_type_id', { appointment_type_id: null }],
      ['appointment_type_id', { appointment_type_id: unknown }],
      ['location_id', { location_id: unknown }],
      ['location_id', { location_id: [] }],
      ['start_time', { start_time: '2026-12-01T09:00:00' }],
      ['start_time', { start_time: '2026-12-01 09:00' }],
      ['start_time', { start_time: 'amanhã às 9' }],
      ['start_time', { start_time: '2026-13-01T09:00:00Z' }],
      ['start_time', { start_time: 1764590400 }],
      ['end_time', { end_time: '2026-12-01T09:30:00' }],
      ['end_time', { end_time: good.start_time }],
      ['end_time', { end_time: '2026-12-01T08:00:00-03:00' }],
      ['room_id', { room_id: 'sala 1' }],
      ['room_id', { room_id: unknown }],
      ['source', { source: '' }],
      ['notes', { notes: 5 }],
      ['internal_notes', { internal_notes: 'x'.repeat(5001) }],
      ['external_reference', { external_reference: {} }],
      ['metadata', { metadata: 'not an object' }],
    ];
    for (const [field, patch] of cases) {
      const res = await t.api('POST', '/appointments', { ...good, ...patch });
      expect(res.status, `${field} ${JSON.stringify(patch)}`).toBe(422);
      expect(res.body.detail).toContain(field);
      expect(await writtenRows(t)).toEqual({ appointments: 0, history: 0, outbox: 0 });
    }
  });

  it('a datetime at the edge of the calendar (year 9999, year 0) is 422, not a 500, on create and reschedule', async () => {
    const c = await createClinic(t);
    for (const [start, end] of [
      ['9999-12-31T11:00:00Z', '9999-12-31T11:30:00Z'],
      ['0000-01-01T00:30:00Z', '0000-01-01T01:00:00Z'],
    ] as const) {
      const res = await t.api('POST', '/appointments', { ...c.booking(...slot(0)), start_time: start, end_time: end });
      expect(res.status, start).toBe(422);
      expect(res.body.detail).toMatch(/start_time: .*between 1900-01-01 and 9998-12-31/);
    }
    expect(await writtenRows(t)).toEqual({ appointments: 0, history: 0, outbox: 0 });
    const a = (await t.api('POST', '/appointments', c.booking(...slot(0)))).body;
    for (const start of ['9999-12-31T11:00:00Z', '0000-01-01T00:30:00Z']) {
      const res = await t.api('POST', `/appointments/${a.id}/reschedule`, { new_start_time: start });
      expect(res.status, start).toBe(422);
      expect(res.body.detail).toMatch(/new_start_time/);
    }
    expect((await t.api('GET', `/appointments/${a.id}`)).body).toMatchObject({ status: 'requested', version: 1 });
  });

  it('a datetime that is not RFC 3339 gets one error saying so, not the range and end-after-start checks it could not reach', async () => {
    const c = await createClinic(t);
    const FORMAT = 'expected an RFC 3339 datetime with an offset, e.g. 2026-12-01T09:00:00-03:00';
    for (const start of ['2026-12-01T09:00:00', '2026-12-01T23:59:60Z', '2026-12-01T09:00:00.Z', '10000-01-01T00:00:00Z']) {
      const res = await t.api('POST', '/appointments', { ...c.booking(...slot(0)), start_time: start });
      expect(res.status, start).toBe(422);
      expect(res.body.errors, start).toEqual([{ path: 'start_time', message: FORMAT }]);
      expect(res.body.detail).toBe(`Validation failed: start_time: ${FORMAT}`);
    }
    expect(await writtenRows(t)).toEqual({ appointments: 0, history: 0, outbox: 0 });
    const a = (await t.api('POST', '/appointments', c.booking(...slot(0)))).body;
    const res = await t.api('POST', `/appointments/${a.id}/reschedule`, { new_start_time: '2026-12-02T09:00:00', new_end_time: '2026-12-02T09:30:00-03:00' });
    expect(res.body.errors).toEqual([{ path: 'new_start_time', message: FORMAT }]);
  });

  it("length limits are worded as the API words them elsewhere, not in zod's 'Too small: expected string to have >=1 characters'", async () => {
    const c = await createClinic(t);
    const a = (await t.api('POST', '/appointments', c.booking(...slot(0)))).body;
    const blank = await t.api('POST', `/appointments/${a.id}/confirm`, { confirmed_by: '   ' });
    expect(blank.status).toBe(422);
    expect(blank.body.errors).toEqual([{ path: 'confirmed_by', message: 'must not be empty' }]);
    const long = await t.api('POST', `/appointments/${a.id}/cancel`, { cancelled_by: 'x'.repeat(201), reason: 'y'.repeat(1001) });
    expect(long.body.errors).toEqual([
      { path: 'reason', message: 'at most 1000 characters' },
      { path: 'cancelled_by', message: 'at most 200 characters' },
    ]);
    const source = await t.api('POST', '/appointments', { ...c.booking(...slot(1)), source: '' });
    expect(source.body.errors).toEqual([{ path: 'source', message: 'must not be empty' }]);
    expect((await t.api('GET', `/appointments/${a.id}`)).body).toMatchObject({ status: 'requested', version: 1 });
  });

  it('a field that breaks two checks with one message lists it once', async () => {
    // 2^53 + 1 is neither a safe integer nor within the maximum: two checks, one wording
    const res = await t.api('POST', '/appointment-types', '{"name":"Consulta","duration_minutes":9007199254740993}');
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([{ path: 'duration_minutes', message: 'expected whole minutes from 1 to 1440' }]);
    expect(res.body.detail).toBe('Validation failed: duration_minutes: expected whole minutes from 1 to 1440');
  });

  it('metadata nested deeper than 32 levels is 422 on create and update, not a 500, and nothing is written', async () => {
    const c = await createClinic(t);
    // as JSON text: so deep an object is more than JSON.stringify can write
    const deep = '{"a":'.repeat(10_000) + '1' + '}'.repeat(10_000);
    const created = await t.api('POST', '/appointments', JSON.stringify(c.booking(...slot(0))).replace(/}$/, `,"metadata":${deep}}`));
    expect(created.status).toBe(422);
    expect(created.body.detail).toMatch(/metadata: nests deeper than 32 levels/);
    expect(await writtenRows(t)).toEqual({ appointments: 0, history: 0, outbox: 0 });

    const a = (await t.api('POST', '/appointments', c.booking(...slot(0)))).body;
    const updated = await t.api('PUT', `/appointments/${a.id}`, `{"version":1,"metadata":${deep}}`);
    expect(updated.status).toBe(422);
    expect(updated.body.detail).toMatch(/metadata: nests deeper than 32 levels/);
    expect((await t.api('GET', `/appointments/${a.id}`)).body).toMatchObject({ metadata: {}, version: 1 });
  });

  it('malformed JSON, wrong media type, oversized body', async () => {
    await createClinic(t);
    expect((await t.api('POST', '/appointments', '{"provider_profile_id":')).status).toBe(422);
    const plain = await t.api('POST', '/appointments', 'hello', { headers: { 'content-type': 'text/plain' } });
    expect(plain.status).toBe(415);
    expect(plain.body.detail).toBeTruthy();
    expect((await t.api('POST', '/appointments', { notes: 'x'.repeat(1_100_000) })).status).toBe(413);
    expect((await writtenRows(t)).appointments).toBe(0);
  });

  it('an empty body sent as JSON reads as {}: the optional lifecycle bodies may be left out, a create names what is missing', async () => {
    const c = await createClinic(t);
    const a = (await t.api('POST', '/appointments', c.booking(...slot(0)))).body;
    const confirmed = await t.api('POST', `/appointments/${a.id}/confirm`, '');
    expect(confirmed.status).toBe(200);
    expect(confirmed.body).toMatchObject({ status: 'confirmed', version: 2 });
    const cancelled = await t.api('POST', `/appointments/${a.id}/cancel`, ' ');
    expect(cancelled.body).toMatchObject({ status: 'cancelled', version: 3 });
    const create = await t.api('POST', '/appointments', '');
    expect(create.status).toBe(422);
    expect(create.body.detail).toMatch(/provider_profile_id/);
    expect((await writtenRows(t)).appointments).toBe(1);
  });

  it('lifecycle and reschedule bodies are validated', async () => {
    const c = await createClinic(t);
    const a = (await t.api('POST', '/appointments', c.booking(...slot(0)))).body;
    expect((await t.api('POST', `/appointments/${a.id}/confirm`, { confirmed_by: 7 })).status).toBe(422);
    expect((await t.api('POST', `/appointments/${a.id}/cancel`, { reason: ['x'] })).status).toBe(422);
    expect((await t.api('POST', `/appointments/${a.id}/reschedule`, {})).status).toBe(422);
    expect((await t.api('POST', `/appointments/${a.id}/reschedule`, { new_start_time: '2026-12-02T09:00:00' })).status).toBe(422);
    const backwards = await t.api('POST', `/appointments/${a.id}/reschedule`, { new_start_time: slot(3)[1], new_end_time: slot(3)[0] });
    expect(backwards.status).toBe(422);
    expect(backwards.body.detail).toMatch(/new_end_time/);
    const elsewhere = await t.api('POST', `/appointments/${a.id}/reschedule`, { new_start_time: slot(3)[0], new_location_id: '0193a1f2-0000-7000-8000-000000000000' });
    expect(elsewhere.status).toBe(422);
    expect(elsewhere.body.detail).toMatch(/new_location_id/);
    expect((await t.api('GET', `/appointments/${a.id}`)).body).toMatchObject({ status: 'requested', version: 1 });
  });

  it('PUT needs the current version: missing is 422, stale is 409 and changes nothing', async () => {
    const c = await createClinic(t);
    const a = (await t.api('POST', '/appointments', c.booking(...slot(0)))).body;
    expect((await t.api('PUT', `/appointments/${a.id}`, { notes: 'x' })).status).toBe(422);
    expect((await t.api('PUT', `/appointments/${a.id}`, { version: '1', notes: 'x' })).status).toBe(422);
    await t.api('POST', `/appointments/${a.id}/confirm`);
    const stale = await t.api('PUT', `/appointments/${a.id}`, { version: 1, notes: 'x' });
    expect(stale.status).toBe(409);
    expect(stale.body.detail).toMatch(/version/i);
    const now = (await t.api('GET', `/appointments/${a.id}`)).body;
    expect(now).toMatchObject({ version: 2, notes: null });
    expect((await t.api('PUT', `/appointments/${a.id}`, { version: 2, room_id: '0193a1f2-0000-7000-8000-000000000000' })).status).toBe(422);
  });

  it('PUT to a room that is taken is 409', async () => {
    const c = await createClinic(t, { patients: 2 });
    const room = c.location.rooms[0].id;
    await t.api('POST', '/appointments', c.booking(...slot(0), { room_id: room }));
    // another provider's appointment at the same time, in no room
    const { randomUUID } = await import('node:crypto');
    const other = await c.ok('POST', '/providers', { doctor_id: randomUUID(), primary_location_id: c.location.id });
    await c.ok('POST', `/providers/${other.id}/templates`, { day_of_week: 2, start_time: '08:00', end_time: '12:00', location_id: c.location.id });
    const b = (await t.api('POST', '/appointments', c.booking(...slot(0), { provider_profile_id: other.id, patient_id: c.patients[1]!.id }))).body;
    const res = await t.api('PUT', `/appointments/${b.id}`, { version: 1, room_id: room });
    expect(res.status).toBe(409);
    expect(res.body.detail).toMatch(/room/);
    expect((await t.api('GET', `/appointments/${b.id}`)).body).toMatchObject({ version: 1, room_id: null });
  });

  it('a reschedule to the time, place and room it already has is 409 and writes nothing (no cancel, no copy)', async () => {
    const c = await createClinic(t);
    const room = c.location.rooms[0].id;
    const booked = await c.ok('POST', '/appointments', c.booking(...slot(0), { room_id: room }));
    const before = await writtenRows(t);
    // the same instants in another offset, the end left out (the same length), or given
    for (const body of [
      { new_start_time: slot(0)[0] },
      { new_start_time: booked.start_time, new_end_time: booked.end_time, new_location_id: c.location.id, new_room_id: room },
    ]) {
      const res = await t.api('POST', `/appointments/${booked.id}/reschedule`, body);
      expect(res.status, JSON.stringify(res.body)).toBe(409);
      expect(res.body.detail).toMatch(/already at this time/);
    }
    expect(await writtenRows(t)).toEqual(before);
    expect((await t.api('GET', `/appointments/${booked.id}`)).body).toMatchObject({ status: 'requested', version: 1 });
    // another room at the same time is a move
    const moved = await t.api('POST', `/appointments/${booked.id}/reschedule`, { new_start_time: slot(0)[0], new_room_id: c.location.rooms[1].id });
    expect(moved.status, JSON.stringify(moved.body)).toBe(201);
  });

  it('list filters are validated', async () => {
    for (const q of ['status=done', 'provider_id=x', 'date_from=2026-02-30', 'date_from=2026-12-05&date_to=2026-12-01', 'limit=500', 'cursor=abc']) {
      const res = await t.api('GET', `/appointments?${q}`);
      expect(res.status, q).toBe(422);
      expect(res.body.detail).toBeTruthy();
    }
  });

  it('unknown and malformed ids', async () => {
    const unknown = '0193a1f2-0000-7000-8000-000000000000';
    expect((await t.api('GET', `/appointments/${unknown}`)).status).toBe(404);
    expect((await t.api('POST', `/appointments/${unknown}/confirm`)).status).toBe(404);
    expect((await t.api('DELETE', `/appointments/${unknown}`)).status).toBe(404);
    expect((await t.api('PUT', `/appointments/${unknown}`, { version: 1 })).status).toBe(404);
    expect((await t.api('GET', '/appointments/123')).status).toBe(422);
  });
});
