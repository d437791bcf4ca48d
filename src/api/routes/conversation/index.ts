import { createRouter } from '../../create-router';
import * as handlers from './handlers';
import * as routes from './routes';

/** The booking conversation over HTTP: a message in, the reply out; state and reset for support. */
export const conversationRouter = createRouter()
  .openapi(routes.message, handlers.message)
  .openapi(routes.state, handlers.state)
  .openapi(routes.reset, handlers.reset);
