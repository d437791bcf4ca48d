import type { RouteHandler } from '@hono/zod-openapi';
import type { AppEnv } from '../../env';
import { replyRecorder, storesReplyAtomically } from '../../middleware/idempotency';
import { listScope } from '../../pagination';
import type * as routes from './routes';

export const create: RouteHandler<typeof routes.create, AppEnv> = storesReplyAtomically(async (c) => {
  const location = await c.get('core').locations.create(c.get('tenantId'), c.req.valid('json'), replyRecorder(c, 201));
  return c.json(location, 201);
});

export const list: RouteHandler<typeof routes.list, AppEnv> = async (c) => {
  const { limit, cursor, include_inactive } = c.req.valid('query');
  const scope = listScope(c.get('tenantId'), 'locations', { include_inactive });
  const page = await c.get('cursors').request(scope, { limit, cursor });
  const result = await c.get('core').locations.list(c.get('tenantId'), { includeInactive: include_inactive }, page);
  return c.json(await c.get('cursors').respond(scope, result), 200);
};

export const get: RouteHandler<typeof routes.get, AppEnv> = async (c) => {
  return c.json(await c.get('core').locations.get(c.get('tenantId'), c.req.valid('param').id), 200);
};

export const update: RouteHandler<typeof routes.update, AppEnv> = async (c) => {
  const location = await c.get('core').locations.update(c.get('tenantId'), c.req.valid('param').id, c.req.valid('json'));
  return c.json(location, 200);
};

export const remove: RouteHandler<typeof routes.remove, AppEnv> = async (c) => {
  await c.get('core').locations.deactivate(c.get('tenantId'), c.req.valid('param').id);
  return c.body(null, 204);
};
