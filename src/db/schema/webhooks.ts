import { sql } from 'drizzle-orm';
import { sqliteTable, text, integer, index, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { tenants } from './tenants';
import { DELIVERY_STATUSES } from '../../core/model';

/** A tenant's webhook subscription. */
export const webhookSubscriptions = sqliteTable(
  'webhook_subscriptions',
  {
    id: text('id').primaryKey(),
    tenant_id: text('tenant_id')
      .notNull()
      .references(() => tenants.id),
    url: text('url').notNull(),
    /** event types and patterns: `appointment.created`, `appointment.*`, `*` */
    events: text('events', { mode: 'json' }).$type<string[]>().notNull(),
    description: text('description'),
    /**
     * The signing secret (`whsec_…`). Kept as is because every attempt is signed with it; the API
     * shows it only in the answers of create and rotate-secret.
     */
    secret: text('secret').notNull(),
    /**
     * Secrets replaced by rotations, each still signing (beside the current one) until its own `until`,
     * 24 h after the rotation that replaced it; expired ones are dropped at the next rotation.
     */
    previous_secrets: text('previous_secrets', { mode: 'json' }).$type<Array<{ secret: string; until: string }>>().notNull().default(sql`'[]'`),
    /** the latest `until` of previous_secrets: when the last replaced secret stops signing; null if never rotated */
    previous_secret_until: text('previous_secret_until'),
    is_active: integer('is_active', { mode: 'boolean' }).notNull().default(true),
    /** why the server switched it off (410 Gone); cleared when someone switches it on */
    disabled_reason: text('disabled_reason'),
    created_at: text('created_at').notNull(),
    updated_at: text('updated_at').notNull(),
  },
  (t) => [index('webhook_subscriptions_tenant_order_idx').on(t.tenant_id, t.created_at, t.id)],
);

/**
 * One event for one subscription. Its id is the `webhook-id` of every attempt, redeliveries included.
 * Claimed by a conditional UPDATE that sets a lease (lease, locked_until); only the holder records.
 */
export const webhookDeliveries = sqliteTable(
  'webhook_deliveries',
  {
    id: text('id').primaryKey(),
    tenant_id: text('tenant_id')
      .notNull()
      .references(() => tenants.id),
    subscription_id: text('subscription_id')
      .notNull()
      .references(() => webhookSubscriptions.id),
    /** the outbox event (or, for a test event, an id of its own) */
    event_id: text('event_id').notNull(),
    event_type: text('event_type').notNull(),
    /** the exact JSON body every attempt sends */
    body: text('body').notNull(),
    status: text('status', { enum: DELIVERY_STATUSES }).notNull(),
    /** attempts recorded, across redeliveries */
    attempt_count: integer('attempt_count').notNull().default(0),
    /** attempts in the current round (since created or redelivered): the retry schedule's position */
    tries: integer('tries').notNull().default(0),
    /** pending only: when the next attempt is due */
    next_attempt_at: text('next_attempt_at'),
    /** the claim holding it: a token and when it lapses */
    lease: text('lease'),
    locked_until: text('locked_until'),
    last_status_code: integer('last_status_code'),
    last_error: text('last_error'),
    created_at: text('created_at').notNull(),
    updated_at: text('updated_at').notNull(),
    delivered_at: text('delivered_at'),
    dead_at: text('dead_at'),
  },
  (t) => [
    uniqueIndex('webhook_deliveries_event_subscription_uq').on(t.event_id, t.subscription_id),
    // only pending rows: the claim's search stays small however long the history grows
    index('webhook_deliveries_due_idx').on(t.subscription_id, t.next_attempt_at).where(sql`status = 'pending'`),
    // only leased rows: a claim reads back what it took
    index('webhook_deliveries_lease_idx').on(t.lease).where(sql`lease IS NOT NULL`),
    index('webhook_deliveries_subscription_order_idx').on(t.subscription_id, t.created_at, t.id),
    index('webhook_deliveries_tenant_status_idx').on(t.tenant_id, t.status, t.created_at, t.id),
  ],
);

/** Every attempt at a delivery: what came back and how long it took. */
export const webhookAttempts = sqliteTable(
  'webhook_attempts',
  {
    id: text('id').primaryKey(),
    tenant_id: text('tenant_id')
      .notNull()
      .references(() => tenants.id),
    delivery_id: text('delivery_id')
      .notNull()
      .references(() => webhookDeliveries.id),
    /** 1-based, across redeliveries */
    attempt: integer('attempt').notNull(),
    attempted_at: text('attempted_at').notNull(),
    status_code: integer('status_code'),
    duration_ms: integer('duration_ms').notNull(),
    error: text('error'),
    /** the start of the response body, truncated */
    response_excerpt: text('response_excerpt'),
  },
  (t) => [index('webhook_attempts_delivery_idx').on(t.delivery_id, t.attempt)],
);
