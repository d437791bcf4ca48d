/**
 * The error examples of the OpenAPI document, per operation. `errorResponses` (schemas/common.ts) can only
 * give one example per status code; the server's real details depend on the operation: the scope its path
 * and method need (403), the record its path names (404), its body limit (413) and the body type it reads
 * (415). This fills them in from the same sources the server answers with. An operation's own 409s are
 * declared with its route (`conflictResponse`); to each operation that takes an `Idempotency-Key` this adds
 * the 409 of a key reused with another request, declaring the 409 where the operation has no other.
 */
import { lacksScopeDetail, MISSING_KEY_DETAIL, requiredScope } from './middleware/auth';
import { IDEMPOTENCY_KEY_REUSED, takesIdempotencyKey } from './middleware/idempotency';
import { unsupportedMediaTypeDetail } from './errors';
import { ERROR_TEXT } from './schemas/common';

/** A path segment → the record a 404 under it names (NotFoundError's resource). */
const RECORD_OF_SEGMENT: Record<string, string> = {
  'api-keys': 'API key',
  locations: 'Location',
  'appointment-types': 'Appointment type',
  patients: 'Patient',
  providers: 'Provider',
  templates: 'Schedule template',
  overrides: 'Schedule override',
  appointments: 'Appointment',
  waitlist: 'Waitlist entry',
  position: 'Waitlist entry',
  webhooks: 'Webhook subscription',
  'dead-letters': 'Delivery',
};

/** A parameter named for its record ("{patient_id}") → that record. */
const RECORD_OF_PARAMETER: Record<string, string> = {
  '{patient_id}': 'Patient',
  '{appointment_id}': 'Appointment',
};

/**
 * The record a 404 of this path names: the collection of its first parameter, the one the server looks up
 * first (an unknown provider is said before an unknown template of it).
 */
function recordOf(path: string): string | null {
  const segments = path.split('/').filter(Boolean);
  const first = segments.findIndex((s) => s.startsWith('{'));
  if (first >= 0 && RECORD_OF_PARAMETER[segments[first]!]) return RECORD_OF_PARAMETER[segments[first]!]!;
  for (let i = first - 1; i >= 0; i--) {
    const segment = segments[i]!;
    if (!segment.startsWith('{')) return RECORD_OF_SEGMENT[segment] ?? null;
  }
  return null;
}

interface MediaType {
  schema?: unknown;
  example?: unknown;
  examples?: Record<string, { summary?: string; value: unknown }>;
}

interface Operation {
  parameters?: Array<Record<string, unknown>>;
  requestBody?: unknown;
  responses?: Record<string, { description?: string; content?: Record<string, MediaType> }>;
}

/** The request header of every operation that honours it (middleware/idempotency.ts), so that clients generated from the document can send it. */
const IDEMPOTENCY_KEY_HEADER = {
  name: 'Idempotency-Key',
  in: 'header',
  required: false,
  schema: { type: 'string', minLength: 1, maxLength: 255 },
  description:
    'Makes a retry safe: the same key and body within 24 h get the first response again (with ' +
    '`Idempotent-Replayed: true`) instead of doing the work twice; the same key with another request is a 409. ' +
    'A JSON body is compared by its value: a retry that only reorders the fields or changes whitespace is the same ' +
    'request, one that spells an id in another letter case or reorders an array is another. A body that is not JSON ' +
    'is compared byte for byte. ' +
    'A DELETE is compared by its path alone (it ignores any body). ' +
    'A refusal (4xx: a validation error, a rule\'s 409, an unknown id) is a first response too, replayed the same way: ' +
    'a corrected request needs a new key. Not kept, so the same request may be sent again with the key: a 5xx, a 401 ' +
    'or 403 (the API key was refused, not the request), a 413 or 415 (how the body was sent), and a 409 that says to try again (another request was ' +
    'changing the same records).',
};

/** The `Error` component every error response names (schemas/common.ts: ErrorSchema). */
const ERROR_SCHEMA = { $ref: '#/components/schemas/Error' };

const IDEMPOTENCY_SUMMARY = 'the Idempotency-Key was already used with another request';

/** The 409 of a key reused, added to the operation's own 409s (or declared, when it has none). */
function addIdempotencyConflict(responses: NonNullable<Operation['responses']>): void {
  const example = { summary: IDEMPOTENCY_SUMMARY, value: { detail: IDEMPOTENCY_KEY_REUSED } };
  const own = responses['409']?.content?.['application/json'];
  if (own?.examples) {
    own.examples.idempotency_key_reused = example;
    responses['409']!.description = `${responses['409']!.description}; ${IDEMPOTENCY_SUMMARY}`;
    return;
  }
  responses['409'] = {
    description: `Conflict: ${IDEMPOTENCY_SUMMARY}`,
    content: { 'application/json': { schema: ERROR_SCHEMA, examples: { idempotency_key_reused: example } } },
  };
}

/**
 * The error statuses the edge answers for any operation, whatever its route declares: 500 (an unexpected
 * error, `onError`), 413 on every method but GET and HEAD (the body limit in app.ts refuses such a request
 * before its route runs, even a DELETE's), and 415 on every operation that reads a body (its validator
 * refuses another media type). Declared where the route left them out, so the document lists what the
 * server really answers (test/helpers/openapi-conformance.ts holds every test's responses to it).
 */
function declareEdgeErrors(method: string, operation: Operation): void {
  const responses = operation.responses!;
  const declare = (status: 413 | 415 | 500) => {
    responses[String(status)] ??= { description: ERROR_TEXT[status], content: { 'application/json': { schema: ERROR_SCHEMA } } };
  };
  if (method !== 'get' && method !== 'head') declare(413);
  if (operation.requestBody !== undefined) declare(415);
  declare(500);
  const media = responses['500']!.content?.['application/json'];
  if (media && media.example === undefined && media.examples === undefined) {
    media.example = { detail: 'Internal server error (request id 0d9a8d5e-3b0c-4a8e-9a51-2c6f0d9e8a10)' };
  }
}

/** `bodyLimitOf(path)`: the most bytes a request body to that path may have. */
export function withOperationErrorExamples<T extends { paths?: object }>(document: T, bodyLimitOf: (path: string) => number): T {
  for (const [path, operations] of Object.entries((document.paths ?? {}) as Record<string, Record<string, unknown>>)) {
    // a concrete path, for the rules that read one (the parameters' values do not matter to them)
    const concrete = path.replace(/\{[^}]+\}/g, 'x');
    for (const [method, operation] of Object.entries(operations)) {
      const responses = (operation as Operation).responses;
      if (!responses) continue;
      declareEdgeErrors(method, operation as Operation);
      const example = (status: string, detail: string | null) => {
        const media = responses[status]?.content?.['application/json'];
        if (media && detail !== null) media.example = { detail };
      };
      example('401', MISSING_KEY_DETAIL);
      example('403', lacksScopeDetail(requiredScope(method.toUpperCase(), concrete)));
      const record = recordOf(path);
      example('404', record && `${record} not found`);
      example('413', `Request body exceeds ${bodyLimitOf(concrete)} bytes`);
      example('415', unsupportedMediaTypeDetail(concrete, 'application/x-www-form-urlencoded'));
      if (takesIdempotencyKey(method, path)) {
        addIdempotencyConflict(responses);
        const op = operation as Operation;
        op.parameters = [...(op.parameters ?? []), IDEMPOTENCY_KEY_HEADER];
      }
    }
  }
  return document;
}
