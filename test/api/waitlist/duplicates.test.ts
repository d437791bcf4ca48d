/**
 * A second active entry for what a patient already waits for (same patient, appointment type, queue,
 * location, dates and periods) is a 409 naming the entry, as the reference's "409 Conflict (…
 * duplicate …)" has it; without an Idempotency-Key, so a retried create never queues the patient
 * behind themself. The check and the insert are one atomic step.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/app';
import { events, waitlistClinic } from './setup';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(() => t.close());

describe('waitlist: duplicate entries', () => {
  it('the same wish again is 409 naming the active entry, and writes nothing', async () => {
    const c = await waitlistClinic(t);
    const wish = { location_id: c.location.id, date_from: '2026-12-01', date_to: '2026-12-20', periods: ['manha', 'tarde'] };
    const first = await c.addEntry(1, wish);
    // the same wish, periods in another order and spelling, another priority and notes
    const again = await t.api('POST', '/waitlist', c.entryBody(1, { ...wish, periods: ['Tarde', 'manhã'], priority: 5, notes: 'de novo' }));
    expect(again.status, JSON.stringify(again.body)).toBe(409);
    expect(again.body.detail).toContain(first.id);
    expect(await t.count('waitlist_entries')).toBe(1);
    expect(await events(t, 'waitlist.added')).toHaveLength(1);

    // a specialty queue compares the specialty case and accents ignored
    const bySpecialty = await c.addEntry(2, { provider_id: null, specialty: 'Cardiologia' });
    const sameSpecialty = await t.api('POST', '/waitlist', c.entryBody(2, { provider_id: null, specialty: 'CARDIOLÓGIA' }));
    expect(sameSpecialty.status).toBe(409);
    expect(sameSpecialty.body.detail).toContain(bySpecialty.id);
  });

  it('another wish of the same patient is a new entry; a removed entry does not count', async () => {
    const c = await waitlistClinic(t);
    const first = await c.addEntry(1);
    await c.addEntry(1, { periods: ['manha'] });
    await c.addEntry(1, { date_to: '2026-12-31' });
    await c.addEntry(1, { location_id: c.location.id });
    await c.addEntry(1, { provider_id: null, specialty: 'Cardiologia' });
    await c.addEntry(2);
    expect((await t.api('DELETE', `/waitlist/${first.id}`)).status).toBe(204);
    await c.addEntry(1);
    expect(await t.count('waitlist_entries')).toBe(7);
  });

  it('identical POSTs at once make one entry; the rest are 409 naming it', async () => {
    const c = await waitlistClinic(t);
    const results = await Promise.all(Array.from({ length: 6 }, () => t.api('POST', '/waitlist', c.entryBody(1))));
    expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409, 409, 409, 409]);
    const winner = results.find((r) => r.status === 201)!.body;
    for (const r of results.filter((r) => r.status === 409)) expect(r.body.detail).toContain(winner.id);
    expect(await t.count('waitlist_entries')).toBe(1);
    expect(await events(t, 'waitlist.added')).toHaveLength(1);
  });
});
