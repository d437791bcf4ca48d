import type { RouteHandler } from '@hono/zod-openapi';
import type { AppEnv } from '../../env';
import { replyRecorder, storesReplyAtomically } from '../../middleware/idempotency';
import { listScope } from '../../pagination';
import type * as routes from './routes';

export const create: RouteHandler<typeof routes.create, AppEnv> = storesReplyAtomically(async (c) => {
  return c.json(await c.get('core').webhooks.create(c.get('tenantId'), c.req.valid('json'), replyRecorder(c, 201)), 201);
});

export const list: RouteHandler<typeof routes.list, AppEnv> = async (c) => {
  const { limit, cursor, include_inactive } = c.req.valid('query');
  const scope = listScope(c.get('tenantId'), 'webhooks', { include_inactive });
  const page = await c.get('cursors').request(scope, { limit, cursor });
  const result = await c.get('core').webhooks.list(c.get('tenantId'), { includeInactive: include_inactive }, page);
  return c.json(await c.get('cursors').respond(scope, result), 200);
};

export const get: RouteHandler<typeof routes.get, AppEnv> = async (c) => {
  return c.json(await c.get('core').webhooks.get(c.get('tenantId'), c.req.valid('param').id), 200);
};

export const update: RouteHandler<typeof routes.update, AppEnv> = async (c) => {
  return c.json(await c.get('core').webhooks.update(c.get('tenantId'), c.req.valid('param').id, c.req.valid('json')), 200);
};

export const remove: RouteHandler<typeof routes.remove, AppEnv> = async (c) => {
  await c.get('core').webhooks.deactivate(c.get('tenantId'), c.req.valid('param').id);
  return c.body(null, 204);
};

export const rotateSecret: RouteHandler<typeof routes.rotateSecret, AppEnv> = async (c) => {
  const { revoke_previous } = c.req.valid('json');
  return c.json(await c.get('core').webhooks.rotateSecret(c.get('tenantId'), c.req.valid('param').id, { revokePrevious: revoke_previous }), 200);
};

export const sendTest: RouteHandler<typeof routes.sendTest, AppEnv> = async (c) => {
  return c.json(await c.get('core').webhooks.sendTest(c.get('tenantId'), c.req.valid('param').id), 202);
};

export const deliveries: RouteHandler<typeof routes.deliveries, AppEnv> = async (c) => {
  const { id } = c.req.valid('param');
  const { limit, cursor, status, event_type } = c.req.valid('query');
  const filter = { statuses: status, event_type };
  const scope = listScope(c.get('tenantId'), `webhooks/${id}/deliveries`, filter);
  const page = await c.get('cursors').request(scope, { limit, cursor });
  const result = await c.get('core').webhooks.deliveries(c.get('tenantId'), id, filter, page);
  return c.json(await c.get('cursors').respond(scope, result), 200);
};

export const deadLetters: RouteHandler<typeof routes.deadLetters, AppEnv> = async (c) => {
  const { limit, cursor, ...filter } = c.req.valid('query');
  const scope = listScope(c.get('tenantId'), 'webhooks/dead-letters', filter);
  const page = await c.get('cursors').request(scope, { limit, cursor });
  const result = await c.get('core').webhooks.deadLetters(c.get('tenantId'), filter, page);
  return c.json(await c.get('cursors').respond(scope, result), 200);
};

export const redeliver: RouteHandler<typeof routes.redeliver, AppEnv> = async (c) => {
  return c.json(await c.get('core').webhooks.redeliver(c.get('tenantId'), c.req.valid('param').id), 202);
};
