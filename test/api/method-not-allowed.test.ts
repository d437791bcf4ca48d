/**
 * A known path asked with a method it does not have is 405 with `Allow` naming the methods it has
 * (RFC 9110), and OPTIONS there is 204 with `Allow`; an unknown path stays 404. Nothing is written.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app';
import { createClinic } from '../helpers/clinic';

let t: TestApp;
let c: Awaited<ReturnType<typeof createClinic>>;
beforeEach(async () => {
  t = await createTestApp();
  c = await createClinic(t);
});
afterEach(() => t.close());

describe('a method a path does not have', () => {
  it('PATCH on an appointment is 405 with Allow, and changes nothing', async () => {
    const created = await t.api('POST', '/appointments', c.booking('2026-12-01T09:00:00-03:00', '2026-12-01T09:30:00-03:00'));
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const patched = await t.api('PATCH', `/appointments/${created.body.id}`, { notes: 'x' });
    expect(patched.status).toBe(405);
    expect(patched.headers.get('allow')).toBe('DELETE, GET, HEAD, OPTIONS, PUT');
    expect(patched.body).toEqual({
      detail: `Method PATCH is not allowed on /v1/scheduling/appointments/${created.body.id}: use DELETE, GET, HEAD, OPTIONS, PUT`,
    });
    const after = await t.api('GET', `/appointments/${created.body.id}`);
    expect(after.body).toMatchObject({ version: created.body.version, notes: created.body.notes });
  });

  it('names the methods of each kind of path: collections, actions, nested resources, with a trailing slash too', async () => {
    const cases: Array<[string, string, string]> = [
      ['DELETE', '/appointments', 'GET, HEAD, OPTIONS, POST'],
      ['GET', `/appointments/${c.provider.id}/confirm`, 'OPTIONS, POST'],
      ['PUT', '/slots/', 'GET, HEAD, OPTIONS'],
      ['POST', `/providers/${c.provider.id}/templates/${c.provider.id}`, 'DELETE, GET, HEAD, OPTIONS, PUT'],
    ];
    for (const [method, path, allow] of cases) {
      const res = await t.api(method, path, method === 'GET' ? undefined : {});
      expect(res.status, `${method} ${path}`).toBe(405);
      expect(res.headers.get('allow'), `${method} ${path}`).toBe(allow);
      expect(res.body.detail).toContain(`Method ${method} is not allowed`);
    }
  });

  it('OPTIONS on a known path is 204 with Allow (a read key may ask); unknown paths stay 404 {detail}; the key is still required', async () => {
    const options = await t.app.request('/v1/scheduling/patients', { method: 'OPTIONS', headers: { 'x-api-key': t.tenant.read } });
    expect(options.status).toBe(204);
    expect(options.headers.get('allow')).toBe('GET, HEAD, OPTIONS, POST');
    expect(await options.text()).toBe('');

    const unknown = await t.api('PATCH', '/nothing-here');
    expect(unknown.status).toBe(404);
    expect(unknown.body).toEqual({ detail: 'No route for PATCH /v1/scheduling/nothing-here' });
    expect(unknown.headers.get('allow')).toBeNull();

    const keyless = await t.api('PATCH', `/patients/${c.patients[0]!.id}`, {}, { key: null });
    expect(keyless.status).toBe(401);
  });
});
