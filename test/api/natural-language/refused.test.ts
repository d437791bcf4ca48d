import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/app';
import { demoClinic } from './helpers';

let t: TestApp;
let demo: Awaited<ReturnType<typeof demoClinic>>;
beforeEach(async () => {
  t = await createTestApp();
  demo = await demoClinic(t);
});
afterEach(() => t.close());

describe('natural language: what is refused', () => {
  it.each([
    [{ message: '' }, 'message'],
    [{ message: '   \n ' }, 'message'],
    [{ message: 42 }, 'message'],
    [{ message: 'x'.repeat(20_000) }, 'message'],
    [{ message: 'oi', patient_id: 'not-a-uuid' }, 'patient_id'],
    [{ message: 'oi', patient_id: '0193f7a2-8c1e-7d4a-9e7b-2c6f0d9e8a10' }, 'patient_id'],
    [{ message: 'oi', reference_time: '2026-11-25T09:00:00' }, 'reference_time'],
    [{ message: 'oi', reference_time: 'amanhã' }, 'reference_time'],
    [{ message: 'oi', location_id: '0193f7a2-8c1e-7d4a-9e7b-2c6f0d9e8a10' }, 'location_id'],
  ])('%j → 422 naming %s', async (body, field) => {
    const res = await demo.ask(body);
    expect(res.status).toBe(422);
    expect(typeof res.body.detail).toBe('string');
    expect(JSON.stringify(res.body)).toContain(field);
  });

  it('refuses a body without message or patient, or not JSON', async () => {
    const noMessage = await t.api('POST', '/natural-language', { patient_id: demo.patient.id }, { key: demo.apiKey });
    expect(noMessage.status).toBe(422);
    const noPatient = await t.api('POST', '/natural-language', { message: 'oi' }, { key: demo.apiKey });
    expect(noPatient.status).toBe(422);
    expect(noPatient.body.errors.map((e: any) => e.path)).toContain('patient_id');
    const broken = await t.api('POST', '/natural-language', '{"message": "oi",', { key: demo.apiKey });
    expect(broken.status).toBe(422);
  });

  it('refuses an inactive location', async () => {
    const centro = demo.location('Unidade Centro');
    expect((await t.api('DELETE', `/locations/${centro.id}`, undefined, { key: demo.apiKey })).status).toBe(204);
    const res = await demo.ask({ message: 'oi', location_id: centro.id });
    expect(res.status).toBe(422);
    expect(res.body.detail).toMatch(/location_id/);
  });

  it('needs a key with the read scope', async () => {
    expect((await demo.ask({ message: 'oi' }, null)).status).toBe(401);
    const writeOnly = (await t.core.keys.createKey(demo.tenantId, ['write'])).secret;
    expect((await demo.ask({ message: 'oi' }, writeOnly)).status).toBe(403);
  });
});
