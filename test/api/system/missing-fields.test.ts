/**
 * A required field or parameter left out is answered with a 422 that says it is required and what to
 * send, never zod's internal wording ("Invalid input: expected string, received undefined").
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/app';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp({ allowPrivateWebhookUrls: true });
});
afterEach(() => t.close());

describe('a required field left out', () => {
  it('daily risks without ?date= says the date is required and its format', async () => {
    const res = await t.api('GET', '/no-show/daily-risks');
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([{ path: 'date', message: 'required: a calendar date YYYY-MM-DD' }]);
    expect(res.body.detail).toBe('Validation failed: date: required: a calendar date YYYY-MM-DD');
  });

  it('a date of the wrong type still names the format', async () => {
    const res = await t.api('POST', '/waitlist', {
      patient_id: '0193a1f2-0000-7000-8000-000000000000',
      appointment_type_id: '0193a1f2-0000-7000-8000-000000000000',
      specialty: 'Cardiologia',
      date_from: 20261201,
    });
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([{ path: 'date_from', message: 'expected a calendar date YYYY-MM-DD' }]);
  });

  it.each([
    ['POST /webhooks without events', 'POST', '/webhooks', { url: 'http://127.0.0.1:9/hook' }, 'events'],
    ['POST /locations without name', 'POST', '/locations', {}, 'name'],
    ['POST /waitlist without patient_id', 'POST', '/waitlist', { appointment_type_id: '0193a1f2-0000-7000-8000-000000000000', specialty: 'x' }, 'patient_id'],
  ])('%s: the field is named as required', async (_, method, path, body, field) => {
    const res = await t.api(method, path, body, { key: t.tenant.admin });
    expect(res.status).toBe(422);
    expect(JSON.stringify(res.body)).not.toMatch(/received undefined|Invalid input/);
    expect(res.body.errors).toContainEqual({ path: field, message: expect.stringMatching(/^required/) });
  });
});
