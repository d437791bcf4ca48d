/**
 * The WhatsApp Business Cloud API webhook over the real app (the demo clinic on a SQLite file) and a
 * fake Graph API on 127.0.0.1: Meta's verification GET, signed POSTs (checked with node:crypto here,
 * independently of the adapter's Web Crypto), each message as one turn, replies sent through the Graph
 * API, redeliveries answered once, a failed send refused so that Meta delivers again, voice notes.
 */
import { createHmac } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as pt from '../../locales/pt-BR/channels';
import { startFakeOpenAi, transcript, type FakeOpenAi } from '../helpers/fake-openai';
import { audioFixture, transcriberAt } from '../api/voice/helpers';
import { createChannelClinic, type ChannelClinic } from './channel-clinic';
import { startFakeGraph, type FakeGraph } from './fake-graph';

const APP_SECRET = 'test-app-secret';
const VERIFY_TOKEN = 'test-verify-token';
const ACCESS_TOKEN = 'test-access-token';
const PHONE_NUMBER_ID = '106540352242922';
/** Maria Oliveira (+5531999990001) as WhatsApp names her */
const MARIA_WA_ID = '5531999990001';
const PATH = '/channels/whatsapp-cloud';

let graph: FakeGraph;
let clinic: ChannelClinic;
let openAi: FakeOpenAi | undefined;

async function clinicWith(settings: Record<string, string | undefined> = {}, transcriber?: ReturnType<typeof transcriberAt>) {
  return createChannelClinic({
    transcriber,
    deps: {
      channels: {
        whatsappCloud: { appSecret: APP_SECRET, verifyToken: VERIFY_TOKEN, accessToken: ACCESS_TOKEN, apiUrl: graph.url, ...settings },
      },
    },
  });
}

beforeEach(async () => {
  graph = await startFakeGraph();
  clinic = await clinicWith();
});

afterEach(async () => {
  clinic.close();
  await graph.close();
  await openAi?.close();
  openAi = undefined;
});

let nextId = 0;

interface MessageSpec {
  from?: string;
  id?: string;
  type?: string;
  [field: string]: unknown;
}

function textMessage(body: string, spec: MessageSpec = {}) {
  return { from: MARIA_WA_ID, id: `wamid.test${++nextId}`, timestamp: '1795953600', type: 'text', text: { body }, ...spec };
}

/** A `messages` webhook as Meta sends it, around one change's value (the clinic's number's metadata added). */
function envelope(value: Record<string, unknown>) {
  return {
    object: 'whatsapp_business_account',
    entry: [
      {
        id: '102290129340398',
        changes: [
          {
            field: 'messages',
            value: {
              messaging_product: 'whatsapp',
              metadata: { display_phone_number: '553130000000', phone_number_id: PHONE_NUMBER_ID },
              ...value,
            },
          },
        ],
      },
    ],
  };
}

/** A `messages` webhook with these messages (and a contact for each sender). */
function webhook(messages: Array<Record<string, unknown>>, names: Record<string, string> = { [MARIA_WA_ID]: 'Maria Oliveira' }) {
  const senders = [...new Set(messages.map((m) => m.from as string))];
  return envelope({ contacts: senders.map((wa_id) => ({ profile: { name: names[wa_id] ?? 'Fulano' }, wa_id })), messages });
}

function signatureOf(body: string | Uint8Array, secret = APP_SECRET): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

/** POSTs the body (an object is sent as JSON text), signed unless `signature` says otherwise (null: no header). */
async function post(body: unknown, init: { signature?: string | null; path?: string; on?: ChannelClinic } = {}) {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  const signature = init.signature === undefined ? signatureOf(text) : init.signature;
  if (signature !== null) headers['x-hub-signature-256'] = signature;
  const res = await (init.on ?? clinic).app.request(init.path ?? PATH, { method: 'POST', headers, body: text });
  const raw = await res.text();
  let json: any = null;
  try {
    json = JSON.parse(raw);
  } catch {
    json = null;
  }
  return { status: res.status, body: json };
}

const say = (text: string, spec: MessageSpec = {}) => post(webhook([textMessage(text, spec)]));

describe('verification (GET)', () => {
  it.each([PATH, `${PATH}/`])('answers hub.challenge as text to the right token (%s)', async (path) => {
    const res = await clinic.app.request(`${path}?hub.mode=subscribe&hub.verify_token=${VERIFY_TOKEN}&hub.challenge=1158201444`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(await res.text()).toBe('1158201444');
  });

  it.each([
    ['a wrong token', `hub.mode=subscribe&hub.verify_token=wrong&hub.challenge=1`],
    ['no token', `hub.mode=subscribe&hub.challenge=1`],
    ['another mode', `hub.mode=unsubscribe&hub.verify_token=${VERIFY_TOKEN}&hub.challenge=1`],
  ])('refuses %s with 403 {detail}', async (_, query) => {
    const res = await clinic.app.request(`${PATH}?${query}`);
    expect(res.status).toBe(403);
    expect(await res.json()).toEqual({ detail: expect.stringContaining('WHATSAPP_CLOUD_VERIFY_TOKEN') });
  });
});

describe('signature (POST)', () => {
  const stranger = () => webhook([textMessage('oi', { from: '5511988887777' })], { '5511988887777': 'Ana Costa' });

  it.each([
    ['missing', null, 401],
    ['made with another secret', signatureOf(JSON.stringify({}), 'another-secret'), 403],
    ['of another body', signatureOf('{}'), 403],
    ['not sha256=<hex>', 'sha1=abc', 403],
  ])('%s: refused, and nothing is run', async (_, signature, status) => {
    const patients = clinic.rows('SELECT id FROM patients').length;
    const res = await post(stranger(), { signature: signature as string | null });
    expect(res.status).toBe(status);
    expect(res.body).toEqual({ detail: expect.any(String) });
    expect(clinic.rows('SELECT id FROM patients')).toHaveLength(patients);
    expect(clinic.rows('SELECT * FROM conversations')).toHaveLength(0);
    expect(graph.requests).toHaveLength(0);
  });

  it('is checked over the bytes as sent: UTF-8 text and \\/-escaped slashes, as Meta writes them', async () => {
    const payload = { ...webhook([textMessage('oi, queria marcar cardiologista amanhã de manhã')]), href: 'https://example.test/a/b' };
    const text = JSON.stringify(payload).replaceAll('/', '\\/');
    expect(text).toContain('amanhã');
    expect(text).toContain('https:\\/\\/example.test');
    const res = await post(text, { signature: signatureOf(Buffer.from(text, 'utf8')) });
    expect(res.status).toBe(200);
    expect(graph.sent()[0]!.body).toContain('Cardiologia');
  });

  it('refuses a malformed body with 400 and a payload of the wrong shape with 422, after the signature', async () => {
    expect((await post('{"entry": ')).status).toBe(400);
    const wrong = await post({ entry: [{ changes: [{ field: 'messages', value: { messages: [{ id: 'wamid.x' }] } }] }] });
    expect(wrong.status).toBe(422);
    expect(wrong.body.detail).toMatch(/^Not a WhatsApp Cloud API webhook payload: /);
    expect((await post('{"entry": ', { signature: null })).status).toBe(401);
    expect(graph.requests).toHaveLength(0);
  });

  it('checks the signature before reading the body as text: bytes that are not UTF-8 are a 401 unsigned, a 400 signed', async () => {
    const latin1 = Buffer.concat([Buffer.from('{"entry": [], "name": "Jo'), Buffer.from([0xe3]), Buffer.from('o"}')]);
    const send = (headers: Record<string, string>) =>
      clinic.app.request(PATH, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: latin1 });
    const unsigned = await send({});
    expect(unsigned.status).toBe(401);
    expect(await unsigned.json()).toEqual({ detail: 'Missing X-Hub-Signature-256 header' });
    const signed = await send({ 'x-hub-signature-256': signatureOf(latin1) });
    expect(signed.status).toBe(400);
    expect(await signed.json()).toEqual({ detail: expect.any(String) });
  });

  it('answers 503 naming the settings when the app secret or the access token is not set', async () => {
    const bare = await clinicWith({ appSecret: undefined, accessToken: undefined, verifyToken: undefined });
    try {
      const res = await post(webhook([textMessage('oi')]), { on: bare });
      expect(res.status).toBe(503);
      expect(res.body.detail).toContain('WHATSAPP_CLOUD_APP_SECRET and WHATSAPP_CLOUD_ACCESS_TOKEN');
      const get = await bare.app.request(`${PATH}?hub.mode=subscribe&hub.verify_token=x&hub.challenge=1`);
      expect(get.status).toBe(503);
      expect(await get.json()).toEqual({ detail: expect.stringContaining('WHATSAPP_CLOUD_VERIFY_TOKEN') });
      expect(bare.rows('SELECT * FROM conversations')).toHaveLength(0);
    } finally {
      bare.close();
    }
  });
});

describe('messages', () => {
  it('Maria books cardiology over several webhooks, and each reply is sent to her wa_id', async () => {
    for (const text of ['oi, queria marcar cardiologista amanha de manha', '1', 'sim']) {
      expect((await say(text)).status).toBe(200);
    }
    const sent = graph.sent();
    expect(sent).toHaveLength(3);
    for (const one of sent) {
      expect(one).toMatchObject({ phoneNumberId: PHONE_NUMBER_ID, to: MARIA_WA_ID, authorization: `Bearer ${ACCESS_TOKEN}` });
      expect(one.json).toMatchObject({ messaging_product: 'whatsapp', type: 'text' });
    }
    expect(sent[0]!.body).toMatch(/^Olá, Maria! .*Cardiologia/s);
    expect(sent[1]!.body).toMatch(/^Confirma/);
    expect(sent[2]!.body).toMatch(/marcad/);
    const [maria] = clinic.rows('SELECT id FROM patients WHERE phone = ?', '+5531999990001');
    const appointments = await clinic.api('GET', `/appointments?patient_id=${maria!.id}`);
    expect(appointments.body.data).toHaveLength(1);
  });

  it('several messages in one webhook are answered in order', async () => {
    const res = await post(webhook([textMessage('quero marcar cardio'), textMessage('amanha de manha')]));
    expect(res.status).toBe(200);
    const sent = graph.sent().map((s) => s.body);
    expect(sent).toHaveLength(2);
    expect(sent[0]).toMatch(/Para quando/);
    expect(sent[1]).toMatch(/Cardiologia/);
  });

  it('a sender the clinic does not know becomes a patient named as their WhatsApp profile', async () => {
    const res = await post(webhook([textMessage('oi', { from: '5511988887777' })], { '5511988887777': 'Ana Costa' }));
    expect(res.status).toBe(200);
    expect(clinic.rows('SELECT name, preferred_channel FROM patients WHERE phone = ?', '+5511988887777')).toEqual([
      { name: 'Ana Costa', preferred_channel: 'whatsapp' },
    ]);
    expect(graph.sent()).toMatchObject([{ to: '5511988887777', body: expect.stringMatching(/^Olá, Ana!/) }]);
  });

  it('a Brazilian mobile named without its ninth digit is the patient with it', async () => {
    const patients = clinic.rows('SELECT id FROM patients').length;
    expect((await say('oi', { from: '553199990001' })).status).toBe(200);
    expect(clinic.rows('SELECT id FROM patients')).toHaveLength(patients);
    expect(graph.sent()).toMatchObject([{ to: '553199990001', body: expect.stringMatching(/^Olá, Maria!/) }]);
  });

  it('a button or list reply is read as its title', async () => {
    const res = await post(
      webhook([
        { from: MARIA_WA_ID, id: 'wamid.list', type: 'interactive', interactive: { type: 'list_reply', list_reply: { id: 'row-1', title: 'quero marcar cardio' } } },
        { from: MARIA_WA_ID, id: 'wamid.button', type: 'button', button: { payload: 'tomorrow', text: 'amanhã de manhã' } },
      ]),
    );
    expect(res.status).toBe(200);
    const sent = graph.sent().map((s) => s.body);
    expect(sent[0]).toMatch(/Para quando/);
    expect(sent[1]).toMatch(/Cardiologia/);
  });

  it('a message without a wa_id (a sender known only by a username) is answered 200 and nothing is sent', async () => {
    const { from: _, ...anonymous } = textMessage('oi');
    const patients = clinic.rows('SELECT id FROM patients').length;
    expect((await post(webhook([anonymous]))).status).toBe(200);
    expect(graph.requests).toHaveLength(0);
    expect(clinic.rows('SELECT id FROM patients')).toHaveLength(patients);
  });

  it('an image is answered that text and voice notes are understood', async () => {
    const image = { from: MARIA_WA_ID, id: 'wamid.image', type: 'image', image: { id: 'media-9', mime_type: 'image/jpeg', sha256: 'x' } };
    expect((await post(webhook([image]))).status).toBe(200);
    expect(graph.sent()).toMatchObject([{ to: MARIA_WA_ID, body: pt.UNSUPPORTED_MESSAGE }]);
  });

  it('a reaction to a reply, or a system notice, is not answered and makes no patient', async () => {
    const patients = clinic.rows('SELECT id FROM patients').length;
    const reaction = { from: '5531988880000', id: 'wamid.reaction', type: 'reaction', reaction: { message_id: 'wamid.sent1', emoji: '👍' } };
    const system = { from: '5531988880000', id: 'wamid.system', type: 'system', system: { body: 'changed number', type: 'user_changed_number' } };
    expect((await post(webhook([reaction, system]))).status).toBe(200);
    expect(graph.requests).toHaveLength(0);
    expect(clinic.rows('SELECT id FROM patients')).toHaveLength(patients);
  });

  it('logs carry no message id, which holds the sender\'s number', async () => {
    graph.setSend({ status: 500 });
    const wamid = 'wamid.HBgNNTUzMTk5OTk5MDAwMRUCABIYFDNBMjA';
    await post(webhook([textMessage('oi', { id: wamid })]));
    expect(JSON.stringify(clinic.logs)).not.toContain(wamid);
  });

  it("a reply the Graph API refuses is logged with Meta's error code, without the sender's number", async () => {
    graph.setSend({ status: 400, code: 131026 });
    expect((await post(webhook([textMessage('oi')]))).status).toBe(502);
    const failure = clinic.logs.find((line) => line.msg === 'whatsapp-cloud: reply not sent; the webhook is refused so that Meta delivers it again');
    expect(failure).toMatchObject({ reason: 'answered 400 (131026)' });
    expect(JSON.stringify(clinic.logs)).not.toContain(MARIA_WA_ID);
  });

  it('delivery receipts alone are answered 200 and do nothing', async () => {
    const patients = clinic.rows('SELECT id FROM patients').length;
    const receipts = envelope({ statuses: [{ id: 'wamid.sent1', status: 'delivered', timestamp: '1795953600', recipient_id: MARIA_WA_ID }] });
    for (const path of [PATH, `${PATH}/`]) expect((await post(receipts, { path })).status).toBe(200);
    expect(graph.requests).toHaveLength(0);
    expect(clinic.rows('SELECT id FROM patients')).toHaveLength(patients);
    expect(clinic.rows('SELECT * FROM conversations')).toHaveLength(0);
  });
});

describe('redeliveries (Meta delivers a webhook again until it gets a 2xx)', () => {
  it('a message delivered again after its reply was sent is not answered twice', async () => {
    const body = webhook([textMessage('quero marcar cardio')]);
    expect((await post(body)).status).toBe(200);
    expect((await post(body)).status).toBe(200);
    expect(graph.sent()).toHaveLength(1);
    expect(clinic.rows('SELECT * FROM conversation_turns')).toHaveLength(1);
  });

  it.each([
    ['answers 500', { status: 500 } as const],
    ['drops the connection', 'drop' as const],
  ])('when the Graph API %s, the webhook is a 502 and its redelivery sends the reply', async (_, failure) => {
    const body = webhook([textMessage('quero marcar cardio')]);
    graph.setSend(failure);
    const first = await post(body);
    expect(first.status).toBe(502);
    expect(first.body).toEqual({ detail: expect.any(String) });
    graph.setSend({ status: 200 });
    expect((await post(body)).status).toBe(200);
    const sent = graph.sent();
    expect(sent).toHaveLength(2);
    expect(sent[1]!.body).toBe(sent[0]!.body);
    expect(sent[1]!.body).toMatch(/Para quando/);
    // the conversation moved once: the redelivery got the first turn's reply
    expect(clinic.rows('SELECT * FROM conversation_turns')).toHaveLength(1);
    expect((await post(body)).status).toBe(200);
    expect(graph.sent()).toHaveLength(2);
  });

  it('a delivery that comes while an earlier one is still sending the reply answers 503, so that Meta delivers it again', async () => {
    const body = webhook([textMessage('quero marcar cardio')]);
    graph.setSend('hang');
    const first = post(body);
    await expect.poll(() => graph.sent().length, { timeout: 5000 }).toBe(1);
    const second = await post(body);
    expect(second.status).toBe(503);
    expect(second.body).toEqual({ detail: expect.any(String) });
    // the first send fails after all: its webhook is a 502, and the next delivery sends the reply
    graph.dropHanging();
    expect((await first).status).toBe(502);
    graph.setSend({ status: 200 });
    expect((await post(body)).status).toBe(200);
    expect(graph.sent()).toHaveLength(2);
    expect(clinic.rows('SELECT * FROM conversation_turns')).toHaveLength(1);
  });

  it('after a failed send the later messages of that webhook wait for its redelivery, and come out in order', async () => {
    const body = webhook([textMessage('quero marcar cardio'), textMessage('amanha de manha')]);
    graph.setSend({ status: 503 });
    expect((await post(body)).status).toBe(502);
    expect(graph.sent()).toHaveLength(1);
    graph.setSend({ status: 200 });
    expect((await post(body)).status).toBe(200);
    const bodies = graph.sent().map((s) => s.body);
    expect(bodies).toHaveLength(3);
    expect(bodies[1]).toMatch(/Para quando/);
    expect(bodies[2]).toMatch(/Cardiologia/);
  });
});

describe('voice notes', () => {
  it('are fetched from the Graph API with the token and transcribed', async () => {
    openAi = await startFakeOpenAi();
    openAi.setTranscription(transcript('quero marcar cardio amanhã de manhã'));
    const voiced = await clinicWith({}, transcriberAt(openAi));
    try {
      graph.addMedia('1037543291543636', audioFixture('voice-note.ogg'));
      const note = {
        from: MARIA_WA_ID,
        id: 'wamid.voice',
        type: 'audio',
        audio: { mime_type: 'audio/ogg; codecs=opus', sha256: 'x', id: '1037543291543636', voice: true },
      };
      expect((await post(webhook([note]), { on: voiced })).status).toBe(200);
      const gets = graph.requests.filter((r) => r.method === 'GET');
      expect(gets.map((r) => r.path)).toEqual(['/v24.0/1037543291543636', '/media-files/1037543291543636']);
      for (const get of gets) expect(get.headers.authorization).toBe(`Bearer ${ACCESS_TOKEN}`);
      expect(openAi.requests).toHaveLength(1);
      expect(graph.sent()).toMatchObject([{ to: MARIA_WA_ID, body: expect.stringMatching(/Cardiologia/) }]);
    } finally {
      voiced.close();
    }
  });

  it('without a transcriber are answered that audio cannot be heard yet', async () => {
    graph.addMedia('media-2', audioFixture('voice-note.ogg'));
    const note = { from: MARIA_WA_ID, id: 'wamid.voice2', type: 'audio', audio: { id: 'media-2', voice: true } };
    expect((await post(webhook([note]))).status).toBe(200);
    expect(graph.sent()).toMatchObject([{ body: pt.AUDIO_NOT_AVAILABLE }]);
  });
});
