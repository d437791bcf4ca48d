/**
 * Where every channel's messages meet the conversation (ARCHITECTURE.md: channels → machines): the
 * sender's phone becomes a patient of the channels' tenant (a new one is registered on its first
 * message), a voice note becomes its transcript, and the message runs as one turn of that patient's
 * conversation on that channel. The channel's message id goes with it, so a message delivered twice
 * is answered twice with the same reply and advances the conversation once.
 *
 * What a channel adapter does around it: take the message off the wire (and check its signature),
 * send the reply back. What is said to the patient when a message cannot become a turn (an image,
 * a voice note with no transcriber) is in locales/pt-BR/channels.ts. Logs carry ids, never phones,
 * names or text (convention 10), nor the channels' message ids, several of which hold the sender's
 * number (whatsapp-web.js's `false_5531…@c.us_…`, the Cloud API's base64 `wamid.…`).
 */
import * as pt from '../../locales/pt-BR/channels';
import type { Core } from '../core';
import { ConflictError, ServiceUnavailableError, TooLargeError, UnsupportedMediaTypeError, ValidationError } from '../core/errors';
import type { Patient } from '../core/model';
import { MAX_NAME_LENGTH } from '../core/reference/patients';
import type { Logger } from '../api/logger';
import { MAX_MESSAGE_CHARS, type ConversationRuntime } from '../../machines/runtime/run-turn';
import { phoneOfAddress } from './sender';

/** The conversation channels a patient's phone reaches. */
export type PhoneChannel = 'whatsapp' | 'sms';

export type ChannelContent =
  | { kind: 'text'; text: string }
  /** a voice note; the bytes are fetched only when the message is turned into a turn */
  | { kind: 'audio'; bytes: () => Promise<Uint8Array> }
  /** anything else: an image, a document, a sticker, a location, a contact */
  | { kind: 'other' };

export interface ChannelMessage {
  channel: PhoneChannel;
  /** the sender's address as the channel gives it (see sender.ts) */
  from: string;
  /** the channel's id of this message: a redelivery gets the first reply and does not advance the conversation */
  messageId: string;
  /** the name the sender shows on the channel (WhatsApp's profile name), used for a new patient */
  senderName?: string | null;
  content: ChannelContent;
}

export interface ChannelAnswer {
  /** the text to send back; null: nothing to send (an empty message, a sender with no phone) */
  reply: string | null;
  patientId: string | null;
  /**
   * this message id had been answered before (a redelivery), or is being answered by another delivery
   * of it right now: `reply` is that answer, which a channel that sends its replies itself need not
   * send again
   */
  repeated: boolean;
}

export interface ChannelInboxDeps {
  core: Core;
  conversations: ConversationRuntime;
  /** the tenant whose patients write on these channels (tenant.ts) */
  tenantId: () => Promise<string>;
  logger: Logger;
  /** Workers: no request may await a promise another request made (AppDeps.requestScopedIo) */
  requestScopedIo?: boolean;
}

/** A profile name as a patient's name: trimmed, and only when it has a letter in it (not "🙂" or "."). */
function nameFromProfile(name: string | null | undefined): string | null {
  const trimmed = name?.replace(/\s+/g, ' ').trim() ?? '';
  if (!/\p{L}/u.test(trimmed)) return null;
  return trimmed.slice(0, MAX_NAME_LENGTH).trim();
}

export function createChannelInbox({ core, conversations, tenantId: channelTenant, logger, requestScopedIo = false }: ChannelInboxDeps) {
  /**
   * The patient with this phone; a new one when there is none, named as the sender shows itself, or by
   * the phone when it shows no name (the conversation then greets without one). Two first messages at
   * once make one patient: the second insert finds the phone taken and reads the first's.
   */
  async function patientOf(tenantId: string, phone: string, message: ChannelMessage): Promise<Patient> {
    const known = await core.patients.findByPhone(tenantId, phone);
    if (known) return known;
    try {
      const patient = await core.patients.create(tenantId, {
        name: nameFromProfile(message.senderName) ?? phone,
        phone,
        preferred_channel: message.channel,
      });
      logger.info('channel: new patient', { channel: message.channel, patient_id: patient.id });
      return patient;
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
      const first = await core.patients.findByPhone(tenantId, phone);
      if (!first) throw error;
      return first;
    }
  }

  /** The words of the message, or the reply that stands for them when there are none to run. */
  async function wordsOf(content: ChannelContent, core: Core): Promise<{ text: string } | { reply: string }> {
    if (content.kind === 'other') return { reply: pt.UNSUPPORTED_MESSAGE };
    if (content.kind === 'text') return { text: content.text };
    // not fetched for nothing
    if (!core.voice.transcribes) return { reply: pt.AUDIO_NOT_AVAILABLE };
    try {
      const transcript = await core.voice.transcribe(await content.bytes());
      return transcript === '' ? { reply: pt.AUDIO_EMPTY } : { text: transcript };
    } catch (error) {
      if (error instanceof ServiceUnavailableError) return { reply: pt.AUDIO_NOT_AVAILABLE };
      if (error instanceof TooLargeError || error instanceof UnsupportedMediaTypeError || error instanceof ValidationError) {
        return { reply: pt.AUDIO_UNREADABLE };
      }
      throw error;
    }
  }

  /** answers being worked out, by channel and message id */
  const inFlight = new Map<string, Promise<ChannelAnswer>>();

  return {
    /**
     * Runs one message from a channel and gives the reply to send. Never throws for what the patient
     * sent: what cannot be answered gets a reply that says so (and is logged when it is the server's fault).
     */
    receive(message: ChannelMessage): Promise<ChannelAnswer> {
      // a second delivery while the first is being answered waits for that answer (on Workers it may
      // not await another request's promise: the conversation's own message id check answers it)
      if (requestScopedIo) return answerOnce(message);
      const key = `${message.channel}\u0000${message.messageId}`;
      const running = inFlight.get(key);
      if (running) return running.then((answer) => ({ ...answer, repeated: true }));
      const answer = answerOnce(message).finally(() => inFlight.delete(key));
      inFlight.set(key, answer);
      return answer;
    },
  };

  async function answerOnce(message: ChannelMessage): Promise<ChannelAnswer> {
    const phone = phoneOfAddress(message.from);
    if (phone === null) {
      logger.warn('channel: sender has no phone number; message ignored', { channel: message.channel });
      return { reply: null, patientId: null, repeated: false };
    }
    let patientId: string | null = null;
    try {
      const tenantId = await channelTenant();
      const patient = await patientOf(tenantId, phone, message);
      patientId = patient.id;
      // a voice note delivered again is not transcribed again (the turn itself tells any other redelivery)
      if (message.content.kind === 'audio') {
        const earlier = await conversations.earlierReply(tenantId, { patientId, channel: message.channel, messageId: message.messageId });
        if (earlier) return { reply: earlier.reply, patientId, repeated: true };
      }
      if (!patient.is_active) return { reply: pt.PATIENT_INACTIVE, patientId, repeated: false };
      const words = await wordsOf(message.content, core);
      if ('reply' in words) return { reply: words.reply, patientId, repeated: false };
      const text = words.text.trim();
      if (text === '') return { reply: null, patientId, repeated: false };
      if (text.length > MAX_MESSAGE_CHARS) return { reply: pt.MESSAGE_TOO_LONG, patientId, repeated: false };
      const turn = await conversations.answer(tenantId, { patientId, channel: message.channel, message: text, messageId: message.messageId });
      return { reply: turn.response.reply, patientId, repeated: turn.repeated };
    } catch (error) {
      logger.error('channel: message not answered', {
        channel: message.channel,
        patient_id: patientId,
        error: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
      });
      return { reply: pt.TURN_FAILED, patientId, repeated: false };
    }
  }
}

export type ChannelInbox = ReturnType<typeof createChannelInbox>;
