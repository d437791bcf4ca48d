/**
 * A standing waitlist offer goes back to the queue when the clinic changes something that makes its
 * time untakeable (the provider's limits or flags, weekly hours, overrides, a location, type or patient
 * deactivated), in the same step as that change; a change that leaves it takeable leaves it standing,
 * and a refused change leaves it as it was.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { randomIds } from '../../../src/core/clock';
import { DEFAULT_CORE_SETTINGS } from '../../../src/core/deps';
import { makeWaitlistOffers } from '../../../src/core/waitlist/offers';
import { offsetRunsOverDays } from '../../../src/core/time';
import { runAtomic } from '../../../src/db/atomic';
import { raw } from '../../../src/db/raw-sql';
import { waitlistOfferSteps } from '../../../src/db/repos/waitlist';
import { resolveHost } from '../../../src/webhooks/resolve-host';
import { createTestApp, type TestApp } from '../../helpers/app';
import { entryStatus, offers, waitlistClinic } from './setup';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(() => t.close());

// 2026-12-01 is a Tuesday. São Paulo is UTC-3.
const SP_9 = ['2026-12-01T09:00:00-03:00', '2026-12-01T09:30:00-03:00'] as const;
const CHANGED_AT = '2026-11-25T12:01:00.000Z';

type Clinic = Awaited<ReturnType<typeof waitlistClinic>>;

/** Patient 1 waits and is offered 09:00–09:30 on Tuesday the 1st (freed by patient 0). */
async function offeredClinic(options: Parameters<typeof waitlistClinic>[1] = {}) {
  const c = await waitlistClinic(t, options);
  const freed = await c.book(...SP_9);
  const e = await c.addEntry(1);
  expect((await t.api('DELETE', `/appointments/${freed.id}`)).status).toBeLessThan(300);
  expect(await entryStatus(t, e.id)).toBe('offered');
  t.clock.advance(60_000);
  return { c, e };
}

async function entryRow(id: string) {
  return (await t.row<{ status: string; updated_at: string }>('SELECT status, updated_at FROM waitlist_entries WHERE id = ?', id))!;
}

/** The entry waits again, changed by the write at CHANGED_AT, its offer kept as history (not given back). */
async function expectSentBack(id: string) {
  expect(await entryRow(id)).toEqual({ status: 'waiting', updated_at: CHANGED_AT });
  expect((await t.api('GET', `/waitlist/${id}`)).body).toMatchObject({ status: 'waiting', position: 1 });
  expect((await offers(t)).filter((o) => o.entry_id === id).map((o) => o.released_at)).toEqual([null]);
}

async function expectStanding(id: string) {
  expect((await entryRow(id)).status).toBe('offered');
  expect((await entryRow(id)).updated_at).not.toBe(CHANGED_AT);
}

async function templateOf(c: Clinic, day: number): Promise<{ id: string }> {
  const list = (await t.api('GET', `/providers/${c.provider.id}/templates`)).body;
  return (Array.isArray(list) ? list : list.data).find((x: { day_of_week: number }) => x.day_of_week === day);
}

/** The offered time can no longer be booked by the patient it was offered to. */
async function expectUnbookable(c: Clinic) {
  const res = await t.api('POST', '/appointments', c.booking(...SP_9, { patient_id: c.patients[1]!.id }));
  expect(res.status).toBeGreaterThanOrEqual(400);
}

describe('waitlist: a standing offer the clinic makes untakeable goes back to the queue', () => {
  it('an override blocking the offered day', async () => {
    const { c, e } = await offeredClinic();
    const res = await t.api('POST', `/providers/${c.provider.id}/overrides`, { date: '2026-12-01', type: 'blocked', reason: 'sick leave' });
    expect(res.status).toBe(201);
    await expectSentBack(e.id);
    await expectUnbookable(c);
  });

  it('an override blocking the offered hours only', async () => {
    const { c, e } = await offeredClinic();
    const res = await t.api('POST', `/providers/${c.provider.id}/overrides`, { date: '2026-12-01', type: 'blocked', start_time: '09:15', end_time: '10:00' });
    expect(res.status).toBe(201);
    await expectSentBack(e.id);
  });

  it('a modified override that replaces the offered day’s hours with others', async () => {
    const { c, e } = await offeredClinic();
    const res = await t.api('POST', `/providers/${c.provider.id}/overrides`, {
      date: '2026-12-01',
      type: 'modified',
      start_time: '10:00',
      end_time: '12:00',
      location_id: c.location.id,
    });
    expect(res.status).toBe(201);
    await expectSentBack(e.id);
  });

  it('deleting the added override the offered time lay in', async () => {
    // Saturday the 5th is worked only through an added override
    const c = await waitlistClinic(t);
    const added = await t.api('POST', `/providers/${c.provider.id}/overrides`, {
      date: '2026-12-05',
      type: 'added',
      start_time: '09:00',
      end_time: '12:00',
      location_id: c.location.id,
    });
    expect(added.status).toBe(201);
    const freed = await c.book('2026-12-05T09:00:00-03:00', '2026-12-05T09:30:00-03:00');
    const e = await c.addEntry(1);
    await t.api('DELETE', `/appointments/${freed.id}`);
    expect(await entryStatus(t, e.id)).toBe('offered');
    t.clock.advance(60_000);

    expect((await t.api('DELETE', `/providers/${c.provider.id}/overrides/${added.body.id}`)).status).toBe(204);
    await expectSentBack(e.id);
  });

  it('a weekly template changed so that it no longer covers the offered hours', async () => {
    const { c, e } = await offeredClinic();
    const tuesday = await templateOf(c, 2);
    const res = await t.api('PUT', `/providers/${c.provider.id}/templates/${tuesday.id}`, { start_time: '10:00' });
    expect(res.status).toBe(200);
    await expectSentBack(e.id);
    await expectUnbookable(c);
  });

  it('a weekly template removed', async () => {
    const { c, e } = await offeredClinic();
    const tuesday = await templateOf(c, 2);
    expect((await t.api('DELETE', `/providers/${c.provider.id}/templates/${tuesday.id}`)).status).toBe(204);
    await expectSentBack(e.id);
  });

  it('a weekly template limited to another appointment type', async () => {
    const { c, e } = await offeredClinic();
    const other = (await t.api('POST', '/appointment-types', { name: 'Retorno', duration_minutes: 30 })).body;
    const tuesday = await templateOf(c, 2);
    const res = await t.api('PUT', `/providers/${c.provider.id}/templates/${tuesday.id}`, { appointment_type_ids: [other.id] });
    expect(res.status).toBe(200);
    await expectSentBack(e.id);
  });

  it('the buffer raised so that the offered time now lies within the buffer of an appointment', async () => {
    const { c, e } = await offeredClinic();
    // 09:35 does not touch the offered 09:00–09:30 without a buffer
    await c.book('2026-12-01T09:35:00-03:00', '2026-12-01T10:05:00-03:00', { patient_id: c.patients[3]!.id });
    await expectStanding(e.id);
    const res = await t.api('PUT', `/providers/${c.provider.id}`, { buffer_between_appointments_minutes: 10 });
    expect(res.status).toBe(200);
    await expectSentBack(e.id);
    await expectUnbookable(c);
  });

  it('max_daily lowered to the appointments already booked that day, and only that day’s offers', async () => {
    const c = await waitlistClinic(t);
    const freed = await c.book(...SP_9);
    const tomorrow = await c.book('2026-12-02T09:00:00-03:00', '2026-12-02T09:30:00-03:00');
    await c.book('2026-12-01T10:00:00-03:00', '2026-12-01T10:30:00-03:00', { patient_id: c.patients[3]!.id });
    await c.book('2026-12-01T11:00:00-03:00', '2026-12-01T11:30:00-03:00', { patient_id: c.patients[3]!.id });
    const e = await c.addEntry(1);
    const next = await c.addEntry(2);
    await t.api('DELETE', `/appointments/${freed.id}`);
    await t.api('DELETE', `/appointments/${tomorrow.id}`);
    expect([(await entryStatus(t, e.id)), (await entryStatus(t, next.id))]).toEqual(['offered', 'offered']);
    t.clock.advance(60_000);

    // two appointments stand on the 1st; none on the 2nd
    expect((await t.api('PUT', `/providers/${c.provider.id}`, { max_daily_appointments: 2 })).status).toBe(200);
    await expectSentBack(e.id);
    await expectStanding(next.id);
  });

  it('the provider deactivated (DELETE)', async () => {
    const { c, e } = await offeredClinic();
    expect((await t.api('DELETE', `/providers/${c.provider.id}`)).status).toBe(204);
    await expectSentBack(e.id);
  });

  it('the provider switched off (PUT is_active: false)', async () => {
    const { c, e } = await offeredClinic();
    expect((await t.api('PUT', `/providers/${c.provider.id}`, { is_active: false })).status).toBe(200);
    await expectSentBack(e.id);
  });

  it('a provider closed to new patients: the newcomer waits again, a patient already theirs keeps the offer', async () => {
    const c = await waitlistClinic(t);
    const freed = await c.book(...SP_9);
    const freed2 = await c.book('2026-12-01T10:00:00-03:00', '2026-12-01T10:30:00-03:00');
    // patient 2 has an appointment with the provider on the 3rd
    await c.book('2026-12-03T09:00:00-03:00', '2026-12-03T09:30:00-03:00', { patient_id: c.patients[2]!.id });
    const newcomer = await c.addEntry(1);
    t.clock.advance(1000);
    const known = await c.addEntry(2);
    await t.api('DELETE', `/appointments/${freed.id}`);
    await t.api('DELETE', `/appointments/${freed2.id}`);
    expect([(await entryStatus(t, newcomer.id)), (await entryStatus(t, known.id))]).toEqual(['offered', 'offered']);
    t.clock.set(CHANGED_AT);

    expect((await t.api('PUT', `/providers/${c.provider.id}`, { is_accepting_new_patients: false })).status).toBe(200);
    await expectSentBack(newcomer.id);
    await expectStanding(known.id);
  });

  it('the offered location deactivated', async () => {
    const { c, e } = await offeredClinic();
    expect((await t.api('DELETE', `/locations/${c.location.id}`)).status).toBe(204);
    await expectSentBack(e.id);
  });

  it('the entry’s appointment type deactivated', async () => {
    const { c, e } = await offeredClinic();
    expect((await t.api('DELETE', `/appointment-types/${c.type.id}`)).status).toBe(204);
    await expectSentBack(e.id);
  });

  it('the patient deactivated', async () => {
    const { c, e } = await offeredClinic();
    expect((await t.api('DELETE', `/patients/${c.patients[1]!.id}`)).status).toBe(204);
    await expectSentBack(e.id);
  });

  it('the provider’s specialty removed: an entry waiting for that specialty waits again, one naming the provider keeps its offer', async () => {
    const c = await waitlistClinic(t, { provider: { specialties: ['Dermatologia', 'Cardiologia'] } });
    const freed = await c.book(...SP_9);
    const freed2 = await c.book('2026-12-01T10:00:00-03:00', '2026-12-01T10:30:00-03:00');
    const freed3 = await c.book('2026-12-01T11:00:00-03:00', '2026-12-01T11:30:00-03:00');
    // the specialty as a patient's system may spell it: other case and accents
    const derm = await c.addEntry(1, { provider_id: null, specialty: 'DERMATOLOGÍA' });
    t.clock.advance(1000);
    const cardio = await c.addEntry(2, { provider_id: null, specialty: 'Cardiologia' });
    t.clock.advance(1000);
    const named = await c.addEntry(3);
    for (const a of [freed, freed2, freed3]) expect((await t.api('DELETE', `/appointments/${a.id}`)).status).toBeLessThan(300);
    expect([(await entryStatus(t, derm.id)), await entryStatus(t, cardio.id), (await entryStatus(t, named.id))]).toEqual(['offered', 'offered', 'offered']);
    t.clock.advance(1000);

    // a rewrite that keeps the specialty changes nothing
    expect((await t.api('PUT', `/providers/${c.provider.id}`, { specialties: ['Cardiologia', 'Dermatologia'] })).status).toBe(200);
    await expectStanding(derm.id);
    t.clock.set(CHANGED_AT);
    expect((await t.api('PUT', `/providers/${c.provider.id}`, { specialties: ['Cardiologia'] })).status).toBe(200);
    await expectSentBack(derm.id);
    await expectStanding(cardio.id);
    await expectStanding(named.id);
    // the time is not offered to the dermatology entry again while the provider lacks the specialty
    const again = await c.book('2026-12-02T09:00:00-03:00', '2026-12-02T09:30:00-03:00');
    expect((await t.api('DELETE', `/appointments/${again.id}`)).status).toBeLessThan(300);
    expect(await entryStatus(t, derm.id)).toBe('waiting');
  });

  it('a refused provider update that would drop the specialty leaves the offer standing', async () => {
    const c = await waitlistClinic(t, { provider: { specialties: ['Dermatologia'] } });
    const freed = await c.book(...SP_9);
    const derm = await c.addEntry(1, { provider_id: null, specialty: 'Dermatologia' });
    expect((await t.api('DELETE', `/appointments/${freed.id}`)).status).toBeLessThan(300);
    expect(await entryStatus(t, derm.id)).toBe('offered');
    const before = await entryRow(derm.id);
    const res = await t.api('PUT', `/providers/${c.provider.id}`, { specialties: ['Cardiologia'], max_concurrent_appointments: 0 });
    expect(res.status).toBe(422);
    expect(await entryRow(derm.id)).toEqual(before);
  });

  it('an entry sent back is offered the next freed time', async () => {
    const { c, e } = await offeredClinic();
    const later = await c.book('2026-12-03T09:00:00-03:00', '2026-12-03T09:30:00-03:00');
    await t.api('POST', `/providers/${c.provider.id}/overrides`, { date: '2026-12-01', type: 'blocked' });
    expect(await entryStatus(t, e.id)).toBe('waiting');
    await t.api('DELETE', `/appointments/${later.id}`);
    expect(await entryStatus(t, e.id)).toBe('offered');
    expect((await offers(t)).map((o) => o.start_time)).toEqual(['2026-12-01T12:00:00.000Z', '2026-12-03T12:00:00.000Z']);
  });
});

describe('waitlist: a change that leaves the standing offer takeable leaves it standing', () => {
  it('an override on another day, or blocking other hours of the day', async () => {
    const { c, e } = await offeredClinic();
    expect((await t.api('POST', `/providers/${c.provider.id}/overrides`, { date: '2026-12-02', type: 'blocked' })).status).toBe(201);
    expect(
      (await t.api('POST', `/providers/${c.provider.id}/overrides`, { date: '2026-12-01', type: 'blocked', start_time: '10:00', end_time: '11:00' })).status,
    ).toBe(201);
    await expectStanding(e.id);
  });

  it('another weekday’s template changed, the offered day’s widened, or another provider’s day blocked', async () => {
    const { c, e } = await offeredClinic();
    const wednesday = await templateOf(c, 3);
    expect((await t.api('PUT', `/providers/${c.provider.id}/templates/${wednesday.id}`, { start_time: '10:00' })).status).toBe(200);
    const tuesday = await templateOf(c, 2);
    expect((await t.api('PUT', `/providers/${c.provider.id}/templates/${tuesday.id}`, { start_time: '07:00' })).status).toBe(200);
    const other = (await t.api('POST', '/providers', { doctor_id: crypto.randomUUID(), primary_location_id: c.location.id })).body;
    expect((await t.api('POST', `/providers/${other.id}/overrides`, { date: '2026-12-01', type: 'blocked' })).status).toBe(201);
    await expectStanding(e.id);
  });

  it('max_concurrent raised, a buffer that reaches no appointment, a rename', async () => {
    const { c, e } = await offeredClinic();
    await c.book('2026-12-01T10:30:00-03:00', '2026-12-01T11:00:00-03:00', { patient_id: c.patients[3]!.id });
    expect((await t.api('PUT', `/providers/${c.provider.id}`, { max_concurrent_appointments: 3 })).status).toBe(200);
    expect((await t.api('PUT', `/providers/${c.provider.id}`, { buffer_between_appointments_minutes: 30 })).status).toBe(200);
    expect((await t.api('PUT', `/providers/${c.provider.id}`, { name: 'Dra. Ana S. Souza', max_daily_appointments: 5 })).status).toBe(200);
    await expectStanding(e.id);
    // and it can indeed still be taken
    const taken = await t.api('POST', '/appointments', c.booking(...SP_9, { patient_id: c.patients[1]!.id }));
    expect(taken.status, JSON.stringify(taken.body)).toBe(201);
    expect(await entryStatus(t, e.id)).toBe('booked');
  });

  it('another location, type or patient deactivated', async () => {
    const { c, e } = await offeredClinic();
    const place = (await t.api('POST', '/locations', { name: 'Unidade Norte', timezone: 'America/Sao_Paulo' })).body;
    const type = (await t.api('POST', '/appointment-types', { name: 'Retorno', duration_minutes: 20 })).body;
    expect((await t.api('DELETE', `/locations/${place.id}`)).status).toBe(204);
    expect((await t.api('DELETE', `/appointment-types/${type.id}`)).status).toBe(204);
    expect((await t.api('DELETE', `/patients/${c.patients[2]!.id}`)).status).toBe(204);
    expect((await t.api('PUT', `/locations/${c.location.id}`, { name: 'Unidade Centro II' })).status).toBe(200);
    await expectStanding(e.id);
  });
});

describe('waitlist: a location’s time zone changed', () => {
  // The offer is of an instant (12:00Z, 09:00 in São Paulo); its local date and clock times follow the
  // location's zone, and the provider's hours (08:00–12:00 local) are checked against the new ones.
  const localOf = async () => (await offers(t)).map((o) => [o.local_date, o.local_start, o.local_end]);

  it('recomputes the standing offer’s clock times for the new zone; still within the hours, it stands and can be taken', async () => {
    const { c, e } = await offeredClinic();
    expect(await localOf()).toEqual([['2026-12-01', '09:00', '09:30']]);
    const res = await t.api('PUT', `/locations/${c.location.id}`, { timezone: 'America/Manaus' });
    expect(res.status).toBe(200);
    expect(res.body.timezone).toBe('America/Manaus');
    expect(await localOf()).toEqual([['2026-12-01', '08:00', '08:30']]);
    await expectStanding(e.id);
    const taken = await t.api('POST', '/appointments', c.booking(...SP_9, { patient_id: c.patients[1]!.id }));
    expect(taken.status, JSON.stringify(taken.body)).toBe(201);
    expect(await entryStatus(t, e.id)).toBe('booked');
  });

  it('re-checks the hours with the new clock times in the same step: now before the provider starts, the entry waits again', async () => {
    const { c, e } = await offeredClinic();
    t.clock.set(CHANGED_AT);
    // 12:00Z is 07:00 in Rio Branco (UTC−5): before the 08:00 start
    const res = await t.api('PUT', `/locations/${c.location.id}`, { timezone: 'America/Rio_Branco' });
    expect(res.status).toBe(200);
    expect(await localOf()).toEqual([['2026-12-01', '07:00', '07:30']]);
    await expectSentBack(e.id);
    await expectUnbookable(c);
  });

  it('the local date moves with the zone too (a time near midnight)', async () => {
    const c = await waitlistClinic(t, { templates: [2, 3].map((d) => [d, '00:00', '23:59'] as [number, string, string]) });
    const freed = await c.book('2026-12-01T23:30:00-03:00', '2026-12-01T23:59:00-03:00');
    const e = await c.addEntry(1);
    expect((await t.api('DELETE', `/appointments/${freed.id}`)).status).toBeLessThan(300);
    expect(await entryStatus(t, e.id)).toBe('offered');
    expect((await t.api('PUT', `/locations/${c.location.id}`, { timezone: 'America/Noronha' })).status).toBe(200);
    // 02:30Z on the 2nd is 00:30 on Wednesday in Noronha (UTC−2)
    expect(await localOf()).toEqual([['2026-12-02', '00:30', '00:59']]);
    await expectStanding(e.id);
  });

  it('the write is refused, changing nothing, when an offer of a time to come was written after the offers were read, or the zone changed', async () => {
    const { c, e } = await offeredClinic();
    const at = t.clock.now().toISOString();
    const changes = { timezone: 'America/Rio_Branco', updated_at: at };
    const tenantId = t.tenant.tenantId;
    // the appointments' local dates in the new zone, as the service computes them
    const days = await t.repos.locations.appointmentDays(tenantId, c.location.id);
    const appointments = { days, runs: offsetRunsOverDays(days, 'America/Rio_Branco') };
    // the offers as read before the standing one was written: none
    expect(await t.repos.locations.update(tenantId, c.location.id, changes, undefined, { previousZone: 'America/Sao_Paulo', offers: [], appointments })).toBeNull();
    // the zone as read before another change of it
    const [offer] = await offers(t);
    const relocalised = [{ id: String(offer!.id), date: '2026-12-01', start: '07:00', end: '07:30' }];
    expect(await t.repos.locations.update(tenantId, c.location.id, changes, undefined, { previousZone: 'America/Manaus', offers: relocalised, appointments })).toBeNull();
    expect((await t.api('GET', `/locations/${c.location.id}`)).body.timezone).toBe('America/Sao_Paulo');
    expect(await localOf()).toEqual([['2026-12-01', '09:00', '09:30']]);
    await expectStanding(e.id);
    // as read now: written
    expect(await t.repos.locations.update(tenantId, c.location.id, changes, undefined, { previousZone: 'America/Sao_Paulo', offers: relocalised, appointments })).not.toBeNull();
    expect(await localOf()).toEqual([['2026-12-01', '07:00', '07:30']]);
    expect(await entryStatus(t, e.id)).toBe('waiting');
  });

  it('a freed time is not offered with clock times of a zone the location no longer has', async () => {
    const c = await waitlistClinic(t);
    const freed = await c.book(...SP_9);
    const e = await c.addEntry(1);
    // the offers of the freed time, planned in São Paulo time; then the zone changes before they are written
    const appointment = (await t.api('GET', `/appointments/${freed.id}`)).body;
    const at = t.clock.now().toISOString();
    const deps = { repos: t.repos, clock: t.clock, ids: randomIds, settings: DEFAULT_CORE_SETTINGS, network: { resolveHost } };
    const planned = await makeWaitlistOffers(deps).forFreedTime(t.tenant.tenantId, appointment, at);
    expect(planned.map((p) => p.booking.local.start)).toEqual(['09:00']);
    expect((await t.api('PUT', `/locations/${c.location.id}`, { timezone: 'America/Manaus' })).status).toBe(200);
    // written as the cancellation's step would write them (the time freed here behind the API's back)
    await t.execute(`UPDATE appointments SET status = 'cancelled' WHERE id = ?`, freed.id);
    const steps = (p: (typeof planned)[number]) => waitlistOfferSteps(p, raw('1'));
    await runAtomic(t.db, planned.flatMap(steps));
    expect(await offers(t)).toEqual([]);
    expect(await entryStatus(t, e.id)).toBe('waiting');
    // planned in the zone it has now, they are written
    const replanned = await makeWaitlistOffers(deps).forFreedTime(t.tenant.tenantId, appointment, at);
    await runAtomic(t.db, replanned.flatMap(steps));
    expect((await offers(t)).map((o) => [o.entry_id, o.local_start])).toEqual([[e.id, '08:00']]);
    expect(await entryStatus(t, e.id)).toBe('offered');
  });

  it('other changes, a refused change, and another location’s zone leave the clock times as they were', async () => {
    const { c, e } = await offeredClinic();
    const other = (await t.api('POST', '/locations', { name: 'Unidade Norte', timezone: 'America/Sao_Paulo' })).body;
    expect((await t.api('PUT', `/locations/${other.id}`, { timezone: 'America/Manaus' })).status).toBe(200);
    expect((await t.api('PUT', `/locations/${c.location.id}`, { name: 'Unidade Centro II', timezone: 'America/Sao_Paulo' })).status).toBe(200);
    expect((await t.api('PUT', `/locations/${c.location.id}`, { timezone: 'America/Nowhere' })).status).toBe(422);
    expect(await localOf()).toEqual([['2026-12-01', '09:00', '09:30']]);
    await expectStanding(e.id);
  });
});

describe('waitlist: offers written before their clock times were stored', () => {
  it('are re-checked on everything but the provider’s hours', async () => {
    const { c, e } = await offeredClinic();
    expect((await offers(t)).map((o) => [o.local_date, o.local_start, o.local_end])).toEqual([['2026-12-01', '09:00', '09:30']]);
    await t.execute('UPDATE waitlist_offers SET local_start = NULL, local_end = NULL');
    expect((await t.api('POST', `/providers/${c.provider.id}/overrides`, { date: '2026-12-01', type: 'blocked' })).status).toBe(201);
    await expectStanding(e.id);
    expect((await t.api('PUT', `/providers/${c.provider.id}`, { is_active: false })).status).toBe(200);
    await expectSentBack(e.id);
  });
});

describe('waitlist: a refused change leaves standing offers as they were', () => {
  it('a provider update refused (409 duplicate doctor, 422 invalid, 409 inactive location) changes neither the provider nor the offer', async () => {
    const { c, e } = await offeredClinic();
    await c.book('2026-12-01T09:35:00-03:00', '2026-12-01T10:05:00-03:00', { patient_id: c.patients[3]!.id });
    const before = await entryRow(e.id);
    const other = (await t.api('POST', '/providers', { doctor_id: crypto.randomUUID() })).body;
    const closed = (await t.api('POST', '/locations', { name: 'Unidade Fechada', timezone: 'America/Sao_Paulo' })).body;
    await t.api('DELETE', `/locations/${closed.id}`);

    // each would leave the offer untakeable (the buffer reaches 09:35) if it were written
    const duplicate = await t.api('PUT', `/providers/${c.provider.id}`, { doctor_id: other.doctor_id, buffer_between_appointments_minutes: 10 });
    expect(duplicate.status).toBe(409);
    const invalid = await t.api('PUT', `/providers/${c.provider.id}`, { buffer_between_appointments_minutes: 10, max_concurrent_appointments: 0 });
    expect(invalid.status).toBe(422);
    const inactive = await t.api('PUT', `/providers/${c.provider.id}`, { buffer_between_appointments_minutes: 10, primary_location_id: closed.id });
    expect(inactive.status).toBe(409);

    expect((await t.api('GET', `/providers/${c.provider.id}`)).body.buffer_between_appointments_minutes).toBe(0);
    expect(await entryRow(e.id)).toEqual(before);
  });

  it('a template update refused for overlapping another changes neither the template nor the offer', async () => {
    const { c, e } = await offeredClinic();
    const before = await entryRow(e.id);
    expect(
      (await t.api('POST', `/providers/${c.provider.id}/templates`, { day_of_week: 2, start_time: '13:00', end_time: '17:00', location_id: c.location.id })).status,
    ).toBe(201);
    const tuesday = await templateOf(c, 2);
    const res = await t.api('PUT', `/providers/${c.provider.id}/templates/${tuesday.id}`, { start_time: '10:00', end_time: '14:00' });
    expect(res.status).toBe(409);
    expect(await entryRow(e.id)).toEqual(before);
  });
});
