/**
 * The one map from errors to HTTP status and `{detail}` (ARCHITECTURE.md, convention 4).
 * `onError` and `notFound` both answer through it. Anything unknown is a 500 that logs the request id
 * and the error, and shows the client only the request id.
 */
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ZodError } from 'zod';
import { DomainError, ValidationError, type FieldError } from '../core/errors';
import type { AppEnv } from './env';

export interface ErrorBody {
  detail: string;
  errors?: FieldError[];
}

const STATUS: Record<DomainError['kind'], ContentfulStatusCode> = {
  not_found: 404,
  conflict: 409,
  invalid_transition: 409,
  validation: 422,
  forbidden: 403,
  unauthorized: 401,
  too_large: 413,
  unsupported_media_type: 415,
  unavailable: 503,
  upstream_failed: 502,
};

/** An HTTP-level refusal raised by the edge itself (auth, body size, media type). */
export class ApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    detail: string,
  ) {
    super(detail);
  }
}

/**
 * zod's default wording for a field left out ("Invalid input: expected string, received undefined")
 * tells a client neither that the field is required nor, plainly, what to send: say both. Its default
 * wording of a length or size limit ("Too small: expected string to have >=1 characters", said of
 * '   ' once trimmed) is put the way the API's own messages put it ("must not be empty", "at most 200
 * characters").
 */
const LIMIT_WORDING: Array<[RegExp, (n: string) => string]> = [
  [/^Too small: expected string to have >=1 characters$/, () => 'must not be empty'],
  [/^Too small: expected string to have >=(\d+) characters$/, (n) => `at least ${n} characters`],
  [/^Too big: expected string to have <=(\d+) characters$/, (n) => `at most ${n} characters`],
  [/^Too small: expected array to have >=(\d+) items?$/, (n) => `at least ${n} ${n === '1' ? 'item' : 'items'}`],
  [/^Too big: expected array to have <=(\d+) items?$/, (n) => `at most ${n} ${n === '1' ? 'item' : 'items'}`],
  [/^Too small: expected number to be >=(-?[\d.e+]+)$/, (n) => `must be at least ${n}`],
  [/^Too big: expected number to be <=(-?[\d.e+]+)$/, (n) => `must be at most ${n}`],
];

function clientMessage(message: string): string {
  const missing = /^Invalid input: expected (.+), received undefined$/.exec(message);
  if (missing) return `required: expected ${missing[1]}`;
  for (const [pattern, word] of LIMIT_WORDING) {
    const m = pattern.exec(message);
    if (m) return word(m[1] ?? '');
  }
  return message;
}

export function zodErrorBody(error: ZodError): ErrorBody {
  return validationErrorBody(
    error.issues.map((issue) => ({
      path: issue.path.map(String).join('.') || '(body)',
      message: clientMessage(issue.message),
    })),
  );
}

/**
 * A 422's body for field errors: `errors`, and a `detail` that names the first five. An error repeated
 * word for word is listed once (two checks of one field may share a message: 2^53 + 1 is neither a
 * safe integer nor under the maximum, and both say "expected a whole number from 1 to 200").
 */
export function validationErrorBody(all: FieldError[]): ErrorBody {
  const seen = new Set<string>();
  const errors = all.filter((e) => {
    const key = `${e.path}\n${e.message}`;
    return !seen.has(key) && Boolean(seen.add(key));
  });
  const summary = errors
    .slice(0, 5)
    .map((e) => `${e.path}: ${e.message}`)
    .join('; ');
  return { detail: `Validation failed: ${summary}${errors.length > 5 ? `; and ${errors.length - 5} more` : ''}`, errors };
}

export function toErrorResponse(err: unknown): { status: ContentfulStatusCode; body: ErrorBody } | null {
  if (err instanceof ValidationError) {
    return { status: 422, body: err.errors.length ? { detail: err.message, errors: err.errors } : { detail: err.message } };
  }
  if (err instanceof DomainError) return { status: STATUS[err.kind], body: { detail: err.message } };
  if (err instanceof ApiError) return { status: err.status, body: { detail: err.message } };
  if (err instanceof HTTPException) {
    // Hono's JSON validator throws 400 "Malformed JSON in request body": the contract says 422.
    if (err.status === 400) return { status: 422, body: { detail: err.message || 'Malformed request' } };
    return { status: err.status as ContentfulStatusCode, body: { detail: err.message || 'Request refused' } };
  }
  if (err instanceof SyntaxError) return { status: 422, body: { detail: 'Malformed JSON in request body' } };
  return null;
}

/** The body type a route reads: multipart on POST /voice, JSON everywhere else. */
const MULTIPART_PATHS = /^\/v1\/scheduling\/voice\/?$/;

/**
 * The media-type gate of the OpenAPI validator says only "Unsupported Media Type". `curl -d` without a
 * header sends `application/x-www-form-urlencoded`, so the detail names what was sent and what to send.
 */
export function unsupportedMediaTypeDetail(path: string, sent: string | undefined): string {
  const wanted = MULTIPART_PATHS.test(path) ? 'multipart/form-data' : 'application/json';
  const what = sent ? `Content-Type '${sent.split(';')[0]!.trim()}' is not accepted here` : 'The request has a body but no Content-Type';
  return `${what}: send the body as ${wanted} with the header 'Content-Type: ${wanted}'`;
}

export function onError(err: Error, c: Context<AppEnv>) {
  if (err instanceof HTTPException && err.status === 415) return c.json({ detail: unsupportedMediaTypeDetail(c.req.path, c.req.header('content-type')) }, 415);
  const mapped = toErrorResponse(err);
  if (mapped) return c.json(mapped.body, mapped.status);
  const requestId = c.get('requestId');
  c.get('logger')?.error('unhandled error', {
    request_id: requestId,
    method: c.req.method,
    path: c.req.routePath,
    error: err.name,
    message: err.message,
    stack: err.stack,
  });
  return c.json({ detail: `Internal server error (request id ${requestId})` }, 500);
}

export function notFound(c: Context<AppEnv>) {
  return c.json({ detail: `No route for ${c.req.method} ${new URL(c.req.url).pathname}` }, 404);
}

/**
 * What a request no route answered gets: for a known path, 405 naming the methods it has (or, to
 * OPTIONS, 204), both with `Allow`; for an unknown path, 404. `allowed` gives a path's methods.
 */
export function unrouted(allowed: (path: string) => string[]) {
  return (c: Context<AppEnv>) => {
    const methods = allowed(c.req.path);
    // a method the path has (OPTIONS aside, answered here), yet no route answered: not a path after all
    if (methods.length === 0 || (c.req.method !== 'OPTIONS' && methods.includes(c.req.method))) return notFound(c);
    c.header('Allow', methods.join(', '));
    if (c.req.method === 'OPTIONS') return c.body(null, 204);
    return c.json({ detail: `Method ${c.req.method} is not allowed on ${c.req.path}: use ${methods.join(', ')}` }, 405);
  };
}
