import { createRoute } from '@hono/zod-openapi';
import { DOCTOR_HAS_PROFILE, LOCATION_INACTIVE, OVERRIDE_CLASH, PROVIDER_INACTIVE, TEMPLATE_OVERLAP } from '../../schemas/conflicts';
import { conflictResponse, errorResponses, jsonBody, createdResponse, jsonResponse, listOf } from '../../schemas/common';
import { ProviderCreateSchema, ProviderListQuery, ProviderSchema, ProviderUpdateSchema } from '../../schemas/providers';
import {
  OverrideCreateSchema,
  OverrideListQuery,
  OverrideParams,
  ProviderIdParams,
  ScheduleOverrideSchema,
  ScheduleTemplateSchema,
  TemplateCreateSchema,
  TemplateListQuery,
  TemplateParams,
  TemplateUpdateSchema,
} from '../../schemas/schedules';
import { CrossLocationConflictsSchema, DateRangeQuery, LocationsScheduleSchema } from '../../schemas/schedule-view';

const providerTags = ['Providers'];
const templateTags = ['Schedule templates'];
const overrideTags = ['Schedule overrides'];

// Providers

export const create = createRoute({
  method: 'post',
  path: '/providers',
  tags: providerTags,
  summary: 'Create a provider profile',
  description:
    'The scheduling profile of one doctor in this tenant. Defaults: 30-minute appointments, no buffer, no daily limit, ' +
    'one appointment at a time, accepting new patients. A second profile for the same `doctor_id` is a 409; an unknown ' +
    '`primary_location_id` a 422, an inactive one a 409. Accepts `Idempotency-Key`.',
  request: { body: jsonBody(ProviderCreateSchema) },
  responses: {
    201: createdResponse(ProviderSchema, 'The new provider profile'),
    ...errorResponses(401, 403, 413, 422),
    ...conflictResponse({ doctor_has_profile: DOCTOR_HAS_PROFILE, location_inactive: LOCATION_INACTIVE }),
  },
});

export const list = createRoute({
  method: 'get',
  path: '/providers',
  tags: providerTags,
  summary: 'List providers',
  description: 'Active providers, oldest first; filter by `specialty` (ignoring case and accents) and `location_id`.',
  request: { query: ProviderListQuery },
  responses: {
    200: jsonResponse(listOf(ProviderSchema, 'ProviderList'), 'A page of providers, oldest first'),
    ...errorResponses(401, 403, 422),
  },
});

export const get = createRoute({
  method: 'get',
  path: '/providers/{id}',
  tags: providerTags,
  summary: 'Get a provider',
  request: { params: ProviderIdParams },
  responses: { 200: jsonResponse(ProviderSchema, 'The provider (also when inactive)'), ...errorResponses(401, 403, 404, 422) },
});

export const update = createRoute({
  method: 'put',
  path: '/providers/{id}',
  tags: providerTags,
  summary: 'Update a provider',
  description: 'Changes the fields given and leaves the rest as they are. Unknown and read-only fields are ignored.',
  request: { params: ProviderIdParams, body: jsonBody(ProviderUpdateSchema) },
  responses: {
    200: jsonResponse(ProviderSchema, 'The updated provider'),
    ...errorResponses(401, 403, 404, 413, 422),
    ...conflictResponse({ doctor_has_profile: DOCTOR_HAS_PROFILE, location_inactive: LOCATION_INACTIVE }),
  },
});

export const remove = createRoute({
  method: 'delete',
  path: '/providers/{id}',
  tags: providerTags,
  summary: 'Deactivate a provider',
  description:
    'Soft delete: the provider keeps answering GET with `is_active: false`, leaves lists and can no longer be booked ' +
    'or given new templates or overrides. ' +
    'Deactivating one already inactive answers 204 again and changes nothing (it keeps its `updated_at`), so a retried request is safe.',
  request: { params: ProviderIdParams },
  responses: { 204: { description: 'Deactivated' }, ...errorResponses(401, 403, 404, 422) },
});

// Schedule templates

export const listTemplates = createRoute({
  method: 'get',
  path: '/providers/{id}/templates',
  tags: templateTags,
  summary: 'List schedule templates',
  description: 'The provider’s weekly working windows, oldest first; inactive ones only with `include_inactive=true`.',
  request: { params: ProviderIdParams, query: TemplateListQuery },
  responses: {
    200: jsonResponse(listOf(ScheduleTemplateSchema, 'ScheduleTemplateList'), 'A page of templates, oldest first'),
    ...errorResponses(401, 403, 404, 422),
  },
});

export const createTemplate = createRoute({
  method: 'post',
  path: '/providers/{id}/templates',
  tags: templateTags,
  summary: 'Create a schedule template',
  description:
    'A weekly window in the local time of its location. `start_time >= end_time` or `effective_from > effective_until` is a 422. ' +
    'It is refused with 409 when another active template of the provider covers some of the same instants and overlaps it ' +
    'in effective dates, at any location (a provider cannot be in two places); the check and the write are one atomic step. ' +
    'Templates of locations in different time zones are compared by the UTC instants they cover, with each zone\'s current ' +
    'offset: São Paulo 08:00-12:00 and Manaus 07:00-08:00 overlap (both start at 11:00 UTC), São Paulo 08:00-12:00 and ' +
    'Manaus 11:30-12:30 do not. ' +
    'An inactive provider, location or appointment type is a 409. Accepts `Idempotency-Key`.',
  request: { params: ProviderIdParams, body: jsonBody(TemplateCreateSchema) },
  responses: {
    201: createdResponse(ScheduleTemplateSchema, 'The new template'),
    ...errorResponses(401, 403, 404, 413, 422),
    ...conflictResponse({ overlap: TEMPLATE_OVERLAP, provider_inactive: PROVIDER_INACTIVE, location_inactive: LOCATION_INACTIVE }),
  },
});

export const getTemplate = createRoute({
  method: 'get',
  path: '/providers/{id}/templates/{tid}',
  tags: templateTags,
  summary: 'Get a schedule template',
  description: 'One template of the provider, as its create answered it; a deactivated one answers with `is_active: false`.',
  request: { params: TemplateParams },
  responses: { 200: jsonResponse(ScheduleTemplateSchema, 'The template'), ...errorResponses(401, 403, 404, 422) },
});

export const updateTemplate = createRoute({
  method: 'put',
  path: '/providers/{id}/templates/{tid}',
  tags: templateTags,
  summary: 'Update a schedule template',
  description:
    'Merges the fields given into the template and checks the result as a create would, overlap included (409).',
  request: { params: TemplateParams, body: jsonBody(TemplateUpdateSchema) },
  responses: {
    200: jsonResponse(ScheduleTemplateSchema, 'The updated template'),
    ...errorResponses(401, 403, 404, 413, 422),
    ...conflictResponse({ overlap: TEMPLATE_OVERLAP, location_inactive: LOCATION_INACTIVE }),
  },
});

export const removeTemplate = createRoute({
  method: 'delete',
  path: '/providers/{id}/templates/{tid}',
  tags: templateTags,
  summary: 'Deactivate a schedule template',
  description:
    'Soft delete: the template stops giving availability and is listed only with `include_inactive=true`. ' +
    'Deactivating one already inactive answers 204 again and changes nothing (it keeps its `updated_at`), so a retried request is safe.',
  request: { params: TemplateParams },
  responses: { 204: { description: 'Deactivated' }, ...errorResponses(401, 403, 404, 422) },
});

// Schedule overrides

export const listOverrides = createRoute({
  method: 'get',
  path: '/providers/{id}/overrides',
  tags: overrideTags,
  summary: 'List schedule overrides',
  description: 'The provider’s date overrides, in the order they were created; `date_from`/`date_to` (inclusive) narrow them.',
  request: { params: ProviderIdParams, query: OverrideListQuery },
  responses: {
    200: jsonResponse(listOf(ScheduleOverrideSchema, 'ScheduleOverrideList'), 'A page of overrides'),
    ...errorResponses(401, 403, 404, 422),
  },
});

export const createOverride = createRoute({
  method: 'post',
  path: '/providers/{id}/overrides',
  tags: overrideTags,
  summary: 'Create a schedule override',
  description:
    'Changes one local date: `blocked` removes the given hours (or the whole day without times), `modified` replaces the ' +
    'day’s hours, `added` gives extra hours (at `location_id`, else the provider’s primary location). ' +
    'An override that clashes with an existing one of the provider on the same date and of the same type is refused with ' +
    '409, whose detail names the existing override (id, date, hours, location): `added` hours overlapping `added` hours at ' +
    'the same location; `modified` hours overlapping `modified` hours at the same location, where a `modified` override ' +
    'without `location_id` (all locations) meets every location; a `blocked` override with the same `location_id` and ' +
    'the same hours (or both the whole day), whatever its `reason`. Working windows are not merged (a slot must fit inside ' +
    'one), so overlapping extra or replacement hours would only give odd slots; overlapping blocks are allowed, since ' +
    'their union is blocked. Hours that only touch (08:00-12:00 and 12:00-14:00) and overrides of different types do not ' +
    'clash. The check and the write are one atomic step, so two identical requests at once write one override. ' +
    'Accepts `Idempotency-Key`.',
  request: { params: ProviderIdParams, body: jsonBody(OverrideCreateSchema) },
  responses: {
    201: createdResponse(ScheduleOverrideSchema, 'The new override'),
    ...errorResponses(401, 403, 404, 413, 422),
    ...conflictResponse({ clash: OVERRIDE_CLASH, provider_inactive: PROVIDER_INACTIVE, location_inactive: LOCATION_INACTIVE }),
  },
});

export const getOverride = createRoute({
  method: 'get',
  path: '/providers/{id}/overrides/{oid}',
  tags: overrideTags,
  summary: 'Get a schedule override',
  description: 'One override of the provider, as its create answered it. A deleted override is gone (404).',
  request: { params: OverrideParams },
  responses: { 200: jsonResponse(ScheduleOverrideSchema, 'The override'), ...errorResponses(401, 403, 404, 422) },
});

export const removeOverride = createRoute({
  method: 'delete',
  path: '/providers/{id}/overrides/{oid}',
  tags: overrideTags,
  summary: 'Delete a schedule override',
  description: 'Hard delete: the date goes back to what the templates give. The override is gone, so a second DELETE is a 404.',
  request: { params: OverrideParams },
  responses: { 204: { description: 'Deleted' }, ...errorResponses(401, 403, 404, 422) },
});

// Multi-location view: cross-location conflicts and the locations schedule

const CONFLICT_DEFINITION =
  'A **commitment** is one of the provider’s active appointments (`requested`, `confirmed`, `checked_in`, `in_progress`; ' +
  'cancelled, completed and no-show ones never count) or one of its working windows (what its templates and overrides give ' +
  'on a local date, as slot search sees them: none at a location that is no longer active). Two commitments at two **different** locations are a **conflict** when ' +
  '`gap_minutes < travel_minutes`, where `gap_minutes` is the later start minus the earlier end, computed on UTC instants ' +
  '(so locations in different time zones compare correctly; negative = they overlap by that many minutes), and ' +
  '`travel_minutes` is the travel time between the two locations: the larger of what either location’s `travel_minutes` ' +
  'names for the other, else 30. A negative gap is `type: "overlap"`, a gap of 0 or more `insufficient_travel_time`. ' +
  'Commitments at the same location are never paired.';

export const crossLocationConflicts = createRoute({
  method: 'get',
  path: '/providers/{id}/cross-location-conflicts',
  tags: providerTags,
  summary: 'Check cross-location conflicts',
  description:
    `${CONFLICT_DEFINITION}\n\n` +
    'Every conflicting pair is reported once, whatever its kinds: appointment–appointment, appointment–window and ' +
    'window–window. `first` is the side that starts first; a conflict is dated by `first`’s local date and listed when ' +
    'that date is in `date_from`..`date_to` (its `second` may fall on the next day, e.g. across local midnight). ' +
    'A window side names the template (`source: "template"`) or the override (`added` / `modified`) that gives it. ' +
    'Ordered by date, then `first`’s start, then `second`’s start. Both dates are required, local and inclusive; ' +
    '`date_to` before `date_from` or a range over 31 days is a 422. An unknown provider (or another tenant’s) is a 404; an ' +
    'inactive provider still answers. Needs `read`.',
  request: { params: ProviderIdParams, query: DateRangeQuery },
  responses: {
    200: jsonResponse(CrossLocationConflictsSchema, 'The conflicting pairs, by date and time (an empty list when there are none)'),
    ...errorResponses(401, 403, 404, 422),
  },
});

export const locationsSchedule = createRoute({
  method: 'get',
  path: '/providers/{id}/locations-schedule',
  tags: providerTags,
  summary: 'Full multi-location schedule view',
  description:
    'The provider’s days from `date_from` to `date_to` (local, inclusive, at most 31 days; both required). **Every date ' +
    'of the range is listed, in order**; a date on which the provider has nothing has `locations: []`. Per date, the ' +
    'locations where the provider has a working window or an appointment that local date, ordered by their first ' +
    'commitment of the day; per location, its working windows (templates and overrides applied, blocked hours cut out, ' +
    'local HH:MM and UTC instants, ordered by start; a location that is no longer active has none, as slot search gives ' +
    'no time there) and its appointments in every status but `cancelled` (ordered by ' +
    'start). An appointment belongs to the local date of its start at its location. Cross-location conflicts among these ' +
    'are reported by `GET /providers/{id}/cross-location-conflicts`. `date_to` before `date_from` or a range over 31 days ' +
    'is a 422; an unknown provider (or another tenant’s) a 404. Needs `read`.',
  request: { params: ProviderIdParams, query: DateRangeQuery },
  responses: {
    200: jsonResponse(LocationsScheduleSchema, 'Per day and location, the working windows and the appointments'),
    ...errorResponses(401, 403, 404, 422),
  },
});
