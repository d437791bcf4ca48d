import type { RouteHandler } from '@hono/zod-openapi';
import type { AppEnv } from '../../env';
import { replyRecorder, storesReplyAtomically } from '../../middleware/idempotency';
import { listScope } from '../../pagination';
import type * as routes from './routes';

// Providers

export const create: RouteHandler<typeof routes.create, AppEnv> = storesReplyAtomically(async (c) => {
  const provider = await c.get('core').providers.create(c.get('tenantId'), c.req.valid('json'), replyRecorder(c, 201));
  return c.json(provider, 201);
});

export const list: RouteHandler<typeof routes.list, AppEnv> = async (c) => {
  const { limit, cursor, include_inactive, specialty, location_id } = c.req.valid('query');
  const scope = listScope(c.get('tenantId'), 'providers', { include_inactive, specialty, location_id });
  const page = await c.get('cursors').request(scope, { limit, cursor });
  const result = await c.get('core').providers.list(
    c.get('tenantId'),
    { includeInactive: include_inactive, specialty, location_id },
    page,
  );
  return c.json(await c.get('cursors').respond(scope, result), 200);
};

export const get: RouteHandler<typeof routes.get, AppEnv> = async (c) => {
  return c.json(await c.get('core').providers.get(c.get('tenantId'), c.req.valid('param').id), 200);
};

export const update: RouteHandler<typeof routes.update, AppEnv> = async (c) => {
  const provider = await c.get('core').providers.update(c.get('tenantId'), c.req.valid('param').id, c.req.valid('json'));
  return c.json(provider, 200);
};

export const remove: RouteHandler<typeof routes.remove, AppEnv> = async (c) => {
  await c.get('core').providers.deactivate(c.get('tenantId'), c.req.valid('param').id);
  return c.body(null, 204);
};

// Schedule templates

export const listTemplates: RouteHandler<typeof routes.listTemplates, AppEnv> = async (c) => {
  const { id } = c.req.valid('param');
  const { limit, cursor, include_inactive } = c.req.valid('query');
  const scope = listScope(c.get('tenantId'), 'provider-templates', { provider_id: id, include_inactive });
  const page = await c.get('cursors').request(scope, { limit, cursor });
  const result = await c.get('core').schedules.listTemplates(c.get('tenantId'), id, { includeInactive: include_inactive }, page);
  return c.json(await c.get('cursors').respond(scope, result), 200);
};

export const createTemplate: RouteHandler<typeof routes.createTemplate, AppEnv> = storesReplyAtomically(async (c) => {
  const template = await c
    .get('core')
    .schedules.createTemplate(c.get('tenantId'), c.req.valid('param').id, c.req.valid('json'), replyRecorder(c, 201));
  return c.json(template, 201);
});

export const getTemplate: RouteHandler<typeof routes.getTemplate, AppEnv> = async (c) => {
  const { id, tid } = c.req.valid('param');
  return c.json(await c.get('core').schedules.getTemplate(c.get('tenantId'), id, tid), 200);
};

export const updateTemplate: RouteHandler<typeof routes.updateTemplate, AppEnv> = async (c) => {
  const { id, tid } = c.req.valid('param');
  const template = await c.get('core').schedules.updateTemplate(c.get('tenantId'), id, tid, c.req.valid('json'));
  return c.json(template, 200);
};

export const removeTemplate: RouteHandler<typeof routes.removeTemplate, AppEnv> = async (c) => {
  const { id, tid } = c.req.valid('param');
  await c.get('core').schedules.deactivateTemplate(c.get('tenantId'), id, tid);
  return c.body(null, 204);
};

// Schedule overrides

export const listOverrides: RouteHandler<typeof routes.listOverrides, AppEnv> = async (c) => {
  const { id } = c.req.valid('param');
  const { limit, cursor, date_from, date_to } = c.req.valid('query');
  const scope = listScope(c.get('tenantId'), 'provider-overrides', { provider_id: id, date_from, date_to });
  const page = await c.get('cursors').request(scope, { limit, cursor });
  const result = await c.get('core').schedules.listOverrides(c.get('tenantId'), id, { date_from, date_to }, page);
  return c.json(await c.get('cursors').respond(scope, result), 200);
};

export const createOverride: RouteHandler<typeof routes.createOverride, AppEnv> = storesReplyAtomically(async (c) => {
  const override = await c
    .get('core')
    .schedules.createOverride(c.get('tenantId'), c.req.valid('param').id, c.req.valid('json'), replyRecorder(c, 201));
  return c.json(override, 201);
});

export const getOverride: RouteHandler<typeof routes.getOverride, AppEnv> = async (c) => {
  const { id, oid } = c.req.valid('param');
  return c.json(await c.get('core').schedules.getOverride(c.get('tenantId'), id, oid), 200);
};

export const removeOverride: RouteHandler<typeof routes.removeOverride, AppEnv> = async (c) => {
  const { id, oid } = c.req.valid('param');
  await c.get('core').schedules.deleteOverride(c.get('tenantId'), id, oid);
  return c.body(null, 204);
};

// Multi-location view

export const crossLocationConflicts: RouteHandler<typeof routes.crossLocationConflicts, AppEnv> = async (c) => {
  const { date_from, date_to } = c.req.valid('query');
  const result = await c.get('core').scheduleView.crossLocationConflicts(c.get('tenantId'), c.req.valid('param').id, date_from, date_to);
  return c.json(result, 200);
};

export const locationsSchedule: RouteHandler<typeof routes.locationsSchedule, AppEnv> = async (c) => {
  const { date_from, date_to } = c.req.valid('query');
  const result = await c.get('core').scheduleView.locationsSchedule(c.get('tenantId'), c.req.valid('param').id, date_from, date_to);
  return c.json(result, 200);
};
