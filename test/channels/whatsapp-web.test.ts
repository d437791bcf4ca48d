/**
 * WhatsApp through whatsapp-web.js, over the real channel clinic (app, inbox, SQLite file): a fake
 * Client (an EventEmitter that records what it is asked to send) emits messages shaped like
 * whatsapp-web.js's, and the replies it is asked to send are checked. No browser.
 */
import { EventEmitter } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import * as pt from '../../locales/pt-BR/channels';
import { createLogger } from '../../src/api/logger';
import {
  connectWhatsAppWeb,
  startWhatsAppWeb,
  whatsAppWebClientOptions,
  type WhatsAppWebConnection,
  type WhatsAppWebMessage,
  type WhatsAppWebOptions,
} from '../../src/channels/whatsapp-web';
import { audioFixture, transcriberAt } from '../api/voice/helpers';
import { startFakeOpenAi, transcript, type FakeOpenAi } from '../helpers/fake-openai';
import { createChannelClinic, MARIA_PHONE, type ChannelClinic } from './channel-clinic';

/** Maria's chat as WhatsApp names it: her number from before the ninth digit */
const MARIA_CHAT = '553199990001@c.us';

/** whatsapp-web.js's Client as far as the channel uses it; `sendMessage` fails `failSends` times. */
class FakeClient extends EventEmitter {
  sent: Array<{ chatId: string; text: string }> = [];
  failSends = 0;
  initializeCalls = 0;
  destroyCalls = 0;
  /** what each initialize() does, in turn; past the list it succeeds */
  initializeErrors: Array<Error | null> = [];
  private initialized: Array<() => void> = [];
  /** numbers on WhatsApp (digits, as getNumberId takes them) → the id WhatsApp knows each by */
  registered = new Map<string, string>();

  async getNumberId(number: string) {
    const id = this.registered.get(number);
    return id === undefined ? null : { _serialized: id };
  }

  async sendMessage(chatId: string, text: string) {
    if (this.failSends > 0) {
      this.failSends--;
      throw new Error('Evaluation failed: TypeError: Cannot read properties of undefined');
    }
    this.sent.push({ chatId, text });
    return {};
  }

  async initialize() {
    const error = this.initializeErrors[this.initializeCalls] ?? null;
    this.initializeCalls++;
    this.initialized.splice(0).forEach((resolve) => resolve());
    if (error) throw error;
  }

  async destroy() {
    this.destroyCalls++;
  }

  /** resolves at the next initialize() */
  nextInitialize(): Promise<void> {
    return new Promise((resolve) => this.initialized.push(resolve));
  }

  textsTo(chatId: string) {
    return this.sent.filter((s) => s.chatId === chatId).map((s) => s.text);
  }
}

let counter = 0;

/** A received message as whatsapp-web.js gives it. */
function message(from: string, fields: Partial<WhatsAppWebMessage> & { contact?: { number: string; pushname: string } } = {}): WhatsAppWebMessage {
  const id = fields.id?.id ?? `3EB0${(++counter).toString(16).toUpperCase().padStart(16, '0')}`;
  const { contact, ...rest } = fields;
  return {
    id: { id, _serialized: `false_${from}_${id}` },
    from,
    fromMe: false,
    type: 'chat',
    body: '',
    isStatus: false,
    broadcast: false,
    _data: { notifyName: 'Maria' },
    downloadMedia: async () => {
      throw new Error('no media');
    },
    getContact: async () => contact ?? { number: from.split('@')[0]!, pushname: 'Maria' },
    ...rest,
  };
}

let clinic: ChannelClinic;
/** what the WhatsApp Web channel logged, parsed */
let logs: Array<Record<string, unknown>>;
let fake: FakeOpenAi | undefined;
let connection: WhatsAppWebConnection | undefined;

afterEach(async () => {
  await connection?.stop();
  connection = undefined;
  clinic?.close();
  await fake?.close();
  fake = undefined;
});

async function connected(options: WhatsAppWebOptions & { transcriber?: boolean } = {}) {
  if (options.transcriber) fake = await startFakeOpenAi();
  clinic = await createChannelClinic({ transcriber: fake ? transcriberAt(fake) : null });
  const client = new FakeClient();
  const printed: string[] = [];
  logs = [];
  const logger = createLogger('debug', (line) => logs.push(JSON.parse(line) as Record<string, unknown>));
  connection = connectWhatsAppWeb(client, clinic.inbox, clinic.sendLog, logger, { output: (text) => printed.push(text), ...options });
  /** emits a message and waits until it is dealt with */
  async function receive(msg: WhatsAppWebMessage) {
    client.emit('message', msg);
    await connection!.idle();
  }
  return { client, printed, receive, connection };
}

const patientCount = () => clinic.rows<{ n: number }>('SELECT count(*) AS n FROM patients')[0]!.n;
const mariaId = () => clinic.rows<{ id: string }>('SELECT id FROM patients WHERE phone = ?', MARIA_PHONE)[0]!.id;
const conversationState = (patientId: string) =>
  clinic.rows<{ state: string }>("SELECT state FROM conversations WHERE patient_id = ? AND channel = 'whatsapp'", patientId)[0]?.state;

describe('WhatsApp Web: a patient books', () => {
  it('Maria (her old number, without the ninth digit) books cardiology in three messages, each reply sent to her chat', async () => {
    const { client, receive } = await connected();
    const patients = patientCount();

    await receive(message(MARIA_CHAT, { body: 'oi, queria marcar cardiologista amanha de manha' }));
    expect(conversationState(mariaId())).toBe('offering');
    await receive(message(MARIA_CHAT, { body: '1' }));
    expect(conversationState(mariaId())).toBe('confirming');
    await receive(message(MARIA_CHAT, { body: 'sim' }));
    expect(conversationState(mariaId())).toBe('done');

    expect(client.sent).toHaveLength(3);
    expect(client.sent.every((s) => s.chatId === MARIA_CHAT && s.text.length > 0)).toBe(true);
    // her own record: no new patient
    expect(patientCount()).toBe(patients);
    const booked = await clinic.api('GET', `/appointments?patient_id=${mariaId()}`);
    expect(booked.status).toBe(200);
    expect(booked.body.data).toHaveLength(1);
    expect(booked.body.data[0]).toMatchObject({ patient_id: mariaId(), status: 'requested' });
    // the replies sent are the conversation's
    const replies = clinic.rows<{ response: string }>('SELECT response FROM conversation_turns WHERE patient_id = ? ORDER BY created_at, rowid', mariaId());
    expect(replies.map((r) => JSON.parse(r.response).reply)).toEqual(client.sent.map((s) => s.text));
  });

  it('answers messages of one chat in the order they arrived, even when emitted at once', async () => {
    const { client, connection } = await connected();
    // the first one's contact takes a while to read (no profile name came with it)
    const slowContact = () => new Promise<{ number: string; pushname: string }>((resolve) => setTimeout(() => resolve({ number: '553199990001', pushname: 'Maria' }), 50));
    client.emit('message', message(MARIA_CHAT, { body: 'oi, queria marcar cardiologista amanha de manha', _data: {}, getContact: slowContact }));
    client.emit('message', message(MARIA_CHAT, { body: '1' }));
    client.emit('message', message(MARIA_CHAT, { body: 'sim' }));
    await connection.idle();
    expect(client.sent).toHaveLength(3);
    expect(conversationState(mariaId())).toBe('done');
  });

  it('registers a new sender under their profile name and answers them', async () => {
    const { client, receive } = await connected();
    await receive(message('5511987654321@c.us', { body: 'oi', _data: { notifyName: 'João Pereira' } }));
    expect(clinic.rows('SELECT name, phone FROM patients WHERE phone = ?', '+5511987654321')).toEqual([{ name: 'João Pereira', phone: '+5511987654321' }]);
    expect(client.textsTo('5511987654321@c.us')).toHaveLength(1);
  });
});

describe('WhatsApp Web: what is not answered', () => {
  it.each([
    ['its own message', message('5511987654321@c.us', { body: 'oi', fromMe: true })],
    ['a group message', message('120363025246125486@g.us', { body: 'oi' })],
    ['a status update', message('status@broadcast', { body: 'oi', isStatus: true })],
    ['a status update (by its chat)', message('status@broadcast', { body: 'oi' })],
    ['a broadcast list message', message('5511987654321@c.us', { body: 'oi', broadcast: true })],
    ['a channel (newsletter) post', message('120363144038483540@newsletter', { body: 'oi' })],
    ['a deleted message', message('5511987654321@c.us', { type: 'revoked' })],
    ['a security-code notice', message('5511987654321@c.us', { type: 'e2e_notification' })],
  ])('ignores %s: no reply, no patient', async (_, msg) => {
    const { client, receive } = await connected();
    const patients = patientCount();
    await receive(msg);
    expect(client.sent).toEqual([]);
    expect(patientCount()).toBe(patients);
    expect(clinic.rows('SELECT count(*) AS n FROM conversation_turns')).toEqual([{ n: 0 }]);
    // not even looked at by the inbox
    expect(clinic.logs.filter((l) => String(l.msg).startsWith('channel:'))).toEqual([]);
  });
});

describe('WhatsApp Web: duplicated deliveries are answered once', () => {
  it('a message emitted again later (after a reconnect) is not answered again and does not advance the conversation', async () => {
    const { client, receive } = await connected();
    const first = message(MARIA_CHAT, { body: 'oi, queria marcar cardiologista amanha de manha' });
    await receive(first);
    await receive(message(MARIA_CHAT, { body: '1' }));
    await receive({ ...first });
    expect(client.sent).toHaveLength(2);
    expect(conversationState(mariaId())).toBe('confirming');
    expect(clinic.rows('SELECT count(*) AS n FROM conversation_turns')).toEqual([{ n: 2 }]);
  });

  it('the same message emitted twice at once is answered once', async () => {
    const { client, connection } = await connected();
    const msg = message(MARIA_CHAT, { body: 'oi, queria marcar cardiologista amanha de manha' });
    client.emit('message', msg);
    client.emit('message', { ...msg });
    await connection.idle();
    expect(client.sent).toHaveLength(1);
    expect(clinic.rows('SELECT count(*) AS n FROM conversation_turns')).toEqual([{ n: 1 }]);
  });

  it('the same message arriving in two chats at once (its phone and its LID) is answered once', async () => {
    const { client, connection } = await connected();
    const msg = message(MARIA_CHAT, { body: 'oi' });
    client.emit('message', msg);
    client.emit('message', { ...msg, from: '201234567890123@lid', getContact: async () => ({ number: '553199990001', pushname: 'Maria' }) });
    await connection.idle();
    expect(client.sent).toHaveLength(1);
  });
});

describe('WhatsApp Web: senders and contents', () => {
  it("answers a sender known by a LID (no phone in the chat id) as the contact's number, in the LID chat", async () => {
    const { client, receive } = await connected();
    const patients = patientCount();
    const lid = '201234567890123@lid';
    await receive(message(lid, { body: 'oi, queria marcar cardiologista amanha de manha', contact: { number: '5531999990001', pushname: 'Maria' } }));
    expect(client.textsTo(lid)).toHaveLength(1);
    expect(conversationState(mariaId())).toBe('offering');
    expect(patientCount()).toBe(patients);
  });

  it('sends nothing for a LID whose contact has no number, and makes no patient', async () => {
    const { client, receive } = await connected();
    const patients = patientCount();
    await receive(message('201234567890123@lid', { body: 'oi', contact: { number: '', pushname: 'Maria' } }));
    expect(client.sent).toEqual([]);
    expect(patientCount()).toBe(patients);
  });

  it('a voice note (ptt) is transcribed and answered as its words', async () => {
    const { client, receive } = await connected({ transcriber: true });
    fake!.setTranscription(transcript('oi, queria marcar cardiologista amanhã de manhã'));
    const ogg = audioFixture('voice-note.ogg');
    await receive(
      message(MARIA_CHAT, {
        type: 'ptt',
        downloadMedia: async () => ({ mimetype: 'audio/ogg; codecs=opus', data: Buffer.from(ogg).toString('base64') }),
      }),
    );
    const uploads = fake!.requests.filter((r) => r.path.endsWith('/audio/transcriptions'));
    expect(uploads).toHaveLength(1);
    expect(uploads[0]!.body.file.size).toBe(ogg.byteLength);
    expect(client.textsTo(MARIA_CHAT)).toHaveLength(1);
    expect(conversationState(mariaId())).toBe('offering');
  });

  it('a voice note whose media is gone is answered that it could not be heard', async () => {
    const { client, receive } = await connected({ transcriber: true });
    await receive(message(MARIA_CHAT, { type: 'audio', downloadMedia: async () => undefined }));
    expect(client.textsTo(MARIA_CHAT)).toEqual([pt.AUDIO_UNREADABLE]);
  });

  it('an image is answered that only text and audio are understood', async () => {
    const { client, receive } = await connected();
    await receive(message(MARIA_CHAT, { type: 'image', body: '' }));
    expect(client.textsTo(MARIA_CHAT)).toEqual([pt.UNSUPPORTED_MESSAGE]);
  });
});

describe('WhatsApp Web: failures', () => {
  it('a reply that cannot be sent is logged by ids, and the next message is answered', async () => {
    const { client, receive } = await connected();
    client.failSends = 1;
    const failed = message(MARIA_CHAT, { body: 'oi, queria marcar cardiologista amanha de manha' });
    await receive(failed);
    expect(client.sent).toEqual([]);
    const logged = logs.filter((l) => l.msg === 'whatsapp-web: reply not sent');
    expect(logged).toEqual([expect.objectContaining({ level: 'error', message_id: failed.id.id, patient_id: mariaId() })]);
    expect(JSON.stringify(logged)).not.toMatch(/5531|99990001|Maria|cardiologista/);

    await receive(message(MARIA_CHAT, { body: '1' }));
    expect(client.sent).toHaveLength(1);
    expect(conversationState(mariaId())).toBe('confirming');
  });

  it('after a restart, a message emitted again is answered only if its reply had not gone out', async () => {
    const { client, receive } = await connected();
    client.failSends = 1;
    const unsent = message(MARIA_CHAT, { body: 'oi, queria marcar cardiologista amanha de manha' });
    await receive(unsent);
    const answered = message(MARIA_CHAT, { body: '1' });
    await receive(answered);
    expect(client.sent).toHaveLength(1);
    await connection!.stop();

    // the server restarted: a new client and connection over the same database
    const restarted = new FakeClient();
    connection = connectWhatsAppWeb(restarted, clinic.inbox, clinic.sendLog, createLogger('silent'), { output: () => {} });
    for (const again of [{ ...unsent }, { ...answered }]) {
      restarted.emit('message', again);
      await connection.idle();
    }
    expect(restarted.sent).toHaveLength(1);
    expect(restarted.sent[0]!.text).toMatch(/^Olá, Maria! Tenho estes horários de Cardiologia/);
    expect(clinic.rows('SELECT count(*) AS n FROM conversation_turns')).toEqual([{ n: 2 }]);
  });

  it('a message whose reply could not be sent gets it when WhatsApp emits it again', async () => {
    const { client, receive } = await connected();
    client.failSends = 1;
    const msg = message(MARIA_CHAT, { body: 'oi, queria marcar cardiologista amanha de manha' });
    await receive(msg);
    expect(client.sent).toEqual([]);
    await receive({ ...msg });
    expect(client.sent).toHaveLength(1);
    await receive({ ...msg });
    expect(client.sent).toHaveLength(1);
    expect(clinic.rows('SELECT count(*) AS n FROM conversation_turns')).toEqual([{ n: 1 }]);
  });
});

describe('WhatsApp Web: login and connection', () => {
  it('prints the QR code WhatsApp gives, with how to scan it', async () => {
    const { client, printed, connection } = await connected();
    client.emit('qr', '2@AbCdEfGhIjKlMnOpQrStUvWxYz0123456789,abcdefghijklmnopqrstuvwxyz0123456789=,ABCDEFGHIJ=,abcdefghij=');
    await connection.idle();
    expect(printed).toHaveLength(1);
    // a drawing in block characters, then the line that says where to scan it
    expect(printed[0]).toMatch(/[▀▄█]{10}/);
    expect(printed[0]).toContain('WhatsApp > Linked devices');
  });

  it('logs ready and a refused session', async () => {
    const { client } = await connected();
    client.emit('ready');
    client.emit('auth_failure', 'Unable to log in. Are the session details valid?');
    expect(logs.map((l) => l.msg)).toEqual(
      expect.arrayContaining(['whatsapp-web: ready; answering messages', expect.stringMatching(/^whatsapp-web: authentication failed: .*WHATSAPP_WEB_SESSION_DIR.*QR code/)]),
    );
  });

  it('re-initializes after a disconnect, waiting longer after each failed attempt', async () => {
    const { client, connection } = await connected({ retryDelaysMs: [1, 5] });
    expect(await connection.start()).toBe(true);
    client.initializeErrors = [null, new Error('net::ERR_INTERNET_DISCONNECTED'), null];
    const again = client.nextInitialize();
    client.emit('disconnected', 'CONFLICT');
    await again;
    // the first attempt fails: another one follows
    await client.nextInitialize();
    expect(client.initializeCalls).toBe(3);
    expect(client.destroyCalls).toBe(2);
    const waits = logs.filter((l) => l.msg === 'whatsapp-web: reconnecting').map((l) => l.in_ms);
    expect(waits).toEqual([1, 5]);
  });

  it('does not re-initialize when the phone logged the device out (whatsapp-web.js shows a new QR code)', async () => {
    const { client, connection } = await connected({ retryDelaysMs: [1] });
    await connection.start();
    client.emit('disconnected', 'LOGOUT');
    client.emit('message', message(MARIA_CHAT, { body: 'oi' }));
    await connection.idle();
    expect(client.initializeCalls).toBe(1);
    expect(logs.some((l) => l.msg === 'whatsapp-web: reconnecting')).toBe(false);
  });

  it('stop() waits for the message being answered, then closes the client, and takes no more messages', async () => {
    const { client, connection } = await connected();
    client.emit('message', message(MARIA_CHAT, { body: 'oi' }));
    await connection.stop();
    expect(client.sent).toHaveLength(1);
    expect(client.destroyCalls).toBe(1);
    client.emit('message', message(MARIA_CHAT, { body: 'oi de novo' }));
    await connection.idle();
    expect(client.sent).toHaveLength(1);
  });
});

describe('WhatsApp Web: messages the clinic starts', () => {
  const reminder = { to: MARIA_PHONE, text: 'Lembrete: sua consulta é amanhã às 9h.', template: null };

  it('are sent only between ready and a disconnect, to the id WhatsApp resolves the number to', async () => {
    const { client, connection } = await connected({ retryDelaysMs: [60_000] });
    // Maria's number as the clinic has it (with the ninth digit) resolves to her chat from before it
    client.registered.set(MARIA_PHONE.slice(1), MARIA_CHAT);
    expect(connection.sender).toMatchObject({ channel: 'whatsapp', name: 'whatsapp-web' });

    expect(await connection.sender.send(reminder)).toBe('not connected');
    client.emit('ready');
    expect(await connection.sender.send(reminder)).toBeNull();
    expect(client.sent).toEqual([{ chatId: MARIA_CHAT, text: reminder.text }]);

    client.emit('disconnected', 'NAVIGATION');
    expect(await connection.sender.send(reminder)).toBe('not connected');
    client.emit('ready');
    expect(await connection.sender.send(reminder)).toBeNull();
    client.emit('auth_failure', 'refused');
    expect(await connection.sender.send(reminder)).toBe('not connected');
    client.emit('ready');
    await connection.stop();
    expect(await connection.sender.send(reminder)).toBe('not connected');
    expect(client.sent).toHaveLength(2);
  });

  it('startWhatsAppWeb gives no sender when there is no browser, and one that is not connected until ready', async () => {
    clinic = await createChannelClinic();
    const off = startWhatsAppWeb({ sessionDir: '/nonexistent', browser: '/nonexistent/chromium' }, clinic.inbox, clinic.sendLog, createLogger('silent'));
    expect(off.sender).toBeNull();

    const client = new FakeClient();
    client.registered.set(MARIA_PHONE.slice(1), MARIA_CHAT);
    const dir = mkdtempSync(join(tmpdir(), 'agendador-wa-'));
    try {
      // any file that exists stands for the browser: the fake client never launches it
      const on = startWhatsAppWeb({ sessionDir: dir, browser: '/bin/false' }, clinic.inbox, clinic.sendLog, createLogger('silent'), {
        createClient: async () => client,
        output: () => {},
      });
      expect(on.sender).toMatchObject({ channel: 'whatsapp', name: 'whatsapp-web' });
      expect(await on.sender!.send(reminder)).toBe('not connected');
      expect(await on.started).toBe(true);
      expect(await on.sender!.send(reminder)).toBe('not connected');
      client.emit('ready');
      expect(await on.sender!.send(reminder)).toBeNull();
      expect(client.sent).toEqual([{ chatId: MARIA_CHAT, text: reminder.text }]);
      await on.stop();
      expect(await on.sender!.send(reminder)).toBe('not connected');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('WhatsApp Web: the real client', () => {
  it('runs Chromium headless with the session on disk, without its sandbox only as root', () => {
    const settings = { sessionDir: '/var/lib/agendador/wa', browser: '/usr/bin/chromium' };
    const asRoot = whatsAppWebClientOptions(settings, true);
    expect(asRoot.puppeteer).toMatchObject({ executablePath: '/usr/bin/chromium', headless: true });
    expect(asRoot.puppeteer.args).toContain('--no-sandbox');
    expect(whatsAppWebClientOptions(settings, false).puppeteer.args).not.toContain('--no-sandbox');
    expect(asRoot.webVersionCache.path.startsWith('/var/lib/agendador/wa')).toBe(true);
  });

  it('a browser that fails to launch is logged naming WHATSAPP_WEB_BROWSER, and not retried', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'agendador-wa-'));
    const lines: Array<Record<string, unknown>> = [];
    const logger = createLogger('debug', (line) => lines.push(JSON.parse(line) as Record<string, unknown>));
    clinic = await createChannelClinic();
    try {
      // /bin/false starts and exits at once, as a broken Chromium would
      const whatsApp = startWhatsAppWeb({ sessionDir: dir, browser: '/bin/false' }, clinic.inbox, clinic.sendLog, logger, { retryDelaysMs: [1] });
      expect(await whatsApp.started).toBe(false);
      await whatsApp.stop();
      const errors = lines.filter((l) => l.level === 'error').map((l) => l.msg as string);
      expect(errors).toHaveLength(1);
      expect(errors[0]).toContain('WHATSAPP_WEB_BROWSER');
      expect(errors[0]).toContain('apt-get install chromium');
      expect(lines.some((l) => l.msg === 'whatsapp-web: reconnecting')).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 30_000);
});
