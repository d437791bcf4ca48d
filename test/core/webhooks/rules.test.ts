import { describe, expect, it } from 'vitest';
import { Webhook } from 'standardwebhooks';
import { EVENT_TYPES } from '../../../src/core/model';
import { cleanEventPatterns, matchesAny, patternMatches } from '../../../src/core/webhooks/events';
import { checkWebhookUrl, forbiddenRange } from '../../../src/core/webhooks/address';
import { decideAfterAttempt, retryAfterSeconds, type AttemptResult } from '../../../src/core/webhooks/retry';
import { planFanOut } from '../../../src/core/webhooks/fan-out';
import { newSecret, signedHeaders } from '../../../src/core/webhooks/message';
import { randomIds } from '../../../src/core/clock';
import { ValidationError } from '../../../src/core/errors';

const NOW = new Date('2026-11-25T12:00:00.000Z');
const result = (status: number | null, extra: Partial<AttemptResult> = {}): AttemptResult => ({
  status,
  durationMs: 10,
  error: status === null ? 'connection refused' : null,
  excerpt: null,
  retryAfter: null,
  ...extra,
});

describe('event patterns', () => {
  it('match exact types, families and everything', () => {
    expect(patternMatches('appointment.created', 'appointment.created')).toBe(true);
    expect(patternMatches('appointment.created', 'appointment.confirmed')).toBe(false);
    expect(patternMatches('appointment.*', 'appointment.no_show')).toBe(true);
    expect(patternMatches('appointment.*', 'waitlist.added')).toBe(false);
    expect(patternMatches('*', 'conversation.handoff_requested')).toBe(true);
    for (const type of EVENT_TYPES) expect(matchesAny(['*'], type)).toBe(true);
    expect(EVENT_TYPES.filter((type) => matchesAny(['waitlist.*', 'appointment.cancelled'], type))).toEqual([
      'appointment.cancelled',
      'waitlist.added',
      'waitlist.slot_available',
      'waitlist.removed',
    ]);
  });

  it('are cleaned of blanks and duplicates; unknown ones are named', () => {
    expect(cleanEventPatterns([' appointment.* ', 'appointment.*', 'webhook.test'])).toEqual(['appointment.*', 'webhook.test']);
    try {
      cleanEventPatterns(['appointment.created', 'appointment.deleted', 'x.*']);
      throw new Error('expected a refusal');
    } catch (err) {
      expect(err).toBeInstanceOf(ValidationError);
      expect((err as ValidationError).errors.map((e) => e.path)).toEqual(['events.1', 'events.2']);
    }
    expect(() => cleanEventPatterns([])).toThrow(/at least one/);
  });
});

describe('address guard', () => {
  it.each([
    ['8.8.8.8', null],
    ['93.184.215.14', null],
    ['2606:4700:4700::1111', null],
    ['127.0.0.1', 'loopback'],
    ['127.255.255.254', 'loopback'],
    ['::1', 'loopback'],
    ['[::1]', 'loopback'],
    ['10.1.2.3', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.1', 'private'],
    ['169.254.169.254', 'linkLocal'],
    ['fe80::1', 'linkLocal'],
    ['fc00::1', 'uniqueLocal'],
    ['fd12:3456::1', 'uniqueLocal'],
    ['100.64.0.1', 'carrierGradeNat'],
    ['0.0.0.0', 'unspecified'],
    ['::', 'unspecified'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:169.254.169.254', 'linkLocal'],
    ['::ffff:8.8.8.8', null],
    ['::7f00:1', 'reserved'],
    ['64:ff9b::7f00:1', 'rfc6052'],
    ['2002:a00:1::', '6to4'],
    ['2001:0:4136:e378::1', 'teredo'],
    ['not an address', 'invalid'],
  ])('%s → %s', (address, range) => {
    expect(forbiddenRange(address)).toBe(range);
  });

  it('resolves names and refuses when any address is not public; the allowance skips only the address rule', async () => {
    const resolveHost = async (host: string) => (host === 'mixed.example' ? ['93.184.215.14', '10.0.0.1'] : ['93.184.215.14']);
    await expect(checkWebhookUrl('https://public.example/hook', { allowPrivate: false, resolveHost })).resolves.toBe('https://public.example/hook');
    await expect(checkWebhookUrl('https://mixed.example/hook', { allowPrivate: false, resolveHost })).rejects.toThrow(/a private address/);
    await expect(checkWebhookUrl('http://10.0.0.1/hook', { allowPrivate: true, resolveHost })).resolves.toBe('http://10.0.0.1/hook');
    await expect(checkWebhookUrl('ftp://10.0.0.1/hook', { allowPrivate: true, resolveHost })).rejects.toThrow(/only http and https/);
    await expect(checkWebhookUrl('http://a:b@10.0.0.1/hook', { allowPrivate: true, resolveHost })).rejects.toThrow(/credentials/);
    const failing = async () => {
      throw new Error('ENOTFOUND');
    };
    await expect(checkWebhookUrl('https://nowhere.example/', { allowPrivate: false, resolveHost: failing })).rejects.toThrow(/cannot be resolved/);
  });
});

describe('retry decisions', () => {
  const schedule = [5, 300, 1800];

  it('2xx succeeds; other answers and errors retry on the schedule with ±20 % jitter, then go dead', () => {
    expect(decideAfterAttempt(result(200), 0, schedule, NOW, 0.5)).toEqual({ status: 'succeeded' });
    expect(decideAfterAttempt(result(299), 3, schedule, NOW, 0.5)).toEqual({ status: 'succeeded' });
    for (const status of [301, 400, 404, 500, 503, null]) {
      expect(decideAfterAttempt(result(status), 0, schedule, NOW, 0.5)).toEqual({ status: 'pending', nextAttemptAt: new Date(NOW.getTime() + 5000) });
    }
    expect(decideAfterAttempt(result(500), 1, schedule, NOW, 0)).toEqual({ status: 'pending', nextAttemptAt: new Date(NOW.getTime() + 240_000) });
    for (const random of [0, 0.1, 0.5, 0.9, 0.999999]) {
      const next = decideAfterAttempt(result(500), 2, schedule, NOW, random);
      const wait = next.status === 'pending' ? (next.nextAttemptAt.getTime() - NOW.getTime()) / 1000 : NaN;
      expect(wait).toBeGreaterThanOrEqual(1800 * 0.8);
      expect(wait).toBeLessThanOrEqual(1800 * 1.2);
    }
    expect(decideAfterAttempt(result(500), 3, schedule, NOW, 0.5)).toEqual({ status: 'dead', disableSubscription: null });
    expect(decideAfterAttempt(result(500), 0, [], NOW, 0.5)).toEqual({ status: 'dead', disableSubscription: null });
  });

  it('410 Gone ends the delivery and disables the subscription', () => {
    expect(decideAfterAttempt(result(410), 0, schedule, NOW, 0.5)).toEqual({
      status: 'dead',
      disableSubscription: 'The receiver answered 410 Gone on 2026-11-25T12:00:00.000Z',
    });
  });

  it('429 waits for Retry-After (seconds or a date, at most a day), else the schedule', () => {
    expect(decideAfterAttempt(result(429, { retryAfter: '120' }), 0, schedule, NOW, 0.5)).toEqual({
      status: 'pending',
      nextAttemptAt: new Date(NOW.getTime() + 120_000),
    });
    expect(retryAfterSeconds('Wed, 25 Nov 2026 12:01:00 GMT', NOW)).toBe(60);
    expect(retryAfterSeconds('999999', NOW)).toBe(86_400);
    expect(retryAfterSeconds('soon', NOW)).toBeNull();
    expect(decideAfterAttempt(result(429, { retryAfter: 'soon' }), 0, schedule, NOW, 0.5)).toEqual({
      status: 'pending',
      nextAttemptAt: new Date(NOW.getTime() + 5000),
    });
    // Retry-After on another status is not a request to wait
    expect(decideAfterAttempt(result(500, { retryAfter: '120' }), 0, schedule, NOW, 0.5)).toEqual({
      status: 'pending',
      nextAttemptAt: new Date(NOW.getTime() + 5000),
    });
    expect(decideAfterAttempt(result(429, { retryAfter: '1' }), 3, schedule, NOW, 0.5)).toEqual({ status: 'dead', disableSubscription: null });
  });
});

describe('fan-out', () => {
  it('one delivery per matching active subscription of the same tenant that existed when the event happened', () => {
    const events = [
      { id: 'e1', tenant_id: 'A', event_type: 'appointment.created', payload: { x: 1 }, created_at: '2026-11-25T12:00:00.000Z' },
      { id: 'e2', tenant_id: 'B', event_type: 'waitlist.added', payload: { y: 2 }, created_at: '2026-11-25T12:00:00.000Z' },
    ];
    const subs = [
      { id: 's1', tenant_id: 'A', events: ['appointment.*'], created_at: '2026-11-25T11:00:00.000Z' },
      { id: 's2', tenant_id: 'A', events: ['waitlist.*'], created_at: '2026-11-25T11:00:00.000Z' },
      { id: 's3', tenant_id: 'A', events: ['*'], created_at: '2026-11-25T12:00:00.001Z' },
      { id: 's4', tenant_id: 'B', events: ['*'], created_at: '2026-11-25T12:00:00.000Z' },
    ];
    let n = 0;
    const plan = planFanOut(events, subs, () => `d${++n}`, 'AT');
    expect(plan.map((d) => [d.event_id, d.subscription_id, d.tenant_id])).toEqual([
      ['e1', 's1', 'A'],
      ['e2', 's4', 'B'],
    ]);
    expect(JSON.parse(plan[0]!.body)).toEqual({ type: 'appointment.created', timestamp: '2026-11-25T12:00:00.000Z', data: { x: 1 } });
    expect(plan[0]).toMatchObject({ id: 'd1', created_at: 'AT', next_attempt_at: 'AT' });
  });
});

describe('signing', () => {
  it('secrets are whsec_ + 32 random bytes; headers verify with the standardwebhooks library', () => {
    const secret = newSecret(randomIds);
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    const body = '{"type":"webhook.test","timestamp":"2026-11-25T12:00:00.000Z","data":{}}';
    const headers = signedHeaders('msg-1', body, new Date(), [secret]);
    expect(new Webhook(secret).verify(body, { ...headers })).toMatchObject({ type: 'webhook.test' });
    expect(() => new Webhook(newSecret(randomIds)).verify(body, { ...headers })).toThrow();
    expect(() => new Webhook(secret).verify(body.replace('test', 'tset'), { ...headers })).toThrow();
  });
});
