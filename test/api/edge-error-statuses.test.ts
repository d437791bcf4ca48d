/**
 * The error statuses the edge answers for any operation are listed on each (api/openapi-examples.ts:
 * declareEdgeErrors): 413 on every method but GET/HEAD, 415 on every operation that reads a body, 500 on
 * all. Each request here is also held to /openapi.json by createTestApp's conformance check, which
 * failed on these answers while the document left the statuses out.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_BODY_BYTES } from '../../src/app';
import { createTestApp, type TestApp } from '../helpers/app';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('edge error statuses', () => {
  it('a DELETE or a body-less POST with a body over the limit is 413, as its operation documents', async () => {
    const location = await t.api('POST', '/locations', { name: 'Centro', timezone: 'America/Sao_Paulo' });
    expect(location.status).toBe(201);
    const big = 'x'.repeat(MAX_BODY_BYTES + 1);
    const del = await t.api('DELETE', `/locations/${location.body.id}`, big);
    expect(del).toMatchObject({ status: 413, body: { detail: `Request body exceeds ${MAX_BODY_BYTES} bytes` } });
    const start = await t.api('POST', '/appointments/0badc0de-0000-4000-8000-000000000000/start', big);
    expect(start.status).toBe(413);
  });

  it('an unexpected error is a documented 500 naming the request id', async () => {
    const list = t.repos.locations.list;
    t.repos.locations.list = async () => {
      throw new Error('disk on fire');
    };
    try {
      const res = await t.api('GET', '/locations');
      expect(res.status).toBe(500);
      expect(res.body.detail).toMatch(/^Internal server error \(request id .+\)$/);
    } finally {
      t.repos.locations.list = list;
    }
  });

  it('every operation lists 500, every one but GET/HEAD 413, every one with a body 415', async () => {
    const doc = (await (await t.app.request('/openapi.json')).json()) as {
      paths: Record<string, Record<string, { requestBody?: unknown; responses: Record<string, { content?: Record<string, { schema?: unknown }> }> }>>;
    };
    const missing: string[] = [];
    for (const [path, operations] of Object.entries(doc.paths)) {
      for (const [method, operation] of Object.entries(operations)) {
        const wanted = ['500', ...(method === 'get' || method === 'head' ? [] : ['413']), ...(operation.requestBody ? ['415'] : [])];
        for (const status of wanted) {
          const schema = operation.responses[status]?.content?.['application/json']?.schema;
          if (!schema) missing.push(`${method.toUpperCase()} ${path} ${status}`);
        }
      }
    }
    expect(missing).toEqual([]);
  });
});
