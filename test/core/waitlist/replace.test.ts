/**
 * A waitlist entry created to replace another (a wish changed in a conversation): the old one is removed in
 * the new one's insert step, on SQLite and on D1 alike, and the new one's position is counted without it.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConflictError, ValidationError } from '../../../src/core/errors';
import { createTestApp, type TestApp } from '../../helpers/app';
import { createClinic } from '../../helpers/clinic';

let t: TestApp;
let tenantId: string;

const status = async (id: string) => (await t.row<{ status: string }>('SELECT status FROM waitlist_entries WHERE id = ?', id))!.status;
const events = async (type: string) =>
  (await t.rows<{ aggregate_id: string }>('SELECT aggregate_id FROM outbox WHERE event_type = ? ORDER BY created_at, rowid', type)).map((r) => r.aggregate_id);

/** A wish of the clinic's patient `patient` for its provider, with `extra` fields. */
const wishOf = (c: Awaited<ReturnType<typeof createClinic>>) => (patient: number, extra: Record<string, unknown> = {}) => ({
  patient_id: c.patients[patient]!.id,
  appointment_type_id: c.type.id,
  provider_id: c.provider.id,
  ...extra,
});

describe.each(['sqlite', 'd1'] as const)('a waitlist entry that replaces another (%s)', (database) => {
  beforeEach(async () => {
    t = await createTestApp({ database });
    tenantId = t.tenant.tenantId;
  });
  afterEach(() => t.close());

  it('removes the old one in the same step, with its event, and counts the new one\'s position without it', async () => {
    const c = await createClinic(t, { patients: 2 });
    const wish = wishOf(c);
    const old = await t.core.waitlist.create(tenantId, wish(0));
    const behind = await t.core.waitlist.create(tenantId, wish(1));
    expect(behind.position).toBe(2);

    const replacing = await t.core.waitlist.create(tenantId, wish(0, { periods: ['manha'] }), undefined, old.id);
    expect(await status(old.id)).toBe('removed');
    expect(replacing.status).toBe('waiting');
    // behind the other patient's entry, which now stands first
    expect(replacing.position).toBe(2);
    expect((await t.core.waitlist.get(tenantId, behind.id)).position).toBe(1);
    expect(await events('waitlist.added')).toEqual([old.id, behind.id, replacing.id]);
    expect(await events('waitlist.removed')).toEqual([old.id]);
  });

  it('refuses, writing nothing, to replace an entry holding an offered time or another patient\'s entry; one no longer active is left as it is', async () => {
    const c = await createClinic(t, { patients: 2 });
    const wish = wishOf(c);
    const appointment = await t.core.appointments.create(tenantId, c.booking('2026-12-01T09:00:00-03:00', '2026-12-01T09:30:00-03:00'), 'test');
    const offered = await t.core.waitlist.create(tenantId, wish(1));
    await t.core.appointments.transition(tenantId, appointment.id, 'cancel', {}, 'test');
    expect(await status(offered.id)).toBe('offered');
    const entries = await t.count('waitlist_entries');

    await expect(t.core.waitlist.create(tenantId, wish(1, { periods: ['tarde'] }), undefined, offered.id)).rejects.toThrow(ConflictError);
    await expect(t.core.waitlist.create(tenantId, wish(0), undefined, offered.id)).rejects.toThrow(ValidationError);
    expect(await t.count('waitlist_entries')).toBe(entries);
    expect(await status(offered.id)).toBe('offered');

    const gone = await t.core.waitlist.create(tenantId, wish(0, { periods: ['noite'] }));
    await t.core.waitlist.remove(tenantId, gone.id);
    const after = await t.core.waitlist.create(tenantId, wish(0, { periods: ['manha'] }), undefined, gone.id);
    expect(after.status).toBe('waiting');
    expect(await events('waitlist.removed')).toEqual([gone.id]);
  });
});
