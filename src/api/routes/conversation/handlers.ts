import type { RouteHandler } from '@hono/zod-openapi';
import type { AppEnv } from '../../env';
import type * as routes from './routes';

export const message: RouteHandler<typeof routes.message, AppEnv> = async (c) => {
  const body = c.req.valid('json');
  const response = await c.get('conversations').handle(c.get('tenantId'), {
    patientId: body.patient_id,
    channel: body.channel,
    message: body.message,
    messageId: body.message_id,
  });
  return c.json(response as never, 200);
};

export const state: RouteHandler<typeof routes.state, AppEnv> = async (c) => {
  const { patient_id, channel } = c.req.valid('param');
  return c.json(await c.get('conversations').state(c.get('tenantId'), patient_id, channel), 200);
};

export const reset: RouteHandler<typeof routes.reset, AppEnv> = async (c) => {
  const { patient_id, channel } = c.req.valid('param');
  await c.get('conversations').reset(c.get('tenantId'), patient_id, channel);
  return c.body(null, 204);
};
