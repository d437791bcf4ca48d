import type { Context } from 'hono';
import type { RouteHandler } from '@hono/zod-openapi';
import type { AppEnv } from '../../env';
import { noContentRecorder, replyRecorder, storesReplyAtomically } from '../../middleware/idempotency';
import { listScope } from '../../pagination';
import type * as routes from './routes';

/** Who a history row names when the body does not: the API key, by name or prefix. */
function actor(c: Context<AppEnv>): string {
  const key = c.get('apiKey');
  return `api_key:${key.name ?? key.prefix}`;
}

export const create: RouteHandler<typeof routes.create, AppEnv> = storesReplyAtomically(async (c) => {
  const reply = replyRecorder(c, 201);
  return c.json(await c.get('core').appointments.create(c.get('tenantId'), c.req.valid('json'), actor(c), reply), 201);
});

export const list: RouteHandler<typeof routes.list, AppEnv> = async (c) => {
  const { limit, cursor, status, provider_profile_id, ...filters } = c.req.valid('query');
  const filter = { ...filters, provider_id: filters.provider_id ?? provider_profile_id, statuses: status };
  const scope = listScope(c.get('tenantId'), 'appointments', filter);
  const page = await c.get('cursors').request(scope, { limit, cursor });
  const result = await c.get('core').appointments.list(c.get('tenantId'), filter, page);
  return c.json(await c.get('cursors').respond(scope, result), 200);
};

export const get: RouteHandler<typeof routes.get, AppEnv> = async (c) => {
  return c.json(await c.get('core').appointments.get(c.get('tenantId'), c.req.valid('param').id), 200);
};

export const update: RouteHandler<typeof routes.update, AppEnv> = async (c) => {
  return c.json(await c.get('core').appointments.update(c.get('tenantId'), c.req.valid('param').id, c.req.valid('json')), 200);
};

export const remove: RouteHandler<typeof routes.remove, AppEnv> = storesReplyAtomically(async (c) => {
  const reply = noContentRecorder(c);
  await c.get('core').appointments.transition(c.get('tenantId'), c.req.valid('param').id, 'cancel', {}, actor(c), reply);
  return c.body(null, 204);
});

export const confirm: RouteHandler<typeof routes.confirm, AppEnv> = storesReplyAtomically(async (c) => {
  const body = c.req.valid('json');
  const id = c.req.valid('param').id;
  const reply = replyRecorder(c, 200);
  return c.json(await c.get('core').appointments.transition(c.get('tenantId'), id, 'confirm', { by: body.confirmed_by }, actor(c), reply), 200);
});

export const checkIn: RouteHandler<typeof routes.checkIn, AppEnv> = storesReplyAtomically(async (c) => {
  const body = c.req.valid('json');
  const id = c.req.valid('param').id;
  const reply = replyRecorder(c, 200);
  return c.json(await c.get('core').appointments.transition(c.get('tenantId'), id, 'check-in', { by: body.checked_in_by }, actor(c), reply), 200);
});

export const start: RouteHandler<typeof routes.start, AppEnv> = storesReplyAtomically(async (c) => {
  const reply = replyRecorder(c, 200);
  return c.json(await c.get('core').appointments.transition(c.get('tenantId'), c.req.valid('param').id, 'start', {}, actor(c), reply), 200);
});

export const complete: RouteHandler<typeof routes.complete, AppEnv> = storesReplyAtomically(async (c) => {
  const body = c.req.valid('json');
  const id = c.req.valid('param').id;
  const reply = replyRecorder(c, 200);
  return c.json(await c.get('core').appointments.transition(c.get('tenantId'), id, 'complete', { notes: body.notes }, actor(c), reply), 200);
});

export const noShow: RouteHandler<typeof routes.noShow, AppEnv> = storesReplyAtomically(async (c) => {
  const body = c.req.valid('json');
  const id = c.req.valid('param').id;
  const reply = replyRecorder(c, 200);
  return c.json(await c.get('core').appointments.transition(c.get('tenantId'), id, 'no-show', { notes: body.notes }, actor(c), reply), 200);
});

export const cancel: RouteHandler<typeof routes.cancel, AppEnv> = storesReplyAtomically(async (c) => {
  const body = c.req.valid('json');
  const id = c.req.valid('param').id;
  const input = { by: body.cancelled_by, reason: body.reason };
  const reply = replyRecorder(c, 200);
  return c.json(await c.get('core').appointments.transition(c.get('tenantId'), id, 'cancel', input, actor(c), reply), 200);
});

export const reschedule: RouteHandler<typeof routes.reschedule, AppEnv> = storesReplyAtomically(async (c) => {
  const id = c.req.valid('param').id;
  const reply = replyRecorder(c, 201);
  return c.json(await c.get('core').appointments.reschedule(c.get('tenantId'), id, c.req.valid('json'), actor(c), reply), 201);
});
