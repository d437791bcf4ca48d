import type { RouteHandler } from '@hono/zod-openapi';
import type { AppEnv } from '../../env';
import { listScope } from '../../pagination';
import type * as routes from './routes';

export const risk: RouteHandler<typeof routes.risk, AppEnv> = async (c) => {
  return c.json(await c.get('core').noShow.risk(c.get('tenantId'), c.req.valid('param').appointment_id), 200);
};

export const dailyRisks: RouteHandler<typeof routes.dailyRisks, AppEnv> = async (c) => {
  const { limit, cursor, date, provider_profile_id, ...rest } = c.req.valid('query');
  const filter = { ...rest, provider_id: rest.provider_id ?? provider_profile_id };
  const scope = listScope(c.get('tenantId'), 'no-show-daily-risks', { date, ...filter });
  const page = await c.get('cursors').request(scope, { limit, cursor });
  const result = await c.get('core').noShow.dailyRisks(c.get('tenantId'), date, filter, page);
  return c.json(await c.get('cursors').respond(scope, result), 200);
};

export const modelInfo: RouteHandler<typeof routes.modelInfo, AppEnv> = async (c) => {
  return c.json(await c.get('core').noShow.modelInfo(c.get('tenantId')), 200);
};
