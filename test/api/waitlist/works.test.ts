import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/app';
import { entryStatus, events, messages, offers, waitlistClinic } from './setup';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(() => t.close());

// 2026-12-01 is a Tuesday. São Paulo is UTC-3, Manaus UTC-4.
const SP_9 = ['2026-12-01T09:00:00-03:00', '2026-12-01T09:30:00-03:00'] as const;

describe('waitlist: create, read, list, remove', () => {
  it('adds an entry with defaults, normalising periods, and writes waitlist.added', async () => {
    const c = await waitlistClinic(t);
    const res = await t.api('POST', '/waitlist', c.entryBody(1, { periods: ['manhã', 'Tarde', 'manha'], date_from: '2026-12-01', notes: 'Prefere manhã' }));
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      id: expect.any(String),
      patient_id: c.patients[1]!.id,
      appointment_type_id: c.type.id,
      provider_id: c.provider.id,
      specialty: null,
      location_id: null,
      date_from: '2026-12-01',
      date_to: null,
      periods: ['manha', 'tarde'],
      priority: 0,
      status: 'waiting',
      notes: 'Prefere manhã',
      created_at: '2026-11-25T12:00:00.000Z',
      updated_at: '2026-11-25T12:00:00.000Z',
      position: 1,
      offers: [],
    });
    const added = await events(t, 'waitlist.added');
    expect(added).toHaveLength(1);
    expect(added[0]!.aggregate_id).toBe(res.body.id);
    const { position: _p, offers: _o, ...entry } = res.body;
    expect(added[0]!.payload).toEqual({ entry });

    const got = await t.api('GET', `/waitlist/${res.body.id}`);
    expect(got.status).toBe(200);
    expect(got.body).toEqual(res.body);
  });

  it('accepts a specialty instead of a provider, and a location', async () => {
    const c = await waitlistClinic(t);
    const res = await t.api('POST', '/waitlist', c.entryBody(1, { provider_id: undefined, specialty: '  Cardiologia ', location_id: c.location.id, priority: -3 }));
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ provider_id: null, specialty: 'Cardiologia', location_id: c.location.id, priority: -3 });
  });

  it('replays a create with the same Idempotency-Key', async () => {
    const c = await waitlistClinic(t);
    const headers = { 'idempotency-key': 'wl-1' };
    const r1 = await t.api('POST', '/waitlist', c.entryBody(1), { headers });
    const r2 = await t.api('POST', '/waitlist', c.entryBody(1), { headers });
    expect(r1.status).toBe(201);
    expect(r2.status).toBe(201);
    expect(r2.headers.get('idempotent-replayed')).toBe('true');
    expect(r2.body).toEqual(r1.body);
    expect((await t.api('GET', '/waitlist')).body.data).toHaveLength(1);
    expect(await events(t, 'waitlist.added')).toHaveLength(1);
  });

  it('lists active entries oldest first, filters, and pages with a cursor', async () => {
    const c = await waitlistClinic(t);
    const a = await c.addEntry(0);
    t.clock.advance(1000);
    const b = await c.addEntry(1, { provider_id: null, specialty: 'Cardiológia' });
    t.clock.advance(1000);
    const d = await c.addEntry(2);
    await t.api('DELETE', `/waitlist/${d.id}`);

    const all = await t.api('GET', '/waitlist');
    expect(all.body.data.map((e: { id: string }) => e.id)).toEqual([a.id, b.id]);
    expect(all.body.next_cursor).toBeNull();

    const removed = await t.api('GET', '/waitlist?status=removed');
    expect(removed.body.data.map((e: { id: string }) => e.id)).toEqual([d.id]);
    const several = await t.api('GET', '/waitlist?status=waiting&status=removed');
    expect(several.body.data).toHaveLength(3);
    expect((await t.api('GET', '/waitlist?status=waiting,removed')).body.data).toHaveLength(3);

    expect((await t.api('GET', `/waitlist?patient_id=${c.patients[1]!.id}`)).body.data.map((e: { id: string }) => e.id)).toEqual([b.id]);
    expect((await t.api('GET', `/waitlist?provider_id=${c.provider.id}`)).body.data.map((e: { id: string }) => e.id)).toEqual([a.id]);
    expect((await t.api('GET', '/waitlist?specialty=CARDIOLOGIA')).body.data.map((e: { id: string }) => e.id)).toEqual([b.id]);

    const first = await t.api('GET', '/waitlist?limit=1');
    expect(first.body.data.map((e: { id: string }) => e.id)).toEqual([a.id]);
    expect(first.body.next_cursor).toEqual(expect.any(String));
    const second = await t.api('GET', `/waitlist?limit=1&cursor=${encodeURIComponent(first.body.next_cursor)}`);
    expect(second.body.data.map((e: { id: string }) => e.id)).toEqual([b.id]);
    expect(second.body.next_cursor).toBeNull();
  });

  it('removes an entry: 204, status removed, event waitlist.removed; a second removal is a 204 that changes nothing', async () => {
    const c = await waitlistClinic(t);
    const a = await c.addEntry(0);
    t.clock.advance(60_000);
    const res = await t.api('DELETE', `/waitlist/${a.id}`);
    expect(res.status).toBe(204);
    const got = (await t.api('GET', `/waitlist/${a.id}`)).body;
    expect(got).toMatchObject({ status: 'removed', position: null, updated_at: '2026-11-25T12:01:00.000Z' });
    const removed = await events(t, 'waitlist.removed');
    expect(removed).toHaveLength(1);
    expect(removed[0]!.aggregate_id).toBe(a.id);
    expect(removed[0]!.payload.entry).toMatchObject({ id: a.id, status: 'removed', patient_id: c.patients[0]!.id });

    expect((await t.api('DELETE', `/waitlist/${a.id}`)).status).toBe(204);
    expect(await events(t, 'waitlist.removed')).toHaveLength(1);
    expect((await t.api('GET', '/waitlist')).body.data).toEqual([]);
  });
});

describe('waitlist: positions', () => {
  it('ranks by priority, then arrival, per provider; removal moves the rest up', async () => {
    const c = await waitlistClinic(t);
    const first = await c.addEntry(0);
    t.clock.advance(1000);
    const second = await c.addEntry(1);
    t.clock.advance(1000);
    const urgent = await c.addEntry(2, { priority: 10 });
    t.clock.advance(1000);
    // the same specialty but without a provider: another queue
    const bySpecialty = await c.addEntry(3, { provider_id: null, specialty: 'Cardiologia' });

    const pos = async (id: string) => (await t.api('GET', `/waitlist/position/${id}`)).body;
    expect(await pos(urgent.id)).toEqual({ id: urgent.id, position: 1, ahead: 0, total: 3 });
    expect(await pos(first.id)).toEqual({ id: first.id, position: 2, ahead: 1, total: 3 });
    expect(await pos(second.id)).toEqual({ id: second.id, position: 3, ahead: 2, total: 3 });
    expect(await pos(bySpecialty.id)).toEqual({ id: bySpecialty.id, position: 1, ahead: 0, total: 1 });
    expect((await t.api('GET', `/waitlist/${second.id}`)).body.position).toBe(3);
    const listed = (await t.api('GET', '/waitlist')).body.data.map((e: { id: string; position: number }) => [e.id, e.position]);
    expect(listed).toEqual([
      [first.id, 2],
      [second.id, 3],
      [urgent.id, 1],
      [bySpecialty.id, 1],
    ]);

    await t.api('DELETE', `/waitlist/${urgent.id}`);
    expect(await pos(first.id)).toEqual({ id: first.id, position: 1, ahead: 0, total: 2 });
    expect(await pos(second.id)).toEqual({ id: second.id, position: 2, ahead: 1, total: 2 });
  });

  it('ranks specialty entries together whatever their case and accents', async () => {
    const c = await waitlistClinic(t);
    // a dermatologist, so that a Dermatologia entry is one the clinic could serve
    await c.ok('POST', '/providers', { doctor_id: randomUUID(), name: 'Dr. Rui Alves', specialties: ['Dermatologia'] });
    const a = await c.addEntry(0, { provider_id: null, specialty: 'Cardiologia' });
    t.clock.advance(1000);
    const b = await c.addEntry(1, { provider_id: null, specialty: 'CARDIOLÓGIA' });
    t.clock.advance(1000);
    const other = await c.addEntry(2, { provider_id: null, specialty: 'Dermatologia' });
    t.clock.advance(1000);
    const d = await c.addEntry(3, { provider_id: null, specialty: 'cardiologia', priority: 1 });
    const pos = async (id: string) => (await t.api('GET', `/waitlist/position/${id}`)).body;
    expect(await pos(d.id)).toMatchObject({ position: 1, total: 3 });
    expect(await pos(a.id)).toMatchObject({ position: 2, ahead: 1, total: 3 });
    expect(await pos(b.id)).toMatchObject({ position: 3, ahead: 2, total: 3 });
    expect(await pos(other.id)).toMatchObject({ position: 1, total: 1 });
  });

  it('an offered entry keeps its place in the queue', async () => {
    const c = await waitlistClinic(t);
    const appointment = await c.book(...SP_9);
    const a = await c.addEntry(1);
    t.clock.advance(1000);
    const b = await c.addEntry(2);
    await t.api('DELETE', `/appointments/${appointment.id}`);
    expect(await entryStatus(t, a.id)).toBe('offered');
    expect((await t.api('GET', `/waitlist/position/${a.id}`)).body).toEqual({ id: a.id, position: 1, ahead: 0, total: 2 });
    expect((await t.api('GET', `/waitlist/position/${b.id}`)).body).toEqual({ id: b.id, position: 2, ahead: 1, total: 2 });
  });
});

describe('waitlist: a freed time is offered', () => {
  it('cancel offers the time to the best matching entry, with event and a pt-BR message in the location’s time (Manaus)', async () => {
    const c = await waitlistClinic(t, { timezone: 'America/Manaus' });
    const joao = (await t.api('POST', '/patients', { name: 'João Araújo', phone: '+5592991234567', preferred_channel: 'whatsapp' })).body;
    // 09:00 in Manaus is 13:00Z
    const appointment = await c.book('2026-12-01T09:00:00-04:00', '2026-12-01T09:30:00-04:00');
    const low = await c.addEntry(1, { periods: ['manha'] });
    t.clock.advance(1000);
    const best = await c.addEntry(0, { patient_id: joao.id, priority: 5, periods: ['manhã'], date_from: '2026-12-01', date_to: '2026-12-01', location_id: c.location.id });
    t.clock.advance(1000);
    const before = (await events(t)).length;

    const res = await t.api('POST', `/appointments/${appointment.id}/cancel`, { reason: 'Paciente viajou' });
    expect(res.status).toBe(200);

    expect(await entryStatus(t, best.id)).toBe('offered');
    expect(await entryStatus(t, low.id)).toBe('waiting');
    const offer = {
      start_time: '2026-12-01T13:00:00.000Z',
      end_time: '2026-12-01T13:30:00.000Z',
      provider_id: c.provider.id,
      location_id: c.location.id,
      offered_at: '2026-11-25T12:00:02.000Z',
    };
    const got = (await t.api('GET', `/waitlist/${best.id}`)).body;
    expect(got).toMatchObject({ status: 'offered', position: 1, offers: [offer] });
    expect(await offers(t)).toEqual([
      expect.objectContaining({ entry_id: best.id, source_appointment_id: appointment.id, tenant_id: t.tenant.tenantId, ...offer }),
    ]);

    const written = (await events(t)).slice(before);
    expect(written.map((e) => e.event_type)).toEqual(['appointment.cancelled', 'waitlist.slot_available']);
    expect(written[1]).toMatchObject({
      aggregate_id: best.id,
      tenant_id: t.tenant.tenantId,
      payload: {
        entry_id: best.id,
        patient_id: joao.id,
        provider_id: c.provider.id,
        location_id: c.location.id,
        appointment_type_id: c.type.id,
        start_time: offer.start_time,
        end_time: offer.end_time,
      },
    });

    const [message] = await messages(t);
    expect(await messages(t)).toHaveLength(1);
    const text =
      'Olá, João! Abriu um horário na terça-feira, 01/12, às 09:00, com Dra. Ana Souza (Unidade Centro). Quer agendar? Responda SIM para reservar ou NÃO para continuar na lista de espera.';
    expect(message).toMatchObject({
      tenant_id: t.tenant.tenantId,
      patient_id: joao.id,
      channel: 'whatsapp',
      kind: 'waitlist_offer',
      sent_at: null,
      body: text,
    });
    expect(JSON.parse(String(message!.payload))).toMatchObject({ entry_id: best.id, start_time: offer.start_time });
    // the event carries the same message, for the clinic's system to relay on the patient's channel
    expect(written[1]!.payload.message).toEqual({ id: message!.id, channel: 'whatsapp', text });
  });

  it('each offer listed on the entry carries its id, the offer_id of its waitlist.slot_available event', async () => {
    const c = await waitlistClinic(t);
    const appointment = await c.book(...SP_9);
    const e = await c.addEntry(1);
    await t.api('DELETE', `/appointments/${appointment.id}`);
    const [event] = await events(t, 'waitlist.slot_available');
    expect(event!.payload.offer_id).toEqual(expect.any(String));
    const got = (await t.api('GET', `/waitlist/${e.id}`)).body;
    expect(got.offers).toEqual([expect.objectContaining({ id: event!.payload.offer_id, start_time: '2026-12-01T12:00:00.000Z' })]);
    const listed = (await t.api('GET', '/waitlist')).body.data[0];
    expect(listed.offers[0].id).toBe(event!.payload.offer_id);
  });

  it('DELETE /appointments offers too; only one entry per freed time', async () => {
    const c = await waitlistClinic(t);
    const appointment = await c.book(...SP_9);
    const a = await c.addEntry(1);
    t.clock.advance(1000);
    const b = await c.addEntry(2);
    expect((await t.api('DELETE', `/appointments/${appointment.id}`)).status).toBe(204);
    expect(await entryStatus(t, a.id)).toBe('offered');
    expect(await entryStatus(t, b.id)).toBe('waiting');
    expect(await offers(t)).toHaveLength(1);
    expect(await events(t, 'waitlist.slot_available')).toHaveLength(1);
    expect((await messages(t))[0]).toMatchObject({ channel: null, body: expect.stringContaining('Olá, Paciente! Abriu um horário na terça-feira, 01/12, às 09:00, com Dra. Ana Souza') });
  });

  it('offers to a specialty entry when the provider has that specialty (case and accents ignored)', async () => {
    const c = await waitlistClinic(t);
    const appointment = await c.book(...SP_9);
    await c.ok('POST', '/providers', { doctor_id: randomUUID(), name: 'Dr. Rui Alves', specialties: ['Dermatologia'] });
    const other = await c.addEntry(1, { provider_id: null, specialty: 'Dermatologia' });
    const match = await c.addEntry(2, { provider_id: null, specialty: 'CARDIOLÓGIA' });
    await t.api('POST', `/appointments/${appointment.id}/cancel`, {});
    expect(await entryStatus(t, match.id)).toBe('offered');
    expect(await entryStatus(t, other.id)).toBe('waiting');
  });

  it('entries that do not match are not offered: type, period, dates, location, provider, same patient', async () => {
    const c = await waitlistClinic(t, { patients: 4 });
    const otherType = (await t.api('POST', '/appointment-types', { name: 'Retorno', duration_minutes: 20 })).body;
    const otherLocation = (await t.api('POST', '/locations', { name: 'Unidade Savassi' })).body;
    const otherProvider = (await t.api('POST', '/providers', { doctor_id: crypto.randomUUID(), specialties: ['Cardiologia'] })).body;
    const appointment = await c.book(...SP_9);
    const entries = [
      await c.addEntry(1, { appointment_type_id: otherType.id }),
      await c.addEntry(1, { periods: ['tarde', 'noite'] }),
      await c.addEntry(2, { date_from: '2026-12-02' }),
      await c.addEntry(2, { date_to: '2026-11-30' }),
      await c.addEntry(3, { location_id: otherLocation.id }),
      await c.addEntry(3, { provider_id: otherProvider.id }),
      await c.addEntry(0),
    ];
    await t.api('POST', `/appointments/${appointment.id}/cancel`, {});
    for (const e of entries) expect(await entryStatus(t, e.id)).toBe('waiting');
    expect(await offers(t)).toEqual([]);
    expect(await messages(t)).toEqual([]);
    expect(await events(t, 'waitlist.slot_available')).toEqual([]);
  });

  it('open date ends and matching periods do match', async () => {
    const c = await waitlistClinic(t);
    const appointment = await c.book(...SP_9);
    const e = await c.addEntry(1, { date_from: '2026-12-01', periods: ['manha'], location_id: c.location.id });
    await t.api('POST', `/appointments/${appointment.id}/cancel`, {});
    expect(await entryStatus(t, e.id)).toBe('offered');
  });

  it('an offered entry is not offered a second time', async () => {
    const c = await waitlistClinic(t);
    const a1 = await c.book(...SP_9);
    const a2 = await c.book('2026-12-01T10:00:00-03:00', '2026-12-01T10:30:00-03:00');
    const e = await c.addEntry(1);
    await t.api('DELETE', `/appointments/${a1.id}`);
    await t.api('DELETE', `/appointments/${a2.id}`);
    expect(await entryStatus(t, e.id)).toBe('offered');
    expect(await offers(t)).toHaveLength(1);
  });

  it('rescheduling away frees the old time; rescheduling onto part of it does not', async () => {
    const c = await waitlistClinic(t);
    const e = await c.addEntry(1);
    const old = await c.book(...SP_9);
    const moved = await t.api('POST', `/appointments/${old.id}/reschedule`, { new_start_time: '2026-12-01T09:15:00-03:00' });
    expect(moved.status).toBe(201);
    expect(await entryStatus(t, e.id)).toBe('waiting');
    expect(await offers(t)).toEqual([]);

    const away = await t.api('POST', `/appointments/${moved.body.id}/reschedule`, { new_start_time: '2026-12-03T10:00:00-03:00' });
    expect(away.status).toBe(201);
    expect(await entryStatus(t, e.id)).toBe('offered');
    expect(await offers(t)).toEqual([
      expect.objectContaining({
        entry_id: e.id,
        source_appointment_id: moved.body.id,
        start_time: '2026-12-01T12:15:00.000Z',
        end_time: '2026-12-01T12:45:00.000Z',
      }),
    ]);
    expect((await events(t)).map((x) => x.event_type).slice(-2)).toEqual(['waitlist.slot_available', 'appointment.rescheduled']);
  });

  it('removing an entry that holds an offer gives the time back and offers it to the next in line, in the same step', async () => {
    const c = await waitlistClinic(t);
    const appointment = await c.book(...SP_9);
    const a = await c.addEntry(1);
    t.clock.advance(1000);
    const b = await c.addEntry(2);
    expect((await t.api('DELETE', `/appointments/${appointment.id}`)).status).toBe(204);
    expect(await entryStatus(t, a.id)).toBe('offered');
    t.clock.advance(60_000);

    // the patient leaves the waitlist instead of answering the offer
    expect((await t.api('DELETE', `/waitlist/${a.id}`)).status).toBe(204);

    expect(await entryStatus(t, a.id)).toBe('removed');
    const left = (await t.api('GET', `/waitlist/${a.id}`)).body;
    expect(left.offers).toEqual([expect.objectContaining({ start_time: '2026-12-01T12:00:00.000Z', released_at: '2026-11-25T12:01:01.000Z' })]);
    expect(await entryStatus(t, b.id)).toBe('offered');
    const next = (await t.api('GET', `/waitlist/${b.id}`)).body;
    expect(next).toMatchObject({ status: 'offered', position: 1, offers: [{ start_time: '2026-12-01T12:00:00.000Z', released_at: null }] });
    expect((await events(t)).map((e) => e.event_type).slice(-2)).toEqual(['waitlist.removed', 'waitlist.slot_available']);
    expect((await events(t, 'waitlist.slot_available')).map((e) => e.payload.entry_id)).toEqual([a.id, b.id]);
    expect(await messages(t)).toHaveLength(2);

    // removing a waiting entry offers nothing
    const d = await c.addEntry(3);
    expect((await t.api('DELETE', `/waitlist/${d.id}`)).status).toBe(204);
    expect(await events(t, 'waitlist.slot_available')).toHaveLength(2);
  });

  it('a time the provider can no longer take is not offered: a reschedule into its buffer', async () => {
    const c = await waitlistClinic(t, { provider: { buffer_between_appointments_minutes: 10 } });
    const e = await c.addEntry(1);
    const old = await c.book(...SP_9);
    // 09:35 does not overlap 09:00–09:30, but lies within its 10-minute buffer: the old time stays full
    const moved = await t.api('POST', `/appointments/${old.id}/reschedule`, { new_start_time: '2026-12-01T09:35:00-03:00' });
    expect(moved.status).toBe(201);
    expect(await entryStatus(t, e.id)).toBe('waiting');
    expect(await offers(t)).toEqual([]);
    expect(await messages(t)).toEqual([]);
    expect((await t.api('POST', '/appointments', c.booking(...SP_9, { patient_id: c.patients[1]!.id }))).status).toBe(409);

    // moved well away, 09:35 is free and offered
    expect((await t.api('POST', `/appointments/${moved.body.id}/reschedule`, { new_start_time: '2026-12-01T11:00:00-03:00' })).status).toBe(201);
    expect(await entryStatus(t, e.id)).toBe('offered');
    expect(await offers(t)).toEqual([expect.objectContaining({ entry_id: e.id, start_time: '2026-12-01T12:35:00.000Z' })]);
  });

  it('a time the provider no longer works is not offered: the day blocked, or the weekly hours changed, before the cancellation', async () => {
    const c = await waitlistClinic(t);
    const blocked = await c.book(...SP_9);
    const moved = await c.book('2026-12-02T09:00:00-03:00', '2026-12-02T09:30:00-03:00'); // a Wednesday
    const e = await c.addEntry(1);
    // the doctor will not come on the 1st: the clinic blocks the day, then cancels its appointments
    const block = await t.api('POST', `/providers/${c.provider.id}/overrides`, { date: '2026-12-01', type: 'blocked', reason: 'Congresso' });
    expect(block.status, JSON.stringify(block.body)).toBe(201);
    expect((await t.api('POST', `/appointments/${blocked.id}/cancel`, { reason: 'Médica ausente' })).status).toBe(200);
    // Wednesdays now start at 10:00
    const templates = (await t.api('GET', `/providers/${c.provider.id}/templates`)).body;
    const wednesday = (Array.isArray(templates) ? templates : templates.data).find((x: { day_of_week: number }) => x.day_of_week === 3);
    expect((await t.api('PUT', `/providers/${c.provider.id}/templates/${wednesday.id}`, { start_time: '10:00' })).status).toBe(200);
    expect((await t.api('DELETE', `/appointments/${moved.id}`)).status).toBeLessThan(300);

    expect(await offers(t)).toEqual([]);
    expect(await entryStatus(t, e.id)).toBe('waiting');
    expect(await events(t, 'waitlist.slot_available')).toEqual([]);
    expect(await messages(t)).toEqual([]);
  });

  it('a provider who takes no new patients is offered to the first in line who is already theirs', async () => {
    const c = await waitlistClinic(t);
    const freed = await c.book(...SP_9);
    await c.book('2026-12-03T09:00:00-03:00', '2026-12-03T09:30:00-03:00', { patient_id: c.patients[2]!.id });
    const newcomer = await c.addEntry(1);
    t.clock.advance(1000);
    const known = await c.addEntry(2);
    expect((await t.api('PUT', `/providers/${c.provider.id}`, { is_accepting_new_patients: false })).status).toBe(200);

    await t.api('DELETE', `/appointments/${freed.id}`);
    expect(await entryStatus(t, newcomer.id)).toBe('waiting');
    expect(await entryStatus(t, known.id)).toBe('offered');
    expect((await offers(t)).map((o) => o.entry_id)).toEqual([known.id]);
    expect((await messages(t)).map((m) => m.patient_id)).toEqual([c.patients[2]!.id]);
  });

  it('a refused cancellation or reschedule offers nothing', async () => {
    const c = await waitlistClinic(t);
    const e = await c.addEntry(1);
    const a = await c.book(...SP_9);
    for (const step of ['confirm', 'check-in', 'start', 'complete']) {
      expect((await t.api('POST', `/appointments/${a.id}/${step}`, {})).status).toBe(200);
    }
    expect((await t.api('POST', `/appointments/${a.id}/cancel`, {})).status).toBe(409);
    expect((await t.api('DELETE', `/appointments/${a.id}`)).status).toBe(409);
    expect((await t.api('POST', `/appointments/${a.id}/reschedule`, { new_start_time: '2026-12-03T10:00:00-03:00' })).status).toBe(409);

    // a reschedule refused by a booking rule (outside availability) leaves the old time and the entry alone
    const b = await c.book('2026-12-01T10:00:00-03:00', '2026-12-01T10:30:00-03:00');
    expect((await t.api('POST', `/appointments/${b.id}/reschedule`, { new_start_time: '2026-12-01T15:00:00-03:00' })).status).toBe(409);
    expect(await entryStatus(t, e.id)).toBe('waiting');
    expect(await offers(t)).toEqual([]);
    expect(await messages(t)).toEqual([]);
    expect(await events(t, 'waitlist.slot_available')).toEqual([]);
  });

  it('a time within the minimum booking notice is not offered', async () => {
    const c = await waitlistClinic(t, { templates: [[3, '08:00', '12:00']] });
    t.clock.set('2026-12-02T11:30:00.000Z'); // Wednesday 08:30 in São Paulo
    const a = await c.book('2026-12-02T09:00:00-03:00', '2026-12-02T09:30:00-03:00');
    const e = await c.addEntry(1);
    await t.api('DELETE', `/appointments/${a.id}`);
    expect(await entryStatus(t, e.id)).toBe('waiting');
  });

  it('the existing appointment behaviour is unchanged when nobody waits', async () => {
    const c = await waitlistClinic(t);
    const a = await c.book(...SP_9);
    expect((await t.api('POST', `/appointments/${a.id}/cancel`, {})).body.status).toBe('cancelled');
    expect(await offers(t)).toEqual([]);
    expect((await events(t)).map((e) => e.event_type)).toEqual(['appointment.created', 'appointment.cancelled']);
  });
});

describe('waitlist: a booking settles the offers of its time', () => {
  it('the patient who books the time offered to them is booked: out of line, no longer removable', async () => {
    const c = await waitlistClinic(t);
    const freed = await c.book(...SP_9);
    const e = await c.addEntry(1);
    const behind = await c.addEntry(2);
    await t.api('DELETE', `/appointments/${freed.id}`);
    expect(await entryStatus(t, e.id)).toBe('offered');
    t.clock.advance(60_000);

    await c.book(...SP_9, { patient_id: c.patients[1]!.id });

    const got = (await t.api('GET', `/waitlist/${e.id}`)).body;
    expect(got).toMatchObject({ status: 'booked', position: null, updated_at: '2026-11-25T12:01:00.000Z', offers: [expect.objectContaining({ start_time: '2026-12-01T12:00:00.000Z' })] });
    expect((await t.api('GET', `/waitlist/position/${behind.id}`)).body).toMatchObject({ position: 1, total: 1 });
    expect((await t.api('DELETE', `/waitlist/${e.id}`)).status).toBe(409);
    expect(await entryStatus(t, behind.id)).toBe('waiting');
  });

  it('when another patient takes the offered time, the entry waits again and is offered the next freed time', async () => {
    const c = await waitlistClinic(t);
    const first = await c.book(...SP_9);
    const second = await c.book('2026-12-01T10:00:00-03:00', '2026-12-01T10:30:00-03:00');
    const e = await c.addEntry(1);
    await t.api('DELETE', `/appointments/${first.id}`);
    expect(await entryStatus(t, e.id)).toBe('offered');

    // patient 3 books 09:15–09:45, overlapping the offered 09:00–09:30
    await c.book('2026-12-01T09:15:00-03:00', '2026-12-01T09:45:00-03:00', { patient_id: c.patients[3]!.id });
    expect(await entryStatus(t, e.id)).toBe('waiting');
    expect((await t.api('GET', `/waitlist/${e.id}`)).body).toMatchObject({ status: 'waiting', position: 1 });

    await t.api('DELETE', `/appointments/${second.id}`);
    expect(await entryStatus(t, e.id)).toBe('offered');
    expect((await offers(t)).map((o) => o.start_time)).toEqual(['2026-12-01T12:00:00.000Z', '2026-12-01T13:00:00.000Z']);
  });

  it('a booking of another time, another provider, or by the patient elsewhere leaves the offer standing', async () => {
    const c = await waitlistClinic(t);
    const otherProvider = (await t.api('POST', '/providers', { doctor_id: crypto.randomUUID(), specialties: ['Cardiologia'], primary_location_id: c.location.id })).body;
    for (let day = 0; day < 7; day++) {
      await t.api('POST', `/providers/${otherProvider.id}/templates`, { day_of_week: day, start_time: '08:00', end_time: '18:00', location_id: c.location.id });
    }
    const freed = await c.book(...SP_9);
    const e = await c.addEntry(1);
    await t.api('DELETE', `/appointments/${freed.id}`);

    await c.book('2026-12-01T09:30:00-03:00', '2026-12-01T10:00:00-03:00', { patient_id: c.patients[3]!.id }); // right after it
    await c.book(...SP_9, { patient_id: c.patients[2]!.id, provider_profile_id: otherProvider.id });
    await c.book('2026-12-02T09:00:00-03:00', '2026-12-02T09:30:00-03:00', { patient_id: c.patients[1]!.id }); // the patient, another day
    expect(await entryStatus(t, e.id)).toBe('offered');
  });

  it('a booking within the buffer of the offered time sends the entry back to the queue, to be offered the next freed time', async () => {
    const c = await waitlistClinic(t, { provider: { buffer_between_appointments_minutes: 10 } });
    const first = await c.book(...SP_9);
    const second = await c.book('2026-12-01T10:30:00-03:00', '2026-12-01T11:00:00-03:00');
    const e = await c.addEntry(1);
    await t.api('DELETE', `/appointments/${first.id}`);
    expect(await entryStatus(t, e.id)).toBe('offered');

    // 09:35–10:05 does not overlap the offered 09:00–09:30, but the 10-minute buffer between them is missing
    t.clock.advance(60_000);
    await c.book('2026-12-01T09:35:00-03:00', '2026-12-01T10:05:00-03:00', { patient_id: c.patients[3]!.id });
    expect((await t.api('GET', `/waitlist/${e.id}`)).body).toMatchObject({ status: 'waiting', position: 1, updated_at: '2026-11-25T12:01:00.000Z' });
    // the time is indeed no longer bookable
    expect((await t.api('POST', '/appointments', c.booking(...SP_9, { patient_id: c.patients[1]!.id }))).status).toBe(409);

    await t.api('DELETE', `/appointments/${second.id}`);
    expect(await entryStatus(t, e.id)).toBe('offered');
    expect((await offers(t)).map((o) => o.start_time)).toEqual(['2026-12-01T12:00:00.000Z', '2026-12-01T13:30:00.000Z']);
  });

  it('a booking that fills the provider’s day sends back the entries offered a time that day, and only that day', async () => {
    const c = await waitlistClinic(t, { provider: { max_daily_appointments: 2 } });
    await c.book(...SP_9);
    const freed = await c.book('2026-12-01T11:00:00-03:00', '2026-12-01T11:30:00-03:00');
    const tomorrow = await c.book('2026-12-02T11:00:00-03:00', '2026-12-02T11:30:00-03:00');
    const e = await c.addEntry(1);
    const next = await c.addEntry(2);
    await t.api('DELETE', `/appointments/${freed.id}`);
    await t.api('DELETE', `/appointments/${tomorrow.id}`);
    expect([(await entryStatus(t, e.id)), (await entryStatus(t, next.id))]).toEqual(['offered', 'offered']);
    expect((await offers(t)).map((o) => [o.entry_id, o.local_date])).toEqual([[e.id, '2026-12-01'], [next.id, '2026-12-02']]);

    // patient 3 takes 10:00 on the 1st: the provider's second appointment that day, the last one allowed
    await c.book('2026-12-01T10:00:00-03:00', '2026-12-01T10:30:00-03:00', { patient_id: c.patients[3]!.id });
    expect(await entryStatus(t, e.id)).toBe('waiting');
    expect(await entryStatus(t, next.id)).toBe('offered');
  });

  it('with room for two at once, a booking beside the offered time leaves the offer standing while it can still be taken', async () => {
    const c = await waitlistClinic(t, { provider: { max_concurrent_appointments: 2 } });
    const freed = await c.book(...SP_9);
    const e = await c.addEntry(1);
    await t.api('DELETE', `/appointments/${freed.id}`);

    await c.book('2026-12-01T09:15:00-03:00', '2026-12-01T09:45:00-03:00', { patient_id: c.patients[3]!.id });
    expect(await entryStatus(t, e.id)).toBe('offered');
    await c.book('2026-12-01T09:00:00-03:00', '2026-12-01T09:30:00-03:00', { patient_id: c.patients[2]!.id });
    expect(await entryStatus(t, e.id)).toBe('waiting');
  });

  it('booking a time offered before, not the one standing, leaves the entry offered the standing one', async () => {
    const c = await waitlistClinic(t);
    const first = await c.book(...SP_9);
    const second = await c.book('2026-12-01T10:00:00-03:00', '2026-12-01T10:30:00-03:00');
    const e = await c.addEntry(1);
    await t.api('DELETE', `/appointments/${first.id}`);
    // the patient turns 09:00 down (nobody else waits), then is offered 10:00
    const no = await t.api('POST', '/conversation', { patient_id: c.patients[1]!.id, channel: 'whatsapp', message: 'não' });
    expect(no.status).toBe(200);
    expect(await entryStatus(t, e.id)).toBe('waiting');
    await t.api('DELETE', `/appointments/${second.id}`);
    expect(await entryStatus(t, e.id)).toBe('offered');

    // then books 09:00 after all: a plain booking; 10:00 is still theirs to take or turn down
    t.clock.advance(60_000);
    await c.book(...SP_9, { patient_id: c.patients[1]!.id });
    const got = (await t.api('GET', `/waitlist/${e.id}`)).body;
    expect(got.status).toBe('offered');
    expect(got.offers.map((o: { start_time: string; released_at: string | null }) => [o.start_time, o.released_at !== null])).toEqual([
      ['2026-12-01T12:00:00.000Z', true],
      ['2026-12-01T13:00:00.000Z', false],
    ]);
    await c.book('2026-12-01T10:00:00-03:00', '2026-12-01T10:30:00-03:00', { patient_id: c.patients[1]!.id });
    expect(await entryStatus(t, e.id)).toBe('booked');
  });

  it('a time offered to a patient and taken by rescheduling onto it settles the offer too', async () => {
    const c = await waitlistClinic(t);
    const freed = await c.book(...SP_9);
    const e = await c.addEntry(1);
    const mine = await c.book('2026-12-03T10:00:00-03:00', '2026-12-03T10:30:00-03:00', { patient_id: c.patients[1]!.id });
    await t.api('DELETE', `/appointments/${freed.id}`);
    expect(await entryStatus(t, e.id)).toBe('offered');

    const moved = await t.api('POST', `/appointments/${mine.id}/reschedule`, { new_start_time: SP_9[0] });
    expect(moved.status, JSON.stringify(moved.body)).toBe(201);
    expect(await entryStatus(t, e.id)).toBe('booked');
  });

  it('a refused booking settles nothing', async () => {
    const c = await waitlistClinic(t);
    const otherProvider = (await t.api('POST', '/providers', { doctor_id: crypto.randomUUID(), primary_location_id: c.location.id })).body;
    await t.api('POST', `/providers/${otherProvider.id}/templates`, { day_of_week: 2, start_time: '08:00', end_time: '18:00', location_id: c.location.id });
    const freed = await c.book(...SP_9);
    await c.book(...SP_9, { patient_id: c.patients[3]!.id, provider_profile_id: otherProvider.id });
    const e = await c.addEntry(1);
    await t.api('DELETE', `/appointments/${freed.id}`);
    const before = (await t.row<{ updated_at: string }>('SELECT updated_at FROM waitlist_entries WHERE id = ?', e.id))!.updated_at;

    // patient 3 is already booked at that time with the other provider: the guarded insert refuses
    const refused = await t.api('POST', '/appointments', c.booking(...SP_9, { patient_id: c.patients[3]!.id }));
    expect(refused.status).toBe(409);
    expect(refused.body.detail).toMatch(/patient/i);
    expect(await entryStatus(t, e.id)).toBe('offered');
    expect((await t.row<{ updated_at: string }>('SELECT updated_at FROM waitlist_entries WHERE id = ?', e.id))!.updated_at).toBe(before);
  });

  it('an offer whose time starts unused lapses: the entry waits again, is listed so, and is offered the next freed time', async () => {
    const c = await waitlistClinic(t);
    const first = await c.book(...SP_9);
    const later = await c.book('2026-12-03T10:00:00-03:00', '2026-12-03T10:30:00-03:00');
    const e = await c.addEntry(1);
    await t.api('DELETE', `/appointments/${first.id}`);
    const ids = async (status: string) => (await t.api('GET', `/waitlist?status=${status}`)).body.data.map((x: { id: string }) => x.id);
    expect(await ids('offered')).toEqual([e.id]);

    t.clock.set('2026-12-01T12:00:00.000Z'); // the offered 09:00 in São Paulo starts
    expect((await t.api('GET', `/waitlist/${e.id}`)).body).toMatchObject({ status: 'waiting', position: 1 });
    expect(await ids('offered')).toEqual([]);
    expect(await ids('waiting')).toEqual([e.id]);

    await t.api('DELETE', `/appointments/${later.id}`);
    expect((await t.api('GET', `/waitlist/${e.id}`)).body).toMatchObject({
      status: 'offered',
      offers: [expect.objectContaining({ start_time: '2026-12-01T12:00:00.000Z' }), expect.objectContaining({ start_time: '2026-12-03T13:00:00.000Z' })],
    });
    expect(await events(t, 'waitlist.slot_available')).toHaveLength(2);
  });
});
