import { createRouter } from '../../create-router';
import * as handlers from './handlers';
import * as routes from './routes';

export const noShowRouter = createRouter()
  .openapi(routes.risk, handlers.risk)
  .openapi(routes.dailyRisks, handlers.dailyRisks)
  .openapi(routes.modelInfo, handlers.modelInfo);
