import { createRouter } from '../../create-router';
import * as handlers from './handlers';
import * as routes from './routes';

/** POST /voice: a voice note through transcription and the language layer. */
export const voiceRouter = createRouter().openapi(routes.understand, handlers.understand);
