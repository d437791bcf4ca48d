/**
 * One turn of a conversation (ARCHITECTURE.md, conventions 8 and 9): claim the conversation, restore
 * its snapshot (or start afresh when there is none or its inactivity deadline passed), send the
 * patient's message, wait until the machine rests, save the new snapshot with the next revision, the
 * reply remembered under the channel's message id and any events the turn raised, all in one atomic
 * step. Turns of one conversation run one at a time and in arrival order: in this process a queue per
 * conversation keeps the order; across processes a lease claimed in the database keeps them apart, a
 * line of waiters in the database gives it to them in the order they first asked, and the revision
 * check refuses a stale write (the turn is then run again on the newer snapshot). On Workers
 * (`requestScopedIo`) there is no queue, since a turn may not await another request's promise: each
 * turn claims the lease as its own holder, so turns of one isolate are kept apart and in order as those
 * of two processes are.
 */
import { createActor, fromPromise, waitFor, type AnyActorLogic } from 'xstate';
import type { Core } from '../../src/core';
import type { Clock, IdGenerator } from '../../src/core/clock';
import { ConflictError, NotFoundError, ValidationError } from '../../src/core/errors';
import type { MessageTemplate, OutboxEvent } from '../../src/core/model';
import type { ConversationKey, ConversationStore, StoredConversation } from '../../src/core/ports';
import { emptyFacts, firstNameOf, initialContext } from '../booking/dialogue';
import { bookingMachine } from '../booking/machine';
import { reminderTemplate } from '../booking/lines';
import type { BookingFacts, OfferedSlot, PatientAppointment, WorldActors } from '../booking/world';
import { worldFor } from './world';

export const CHANNELS = ['whatsapp', 'sms', 'web', 'terminal'] as const;
export type Channel = (typeof CHANNELS)[number];

/** Longer messages are refused (the language layer's limit). */
export { MAX_MESSAGE_CHARS } from '../../src/core/language/service';

export interface TurnRequest {
  patientId: string;
  channel: Channel;
  message: string;
  /** the channel's id for this message: a repeat gets the first reply and does not advance the machine */
  messageId?: string;
}

export interface TurnResponse {
  reply: string;
  state: string;
  options?: Array<{ number: number } & OfferedSlot>;
  appointment_id?: string;
  /** a reminder's reply (never a message's) as the parameters of its WhatsApp template */
  template?: MessageTemplate;
}

/** A reminder of one of the patient's appointments, put into their conversation as a turn the clinic starts. */
export interface RemindRequest {
  patientId: string;
  channel: Channel;
  appointmentId: string;
  /** the id of this reminder's message: a repeat gets the first reply and does not advance the machine */
  messageId: string;
}

/**
 * `ready`: the machine took the reminder, `reply` is its text (`repeated`: the one remembered for the message id);
 * `busy`: the patient is being asked something (times on offer, a summary, which appointment…), nothing saved, try
 * later; `moot`: the appointment is not one of the patient's upcoming ones awaiting the visit, nothing saved.
 */
export type RemindOutcome =
  | { outcome: 'ready'; reply: string; template: MessageTemplate | null; repeated: boolean }
  | { outcome: 'busy' }
  | { outcome: 'moot' };

/** What a turn sends the machine: the patient's message, or a reminder. */
type TurnEvent = { type: 'MESSAGE'; text: string } | { type: 'REMIND'; appointmentId: string };

export interface ConversationState {
  patient_id: string;
  channel: string;
  state: string;
  revision: number;
  expires_at: string;
  updated_at: string;
  /** the machine's context: facts gathered, options on offer, last reply */
  context: Record<string, unknown>;
}

export interface RuntimeDeps {
  core: Core;
  store: ConversationStore;
  clock: Clock;
  ids: IdGenerator;
  /** inactivity after which a conversation starts afresh */
  timeoutMinutes: number;
  /**
   * Workers: the I/O behind a promise belongs to the request that started it, so a turn may not wait
   * on a promise of another request's turn (when that request ends first, it never settles). Turns of
   * one conversation are then kept apart by the database's lease alone, each turn its own holder, as
   * turns of two processes are. Without it (Node), turns of one conversation in this process also
   * queue here, one after the other, and hold the lease as this process.
   */
  requestScopedIo?: boolean;
}

/** How long one turn may hold its conversation; a crashed holder's claim lapses after this. */
const LEASE_MS = 30_000;
/** How long a turn waits for another process's (with requestScopedIo, another request's) turn of the same conversation. */
const CLAIM_WAIT_MS = 20_000;
/**
 * A waiting turn asks for the lease again at least every 100 ms; one that has not asked for this long
 * (its request was cancelled) loses its place in line, so it holds the turns behind it up no longer.
 */
const WAITER_STALE_MS = 5_000;
/** How long a turn may take from message to rest (actors included). */
const TURN_TIMEOUT_MS = 25_000;
const STALE_RETRIES = 3;
/** Resting states with nothing pending, where a reminder may come in; elsewhere the patient is being asked something. */
const REMINDABLE = ['idle', 'done'];
/** Appointments still awaiting the visit, which a reminder may be of. */
const REMINDED_STATUSES = ['requested', 'confirmed'];

function keyString(k: ConversationKey): string {
  return `${k.tenantId}\u0000${k.patientId}\u0000${k.channel}`;
}

/**
 * The world of each turn being run, by the actor system its actor heads: an invoked actor finds its
 * own turn's world through the `system` XState hands it, however many turns run at once. (An
 * AsyncLocalStorage did this before, but on Node 20 it switches on promise hooks that tax every
 * promise in the process.)
 */
const worlds = new WeakMap<object, ReturnType<typeof worldFor>>();

/** every actor of WorldActors, so that one added there and not here fails to compile instead of failing in a turn */
const ACTORS: Record<keyof WorldActors, true> = {
  understand: true,
  searchSlots: true,
  book: true,
  listAppointments: true,
  cancel: true,
  confirm: true,
  reschedule: true,
  joinWaitlist: true,
  leaveWaitlist: true,
  listWaitlist: true,
  latestOffer: true,
  acceptOffer: true,
  declineOffer: true,
  clinicInfo: true,
  specialtyProviders: true,
  specialtyHours: true,
  requestHandoff: true,
  savePatientName: true,
};
const ACTOR_NAMES = Object.keys(ACTORS) as Array<keyof WorldActors>;

/**
 * The machine with the runtime's actors, built once (providing actors re-builds the whole machine):
 * each actor calls into the world of the turn it runs in.
 */
const runtimeMachine: AnyActorLogic = bookingMachine.provide({
  actors: Object.fromEntries(
    ACTOR_NAMES.map((name) => [
      name,
      fromPromise(({ input, system }: { input: unknown; system: object }) => {
        const world = worlds.get(system);
        if (!world) throw new Error(`booking machine: '${name}' called outside a turn`);
        return (world[name] as (i: unknown) => Promise<unknown>)(input);
      }),
    ]),
  ) as never,
});

export function createConversationRuntime({ core, store, clock, ids, timeoutMinutes, requestScopedIo = false }: RuntimeDeps) {
  /** the last turn queued per conversation in this process */
  const queues = new Map<string, Promise<unknown>>();
  /** the lease holder of this process's turns (with requestScopedIo each turn is its own) */
  const processHolder = ids.uuid();

  function serialised<T>(key: ConversationKey, work: () => Promise<T>): Promise<T> {
    if (requestScopedIo) return work();
    const k = keyString(key);
    const previous = queues.get(k) ?? Promise.resolve();
    const next = previous.then(work, work);
    const settled = next.then(
      () => undefined,
      () => undefined,
    );
    queues.set(k, settled);
    void settled.then(() => {
      if (queues.get(k) === settled) queues.delete(k);
    });
    return next;
  }

  /** Waits for the conversation's lease; gives the stored conversation read in the claim's own step. */
  async function claim(key: ConversationKey, holder: string): Promise<StoredConversation | null> {
    const deadline = Date.now() + CLAIM_WAIT_MS;
    try {
      for (let wait = 5, waiting = false; ; wait = Math.min(wait * 2, 100), waiting = true) {
        const now = clock.now();
        const at = (ms: number) => new Date(now.getTime() + ms).toISOString();
        const claimed = await store.claim(key, holder, at(LEASE_MS), now.toISOString(), { waiting, staleBefore: at(-WAITER_STALE_MS) });
        if (claimed) return claimed.conversation;
        if (Date.now() > deadline) throw new ConflictError('This conversation is busy with another message; try again');
        await new Promise((r) => setTimeout(r, wait));
      }
    } catch (error) {
      // a turn that stops waiting gives its place in line up at once, rather than when it goes stale
      await store.withdraw(key, holder).catch(() => undefined);
      throw error;
    }
  }

  async function patientFirstName(tenantId: string, patientId: string): Promise<string> {
    const patient = await core.patients.get(tenantId, patientId).catch((error: unknown) => {
      if (error instanceof NotFoundError) return null;
      throw error;
    });
    if (!patient) throw ValidationError.field('patient_id', 'unknown patient');
    // a deactivated patient is refused like a booking or a waitlist entry for them (CONTRACT: soft-deleted records)
    if (!patient.is_active) throw new ConflictError('The patient is inactive');
    // a patient a channel registered without a name is named by the phone: greeted without one (and asked it after a booking)
    return firstNameOf(patient.name);
  }

  /**
   * `stored`: the conversation as the claim read it; undefined on a retry, which reads it afresh. A reminder is not sent
   * where the patient is being asked something ('busy'), and one the machine did not take is not saved ('moot').
   */
  async function runOnce(
    key: ConversationKey,
    event: TurnEvent,
    messageId: string | undefined,
    firstName: string,
    holder: string,
    claimed?: StoredConversation | null,
  ): Promise<TurnResponse | 'stale' | 'busy' | 'moot'> {
    const now = clock.now();
    const nowIso = now.toISOString();
    const stored = claimed !== undefined ? claimed : await store.load(key);
    const expired = stored !== null && stored.expires_at <= nowIso;
    // an expired conversation starts afresh, so a reminder may start it too
    if (event.type === 'REMIND' && stored !== null && !expired && !REMINDABLE.includes(stored.state)) return 'busy';
    const events: OutboxEvent[] = [];
    const catalog = await core.language.catalog(key.tenantId);
    const world = worldFor(core, { ...key, now, events, newId: () => ids.uuid(), catalog });
    const input = {
      firstName,
      timezone: catalog.timezone,
      resumedAfterTimeout: expired,
      previousTurnAt: expired ? stored.updated_at : undefined,
      previousRequest: expired ? requestInProgress(stored) : undefined,
      previousMove: expired ? moveInProgress(stored) : undefined,
    };

    const actor =
      stored && !expired
        ? createActor(runtimeMachine, { snapshot: withEveryContextKey(stored.snapshot, input) as never, input })
        : createActor(runtimeMachine, { input });
    worlds.set(actor.system, world);
    actor.start();
    actor.send(event.type === 'MESSAGE' ? { type: 'MESSAGE', text: event.text, now: nowIso } : { type: 'REMIND', appointmentId: event.appointmentId, now: nowIso });
    const rested = await waitFor(actor, (s) => s.status !== 'active' || s.hasTag('resting'), { timeout: TURN_TIMEOUT_MS });
    if (rested.status === 'error') throw rested.error;
    const persisted = actor.getPersistedSnapshot();
    actor.stop();

    const context = rested.context as {
      reply: string;
      options?: OfferedSlot[];
      appointmentId?: string | null;
      reminded?: string | null;
      target?: PatientAppointment | null;
      firstName: string;
      now: string;
    };
    // the appointment was no longer among the patient's upcoming ones when the machine read them: nothing to save
    if (event.type === 'REMIND' && !(context.reminded === event.appointmentId && context.target?.id === event.appointmentId)) return 'moot';
    const state = typeof rested.value === 'string' ? rested.value : Object.keys(rested.value as object)[0]!;
    const response: TurnResponse = { reply: context.reply ?? '', state };
    if (context.options && context.options.length > 0) response.options = context.options.map((o, i) => ({ number: i + 1, ...o }));
    if (context.appointmentId) response.appointment_id = context.appointmentId;
    if (event.type === 'REMIND') response.template = reminderTemplate({ ...context, target: context.target ?? null }) ?? undefined;

    const saved = await store.save(key, {
      state,
      snapshot: persisted,
      expectedRevision: stored?.revision ?? null,
      expiresAt: new Date(Math.max(now.getTime() + timeoutMinutes * 60_000, reminderOpenUntil(event, context.target))).toISOString(),
      at: nowIso,
      changeId: ids.uuid(),
      turn: messageId ? { messageId, response: response as unknown as Record<string, unknown> } : undefined,
      events,
      releaseHolder: holder,
    });
    return saved ? response : 'stale';
  }

  /**
   * One turn of the conversation, in its turn: the lease claimed, the event run on the stored snapshot (again on a newer
   * one after a stale write), the lease given back. `repeated`: the reply remembered for the message id, no new turn.
   */
  function runTurn(
    key: ConversationKey,
    event: TurnEvent,
    messageId: string | undefined,
    firstName: string,
  ): Promise<{ result: TurnResponse | 'busy' | 'moot'; repeated: boolean }> {
    return serialised(key, async () => {
      const holder = requestScopedIo ? ids.uuid() : processHolder;
      const claimed = await claim(key, holder);
      // a saved turn gives the lease back in its own write; anything else gives it back here
      let released = false;
      try {
        for (let attempt = 0; attempt < STALE_RETRIES; attempt++) {
          // a repeat that arrived while the first was running: the first reply, now saved
          if (messageId) {
            const earlier = await store.reply(key, messageId);
            if (earlier) return { result: earlier as unknown as TurnResponse, repeated: true };
          }
          const result = await runOnce(key, event, messageId, firstName, holder, attempt === 0 ? claimed : undefined);
          if (result === 'stale') continue;
          // 'busy' and 'moot' saved nothing, and still hold the lease
          released = typeof result !== 'string';
          return { result, repeated: false };
        }
        throw new ConflictError('This conversation changed during the turn; try again');
      } finally {
        if (!released) await store.release(key, holder);
      }
    });
  }

  /** Runs one patient message through the conversation; `repeated`: the reply remembered for its message id. */
  async function answer(tenantId: string, request: TurnRequest): Promise<{ response: TurnResponse; repeated: boolean }> {
    const key: ConversationKey = { tenantId, patientId: request.patientId, channel: request.channel };
    const firstName = await patientFirstName(tenantId, request.patientId);
    if (request.messageId) {
      const earlier = await store.reply(key, request.messageId);
      if (earlier) return { response: earlier as unknown as TurnResponse, repeated: true };
    }
    const { result, repeated } = await runTurn(key, { type: 'MESSAGE', text: request.message }, request.messageId, firstName);
    // a message is always taken: only a reminder is ever busy or moot
    if (typeof result === 'string') throw new Error(`conversation runtime: a message turn came out ${result}`);
    return { response: result, repeated };
  }

  /** Whether the appointment is one of the patient's that a reminder may be of: theirs, requested or confirmed, still to come. */
  async function awaitsVisit(tenantId: string, patientId: string, appointmentId: string): Promise<boolean> {
    const appointment = await core.appointments.get(tenantId, appointmentId).catch((error: unknown) => {
      if (error instanceof NotFoundError) return null;
      throw error;
    });
    return (
      appointment !== null &&
      appointment.patient_id === patientId &&
      REMINDED_STATUSES.includes(appointment.status) &&
      appointment.start_time > clock.now().toISOString()
    );
  }

  /**
   * Puts a reminder of an appointment into the patient's conversation on that channel, as a turn the clinic starts
   * (RemindOutcome). An inactive patient is refused as for a message (ConflictError), an unknown one too (ValidationError).
   */
  async function remind(tenantId: string, request: RemindRequest): Promise<RemindOutcome> {
    const key: ConversationKey = { tenantId, patientId: request.patientId, channel: request.channel };
    const firstName = await patientFirstName(tenantId, request.patientId);
    const earlier = await store.reply(key, request.messageId);
    if (earlier) {
      const { reply, template } = earlier as unknown as TurnResponse;
      return { outcome: 'ready', reply, template: template ?? null, repeated: true };
    }
    // cancelled, moved, past or someone else's: no conversation is claimed for it
    if (!(await awaitsVisit(tenantId, request.patientId, request.appointmentId))) return { outcome: 'moot' };
    const { result, repeated } = await runTurn(key, { type: 'REMIND', appointmentId: request.appointmentId }, request.messageId, firstName);
    if (result === 'busy' || result === 'moot') return { outcome: result };
    return { outcome: 'ready', reply: result.reply, template: result.template ?? null, repeated };
  }

  return {
    /** Runs one patient message through the conversation and answers with the reply to send. */
    async handle(tenantId: string, request: TurnRequest): Promise<TurnResponse> {
      return (await answer(tenantId, request)).response;
    },

    /** As `handle`, saying also whether the reply is the one remembered for the message id (`repeated`), not a new turn. */
    answer,

    /** Puts a reminder of an appointment into the patient's conversation on that channel, as a turn the clinic starts. */
    remind,

    /** The reply a message with this channel id was answered with, when it has been; null when not (yet). */
    async earlierReply(tenantId: string, request: Pick<TurnRequest, 'patientId' | 'channel'> & { messageId: string }): Promise<TurnResponse | null> {
      const earlier = await store.reply({ tenantId, patientId: request.patientId, channel: request.channel }, request.messageId);
      return (earlier as unknown as TurnResponse | null) ?? null;
    },

    /** The stored state of a conversation (debug); NotFound when there is none. */
    async state(tenantId: string, patientId: string, channel: Channel): Promise<ConversationState> {
      await patientOrNotFound(tenantId, patientId);
      const stored = await store.load({ tenantId, patientId, channel });
      if (!stored) throw new NotFoundError('Conversation of this patient on this channel');
      const snapshot = stored.snapshot as { context?: Record<string, unknown> };
      return {
        patient_id: patientId,
        channel,
        state: stored.state,
        revision: stored.revision,
        expires_at: stored.expires_at,
        updated_at: stored.updated_at,
        context: snapshot.context ?? {},
      };
    },

    /** Forgets the conversation: the next message starts afresh. NotFound when there is none. */
    async reset(tenantId: string, patientId: string, channel: Channel): Promise<void> {
      await patientOrNotFound(tenantId, patientId);
      const key = { tenantId, patientId, channel };
      await serialised(key, async () => {
        if (!(await store.remove(key))) throw new NotFoundError('Conversation of this patient on this channel');
      });
    },
  };

  async function patientOrNotFound(tenantId: string, patientId: string): Promise<void> {
    // a patient of another tenant is as unknown as a missing one
    await core.patients.get(tenantId, patientId);
  }
}

export type ConversationRuntime = ReturnType<typeof createConversationRuntime>;

/**
 * A reminder's question stays open until its appointment begins: patients answer a reminder hours after it
 * came ("sim" in the evening to the morning's reminder), and that answer is to it, not to a conversation
 * started afresh. 0 for any other turn.
 */
function reminderOpenUntil(event: TurnEvent, target: PatientAppointment | null | undefined): number {
  return event.type === 'REMIND' && target ? Date.parse(target.start_at) : 0;
}

/** The booking in progress in a stored conversation with times on offer (a pick or a yes awaited), when it names whom; else undefined. */
function requestInProgress(stored: StoredConversation): BookingFacts | undefined {
  const context = (stored.snapshot as { context?: { flow?: string; facts?: unknown } }).context;
  if (!IN_PROGRESS.includes(stored.state)) return undefined;
  if (context?.flow === 'reschedule') return moveInProgress(stored) ? withEveryFactKey(context.facts) : undefined;
  if (context?.flow !== 'book') return undefined;
  const facts = withEveryFactKey(context.facts);
  return facts.specialty || facts.provider_ids.length > 0 ? facts : undefined;
}

/** The appointment a move in progress was moving when the conversation timed out. */
function moveInProgress(stored: StoredConversation): PatientAppointment | undefined {
  const context = (stored.snapshot as { context?: { flow?: string; target?: PatientAppointment | null } }).context;
  if (!IN_PROGRESS.includes(stored.state) || context?.flow !== 'reschedule') return undefined;
  return context.target ?? undefined;
}
const IN_PROGRESS = ['offering', 'confirming'];

/**
 * A stored snapshot whose context, and the facts in it, have every key the machine's have, in their
 * order: one saved by an older version lacks the keys added since, which the machine would then add
 * one by one (leaving slow dictionary-mode objects, see BookingContext) or read as undefined.
 */
function withEveryContextKey(snapshot: unknown, input: Parameters<typeof initialContext>[0]): unknown {
  const stored = snapshot as { context?: Record<string, unknown> };
  const context: Record<string, unknown> = { ...initialContext(input), ...stored.context };
  // the patient's name as read for this turn: one given since the conversation began (in it, or to the clinic) is used
  context.firstName = input.firstName;
  context.facts = withEveryFactKey(context.facts);
  for (const key of ['query', 'queryBefore'] as const) {
    const query = context[key] as { facts?: unknown } | null;
    if (query) context[key] = { ...query, facts: withEveryFactKey(query.facts) };
  }
  return { ...stored, context };
}

function withEveryFactKey(facts: unknown): BookingFacts {
  return { ...emptyFacts(), ...(facts as Partial<BookingFacts> | undefined) };
}
