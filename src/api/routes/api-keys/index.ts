import { createRoute, z } from '@hono/zod-openapi';
import { createRouter } from '../../create-router';
import { sealedReplyRecorder, storesReplyAtomically } from '../../middleware/idempotency';
import type { CreatedKey } from '../../../core/keys';
import { listScope } from '../../pagination';
import { IdParams, ListQuery, conflictResponse, errorResponses, jsonBody, createdResponse, jsonResponse } from '../../schemas/common';
import { ApiKeyCreateSchema, ApiKeyCreatedSchema, ApiKeySchema } from '../../schemas/api-keys';

const tags = ['API keys'];

const create = createRoute({
  method: 'post',
  path: '/api-keys',
  tags,
  summary: 'Create an API key for this tenant',
  description:
    'Needs the `admin` scope. The key is returned once and stored only as a hash. With an `Idempotency-Key`, a retry with the same API key replays it; the kept response is encrypted under that API key, and another key of the tenant that sends the same Idempotency-Key gets a 409.',
  request: { body: jsonBody(ApiKeyCreateSchema) },
  responses: { 201: createdResponse(ApiKeyCreatedSchema, 'The new key'), ...errorResponses(401, 403, 413, 422),
    ...conflictResponse({
      idempotency_key_of_another_api_key: {
        summary: 'another API key of the tenant already used this Idempotency-Key with the same request',
        detail: 'This Idempotency-Key was already used by another API key',
      },
    }),
  },
});

const list = createRoute({
  method: 'get',
  path: '/api-keys',
  tags,
  summary: "List this tenant's API keys",
  description: 'Needs the `admin` scope. Keys are shown by prefix only, revoked ones included, oldest first, in pages (`limit`, `cursor`).',
  request: { query: ListQuery },
  responses: {
    200: jsonResponse(
      z.object({ data: z.array(ApiKeySchema), next_cursor: z.string().nullable() }).openapi('ApiKeyList'),
      'A page of keys, revoked ones included',
    ),
    ...errorResponses(401, 403, 422),
  },
});

const get = createRoute({
  method: 'get',
  path: '/api-keys/{id}',
  tags,
  summary: 'Get an API key',
  description:
    'Needs the `admin` scope. The key as its create answered it but by prefix only: the key itself was shown once and is ' +
    'not stored. A revoked key answers with its `revoked_at`.',
  request: { params: IdParams },
  responses: { 200: jsonResponse(ApiKeySchema, 'The key, without its secret'), ...errorResponses(401, 403, 404, 422) },
});

const revoke = createRoute({
  method: 'delete',
  path: '/api-keys/{id}',
  tags,
  summary: 'Revoke an API key',
  description:
    'Needs the `admin` scope. The key stops working at once on this server, and within a second on other server processes over the same database. ' +
    'Revoking a key already revoked answers 204 again and keeps its first `revoked_at`, so a retried request is safe.',
  request: { params: IdParams },
  responses: { 204: { description: 'Revoked' }, ...errorResponses(401, 403, 404, 422) },
});

function publicKey<T extends { tenant_id: string }>(key: T): Omit<T, 'tenant_id'> {
  const { tenant_id: _tenant, ...rest } = key;
  return rest;
}

/** The answer to a create: the key with its secret, shown this once. */
function createdBody({ key, secret }: CreatedKey) {
  return { ...publicKey(key), key: secret };
}

export const apiKeysRouter = createRouter()
  .openapi(
    create,
    storesReplyAtomically(async (c) => {
      const { scopes, name } = c.req.valid('json');
      // the response carries the new key's secret: it is stored sealed under the caller's own key
      const recorder = sealedReplyRecorder(c, 201);
      const created = await c
        .get('core')
        .keys.createKey(c.get('tenantId'), scopes, name ?? null, { reply: recorder && ((made) => recorder(createdBody(made))) });
      return c.json(createdBody(created), 201);
    }),
  )
  .openapi(list, async (c) => {
    const { limit, cursor } = c.req.valid('query');
    const scope = listScope(c.get('tenantId'), 'api-keys');
    const page = await c.get('core').keys.list(c.get('tenantId'), await c.get('cursors').request(scope, { limit, cursor }));
    return c.json(await c.get('cursors').respond(scope, { items: page.items.map(publicKey), next: page.next }), 200);
  })
  .openapi(get, async (c) => {
    return c.json(publicKey(await c.get('core').keys.get(c.get('tenantId'), c.req.valid('param').id)), 200);
  })
  .openapi(revoke, async (c) => {
    await c.get('core').keys.revoke(c.get('tenantId'), c.req.valid('param').id);
    return c.body(null, 204);
  });
