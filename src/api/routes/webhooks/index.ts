import { createRouter } from '../../create-router';
import * as handlers from './handlers';
import * as routes from './routes';

/**
 * Webhook subscriptions (the reference's 8 operations, plus rotate-secret and redeliver).
 * `/webhooks/dead-letters…` is registered before `/webhooks/{id}…` so that it is never taken for an id.
 */
export const webhooksRouter = createRouter()
  .openapi(routes.create, handlers.create)
  .openapi(routes.list, handlers.list)
  .openapi(routes.deadLetters, handlers.deadLetters)
  .openapi(routes.redeliver, handlers.redeliver)
  .openapi(routes.get, handlers.get)
  .openapi(routes.update, handlers.update)
  .openapi(routes.remove, handlers.remove)
  .openapi(routes.rotateSecret, handlers.rotateSecret)
  .openapi(routes.sendTest, handlers.sendTest)
  .openapi(routes.deliveries, handlers.deliveries);
