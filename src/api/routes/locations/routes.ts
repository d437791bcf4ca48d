import { createRoute } from '@hono/zod-openapi';
import { IdParams, IncludeInactiveQuery, ListQuery, conflictResponse, errorResponses, jsonBody, createdResponse, jsonResponse, listOf } from '../../schemas/common';
import { LocationCreateSchema, LocationSchema, LocationUpdateSchema } from '../../schemas/locations';

const tags = ['Locations'];

export const create = createRoute({
  method: 'post',
  path: '/locations',
  tags,
  summary: 'Create a location',
  description: 'A clinic unit with its IANA time zone, rooms and travel times to the other units. Accepts `Idempotency-Key`.',
  request: { body: jsonBody(LocationCreateSchema) },
  responses: { 201: createdResponse(LocationSchema, 'The new location'), ...errorResponses(401, 403, 413, 422) },
});

export const list = createRoute({
  method: 'get',
  path: '/locations',
  tags,
  summary: 'List locations',
  request: { query: ListQuery.extend(IncludeInactiveQuery.shape) },
  responses: { 200: jsonResponse(listOf(LocationSchema, 'LocationList'), 'A page of locations, oldest first'), ...errorResponses(401, 403, 422) },
});

export const get = createRoute({
  method: 'get',
  path: '/locations/{id}',
  tags,
  summary: 'Get a location',
  request: { params: IdParams },
  responses: { 200: jsonResponse(LocationSchema, 'The location (also when inactive)'), ...errorResponses(401, 403, 404, 422) },
});

export const update = createRoute({
  method: 'put',
  path: '/locations/{id}',
  tags,
  summary: 'Update a location',
  description:
    'Changes the fields given and leaves the rest as they are. A new `timezone` keeps every instant: a waitlist time ' +
    'offered at this location is still the same instant, now read in the new zone, and in the same step an entry whose ' +
    'standing offer that puts outside the provider\'s hours waits again (as after any change that makes it untakeable). ' +
    'Every appointment at the location, past ones too, keeps its instants and takes the local date its start has in the new ' +
    'zone, in the same step: the appointment list\'s `date_from`/`date_to`, the daily limit and the daily no-show risks use it. ' +
    '409 when another request keeps changing the location meanwhile.',
  request: { params: IdParams, body: jsonBody(LocationUpdateSchema) },
  responses: { 200: jsonResponse(LocationSchema, 'The updated location'), ...errorResponses(401, 403, 404, 413, 422),
    ...conflictResponse({
      changed_meanwhile: {
        summary: 'another request kept changing the location while a new timezone was being applied',
        detail: 'The location is being changed by another request; try again',
      },
    }),
  },
});

export const remove = createRoute({
  method: 'delete',
  path: '/locations/{id}',
  tags,
  summary: 'Deactivate a location',
  description:
    'Soft delete: the location keeps answering GET with `is_active: false` and can no longer be booked. ' +
    'Deactivating one already inactive answers 204 again and changes nothing (it keeps its `updated_at`), so a retried request is safe.',
  request: { params: IdParams },
  responses: { 204: { description: 'Deactivated' }, ...errorResponses(401, 403, 404, 422) },
});
