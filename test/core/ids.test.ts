import { validate, version } from 'uuid';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { randomIds } from '../../src/core/clock';

afterEach(() => vi.useRealTimers());

describe('ids', () => {
  it('are UUIDv7 carrying the current millisecond', () => {
    const before = Date.now();
    const id = randomIds.uuid();
    const after = Date.now();
    expect(validate(id)).toBe(true);
    expect(version(id)).toBe(7);
    const msecs = parseInt(id.replace(/-/g, '').slice(0, 12), 16);
    expect(msecs).toBeGreaterThanOrEqual(before);
    expect(msecs).toBeLessThanOrEqual(after);
  });

  it('sort in the order they were made, within one millisecond and across many', () => {
    vi.useFakeTimers({ toFake: ['Date'], now: Date.parse('2026-11-26T12:00:00Z') });
    const ids: string[] = [];
    for (let i = 0; i < 3000; i++) {
      ids.push(randomIds.uuid()); // 3000 in one millisecond, more than one pool of random bytes
    }
    vi.setSystemTime(Date.parse('2026-11-26T12:00:00.001Z'));
    for (let i = 0; i < 10; i++) ids.push(randomIds.uuid());
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('a clock that steps back does not break the order', () => {
    vi.useFakeTimers({ toFake: ['Date'], now: Date.parse('2026-11-26T13:00:00Z') });
    const a = randomIds.uuid();
    vi.setSystemTime(Date.parse('2026-11-26T12:59:59Z'));
    const b = randomIds.uuid();
    expect(b > a).toBe(true);
  });

  it('end in 40 bits drawn afresh for each id', () => {
    const tails = new Set<string>();
    for (let i = 0; i < 1000; i++) tails.add(randomIds.uuid().slice(-10));
    expect(tails.size).toBe(1000);
  });
});
