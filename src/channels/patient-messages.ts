/**
 * Messages the clinic starts, sent through the channels (ARCHITECTURE.md, convention 7): each is an
 * `outbound_messages` row, written with the change that caused it (a waitlist offer, by the
 * cancellation that freed its time) or by the reminder planner here (a reminder the eve of an
 * appointment, core/reminders.ts), and sent later by this job, on Node by a timer and on Workers by the
 * cron trigger.
 *
 * - Planning writes one reminder row per appointment due for one (a unique key: a second process
 *   writes nothing).
 * - Sending claims due rows with a lease (a conditional UPDATE, so two processes never hold one row),
 *   checks that the message still means something (the appointment still awaits the visit, the offer
 *   still stands, it is not too late), and sends it on the patient's channel: their preferred one,
 *   else WhatsApp, else SMS. A reminder is a turn of the patient's conversation on that channel, which
 *   writes its text and then takes the answer ("sim" confirms that appointment); one that would cut
 *   into a conversation in progress waits for it to end.
 * - A send is recorded in `channel_replies` by the message's id (send-once.ts), so a process that dies
 *   after sending and before recording does not send it again while its claim holds; a failed send is
 *   tried again on a schedule, then given up (`failed`, with the channel's reason).
 *
 * Logs carry ids and reasons, never phones, names or text (convention 10).
 */
import type { Core } from '../core';
import type { Clock, IdGenerator } from '../core/clock';
import { NotFoundError } from '../core/errors';
import { MESSAGE_TEMPLATE_NAMES, type MessageTemplate } from '../core/model';
import type { ChannelReplyRepo, ClaimedOutboundMessage, OutboundMessageRepo, OutboundOutcome } from '../core/ports';
import {
  APPOINTMENT_REMINDER_KIND,
  DEFAULT_REMINDER_TIME,
  dueReminder,
  REMINDER_EARLIEST_START_MS,
  REMINDER_LATEST_START_MS,
  reminderKey,
} from '../core/reminders';
import { WAITLIST_OFFER_MESSAGE_KIND } from '../core/waitlist/offers';
import type { PhoneChannel } from './inbox';
import type { OutboundSender } from './outbound';
import { sendOnce } from './send-once';

/** The conversation side of a reminder (machines/runtime/run-turn.ts's `remind`). */
export interface ReminderConversations {
  remind(
    tenantId: string,
    request: { patientId: string; channel: PhoneChannel; appointmentId: string; messageId: string },
  ): Promise<{ outcome: 'ready'; reply: string; template: MessageTemplate | null; repeated: boolean } | { outcome: 'busy' } | { outcome: 'moot' }>;
}

/** A message ready to send: its sender, the patient's phone, its text and, where it has one, its template's parameters. */
interface Prepared {
  sender: OutboundSender;
  phone: string;
  text: string;
  template: MessageTemplate | null;
}

/** The template written with a message (an offer's payload), or null for one written without (before templates were stored). */
function storedTemplate(value: unknown): MessageTemplate | null {
  const t = value as Partial<MessageTemplate> | null | undefined;
  if (!t || !MESSAGE_TEMPLATE_NAMES.includes(t.name as never) || !Array.isArray(t.parameters)) return null;
  if (!t.parameters.every((p) => typeof p === 'string' && p !== '')) return null;
  return { name: t.name!, parameters: t.parameters };
}

export interface PatientMessageLog {
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
}

export interface PatientMessagesDeps {
  core: Core;
  messages: OutboundMessageRepo;
  replies: ChannelReplyRepo;
  conversations: ReminderConversations;
  /** the sender of each channel a patient's phone is reached on; null where none is configured */
  senders: Record<PhoneChannel, OutboundSender | null>;
  clock: Clock;
  ids: IdGenerator;
  log: PatientMessageLog;
  /** local time on the eve from which reminders go out (HH:MM) */
  reminderTime?: string;
  /** false: no reminders are planned (waitlist offers are still sent) */
  reminders?: boolean;
  /** minutes before each new try of a failed send; its length is how many tries there are after the first */
  retryMinutes?: readonly number[];
}

/** Minutes before a failed send is tried again: four more tries over about an hour and a half. */
export const DEFAULT_RETRY_MINUTES = [1, 5, 20, 60] as const;
/** How long a reminder waits for a conversation in progress before it looks again. */
export const BUSY_RETRY_MINUTES = 5;
/** How long a claim holds a message: more than planning its text and a send may take. */
export const CLAIM_MS = 120_000;
/** Messages claimed at once; the job claims again until none is due. */
const CLAIM_BATCH = 20;
/** Reminder rows written per planning step; the planner writes again until none is left. */
const PLAN_BATCH = 200;

export interface PatientMessagesRun {
  planned: number;
  sent: number;
  skipped: number;
  failed: number;
  /** to be tried again later */
  later: number;
}

/** The message id a patient message has in its conversation and in the channel's reply log. */
export function outboundMessageId(id: string): string {
  return `outbound:${id}`;
}

export function createPatientMessages(deps: PatientMessagesDeps) {
  const { core, messages, replies, conversations, senders, clock, ids, log } = deps;
  const reminderTime = deps.reminderTime ?? DEFAULT_REMINDER_TIME;
  const retryMinutes = deps.retryMinutes ?? DEFAULT_RETRY_MINUTES;
  const minutesFrom = (now: Date, minutes: number) => new Date(now.getTime() + minutes * 60_000).toISOString();

  /** The sender for a message written for `channel` (the patient's preferred one then), or why there is none. */
  function senderFor(channel: string | null): OutboundSender | string {
    if (channel === 'whatsapp' || channel === 'sms') return senders[channel] ?? `no ${channel} sender is configured`;
    // a chat channel with no way to start a message (web, terminal), or none chosen: the phone's channels
    if (channel === null || channel === 'web' || channel === 'terminal') {
      return senders.whatsapp ?? senders.sms ?? 'no WhatsApp or SMS sender is configured';
    }
    return `the patient prefers ${channel}, which no channel of ours reaches`;
  }

  /** Writes the reminders due now that no one wrote yet; how many. */
  async function planReminders(): Promise<number> {
    if (deps.reminders === false || (!senders.whatsapp && !senders.sms)) return 0;
    const now = clock.now();
    const nowIso = now.toISOString();
    const to = new Date(now.getTime() + REMINDER_LATEST_START_MS).toISOString();
    let written = 0;
    // candidates not yet due stay candidates: read past them, page by page, until none is left
    let after = { start_time: new Date(now.getTime() + REMINDER_EARLIEST_START_MS).toISOString(), id: '' };
    for (;;) {
      const candidates = await messages.reminderCandidates(after, to, reminderKey(''), PLAN_BATCH);
      const due = candidates.flatMap((c) => {
        const window = dueReminder(c, now, reminderTime);
        if (!window) return [];
        return [
          {
            id: ids.uuid(),
            tenant_id: c.tenant_id,
            patient_id: c.patient_id,
            channel: c.channel,
            kind: APPOINTMENT_REMINDER_KIND,
            body: '',
            payload: { appointment_id: c.appointment_id, start_time: c.start_time },
            dedupe_key: reminderKey(c.appointment_id),
            send_before: window.until.toISOString(),
            created_at: nowIso,
          },
        ];
      });
      written += await messages.insert(due);
      if (candidates.length < PLAN_BATCH) return written;
      const last = candidates[candidates.length - 1]!;
      after = { start_time: last.start_time, id: last.appointment_id };
    }
  }

  /** What to send for a claimed message: its text and sender, or the outcome it has without sending. */
  async function prepare(message: ClaimedOutboundMessage, now: Date): Promise<Prepared | OutboundOutcome> {
    const at = now.toISOString();
    if (message.send_before !== null && at >= message.send_before) return { status: 'skipped', at, reason: 'too late to send' };
    const sender = senderFor(message.channel);
    if (typeof sender === 'string') return { status: 'skipped', at, reason: sender };
    const patient = await core.patients.get(message.tenant_id, message.patient_id).catch((error: unknown) => {
      if (error instanceof NotFoundError) return null;
      throw error;
    });
    if (!patient?.is_active) return { status: 'skipped', at, reason: 'the patient is inactive' };
    if (!patient.phone) return { status: 'skipped', at, reason: 'the patient has no phone' };

    if (message.kind === WAITLIST_OFFER_MESSAGE_KIND) {
      const latest = await core.waitlist.latestOffer(message.tenant_id, message.patient_id, null);
      // the patient's yes answers their latest standing offer: a message of an older one, or of one taken, means nothing now
      if (!latest?.stands || latest.id !== message.payload.offer_id) return { status: 'skipped', at, reason: 'the offer no longer stands' };
      return { sender, phone: patient.phone, text: message.body, template: storedTemplate(message.payload.template) };
    }
    if (message.kind === APPOINTMENT_REMINDER_KIND) {
      const reminded = await conversations.remind(message.tenant_id, {
        patientId: message.patient_id,
        channel: sender.channel,
        appointmentId: String(message.payload.appointment_id),
        messageId: outboundMessageId(message.id),
      });
      if (reminded.outcome === 'moot') return { status: 'skipped', at, reason: 'the appointment no longer awaits the visit' };
      if (reminded.outcome === 'busy') {
        return { status: 'later', at, next: minutesFrom(now, BUSY_RETRY_MINUTES), reason: 'a conversation is in progress', failed: false };
      }
      return { sender, phone: patient.phone, text: reminded.reply, template: reminded.template };
    }
    return { status: 'skipped', at, reason: `unknown kind of message '${message.kind}'` };
  }

  async function deliver(message: ClaimedOutboundMessage): Promise<OutboundOutcome> {
    const now = clock.now();
    const prepared = await prepare(message, now);
    if ('status' in prepared) return prepared;
    const { sender, phone, text, template } = prepared;
    const sending = await sendOnce({ replies, clock, ids }, sender.name, outboundMessageId(message.id), () =>
      sender.send({ to: phone, text, template }),
    );
    const at = clock.now().toISOString();
    if (sending.outcome === 'sent') return { status: 'sent', at, body: text };
    // another process is sending it now: its record decides, looked at once its claim has run out
    if (sending.outcome !== 'failed') return { status: 'later', at, next: minutesFrom(now, 1), reason: 'being sent by another process', failed: false };
    const tries = message.attempts + 1;
    if (tries > retryMinutes.length) return { status: 'failed', at, reason: sending.reason };
    return { status: 'later', at, next: minutesFrom(now, retryMinutes[tries - 1]!), reason: sending.reason, failed: true };
  }

  /** Sends every message due now, claim by claim; the outcomes counted. */
  async function sendDue(): Promise<Omit<PatientMessagesRun, 'planned'>> {
    const counts = { sent: 0, skipped: 0, failed: 0, later: 0 };
    for (;;) {
      const now = clock.now();
      const lease = ids.uuid();
      const claimed = await messages.claimDue(now.toISOString(), lease, new Date(now.getTime() + CLAIM_MS).toISOString(), CLAIM_BATCH);
      for (const message of claimed) {
        let outcome: OutboundOutcome;
        try {
          outcome = await deliver(message);
        } catch (error) {
          // a failure of ours (the database, a bug), not the channel's: tried again on the same schedule
          log.warn('patient message: could not be prepared', { message_id: message.id, error: error instanceof Error ? error.message : String(error) });
          const tries = message.attempts + 1;
          const at = clock.now().toISOString();
          outcome =
            tries > retryMinutes.length
              ? { status: 'failed', at, reason: 'could not be prepared' }
              : { status: 'later', at, next: minutesFrom(clock.now(), retryMinutes[tries - 1]!), reason: 'could not be prepared', failed: true };
        }
        await messages.record(message.id, lease, outcome);
        counts[outcome.status === 'sent' ? 'sent' : outcome.status === 'later' ? 'later' : outcome.status]++;
        if (outcome.status !== 'sent') {
          log.info('patient message not sent', { message_id: message.id, kind: message.kind, outcome: outcome.status, reason: outcome.reason });
        }
      }
      if (claimed.length < CLAIM_BATCH) return counts;
    }
  }

  return {
    planReminders,
    sendDue,
    /** Plans the reminders due, then sends everything due. */
    async runOnce(): Promise<PatientMessagesRun> {
      const planned = await planReminders();
      return { planned, ...(await sendDue()) };
    },
  };
}

export type PatientMessages = ReturnType<typeof createPatientMessages>;
