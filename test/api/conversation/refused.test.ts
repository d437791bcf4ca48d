import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/app';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(() => t.close());

const conversations = (t: TestApp) => t.count('conversations');

describe('conversation: refused', () => {
  it('an unknown patient is 422 naming patient_id; a deactivated one is 409, like booking or joining the waitlist (CONTRACT: soft-deleted)', async () => {
    const unknown = await t.api('POST', '/conversation', { patient_id: '0193a1f2-0000-7000-8000-000000000000', channel: 'web', message: 'oi' });
    expect(unknown.status).toBe(422);
    expect(unknown.body.detail).toMatch(/patient_id/);

    const patient = (await t.api('POST', '/patients', { name: 'Ana Inativa' })).body;
    expect((await t.api('DELETE', `/patients/${patient.id}`)).status).toBe(204);
    const res = await t.api('POST', '/conversation', { patient_id: patient.id, channel: 'web', message: 'oi' });
    expect(res.status).toBe(409);
    expect(res.body).toEqual({ detail: 'The patient is inactive' });
    expect(await conversations(t)).toBe(0);
  });
});
