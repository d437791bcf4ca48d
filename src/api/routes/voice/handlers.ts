import type { RouteHandler } from '@hono/zod-openapi';
import type { AppEnv } from '../../env';
import type * as routes from './routes';

export const understand: RouteHandler<typeof routes.understand, AppEnv> = async (c) => {
  const form = c.req.valid('form');
  const result = await c.get('core').voice.understand(c.get('tenantId'), {
    audio: { bytes: new Uint8Array(await form.audio.arrayBuffer()), filename: form.audio.name },
    patient_id: form.patient_id,
    reference_time: form.reference_time === undefined ? undefined : new Date(form.reference_time),
    location_id: form.location_id,
  });
  return c.json(result, 200);
};
