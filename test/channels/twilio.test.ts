/**
 * POST /channels/twilio: Twilio's inbound message webhook (SMS, and WhatsApp through Twilio) on the demo
 * clinic behind the real app. Signatures are made here with node:crypto from Twilio's documented
 * algorithm, which is first checked against Twilio's own published example.
 */
import { createHmac } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { afterEach, describe, expect, it } from 'vitest';
import * as pt from '../../locales/pt-BR/channels';
import { MAX_AUDIO_BYTES } from '../../src/core/language/voice';
import { MAX_MESSAGE_BODY, messageBodies, twiml, twilioSignatureValid, twilioSigningKey, type TwilioSettings } from '../../src/channels/twilio';
import { audioFixture, transcriberAt } from '../api/voice/helpers';
import { startFakeOpenAi, transcript, type FakeOpenAi } from '../helpers/fake-openai';
import { createChannelClinic, MARIA_PHONE, type ChannelClinic } from './channel-clinic';

const TOKEN = 'test-auth-token-0123456789abcdef';
const ACCOUNT_SID = 'AC0123456789abcdef0123456789abcdef';
/** the URL app.request() calls: Hono's default origin */
const LOCAL_URL = 'http://localhost/channels/twilio';

/** Twilio's algorithm: base64(HMAC-SHA1(token, URL + each parameter's name and value, sorted by name)). */
function sign(token: string, url: string, params: Record<string, string>): string {
  const data = url + Object.keys(params).sort().map((name) => name + params[name]).join('');
  return createHmac('sha1', token).update(data, 'utf8').digest('base64');
}

let clinic: ChannelClinic | undefined;
const closers: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
  clinic?.close();
  clinic = undefined;
});

/** The channel clinic with these Twilio settings (default: token and account SID), transcribing at `fake` when given. */
async function twilioClinic(twilio: TwilioSettings = { authToken: TOKEN, accountSid: ACCOUNT_SID }, fake?: FakeOpenAi) {
  clinic = await createChannelClinic({ transcriber: fake ? transcriberAt(fake) : null, deps: { channels: { twilio } } });
  return clinic;
}

interface PostOptions {
  /** the URL to sign (default: the one called) */
  signedUrl?: string;
  /** the signature header; null: none */
  signature?: string | null;
  token?: string;
  path?: string;
  headers?: Record<string, string>;
}

/** POSTs a form to the Twilio route as Twilio does, signed for the URL called unless told otherwise. */
async function post(c: ChannelClinic, params: Record<string, string>, options: PostOptions = {}) {
  const path = options.path ?? '/channels/twilio';
  const signature = options.signature === undefined ? sign(options.token ?? TOKEN, options.signedUrl ?? `http://localhost${path}`, params) : options.signature;
  const res = await c.app.request(path, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      ...(signature === null ? {} : { 'x-twilio-signature': signature }),
      ...options.headers,
    },
    body: new URLSearchParams(params).toString(),
  });
  const text = await res.text();
  return { status: res.status, type: res.headers.get('content-type'), text, json: () => JSON.parse(text) as { detail: string } };
}

const XML_ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&apos;': "'" };

/** The text of the TwiML answer's one <Message>, unescaped; null for `<Response/>`. */
function messageOf(xml: string): string | null {
  expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?><Response')).toBe(true);
  if (xml.endsWith('<Response/>')) return null;
  const m = /<Response><Message>([^<]*)<\/Message><\/Response>$/.exec(xml);
  expect(m, xml).not.toBeNull();
  return m![1]!.replace(/&(amp|lt|gt|quot|apos);/g, (entity) => XML_ENTITIES[entity]!);
}

let sids = 0;
const sms = (from: string, body: string, extra: Record<string, string> = {}) => ({
  ToCountry: 'BR',
  To: '+553130000000',
  From: from,
  Body: body,
  MessageSid: `SM${String(++sids).padStart(32, '0')}`,
  AccountSid: ACCOUNT_SID,
  NumMedia: '0',
  NumSegments: '1',
  ApiVersion: '2010-04-01',
  ...extra,
});

const count = (c: ChannelClinic, table: string) => c.rows<{ n: number }>(`SELECT count(*) AS n FROM ${table}`)[0]!.n;

/** A media host on 127.0.0.1, standing for Twilio's: `/voice.ogg` (a real voice note), `/big` (10 MiB + 1 byte), `/gone` (404). */
async function startMediaHost() {
  const requests: Array<{ path: string; headers: IncomingHttpHeaders }> = [];
  const voice = audioFixture('voice-note.ogg');
  const server: Server = createServer((req, res) => {
    requests.push({ path: req.url ?? '', headers: req.headers });
    if (req.url === '/voice.ogg') return res.writeHead(200, { 'content-type': 'audio/ogg' }).end(voice);
    if (req.url === '/big') return res.writeHead(200, { 'content-type': 'audio/ogg' }).end(Buffer.alloc(MAX_AUDIO_BYTES + 1));
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  closers.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return { url, requests, voiceSize: voice.length };
}

describe('Twilio signature', () => {
  // Twilio's published example (TwilioDevEd/api-snippets security/signature_validation, the sample on
  // twilio.com/docs/usage/webhooks/webhooks-security): auth token, URL, POST parameters and the header
  const EXAMPLE = {
    token: '12345',
    url: 'https://mycompany.com/myapp.php?foo=1&bar=2',
    params: { CallSid: 'CA1234567890ABCDE', Caller: '+14158675310', Digits: '1234', From: '+14158675310', To: '+18005551212' },
    signature: 'GvWf1cFY/Q7PnoempGyD5oXAezc=',
  };

  it("the test's signer and the route's check both agree with Twilio's documented example", async () => {
    expect(sign(EXAMPLE.token, EXAMPLE.url, EXAMPLE.params)).toBe(EXAMPLE.signature);
    const key = await twilioSigningKey(EXAMPLE.token);
    const params = Object.entries(EXAMPLE.params);
    expect(await twilioSignatureValid(key, EXAMPLE.signature, EXAMPLE.url, params)).toBe(true);
    // the port written out for https, as a proxy may: still Twilio's URL
    expect(await twilioSignatureValid(key, EXAMPLE.signature, 'https://mycompany.com:443/myapp.php?foo=1&bar=2', params)).toBe(true);
    expect(await twilioSignatureValid(key, EXAMPLE.signature, 'https://mycompany.com/myapp.php?foo=1&bar=3', params)).toBe(false);
    expect(await twilioSignatureValid(key, EXAMPLE.signature, EXAMPLE.url, [...params, ['Body', 'oi']])).toBe(false);
    expect(await twilioSignatureValid(await twilioSigningKey('54321'), EXAMPLE.signature, EXAMPLE.url, params)).toBe(false);
    expect(await twilioSignatureValid(key, 'not base64!', EXAMPLE.url, params)).toBe(false);
  });

  it("the route takes Twilio's documented example as signed (with TWILIO_WEBHOOK_URL), and refuses it then only for lacking MessageSid", async () => {
    const c = await twilioClinic({ authToken: EXAMPLE.token, webhookUrl: EXAMPLE.url });
    const res = await post(c, EXAMPLE.params, { signature: EXAMPLE.signature });
    expect(res.status).toBe(422);
    expect(res.json().detail).toMatch(/^MessageSid: required/);
    expect(count(c, 'conversations')).toBe(0);
  });

  it('a missing signature is 401 and a wrong one 403, with {detail}, and nothing is written (no patient, no conversation)', async () => {
    const c = await twilioClinic();
    const patients = count(c, 'patients');
    const message = sms('+5531988887777', 'oi, quero marcar cardiologista');

    const missing = await post(c, message, { signature: null });
    expect(missing.status).toBe(401);
    expect(missing.json().detail).toMatch(/X-Twilio-Signature is missing/);

    const wrongToken = await post(c, message, { token: 'another-account-token' });
    expect(wrongToken.status).toBe(403);
    expect(wrongToken.json().detail).toMatch(/X-Twilio-Signature does not match/);
    // signed, then changed on the way: the Body is not what Twilio signed
    const tampered = await post(c, { ...message, Body: 'cancela tudo' }, { signature: sign(TOKEN, LOCAL_URL, message) });
    expect(tampered.status).toBe(403);
    const garbage = await post(c, message, { signature: '%%%' });
    expect(garbage.status).toBe(403);

    expect(count(c, 'patients')).toBe(patients);
    expect(count(c, 'conversations')).toBe(0);
    expect(count(c, 'conversation_turns')).toBe(0);
    // refusals are logged by request id only
    const logged = JSON.stringify(c.logs);
    expect(logged).not.toContain('+5531988887777');
    expect(logged).not.toContain('cardiologista');
  });

  it('not configured (no TWILIO_AUTH_TOKEN): 503 naming the setting, signed or not', async () => {
    const c = await twilioClinic({});
    for (const signature of [null, 'anything']) {
      const res = await post(c, sms(MARIA_PHONE, 'oi'), { signature });
      expect(res.status).toBe(503);
      expect(res.json().detail).toMatch(/TWILIO_AUTH_TOKEN/);
    }
    expect(count(c, 'conversations')).toBe(0);
  });

  it('behind a proxy: the URL signed is the one X-Forwarded-Proto and X-Forwarded-Host name', async () => {
    const c = await twilioClinic();
    const forwarded = { 'x-forwarded-proto': 'https', 'x-forwarded-host': 'clinica.example.com' };
    const message = sms(MARIA_PHONE, 'oi');
    const right = await post(c, message, { signedUrl: 'https://clinica.example.com/channels/twilio', headers: forwarded });
    expect(right.status).toBe(200);
    expect(messageOf(right.text)).toMatch(/^Olá, Maria!/);
    // signed for the address the server itself sees: not what Twilio called
    const local = await post(c, sms(MARIA_PHONE, 'oi'), { headers: forwarded });
    expect(local.status).toBe(403);
    // a chain of proxies: the first (the client's) values count
    const chained = await post(c, sms(MARIA_PHONE, 'oi'), {
      signedUrl: 'https://clinica.example.com/channels/twilio',
      headers: { 'x-forwarded-proto': 'https, http', 'x-forwarded-host': 'clinica.example.com, internal:8080' },
    });
    expect(chained.status).toBe(200);
  });

  it('TWILIO_WEBHOOK_URL, when set, is the URL signed, whatever the request says it was called at', async () => {
    const webhookUrl = 'https://clinica.example.com/hooks/twilio?clinic=centro';
    const c = await twilioClinic({ authToken: TOKEN, webhookUrl });
    const right = await post(c, sms(MARIA_PHONE, 'oi'), { signedUrl: webhookUrl, headers: { 'x-forwarded-host': 'elsewhere.example.com' } });
    expect(right.status).toBe(200);
    const local = await post(c, sms(MARIA_PHONE, 'oi'));
    expect(local.status).toBe(403);
    expect(local.json().detail).toMatch(/TWILIO_WEBHOOK_URL/);
  });
});

describe('a reply longer than Twilio sends in one message', () => {
  it('goes as several <Message>s of at most 1,600 characters, split between lines, nothing lost', () => {
    const lines = Array.from({ length: 60 }, (_, i) => `${i + 1}) sexta, 27/11 às 08:00 com Dra. Ana Souza — Unidade Centro`);
    const reply = lines.join('\n');
    const bodies = messageBodies(reply);
    expect(bodies.length).toBeGreaterThan(1);
    for (const body of bodies) expect(body.length).toBeLessThanOrEqual(MAX_MESSAGE_BODY);
    expect(bodies.join('\n')).toBe(reply);
    expect(twiml(reply).match(/<Message>/g)).toHaveLength(bodies.length);
  });

  it('a single line longer than that is cut between words', () => {
    const line = Array.from({ length: 400 }, (_, i) => `palavra${i}`).join(' ');
    const bodies = messageBodies(line);
    for (const body of bodies) expect(body.length).toBeLessThanOrEqual(MAX_MESSAGE_BODY);
    expect(bodies.join(' ')).toBe(line);
  });

  it('an ordinary reply is one message, as it is', () => {
    expect(messageBodies('Olá, Maria!\nQual prefere?')).toEqual(['Olá, Maria!\nQual prefere?']);
  });
});

describe('Twilio messages', () => {
  it('Maria books by SMS through a few messages; each answer is TwiML with the reply', async () => {
    const c = await twilioClinic();
    const first = await post(c, sms(MARIA_PHONE, 'oi, quero marcar cardiologista amanha de manha'));
    expect(first.status).toBe(200);
    expect(first.type).toMatch(/^text\/xml/);
    expect(messageOf(first.text)).toMatch(/^Olá, Maria! Tenho estes horários de Cardiologia amanhã/);
    expect(messageOf((await post(c, sms(MARIA_PHONE, '1'))).text)).toMatch(/^Confirma consulta de Cardiologia/);
    expect(messageOf((await post(c, sms(MARIA_PHONE, 'sim'))).text)).toMatch(/^Pronto, está marcado!/);

    const maria = c.rows('SELECT id FROM patients WHERE phone = ?', MARIA_PHONE)[0]!.id;
    expect(c.rows('SELECT status, start_time FROM appointments WHERE patient_id = ?', maria)).toEqual([
      { status: 'requested', start_time: '2026-11-26T11:00:00.000Z' },
    ]);
    expect(c.rows('SELECT channel FROM conversations WHERE patient_id = ?', maria)).toEqual([{ channel: 'sms' }]);
  });

  it('a repeated MessageSid (a Twilio retry) gets the same reply again and does not advance the conversation', async () => {
    const c = await twilioClinic();
    const message = sms(MARIA_PHONE, 'oi, quero marcar cardiologista amanha de manha');
    const first = await post(c, message);
    const again = await post(c, message);
    expect(again.status).toBe(200);
    expect(again.text).toBe(first.text);
    expect(count(c, 'conversation_turns')).toBe(1);
  });

  it('a number the clinic does not know registers a patient (named by the phone on SMS) and is answered', async () => {
    const c = await twilioClinic();
    const res = await post(c, sms('+5531988887777', 'oi'));
    expect(res.status).toBe(200);
    expect(messageOf(res.text)).toMatch(/^Olá!/);
    expect(c.rows('SELECT name, phone, preferred_channel FROM patients WHERE phone = ?', '+5531988887777')).toEqual([
      { name: '+5531988887777', phone: '+5531988887777', preferred_channel: 'sms' },
    ]);
  });

  it('From whatsapp:+… is the whatsapp channel, and ProfileName names the new patient', async () => {
    const c = await twilioClinic();
    const res = await post(c, sms('whatsapp:+5511987654321', 'bom dia', { ProfileName: 'Joana Prado', WaId: '5511987654321', To: 'whatsapp:+5531300000000' }));
    expect(res.status).toBe(200);
    expect(messageOf(res.text)).toMatch(/^Bom dia, Joana!/);
    const [joana] = c.rows('SELECT id, name, preferred_channel FROM patients WHERE phone = ?', '+5511987654321');
    expect(joana).toMatchObject({ name: 'Joana Prado', preferred_channel: 'whatsapp' });
    expect(c.rows('SELECT channel FROM conversations WHERE patient_id = ?', joana!.id)).toEqual([{ channel: 'whatsapp' }]);
    expect(JSON.stringify(c.logs)).not.toContain('Joana');
  });

  it('the reply is XML-escaped: a name with & and < comes back as text, not markup', async () => {
    const c = await twilioClinic();
    const res = await post(c, sms('whatsapp:+5511987654321', 'oi', { ProfileName: 'Zé&<Bia>"' }));
    expect(res.status).toBe(200);
    expect(res.text).toContain('Olá, Zé&amp;&lt;Bia&gt;&quot;!');
    expect(messageOf(res.text)).toMatch(/^Olá, Zé&<Bia>"!/);
  });

  it('a voice note: the audio MediaUrl is downloaded with the account SID and token (HTTP Basic), transcribed, and answered', async () => {
    const fake = await startFakeOpenAi();
    closers.push(() => fake.close());
    fake.setTranscription(transcript('quero marcar cardiologista amanhã de manhã'));
    const media = await startMediaHost();
    const c = await twilioClinic({ authToken: TOKEN, accountSid: ACCOUNT_SID }, fake);
    const res = await post(c, sms(MARIA_PHONE, '', { NumMedia: '1', MediaContentType0: 'audio/ogg', MediaUrl0: `${media.url}/voice.ogg` }));
    expect(res.status).toBe(200);
    expect(messageOf(res.text)).toMatch(/^Olá, Maria! Tenho estes horários de Cardiologia amanhã/);
    expect(media.requests).toHaveLength(1);
    expect(media.requests[0]!.headers.authorization).toBe(`Basic ${Buffer.from(`${ACCOUNT_SID}:${TOKEN}`).toString('base64')}`);
    const upload = fake.requests.find((r) => r.path.endsWith('/audio/transcriptions'));
    expect(upload?.body.file.size).toBe(media.voiceSize);
  });

  it('a voice note over 10 MiB, or one whose download fails, is answered with a pt-BR reply, not an error', async () => {
    const fake = await startFakeOpenAi();
    closers.push(() => fake.close());
    const media = await startMediaHost();
    const c = await twilioClinic({ authToken: TOKEN, accountSid: ACCOUNT_SID }, fake);
    const big = await post(c, sms(MARIA_PHONE, '', { NumMedia: '1', MediaContentType0: 'audio/ogg', MediaUrl0: `${media.url}/big` }));
    expect(big.status).toBe(200);
    expect(messageOf(big.text)).toBe(pt.AUDIO_UNREADABLE);
    const gone = await post(c, sms(MARIA_PHONE, '', { NumMedia: '1', MediaContentType0: 'audio/ogg', MediaUrl0: `${media.url}/gone` }));
    expect(gone.status).toBe(200);
    expect(messageOf(gone.text)).toBe(pt.TURN_FAILED);
    expect(fake.requests).toHaveLength(0);
    expect(JSON.stringify(c.logs)).not.toContain(media.url);
  });

  it('an image without text gets the unsupported-message reply; an image with a caption is its caption', async () => {
    const media = await startMediaHost();
    const c = await twilioClinic();
    const image = { NumMedia: '1', MediaContentType0: 'image/jpeg', MediaUrl0: `${media.url}/photo.jpg` };
    const bare = await post(c, sms(MARIA_PHONE, '', image));
    expect(bare.status).toBe(200);
    expect(messageOf(bare.text)).toBe(pt.UNSUPPORTED_MESSAGE);
    const captioned = await post(c, sms(MARIA_PHONE, 'oi', image));
    expect(messageOf(captioned.text)).toMatch(/^Olá, Maria!/);
    expect(media.requests).toHaveLength(0);
  });

  it('an empty message is answered with an empty TwiML response (nothing to send)', async () => {
    const c = await twilioClinic();
    const res = await post(c, sms(MARIA_PHONE, '   '));
    expect(res.status).toBe(200);
    expect(res.text).toBe('<?xml version="1.0" encoding="UTF-8"?><Response/>');
  });

  it('takes the path with a trailing slash (signed as called)', async () => {
    const c = await twilioClinic();
    const res = await post(c, sms(MARIA_PHONE, 'oi'), { path: '/channels/twilio/' });
    expect(res.status).toBe(200);
    expect(messageOf(res.text)).toMatch(/^Olá, Maria!/);
  });

  it('bad input is a 4xx with {detail}: no From or MessageSid (422), a bad NumMedia (422), not a form (415), not UTF-8 (400)', async () => {
    const c = await twilioClinic();
    const { From: _from, ...noFrom } = sms(MARIA_PHONE, 'oi');
    const noFromRes = await post(c, noFrom);
    expect(noFromRes.status).toBe(422);
    expect(noFromRes.json().detail).toMatch(/^From: required/);

    const badMedia = await post(c, sms(MARIA_PHONE, '', { NumMedia: 'many' }));
    expect(badMedia.status).toBe(422);
    expect(badMedia.json().detail).toMatch(/NumMedia/);

    const json = await c.app.request('/channels/twilio', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-twilio-signature': sign(TOKEN, LOCAL_URL, {}) },
      body: JSON.stringify(sms(MARIA_PHONE, 'oi')),
    });
    expect(json.status).toBe(415);
    expect(((await json.json()) as { detail: string }).detail).toMatch(/application\/x-www-form-urlencoded/);

    const latin1 = await c.app.request('/channels/twilio', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': 'x' },
      body: new Uint8Array([0x42, 0x6f, 0x64, 0x79, 0x3d, 0xe7]),
    });
    expect(latin1.status).toBe(400);
    expect(((await latin1.json()) as { detail: string }).detail).toMatch(/UTF-8/);

    const get = await c.app.request('/channels/twilio');
    expect(get.status).toBe(405);
    expect(count(c, 'conversations')).toBe(0);
  });

  it('over real HTTP on loopback: the URL signed is http://127.0.0.1:<port>/channels/twilio, as Twilio would call it there', async () => {
    const c = await twilioClinic();
    const server: ServerType = serve({ fetch: c.app.fetch, port: 0, hostname: '127.0.0.1' });
    await new Promise<void>((resolve) => server.once('listening', () => resolve()));
    closers.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/channels/twilio`;
    const message = sms(MARIA_PHONE, 'oi');
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': sign(TOKEN, url, message) },
      body: new URLSearchParams(message).toString(),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/xml/);
    expect(messageOf(await res.text())).toMatch(/^Olá, Maria!/);
  });
});
