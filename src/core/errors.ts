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
  abstract readonly kind: 'not_found' | 'conflict' | 'invalid_transition' | 'validation' | 'forbidden' | 'unauthorized';
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
