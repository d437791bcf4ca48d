import type { RouteHandler } from '@hono/zod-openapi';
import type { AppEnv } from '../../env';
import { replyRecorder, storesReplyAtomically } from '../../middleware/idempotency';
import { listScope } from '../../pagination';
import type * as routes from './routes';

export const create: RouteHandler<typeof routes.create, AppEnv> = storesReplyAtomically(async (c) => {
  return c.json(await c.get('core').waitlist.create(c.get('tenantId'), c.req.valid('json'), replyRecorder(c, 201)), 201);
});

export const list: RouteHandler<typeof routes.list, AppEnv> = async (c) => {
  const { limit, cursor, status, ...filters } = c.req.valid('query');
  const filter = { ...filters, statuses: status };
  const scope = listScope(c.get('tenantId'), 'waitlist', filter);
  const page = await c.get('cursors').request(scope, { limit, cursor });
  const result = await c.get('core').waitlist.list(c.get('tenantId'), filter, page);
  return c.json(await c.get('cursors').respond(scope, result), 200);
};

export const get: RouteHandler<typeof routes.get, AppEnv> = async (c) => {
  return c.json(await c.get('core').waitlist.get(c.get('tenantId'), c.req.valid('param').id), 200);
};

export const remove: RouteHandler<typeof routes.remove, AppEnv> = async (c) => {
  await c.get('core').waitlist.remove(c.get('tenantId'), c.req.valid('param').id);
  return c.body(null, 204);
};

export const position: RouteHandler<typeof routes.position, AppEnv> = async (c) => {
  return c.json(await c.get('core').waitlist.position(c.get('tenantId'), c.req.valid('param').id), 200);
};
