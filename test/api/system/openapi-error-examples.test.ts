/**
 * The error examples of `/openapi.json` are what the server really answers for that operation: the
 * scope a 403 names, the record a 404 names, the limit a 413 gives, the body type a 415 asks for. Each
 * example is checked against a real request that gets that status.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_BASE, MAX_BODY_BYTES, MAX_VOICE_BODY_BYTES } from '../../../src/app';
import { createTestApp, type TestApp } from '../../helpers/app';

type Responses = Record<string, { content?: Record<string, { example?: { detail: string } }> }>;
interface Operation {
  method: string;
  path: string;
  responses: Responses;
}

let t: TestApp;
let operations: Operation[];
beforeAll(async () => {
  t = await createTestApp();
  const doc = (await (await t.app.request('/openapi.json')).json()) as { paths: Record<string, Record<string, { responses: Responses }>> };
  operations = Object.entries(doc.paths).flatMap(([path, ops]) => Object.entries(ops).map(([method, op]) => ({ method: method.toUpperCase(), path, responses: op.responses })));
});
afterAll(() => t.close());

const exampleOf = (op: Operation, status: string) => op.responses[status]?.content?.['application/json']?.example?.detail;
const withIds = (path: string) => path.replace(/\{channel\}/g, 'whatsapp').replace(/\{[^}]+\}/g, () => randomUUID()).replace(API_BASE, '');

describe('/openapi.json error examples', () => {
  it('a 404 example names the record the operation looks up, as the server does for an unknown id', async () => {
    const lookups = operations.filter((op) => (op.method === 'GET' || op.method === 'DELETE') && op.responses['404']);
    let compared = 0;
    for (const op of lookups) {
      const res = await t.api(op.method, withIds(op.path), undefined, { key: t.tenant.admin });
      if (res.status === 422) continue; // a required query parameter is checked first
      expect(res.status, `${op.method} ${op.path}: ${JSON.stringify(res.body)}`).toBe(404);
      expect(exampleOf(op, '404'), `${op.method} ${op.path}`).toBe(res.body.detail);
      compared++;
    }
    expect(compared).toBeGreaterThanOrEqual(20);
  });

  it('a 403 example names the scope the operation needs, as the server does for a key without it', async () => {
    const guarded = operations.filter((op) => op.responses['403']);
    expect(guarded.length).toBeGreaterThanOrEqual(50);
    for (const op of guarded) {
      // a read-only key lacks write and admin; a read-write key lacks admin
      const example = exampleOf(op, '403');
      const key = example?.includes("'admin'") ? t.tenant.readWrite : t.tenant.read;
      const res = await t.api(op.method, withIds(op.path), op.method === 'GET' || op.method === 'DELETE' ? undefined : {}, { key });
      if (example?.includes("'read'")) {
        // every key has read: the example is the only one to check
        expect(res.status, `${op.method} ${op.path}`).not.toBe(403);
        continue;
      }
      expect(res.status, `${op.method} ${op.path}: ${JSON.stringify(res.body)}`).toBe(403);
      expect(example, `${op.method} ${op.path}`).toBe(res.body.detail);
    }
  });

  it('401, 413 and 415 examples are the server’s own details', async () => {
    const any = operations.find((op) => op.responses['401'])!;
    const res = await t.api(any.method, withIds(any.path), undefined, { key: null });
    expect(res.status).toBe(401);
    expect(exampleOf(any, '401')).toBe(res.body.detail);

    const voice = operations.find((op) => op.path === `${API_BASE}/voice`)!;
    expect(exampleOf(voice, '413')).toBe(`Request body exceeds ${MAX_VOICE_BODY_BYTES} bytes`);
    const locations = operations.find((op) => op.method === 'POST' && op.path === `${API_BASE}/locations`)!;
    expect(exampleOf(locations, '413')).toBe(`Request body exceeds ${MAX_BODY_BYTES} bytes`);

    const confirm = operations.find((op) => op.path === `${API_BASE}/appointments/{id}/confirm`)!;
    const form = await t.app.request(`${API_BASE}${withIds('/appointments/{id}/confirm')}`, {
      method: 'POST',
      headers: { 'x-api-key': t.tenant.admin, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'reason=x',
    });
    expect(form.status).toBe(415);
    expect(exampleOf(confirm, '415')).toBe(((await form.json()) as { detail: string }).detail);
    expect(exampleOf(voice, '415')).toMatch(/multipart\/form-data/);
  });
});
