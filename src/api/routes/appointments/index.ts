import { createRouter } from '../../create-router';
import * as handlers from './handlers';
import * as routes from './routes';

export const appointmentsRouter = createRouter()
  .openapi(routes.create, handlers.create)
  .openapi(routes.list, handlers.list)
  .openapi(routes.get, handlers.get)
  .openapi(routes.update, handlers.update)
  .openapi(routes.remove, handlers.remove)
  .openapi(routes.confirm, handlers.confirm)
  .openapi(routes.checkIn, handlers.checkIn)
  .openapi(routes.start, handlers.start)
  .openapi(routes.complete, handlers.complete)
  .openapi(routes.noShow, handlers.noShow)
  .openapi(routes.cancel, handlers.cancel)
  .openapi(routes.reschedule, handlers.reschedule);
