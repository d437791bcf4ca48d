/**
 * Unauthenticated routes: `/` (a redirect to the docs), health, the OpenAPI document's viewer.
 * (`/openapi.json` is added by app.ts.) The viewer's page names its files and the document by relative
 * URLs, so it works as well when a reverse proxy serves the app under a path prefix (`/agendador/docs`).
 */
import { createRoute, z } from '@hono/zod-openapi';
import { createRouter } from '../../create-router';
import { jsonResponse } from '../../schemas/common';

export interface DocsAsset {
  body: string;
  contentType: string;
}

/** Reads a file of the API viewer (swagger-ui-dist); null when there is no such asset. */
export type DocsAssetLoader = (name: string) => Promise<DocsAsset | null>;

const HealthSchema = z
  .object({
    status: z.enum(['ok', 'degraded']),
    version: z.string(),
    database: z.enum(['ok', 'unavailable']),
    time: z.string(),
  })
  .openapi('Health', {
    example: { status: 'ok', version: '0.1.0', database: 'ok', time: '2026-11-25T12:00:00.000Z' },
  });

const health = createRoute({
  method: 'get',
  path: '/health',
  tags: ['System'],
  summary: 'Health and version',
  description: 'No API key needed. 503 when the database does not answer.',
  security: [],
  responses: {
    200: jsonResponse(HealthSchema, 'The server and its database answer'),
    503: jsonResponse(HealthSchema, 'The database does not answer'),
  },
});

const DOCS_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>agendador API</title>
<link rel="stylesheet" href="docs/assets/swagger-ui.css">
</head>
<body>
<div id="docs"></div>
<script src="docs/assets/swagger-ui-bundle.js"></script>
<script src="docs/assets/init.js"></script>
</body>
</html>`;

// `openapi.json` beside the page: /openapi.json, or /agendador/openapi.json behind a proxy's prefix
const DOCS_INIT = `window.ui = SwaggerUIBundle({ url: new URL('openapi.json', document.baseURI).href, dom_id: '#docs', deepLinking: true });`;

export function systemRouter(version: string, loadAsset: DocsAssetLoader) {
  const router = createRouter();
  router.openapi(health, async (c) => {
    let database: 'ok' | 'unavailable' = 'ok';
    try {
      await c.get('core').serverSettings.ping();
    } catch {
      database = 'unavailable';
    }
    const body = {
      status: database === 'ok' ? ('ok' as const) : ('degraded' as const),
      version,
      database,
      time: c.get('core').clock.now().toISOString(),
    };
    return database === 'ok' ? c.json(body, 200) : c.json(body, 503);
  });
  // Relative redirects, so that a proxy's path prefix is kept: `/` (a developer opening the server's URL)
  // goes to the docs, and `/docs/` to `/docs` (where the page's relative URLs resolve).
  router.get('/', (c) => c.redirect('docs', 302));
  // (the router takes `/docs/` for `/docs`, create-router.ts: the path as sent tells them apart)
  router.get('/docs', (c) => (new URL(c.req.url).pathname.endsWith('/') ? c.redirect('../docs', 301) : c.html(DOCS_HTML)));
  router.get('/docs/assets/init.js', (c) => c.body(DOCS_INIT, 200, { 'content-type': 'text/javascript; charset=utf-8' }));
  router.get('/docs/assets/:name', async (c) => {
    const asset = await loadAsset(c.req.param('name'));
    if (!asset) return c.json({ detail: 'No such documentation asset' }, 404);
    return c.body(asset.body, 200, { 'content-type': asset.contentType, 'cache-control': 'public, max-age=86400' });
  });
  return router;
}
