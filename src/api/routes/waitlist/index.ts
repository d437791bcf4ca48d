import { createRouter } from '../../create-router';
import * as handlers from './handlers';
import * as routes from './routes';

export const waitlistRouter = createRouter()
  .openapi(routes.create, handlers.create)
  .openapi(routes.list, handlers.list)
  .openapi(routes.position, handlers.position)
  .openapi(routes.get, handlers.get)
  .openapi(routes.remove, handlers.remove);
