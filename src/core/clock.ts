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
 * Random bytes for ids, drawn 4 KiB at a time: a draw from the system's generator costs ~5 µs whatever
 * its size, and the `uuid` package draws 16 bytes for every id (a few ids per booking). Ids are not
 * secrets, and each slice of the pool is used once.
 */
const idBytes = new Uint8Array(4096);
let idBytesAt = idBytes.length;
function random16(): Uint8Array {
  if (idBytesAt + 16 > idBytes.length) {
    crypto.getRandomValues(idBytes);
    idBytesAt = 0;
  }
  return idBytes.subarray(idBytesAt, (idBytesAt += 16));
}

/**
 * The `uuid` package's own v7 sequence, kept here because it keeps it only for ids drawn with its own
 * randomness: a new millisecond starts from 31 random bits, each later id of the same millisecond adds
 * one, and an overflow moves to the next millisecond.
 */
const v7 = { msecs: -Infinity, seq: 0 };
function monotonicV7(): string {
  const random = random16();
  const now = Date.now();
  if (now > v7.msecs) {
    v7.msecs = now;
    v7.seq = ((random[6]! & 0x7f) << 24) | (random[7]! << 16) | (random[8]! << 8) | random[9]!;
  } else {
    v7.seq = (v7.seq + 1) | 0;
    if (v7.seq === 0) v7.msecs++;
  }
  return uuidv7({ msecs: v7.msecs, seq: v7.seq, random });
}

/**
 * UUIDv7 ids, monotonic within a process: time-ordered, so rows created in one instant still list in
 * the order they were made.
 */
export const randomIds: IdGenerator = {
  uuid: monotonicV7,
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
