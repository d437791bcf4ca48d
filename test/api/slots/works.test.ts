import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/app';
import { createClinic } from '../../helpers/clinic';
import { SCORE_FORMULA } from '../../../src/core/availability/score';
import { searchSlots, when } from './helpers';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(() => t.close());

// The clock is Wednesday 2026-11-25 12:00Z (09:00 in São Paulo). 2026-11-30 is a Monday, 2026-12-01 a Tuesday.
// The default clinic: São Paulo (UTC-3), Monday–Friday 08:00–12:00, 30-minute consultations.
const MONDAY = '2026-11-30';
const TUESDAY = '2026-12-01';
const MORNING = ['08:00', '08:30', '09:00', '09:30', '10:00', '10:30', '11:00', '11:30'];

type Clinic = Awaited<ReturnType<typeof createClinic>>;

function byProvider(c: Clinic, from: string, to = from, extra: Record<string, string | number | undefined> = {}) {
  return searchSlots(t, { date_from: from, date_to: to, appointment_type_id: c.type.id, provider_id: c.provider.id, limit: 200, ...extra });
}

async function book(c: Clinic, startAt: string, endAt: string, patient = 0) {
  const res = await t.api('POST', '/appointments', c.booking(startAt, endAt, { patient_id: c.patients[patient]!.id }));
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

describe('slots: what works', () => {
  it("lists free slots with the reference's fields, local times and UTC instants", async () => {
    const c = await createClinic(t);
    const res = await byProvider(c, MONDAY);
    expect(res.status).toBe(200);
    expect(res.body.next_cursor).toBeNull();
    expect(res.body.data.map((s: any) => s.start_time)).toEqual(MORNING);
    expect(res.body.data[0]).toEqual({
      provider_id: c.provider.id,
      provider_name: 'Dra. Ana Souza',
      specialty: 'Cardiologia',
      location: { id: c.location.id, name: 'Unidade Centro' },
      date: MONDAY,
      start_time: '08:00',
      end_time: '08:30',
      available: true,
      score: 1,
      start_at: '2026-11-30T11:00:00.000Z',
      end_at: '2026-11-30T11:30:00.000Z',
    });
  });

  it('finds the providers of a specialty without regard to case or accents, active ones only', async () => {
    const a = await createClinic(t, { provider: { specialties: ['Pediatria', 'Clínica Médica'], name: 'Dr. A' } });
    const b = await a.ok('POST', '/providers', { doctor_id: randomUUID(), name: 'Dr. B', specialties: ['clinica medica'] });
    await a.ok('POST', `/providers/${b.id}/templates`, { day_of_week: 1, start_time: '14:00', end_time: '15:00', location_id: a.location.id });
    const gone = await a.ok('POST', '/providers', { doctor_id: randomUUID(), name: 'Dr. C', specialties: ['Clínica médica'] });
    await a.ok('POST', `/providers/${gone.id}/templates`, { day_of_week: 1, start_time: '16:00', end_time: '17:00', location_id: a.location.id });
    expect((await t.api('DELETE', `/providers/${gone.id}`)).status).toBe(204);
    await a.ok('POST', '/providers', { doctor_id: randomUUID(), name: 'Dr. D', specialties: ['Cardiologia'] });

    for (const specialty of ['CLÍNICA MÉDICA', 'clinica medica', ' Clinica Médica ']) {
      const res = await searchSlots(t, { date_from: MONDAY, date_to: MONDAY, appointment_type_id: a.type.id, specialty, limit: 200 });
      expect(res.status).toBe(200);
      const seen = new Map(res.body.data.map((s: any) => [s.provider_id, s.specialty]));
      expect(seen).toEqual(new Map([[a.provider.id, 'Clínica Médica'], [b.id, 'clinica medica']]));
    }
  });

  it('a specialty a provider has but with no free time is an empty list, not a 422: fully booked, off that week, or a provider deactivated for now', async () => {
    const c = await createClinic(t, { templates: [[1, '08:00', '09:00']], patients: 2 });
    await book(c, '2026-11-30T11:00:00Z', '2026-11-30T11:30:00Z', 0);
    await book(c, '2026-11-30T11:30:00Z', '2026-11-30T12:00:00Z', 1);
    for (const [date_from, date_to] of [[MONDAY, MONDAY], [TUESDAY, TUESDAY]]) {
      for (const specialty of ['Cardiologia', 'CARDIOLOGÍA', ' cardiologia ']) {
        const res = await searchSlots(t, { date_from, date_to, appointment_type_id: c.type.id, specialty, limit: 200 });
        expect(res.status, JSON.stringify(res.body)).toBe(200);
        expect(res.body).toEqual({ data: [], next_cursor: null });
      }
    }
    expect((await t.api('DELETE', `/providers/${c.provider.id}`)).status).toBe(204);
    const off = await searchSlots(t, { date_from: '2026-12-07', date_to: '2026-12-07', appointment_type_id: c.type.id, specialty: 'cardiologia' });
    expect(off.status, JSON.stringify(off.body)).toBe(200);
    expect(off.body).toEqual({ data: [], next_cursor: null });
  });

  it('gives a Manaus location and a São Paulo one side by side the right UTC instants', async () => {
    const c = await createClinic(t, { templates: [[1, '08:00', '09:00']] });
    const manaus = await c.ok('POST', '/locations', { name: 'Unidade Manaus', timezone: 'America/Manaus' });
    const other = await c.ok('POST', '/providers', { doctor_id: randomUUID(), name: 'Dr. Norte', specialties: ['cardiologia'], primary_location_id: manaus.id });
    await c.ok('POST', `/providers/${other.id}/templates`, { day_of_week: 1, start_time: '08:00', end_time: '09:00', location_id: manaus.id });
    // the first provider also works in Manaus on Tuesdays
    await c.ok('POST', `/providers/${c.provider.id}/templates`, { day_of_week: 2, start_time: '08:00', end_time: '09:00', location_id: manaus.id });

    const res = await searchSlots(t, { date_from: MONDAY, date_to: TUESDAY, appointment_type_id: c.type.id, specialty: 'Cardiologia', limit: 200 });
    const rows = res.body.data.map((s: any) => [s.location.name, s.date, s.start_time, s.start_at]).sort();
    expect(rows).toEqual([
      ['Unidade Centro', MONDAY, '08:00', '2026-11-30T11:00:00.000Z'],
      ['Unidade Centro', MONDAY, '08:30', '2026-11-30T11:30:00.000Z'],
      ['Unidade Manaus', MONDAY, '08:00', '2026-11-30T12:00:00.000Z'],
      ['Unidade Manaus', MONDAY, '08:30', '2026-11-30T12:30:00.000Z'],
      ['Unidade Manaus', TUESDAY, '08:00', '2026-12-01T12:00:00.000Z'],
      ['Unidade Manaus', TUESDAY, '08:30', '2026-12-01T12:30:00.000Z'],
    ]);
    // each slot books at the instant it names (none overlaps another in UTC, so one patient takes them all)
    for (const s of res.body.data) {
      const booked = await t.api('POST', '/appointments', {
        provider_profile_id: s.provider_id,
        patient_id: c.patients[0]!.id,
        appointment_type_id: c.type.id,
        location_id: s.location.id,
        start_time: s.start_at,
        end_time: s.end_at,
      });
      expect(booked.status, JSON.stringify(booked.body)).toBe(201);
    }
  });

  it('covers a week that crosses a month end', async () => {
    const c = await createClinic(t);
    const res = await byProvider(c, '2026-11-28', '2026-12-04');
    expect(res.status).toBe(200);
    const dates = [...new Set(res.body.data.map((s: any) => s.date))].sort();
    expect(dates).toEqual(['2026-11-30', '2026-12-01', '2026-12-02', '2026-12-03', '2026-12-04']);
    expect(res.body.data).toHaveLength(40);
    const first = res.body.data.find((s: any) => s.date === TUESDAY && s.start_time === '08:00');
    expect(first.start_at).toBe('2026-12-01T11:00:00.000Z');
    // earlier days first
    expect(res.body.data[0].date).toBe(MONDAY);
    expect(res.body.data.at(-1).date).toBe('2026-12-04');
  });

  it("lets a modified override replace one day's hours", async () => {
    const c = await createClinic(t);
    await c.ok('POST', `/providers/${c.provider.id}/overrides`, { date: TUESDAY, type: 'modified', start_time: '14:00', end_time: '15:00' });
    const res = await byProvider(c, MONDAY, '2026-12-02');
    expect(when(res.body.data.filter((s: any) => s.date === TUESDAY))).toEqual([`${TUESDAY} 14:00`, `${TUESDAY} 14:30`]);
    expect(res.body.data.filter((s: any) => s.date === MONDAY)).toHaveLength(8);
    expect(res.body.data.filter((s: any) => s.date === '2026-12-02')).toHaveLength(8);
  });

  it('removes blocked hours and blocked days, and opens added hours', async () => {
    const c = await createClinic(t);
    await c.ok('POST', `/providers/${c.provider.id}/overrides`, { date: MONDAY, type: 'blocked', start_time: '09:00', end_time: '10:15' });
    await c.ok('POST', `/providers/${c.provider.id}/overrides`, { date: TUESDAY, type: 'blocked', reason: 'Congresso' });
    await c.ok('POST', `/providers/${c.provider.id}/overrides`, { date: '2026-12-05', type: 'added', start_time: '09:00', end_time: '10:00' });
    const res = await byProvider(c, MONDAY, '2026-12-05');
    const mine = (date: string) => res.body.data.filter((s: any) => s.date === date).map((s: any) => s.start_time).sort();
    // 10:00 would run into the block until 10:15; the grid stays on the half hour
    expect(mine(MONDAY)).toEqual(['08:00', '08:30', '10:30', '11:00', '11:30']);
    expect(mine(TUESDAY)).toEqual([]);
    expect(mine('2026-12-05')).toEqual(['09:00', '09:30']);
  });

  it('keeps two at a time for max_concurrent 2', async () => {
    const c = await createClinic(t, { provider: { max_concurrent_appointments: 2 }, patients: 3 });
    await book(c, '2026-11-30T12:00:00Z', '2026-11-30T12:30:00Z', 0);
    expect((await byProvider(c, MONDAY)).body.data.map((s: any) => s.start_time)).toEqual(MORNING);
    await book(c, '2026-11-30T12:00:00Z', '2026-11-30T12:30:00Z', 1);
    expect((await byProvider(c, MONDAY)).body.data.map((s: any) => s.start_time)).toEqual(MORNING.filter((m) => m !== '09:00'));
  });

  it('keeps the buffer free on both sides of a booking', async () => {
    const d = await createClinic(t, { provider: { buffer_between_appointments_minutes: 15 }, templates: [[2, '08:00', '12:00']] });
    await book(d, '2026-12-01T12:00:00Z', '2026-12-01T12:30:00Z');
    const res = await byProvider(d, TUESDAY);
    expect(res.body.data.map((s: any) => s.start_time).sort()).toEqual(['08:00', '10:00', '10:30', '11:00', '11:30']);
  });

  it('closes a day at max_daily_appointments, and a cancellation opens it again', async () => {
    const c = await createClinic(t, { provider: { max_daily_appointments: 2 } });
    const first = await book(c, '2026-12-01T11:00:00Z', '2026-12-01T11:30:00Z', 0);
    await book(c, '2026-12-01T14:00:00Z', '2026-12-01T14:30:00Z', 1);
    const full = await byProvider(c, MONDAY, TUESDAY);
    expect(full.body.data.filter((s: any) => s.date === TUESDAY)).toEqual([]);
    expect(full.body.data.filter((s: any) => s.date === MONDAY)).toHaveLength(8);
    expect((await t.api('DELETE', `/appointments/${first.id}`)).status).toBe(204);
    const open = await byProvider(c, TUESDAY);
    expect(open.body.data.map((s: any) => s.start_time).sort()).toEqual(['08:00', '08:30', '09:00', '09:30', '10:00', '10:30', '11:30']);
  });

  it('starts no earlier than now plus the minimum notice (60 minutes)', async () => {
    const c = await createClinic(t);
    const res = await byProvider(c, '2026-11-24', '2026-11-25');
    expect(when(res.body.data)).toEqual(['2026-11-25 10:00', '2026-11-25 10:30', '2026-11-25 11:00', '2026-11-25 11:30']);
  });

  it("respects the template's types, slot interval and the duration asked", async () => {
    const c = await createClinic(t, { templates: [] });
    const other = await c.ok('POST', '/appointment-types', { name: 'Retorno', duration_minutes: 20 });
    await c.ok('POST', `/providers/${c.provider.id}/templates`, {
      day_of_week: 1, start_time: '08:00', end_time: '09:00', location_id: c.location.id, appointment_type_ids: [other.id],
    });
    await c.ok('POST', `/providers/${c.provider.id}/templates`, {
      day_of_week: 2, start_time: '08:00', end_time: '09:00', location_id: c.location.id, slot_interval_minutes: 15,
    });
    const consult = await byProvider(c, MONDAY, TUESDAY);
    expect(when(consult.body.data)).toEqual([`${TUESDAY} 08:00`, `${TUESDAY} 08:15`, `${TUESDAY} 08:30`]);
    const retorno = await byProvider(c, MONDAY, MONDAY, { appointment_type_id: other.id });
    expect(retorno.body.data.map((s: any) => `${s.start_time}-${s.end_time}`)).toEqual(['08:00-08:20', '08:20-08:40', '08:40-09:00']);
    const hour = await byProvider(c, TUESDAY, TUESDAY, { duration_minutes: 60 });
    expect(hour.body.data.map((s: any) => `${s.start_time}-${s.end_time}`)).toEqual(['08:00-09:00']);
  });

  it('ranks by the asked period or time, then by time', async () => {
    const c = await createClinic(t, { templates: [[1, '07:00', '21:00']] });
    const top = async (extra: Record<string, string>) => {
      const res = await byProvider(c, MONDAY, MONDAY, extra);
      expect(res.status).toBe(200);
      const scores = res.body.data.map((s: any) => s.score);
      expect(scores).toEqual([...scores].sort((a, b) => b - a));
      return res.body.data.slice(0, 3).map((s: any) => s.start_time);
    };
    expect(await top({})).toEqual(['07:00', '07:30', '08:00']);
    expect(await top({ period: 'tarde' })).toEqual(['12:00', '12:30', '13:00']);
    expect(await top({ period: 'noite' })).toEqual(['18:00', '18:30', '19:00']);
    expect(await top({ period: 'manhã' })).toEqual(['07:00', '07:30', '08:00']);
    expect(await top({ time: '16:00' })).toEqual(['16:00', '15:30', '16:30']);
  });

  it("ranks the provider's primary location higher", async () => {
    const c = await createClinic(t, { templates: [[1, '08:00', '10:00']] });
    const manaus = await c.ok('POST', '/locations', { name: 'Unidade Manaus', timezone: 'America/Manaus' });
    await c.ok('POST', `/providers/${c.provider.id}/templates`, { day_of_week: 1, start_time: '14:00', end_time: '15:00', location_id: manaus.id });
    const res = await byProvider(c, MONDAY);
    const scoreAt = (name: string) => res.body.data.filter((s: any) => s.location.name === name).map((s: any) => s.score);
    expect(Math.min(...scoreAt('Unidade Centro'))).toBeGreaterThan(Math.max(...scoreAt('Unidade Manaus')));
    expect(res.body.data.slice(0, 4).every((s: any) => s.location.name === 'Unidade Centro')).toBe(true);
  });

  it("scores a slot the same with or without location_id: spare capacity counts the provider's positions at every location", async () => {
    // Monday: Centro 08:00–10:00 (4 positions), Savassi 14:00–16:00 (4 positions, 2 of them booked)
    const c = await createClinic(t, { templates: [[1, '08:00', '10:00']], patients: 2 });
    const savassi = await c.ok('POST', '/locations', { name: 'Unidade Savassi', timezone: 'America/Sao_Paulo' });
    await c.ok('POST', `/providers/${c.provider.id}/templates`, { day_of_week: 1, start_time: '14:00', end_time: '16:00', location_id: savassi.id });
    for (const [i, start, end] of [[0, '14:00', '14:30'], [1, '14:30', '15:00']] as const) {
      const body = c.booking(`${MONDAY}T${start}:00-03:00`, `${MONDAY}T${end}:00-03:00`, { patient_id: c.patients[i]!.id, location_id: savassi.id });
      expect((await t.api('POST', '/appointments', body)).status).toBe(201);
    }
    const all = await byProvider(c, MONDAY);
    const centro = await byProvider(c, MONDAY, MONDAY, { location_id: c.location.id });
    const atSavassi = await byProvider(c, MONDAY, MONDAY, { location_id: savassi.id });
    const scores = (slots: any[], locationId: string) => slots.filter((s) => s.location.id === locationId).map((s) => `${s.start_time} ${s.score}`);
    // C = 6 free of 8 positions: 0.35 + 0.15 (primary) + 0.2 × 0.75 + 0.3 at Centro; Savassi is not primary
    expect(scores(all.body.data, c.location.id)).toEqual(['08:00 0.95', '08:30 0.95', '09:00 0.95', '09:30 0.95']);
    expect(scores(centro.body.data, c.location.id)).toEqual(scores(all.body.data, c.location.id));
    expect(scores(atSavassi.body.data, savassi.id)).toEqual(['15:00 0.8', '15:30 0.8']);
    expect(scores(atSavassi.body.data, savassi.id)).toEqual(scores(all.body.data, savassi.id));
  });

  it('ranks a provider with half the day booked below one with a free day', async () => {
    const busy = await createClinic(t, { templates: [[2, '08:00', '10:00']], patients: 2 });
    const free = await busy.ok('POST', '/providers', { doctor_id: randomUUID(), specialties: ['Cardiologia'], primary_location_id: busy.location.id });
    await busy.ok('POST', `/providers/${free.id}/templates`, { day_of_week: 2, start_time: '08:00', end_time: '10:00', location_id: busy.location.id });
    await book(busy, '2026-12-01T11:00:00Z', '2026-12-01T11:30:00Z', 0);
    await book(busy, '2026-12-01T11:30:00Z', '2026-12-01T12:00:00Z', 1);
    const both = await searchSlots(t, { date_from: TUESDAY, date_to: TUESDAY, appointment_type_id: busy.type.id, provider_id: undefined, specialty: 'cardiologia', location_id: busy.location.id });
    const mine = (id: string) => both.body.data.filter((s: any) => s.provider_id === id);
    expect(mine(free.id).map((s: any) => s.score)).toEqual([1, 1, 1, 1]);
    expect(mine(busy.provider.id).map((s: any) => s.score)).toEqual([0.9, 0.9]);
    expect(both.body.data.slice(0, 4).map((s: any) => s.provider_id)).toEqual([free.id, free.id, free.id, free.id]);
  });

  it('pages through the same order with a cursor, without gaps or repeats', async () => {
    const c = await createClinic(t, { templates: [[1, '08:00', '12:00'], [2, '08:00', '12:00'], [3, '14:00', '16:00']] });
    const all = await byProvider(c, MONDAY, '2026-12-06', { period: 'manha' });
    expect(all.body.data).toHaveLength(20);
    const seen: any[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const res = await byProvider(c, MONDAY, '2026-12-06', { period: 'manha', limit: 7, cursor });
      expect(res.status).toBe(200);
      seen.push(...res.body.data);
      cursor = res.body.next_cursor ?? undefined;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toEqual(all.body.data);
  });

  it('continues from a cursor with another limit: each page has the new size, the pages the same order', async () => {
    const c = await createClinic(t, { templates: [[1, '08:00', '12:00'], [2, '08:00', '12:00'], [3, '14:00', '16:00']] });
    const all = await byProvider(c, MONDAY, '2026-12-06', { period: 'manha' });
    expect(all.body.data).toHaveLength(20);
    const seen: any[] = [];
    let cursor: string | undefined;
    for (const [limit, size] of [[3, 3], [8, 8], [1, 1], [200, 8]] as const) {
      const res = await byProvider(c, MONDAY, '2026-12-06', { period: 'manha', limit, cursor });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body.data, `limit ${limit}`).toHaveLength(size);
      seen.push(...res.body.data);
      cursor = res.body.next_cursor ?? undefined;
    }
    expect(cursor).toBeUndefined();
    expect(seen).toEqual(all.body.data);
  });

  it('pages without repeats or gaps while the clock moves a slot position past the notice between pages', async () => {
    // Wednesday (today, 09:00 in São Paulo; notice 60 minutes) and Thursday 08:00–18:00; one slot taken today
    // so that today's share of free positions changes when one position passes the cut
    const c = await createClinic(t, { templates: [[3, '08:00', '18:00'], [4, '08:00', '18:00']] });
    await book(c, '2026-11-25T17:00:00-03:00', '2026-11-25T17:30:00-03:00');
    const query = { date_from: '2026-11-25', date_to: '2026-11-26' };
    const first = await byProvider(c, query.date_from, query.date_to, { limit: 4 });
    expect(first.status).toBe(200);
    expect(when(first.body.data)).toEqual(['2026-11-25 10:00', '2026-11-25 10:30', '2026-11-25 11:00', '2026-11-25 11:30']);

    // 10:00 passes the cut: today has 15 positions left, 14 of them free (was 16 and 15)
    t.clock.advance(31 * 60_000);
    const seen = [...first.body.data];
    let cursor: string | undefined = first.body.next_cursor;
    while (cursor) {
      const res = await byProvider(c, query.date_from, query.date_to, { limit: 4, cursor });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      seen.push(...res.body.data);
      cursor = res.body.next_cursor ?? undefined;
    }
    const starts = seen.map((s) => s.start_at);
    expect(new Set(starts).size, `repeated: ${when(seen)}`).toBe(starts.length);
    // every slot a fresh search offers now was offered by one of the pages
    const now = await byProvider(c, query.date_from, query.date_to);
    expect(now.body.data.map((s: any) => s.start_at).filter((s: string) => !starts.includes(s))).toEqual([]);
    expect(when(seen.slice(4, 6))).toEqual(['2026-11-25 12:00', '2026-11-25 12:30']);
  });

  it('searches 30 days a week at a time: finds slots late in the range and counts the bookings there', async () => {
    const c = await createClinic(t, { templates: [], provider: { max_daily_appointments: 1 } });
    await c.ok('POST', `/providers/${c.provider.id}/templates`, {
      day_of_week: 1, start_time: '08:00', end_time: '09:00', location_id: c.location.id, effective_from: '2026-12-14',
    });
    const range = { date_from: '2026-11-25', date_to: '2026-12-25' };
    const before = await byProvider(c, range.date_from, range.date_to, { limit: 1 });
    expect(when(before.body.data)).toEqual(['2026-12-14 08:00']);
    await book(c, '2026-12-14T11:30:00Z', '2026-12-14T12:00:00Z');
    const after = await byProvider(c, range.date_from, range.date_to);
    expect(when(after.body.data)).toEqual(['2026-12-21 08:00', '2026-12-21 08:30']);
  });

  it('has no slots for an inactive type, provider or location', async () => {
    const c = await createClinic(t);
    expect((await byProvider(c, MONDAY)).body.data).toHaveLength(8);
    expect((await t.api('DELETE', `/locations/${c.location.id}`)).status).toBe(204);
    expect((await byProvider(c, MONDAY)).body).toEqual({ data: [], next_cursor: null });
    expect((await byProvider(c, MONDAY, MONDAY, { location_id: c.location.id })).body.data).toEqual([]);

    const d = await createClinic(t, { patients: 0 });
    expect((await t.api('DELETE', `/appointment-types/${d.type.id}`)).status).toBe(204);
    expect((await byProvider(d, MONDAY)).body.data).toEqual([]);

    const e = await createClinic(t, { patients: 0 });
    expect((await t.api('DELETE', `/providers/${e.provider.id}`)).status).toBe(204);
    expect((await byProvider(e, MONDAY)).body.data).toEqual([]);
  });

  it('documents the score formula and the additions in the OpenAPI description', async () => {
    const res = await t.app.request('/openapi.json');
    const doc = (await res.json()) as any;
    const op = doc.paths['/v1/scheduling/slots'].get;
    for (const line of SCORE_FORMULA) expect(op.description).toContain(line);
    expect(op.description).toContain('422 naming the field');
    const params = op.parameters.map((p: any) => p.name).sort();
    expect(params).toEqual(
      ['appointment_type_id', 'cursor', 'date_from', 'date_to', 'duration_minutes', 'limit', 'location_id', 'period', 'provider_id', 'specialty', 'time'].sort(),
    );
    expect(doc.components.schemas.AvailableSlot.properties.start_at.description).toMatch(/Addition/);
  });
});
