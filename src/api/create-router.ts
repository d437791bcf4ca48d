import { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from './env';
import { zodErrorBody } from './errors';

/** An OpenAPIHono whose validation failures answer 422 `{detail, errors}`. */
export function createRouter() {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result, c) => {
      if (!result.success) return c.json(zodErrorBody(result.error), 422);
    },
  });
}

export type AppRouter = ReturnType<typeof createRouter>;
