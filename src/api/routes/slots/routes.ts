import { createRoute } from '@hono/zod-openapi';
import { errorResponses, jsonResponse, listOf } from '../../schemas/common';
import { AvailableSlotSchema, SlotQuerySchema } from '../../schemas/slots';
import { SCORE_FORMULA } from '../../../core/availability/score';
import { MAX_SLOT_RANGE_DAYS } from '../../../core/availability/service';

const tags = ['Slots'];

export const SLOTS_DESCRIPTION = [
  'Free times to book an appointment type with one provider (`provider_id`) or with every active provider of a ' +
    '`specialty` (case and accents ignored; with both, the provider must have the specialty), over the local dates ' +
    `\`date_from\`..\`date_to\` (at most ${MAX_SLOT_RANGE_DAYS} days apart), optionally at one \`location_id\`.`,
  'A slot lies inside one working window (a weekly template for that weekday, location and effective date that lists ' +
    'the type or no type; or an `added` override; a `modified` override replaces that day’s hours; a `blocked` one removes ' +
    'them), on the window’s grid (the template’s `slot_interval_minutes`, else the duration), starts at least the ' +
    'configured minimum notice (MIN_BOOKING_NOTICE_MINUTES) from now, and passes the booking rules: the provider’s ' +
    '`max_concurrent_appointments` at the busiest instant of the slot extended by `buffer_between_appointments_minutes` on ' +
    'both sides (and of every appointment within a buffer of the slot, extended so, with the slot counted), and ' +
    '`max_daily_appointments` on that local date. Booking a returned slot (`start_at`, `end_at`) with ' +
    'POST /appointments succeeds unless something changed meanwhile; the room and the patient, which a search does not ' +
    'know, are checked then (an overlapping booking of the same patient; a provider not accepting new patients takes ' +
    'only patients already seen). Duration: `duration_minutes`, else the appointment type’s, else the provider’s default.',
  'Unknown `appointment_type_id`, `provider_id` or `location_id` (including another tenant’s) is a 422 naming the ' +
    'field, like references in a booking body; an inactive (soft-deleted) type, provider or location has no slots ' +
    '(an empty list). Neither `provider_id` nor `specialty`, `date_to` before `date_from` or too far after it: 422. ' +
    'A `specialty` no provider of the clinic has, active or not (a typo such as `cardiolgia`), is a 422 naming ' +
    '`specialty` whose message lists the specialties of the clinic’s active providers, so it is never mistaken for ' +
    'no free time; a specialty a provider has, even one deactivated for now, with no free time in the range is an ' +
    'empty list. Specialties match as written, ignoring case and accents only: `cardiologista` does not find ' +
    '`Cardiologia` (POST /natural-language understands such words).',
  '**Score** (in [0, 1], higher is better):\n\n' + SCORE_FORMULA.map((line) => `    ${line}`).join('\n'),
  '`start_at` and `end_at` (UTC) are additions to the reference’s AvailableSlot. Pages: `limit` (default 50, max 200) and ' +
    '`cursor`, the position after the last slot returned; a cursor only works with the same query parameters, but for ' +
    '`limit`, which may change from page to page. The pages of ' +
    'one list score spare capacity as of the first page (the cursor carries its now + notice), so time passing between ' +
    'pages neither repeats nor skips a slot; a slot that has come within the minimum notice meanwhile is left out. Needs `read`.',
].join('\n\n');

export const search = createRoute({
  method: 'get',
  path: '/slots',
  tags,
  summary: 'Search available appointment slots',
  description: SLOTS_DESCRIPTION,
  request: { query: SlotQuerySchema },
  responses: {
    200: jsonResponse(listOf(AvailableSlotSchema, 'AvailableSlotList'), 'Free slots, best first'),
    ...errorResponses(401, 403, 422),
  },
});
