import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/app';
import { startReceiver, testWorker } from '../../helpers/webhooks';
import { SP_9, deliveryRows, subscribe, webhookFixture } from './setup';

let t: TestApp;
const cleanup: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn();
  t.close();
});

function subscriptionCount(): Promise<number> {
  return t.count('webhook_subscriptions');
}

const PUBLIC_URL = 'https://93.184.215.14/hooks';
const UNKNOWN = '0193a1f2-0000-7000-8000-000000000000';

describe('webhooks: what is refused', () => {
  beforeEach(async () => {
    t = await createTestApp();
  });

  it('bad input is 422 {detail, errors} naming the field, and writes nothing', async () => {
    const base = { url: PUBLIC_URL, events: ['appointment.*'] };
    const cases: Array<[string, unknown, string]> = [
      ['url missing', { events: base.events }, 'url'],
      ['url not a string', { ...base, url: 42 }, 'url'],
      ['url empty', { ...base, url: '' }, 'url'],
      ['url too long', { ...base, url: `https://example.com/${'a'.repeat(2100)}` }, 'url'],
      ['url not a URL', { ...base, url: 'hooks.example.com/x' }, 'url'],
      ['ftp scheme', { ...base, url: 'ftp://93.184.215.14/x' }, 'url'],
      ['file scheme', { ...base, url: 'file:///etc/passwd' }, 'url'],
      ['javascript scheme', { ...base, url: 'javascript:alert(1)' }, 'url'],
      ['gopher scheme', { ...base, url: 'gopher://93.184.215.14:70/_x' }, 'url'],
      ['credentials in the URL', { ...base, url: 'https://user:secret@93.184.215.14/hooks' }, 'url'],
      ['user without password', { ...base, url: 'https://admin@93.184.215.14/hooks' }, 'url'],
      ['events missing', { url: base.url }, 'events'],
      ['events empty', { ...base, events: [] }, 'events'],
      ['events not an array', { ...base, events: 'appointment.*' }, 'events'],
      ['unknown event', { ...base, events: ['appointment.created', 'appointment.deleted'] }, 'events.1'],
      ['unknown family', { ...base, events: ['appointments.*'] }, 'events.0'],
      ['double wildcard', { ...base, events: ['*.*'] }, 'events.0'],
      ['event not a string', { ...base, events: [7] }, 'events.0'],
      ['too many events', { ...base, events: Array(51).fill('*') }, 'events'],
      ['description too long', { ...base, description: 'x'.repeat(501) }, 'description'],
      ['description not a string', { ...base, description: { a: 1 } }, 'description'],
      ['is_active not a boolean', { ...base, is_active: 'yes' }, 'is_active'],
    ];
    for (const [name, body, path] of cases) {
      const res = await t.api('POST', '/webhooks', body, { key: t.tenant.admin });
      expect(res.status, name).toBe(422);
      expect(res.body.detail, name).toEqual(expect.any(String));
      expect(res.body.errors.map((e: { path: string }) => e.path), name).toContain(path);
    }
    const malformed = await t.api('POST', '/webhooks', '{"url": ', { key: t.tenant.admin });
    expect(malformed.status).toBe(422);
    expect(malformed.body.detail).toEqual(expect.any(String));
    expect(await subscriptionCount()).toBe(0);
  });

  it.each([
    ['http://127.0.0.1:8080/hooks', 'a loopback address'],
    ['http://127.1/hooks', 'a loopback address'],
    ['http://2130706433/hooks', 'a loopback address'],
    ['http://0x7f.0.0.1/hooks', 'a loopback address'],
    ['http://localhost:3000/hooks', 'a loopback address'],
    ['http://[::1]:3000/hooks', 'a loopback address'],
    ['http://[::ffff:127.0.0.1]/hooks', 'a loopback address'],
    ['http://10.0.0.5/hooks', 'a private address'],
    ['http://172.16.3.4/hooks', 'a private address'],
    ['https://192.168.0.10/hooks', 'a private address'],
    ['http://[::ffff:192.168.1.1]/hooks', 'a private address'],
    ['http://169.254.169.254/latest/meta-data/', 'a link-local address (which includes the cloud metadata address 169.254.169.254)'],
    ['http://[fe80::1]/hooks', 'a link-local address'],
    ['http://[fd00::1]/hooks', 'a unique-local address'],
    ['http://100.64.1.1/hooks', 'a carrier-grade NAT address'],
    ['http://0.0.0.0:3000/hooks', 'an unspecified address'],
    ['http://[::]/hooks', 'an unspecified address'],
    ['http://224.0.0.1/hooks', 'a multicast address'],
    ['http://255.255.255.255/hooks', 'a broadcast address'],
    ['http://192.0.2.10/hooks', 'a reserved address'],
    ['http://[64:ff9b::a00:1]/hooks', 'a non-public address (rfc6052)'],
    ['http://[2002:7f00:1::]/hooks', 'a non-public address (6to4)'],
    ['http://[::7f00:1]/hooks', 'a reserved address'],
  ])('%s is refused: it resolves to %s', async (url, range) => {
    const res = await t.api('POST', '/webhooks', { url, events: ['*'] }, { key: t.tenant.admin });
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([{ path: 'url', message: expect.stringContaining(`the host resolves to ${range}`) }]);
    expect(res.body.detail).toMatch(/WEBHOOK_ALLOW_PRIVATE_URLS=1/);
    expect(await subscriptionCount()).toBe(0);
  });

  it('each wrong url gets the message of what is wrong with it (too long is not "expected a URL")', async () => {
    const cases: Array<[unknown, string]> = [
      [`https://example.com/${'a'.repeat(2100)}`, 'at most 2048 characters'],
      [42, 'expected a URL'],
      ['', 'must not be empty'],
    ];
    for (const [url, message] of cases) {
      const res = await t.api('POST', '/webhooks', { url, events: ['*'] }, { key: t.tenant.admin });
      expect(res.status).toBe(422);
      expect(res.body.errors, String(url).slice(0, 30)).toEqual([{ path: 'url', message }]);
    }
  });

  it('a host that does not resolve is refused', async () => {
    const res = await t.api('POST', '/webhooks', { url: 'https://no-such-host.invalid/hooks', events: ['*'] }, { key: t.tenant.admin });
    expect(res.status).toBe(422);
    expect(res.body.detail).toBe("url: the host 'no-such-host.invalid' cannot be resolved");
  });

  it('public addresses are accepted; PUT to a private URL is refused and changes nothing', async () => {
    const v4 = await t.api('POST', '/webhooks', { url: PUBLIC_URL, events: ['*'] }, { key: t.tenant.admin });
    expect(v4.status).toBe(201);
    const v6 = await t.api('POST', '/webhooks', { url: 'https://[2606:4700:4700::1111]/hooks', events: ['*'] }, { key: t.tenant.admin });
    expect(v6.status).toBe(201);
    const put = await t.api('PUT', `/webhooks/${v4.body.id}`, { url: 'http://169.254.169.254/', events: ['waitlist.*'] }, { key: t.tenant.admin });
    expect(put.status).toBe(422);
    const after = await t.api('GET', `/webhooks/${v4.body.id}`, undefined, { key: t.tenant.admin });
    expect(after.body).toMatchObject({ url: PUBLIC_URL, events: ['*'] });
  });

  it('bad PUT bodies, ids, filters and cursors are 422', async () => {
    const s = (await t.api('POST', '/webhooks', { url: PUBLIC_URL, events: ['*'] }, { key: t.tenant.admin })).body;
    const key = t.tenant.admin;
    const cases: Array<[string, string, unknown]> = [
      ['PUT', `/webhooks/${s.id}`, { events: [] }],
      ['PUT', `/webhooks/${s.id}`, { events: ['nope'] }],
      ['PUT', `/webhooks/${s.id}`, { url: 'mailto:a@b.c' }],
      ['PUT', `/webhooks/${s.id}`, { is_active: 1 }],
      ['PUT', `/webhooks/${s.id}`, '{bad json'],
      ['GET', '/webhooks/not-a-uuid', undefined],
      ['PUT', '/webhooks/not-a-uuid', { is_active: true }],
      ['DELETE', '/webhooks/not-a-uuid', undefined],
      ['POST', '/webhooks/not-a-uuid/test', undefined],
      ['POST', '/webhooks/not-a-uuid/rotate-secret', undefined],
      ['GET', '/webhooks/not-a-uuid/deliveries', undefined],
      ['POST', '/webhooks/dead-letters/not-a-uuid/redeliver', undefined],
      ['GET', `/webhooks/${s.id}/deliveries?status=lost`, undefined],
      ['GET', `/webhooks/${s.id}/deliveries?event_type=appointment.deleted`, undefined],
      ['GET', `/webhooks/${s.id}/deliveries?limit=0`, undefined],
      ['GET', `/webhooks/${s.id}/deliveries?cursor=abc.def`, undefined],
      ['GET', '/webhooks/dead-letters?subscription_id=abc', undefined],
      ['GET', '/webhooks/dead-letters?limit=201', undefined],
      ['GET', '/webhooks/dead-letters?cursor=forged', undefined],
      ['GET', '/webhooks?include_inactive=maybe', undefined],
      ['GET', '/webhooks?cursor=forged.cursor', undefined],
    ];
    for (const [method, path, body] of cases) {
      const res = await t.api(method, path, body, { key });
      expect(res.status, `${method} ${path}`).toBe(422);
      expect(res.body.detail, `${method} ${path}`).toEqual(expect.any(String));
    }
    expect((await t.api('GET', `/webhooks/${s.id}`, undefined, { key })).body).toMatchObject({ events: ['*'], is_active: true });
  });

  it('a rotate-secret body that is not {"revoke_previous": boolean} is refused and rotates nothing', async () => {
    const key = t.tenant.admin;
    const s = (await t.api('POST', '/webhooks', { url: PUBLIC_URL, events: ['*'] }, { key })).body;
    const secretOf = () => t.row('SELECT secret, previous_secrets FROM webhook_subscriptions WHERE id = ?', s.id);
    const before = await secretOf();
    for (const body of [{ revoke_previous: 'yes' }, { revoke_previous: 1 }, { revoke_previous: null }, '{"revoke_previous": tru', '[true]']) {
      const res = await t.api('POST', `/webhooks/${s.id}/rotate-secret`, body, { key });
      expect(res.status, JSON.stringify(body)).toBe(422);
      expect(res.body.detail).toEqual(expect.any(String));
      if (typeof body === 'object' && !Array.isArray(body)) expect(res.body.errors[0].path).toBe('revoke_previous');
    }
    const form = await t.api('POST', `/webhooks/${s.id}/rotate-secret`, 'revoke_previous=true', {
      key,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(form.status).toBe(415);
    expect(form.body.detail).toContain('application/json');
    expect(await secretOf()).toEqual(before);
  });

  it('an event_type filter that is not one event type names the ones it takes, and says patterns are for subscriptions', async () => {
    const s = (await t.api('POST', '/webhooks', { url: PUBLIC_URL, events: ['*'] }, { key: t.tenant.admin })).body;
    for (const path of [`/webhooks/${s.id}/deliveries?event_type=appointment.*`, '/webhooks/dead-letters?event_type=appointment.deleted']) {
      const res = await t.api('GET', path, undefined, { key: t.tenant.admin });
      expect(res.status).toBe(422);
      expect(res.body.errors[0].path).toBe('event_type');
      expect(res.body.errors[0].message).toContain('appointment.created');
      expect(res.body.errors[0].message).toContain('subscriptions');
    }
  });

  it('unknown ids are 404; dead-letters is a list of its own, never taken for an id', async () => {
    const key = t.tenant.admin;
    for (const [method, path] of [
      ['GET', `/webhooks/${UNKNOWN}`],
      ['PUT', `/webhooks/${UNKNOWN}`],
      ['DELETE', `/webhooks/${UNKNOWN}`],
      ['POST', `/webhooks/${UNKNOWN}/test`],
      ['POST', `/webhooks/${UNKNOWN}/rotate-secret`],
      ['GET', `/webhooks/${UNKNOWN}/deliveries`],
      ['POST', `/webhooks/dead-letters/${UNKNOWN}/redeliver`],
    ] as const) {
      const res = await t.api(method, path, method === 'PUT' ? { is_active: true } : undefined, { key });
      expect(res.status, `${method} ${path}`).toBe(404);
      expect(res.body.detail).toMatch(/not found/);
    }
    const dead = await t.api('GET', '/webhooks/dead-letters', undefined, { key });
    expect(dead).toMatchObject({ status: 200, body: { data: [], next_cursor: null } });
  });
});

describe('webhooks: refused with a working receiver', () => {
  beforeEach(async () => {
    t = await createTestApp({ allowPrivateWebhookUrls: true });
  });

  it('only dead letters can be redelivered, and only while their subscription is active; an inactive subscription cannot be tested', async () => {
    const f = await webhookFixture(t, { reply: (_r, n) => (n === 1 ? { status: 500 } : { status: 200 }), worker: { retrySchedule: [] } });
    cleanup.push(f.close);
    const key = t.tenant.admin;
    await f.book(SP_9);
    await f.worker.settle();
    const [delivery] = await deliveryRows(t);
    expect(delivery).toMatchObject({ status: 'dead', attempt_count: 1 });

    const test = await t.api('POST', `/webhooks/${f.subscription.id}/test`, undefined, { key });
    await f.worker.settle();
    const succeeded = await t.api('POST', `/webhooks/dead-letters/${test.body.id}/redeliver`, undefined, { key });
    expect(succeeded.status).toBe(409);
    expect(succeeded.body.detail).toBe("Only dead-lettered deliveries can be redelivered; this one is 'succeeded'");

    expect((await t.api('DELETE', `/webhooks/${f.subscription.id}`, undefined, { key })).status).toBe(204);
    const inactive = await t.api('POST', `/webhooks/dead-letters/${delivery!.id}/redeliver`, undefined, { key });
    expect(inactive.status).toBe(409);
    expect(inactive.body.detail).toMatch(/^The subscription is inactive/);
    const tested = await t.api('POST', `/webhooks/${f.subscription.id}/test`, undefined, { key });
    expect(tested.status).toBe(409);
    expect(tested.body.detail).toMatch(/^The subscription is inactive/);
    expect((await deliveryRows(t)).map((d) => d.status).sort()).toEqual(['dead', 'succeeded']);
  });

  it('a pending delivery cannot be redelivered', async () => {
    const r = await startReceiver();
    cleanup.push(() => r.close());
    const s = await subscribe(t, r.url);
    const key = t.tenant.admin;
    const test = await t.api('POST', `/webhooks/${s.id}/test`, undefined, { key });
    const res = await t.api('POST', `/webhooks/dead-letters/${test.body.id}/redeliver`, undefined, { key });
    expect(res.status).toBe(409);
    expect(res.body.detail).toBe("Only dead-lettered deliveries can be redelivered; this one is 'pending'");
    const worker = testWorker(t.repos.webhookDeliveries);
    cleanup.push(() => worker.stop());
    await worker.settle();
    expect(r.received).toHaveLength(1);
  });
});
