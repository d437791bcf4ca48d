/**
 * `npm start`'s server sends the messages the clinic starts: a cancellation's waitlist offer reaches the
 * waiting patient by SMS through Twilio's Messages API (a fake one on loopback), with no request of
 * anyone's to trigger the send (the server's own timer does).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { killChildren, spawnTs } from '../helpers/spawn';
import { startFakeTwilio, type FakeTwilio } from '../channels/fake-twilio';

const LISTENING = /agendador listening on http:\/\/localhost:(\d+)\n/;
const DEMO_KEY = /^Demo API key: (agd_[A-Za-z0-9_-]+)$/m;
const ACCOUNT_SID = 'AC0123456789abcdef0123456789abcdef';

let dir: string;
let twilio: FakeTwilio;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'agendador-e2e-messages-'));
  twilio = await startFakeTwilio();
});
afterAll(async () => {
  await killChildren();
  await twilio?.close();
  rmSync(dir, { recursive: true, force: true });
});

it("sends a cancellation's waitlist offer by SMS from the server's own timer", async () => {
  const server = spawnTs('src/main.node.ts', {
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    DATABASE_PATH: join(dir, 'clinic.db'),
    TWILIO_ACCOUNT_SID: ACCOUNT_SID,
    TWILIO_AUTH_TOKEN: 'e2e-token',
    TWILIO_SMS_FROM: '+5531300000000',
    TWILIO_API_URL: twilio.url,
  });
  const [, port] = await server.waitForStdout(LISTENING, 20_000);
  const key = server.stdout().match(DEMO_KEY)![1]!;
  const api = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`http://127.0.0.1:${port}/v1/scheduling${path}`, {
      method,
      headers: { 'x-api-key': key, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as any };
  };
  const byName = async (path: string, name: string) => ((await api('GET', `${path}?limit=100`)).body.data as Array<{ id: string; name: string }>).find((x) => x.name === name)!;
  const provider = await byName('/providers', 'Dra. Ana Souza');
  const type = await byName('/appointment-types', 'Consulta');
  const maria = await byName('/patients', 'Maria Oliveira');
  // Ana Paula prefers SMS
  const anaPaula = await byName('/patients', 'Ana Paula Ferreira');

  const from = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);
  const to = new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10);
  const slots = await api('GET', `/slots?provider_id=${provider.id}&appointment_type_id=${type.id}&date_from=${from}&date_to=${to}`);
  const slot = slots.body.data[0] as { start_at: string; end_at: string; location: { id: string } };
  const booked = await api('POST', '/appointments', {
    provider_profile_id: provider.id,
    patient_id: maria.id,
    appointment_type_id: type.id,
    location_id: slot.location.id,
    start_time: slot.start_at,
    end_time: slot.end_at,
  });
  expect(booked.status, JSON.stringify(booked.body)).toBe(201);
  expect((await api('POST', '/waitlist', { patient_id: anaPaula.id, appointment_type_id: type.id, provider_id: provider.id })).status).toBe(201);
  expect((await api('POST', `/appointments/${booked.body.id}/cancel`, { reason: 'e2e' })).status).toBe(200);

  await expect.poll(() => twilio.messages().length, { timeout: 25_000, interval: 200 }).toBe(1);
  const [sent] = twilio.messages();
  expect(sent).toMatchObject({ accountSid: ACCOUNT_SID });
  expect(sent!.form).toMatchObject({ From: '+5531300000000', To: '+5531999990003' });
  expect(sent!.form.Body).toMatch(/^Olá, Ana! Abriu um horário .*, com Dra\. Ana Souza \(.* Responda SIM para reservar ou NÃO para continuar na lista de espera\.$/);
  await server.stop();
}, 60_000);
