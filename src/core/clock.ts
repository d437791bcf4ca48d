import { v7 as uuidv7 } from 'uuid';

/** Time and identity come in from outside so that every rule is testable (ARCHITECTURE.md, convention 1). */
export interface Clock {
  now(): Date;
}

export interface IdGenerator {
  uuid(): string;
  /** an unguessable url-safe token with 256 bits of entropy */
  token(): string;
}

export const systemClock: Clock = { now: () => new Date() };

function base64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/**
 * UUIDv7 ids (the `uuid` package keeps them monotonic within a process): time-ordered, so rows
 * created in one instant still list in the order they were made.
 */
export const randomIds: IdGenerator = {
  uuid: () => uuidv7(),
  token: () => base64Url(crypto.getRandomValues(new Uint8Array(32))),
};

export function fixedClock(iso: string): Clock & { set(iso: string): void; advance(ms: number): void } {
  let current = new Date(iso);
  return {
    now: () => new Date(current.getTime()),
    set: (next: string) => {
      current = new Date(next);
    },
    advance: (ms: number) => {
      current = new Date(current.getTime() + ms);
    },
  };
}

/** UTC instant as RFC 3339 with `Z`, millisecond precision: the one format stored and returned. */
export function toUtcIso(date: Date): string {
  return date.toISOString();
}
