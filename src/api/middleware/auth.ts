/**
 * `x-api-key` → tenant and scopes. Unknown or missing key: 401. Missing scope: 403.
 * Scopes: `read` for GET, HEAD and OPTIONS (and POSTs that only read, like /natural-language and /voice), `write` for other methods,
 * `admin` for key and webhook management;
 * an `admin` key may do everything.
 */
import { createMiddleware } from 'hono/factory';
import type { Scope } from '../../core/model';
import { hasScope } from '../../core/keys';
import type { AppEnv } from '../env';
import { ApiError } from '../errors';

const ADMIN_PATHS = [/^\/v1\/scheduling\/api-keys(\/|$)/, /^\/v1\/scheduling\/webhooks(\/|$)/];
/** POSTs that change nothing: a body carries their question. */
const READING_POSTS = [/^\/v1\/scheduling\/natural-language\/?$/, /^\/v1\/scheduling\/voice\/?$/];

export const MISSING_KEY_DETAIL = 'Missing API key: send it in the x-api-key header';
export const INVALID_KEY_DETAIL = 'Invalid API key';
export const lacksScopeDetail = (scope: Scope) => `This API key lacks the '${scope}' scope`;

export function requiredScope(method: string, path: string): Scope {
  if (ADMIN_PATHS.some((re) => re.test(path))) return 'admin';
  if (method === 'POST' && READING_POSTS.some((re) => re.test(path))) return 'read';
  return method === 'GET' || method === 'HEAD' || method === 'OPTIONS' ? 'read' : 'write';
}

export const authenticate = createMiddleware<AppEnv>(async (c, next) => {
  const secret = c.req.header('x-api-key');
  if (!secret) throw new ApiError(401, MISSING_KEY_DETAIL);
  const key = await c.get('core').keys.authenticate(secret);
  if (!key) throw new ApiError(401, INVALID_KEY_DETAIL);
  const needed = requiredScope(c.req.method, c.req.path);
  if (!hasScope(key.scopes, needed)) throw new ApiError(403, lacksScopeDetail(needed));
  c.set('apiKey', key);
  c.set('tenantId', key.tenant_id);
  await next();
});
