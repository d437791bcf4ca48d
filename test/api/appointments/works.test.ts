import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, ON_D1, type TestApp } from '../../helpers/app';
import { createClinic } from '../../helpers/clinic';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(() => t.close());

// 2026-12-01 is a Tuesday; São Paulo is UTC-3, so 09:00 local is 12:00Z.
const AT_9 = ['2026-12-01T09:00:00-03:00', '2026-12-01T09:30:00-03:00'] as const;

describe('appointments: what works', () => {
  it('creates a requested appointment, stored in UTC, with history and an event', async () => {
    const c = await createClinic(t);
    const res = await t.api('POST', '/appointments', c.booking(...AT_9, { notes: 'Trazer exames', metadata: { origem: 'site' } }));
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      provider_profile_id: c.provider.id,
      patient_id: c.patients[0]!.id,
      start_time: '2026-12-01T12:00:00.000Z',
      end_time: '2026-12-01T12:30:00.000Z',
      status: 'requested',
      source: 'api',
      notes: 'Trazer exames',
      metadata: { origem: 'site' },
      version: 1,
    });
    const got = await t.api('GET', `/appointments/${res.body.id}`);
    expect(got.status).toBe(200);
    expect(got.body.status_history).toEqual([
      { from_status: null, to_status: 'requested', changed_by: expect.stringMatching(/^api_key:/), reason: null, notes: null, changed_at: '2026-11-25T12:00:00.000Z' },
    ]);
    const events = await t.rows('SELECT event_type, aggregate_id FROM outbox');
    expect(events).toEqual([{ event_type: 'appointment.created', aggregate_id: res.body.id }]);
  });

  it('accepts any offset and a room', async () => {
    const c = await createClinic(t);
    const res = await t.api('POST', '/appointments', c.booking('2026-12-01T12:00:00Z', '2026-12-01T13:30:00+01:00', { room_id: c.location.rooms[0].id }));
    expect(res.status).toBe(201);
    expect(res.body.end_time).toBe('2026-12-01T12:30:00.000Z');
    expect(res.body.room_id).toBe(c.location.rooms[0].id);
  });

  it("takes RFC 3339's lower-case 't' and 'z' (RFC 3339 section 5.6) on create and reschedule", async () => {
    const c = await createClinic(t);
    const res = await t.api('POST', '/appointments', c.booking('2026-12-01t12:00:00z', '2026-12-01t09:30:00-03:00'));
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({ start_time: '2026-12-01T12:00:00.000Z', end_time: '2026-12-01T12:30:00.000Z' });
    const moved = await t.api('POST', `/appointments/${res.body.id}/reschedule`, { new_start_time: '2026-12-02t13:00:00.000z' });
    expect(moved.status, JSON.stringify(moved.body)).toBe(201);
    expect(moved.body).toMatchObject({ start_time: '2026-12-02T13:00:00.000Z', end_time: '2026-12-02T13:30:00.000Z' });
    // each letter in either case on its own: an upper-case 'T' with a lower-case 'z', and the other way round
    const mixed = await t.api('POST', '/appointments', c.booking('2026-12-04T12:00:00z', '2026-12-04t12:30:00Z'));
    expect(mixed.status, JSON.stringify(mixed.body)).toBe(201);
    expect(mixed.body).toMatchObject({ start_time: '2026-12-04T12:00:00.000Z', end_time: '2026-12-04T12:30:00.000Z' });
    // still refused: no offset, or a space for the 'T'
    for (const start of ['2026-12-03t12:00:00', '2026-12-03 12:00:00z']) {
      expect((await t.api('POST', '/appointments', c.booking(start, '2026-12-03T12:30:00Z'))).status, start).toBe(422);
    }
  });

  it('walks the whole lifecycle, bumping version and recording who and why', async () => {
    const c = await createClinic(t);
    const { id } = (await t.api('POST', '/appointments', c.booking(...AT_9))).body;
    const steps: Array<[string, unknown, string]> = [
      ['confirm', { confirmed_by: 'recepcao' }, 'confirmed'],
      ['check-in', { checked_in_by: 'totem' }, 'checked_in'],
      ['start', undefined, 'in_progress'],
      ['complete', { notes: 'Retorno em 30 dias' }, 'completed'],
    ];
    let version = 1;
    for (const [action, body, status] of steps) {
      t.clock.advance(60_000);
      const res = await t.api('POST', `/appointments/${id}/${action}`, body);
      expect(res.status, action).toBe(200);
      expect(res.body.status).toBe(status);
      expect(res.body.version).toBe(++version);
    }
    const history = (await t.api('GET', `/appointments/${id}`)).body.status_history;
    expect(history.map((h: { to_status: string }) => h.to_status)).toEqual(['requested', 'confirmed', 'checked_in', 'in_progress', 'completed']);
    expect(history[1]).toMatchObject({ from_status: 'requested', changed_by: 'recepcao', changed_at: '2026-11-25T12:01:00.000Z' });
    expect(history[2].changed_by).toBe('totem');
    expect(history[4]).toMatchObject({ from_status: 'in_progress', notes: 'Retorno em 30 dias' });
    const events = (await t.rows('SELECT event_type FROM outbox ORDER BY rowid')).map((r) => r.event_type);
    expect(events).toEqual(['appointment.created', 'appointment.confirmed', 'appointment.checked_in', 'appointment.started', 'appointment.completed']);
  });

  it('keeps the history in the order the changes were made, even when a later one was stamped by a clock behind', async () => {
    // two server processes (or hosts) whose clocks differ: the second change's time is earlier
    const c = await createClinic(t);
    const { id } = (await t.api('POST', '/appointments', c.booking(...AT_9))).body;
    t.clock.advance(-5_000);
    expect((await t.api('POST', `/appointments/${id}/confirm`, {})).status).toBe(200);
    t.clock.advance(-5_000);
    expect((await t.api('POST', `/appointments/${id}/cancel`, { reason: 'Paciente viajou' })).status).toBe(200);
    const history = (await t.api('GET', `/appointments/${id}`)).body.status_history;
    expect(history.map((h: { from_status: string | null; to_status: string }) => `${h.from_status}>${h.to_status}`)).toEqual([
      'null>requested',
      'requested>confirmed',
      'confirmed>cancelled',
    ]);
    expect(history.map((h: { changed_at: string }) => h.changed_at)).toEqual(['2026-11-25T12:00:00.000Z', '2026-11-25T11:59:55.000Z', '2026-11-25T11:59:50.000Z']);
  });

  it('cancel keeps the reason and frees the time; DELETE is cancel with 204', async () => {
    const c = await createClinic(t);
    const a = (await t.api('POST', '/appointments', c.booking(...AT_9))).body;
    const res = await t.api('POST', `/appointments/${a.id}/cancel`, { reason: 'Paciente viajou', cancelled_by: 'paciente' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'cancelled', cancellation_reason: 'Paciente viajou', cancelled_by: 'paciente' });
    const again = await t.api('POST', '/appointments', c.booking(...AT_9));
    expect(again.status).toBe(201);
    expect((await t.api('DELETE', `/appointments/${again.body.id}`)).status).toBe(204);
    expect((await t.api('GET', `/appointments/${again.body.id}`)).body.status).toBe('cancelled');
  });

  it('no-show from confirmed and from checked_in', async () => {
    const c = await createClinic(t, { patients: 2 });
    const a = (await t.api('POST', '/appointments', c.booking(...AT_9))).body;
    await t.api('POST', `/appointments/${a.id}/confirm`);
    expect((await t.api('POST', `/appointments/${a.id}/no-show`, { notes: 'não veio' })).body.status).toBe('no_show');
    const b = (await t.api('POST', '/appointments', c.booking('2026-12-01T10:00:00-03:00', '2026-12-01T10:30:00-03:00', { patient_id: c.patients[1]!.id }))).body;
    await t.api('POST', `/appointments/${b.id}/confirm`);
    await t.api('POST', `/appointments/${b.id}/check-in`);
    expect((await t.api('POST', `/appointments/${b.id}/no-show`)).body.status).toBe('no_show');
  });

  it('PUT updates notes, room, reference and metadata with the current version', async () => {
    const c = await createClinic(t);
    const a = (await t.api('POST', '/appointments', c.booking(...AT_9))).body;
    const res = await t.api('PUT', `/appointments/${a.id}`, {
      version: 1,
      notes: 'jejum',
      internal_notes: 'sala térrea',
      room_id: c.location.rooms[1].id,
      external_reference: 'PEP-1',
      metadata: { convenio: 'Unimed' },
      status: 'completed',
      start_time: '2030-01-01T00:00:00Z',
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      version: 2,
      notes: 'jejum',
      internal_notes: 'sala térrea',
      room_id: c.location.rooms[1].id,
      external_reference: 'PEP-1',
      metadata: { convenio: 'Unimed' },
      status: 'requested',
      start_time: '2026-12-01T12:00:00.000Z',
    });
  });

  it('reschedules in one step: old cancelled and linked, new requested and linked', async () => {
    const c = await createClinic(t);
    const old = (await t.api('POST', '/appointments', c.booking(...AT_9))).body;
    await t.api('POST', `/appointments/${old.id}/confirm`);
    const res = await t.api('POST', `/appointments/${old.id}/reschedule`, { new_start_time: '2026-12-03T10:00:00-03:00', reason: 'agenda do paciente' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      status: 'requested',
      rescheduled_from_id: old.id,
      start_time: '2026-12-03T13:00:00.000Z',
      end_time: '2026-12-03T13:30:00.000Z',
      version: 1,
    });
    const previous = (await t.api('GET', `/appointments/${old.id}`)).body;
    expect(previous).toMatchObject({ status: 'cancelled', rescheduled_to_id: res.body.id, cancellation_reason: 'agenda do paciente', version: 3 });
    expect(previous.status_history.at(-1)).toMatchObject({ from_status: 'confirmed', to_status: 'cancelled' });
    const events = await t.rows('SELECT event_type, aggregate_id FROM outbox ORDER BY rowid');
    expect(events.at(-1)).toEqual({ event_type: 'appointment.rescheduled', aggregate_id: res.body.id });
  });

  it('reschedule checks conflicts as if the old appointment were gone', async () => {
    const c = await createClinic(t);
    const old = (await t.api('POST', '/appointments', c.booking(...AT_9))).body;
    // 15 minutes later overlaps the old one, for the same provider, patient and room
    const res = await t.api('POST', `/appointments/${old.id}/reschedule`, { new_start_time: '2026-12-01T09:15:00-03:00' });
    expect(res.status).toBe(201);
    expect(res.body.start_time).toBe('2026-12-01T12:15:00.000Z');
  });

  it('lists with filters, repeatable status and local date range, ordered by start time', async () => {
    const c = await createClinic(t, { patients: 3 });
    const mk = (start: string, end: string, i: number) =>
      t.api('POST', '/appointments', c.booking(start, end, { patient_id: c.patients[i]!.id }));
    const late = (await mk('2026-12-02T11:00:00-03:00', '2026-12-02T11:30:00-03:00', 0)).body;
    const early = (await mk('2026-12-01T08:00:00-03:00', '2026-12-01T08:30:00-03:00', 1)).body;
    const mid = (await mk('2026-12-01T10:00:00-03:00', '2026-12-01T10:30:00-03:00', 2)).body;
    await t.api('POST', `/appointments/${mid.id}/confirm`);
    const all = await t.api('GET', '/appointments');
    expect(all.body.data.map((a: { id: string }) => a.id)).toEqual([early.id, mid.id, late.id]);
    const day = await t.api('GET', '/appointments?date_from=2026-12-01&date_to=2026-12-01');
    expect(day.body.data.map((a: { id: string }) => a.id)).toEqual([early.id, mid.id]);
    const statuses = await t.api('GET', '/appointments?status=confirmed&status=cancelled');
    expect(statuses.body.data.map((a: { id: string }) => a.id)).toEqual([mid.id]);
    const csv = await t.api('GET', '/appointments?status=requested,confirmed');
    expect(csv.body.data).toHaveLength(3);
    const byPatient = await t.api('GET', `/appointments?patient_id=${c.patients[0]!.id}&provider_id=${c.provider.id}&location_id=${c.location.id}`);
    expect(byPatient.body.data.map((a: { id: string }) => a.id)).toEqual([late.id]);
    const page1 = await t.api('GET', '/appointments?limit=2');
    const page2 = await t.api('GET', `/appointments?limit=2&cursor=${encodeURIComponent(page1.body.next_cursor)}`);
    expect([...page1.body.data, ...page2.body.data].map((a: { id: string }) => a.id)).toEqual([early.id, mid.id, late.id]);
    expect(page2.body.next_cursor).toBeNull();
  });

  it('replays create and reschedule with the same Idempotency-Key', async () => {
    const c = await createClinic(t);
    const headers = { 'idempotency-key': 'book-1' };
    const first = await t.api('POST', '/appointments', c.booking(...AT_9), { headers });
    const second = await t.api('POST', '/appointments', c.booking(...AT_9), { headers });
    expect(second.status).toBe(201);
    expect(second.body.id).toBe(first.body.id);
    const body = { new_start_time: '2026-12-02T09:00:00-03:00' };
    const r1 = await t.api('POST', `/appointments/${first.body.id}/reschedule`, body, { headers: { 'idempotency-key': 'move-1' } });
    const r2 = await t.api('POST', `/appointments/${first.body.id}/reschedule`, body, { headers: { 'idempotency-key': 'move-1' } });
    expect(r1.status).toBe(201);
    expect(r2.status).toBe(201);
    expect(r2.body.id).toBe(r1.body.id);
    expect(await t.count('appointments')).toBe(2);
  });

  it.skipIf(ON_D1)("reads a list page as a range of an index in the list's order, not a sort of the tenant's whole book", async () => {
    const c = await createClinic(t);
    for (const hour of ['08', '09', '10']) {
      expect((await t.api('POST', '/appointments', c.booking(`2026-12-01T${hour}:00:00-03:00`, `2026-12-01T${hour}:30:00-03:00`))).status).toBe(201);
    }
    /** the plan of each appointments list query `path` makes (this test database has no statistics) */
    async function plans(path: string): Promise<string[]> {
      const prepare = t.sqlite.prepare.bind(t.sqlite);
      const lists: string[] = [];
      (t.sqlite as { prepare: (source: string) => unknown }).prepare = (source: string) => {
        if (/from "appointments"/i.test(source) && /order by/i.test(source)) lists.push(source);
        return prepare(source);
      };
      try {
        expect((await t.api('GET', path)).status).toBe(200);
      } finally {
        (t.sqlite as { prepare: unknown }).prepare = prepare;
      }
      expect(lists).toHaveLength(1);
      const params = (lists[0]!.match(/\?/g) ?? []).map(() => 'x');
      return (prepare(`EXPLAIN QUERY PLAN ${lists[0]}`).all(...params) as Array<{ detail: string }>).map((r) => r.detail);
    }
    const first = await t.api('GET', '/appointments?limit=2');
    for (const path of ['/appointments?limit=2', `/appointments?limit=2&cursor=${encodeURIComponent(first.body.next_cursor)}`]) {
      const plan = (await plans(path)).join(' | ');
      expect(plan).toContain('appointments_tenant_time_idx');
      expect(plan).not.toContain('TEMP B-TREE');
    }
    // a provider's or a patient's few appointments are read through their own index, whatever the tenant's size
    expect((await plans(`/appointments?provider_id=${c.provider.id}`)).join(' | ')).toContain('appointments_provider_time_idx');
    expect((await plans(`/appointments?patient_id=${c.patients[0]!.id}`)).join(' | ')).toContain('appointments_patient_time_idx');
  });
});
