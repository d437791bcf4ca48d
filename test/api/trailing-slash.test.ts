/**
 * A path with one trailing slash is the same operation as the documented path without it: many HTTP
 * clients and URL builders add one. It goes through the same auth, validation and Idempotency-Key
 * handling; the OpenAPI document keeps naming the paths without it. Unknown paths stay 404 `{detail}`.
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

// 2026-12-01 is a Tuesday, inside the clinic's default template
const AT_9 = ['2026-12-01T09:00:00-03:00', '2026-12-01T09:30:00-03:00'] as const;
const AT_10 = ['2026-12-01T10:00:00-03:00', '2026-12-01T10:30:00-03:00'] as const;

describe('a trailing slash', () => {
  it('lists, creates, reads, updates and deletes as the path without it', async () => {
    const list = await t.api('GET', '/providers/?limit=1');
    expect(list.status, JSON.stringify(list.body)).toBe(200);
    expect(list.body.data.map((p: { id: string }) => p.id)).toEqual([c.provider.id]);

    const created = await t.api('POST', '/appointments/', c.booking(...AT_9));
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    // the created resource's URL is the documented one, without the slash
    expect(created.headers.get('location')).toBe(`/v1/scheduling/appointments/${created.body.id}`);

    const got = await t.api('GET', `/appointments/${created.body.id}/`);
    expect(got.status).toBe(200);
    expect(got.body).toMatchObject({ id: created.body.id, status: 'requested' });

    const renamed = await t.api('PUT', `/patients/${c.patients[0]!.id}/`, { name: 'Paciente Renomeado' });
    expect(renamed.status, JSON.stringify(renamed.body)).toBe(200);
    expect(renamed.body.name).toBe('Paciente Renomeado');

    const confirmed = await t.api('POST', `/appointments/${created.body.id}/confirm/`, {});
    expect(confirmed.status, JSON.stringify(confirmed.body)).toBe(200);
    expect(confirmed.body.status).toBe('confirmed');

    const cancelled = await t.api('DELETE', `/appointments/${created.body.id}/`);
    expect(cancelled.status).toBe(204);
    expect((await t.api('GET', `/appointments/${created.body.id}`)).body.status).toBe('cancelled');

    const deactivated = await t.api('DELETE', `/patients/${c.patients[1]!.id}/`);
    expect(deactivated.status).toBe(204);
    expect((await t.api('GET', `/patients/${c.patients[1]!.id}`)).body.is_active).toBe(false);
  });

  it('goes through auth and validation', async () => {
    const anonymous = await t.api('GET', '/providers/', undefined, { key: null });
    expect(anonymous.status).toBe(401);
    expect(anonymous.body).toEqual({ detail: expect.any(String) });

    const readOnly = await t.api('POST', '/appointments/', c.booking(...AT_9), { key: t.tenant.read });
    expect(readOnly.status).toBe(403);

    const invalid = await t.api('POST', '/appointments/', { ...c.booking(...AT_9), start_time: 'amanhã' });
    expect(invalid.status).toBe(422);
    expect(invalid.body.errors.map((e: { path: string }) => e.path)).toContain('start_time');

    const badId = await t.api('GET', '/appointments/not-a-uuid/');
    expect(badId.status).toBe(422);
    expect(badId.body).toMatchObject({ detail: expect.any(String) });
  });

  it('is the same request for Idempotency-Key as the path without it', async () => {
    const headers = { 'idempotency-key': 'slash-1' };
    const first = await t.api('POST', '/appointments', c.booking(...AT_9), { headers });
    expect(first.status).toBe(201);
    const retry = await t.api('POST', '/appointments/', c.booking(...AT_9), { headers });
    expect(retry.status).toBe(201);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(retry.body).toEqual(first.body);
    const other = await t.api('POST', '/appointments/', c.booking(...AT_10), { headers });
    expect(other.status).toBe(409);
    expect(await t.count('appointments')).toBe(1);

    const cancel = { 'idempotency-key': 'slash-cancel' };
    expect((await t.api('DELETE', `/appointments/${first.body.id}/`, undefined, { headers: cancel })).status).toBe(204);
    const again = await t.api('DELETE', `/appointments/${first.body.id}`, undefined, { headers: cancel });
    expect(again.status).toBe(204);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
  });

  it('an unknown path with a slash is still 404 {detail}, and only one slash is taken away', async () => {
    const unknown = await t.api('GET', '/nothing-here/');
    expect(unknown.status).toBe(404);
    expect(unknown.body).toEqual({ detail: 'No route for GET /v1/scheduling/nothing-here/' });
    const twice = await t.api('GET', '/providers//');
    expect(twice.status).toBe(404);
    expect(twice.body).toEqual({ detail: expect.any(String) });
    const root = await t.app.request('/nope/');
    expect(root.status).toBe(404);
    expect(await root.json()).toEqual({ detail: 'No route for GET /nope/' });
  });

  it('/health, /openapi.json and the docs keep working; the document names no path with a slash', async () => {
    expect((await t.app.request('/health')).status).toBe(200);
    const health = await t.app.request('/health/');
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok' });

    const doc = (await (await t.app.request('/openapi.json')).json()) as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths).filter((p) => p.endsWith('/'))).toEqual([]);
    expect(doc.paths['/v1/scheduling/providers']).toBeDefined();

    const docs = await t.app.request('/docs');
    expect(docs.status).toBe(200);
    expect(await docs.text()).toContain('docs/assets/swagger-ui-bundle.js');
    // the page's relative URLs resolve from /docs: /docs/ is still sent there rather than served
    const slashed = await t.app.request('/docs/');
    expect(slashed.status).toBe(301);
    expect(new URL(slashed.headers.get('location')!, 'http://localhost/docs/').pathname).toBe('/docs');
    expect((await t.app.request('/docs/assets/init.js')).status).toBe(200);
  });
});
