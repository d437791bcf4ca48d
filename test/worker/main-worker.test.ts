/**
 * The Workers entry (src/main.worker.ts) as deployed: the bundle `wrangler deploy` would upload, run in
 * workerd over a D1 database that `wrangler d1 migrations apply` made, with wrangler.toml's bindings.
 * Each request is its own Workers request, so what one request started cannot leak into another's.
 */
import { createHmac, randomUUID } from 'node:crypto';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { killChildren, runTs } from '../helpers/spawn';
import { startReceiver, verify, type Receiver } from '../helpers/webhooks';
import { buildWorker, startWorker, type RunningWorker, type WorkerBuild } from '../helpers/worker';
import { startFakeGraph, type FakeGraph } from '../channels/fake-graph';

const KEY = 'agd_worker_bootstrap_key_0123456789abcdef';
const TIME_ZONE = 'America/Sao_Paulo';
const TWILIO_TOKEN = 'worker-twilio-token';
const META_APP_SECRET = 'worker-meta-app-secret';

function localDate(daysFromToday: number): string {
  return new Date(Date.now() + daysFromToday * 86_400_000).toLocaleDateString('en-CA', { timeZone: TIME_ZONE });
}

let build: WorkerBuild;
beforeAll(() => {
  build = buildWorker();
}, 180_000);
afterAll(() => build?.remove());

describe('the Workers entry over D1', () => {
  let worker: RunningWorker;
  let receiver: Receiver;
  let graph: FakeGraph;
  /** how the receiver answers each request, by its number (1-based); 204 when not said */
  const answers = new Map<number, number>();

  async function api(method: string, path: string, body?: unknown, key = KEY) {
    const res = await worker.fetch(`/v1/scheduling${path}`, {
      method,
      headers: { 'x-api-key': key, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as any };
  }

  async function created(path: string, body: unknown) {
    const res = await api('POST', path, body);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body;
  }

  let clinic: { location: string; type: string; provider: string; patient: string };

  beforeAll(async () => {
    receiver = await startReceiver((_r, n) => ({ status: answers.get(n) ?? 204 }));
    graph = await startFakeGraph();
    worker = await startWorker(build, {
      BOOTSTRAP_API_KEY: KEY,
      WEBHOOK_ALLOW_PRIVATE_URLS: '1',
      WEBHOOK_RETRY_SCHEDULE: '1,1,1',
      MIN_BOOKING_NOTICE_MINUTES: '0',
      TWILIO_AUTH_TOKEN: TWILIO_TOKEN,
      CHANNELS_TENANT: 'default',
      WHATSAPP_CLOUD_APP_SECRET: META_APP_SECRET,
      WHATSAPP_CLOUD_VERIFY_TOKEN: 'worker-verify-token',
      WHATSAPP_CLOUD_ACCESS_TOKEN: 'worker-access-token',
      WHATSAPP_CLOUD_API_URL: graph.url,
      WHATSAPP_CLOUD_PHONE_NUMBER_ID: '106540352242922',
      // offers go as this template; reminders, with none set, as text
      WHATSAPP_CLOUD_OFFER_TEMPLATE: 'vaga_lista_espera',
    });
  }, 60_000);
  afterAll(async () => {
    await killChildren();
    await worker?.stop();
    await receiver?.close();
    await graph?.close();
  });

  it('creates tenant "default" with BOOTSTRAP_API_KEY on the first request, and answers health', async () => {
    const health = await worker.fetch('/health');
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok', database: 'ok' });

    expect(await worker.rows('SELECT name FROM tenants')).toEqual([{ name: 'default' }]);
    expect((await api('GET', '/locations')).status).toBe(200);
    const refused = await api('GET', '/locations', undefined, 'agd_not_a_key_of_this_clinic_0000');
    expect(refused.status).toBe(401);
    expect(refused.body.detail).toEqual(expect.any(String));

    const location = await created('/locations', { name: 'Centro', timezone: TIME_ZONE });
    const type = await created('/appointment-types', { name: 'Consulta', duration_minutes: 30 });
    const provider = await created('/providers', { doctor_id: randomUUID(), name: 'Dra. Ana Lima', primary_location_id: location.id, specialties: ['Cardiologia'] });
    for (let day = 0; day < 7; day++) {
      await created(`/providers/${provider.id}/templates`, { day_of_week: day, start_time: '07:00', end_time: '19:00', location_id: location.id });
    }
    // a trailing slash is served as the path without it, as by the Node server (the same app)
    const patient = await created('/patients/', { name: 'João Souza', phone: '+5531988887777' });
    expect((await api('GET', `/patients/${patient.id}/`)).body).toMatchObject({ id: patient.id });
    expect((await api('GET', '/nothing-here/')).body).toEqual({ detail: 'No route for GET /v1/scheduling/nothing-here/' });
    clinic = { location: location.id, type: type.id, provider: provider.id, patient: patient.id };
  });

  async function freeSlots(daysFromToday: number) {
    const date = localDate(daysFromToday);
    const slots = await api('GET', `/slots?provider_id=${clinic.provider}&appointment_type_id=${clinic.type}&date_from=${date}&date_to=${date}`);
    expect(slots.status).toBe(200);
    expect(slots.body.data.length).toBeGreaterThan(2);
    return slots.body.data as Array<{ start_at: string; end_at: string }>;
  }

  function booking(patient: string, slot: { start_at: string; end_at: string }) {
    return {
      provider_profile_id: clinic.provider,
      patient_id: patient,
      appointment_type_id: clinic.type,
      location_id: clinic.location,
      start_time: slot.start_at,
      end_time: slot.end_at,
    };
  }

  it('books one of 40 concurrent requests for one slot, each its own Workers request', async () => {
    const racers: string[] = [];
    for (let i = 0; i < 40; i++) racers.push((await created('/patients', { name: `Corredor ${i}`, phone: `+55319777700${String(i).padStart(2, '0')}` })).id);
    const [slot] = await freeSlots(3);
    const results = await Promise.all(racers.map((patient) => api('POST', '/appointments', booking(patient, slot!))));
    expect(results.filter((r) => r.status === 201)).toHaveLength(1);
    const refused = results.filter((r) => r.status === 409);
    expect(refused).toHaveLength(39);
    for (const r of refused) expect(r.body.detail).toMatch(/double booking/i);
    expect(await worker.rows(`SELECT count(*) AS n FROM appointments WHERE start_time = ? AND status <> 'cancelled'`, slot!.start_at)).toEqual([{ n: 1 }]);
    expect(await worker.rows(`SELECT count(*) AS n FROM appointment_status_history`)).toEqual([{ n: 1 }]);
    expect(await worker.rows(`SELECT count(*) AS n FROM outbox WHERE event_type = 'appointment.created'`)).toEqual([{ n: 1 }]);
  });

  it("delivers a write's events, signed, once its response is sent; a failed attempt is retried by the cron trigger", async () => {
    const subscription = await created('/webhooks', { url: receiver.url, events: ['appointment.created', 'appointment.cancelled'] });
    // the first attempt fails: the cron trigger sends it again once the retry is due (1 s)
    answers.set(1, 503);
    const slot = (await freeSlots(4))[1]!;
    const appointment = await created('/appointments', booking(clinic.patient, slot));

    const [first] = await receiver.waitFor(1);
    expect(verify(subscription.secret, first!)).toMatchObject({ type: 'appointment.created', data: { appointment: { id: appointment.id } } });
    await new Promise((resolve) => setTimeout(resolve, 1_200));
    expect(receiver.received).toHaveLength(1);
    await worker.cron();
    const [, retry] = await receiver.waitFor(2);
    expect(retry!.headers['webhook-id']).toBe(first!.headers['webhook-id']);
    expect(verify(subscription.secret, retry!)).toMatchObject({ type: 'appointment.created' });

    const deliveries = await api('GET', `/webhooks/${subscription.id}/deliveries`);
    expect(deliveries.status).toBe(200);
    expect(deliveries.body.data).toEqual([expect.objectContaining({ status: 'succeeded', attempt_count: 2 })]);
    expect(deliveries.body.data[0].attempts.map((a: { status_code: number }) => a.status_code)).toEqual([503, 204]);

    // the next write's event goes out at once again
    expect((await api('POST', `/appointments/${appointment.id}/cancel`, { reason: 'teste' })).status).toBe(200);
    const [, , cancelled] = await receiver.waitFor(3);
    expect(cancelled!.json.type).toBe('appointment.cancelled');
  });

  it('carries a conversation in pt-BR to a booked appointment', async () => {
    const say = async (message: string) => {
      const res = await api('POST', '/conversation', { patient_id: clinic.patient, channel: 'whatsapp', message });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      return res.body as { reply: string; state: string; options?: unknown[]; appointment_id?: string };
    };
    const offer = await say('oi, queria marcar cardio depois de amanhã de manhã');
    expect(offer.options?.length).toBeGreaterThan(0);
    let turn = await say('1');
    if (!turn.appointment_id) turn = await say('sim');
    expect(turn.appointment_id).toEqual(expect.any(String));
    const booked = await api('GET', `/appointments/${turn.appointment_id}`);
    expect(booked.body).toMatchObject({ patient_id: clinic.patient, provider_profile_id: clinic.provider, status: 'requested' });
  });

  it("answers Twilio's signed message webhook with TwiML (Web Crypto in workerd), registering the new sender; a wrong signature is 403", async () => {
    const params = { From: 'whatsapp:+5511987650000', To: 'whatsapp:+553130000000', Body: 'oi', MessageSid: 'SMworker0001', ProfileName: 'Rita Alves' };
    const url = 'http://localhost/channels/twilio';
    const signature = createHmac('sha1', TWILIO_TOKEN)
      .update(url + Object.keys(params).sort().map((name) => name + params[name as keyof typeof params]).join(''))
      .digest('base64');
    const post = (sig: string) =>
      worker.fetch('/channels/twilio', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': sig },
        body: new URLSearchParams(params).toString(),
      });
    const wrong = await post(signature.replace(/^./, (ch) => (ch === 'A' ? 'B' : 'A')));
    expect(wrong.status).toBe(403);
    expect(await worker.rows('SELECT id FROM patients WHERE phone = ?', '+5511987650000')).toEqual([]);
    const res = await post(signature);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/xml/);
    expect(await res.text()).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?><Response><Message>Olá, Rita! /);
    expect(await worker.rows('SELECT name, preferred_channel FROM patients WHERE phone = ?', '+5511987650000')).toEqual([
      { name: 'Rita Alves', preferred_channel: 'whatsapp' },
    ]);
  });

  it("answers Meta's signed WhatsApp Cloud webhook through the Graph API (Web Crypto, fetch, D1), once per message id", async () => {
    const webhook = JSON.stringify({
      object: 'whatsapp_business_account',
      entry: [
        {
          id: '1',
          changes: [
            {
              field: 'messages',
              value: {
                messaging_product: 'whatsapp',
                metadata: { display_phone_number: '553130000000', phone_number_id: '106540352242922' },
                contacts: [{ wa_id: '5511987651111', profile: { name: 'Bruno Lima' } }],
                messages: [{ from: '5511987651111', id: 'wamid.worker1', timestamp: '1795953600', type: 'text', text: { body: 'bom dia' } }],
              },
            },
          ],
        },
      ],
    });
    const post = (signature: string) =>
      worker.fetch('/channels/whatsapp-cloud', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-hub-signature-256': signature },
        body: webhook,
      });
    const signature = `sha256=${createHmac('sha256', META_APP_SECRET).update(webhook).digest('hex')}`;
    expect((await post(`sha256=${'0'.repeat(64)}`)).status).toBe(403);
    expect(graph.sent()).toEqual([]);

    expect((await post(signature)).status).toBe(200);
    expect(graph.sent()).toMatchObject([{ phoneNumberId: '106540352242922', to: '5511987651111', body: expect.stringMatching(/^Bom dia, Bruno!/) }]);
    // Meta delivering it again: answered 200, not sent twice
    expect((await post(signature)).status).toBe(200);
    expect(graph.sent()).toHaveLength(1);
    expect(await worker.rows('SELECT name FROM patients WHERE phone = ?', '+5511987651111')).toEqual([{ name: 'Bruno Lima' }]);
  });

  it("sends a cancellation's waitlist offer to the waiting patient through the Cloud API, as the clinic's template, once the response is sent", async () => {
    const waiting = await created('/patients', { name: 'Rita Campos', phone: '+5531988880001', preferred_channel: 'whatsapp' });
    const [slot] = await freeSlots(4);
    const booked = await created('/appointments', booking(clinic.patient, slot!));
    await created('/waitlist', { patient_id: waiting.id, appointment_type_id: clinic.type, provider_id: clinic.provider });
    expect((await api('POST', `/appointments/${booked.id}/cancel`, { reason: 'patient asked' })).status).toBe(200);
    const toRita = () => graph.sent().filter((m) => m.to === '5531988880001');
    await expect.poll(toRita, { timeout: 10_000 }).toHaveLength(1);
    expect(toRita()[0]).toMatchObject({ phoneNumberId: '106540352242922', json: { type: 'template' } });
    const { template } = toRita()[0]!.json;
    expect(template).toMatchObject({ name: 'vaga_lista_espera', language: { code: 'pt_BR' } });
    const parameters = template.components[0].parameters.map((p: { text: string }) => p.text);
    expect(parameters).toEqual(['Rita', expect.stringMatching(/^n[ao] \S+, \d\d\/\d\d$/), expect.stringMatching(/^\d\d:\d\d$/), 'Dra. Ana Lima', expect.any(String)]);
    await expect
      .poll(() => worker.rows("SELECT status, last_error FROM outbound_messages WHERE patient_id = ?", waiting.id), { timeout: 5_000 })
      .toEqual([{ status: 'sent', last_error: null }]);
    // the every-minute trigger finds nothing more to send
    await worker.cron('* * * * *');
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(toRita()).toHaveLength(1);
  });

  it('forgets expired idempotency keys and old channel replies on the hourly cron trigger only', async () => {
    const longAgo = new Date(Date.now() - 40 * 86_400_000).toISOString();
    await worker.rows("INSERT INTO channel_replies (channel, message_id, holder, claimed_until, sent_at, created_at) VALUES ('whatsapp-cloud', 'wamid.old', 'h', '', ?, ?)", longAgo, longAgo);
    await worker.rows(
      "INSERT INTO idempotency_keys (tenant_id, key, request_hash, status_code, response_body, created_at) SELECT id, 'old-key', 'hash', 201, '{}', ? FROM tenants WHERE name = 'default'",
      longAgo,
    );
    const left = async () => [
      ...(await worker.rows("SELECT message_id AS id FROM channel_replies WHERE message_id = 'wamid.old'")),
      ...(await worker.rows("SELECT key AS id FROM idempotency_keys WHERE key = 'old-key'")),
    ];
    await worker.cron('* * * * *');
    // (what a cron run starts goes on after it returns: give it the time it would take)
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await left()).toHaveLength(2);
    await worker.cron('0 * * * *');
    await expect.poll(left, { timeout: 5_000 }).toEqual([]);
  });

  it('serves the API viewer with its files from the static assets', async () => {
    const page = await worker.fetch('/docs');
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('swagger-ui-bundle.js');
    const css = await worker.fetch('/docs/assets/swagger-ui.css');
    expect(css.status).toBe(200);
    expect(css.headers.get('content-type')).toContain('text/css');
    expect((await css.text()).length).toBeGreaterThan(10_000);
    // the assets folder is not served as a site of its own
    expect((await worker.fetch('/index.html')).status).toBe(404);
    expect((await worker.fetch('/openapi.json')).status).toBe(200);
    // the page's relative URLs resolve from /docs: /docs/ is sent there
    const slashed = await worker.fetch('/docs/', { redirect: 'manual' });
    expect(slashed.status).toBe(301);
    expect(slashed.headers.get('location')).toBe('../docs');
  });

  it("adds a clinic with `keys create --sql` run through `wrangler d1 execute`: its key works in its own tenant only; `keys revoke --sql` ends it", async () => {
    const tenant = "Clínica d'Ávila; Centro";
    const noDatabase = join(build.outdir, 'never-created.db');
    const cli = async (...args: string[]) => {
      const result = await runTs('src/cli/index.ts', args, { DATABASE_PATH: noDatabase });
      expect(result.code, result.stderr).toBe(0);
      return result;
    };
    const made = await cli('keys', 'create', '--tenant', tenant, '--scopes', 'read,write', '--name', 'recepção', '--sql');
    // stdout is the SQL alone; the key is the last line of stderr
    const key = made.stderr.trimEnd().split('\n').at(-1)!;
    expect(key).toMatch(/^agd_[A-Za-z0-9_-]{43}$/);
    expect(made.stdout).not.toContain(key);
    expect(existsSync(noDatabase)).toBe(false);
    const createSql = join(build.outdir, 'create-clinic.sql');
    writeFileSync(createSql, made.stdout);
    await worker.execute(createSql);
    // run twice: nothing more
    await worker.execute(createSql);
    expect(await worker.rows('SELECT name FROM tenants ORDER BY name')).toEqual([{ name: tenant }, { name: 'default' }]);
    expect(await worker.rows('SELECT k.name, k.scopes FROM api_keys k JOIN tenants t ON t.id = k.tenant_id WHERE t.name = ?', tenant)).toEqual([
      { name: 'recepção', scopes: '["read","write"]' },
    ]);

    const unit = await api('POST', '/locations', { name: 'Unidade Sul', timezone: 'America/Manaus' }, key);
    expect(unit.status, JSON.stringify(unit.body)).toBe(201);
    const own = await api('GET', '/locations', undefined, key);
    expect(own.body.data.map((l: { name: string }) => l.name)).toEqual(['Unidade Sul']);
    expect((await api('GET', `/locations/${clinic.location}`, undefined, key)).status).toBe(404);
    expect((await api('GET', `/locations/${unit.body.id}`)).status).toBe(404);
    expect((await api('GET', '/locations')).body.data.map((l: { name: string }) => l.name)).toEqual(['Centro']);
    // its scopes as given: no admin
    expect((await api('GET', '/api-keys', undefined, key)).status).toBe(403);

    const revoked = await cli('keys', 'revoke', key.slice(0, 12), '--sql');
    const revokeSql = join(build.outdir, 'revoke-key.sql');
    writeFileSync(revokeSql, revoked.stdout);
    await worker.execute(revokeSql);
    await worker.execute(revokeSql);
    const [row] = await worker.rows('SELECT revoked_at FROM api_keys WHERE prefix = ?', key.slice(0, 12));
    expect(row!.revoked_at).toEqual(expect.any(String));
    expect((await api('GET', '/locations', undefined, key)).status).toBe(401);
    expect((await api('GET', '/locations')).status).toBe(200);
  }, 90_000);

  it("sends the eve's reminder from the cron trigger that plans (every fifth minute) through the Cloud API, as a conversation turn", async () => {
    // (last: it adds a location the tests before do not expect)
    // a location whose clock says about 15:00 now, so that now is within its eve's sending window (10:00–20:00)
    const now = new Date();
    let offset = 15 - now.getUTCHours();
    if (offset > 14) offset -= 24;
    if (offset < -12) offset += 24;
    const zone = offset === 0 ? 'Etc/GMT' : `Etc/GMT${offset > 0 ? '-' : '+'}${Math.abs(offset)}`;
    const location = await created('/locations', { name: 'Unidade Longe', timezone: zone });
    const provider = await created('/providers', { doctor_id: randomUUID(), name: 'Dr. Caio Reis', primary_location_id: location.id, specialties: ['Cardiologia'] });
    for (let day = 0; day < 7; day++) {
      await created(`/providers/${provider.id}/templates`, { day_of_week: day, start_time: '08:00', end_time: '12:00', location_id: location.id });
    }
    const patient = await created('/patients', { name: 'Sofia Prado', phone: '+5531988880002', preferred_channel: 'whatsapp' });
    const localToday = new Date(now.getTime() + offset * 3_600_000).toISOString().slice(0, 10);
    const tomorrow = new Date(Date.parse(`${localToday}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    const start = new Date(Date.parse(`${tomorrow}T10:00:00Z`) - offset * 3_600_000);
    const appointment = await created('/appointments', {
      provider_profile_id: provider.id,
      patient_id: patient.id,
      appointment_type_id: clinic.type,
      location_id: location.id,
      start_time: start.toISOString(),
      end_time: new Date(start.getTime() + 30 * 60_000).toISOString(),
    });
    // booked days ago: a reminder comes at least two hours after its booking
    await worker.rows('UPDATE appointments SET created_at = ? WHERE id = ?', '2020-01-01T00:00:00.000Z', appointment.id);
    const toSofia = () => graph.sent().filter((m) => m.to === '5531988880002');

    // a trigger that does not plan sends nothing new
    await worker.cron('* * * * *', new Date(Date.UTC(2026, 0, 1, 12, 1)));
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(toSofia()).toEqual([]);

    await worker.cron('* * * * *', new Date(Date.UTC(2026, 0, 1, 12, 5)));
    await expect.poll(toSofia, { timeout: 10_000 }).toHaveLength(1);
    expect(toSofia()[0]!.body).toMatch(/^Olá, Sofia! Lembrete: sua consulta de Cardiologia com Dr\. Caio Reis é amanhã, .*, às 10:00, na Unidade Longe\. Você confirma sua presença\?$/);
    await expect
      .poll(() => worker.rows('SELECT kind, status, channel FROM outbound_messages WHERE patient_id = ?', patient.id), { timeout: 5_000 })
      .toEqual([{ kind: 'appointment_reminder', status: 'sent', channel: 'whatsapp' }]);
    expect(await worker.rows('SELECT channel, state FROM conversations WHERE patient_id = ?', patient.id)).toEqual([
      { channel: 'whatsapp', state: 'confirming_appointment' },
    ]);
  });
});

describe('the Workers entry with an invalid setting', () => {
  it('answers 503 naming the setting, and writes nothing', async () => {
    const worker = await startWorker(build, { BOOTSTRAP_API_KEY: KEY, MIN_BOOKING_NOTICE_MINUTES: 'soon' });
    try {
      const res = await worker.fetch('/v1/scheduling/locations', { headers: { 'x-api-key': KEY } });
      expect(res.status).toBe(503);
      expect(((await res.json()) as { detail: string }).detail).toMatch(/MIN_BOOKING_NOTICE_MINUTES/);
      expect(await worker.rows('SELECT count(*) AS n FROM tenants')).toEqual([{ n: 0 }]);
    } finally {
      await worker.stop();
    }
  }, 60_000);

  it('answers 503 naming the migrations the database lacks and the command, and works once they are applied', async () => {
    const worker = await startWorker(build, { BOOTSTRAP_API_KEY: KEY });
    try {
      // a deploy ahead of its migration: the database as wrangler left it before the last one was applied
      const [last] = await worker.rows('SELECT id, name, applied_at FROM d1_migrations ORDER BY id DESC LIMIT 1');
      await worker.rows('DELETE FROM d1_migrations WHERE id = ?', last!.id);
      const behind = await worker.fetch('/v1/scheduling/locations', { headers: { 'x-api-key': KEY } });
      expect(behind.status).toBe(503);
      const { detail } = (await behind.json()) as { detail: string };
      expect(detail).toContain(`The database lacks migrations ${String(last!.name)}: run`);
      expect(detail).toContain('npx wrangler d1 migrations apply agendador --remote');
      expect(await worker.rows('SELECT count(*) AS n FROM tenants')).toEqual([{ n: 0 }]);

      // applied now: the next request checks again, without a new deploy
      await worker.rows('INSERT INTO d1_migrations (id, name, applied_at) VALUES (?, ?, ?)', last!.id, last!.name, last!.applied_at);
      const res = await worker.fetch('/v1/scheduling/locations', { headers: { 'x-api-key': KEY } });
      expect(res.status, await res.clone().text()).toBe(200);
      expect(await worker.rows('SELECT name FROM tenants')).toEqual([{ name: 'default' }]);
    } finally {
      await worker.stop();
    }
  }, 60_000);

  it("does not read the settings that mean nothing on Workers (README), whatever their value", async () => {
    const worker = await startWorker(build, {
      BOOTSTRAP_API_KEY: KEY,
      PORT: 'eighty',
      HOST: '',
      DATABASE_PATH: '',
      SEED_DEMO: 'maybe',
      WEBHOOK_POLL_INTERVAL_MS: '1',
      WHATSAPP_WEB: 'on',
    });
    try {
      const res = await worker.fetch('/v1/scheduling/locations', { headers: { 'x-api-key': KEY } });
      expect(res.status, await res.clone().text()).toBe(200);
      expect(await worker.rows('SELECT name FROM tenants')).toEqual([{ name: 'default' }]);
    } finally {
      await worker.stop();
    }
  }, 60_000);
});
