import type { RouteHandler } from '@hono/zod-openapi';
import type { AppEnv } from '../../env';
import { replyRecorder, storesReplyAtomically } from '../../middleware/idempotency';
import { listScope } from '../../pagination';
import type * as routes from './routes';

export const create: RouteHandler<typeof routes.create, AppEnv> = storesReplyAtomically(async (c) => {
  const type = await c.get('core').appointmentTypes.create(c.get('tenantId'), c.req.valid('json'), replyRecorder(c, 201));
  return c.json(type, 201);
});

export const list: RouteHandler<typeof routes.list, AppEnv> = async (c) => {
  const { limit, cursor, include_inactive, specialty } = c.req.valid('query');
  const scope = listScope(c.get('tenantId'), 'appointment-types', { include_inactive, specialty: specialty ?? null });
  const page = await c.get('cursors').request(scope, { limit, cursor });
  const result = await c.get('core').appointmentTypes.list(c.get('tenantId'), { includeInactive: include_inactive, specialty }, page);
  return c.json(await c.get('cursors').respond(scope, result), 200);
};

export const get: RouteHandler<typeof routes.get, AppEnv> = async (c) => {
  return c.json(await c.get('core').appointmentTypes.get(c.get('tenantId'), c.req.valid('param').id), 200);
};

export const update: RouteHandler<typeof routes.update, AppEnv> = async (c) => {
  const type = await c.get('core').appointmentTypes.update(c.get('tenantId'), c.req.valid('param').id, c.req.valid('json'));
  return c.json(type, 200);
};

export const remove: RouteHandler<typeof routes.remove, AppEnv> = async (c) => {
  await c.get('core').appointmentTypes.deactivate(c.get('tenantId'), c.req.valid('param').id);
  return c.body(null, 204);
};
