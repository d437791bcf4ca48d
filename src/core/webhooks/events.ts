/**
 * Which events a subscription wants: exact types (`appointment.created`), a family (`appointment.*`)
 * or everything (`*`). `webhook.test` is sent only by POST /webhooks/{id}/test, whatever the patterns.
 */
import { EVENT_TYPES, type EventType } from '../model';
import { ValidationError, type FieldError } from '../errors';

/** `appointment`, `waitlist`, `conversation`, `webhook` */
export const EVENT_FAMILIES: readonly string[] = [...new Set(EVENT_TYPES.map((t) => t.split('.')[0]!))];

/** Every pattern a subscription may name. */
export const EVENT_PATTERNS: readonly string[] = ['*', ...EVENT_FAMILIES.map((f) => `${f}.*`), ...EVENT_TYPES];

export const MAX_EVENT_PATTERNS = 50;

export function isEventPattern(value: string): boolean {
  return EVENT_PATTERNS.includes(value);
}

/** Does a pattern cover an event type? */
export function patternMatches(pattern: string, type: string): boolean {
  if (pattern === '*' || pattern === type) return true;
  return pattern.endsWith('.*') && type.startsWith(pattern.slice(0, -1));
}

export function matchesAny(patterns: readonly string[], type: string): boolean {
  return patterns.some((p) => patternMatches(p, type));
}

/** Trimmed, without duplicates, in the order given; 422 naming each unknown entry. */
export function cleanEventPatterns(input: readonly string[], path = 'events'): string[] {
  const errors: FieldError[] = [];
  const out: string[] = [];
  input.forEach((raw, i) => {
    const value = raw.trim();
    if (!isEventPattern(value)) {
      errors.push({ path: `${path}.${i}`, message: `unknown event '${value.slice(0, 60)}': expected one of ${EVENT_PATTERNS.join(', ')}` });
    } else if (!out.includes(value)) out.push(value);
  });
  if (input.length === 0) errors.push({ path, message: 'name at least one event' });
  if (input.length > MAX_EVENT_PATTERNS) errors.push({ path, message: `at most ${MAX_EVENT_PATTERNS} entries` });
  if (errors.length > 0) throw new ValidationError(errors.map((e) => `${e.path}: ${e.message}`).join('; '), errors);
  return out;
}

export type { EventType };
