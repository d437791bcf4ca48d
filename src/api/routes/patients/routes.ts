import { createRoute } from '@hono/zod-openapi';
import { PHONE_TAKEN } from '../../schemas/conflicts';
import { IdParams, IncludeInactiveQuery, ListQuery, conflictResponse, errorResponses, jsonBody, createdResponse, jsonResponse, listOf } from '../../schemas/common';
import { PatientCreateSchema, PatientListQuery, PatientSchema, PatientUpdateSchema } from '../../schemas/patients';

const tags = ['Patients'];

export const create = createRoute({
  method: 'post',
  path: '/patients',
  tags,
  summary: 'Register a patient',
  description:
    'The phone is normalised to E.164 and is unique within the clinic: a phone another patient already has ' +
    "(active or not, in any format) is a 409 whose detail gives that patient's id. The conversation engine finds " +
    'patients by it. Accepts `Idempotency-Key`.',
  request: { body: jsonBody(PatientCreateSchema) },
  responses: { 201: createdResponse(PatientSchema, 'The new patient'), ...errorResponses(401, 403, 413, 422), ...conflictResponse({ phone_taken: PHONE_TAKEN }) },
});

export const list = createRoute({
  method: 'get',
  path: '/patients',
  tags,
  summary: 'List patients',
  description: 'Active patients, oldest first; `include_inactive=true` adds deactivated ones, `phone` finds the one with that phone.',
  request: { query: ListQuery.extend(IncludeInactiveQuery.shape).extend(PatientListQuery.shape) },
  responses: { 200: jsonResponse(listOf(PatientSchema, 'PatientList'), 'A page of patients, oldest first'), ...errorResponses(401, 403, 422) },
});

export const get = createRoute({
  method: 'get',
  path: '/patients/{id}',
  tags,
  summary: 'Get a patient',
  request: { params: IdParams },
  responses: { 200: jsonResponse(PatientSchema, 'The patient (also when inactive)'), ...errorResponses(401, 403, 404, 422) },
});

export const update = createRoute({
  method: 'put',
  path: '/patients/{id}',
  tags,
  summary: 'Update a patient',
  description:
    'Changes the fields given and leaves the rest as they are; `null` clears an optional field. ' +
    "A phone another patient has is a 409 giving that patient's id.",
  request: { params: IdParams, body: jsonBody(PatientUpdateSchema) },
  responses: { 200: jsonResponse(PatientSchema, 'The updated patient'), ...errorResponses(401, 403, 404, 413, 422), ...conflictResponse({ phone_taken: PHONE_TAKEN }) },
});

export const remove = createRoute({
  method: 'delete',
  path: '/patients/{id}',
  tags,
  summary: 'Deactivate a patient',
  description:
    'Soft delete: the patient keeps answering GET with `is_active: false`, leaves lists, and can no longer be booked. ' +
    'The phone stays registered to this patient. ' +
    'Deactivating one already inactive answers 204 again and changes nothing (it keeps its `updated_at`), so a retried request is safe.',
  request: { params: IdParams },
  responses: { 204: { description: 'Deactivated' }, ...errorResponses(401, 403, 404, 422) },
});
