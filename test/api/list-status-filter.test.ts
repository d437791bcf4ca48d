/**
 * `?status=` on the lists that filter by status (appointments, waitlist entries, webhook deliveries).
 * A status left empty (`status=`, `status=confirmed,`, `status=a,,b`) names no status: it is most likely a
 * client's bug (an unset variable), so it is a 422 naming the parameter and the allowed values, never
 * read as "no filter" (which would answer every status, or the waitlist's default).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { APPOINTMENT_STATUSES, DELIVERY_STATUSES, WAITLIST_STATUSES } from '../../src/core/model';
import { createTestApp, type TestApp } from '../helpers/app';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(() => t.close());

const EMPTY = ['status=', 'status=confirmed&status=', 'status=confirmed,', 'status=,', 'status=%20'];

async function subscription(): Promise<string> {
  const res = await t.api('POST', '/webhooks', { url: 'https://93.184.215.14/hooks', events: ['*'] }, { key: t.tenant.admin });
  expect(res.status).toBe(201);
  return res.body.id as string;
}

describe('?status= left empty is 422 naming the parameter and the allowed values', () => {
  const lists: Array<{ name: string; path: () => Promise<string>; allowed: readonly string[]; valid: string; admin?: boolean }> = [
    { name: 'GET /appointments', path: async () => '/appointments', allowed: APPOINTMENT_STATUSES, valid: 'confirmed' },
    { name: 'GET /waitlist', path: async () => '/waitlist', allowed: WAITLIST_STATUSES, valid: 'waiting' },
    {
      name: 'GET /webhooks/{id}/deliveries',
      path: async () => `/webhooks/${await subscription()}/deliveries`,
      allowed: DELIVERY_STATUSES,
      valid: 'pending',
      admin: true,
    },
  ];

  it.each(lists)('$name', async ({ path, allowed, valid, admin }) => {
    const base = await path();
    const key = admin ? t.tenant.admin : undefined;
    for (const query of EMPTY) {
      const q = query.replace('confirmed', valid);
      const res = await t.api('GET', `${base}?${q}`, undefined, { key });
      expect(res.status, q).toBe(422);
      expect(res.body.detail, q).toMatch(/status/);
      for (const s of allowed) expect(res.body.detail, q).toContain(s);
      expect(res.body.errors?.[0]?.path, q).toMatch(/^status(\.\d+)?$/);
    }
    // what was accepted stays accepted
    for (const q of [`status=${valid}`, `status=${valid},${allowed[1]}`, `status=${valid}&status=${allowed[1]}`, '']) {
      expect((await t.api('GET', `${base}?${q}`, undefined, { key })).status, q).toBe(200);
    }
  });
});
