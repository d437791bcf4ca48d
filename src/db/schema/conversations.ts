import { index, sqliteTable, text, integer, primaryKey } from 'drizzle-orm/sqlite-core';
import { tenants } from './tenants';
import { patients } from './patients';

/**
 * One booking conversation per tenant, patient and channel: the machine's persisted snapshot, its
 * revision (a write with a stale revision is refused) and the inactivity deadline after which the
 * next message starts afresh.
 */
export const conversations = sqliteTable(
  'conversations',
  {
    tenant_id: text('tenant_id')
      .notNull()
      .references(() => tenants.id),
    patient_id: text('patient_id')
      .notNull()
      .references(() => patients.id),
    channel: text('channel').notNull(),
    /** the machine's resting state after the last turn */
    state: text('state').notNull(),
    /** XState's persisted snapshot, JSON */
    snapshot: text('snapshot').notNull(),
    revision: integer('revision').notNull(),
    /** UTC: a message after this starts a new conversation */
    expires_at: text('expires_at').notNull(),
    /** the write that made this revision: follow-up rows are guarded on it */
    change_id: text('change_id').notNull(),
    created_at: text('created_at').notNull(),
    updated_at: text('updated_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenant_id, t.patient_id, t.channel] })],
);

/** Answers already given, by the channel's message id: a redelivered message gets the same reply. */
export const conversationTurns = sqliteTable(
  'conversation_turns',
  {
    tenant_id: text('tenant_id')
      .notNull()
      .references(() => tenants.id),
    patient_id: text('patient_id')
      .notNull()
      .references(() => patients.id),
    channel: text('channel').notNull(),
    message_id: text('message_id').notNull(),
    response: text('response', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
    created_at: text('created_at').notNull(),
  },
  // the oldest are forgotten after a while (core/housekeeping.ts)
  (t) => [primaryKey({ columns: [t.tenant_id, t.patient_id, t.channel, t.message_id] }), index('conversation_turns_created_idx').on(t.created_at)],
);

/**
 * Who is running a turn of a conversation now, across processes: claimed with a conditional write
 * whose affected-row count decides, released when the turn is saved; a crashed holder's lease expires.
 */
export const conversationLeases = sqliteTable(
  'conversation_leases',
  {
    tenant_id: text('tenant_id').notNull(),
    patient_id: text('patient_id').notNull(),
    channel: text('channel').notNull(),
    holder: text('holder').notNull(),
    until: text('until').notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenant_id, t.patient_id, t.channel] })],
);

/**
 * The turns waiting for a conversation's lease, in arrival order: a turn that finds the lease taken
 * takes the next `seq` of its conversation, and the lease goes to the live waiter with the lowest one,
 * so messages that arrive together are answered in the order they arrived, across processes and on
 * Workers. A waiter marks `seen_at` each time it asks again; one that stopped asking (its request was
 * cancelled) is forgotten after a few seconds, so it holds no one up.
 */
export const conversationWaiters = sqliteTable(
  'conversation_waiters',
  {
    tenant_id: text('tenant_id').notNull(),
    patient_id: text('patient_id').notNull(),
    channel: text('channel').notNull(),
    holder: text('holder').notNull(),
    seq: integer('seq').notNull(),
    seen_at: text('seen_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenant_id, t.patient_id, t.channel, t.holder] })],
);
