import { createRouter } from '../../create-router';
import * as handlers from './handlers';
import * as routes from './routes';

/** POST /natural-language: the language layer over HTTP. */
export const naturalLanguageRouter = createRouter().openapi(routes.understand, handlers.understand);
