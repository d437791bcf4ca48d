/**
 * Typed errors the core throws. `src/api/errors.ts` is the one place that maps them to HTTP.
 * Messages are English and safe to show to a client: no SQL, no internals.
 */
import type { BookingRule } from './appointments/rules';

export interface FieldError {
  path: string;
  message: string;
}

export abstract class DomainError extends Error {
  abstract readonly kind:
    | 'not_found'
    | 'conflict'
    | 'invalid_transition'
    | 'validation'
    | 'forbidden'
    | 'unauthorized'
    | 'too_large'
    | 'unsupported_media_type'
    | 'unavailable'
    | 'upstream_failed';
}

export class NotFoundError extends DomainError {
  readonly kind = 'not_found' as const;
  constructor(resource: string) {
    super(`${resource} not found`);
  }
}

export class ConflictError extends DomainError {
  readonly kind = 'conflict' as const;
}

/**
 * A write that met another request changing the same records and gave up after its retries (409): the
 * same request may well succeed if sent again, so its answer is not kept under an Idempotency-Key.
 */
export class ConcurrentChangeError extends ConflictError {}

/** A booking a rule refuses (409), naming the rule (src/core/appointments/rules.ts). */
export class BookingRefusedError extends ConflictError {
  constructor(
    readonly rule: BookingRule,
    detail: string,
  ) {
    super(detail);
  }
}

export class InvalidTransitionError extends DomainError {
  readonly kind = 'invalid_transition' as const;
  constructor(action: string, status: string) {
    super(`Cannot ${action} an appointment in status '${status}'`);
  }
}

export class ValidationError extends DomainError {
  readonly kind = 'validation' as const;
  constructor(
    detail: string,
    readonly errors: FieldError[] = [],
  ) {
    super(detail);
  }
  /** A validation error about one field. */
  static field(path: string, message: string): ValidationError {
    return new ValidationError(`${path}: ${message}`, [{ path, message }]);
  }
}

export class ForbiddenError extends DomainError {
  readonly kind = 'forbidden' as const;
}

export class UnauthorizedError extends DomainError {
  readonly kind = 'unauthorized' as const;
}

/** A request part larger than the operation takes (413), e.g. an audio file over 10 MiB. */
export class TooLargeError extends DomainError {
  readonly kind = 'too_large' as const;
}

/** Content the operation cannot read (415), e.g. a file that is not audio in a known format. */
export class UnsupportedMediaTypeError extends DomainError {
  readonly kind = 'unsupported_media_type' as const;
}

/** A capability that needs an outside service the server was not configured with (503). */
export class ServiceUnavailableError extends DomainError {
  readonly kind = 'unavailable' as const;
}

/** An outside service the operation depends on failed or did not answer in time (502). */
export class UpstreamFailedError extends DomainError {
  readonly kind = 'upstream_failed' as const;
}
