import { createRoute } from '@hono/zod-openapi';
import { IdParams, IncludeInactiveQuery, ListQuery, errorResponses, jsonBody, createdResponse, jsonResponse, listOf } from '../../schemas/common';
import {
  AppointmentTypeCreateSchema,
  AppointmentTypeListQuery,
  AppointmentTypeSchema,
  AppointmentTypeUpdateSchema,
} from '../../schemas/appointment-types';

const tags = ['Appointment types'];

export const create = createRoute({
  method: 'post',
  path: '/appointment-types',
  tags,
  summary: 'Create an appointment type',
  description:
    'A kind of appointment (e.g. "Primeira consulta", "Retorno") with its duration, optional specialty and the pt-BR ' +
    'synonyms the language layer maps to it. Accepts `Idempotency-Key`.',
  request: { body: jsonBody(AppointmentTypeCreateSchema) },
  responses: { 201: createdResponse(AppointmentTypeSchema, 'The new appointment type'), ...errorResponses(401, 403, 413, 422) },
});

export const list = createRoute({
  method: 'get',
  path: '/appointment-types',
  tags,
  summary: 'List appointment types',
  description: 'Active types, oldest first; `include_inactive=true` adds deactivated ones, `specialty` narrows to one specialty.',
  request: { query: ListQuery.extend(IncludeInactiveQuery.shape).extend(AppointmentTypeListQuery.shape) },
  responses: {
    200: jsonResponse(listOf(AppointmentTypeSchema, 'AppointmentTypeList'), 'A page of appointment types, oldest first'),
    ...errorResponses(401, 403, 422),
  },
});

export const get = createRoute({
  method: 'get',
  path: '/appointment-types/{id}',
  tags,
  summary: 'Get an appointment type',
  request: { params: IdParams },
  responses: { 200: jsonResponse(AppointmentTypeSchema, 'The appointment type (also when inactive)'), ...errorResponses(401, 403, 404, 422) },
});

export const update = createRoute({
  method: 'put',
  path: '/appointment-types/{id}',
  tags,
  summary: 'Update an appointment type',
  description: 'Changes the fields given and leaves the rest as they are. `synonyms` replaces the whole list.',
  request: { params: IdParams, body: jsonBody(AppointmentTypeUpdateSchema) },
  responses: { 200: jsonResponse(AppointmentTypeSchema, 'The updated appointment type'), ...errorResponses(401, 403, 404, 413, 422) },
});

export const remove = createRoute({
  method: 'delete',
  path: '/appointment-types/{id}',
  tags,
  summary: 'Deactivate an appointment type',
  description:
    'Soft delete: the type keeps answering GET with `is_active: false`, leaves lists, and can no longer be booked. ' +
    'Deactivating one already inactive answers 204 again and changes nothing (it keeps its `updated_at`), so a retried request is safe.',
  request: { params: IdParams },
  responses: { 204: { description: 'Deactivated' }, ...errorResponses(401, 403, 404, 422) },
});
