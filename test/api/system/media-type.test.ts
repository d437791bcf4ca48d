/**
 * A body of the wrong media type is a 415 whose detail says what to send. `curl -d '{…}'` without a
 * header sends `application/x-www-form-urlencoded`: the first request most integrators try.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_BASE } from '../../../src/app';
import { bodyOf, createTestApp, type TestApp } from '../../helpers/app';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

async function post(path: string, body: string, contentType?: string) {
  const headers: Record<string, string> = { 'x-api-key': t.tenant.readWrite };
  if (contentType !== undefined) headers['content-type'] = contentType;
  const res = await t.app.request(`${API_BASE}${path}`, { method: 'POST', headers, body });
  return { status: res.status, body: await bodyOf(res) };
}

describe('415 names the media type to send', () => {
  it('a JSON route sent form data or text says to send application/json', async () => {
    for (const type of ['application/x-www-form-urlencoded', 'text/plain; charset=utf-8']) {
      const res = await post('/locations', '{"name":"Unidade"}', type);
      expect(res.status).toBe(415);
      expect(res.body.detail).toContain(`'${type.split(';')[0]}'`);
      expect(res.body.detail).toContain("Content-Type: application/json");
    }
    const lifecycle = await post('/appointments/3f2b8c1e-7d4a-4e7b-9a51-2c6f0d9e8a10/confirm', 'x', 'text/plain');
    expect(lifecycle.status).toBe(415);
    expect(lifecycle.body.detail).toContain('application/json');
  });

  it('POST /voice sent JSON says to send multipart/form-data', async () => {
    const res = await post('/voice', '{"patient_id":"x"}', 'application/json');
    expect(res.status).toBe(415);
    expect(res.body.detail).toContain('multipart/form-data');
  });
});
