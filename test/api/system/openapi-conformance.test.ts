/**
 * The response-conformance check (test/helpers/openapi-conformance.ts) fails on responses that break
 * their documented schema, and createTestApp turns it on: so that it cannot silently become a no-op.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { createTestApp } from '../../helpers/app';
import {
  checkResponsesAgainstOpenApi,
  checksResponses,
  ConformanceError,
  createConformanceChecker,
  takeMismatches,
  type OpenApiDocument,
} from '../../helpers/openapi-conformance';

/** A tiny app whose one operation documents 200 `{id: uuid, name: string|null}` and 404 `Error`; `?answer=` picks what it really answers. */
function tinyApp(options: { strict?: boolean } = {}) {
  const app = new OpenAPIHono(options);
  const Thing = z.object({ id: z.uuid(), name: z.string().nullable() }).openapi('Thing');
  const ErrorBody = z.object({ detail: z.string() }).openapi('Error');
  const route = createRoute({
    method: 'get',
    path: '/things/{id}',
    request: { params: z.object({ id: z.string() }) },
    responses: {
      200: {
        description: 'The thing',
        headers: { 'X-Thing-Version': { required: true, schema: { type: 'string', pattern: '^[0-9]+$' } } },
        content: { 'application/json': { schema: Thing } },
      },
      404: { description: 'Not found', content: { 'application/json': { schema: ErrorBody } } },
    },
  });
  app.openapi(route, ((c: any) => {
    const id = '3f2b8c1e-7d4a-4e7b-9a51-2c6f0d9e8a10';
    const header = c.req.query('answer') === 'no-header' ? null : c.req.query('answer') === 'bad-header' ? 'v1' : '1';
    if (header !== null) c.header('X-Thing-Version', header);
    switch (c.req.query('answer')) {
      case 'wrong-type':
        return c.json({ id, name: 42 }, 200);
      case 'extra-field':
        return c.json({ id, name: null, secret: 'x' }, 200);
      case 'missing-field':
        return c.json({ id }, 200);
      case 'bad-format':
        return c.json({ id: 'not-a-uuid', name: null }, 200);
      case 'undocumented-status':
        return c.json({ detail: 'nope' }, 409);
      case 'text':
        return c.text('hello', 200);
      case 'not-found':
        return c.json({ detail: 'Thing not found' }, 404);
      default:
        return c.json({ id, name: null }, 200);
    }
  }) as never);
  app.doc31('/openapi.json', { openapi: '3.1.0', info: { title: 'tiny', version: '1' } });
  return app;
}

afterEach(() => {
  // the mismatches these tests provoke on purpose are not the test's failure
  takeMismatches();
});

describe('response conformance check', () => {
  it('passes responses that match their documented schema', async () => {
    const app = await checkResponsesAgainstOpenApi(tinyApp());
    expect((await app.request('/things/1')).status).toBe(200);
    expect((await app.request('/things/1?answer=not-found')).status).toBe(404);
    expect(takeMismatches()).toEqual([]);
  });

  it('leaves alone what the document does not describe: another path (two trailing slashes too), another method', async () => {
    const app = await checkResponsesAgainstOpenApi(tinyApp());
    expect((await app.request('/things')).status).toBe(404);
    expect((await app.request('/things/1//')).status).toBe(404);
    expect((await app.request('/things/1', { method: 'DELETE' })).status).toBe(404);
    expect(takeMismatches()).toEqual([]);
  });

  it('holds a path with one trailing slash to its operation, which the app serves there too', async () => {
    const app = await checkResponsesAgainstOpenApi(tinyApp({ strict: false }));
    expect((await app.request('/things/1/')).status).toBe(200);
    expect(takeMismatches()).toEqual([]);
    const error = await Promise.resolve(app.request('/things/1/?answer=wrong-type')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConformanceError);
    expect((error as Error).message).toMatch(/GET \/things\/\{id\} → 200: response 200 application\/json: body\/name: must be string,null/);
  });

  it.each([
    ['wrong-type', /GET \/things\/\{id\} → 200: response 200 application\/json: body\/name: must be string,null/],
    ['extra-field', /GET \/things\/\{id\} → 200: .*body: must NOT have unevaluated properties \{"unevaluatedProperty":"secret"\}/],
    ['no-header', /GET \/things\/\{id\} → 200: response 200 requires the header X-Thing-Version, which is missing/],
    ['bad-header', /GET \/things\/\{id\} → 200: response 200: header X-Thing-Version: must match pattern .*; value was: v1/],
    ['missing-field', /GET \/things\/\{id\} → 200: .*body: must have required property 'name'.*\n +body was: \{"id":"3f2b8c1e/],
    ['bad-format', /GET \/things\/\{id\} → 200: .*body\/id: must match format "uuid"/],
    ['undocumented-status', /GET \/things\/\{id\} → 409: status 409 is not documented \(documented: 200, 404\)/],
    ['text', /GET \/things\/\{id\} → 200: content type text\/plain is not documented \(documented: application\/json\)/],
  ])('fails the request whose response breaks the document: %s', async (answer, message) => {
    const app = await checkResponsesAgainstOpenApi(tinyApp());
    const error = await Promise.resolve(app.request(`/things/1?answer=${answer}`)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConformanceError);
    expect((error as Error).message).toMatch(message);
    // recorded too, for conformance-setup.ts to fail a test that caught the error
    expect(takeMismatches().length).toBeGreaterThan(0);
  });

  it('checks the real app against a doctored document: a field the document requires and the answer lacks', async () => {
    const t = await createTestApp();
    try {
      const document = (await (await t.app.request('/openapi.json')).json()) as OpenApiDocument & { components: { schemas: Record<string, { required?: string[] }> } };
      const response = await t.app.request('/health');
      expect(response.status).toBe(200);
      expect(await createConformanceChecker(document).check('GET', 'http://localhost/health', response)).toEqual([]);
      document.components.schemas.Health!.required = [...(document.components.schemas.Health!.required ?? []), 'uptime_hours'];
      const mismatches = await createConformanceChecker(document).check('GET', 'http://localhost/health', response);
      expect(mismatches).toEqual([{ operation: 'GET /health', status: 200, problem: expect.stringMatching(/body: must have required property 'uptime_hours'/) }]);
      // once for each response, however many errors its body has
      expect(mismatches).toHaveLength(1);
    } finally {
      t.close();
    }
  });

  it('is on for every app createTestApp builds, unless turned off', async () => {
    const on = await createTestApp();
    const off = await createTestApp({ checkResponses: false });
    try {
      expect(checksResponses(on.app)).toBe(true);
      expect(checksResponses(off.app)).toBe(false);
    } finally {
      on.close();
      off.close();
    }
  });
});
