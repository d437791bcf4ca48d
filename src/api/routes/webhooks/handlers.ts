import type { RouteHandler } from '@hono/zod-openapi';
import type { AppEnv } from '../../env';
import { listScope } from '../../pagination';
import type * as routes from './routes';

export const create: RouteHandler<typeof routes.create, AppEnv> = async (c) => {
  return c.json(await c.var.core.webhooks.create(c.var.tenantId, c.req.valid('json')), 201);
};

export const list: RouteHandler<typeof routes.list, AppEnv> = async (c) => {
  const { limit, cursor, include_inactive } = c.req.valid('query');
  const scope = listScope(c.var.tenantId, 'webhooks', { include_inactive });
  const page = await c.var.cursors.request(scope, { limit, cursor });
  const result = await c.var.core.webhooks.list(c.var.tenantId, { includeInactive: include_inactive }, page);
  return c.json(await c.var.cursors.respond(scope, result), 200);
};

export const get: RouteHandler<typeof routes.get, AppEnv> = async (c) => {
  return c.json(await c.var.core.webhooks.get(c.var.tenantId, c.req.valid('param').id), 200);
};

export const update: RouteHandler<typeof routes.update, AppEnv> = async (c) => {
  return c.json(await c.var.core.webhooks.update(c.var.tenantId, c.req.valid('param').id, c.req.valid('json')), 200);
};

export const remove: RouteHandler<typeof routes.remove, AppEnv> = async (c) => {
  await c.var.core.webhooks.deactivate(c.var.tenantId, c.req.valid('param').id);
  return c.body(null, 204);
};

export const rotateSecret: RouteHandler<typeof routes.rotateSecret, AppEnv> = async (c) => {
  return c.json(await c.var.core.webhooks.rotateSecret(c.var.tenantId, c.req.valid('param').id), 200);
};

export const sendTest: RouteHandler<typeof routes.sendTest, AppEnv> = async (c) => {
  return c.json(await c.var.core.webhooks.sendTest(c.var.tenantId, c.req.valid('param').id), 202);
};

export const deliveries: RouteHandler<typeof routes.deliveries, AppEnv> = async (c) => {
  const { id } = c.req.valid('param');
  const { limit, cursor, status, event_type } = c.req.valid('query');
  const filter = { statuses: status, event_type };
  const scope = listScope(c.var.tenantId, `webhooks/${id}/deliveries`, filter);
  const page = await c.var.cursors.request(scope, { limit, cursor });
  const result = await c.var.core.webhooks.deliveries(c.var.tenantId, id, filter, page);
  return c.json(await c.var.cursors.respond(scope, result), 200);
};

export const deadLetters: RouteHandler<typeof routes.deadLetters, AppEnv> = async (c) => {
  const { limit, cursor, ...filter } = c.req.valid('query');
  const scope = listScope(c.var.tenantId, 'webhooks/dead-letters', filter);
  const page = await c.var.cursors.request(scope, { limit, cursor });
  const result = await c.var.core.webhooks.deadLetters(c.var.tenantId, filter, page);
  return c.json(await c.var.cursors.respond(scope, result), 200);
};

export const redeliver: RouteHandler<typeof routes.redeliver, AppEnv> = async (c) => {
  return c.json(await c.var.core.webhooks.redeliver(c.var.tenantId, c.req.valid('param').id), 202);
};
