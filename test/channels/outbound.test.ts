/**
 * Messages the clinic starts: the Twilio senders against a fake Twilio API, the Cloud API sender against
 * the fake Graph API (both real HTTP on 127.0.0.1), the WhatsApp Web sender over a fake client, and the
 * choice of sender per channel from the settings.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config';
import { outboundSenders, type OutboundMessage, type OutboundSender } from '../../src/channels/outbound';
import { messageBodies } from '../../src/channels/twilio';
import { twilioSender, type TwilioSenderSettings } from '../../src/channels/twilio-outbound';
import { templateParameterText, whatsAppCloudSender } from '../../src/channels/whatsapp-cloud-outbound';
import { whatsAppWebSender } from '../../src/channels/whatsapp-web';
import { startFakeGraph, type FakeGraph } from './fake-graph';
import { startFakeTwilio, type FakeTwilio } from './fake-twilio';

const ACCOUNT_SID = 'AC0123456789abcdef0123456789abcdef';
const AUTH_TOKEN = 'twilio-auth-token';
const CLINIC_SMS = '+553130000000';
const PATIENT = '+5531987654321';
const reminder: OutboundMessage = { to: PATIENT, text: 'Lembrete: sua consulta de Cardiologia é amanhã, 10/03, às 9h.', unprompted: true };

/** What a reason must never hold: the patient's phone (in any form) or the text. */
function expectNoPersonalData(reason: string | null) {
  expect(reason).not.toBeNull();
  expect(reason).not.toContain('987654321');
  expect(reason).not.toContain('Lembrete');
}

let twilio: FakeTwilio | undefined;
let graph: FakeGraph | undefined;

afterEach(async () => {
  await twilio?.close();
  twilio = undefined;
  await graph?.close();
  graph = undefined;
});

describe('Twilio sender', () => {
  async function sender(channel: 'sms' | 'whatsapp', settings: Partial<TwilioSenderSettings> = {}) {
    twilio = await startFakeTwilio();
    return twilioSender(channel, { accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, from: CLINIC_SMS, apiUrl: twilio.url, ...settings });
  }

  it('sends an SMS as a form to the account\'s Messages.json, with HTTP Basic AccountSid:AuthToken', async () => {
    const sms = await sender('sms');
    expect(sms).toMatchObject({ channel: 'sms', name: 'twilio-sms' });
    expect(await sms.send(reminder)).toBeNull();
    expect(twilio!.requests).toHaveLength(1);
    expect(twilio!.requests[0]).toMatchObject({ method: 'POST', path: `/2010-04-01/Accounts/${ACCOUNT_SID}/Messages.json` });
    const [message] = twilio!.messages();
    expect(message!.form).toEqual({ From: CLINIC_SMS, To: PATIENT, Body: reminder.text });
    expect(message!.contentType).toMatch(/^application\/x-www-form-urlencoded/);
    expect(message!.authorization).toBe(`Basic ${Buffer.from(`${ACCOUNT_SID}:${AUTH_TOKEN}`).toString('base64')}`);
  });

  it('sends from a Messaging Service SID as MessagingServiceSid, without From', async () => {
    const sms = await sender('sms', { from: 'MG0123456789abcdef0123456789abcdef' });
    expect(await sms.send(reminder)).toBeNull();
    expect(twilio!.messages()[0]!.form).toEqual({ MessagingServiceSid: 'MG0123456789abcdef0123456789abcdef', To: PATIENT, Body: reminder.text });
  });

  it('sends WhatsApp with From and To as whatsapp:+…', async () => {
    const whatsapp = await sender('whatsapp', { from: '+14155238886' });
    expect(whatsapp).toMatchObject({ channel: 'whatsapp', name: 'twilio-whatsapp' });
    expect(await whatsapp.send({ ...reminder, unprompted: false })).toBeNull();
    expect(twilio!.messages()[0]!.form).toEqual({ From: 'whatsapp:+14155238886', To: `whatsapp:${PATIENT}`, Body: reminder.text });
  });

  it('splits a text past 1,600 characters as the TwiML replies are, and sends the parts in order', async () => {
    const sms = await sender('sms');
    const text = ['A', 'B', 'C'].map((letter) => `${letter} ${'x'.repeat(998)}`).join('\n');
    const parts = messageBodies(text);
    expect(parts).toHaveLength(3);
    expect(await sms.send({ ...reminder, text })).toBeNull();
    expect(twilio!.messages().map((m) => m.form.Body)).toEqual(parts);
    expect(twilio!.messages().every((m) => m.form.To === PATIENT && m.form.From === CLINIC_SMS)).toBe(true);
  });

  it("a refusal is 'answered <status> (<Twilio code>)', without the number Twilio's message quotes", async () => {
    const sms = await sender('sms');
    twilio!.answer({ status: 400, json: { code: 21211, message: `The 'To' number ${PATIENT} is not a valid phone number.`, status: 400 } });
    const reason = await sms.send(reminder);
    expect(reason).toBe('answered 400 (21211)');
    expectNoPersonalData(reason);
  });

  it("an answer without Twilio's JSON is 'answered <status>'", async () => {
    const sms = await sender('sms');
    twilio!.answer({ status: 503 });
    expect(await sms.send(reminder)).toBe('answered 503');
  });

  it('a part that fails stops the rest, and the reason says which part', async () => {
    const sms = await sender('sms');
    const text = ['A', 'B', 'C'].map((letter) => `${letter} ${'x'.repeat(998)}`).join('\n');
    twilio!.answer({ status: 201 });
    twilio!.answer({ status: 500, json: { code: 20500, message: 'Internal Server Error', status: 500 } });
    const reason = await sms.send({ ...reminder, text });
    expect(reason).toBe('answered 500 (20500) (part 2 of 3; the 1 before it went out)');
    expect(twilio!.requests).toHaveLength(2);
  });

  it('a server that is down, or does not answer in time, is a reason, not an error', async () => {
    const slow = await sender('sms', { timeoutMs: 200 });
    twilio!.setDefault('hang');
    expect(await slow.send(reminder)).toBe('no answer in 0.2 s');
    await twilio!.close();
    expect(await slow.send(reminder)).toBe('could not be reached');
  });

  it('refuses a phone that is not E.164, and an empty text, without calling Twilio', async () => {
    const sms = await sender('sms');
    for (const to of ['31987654321', '5531987654321', '+55 31 98765-4321', '']) {
      const reason = await sms.send({ ...reminder, to });
      expect(reason).toMatch(/E\.164/);
      expectNoPersonalData(reason);
    }
    expect(await sms.send({ ...reminder, text: '  \n ' })).toBe('no text');
    expect(twilio!.requests).toHaveLength(0);
  });
});

describe('WhatsApp Cloud API sender', () => {
  const PHONE_NUMBER_ID = '106540352242922';

  async function sender(settings: { template?: string; templateLanguage?: string; timeoutMs?: number } = {}) {
    graph = await startFakeGraph();
    return whatsAppCloudSender({ accessToken: 'cloud-token', phoneNumberId: PHONE_NUMBER_ID, apiUrl: graph.url, ...settings });
  }

  it("sends a text to the phone without '+', from the phone number ID, with the access token", async () => {
    const cloud = await sender();
    expect(cloud).toMatchObject({ channel: 'whatsapp', name: 'whatsapp-cloud' });
    expect(await cloud.send({ ...reminder, unprompted: false })).toBeNull();
    const [sent] = graph!.sent();
    expect(sent!.phoneNumberId).toBe(PHONE_NUMBER_ID);
    expect(sent!.authorization).toBe('Bearer cloud-token');
    expect(sent!.json).toEqual({ messaging_product: 'whatsapp', recipient_type: 'individual', to: '5531987654321', type: 'text', text: { body: reminder.text } });
  });

  it('sends an unprompted message as the reminder template, its text the one body parameter', async () => {
    const cloud = await sender({ template: 'lembrete_consulta' });
    expect(await cloud.send(reminder)).toBeNull();
    expect(graph!.sent()[0]!.json).toEqual({
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      to: '5531987654321',
      type: 'template',
      template: {
        name: 'lembrete_consulta',
        language: { code: 'pt_BR' },
        components: [{ type: 'body', parameters: [{ type: 'text', text: reminder.text }] }],
      },
    });
  });

  it('uses the template language given', async () => {
    const cloud = await sender({ template: 'appointment_reminder', templateLanguage: 'en_US' });
    expect(await cloud.send(reminder)).toBeNull();
    expect(graph!.sent()[0]!.json.template).toMatchObject({ name: 'appointment_reminder', language: { code: 'en_US' } });
  });

  it('sends a prompted message as text even with a template, and an unprompted one as text without a template', async () => {
    const withTemplate = await sender({ template: 'lembrete_consulta' });
    expect(await withTemplate.send({ ...reminder, unprompted: false })).toBeNull();
    expect(graph!.sent()[0]!.json).toMatchObject({ type: 'text', text: { body: reminder.text } });
    await graph!.close();
    const withoutTemplate = await sender();
    expect(await withoutTemplate.send(reminder)).toBeNull();
    expect(graph!.sent()[0]!.json).toMatchObject({ type: 'text', text: { body: reminder.text } });
    expect(graph!.sent()[0]!.json.template).toBeUndefined();
  });

  it('collapses line breaks and tabs in the template parameter, and cuts long runs of spaces, as Meta requires', async () => {
    const cloud = await sender({ template: 'lembrete_consulta' });
    const text = 'Olá!\n\nSua consulta é amanhã:\r\n\tCardiologia      às 9h   \n';
    expect(await cloud.send({ ...reminder, text })).toBeNull();
    const parameter = graph!.sent()[0]!.json.template.components[0].parameters[0].text as string;
    expect(parameter).toBe('Olá! Sua consulta é amanhã: Cardiologia    às 9h');
    expect(parameter).not.toMatch(/[\n\t\r]| {5}/);
    // text messages keep their lines
    expect(await cloud.send({ ...reminder, text, unprompted: false })).toBeNull();
    expect(graph!.sent()[1]!.json.text.body).toBe(text);
  });

  it('templateParameterText leaves a one-line text alone', () => {
    expect(templateParameterText('Consulta amanhã às 9h com Dra. Ana.')).toBe('Consulta amanhã às 9h com Dra. Ana.');
    expect(templateParameterText('a    b')).toBe('a    b');
    expect(templateParameterText('a     b')).toBe('a    b');
  });

  it("a refusal is 'answered <status> (<Graph error code>)'", async () => {
    const cloud = await sender({ template: 'lembrete_consulta' });
    graph!.setSend({ status: 400, code: 131047 });
    const reason = await cloud.send({ ...reminder, unprompted: false });
    expect(reason).toBe('answered 400 (131047)');
    expectNoPersonalData(reason);
    graph!.setSend({ status: 502, code: null });
    expect(await cloud.send(reminder)).toBe('answered 502');
  });

  it('a connection closed without an answer, or no answer in time, is a reason', async () => {
    const cloud = await sender({ timeoutMs: 200 });
    graph!.setSend('drop');
    expect(await cloud.send(reminder)).toBe('could not be reached');
    graph!.setSend('hang');
    expect(await cloud.send(reminder)).toBe('no answer in 0.2 s');
    graph!.dropHanging();
  });

  it('refuses a phone that is not E.164 without calling the Graph API', async () => {
    const cloud = await sender();
    expect(await cloud.send({ ...reminder, to: '5531987654321' })).toMatch(/E\.164/);
    expect(graph!.requests).toHaveLength(0);
  });
});

describe('WhatsApp Web sender', () => {
  function fakeClient(registered: Record<string, string>, sendError?: Error) {
    const client = {
      lookups: [] as string[],
      sent: [] as Array<{ chatId: string; text: string }>,
      async getNumberId(number: string) {
        client.lookups.push(number);
        const id = registered[number];
        return id === undefined ? null : { _serialized: id };
      },
      async sendMessage(chatId: string, text: string) {
        if (sendError) throw sendError;
        client.sent.push({ chatId, text });
        return {};
      },
    };
    return client;
  }

  it("sends to the id WhatsApp resolves the number (without '+') to", async () => {
    // registered before the ninth digit: WhatsApp's id lacks it
    const client = fakeClient({ '5531987654321': '553187654321@c.us' });
    const web = whatsAppWebSender(client, () => true);
    expect(web).toMatchObject({ channel: 'whatsapp', name: 'whatsapp-web' });
    expect(await web.send(reminder)).toBeNull();
    expect(client.lookups).toEqual(['5531987654321']);
    expect(client.sent).toEqual([{ chatId: '553187654321@c.us', text: reminder.text }]);
  });

  it("a number not on WhatsApp is 'not on WhatsApp'", async () => {
    const client = fakeClient({});
    expect(await whatsAppWebSender(client, () => true).send(reminder)).toBe('not on WhatsApp');
    expect(client.sent).toEqual([]);
  });

  it("sends nothing while the client is not connected: 'not connected'", async () => {
    const client = fakeClient({ '5531987654321': '5531987654321@c.us' });
    let connected = false;
    const web = whatsAppWebSender(client, () => connected);
    expect(await web.send(reminder)).toBe('not connected');
    expect(client.lookups).toEqual([]);
    connected = true;
    expect(await web.send(reminder)).toBeNull();
    expect(client.sent).toHaveLength(1);
  });

  it('a lookup or a send the page never answers is a reason after the time limit', async () => {
    const never = new Promise<never>(() => {});
    const stuckLookup = { getNumberId: () => never, sendMessage: async () => ({}) };
    expect(await whatsAppWebSender(stuckLookup, () => true, 50).send(reminder)).toBe('number not looked up: no answer in 0.05 s');
    const stuckSend = { getNumberId: async () => ({ _serialized: '5531987654321@c.us' }), sendMessage: () => never };
    expect(await whatsAppWebSender(stuckSend, () => true, 50).send(reminder)).toBe('not sent: no answer in 0.05 s (it may still go out)');
  });

  it('a failed send is a reason without the chat id or the text', async () => {
    const client = fakeClient({ '5531987654321': '5531987654321@c.us' }, new Error('Evaluation failed: chat 5531987654321@c.us not found\n    at page.evaluate'));
    const reason = await whatsAppWebSender(client, () => true).send(reminder);
    expect(reason).toMatch(/^not sent: Evaluation failed: chat <number> not found$/);
    expectNoPersonalData(reason);
  });
});

describe('outboundSenders', () => {
  const TWILIO = { TWILIO_ACCOUNT_SID: ACCOUNT_SID, TWILIO_AUTH_TOKEN: AUTH_TOKEN };
  const CLOUD = { WHATSAPP_CLOUD_ACCESS_TOKEN: 'cloud-token', WHATSAPP_CLOUD_PHONE_NUMBER_ID: '106540352242922' };
  const web: OutboundSender = { channel: 'whatsapp', name: 'whatsapp-web', send: async () => null };
  const names = (senders: ReturnType<typeof outboundSenders>) => ({ whatsapp: senders.whatsapp?.name ?? null, sms: senders.sms?.name ?? null });

  it('has none without settings', () => {
    expect(outboundSenders(loadConfig({}))).toEqual({ whatsapp: null, sms: null });
  });

  it('sms: Twilio with the account SID, the auth token and TWILIO_SMS_FROM, else none', () => {
    expect(names(outboundSenders(loadConfig({ ...TWILIO, TWILIO_SMS_FROM: CLINIC_SMS })))).toEqual({ whatsapp: null, sms: 'twilio-sms' });
    expect(names(outboundSenders(loadConfig({ TWILIO_AUTH_TOKEN: AUTH_TOKEN, TWILIO_SMS_FROM: CLINIC_SMS })))).toEqual({ whatsapp: null, sms: null });
    expect(names(outboundSenders(loadConfig({ TWILIO_ACCOUNT_SID: ACCOUNT_SID, TWILIO_SMS_FROM: CLINIC_SMS })))).toEqual({ whatsapp: null, sms: null });
    expect(names(outboundSenders(loadConfig(TWILIO)))).toEqual({ whatsapp: null, sms: null });
  });

  it('whatsapp: WhatsApp Web when it runs, else the Cloud API, else Twilio', () => {
    const everything = loadConfig({ ...TWILIO, ...CLOUD, TWILIO_SMS_FROM: CLINIC_SMS, TWILIO_WHATSAPP_FROM: '+14155238886' });
    expect(outboundSenders(everything, { whatsappWeb: web }).whatsapp).toBe(web);
    expect(names(outboundSenders(everything, { whatsappWeb: null }))).toEqual({ whatsapp: 'whatsapp-cloud', sms: 'twilio-sms' });
    expect(names(outboundSenders(everything))).toEqual({ whatsapp: 'whatsapp-cloud', sms: 'twilio-sms' });
    // the Cloud API needs the phone number ID as well as the token
    const tokenOnly = loadConfig({ ...TWILIO, WHATSAPP_CLOUD_ACCESS_TOKEN: 'cloud-token', TWILIO_WHATSAPP_FROM: '+14155238886' });
    expect(names(outboundSenders(tokenOnly))).toEqual({ whatsapp: 'twilio-whatsapp', sms: null });
    expect(names(outboundSenders(loadConfig(CLOUD)))).toEqual({ whatsapp: 'whatsapp-cloud', sms: null });
    expect(names(outboundSenders(loadConfig({ TWILIO_AUTH_TOKEN: AUTH_TOKEN, TWILIO_WHATSAPP_FROM: '+14155238886' })))).toEqual({
      whatsapp: null,
      sms: null,
    });
    expect(outboundSenders(loadConfig({}), { whatsappWeb: web })).toEqual({ whatsapp: web, sms: null });
  });

  it("Twilio senders send with the settings' account, credentials, numbers and API URL", async () => {
    twilio = await startFakeTwilio();
    const config = loadConfig({
      ...TWILIO,
      TWILIO_SMS_FROM: 'MG0123456789abcdef0123456789abcdef',
      TWILIO_WHATSAPP_FROM: 'whatsapp:+14155238886',
      TWILIO_API_URL: twilio.url,
    });
    const senders = outboundSenders(config);
    expect(await senders.sms!.send(reminder)).toBeNull();
    expect(await senders.whatsapp!.send(reminder)).toBeNull();
    const [sms, whatsapp] = twilio.messages();
    expect(sms).toMatchObject({ accountSid: ACCOUNT_SID, form: { MessagingServiceSid: 'MG0123456789abcdef0123456789abcdef', To: PATIENT } });
    expect(whatsapp).toMatchObject({ accountSid: ACCOUNT_SID, form: { From: 'whatsapp:+14155238886', To: `whatsapp:${PATIENT}` } });
    expect(whatsapp!.authorization).toBe(`Basic ${Buffer.from(`${ACCOUNT_SID}:${AUTH_TOKEN}`).toString('base64')}`);
  });

  it("the Cloud API sender sends with the settings' token, phone number ID, template and language", async () => {
    graph = await startFakeGraph();
    const config = loadConfig({
      ...CLOUD,
      WHATSAPP_CLOUD_API_URL: graph.url,
      WHATSAPP_CLOUD_TEMPLATE: 'lembrete_consulta',
      WHATSAPP_CLOUD_TEMPLATE_LANGUAGE: 'pt_PT',
    });
    expect(await outboundSenders(config).whatsapp!.send(reminder)).toBeNull();
    const [sent] = graph.sent();
    expect(sent).toMatchObject({ phoneNumberId: '106540352242922', authorization: 'Bearer cloud-token', to: '5531987654321' });
    expect(sent!.json.template).toMatchObject({ name: 'lembrete_consulta', language: { code: 'pt_PT' } });
  });
});
