/**
 * `/` and `/docs` over real sockets, served directly and behind a reverse proxy that mounts the app at
 * `/agendador/` (a plain HTTP proxy on loopback that strips the prefix, as nginx's
 * `location /agendador/ { proxy_pass http://app/; }` does). A developer opening either base URL lands on
 * the docs, and every URL the docs page references (its assets, the OpenAPI document, the API server
 * the document names) resolves under the base it was opened at.
 */
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nodeDocsAssets } from '../../../src/api/node-docs-assets';
import { API_BASE, buildApp } from '../../../src/app';
import { randomIds } from '../../../src/core/clock';
import { createRepositories } from '../../../src/db/repos';
import { createTestApp, type TestApp } from '../../helpers/app';

const PREFIX = '/agendador';

let t: TestApp;
let app: ServerType;
let proxy: ServerType;
let direct: string;
let proxied: string;

async function listen(fetch: (request: Request) => Response | Promise<Response>): Promise<ServerType> {
  const server = serve({ fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  return server;
}
const urlOf = (server: ServerType) => `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
const close = (server: ServerType) => new Promise<void>((resolve) => server.close(() => resolve()));

beforeAll(async () => {
  t = await createTestApp();
  const built = buildApp({ repos: createRepositories(t.db), clock: t.clock, ids: randomIds, version: 'test', logLevel: 'silent', docsAssets: nodeDocsAssets() });
  app = await listen(built.fetch);
  direct = urlOf(app);
  // forwards /agendador/<rest> to the app's /<rest> and answers anything else with 404, as the proxy would
  proxy = await listen(async (request) => {
    const url = new URL(request.url);
    if (!url.pathname.startsWith(`${PREFIX}/`)) return new Response('not under the prefix', { status: 404 });
    const upstream = await fetch(`${direct}${url.pathname.slice(PREFIX.length)}${url.search}`, {
      method: request.method,
      headers: request.headers,
      redirect: 'manual',
    });
    return new Response(upstream.body, { status: upstream.status, headers: upstream.headers });
  });
  proxied = `${urlOf(proxy)}${PREFIX}`;
});

afterAll(async () => {
  await close(proxy);
  await close(app);
  t.close();
});

/** The URLs an HTML page references in `href` and `src` attributes. */
function referencesOf(html: string): string[] {
  return [...html.matchAll(/\b(?:href|src)="([^"]*)"/g)].map((m) => m[1]!);
}

describe.each([
  ['served directly', () => direct],
  ['behind a proxy at /agendador/', () => proxied],
])('%s', (_, baseOf) => {
  it('GET / redirects to the docs under the same base', async () => {
    const base = baseOf();
    const res = await fetch(`${base}/`, { redirect: 'manual' });
    expect(res.status).toBe(302);
    expect(new URL(res.headers.get('location')!, `${base}/`).href).toBe(`${base}/docs`);
    const followed = await fetch(`${base}/`);
    expect(followed.status).toBe(200);
    expect(followed.url).toBe(`${base}/docs`);
    expect(await followed.text()).toContain('<title>agendador API</title>');
  });

  it('/docs/ redirects to /docs under the same base', async () => {
    const base = baseOf();
    const res = await fetch(`${base}/docs/`, { redirect: 'manual' });
    expect(new URL(res.headers.get('location')!, `${base}/docs/`).href).toBe(`${base}/docs`);
  });

  it("the docs page's assets, the OpenAPI document and the API resolve under the page's base", async () => {
    const base = baseOf();
    const page = `${base}/docs`;
    const html = await (await fetch(page)).text();
    const refs = referencesOf(html);
    expect(refs.length).toBe(3);
    let init = '';
    for (const ref of refs) {
      const url = new URL(ref, page);
      expect(url.href.startsWith(`${base}/docs/assets/`), `${ref} resolves to ${url.href}`).toBe(true);
      const res = await fetch(url);
      expect(res.status, url.href).toBe(200);
      const text = await res.text();
      expect(text.length).toBeGreaterThan(10);
      if (ref.endsWith('init.js')) init = text;
    }

    // the document the viewer loads: SwaggerUIBundle's `url`, as the page's script computes it
    const computed = init.match(/url: new URL\('([^']+)', document\.baseURI\)\.href/);
    expect(computed, init).not.toBeNull();
    const documentUrl = new URL(computed![1]!, page);
    expect(documentUrl.href).toBe(`${base}/openapi.json`);
    const doc = (await (await fetch(documentUrl)).json()) as { openapi: string; servers: Array<{ url: string }> };
    expect(doc.openapi).toBe('3.1.0');

    // "Try it out": the document's server, relative to the document, reaches the API under the same base
    const server = new URL(doc.servers[0]!.url, documentUrl).href.replace(/\/$/, '');
    expect(server).toBe(base);
    const health = await fetch(`${server}/health`);
    expect(health.status).toBe(200);
    const unauthenticated = await fetch(`${server}${API_BASE}/locations`);
    expect(unauthenticated.status).toBe(401);
  });
});
