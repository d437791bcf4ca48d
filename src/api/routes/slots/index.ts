import { createRouter } from '../../create-router';
import * as handlers from './handlers';
import * as routes from './routes';

/** GET /slots: scored slot search. */
export const slotsRouter = createRouter().openapi(routes.search, handlers.search);
