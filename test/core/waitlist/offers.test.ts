/**
 * The waitlist service and the offers made with a cancellation, called on the core directly. Races are
 * staged by a repository wrapper that changes the world between the core's read and its atomic step.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildCore } from '../../../src/core';
import { randomIds } from '../../../src/core/clock';
import { ConflictError, InvalidTransitionError, NotFoundError, ValidationError } from '../../../src/core/errors';
import type { Repositories } from '../../../src/core/ports';
import { createRepositories } from '../../../src/db/repos';
import { createTestApp, type TestApp } from '../../helpers/app';
import { createClinic } from '../../helpers/clinic';

let t: TestApp;
let tenantId: string;
beforeEach(async () => {
  t = await createTestApp();
  tenantId = t.tenant.tenantId;
});
afterEach(() => t.close());

const SP_9 = ['2026-12-01T09:00:00-03:00', '2026-12-01T09:30:00-03:00'] as const;

const status = async (id: string) => (await t.row<{ status: string }>('SELECT status FROM waitlist_entries WHERE id = ?', id))!.status;
const count = (table: string) => t.count(table);

async function setup() {
  const c = await createClinic(t, { patients: 4 });
  const appointment = await t.core.appointments.create(tenantId, c.booking(...SP_9), 'test');
  const add = (i: number, extra: Record<string, unknown> = {}) =>
    t.core.waitlist.create(tenantId, { patient_id: c.patients[i]!.id, appointment_type_id: c.type.id, provider_id: c.provider.id, ...extra });
  return { c, appointment, add };
}

/** A core whose candidate read is followed by `meanwhile`, as if another request ran in between. */
function racingCore(meanwhile: () => Promise<void>) {
  const repos = createRepositories(t.db);
  const racing: Repositories = {
    ...repos,
    waitlist: {
      ...repos.waitlist,
      async freedTimeContext(...args) {
        const context = await repos.waitlist.freedTimeContext(...args);
        await meanwhile();
        return context;
      },
    },
  };
  return buildCore(racing, t.clock, randomIds);
}

describe('waitlist service', () => {
  it('validates and normalises without the API in front', async () => {
    const { c, add } = await setup();
    const entry = await add(1, { periods: ['Manhã', 'noite'], specialty: ' Cardiologia ' });
    expect(entry).toMatchObject({ periods: ['manha', 'noite'], specialty: 'Cardiologia', priority: 0, status: 'waiting', position: 1, offers: [] });
    await expect(add(1, { provider_id: null })).rejects.toBeInstanceOf(ValidationError);
    await expect(add(1, { periods: ['madrugada'] })).rejects.toBeInstanceOf(ValidationError);
    await expect(add(1, { priority: 2.5 })).rejects.toBeInstanceOf(ValidationError);
    await expect(add(1, { date_from: '2026-12-05', date_to: '2026-12-04' })).rejects.toBeInstanceOf(ValidationError);
    await expect(add(1, { date_to: '2026-11-24' })).rejects.toBeInstanceOf(ValidationError);
    // "today" in Rio Branco (UTC-5) when no location is named: still 2026-11-25 at 12:00Z everywhere
    expect((await add(1, { date_to: '2026-11-25' })).date_to).toBe('2026-11-25');
    await expect(add(1, { appointment_type_id: crypto.randomUUID() })).rejects.toBeInstanceOf(ValidationError);
    await t.core.patients.update(tenantId, c.patients[2]!.id, { is_active: false });
    await expect(add(2)).rejects.toBeInstanceOf(ConflictError);
    await expect(t.core.waitlist.get(tenantId, crypto.randomUUID())).rejects.toBeInstanceOf(NotFoundError);
    await expect(t.core.waitlist.get(t.other.tenantId, entry.id)).rejects.toBeInstanceOf(NotFoundError);
  });

  it('an entry removed between the read and the cancellation is skipped: the next in line gets the offer', async () => {
    const { appointment, add } = await setup();
    const best = await add(1, { priority: 5 });
    const next = await add(2);
    const core = racingCore(() => t.core.waitlist.remove(tenantId, best.id));
    await core.appointments.transition(tenantId, appointment.id, 'cancel', {}, 'test');
    expect(await status(best.id)).toBe('removed');
    expect(await status(next.id)).toBe('offered');
    expect(await count('waitlist_offers')).toBe(1);
    expect(await count('outbound_messages')).toBe(1);
    const [event] = await t.rows<{ aggregate_id: string }>("SELECT aggregate_id FROM outbox WHERE event_type = 'waitlist.slot_available'");
    expect(event!.aggregate_id).toBe(next.id);
  });

  it('a patient deactivated meanwhile is not offered the time', async () => {
    const { c, appointment, add } = await setup();
    const best = await add(1, { priority: 5 });
    const next = await add(2);
    const core = racingCore(async () => {
      await t.core.patients.update(tenantId, c.patients[1]!.id, { is_active: false });
    });
    await core.appointments.transition(tenantId, appointment.id, 'cancel', {}, 'test');
    expect(await status(best.id)).toBe('waiting');
    expect(await status(next.id)).toBe('offered');
  });

  it('offers are guarded on the cancellation happening: a cancellation that lost the race writes no offer', async () => {
    const { appointment, add } = await setup();
    const entry = await add(1);
    let raced = false;
    const core = racingCore(async () => {
      if (raced) return;
      raced = true;
      // another request cancels first (and offers the time itself)
      await t.core.appointments.transition(tenantId, appointment.id, 'cancel', { reason: 'outro pedido' }, 'other');
    });
    await expect(core.appointments.transition(tenantId, appointment.id, 'cancel', {}, 'test')).rejects.toBeInstanceOf(InvalidTransitionError);
    expect(await status(entry.id)).toBe('offered');
    expect(await count('waitlist_offers')).toBe(1);
    expect(await count('outbound_messages')).toBe(1);
    expect(await t.rows("SELECT id FROM outbox WHERE event_type = 'waitlist.slot_available'")).toHaveLength(1);
  });

  it('a patient booked at the freed time between the read and the cancellation is passed over: the next in line gets it', async () => {
    const { c, appointment, add } = await setup();
    const other = await t.core.providers.create(tenantId, { doctor_id: crypto.randomUUID(), specialties: ['Cardiologia'] });
    await t.core.schedules.createTemplate(tenantId, other.id, { day_of_week: 2, start_time: '08:00', end_time: '12:00', location_id: c.location.id });
    const busy = await add(1, { priority: 5 });
    const free = await add(2);
    const core = racingCore(async () => {
      // patient 1 takes 09:15 with another provider meanwhile
      await t.core.appointments.create(
        tenantId,
        { ...c.booking('2026-12-01T09:15:00-03:00', '2026-12-01T09:45:00-03:00'), provider_profile_id: other.id, patient_id: c.patients[1]!.id },
        'test',
      );
    });
    await core.appointments.transition(tenantId, appointment.id, 'cancel', {}, 'test');
    expect(await status(busy.id)).toBe('waiting');
    expect(await status(free.id)).toBe('offered');
    expect(await count('waitlist_offers')).toBe(1);
  });

  it('nothing is offered when the provider, location or appointment type is no longer active', async () => {
    const { c, appointment, add } = await setup();
    const entry = await add(1);
    await t.core.providers.update(tenantId, c.provider.id, { is_active: false });
    await t.core.appointments.transition(tenantId, appointment.id, 'cancel', {}, 'test');
    expect(await status(entry.id)).toBe('waiting');
    expect(await count('waitlist_offers')).toBe(0);
  });

  it('a patient already booked at the freed time is passed over', async () => {
    const { c, appointment, add } = await setup();
    // patient 1 already holds 09:15 with another provider
    const other = await t.core.providers.create(tenantId, { doctor_id: crypto.randomUUID(), specialties: ['Cardiologia'] });
    await t.core.schedules.createTemplate(tenantId, other.id, { day_of_week: 2, start_time: '08:00', end_time: '12:00', location_id: c.location.id });
    await t.core.appointments.create(
      tenantId,
      { ...c.booking('2026-12-01T09:15:00-03:00', '2026-12-01T09:45:00-03:00'), provider_profile_id: other.id, patient_id: c.patients[1]!.id },
      'test',
    );
    const busy = await add(1, { priority: 5 });
    const free = await add(2);
    await t.core.appointments.transition(tenantId, appointment.id, 'cancel', {}, 'test');
    expect(await status(busy.id)).toBe('waiting');
    expect(await status(free.id)).toBe('offered');
  });
});
