import { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from './env';
import { zodErrorBody } from './errors';

/**
 * An OpenAPIHono whose validation failures answer 422 `{detail, errors}`, and which routes a path with one
 * trailing slash as the path without it (`strict: false`: many HTTP clients and URL builders add one).
 * `c.req.path` is then the path without the slash, so middleware that looks at it (idempotency, body
 * limits, `Location`) sees one path for both; `c.req.url` keeps the path as sent. The OpenAPI document
 * names the paths without the slash. Routing is the app's own (app.ts), whose routers are mounted into it.
 */
export function createRouter() {
  return new OpenAPIHono<AppEnv>({
    strict: false,
    defaultHook: (result, c) => {
      if (!result.success) return c.json(zodErrorBody(result.error), 422);
    },
  });
}

export type AppRouter = ReturnType<typeof createRouter>;
