import { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from './env';
import { validationErrorBody, zodErrorBody, type ErrorBody } from './errors';

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
      if (!result.success) {
        const body = zodErrorBody(result.error);
        // the validator passes the input it read as `data` on a failure too (its types leave it out)
        const query = result.target === 'query' ? (result as { data?: unknown }).data : undefined;
        return c.json(query === undefined ? body : withRepeatedParams(body, query), 422);
      }
    },
  });
}

export type AppRouter = ReturnType<typeof createRouter>;

/**
 * A query parameter that takes one value but came several times (`limit=20&limit=50`: a URL builder
 * appending to a URL that already had it) reaches the schema as a list, whose own message ("expected a
 * UUID", "expected a whole number") would send the client looking at the values. Its errors say what
 * happened instead, keeping what the parameter expects. Repeatable parameters (`status`) have errors at
 * `status.<n>`, and required ones already say "given N times" (schemas/common.ts: requiredParam).
 */
function withRepeatedParams(body: ErrorBody, query: unknown): ErrorBody {
  if (!body.errors || query === null || typeof query !== 'object') return body;
  const values = query as Record<string, unknown>;
  let changed = false;
  const errors = body.errors.map((e) => {
    const sent = Object.hasOwn(values, e.path) ? values[e.path] : undefined;
    if (!Array.isArray(sent) || e.message.startsWith('given ')) return e;
    changed = true;
    const expected = /^Invalid input: expected \w+, received array$/.test(e.message) ? '' : ` (${e.message})`;
    return { path: e.path, message: `given ${sent.length} times: send it once${expected}` };
  });
  return changed ? validationErrorBody(errors) : body;
}
