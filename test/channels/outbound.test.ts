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
import { templateParameterText } from '../../src/channels/outbound-message';
import { whatsAppCloudSender } from '../../src/channels/whatsapp-cloud-outbound';
import type { MessageTemplate } from '../../src/core/model';
import { whatsAppWebSender } from '../../src/channels/whatsapp-web';
import { startFakeGraph, type FakeGraph } from './fake-graph';
import { startFakeTwilio, type FakeTwilio } from './fake-twilio';

const ACCOUNT_SID = 'AC0123456789abcdef0123456789abcdef';
const AUTH_TOKEN = 'twilio-auth-token';
const CLINIC_SMS = '+553130000000';
const PATIENT = '+5531987654321';
const REMINDER_TEMPLATE: MessageTemplate = {
  name: 'appointment_reminder',
  parameters: ['Maria', 'sua consulta de Cardiologia com Dra. Ana Souza', 'amanhã, quinta, 26/11, às 09:00', 'na Unidade Centro', 'Você confirma sua presença?'],
};
const reminder: OutboundMessage = {
  to: PATIENT,
  text: 'Lembrete: sua consulta de Cardiologia é amanhã, 10/03, às 9h.',
  template: REMINDER_TEMPLATE,
};
const REMINDER_CONTENT_SID = 'HX0123456789abcdef0123456789abcdef';
const OFFER_CONTENT_SID = 'HXfedcba9876543210fedcba9876543210';

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
    expect(await whatsapp.send(reminder)).toBeNull();
    expect(twilio!.messages()[0]!.form).toEqual({ From: 'whatsapp:+14155238886', To: `whatsapp:${PATIENT}`, Body: reminder.text });
  });

  it("sends WhatsApp as the approved Content template of the message's kind: ContentSid, its parts as ContentVariables, no Body", async () => {
    const contentSids = { appointment_reminder: REMINDER_CONTENT_SID, waitlist_offer: OFFER_CONTENT_SID };
    const whatsapp = await sender('whatsapp', { from: '+14155238886', contentSids });
    expect(await whatsapp.send(reminder)).toBeNull();
    const offer: MessageTemplate = { name: 'waitlist_offer', parameters: ['Maria', 'na terça-feira, 01/12', '09:00', 'Dra. Ana Souza', 'Unidade Centro'] };
    expect(await whatsapp.send({ ...reminder, template: offer })).toBeNull();
    const [first, second] = twilio!.messages();
    expect(first!.form).toEqual({
      From: 'whatsapp:+14155238886',
      To: `whatsapp:${PATIENT}`,
      ContentSid: REMINDER_CONTENT_SID,
      ContentVariables: JSON.stringify({ 1: 'Maria', 2: REMINDER_TEMPLATE.parameters[1], 3: REMINDER_TEMPLATE.parameters[2], 4: 'na Unidade Centro', 5: 'Você confirma sua presença?' }),
    });
    expect(second!.form).toMatchObject({ ContentSid: OFFER_CONTENT_SID });
    expect(JSON.parse(second!.form.ContentVariables!)).toEqual({ 1: 'Maria', 2: 'na terça-feira, 01/12', 3: '09:00', 4: 'Dra. Ana Souza', 5: 'Unidade Centro' });
  });

  it('sends as text a kind without a Content template, a message without a template, and any SMS', async () => {
    const whatsapp = await sender('whatsapp', { from: '+14155238886', contentSids: { appointment_reminder: REMINDER_CONTENT_SID } });
    const offer: MessageTemplate = { name: 'waitlist_offer', parameters: ['Maria', 'na terça-feira, 01/12', '09:00', 'Dra. Ana Souza', 'Unidade Centro'] };
    expect(await whatsapp.send({ ...reminder, template: offer })).toBeNull();
    expect(await whatsapp.send({ ...reminder, template: null })).toBeNull();
    const sms = twilioSender('sms', { accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, from: CLINIC_SMS, apiUrl: twilio!.url, contentSids: { appointment_reminder: REMINDER_CONTENT_SID } });
    expect(await sms.send(reminder)).toBeNull();
    expect(twilio!.messages().map((m) => [m.form.Body, m.form.ContentSid])).toEqual([
      [reminder.text, undefined],
      [reminder.text, undefined],
      [reminder.text, undefined],
    ]);
  });

  it("fits each Content variable to Twilio's 255 characters and WhatsApp's one line", async () => {
    const whatsapp = await sender('whatsapp', { from: '+14155238886', contentSids: { appointment_reminder: REMINDER_CONTENT_SID } });
    const address = `na Unidade Centro (${'Avenida Afonso Pena, 1000, '.repeat(12)})`;
    const parameters = ['Maria', 'sua consulta\nde Cardiologia', 'amanhã', address, 'Você confirma sua presença?'];
    expect(await whatsapp.send({ ...reminder, template: { name: 'appointment_reminder', parameters } })).toBeNull();
    const variables = JSON.parse(twilio!.messages()[0]!.form.ContentVariables!) as Record<string, string>;
    expect(variables['2']).toBe('sua consulta de Cardiologia');
    expect(variables['4']).toHaveLength(255);
    expect(variables['4']!.endsWith('…')).toBe(true);
    expect(address.startsWith(variables['4']!.slice(0, -1))).toBe(true);
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

  const TEMPLATES = { appointment_reminder: 'lembrete_consulta', waitlist_offer: 'vaga_lista_espera' };

  async function sender(settings: { templates?: Partial<typeof TEMPLATES>; templateLanguage?: string; timeoutMs?: number } = {}) {
    graph = await startFakeGraph();
    return whatsAppCloudSender({ accessToken: 'cloud-token', phoneNumberId: PHONE_NUMBER_ID, apiUrl: graph.url, ...settings });
  }

  it("sends a text to the phone without '+', from the phone number ID, with the access token", async () => {
    const cloud = await sender();
    expect(cloud).toMatchObject({ channel: 'whatsapp', name: 'whatsapp-cloud' });
    expect(await cloud.send({ ...reminder, template: null })).toBeNull();
    const [sent] = graph!.sent();
    expect(sent!.phoneNumberId).toBe(PHONE_NUMBER_ID);
    expect(sent!.authorization).toBe('Bearer cloud-token');
    expect(sent!.json).toEqual({ messaging_product: 'whatsapp', recipient_type: 'individual', to: '5531987654321', type: 'text', text: { body: reminder.text } });
  });

  it("sends a message as the approved template of its kind, its parts the template's body parameters in order", async () => {
    const cloud = await sender({ templates: TEMPLATES });
    expect(await cloud.send(reminder)).toBeNull();
    expect(graph!.sent()[0]!.json).toEqual({
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      to: '5531987654321',
      type: 'template',
      template: {
        name: 'lembrete_consulta',
        language: { code: 'pt_BR' },
        components: [{ type: 'body', parameters: REMINDER_TEMPLATE.parameters.map((text) => ({ type: 'text', text })) }],
      },
    });
    const offer: MessageTemplate = { name: 'waitlist_offer', parameters: ['Maria', 'na terça-feira, 01/12', '09:00', 'Dra. Ana Souza', 'Unidade Centro'] };
    expect(await cloud.send({ ...reminder, template: offer })).toBeNull();
    expect(graph!.sent()[1]!.json.template).toMatchObject({ name: 'vaga_lista_espera', components: [{ type: 'body', parameters: offer.parameters.map((text) => ({ type: 'text', text })) }] });
  });

  it('uses the template language given', async () => {
    const cloud = await sender({ templates: TEMPLATES, templateLanguage: 'en_US' });
    expect(await cloud.send(reminder)).toBeNull();
    expect(graph!.sent()[0]!.json.template).toMatchObject({ name: 'lembrete_consulta', language: { code: 'en_US' } });
  });

  it('sends as text a message without a template, and one whose kind has no template set', async () => {
    const onlyOffers = await sender({ templates: { waitlist_offer: 'vaga_lista_espera' } });
    expect(await onlyOffers.send({ ...reminder, template: null })).toBeNull();
    expect(await onlyOffers.send(reminder)).toBeNull();
    expect(graph!.sent().map((m) => m.json)).toMatchObject([
      { type: 'text', text: { body: reminder.text } },
      { type: 'text', text: { body: reminder.text } },
    ]);
    expect(graph!.sent().every((m) => m.json.template === undefined)).toBe(true);
  });

  it('collapses line breaks and tabs in template parameters, and cuts long runs of spaces, as Meta requires', async () => {
    const cloud = await sender({ templates: TEMPLATES });
    const messy = 'Unidade Centro\n\n(Av. Afonso Pena, 1000):\r\n\tsala 3      térreo   \n';
    expect(await cloud.send({ ...reminder, template: { ...REMINDER_TEMPLATE, parameters: ['Maria', 'a', 'b', messy, 'c'] } })).toBeNull();
    const parameter = graph!.sent()[0]!.json.template.components[0].parameters[3].text as string;
    expect(parameter).toBe('Unidade Centro (Av. Afonso Pena, 1000): sala 3    térreo');
    expect(parameter).not.toMatch(/[\n\t\r]| {5}/);
    // text messages keep their lines
    expect(await cloud.send({ ...reminder, text: messy, template: null })).toBeNull();
    expect(graph!.sent()[1]!.json.text.body).toBe(messy);
  });

  it('templateParameterText leaves a one-line text alone, and cuts a long one with an ellipsis', () => {
    expect(templateParameterText('Consulta amanhã às 9h com Dra. Ana.')).toBe('Consulta amanhã às 9h com Dra. Ana.');
    expect(templateParameterText('a    b')).toBe('a    b');
    expect(templateParameterText('a     b')).toBe('a    b');
    expect(templateParameterText('abcdef', 6)).toBe('abcdef');
    expect(templateParameterText('abcdefg', 6)).toBe('abcde…');
    expect(templateParameterText('abcd efg', 6)).toBe('abcd…');
  });

  it("a refusal is 'answered <status> (<Graph error code>)'", async () => {
    const cloud = await sender({ templates: TEMPLATES });
    graph!.setSend({ status: 400, code: 131047 });
    const reason = await cloud.send({ ...reminder, template: null });
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
      TWILIO_WHATSAPP_REMINDER_CONTENT_SID: REMINDER_CONTENT_SID,
      TWILIO_WHATSAPP_OFFER_CONTENT_SID: OFFER_CONTENT_SID,
    });
    const senders = outboundSenders(config);
    expect(await senders.sms!.send(reminder)).toBeNull();
    expect(await senders.whatsapp!.send(reminder)).toBeNull();
    expect(await senders.whatsapp!.send({ ...reminder, template: { name: 'waitlist_offer', parameters: ['Maria', 'amanhã', '09:00', 'Dra. Ana', 'Centro'] } })).toBeNull();
    const [sms, whatsapp, offer] = twilio.messages();
    expect(sms).toMatchObject({ accountSid: ACCOUNT_SID, form: { MessagingServiceSid: 'MG0123456789abcdef0123456789abcdef', To: PATIENT, Body: reminder.text } });
    expect(whatsapp).toMatchObject({ accountSid: ACCOUNT_SID, form: { From: 'whatsapp:+14155238886', To: `whatsapp:${PATIENT}`, ContentSid: REMINDER_CONTENT_SID } });
    expect(offer).toMatchObject({ form: { ContentSid: OFFER_CONTENT_SID } });
    expect(whatsapp!.authorization).toBe(`Basic ${Buffer.from(`${ACCOUNT_SID}:${AUTH_TOKEN}`).toString('base64')}`);
  });

  it("the Cloud API sender sends with the settings' token, phone number ID, template and language", async () => {
    graph = await startFakeGraph();
    const config = loadConfig({
      ...CLOUD,
      WHATSAPP_CLOUD_API_URL: graph.url,
      WHATSAPP_CLOUD_REMINDER_TEMPLATE: 'lembrete_consulta',
      WHATSAPP_CLOUD_OFFER_TEMPLATE: 'vaga_lista_espera',
      WHATSAPP_CLOUD_TEMPLATE_LANGUAGE: 'pt_PT',
    });
    const whatsapp = outboundSenders(config).whatsapp!;
    expect(await whatsapp.send(reminder)).toBeNull();
    expect(await whatsapp.send({ ...reminder, template: { name: 'waitlist_offer', parameters: ['Maria', 'amanhã', '09:00', 'Dra. Ana', 'Centro'] } })).toBeNull();
    const [sent, offer] = graph.sent();
    expect(sent).toMatchObject({ phoneNumberId: '106540352242922', authorization: 'Bearer cloud-token', to: '5531987654321' });
    expect(sent!.json.template).toMatchObject({ name: 'lembrete_consulta', language: { code: 'pt_PT' } });
    expect(offer!.json.template).toMatchObject({ name: 'vaga_lista_espera', language: { code: 'pt_PT' } });
  });
});
