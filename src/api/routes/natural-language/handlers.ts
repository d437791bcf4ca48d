import type { RouteHandler } from '@hono/zod-openapi';
import type { AppEnv } from '../../env';
import type * as routes from './routes';

export const understand: RouteHandler<typeof routes.understand, AppEnv> = async (c) => {
  const body = c.req.valid('json');
  const result = await c.get('core').language.understand(c.get('tenantId'), {
    message: body.message,
    patient_id: body.patient_id,
    reference_time: body.reference_time === undefined ? undefined : new Date(body.reference_time),
    location_id: body.location_id,
  });
  return c.json(result, 200);
};
