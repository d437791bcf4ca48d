import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, ON_D1, type TestApp } from '../../helpers/app';
import { nodeDocsAssets } from '../../../src/api/node-docs-assets';
import { buildApp } from '../../../src/app';
import { randomIds } from '../../../src/core/clock';
import { createRepositories } from '../../../src/db/repos';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(() => t.close());

describe('system routes', () => {
  it('/health reports version and database status without a key', async () => {
    const res = await t.app.request('/health');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok', version: 'test', database: 'ok', time: '2026-11-25T12:00:00.000Z' });
  });

  it.skipIf(ON_D1)('/health is 503 when the database is gone', async () => {
    t.sqlite.close();
    const res = await t.app.request('/health');
    expect(res.status).toBe(503);
    expect(((await res.json()) as { database: string }).database).toBe('unavailable');
  });

  it('every operation of /openapi.json has a summary, error responses and examples', async () => {
    const doc: any = await (await t.app.request('/openapi.json')).json();
    expect(doc.openapi).toBe('3.1.0');
    const schemaOf = (s: any) => (s?.$ref ? doc.components.schemas[s.$ref.split('/').pop()] : s);
    const problems: string[] = [];
    let operations = 0;
    for (const [path, item] of Object.entries<any>(doc.paths)) {
      for (const [method, op] of Object.entries<any>(item)) {
        operations++;
        const where = `${method.toUpperCase()} ${path}`;
        if (!op.summary) problems.push(`${where}: no summary`);
        if (path.startsWith('/v1/') && !Object.keys(op.responses).some((c) => c === '401')) problems.push(`${where}: no 401`);
        if (path.startsWith('/v1/') && !Object.keys(op.responses).some((c) => c === '403')) problems.push(`${where}: no 403`);
        const body = schemaOf(op.requestBody?.content?.['application/json']?.schema);
        if (body && !body.example) problems.push(`${where}: request body without example`);
        const ok = Object.entries<any>(op.responses).find(([c]) => c.startsWith('2'))?.[1];
        const okSchema = schemaOf(ok?.content?.['application/json']?.schema);
        if (okSchema && !okSchema.example && !okSchema.properties?.data) problems.push(`${where}: response without example`);
      }
    }
    expect(problems).toEqual([]);
    expect(operations).toBeGreaterThanOrEqual(35);
    expect(doc.components.securitySchemes.ApiKey).toMatchObject({ type: 'apiKey', in: 'header', name: 'x-api-key' });
  });

  it('/docs renders from local assets only', async () => {
    const app = buildApp({ repos: createRepositories(t.db), clock: t.clock, ids: randomIds, version: 'test', logLevel: 'silent', docsAssets: nodeDocsAssets() });
    const html = await (await app.request('/docs')).text();
    expect(html).toContain('docs/assets/swagger-ui-bundle.js');
    expect(html).not.toMatch(/https?:\/\//);
    for (const asset of ['swagger-ui-bundle.js', 'swagger-ui.css', 'init.js']) {
      const res = await app.request(`/docs/assets/${asset}`);
      expect(res.status, asset).toBe(200);
      expect((await res.text()).length).toBeGreaterThan(10);
    }
    expect((await app.request('/docs/assets/../../package.json')).status).toBe(404);
  });

  it('unknown routes answer 404 in the error shape', async () => {
    const res = await t.app.request('/nope');
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ detail: 'No route for GET /nope' });
    const api = await t.api('GET', '/nothing-here');
    expect(api.status).toBe(404);
    expect(api.body.detail).toMatch(/No route/);
  });
});
