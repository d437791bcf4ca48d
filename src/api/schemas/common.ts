/** Shared zod schemas: one source for types, validation and the OpenAPI document. */
import { z } from '@hono/zod-openapi';
import { isValidClockTime, isValidDate, isValidTimeZone } from '../../core/time';

export const ErrorSchema = z
  .object({ detail: z.string().openapi({ example: 'Location not found' }) })
  .openapi('Error');

export const ValidationErrorSchema = z
  .object({
    detail: z.string().openapi({ example: 'Validation failed: name: required: expected string' }),
    errors: z
      .array(z.object({ path: z.string(), message: z.string() }))
      .optional()
      .openapi({ example: [{ path: 'name', message: 'required: expected string' }] }),
  })
  .openapi('ValidationError');

/**
 * An id: a UUID in any letter case, read as its lowercase spelling. UUIDs are case-insensitive
 * (RFC 9562) and some client systems (SQL Server, .NET) send GUIDs in uppercase, while ids are made
 * and stored lowercase and looked up by exact match: every id the API reads (path, query, JSON body,
 * array items, record keys, form fields) goes through here so it names the same record in either case.
 * Answers give ids lowercase. `Idempotency-Key` fingerprints the body's value as sent, before this.
 */
export function uuidField(error: (issue: { input?: unknown }) => string) {
  return z.uuid({ error }).toLowerCase().openapi({ example: '3f2b8c1e-7d4a-4e7b-9a51-2c6f0d9e8a10' });
}

export const Uuid = uuidField((issue) => (issue.input === undefined ? 'required: a UUID' : 'expected a UUID'));

/**
 * `provider_profile_id` in a list query: an appointment names its provider so, and a client filtering by
 * the field it reads must not silently get every provider's rows; it filters as `provider_id` does.
 */
export const ProviderProfileIdFilter = Uuid
  .optional()
  .openapi({
    description: 'The same filter as `provider_id`, under the name an appointment gives the field. With both, they must name the same provider.',
    example: '3f2b8c1e-7d4a-4e7b-9a51-2c6f0d9e8a10',
  });

/** The refinement that keeps `provider_id` and `provider_profile_id` from naming two providers. */
export const providerFilterAgrees: [
  (q: { provider_id?: string; provider_profile_id?: string }) => boolean,
  { path: string[]; message: string },
] = [
  (q) => q.provider_id === undefined || q.provider_profile_id === undefined || q.provider_id === q.provider_profile_id,
  { path: ['provider_profile_id'], message: 'names another provider than provider_id: send one of the two' },
];

/**
 * The message of a required query parameter that is not one string: missing, or given more than once
 * (`date_to=…&date_to=…` arrives as a list, which must not be answered "required" as if it were missing).
 */
export const requiredParam = (what: string) => (issue: { input?: unknown }) =>
  issue.input === undefined
    ? `required: ${what}`
    : Array.isArray(issue.input)
      ? `given ${issue.input.length} times: send it once, ${what}`
      : `expected ${what}`;

/**
 * An RFC 3339 datetime with its 't' and 'z' in upper case. RFC 3339 allows them in lower case (section
 * 5.6: its ABNF literals are case-insensitive) and zod's ISO check takes upper case only. For
 * `z.preprocess` in front of a datetime schema; anything else is passed on unchanged, to be refused there.
 */
export function upperCaseRfc3339Letters(value: unknown): unknown {
  // each letter on its own: '…T…z' is as much RFC 3339 as '…t…z'
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}[tT]/.test(value)) return value;
  return value.slice(0, 10) + 'T' + value.slice(11).replace(/z$/, 'Z');
}

export const IsoDate = z
  .string({
    error: (issue) => (issue.input === undefined ? 'required: a calendar date YYYY-MM-DD' : 'expected a calendar date YYYY-MM-DD'),
  })
  .refine(isValidDate, 'expected a calendar date YYYY-MM-DD')
  .openapi({ format: 'date', example: '2026-12-01' });

export const ClockTime = z
  .string()
  .refine(isValidClockTime, 'expected a clock time HH:MM (00:00-23:59)')
  .openapi({ example: '08:00', pattern: '^([01]\\d|2[0-3]):[0-5]\\d$' });

export const TimeZone = z
  .string()
  .refine(isValidTimeZone, 'expected an IANA time zone such as America/Sao_Paulo')
  .openapi({ example: 'America/Sao_Paulo' });

export const Timestamp = z.string().openapi({ format: 'date-time', example: '2026-11-25T12:00:00.000Z' });

/**
 * How many levels of objects and arrays a free-form JSON value may nest (the value itself is level 1).
 * Far more than any real use; a deeper one could not be stored (serialising it runs out of stack: a 500).
 */
export const MAX_METADATA_DEPTH = 32;

/** Whether a parsed JSON value nests at most `max` levels; iterative, as the value may be any depth. */
function nestsAtMost(value: unknown, max: number): boolean {
  const pending: Array<[unknown, number]> = [[value, 1]];
  while (pending.length > 0) {
    const [node, depth] = pending.pop()!;
    if (node === null || typeof node !== 'object') continue;
    if (depth > max) return false;
    for (const child of Object.values(node)) pending.push([child, depth + 1]);
  }
  return true;
}

/**
 * Where a parsed JSON value holds a number JSON.parse could not keep: a literal beyond ±1.8e308 (`1e400`)
 * parses to ±Infinity, which would be stored, and answered, as null. Paths are relative to the value.
 */
function nonFinitePaths(value: unknown): Array<Array<string | number>> {
  const found: Array<Array<string | number>> = [];
  const pending: Array<[unknown, Array<string | number>]> = [[value, []]];
  while (pending.length > 0) {
    const [node, path] = pending.pop()!;
    if (typeof node === 'number' && !Number.isFinite(node)) found.push(path);
    else if (Array.isArray(node)) node.forEach((child, i) => pending.push([child, [...path, i]]));
    else if (node !== null && typeof node === 'object') for (const [k, child] of Object.entries(node)) pending.push([child, [...path, k]]);
  }
  return found.reverse();
}

export const Metadata = z
  .record(z.string(), z.unknown())
  .refine((value) => nestsAtMost(value, MAX_METADATA_DEPTH), { message: `nests deeper than ${MAX_METADATA_DEPTH} levels`, abort: true })
  .superRefine((value, ctx) => {
    for (const path of nonFinitePaths(value)) ctx.addIssue({ code: 'custom', path, message: 'a number too large to keep (beyond ±1.8e308)' });
  })
  .openapi({
    description: `Free-form JSON object kept as given, nested at most ${MAX_METADATA_DEPTH} levels; a number beyond ±1.8e308 (\`1e400\`) is refused, as JSON cannot carry it back.`,
    example: { crm: 'CRM-MG 12345' },
  });

export const IdParams = z.object({
  id: Uuid.openapi({ param: { name: 'id', in: 'path' } }),
});

/**
 * A whole-number query parameter from `min` to `max`: decimal digits only. Number() alone (z.coerce) would
 * also read '0x10' as 16, '1e2' as 100, '0b11' as 3 and ' 10' or '+10' as 10, so a client's typo or
 * formatting bug would silently change the answer instead of being named.
 */
export function queryWholeNumber(min: number, max: number) {
  const message = `expected a whole number from ${min} to ${max}`;
  return z.preprocess(
    (v) => (typeof v === 'string' && !/^[0-9]+$/.test(v) ? Number.NaN : v),
    z.coerce.number({ message }).int(message).min(min, message).max(max, message),
  );
}

export const ListQuery = z.object({
  limit: queryWholeNumber(1, 200)
    .default(50)
    .openapi({ description: 'Page size, 1–200 (default 50).', example: 50 }),
  cursor: z
    .string()
    .optional()
    .openapi({ description: 'Opaque `next_cursor` of the previous page of the same list.' }),
});

/**
 * A `?status=` filter: repeatable (`status=a&status=b`) or comma-separated (`status=a,b`), each value one of
 * `values`. A value left empty (`status=`, `status=a,`, `status=a,,b`) names no status: it is most likely a
 * client's bug (an unset variable), so it is refused (422 naming the parameter and the allowed values)
 * rather than read as "no filter", which would silently answer every status.
 */
export function statusFilter<const T extends readonly [string, ...string[]]>(values: T, description: string) {
  const allowed = values.join(', ');
  return z
    .preprocess(
      (v) => (v === undefined ? undefined : (Array.isArray(v) ? v : [v]).flatMap((s) => String(s).split(','))),
      z
        .array(
          z
            .string()
            .refine((s) => s.trim().length > 0, `must not be empty: expected one of ${allowed}`)
            .pipe(z.enum(values, { message: `expected one of ${allowed}` })),
        )
        .optional(),
    )
    .openapi({
      description: `${description} Allowed: ${allowed}. An empty value (\`status=\`) is a 422, not "no filter".`,
      type: 'array',
      items: { type: 'string', enum: [...values] },
    });
}

export const IncludeInactiveQuery = z.object({
  include_inactive: z
    .enum(['true', 'false'], { message: "expected 'true' or 'false'" })
    .default('false')
    .transform((v) => v === 'true')
    .openapi({ description: 'Also list soft-deleted (inactive) records.', example: 'false' }),
});

export function listOf<T extends z.ZodType>(item: T, name: string) {
  return z
    .object({
      data: z.array(item),
      next_cursor: z.string().nullable().openapi({ description: 'Pass as `cursor` for the next page; null at the end.' }),
    })
    .openapi(name);
}

export const ERROR_TEXT = {
  400: 'Bad request',
  401: 'Missing or invalid API key',
  403: 'The API key lacks the scope this operation needs',
  404: 'Not found (or belongs to another tenant)',
  413: 'Request body larger than 1 MiB (an audio file larger than 10 MiB on POST /voice)',
  415: 'Unsupported media type (a body that is not of the declared type, a file that is not audio in a supported format)',
  422: 'Request body, path or query parameter failed validation',
  500: 'Internal server error: the detail names the request id to quote when reporting it',
  502: 'An outside service the operation needs failed or did not answer in time',
  503: 'The operation needs an outside service the server is not configured with',
} as const;

/** The status codes `errorResponses` words; a 409 is each operation's own (`conflictResponse`). */
export type ErrorCode = keyof typeof ERROR_TEXT;

/** The examples no operation words otherwise (401, 403, 404, 413 and 415 are each operation's own: api/openapi-examples.ts). */
const ERROR_EXAMPLE: Partial<Record<ErrorCode, string>> = {
  502: 'The transcription service did not answer within 30000 ms',
  503: 'Voice scheduling needs a transcription service: set OPENAI_API_KEY … among the server\'s settings: …',
};

/** The error responses of an operation, for its OpenAPI description. */
export function errorResponses(...codes: ErrorCode[]) {
  const out: Record<number, { description: string; content: { 'application/json': { schema: z.ZodType; example?: unknown } } }> = {};
  for (const code of codes) {
    out[code] = {
      description: ERROR_TEXT[code],
      content: {
        'application/json':
          code === 422
            ? { schema: ValidationErrorSchema }
            : { schema: ErrorSchema, example: { detail: ERROR_EXAMPLE[code] ?? 'Error' } },
      },
    };
  }
  return out;
}

/** One kind of 409 an operation answers: what it means, and a detail the server really gives for it. */
export interface ConflictExample {
  summary: string;
  detail: string;
}

/**
 * An operation's 409: each kind it answers, as a named example (`examples`) whose value is a detail the
 * server gives (test/api/system/openapi-error-examples.test.ts makes each one happen). The reuse of an
 * `Idempotency-Key` with another request, a 409 of every operation that takes the header, is added to
 * each of them by api/openapi-examples.ts.
 */
export function conflictResponse(
  examples: Record<string, ConflictExample>,
): Record<number, { description: string; content: { 'application/json': { schema: z.ZodType; examples: Record<string, { summary: string; value: { detail: string } }> } } }> {
  const kinds = Object.values(examples);
  return {
    409: {
      description: `Conflict: ${kinds.map((k) => k.summary).join('; ')}`,
      content: {
        'application/json': {
          schema: ErrorSchema,
          examples: Object.fromEntries(Object.entries(examples).map(([name, k]) => [name, { summary: k.summary, value: { detail: k.detail } }])),
        },
      },
    },
  };
}

/** A JSON request body. */
export function jsonBody<T extends z.ZodType>(schema: T, description?: string) {
  return { required: true, description, content: { 'application/json': { schema } } };
}

/** A JSON response. */
export function jsonResponse<T extends z.ZodType>(schema: T, description: string) {
  return { description, content: { 'application/json': { schema } } };
}

/** A create's 201: the record made, and its URL in `Location` (set for every 201 in app.ts). */
export function createdResponse<T extends z.ZodType>(schema: T, description: string) {
  return {
    ...jsonResponse(schema, description),
    headers: { Location: { required: true, description: 'The URL of the record made (for a reschedule, the new appointment).', schema: { type: 'string' as const } } },
  };
}
