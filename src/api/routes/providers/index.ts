import { createRouter } from '../../create-router';
import * as handlers from './handlers';
import * as routes from './routes';

/** Providers, their schedule templates and their schedule overrides (14 operations), plus cross-location conflicts and the locations schedule. */
export const providersRouter = createRouter()
  .openapi(routes.create, handlers.create)
  .openapi(routes.list, handlers.list)
  .openapi(routes.get, handlers.get)
  .openapi(routes.update, handlers.update)
  .openapi(routes.remove, handlers.remove)
  .openapi(routes.listTemplates, handlers.listTemplates)
  .openapi(routes.createTemplate, handlers.createTemplate)
  .openapi(routes.getTemplate, handlers.getTemplate)
  .openapi(routes.updateTemplate, handlers.updateTemplate)
  .openapi(routes.removeTemplate, handlers.removeTemplate)
  .openapi(routes.listOverrides, handlers.listOverrides)
  .openapi(routes.createOverride, handlers.createOverride)
  .openapi(routes.getOverride, handlers.getOverride)
  .openapi(routes.removeOverride, handlers.removeOverride)
  .openapi(routes.crossLocationConflicts, handlers.crossLocationConflicts)
  .openapi(routes.locationsSchedule, handlers.locationsSchedule);
