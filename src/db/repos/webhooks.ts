/**
 * Webhook subscriptions, deliveries and attempts. The worker's steps (fan-out, claim, record) are
 * atomic steps (src/db/atomic.ts) whose conditional statements decide what happens when two
 * processes work on one database file: fan-out writes an event's deliveries only while the event is
 * undispatched; a claim takes only rows that are still due and unleased; a record changes a delivery
 * only while the lease it names is still the delivery's.
 */
import { and, eq } from 'drizzle-orm';
import type { AppDatabase } from '../database';
import { webhookSubscriptions } from '../schema';
import { readRows, runAtomic, type AtomicStep } from '../atomic';
import { q, raw, type RawQuery } from '../raw-sql';
import { afterPosition, pageOrder, toPage } from './paging';
import { lookupById } from './prepared';
import { replyAfterInsert } from './tenants';
import type { DeliveryStatus, WebhookAttempt, WebhookDelivery, WebhookSubscription } from '../../core/model';
import type { ClaimedDelivery, WebhookDeliveryRepo, WebhookRepo } from '../../core/ports';

type SubscriptionRow = typeof webhookSubscriptions.$inferSelect;
type Row = Record<string, unknown>;

/** Response excerpts are kept to this many characters. */
export const EXCERPT_LIMIT = 1000;

function toSubscription(row: SubscriptionRow): WebhookSubscription {
  const { tenant_id: _t, secret: _s, previous_secrets: _p, previous_secret_until, ...rest } = row;
  return { ...rest, rotated_secret_expires_at: previous_secret_until ?? null };
}

export function webhookRepo(db: AppDatabase): WebhookRepo {
  const byId = lookupById<SubscriptionRow>(db, webhookSubscriptions);
  const get = async (tenantId: string, id: string) => {
    const row = await byId(tenantId, id);
    return row ? toSubscription(row) : null;
  };
  const where = (tenantId: string, id: string) => and(eq(webhookSubscriptions.tenant_id, tenantId), eq(webhookSubscriptions.id, id));

  return {
    async insert(tenantId, subscription, secret, reply) {
      await runAtomic(db, [
        {
          run: (() => {
            const { rotated_secret_expires_at: _none, ...row } = subscription;
            return db.insert(webhookSubscriptions).values({ ...row, tenant_id: tenantId, secret });
          })(),
        },
        ...replyAfterInsert(tenantId, reply, 'webhook_subscriptions', subscription.id),
      ]);
    },
    get,
    async list(tenantId, filter, page) {
      const rows = await db
        .select()
        .from(webhookSubscriptions)
        .where(
          and(
            eq(webhookSubscriptions.tenant_id, tenantId),
            filter.includeInactive ? undefined : eq(webhookSubscriptions.is_active, true),
            afterPosition(webhookSubscriptions.created_at, webhookSubscriptions.id, page),
          ),
        )
        .orderBy(...pageOrder(webhookSubscriptions.created_at, webhookSubscriptions.id))
        .limit(page.limit + 1);
      return toPage(rows.map(toSubscription), page);
    },
    async update(tenantId, id, changes) {
      await db.update(webhookSubscriptions).set(changes).where(where(tenantId, id));
      return get(tenantId, id);
    },
    async rotateSecret(tenantId, id, secret, previousUntil, at, maxSigning, revokePrevious) {
      // SET reads the row as it was: the current secret joins the replaced ones that still sign at `at`
      // (expired ones are dropped), unless that would make more than `maxSigning` secrets sign at once.
      // Revoking: no replaced secret signs any more, the current one included, so no limit applies.
      const live = q`SELECT value FROM json_each(webhook_subscriptions.previous_secrets) WHERE json_extract(value, '$.until') > ${at}`;
      const [changed] = await runAtomic(db, [
        {
          run: revokePrevious
            ? q`UPDATE webhook_subscriptions SET
                previous_secrets = '[]', previous_secret_until = ${at}, secret = ${secret}, updated_at = ${at}
              WHERE tenant_id = ${tenantId} AND id = ${id}`
            : q`UPDATE webhook_subscriptions SET
                previous_secrets = (SELECT json_group_array(json(value)) FROM
                  (${live} UNION ALL SELECT json_object('secret', webhook_subscriptions.secret, 'until', ${previousUntil}))),
                previous_secret_until = ${previousUntil}, secret = ${secret}, updated_at = ${at}
              WHERE tenant_id = ${tenantId} AND id = ${id} AND (SELECT count(*) FROM (${live})) + 2 <= ${maxSigning}`,
        },
      ]);
      if (changed === 0) return (await get(tenantId, id)) ? 'too_many' : null;
      return get(tenantId, id);
    },
  };
}

function toDelivery(row: Row): WebhookDelivery {
  const attempts = (JSON.parse(String(row.attempts ?? '[]')) as WebhookAttempt[]).sort((a, b) => a.attempt - b.attempt);
  return {
    id: String(row.id),
    subscription_id: String(row.subscription_id),
    event_id: String(row.event_id),
    event_type: String(row.event_type),
    status: row.status as DeliveryStatus,
    attempt_count: Number(row.attempt_count),
    next_attempt_at: (row.next_attempt_at as string | null) ?? null,
    last_status_code: row.last_status_code === null || row.last_status_code === undefined ? null : Number(row.last_status_code),
    last_error: (row.last_error as string | null) ?? null,
    payload: JSON.parse(String(row.body)) as Record<string, unknown>,
    created_at: String(row.created_at),
    updated_at: String(row.updated_at),
    delivered_at: (row.delivered_at as string | null) ?? null,
    dead_at: (row.dead_at as string | null) ?? null,
    attempts,
  };
}

/** Deliveries with their attempts, filtered by `where`. */
function deliveryQuery(where: RawQuery, tail: RawQuery = raw('')): RawQuery {
  return q`SELECT d.*,
      (SELECT json_group_array(json_object('attempt', a.attempt, 'attempted_at', a.attempted_at, 'status_code', a.status_code,
          'duration_ms', a.duration_ms, 'error', a.error, 'response_excerpt', a.response_excerpt))
        FROM webhook_attempts a WHERE a.delivery_id = d.id) AS attempts
    FROM webhook_deliveries d
    WHERE ${where}${tail}`;
}

const SUBSCRIPTION_ACTIVE = raw(
  `EXISTS (SELECT 1 FROM webhook_subscriptions s WHERE s.id = webhook_deliveries.subscription_id AND s.is_active = 1)`,
);

export function webhookDeliveryRepo(db: AppDatabase): WebhookDeliveryRepo {
  return {
    async insertOne(d) {
      const [inserted] = await runAtomic(db, [
        {
          run: q`INSERT INTO webhook_deliveries (id, tenant_id, subscription_id, event_id, event_type, body, status, attempt_count,
              tries, next_attempt_at, created_at, updated_at)
            SELECT ${d.id}, ${d.tenant_id}, ${d.subscription_id}, ${d.event_id}, ${d.event_type}, ${d.body}, 'pending', 0, 0,
              ${d.next_attempt_at}, ${d.created_at}, ${d.created_at}
            WHERE EXISTS (SELECT 1 FROM webhook_subscriptions WHERE id = ${d.subscription_id} AND tenant_id = ${d.tenant_id}
              AND is_active = 1)`,
        },
      ]);
      return inserted === 1;
    },

    async get(tenantId, id) {
      const [row] = await readRows(db, deliveryQuery(q`d.tenant_id = ${tenantId} AND d.id = ${id}`));
      return row ? toDelivery(row) : null;
    },

    async list(tenantId, filter, page) {
      let where = q`d.tenant_id = ${tenantId}`;
      if (filter.subscription_id) where = q`${where} AND d.subscription_id = ${filter.subscription_id}`;
      if (filter.statuses?.length) where = q`${where} AND d.status IN (SELECT value FROM json_each(${JSON.stringify(filter.statuses)}))`;
      if (filter.event_type) where = q`${where} AND d.event_type = ${filter.event_type}`;
      if (page.after) {
        const { created_at, id } = page.after;
        where = q`${where} AND (d.created_at < ${created_at} OR (d.created_at = ${created_at} AND d.id < ${id}))`;
      }
      const rows = await readRows(db, deliveryQuery(where, q` ORDER BY d.created_at DESC, d.id DESC LIMIT ${page.limit + 1}`));
      const items = rows.slice(0, page.limit).map(toDelivery);
      const last = items[items.length - 1];
      return { items, next: rows.length > page.limit && last ? { created_at: last.created_at, id: last.id } : null };
    },

    async redeliver(tenantId, id, at) {
      const [updated] = await runAtomic(db, [
        {
          run: q`UPDATE webhook_deliveries SET status = 'pending', tries = 0, next_attempt_at = ${at}, dead_at = NULL,
              lease = NULL, locked_until = NULL, updated_at = ${at}
            WHERE id = ${id} AND tenant_id = ${tenantId} AND status = 'dead' AND ${SUBSCRIPTION_ACTIVE}`,
        },
      ]);
      return updated === 1;
    },

    async pendingEvents(limit) {
      const rows = await readRows(
        db,
        q`SELECT id, tenant_id, event_type, payload, created_at FROM outbox
          WHERE dispatched_at IS NULL ORDER BY created_at, rowid LIMIT ${limit}`,
      );
      return rows.map((r) => ({
        id: String(r.id),
        tenant_id: String(r.tenant_id),
        event_type: String(r.event_type),
        payload: JSON.parse(String(r.payload)) as Record<string, unknown>,
        created_at: String(r.created_at),
      }));
    },

    async subscriptionTargets(tenantIds) {
      if (tenantIds.length === 0) return [];
      const rows = await readRows(
        db,
        q`SELECT id, tenant_id, events, created_at FROM webhook_subscriptions
          WHERE is_active = 1 AND tenant_id IN (SELECT value FROM json_each(${JSON.stringify(tenantIds)}))`,
      );
      return rows.map((r) => ({
        id: String(r.id),
        tenant_id: String(r.tenant_id),
        events: JSON.parse(String(r.events)) as string[],
        created_at: String(r.created_at),
      }));
    },

    async fanOut(deliveries, eventIds, at) {
      const steps: AtomicStep[] = [];
      if (deliveries.length > 0) {
        // one statement for the batch: the rows travel as one JSON parameter
        const rows = JSON.stringify(deliveries);
        steps.push({
          run: q`INSERT OR IGNORE INTO webhook_deliveries (id, tenant_id, subscription_id, event_id, event_type, body, status,
              attempt_count, tries, next_attempt_at, created_at, updated_at)
            SELECT json_extract(j.value, '$.id'), json_extract(j.value, '$.tenant_id'), json_extract(j.value, '$.subscription_id'),
              json_extract(j.value, '$.event_id'), json_extract(j.value, '$.event_type'), json_extract(j.value, '$.body'), 'pending',
              0, 0, json_extract(j.value, '$.next_attempt_at'), json_extract(j.value, '$.created_at'), json_extract(j.value, '$.created_at')
            FROM json_each(${rows}) j
            WHERE EXISTS (SELECT 1 FROM outbox o WHERE o.id = json_extract(j.value, '$.event_id') AND o.dispatched_at IS NULL)
              AND EXISTS (SELECT 1 FROM webhook_subscriptions s WHERE s.id = json_extract(j.value, '$.subscription_id')
                AND s.tenant_id = json_extract(j.value, '$.tenant_id') AND s.is_active = 1)`,
        });
      }
      steps.push({
        run: q`UPDATE outbox SET dispatched_at = ${at}
          WHERE id IN (SELECT value FROM json_each(${JSON.stringify(eventIds)})) AND +dispatched_at IS NULL`,
      });
      await runAtomic(db, steps);
    },

    async claim(now, lockedUntil, lease, perSubscription, limit) {
      // For each subscription, its first `perSubscription` due rows (leased ones included, so rows in
      // flight anywhere count against its lane); of those, the unleased ones are taken.
      const claimable = q`SELECT y.id FROM webhook_subscriptions s JOIN webhook_deliveries y ON y.id IN (
          SELECT x.id FROM webhook_deliveries x
          WHERE x.subscription_id = s.id AND x.status = 'pending' AND x.next_attempt_at <= ${now}
          ORDER BY x.next_attempt_at LIMIT ${perSubscription})
        WHERE y.locked_until IS NULL OR y.locked_until <= ${now}`;
      // The worker looks after every write: a read finds out whether anything is due before a write
      // transaction (and the write lock every process shares) is taken to claim it.
      const [due] = await readRows(db, q`SELECT EXISTS (${claimable}) AS due`);
      if (Number(due?.due) !== 1) return [];
      const [, rows] = await runAtomic(db, [
        {
          run: q`UPDATE webhook_deliveries SET lease = ${lease}, locked_until = ${lockedUntil}
            WHERE id IN (${claimable} ORDER BY y.next_attempt_at LIMIT ${limit})
            AND +status = 'pending' AND (locked_until IS NULL OR locked_until <= ${now})`,
        },
        {
          all: q`SELECT d.id, d.tenant_id, d.subscription_id, d.event_type, d.body, d.tries, s.url, s.is_active, s.secret,
              s.previous_secrets
            FROM webhook_deliveries d JOIN webhook_subscriptions s ON s.id = d.subscription_id
            WHERE d.lease = ${lease}`,
        },
      ]);
      return (rows as Row[]).map(
        (r): ClaimedDelivery => ({
          id: String(r.id),
          tenant_id: String(r.tenant_id),
          subscription_id: String(r.subscription_id),
          event_type: String(r.event_type),
          body: String(r.body),
          tries: Number(r.tries),
          lease,
          subscription: {
            url: String(r.url),
            is_active: Number(r.is_active) === 1,
            secret: String(r.secret),
            previous_secrets: JSON.parse(String(r.previous_secrets ?? '[]')) as Array<{ secret: string; until: string }>,
          },
        }),
      );
    },

    async record(outcomes) {
      if (outcomes.length === 0) return [];
      const steps: AtomicStep[] = [];
      const checks: number[] = [];
      for (const o of outcomes) {
        const { decision, attempt } = o;
        if (attempt) {
          // the attempt happened whether or not the lease is still ours: count and keep it either way
          steps.push(
            { run: q`UPDATE webhook_deliveries SET attempt_count = attempt_count + 1 WHERE id = ${o.deliveryId}` },
            {
              run: q`INSERT INTO webhook_attempts (id, tenant_id, delivery_id, attempt, attempted_at, status_code, duration_ms, error,
                  response_excerpt)
                SELECT ${`${o.deliveryId}:${o.lease}`}, ${o.tenantId}, ${o.deliveryId}, attempt_count, ${attempt.attempted_at},
                  ${attempt.status}, ${Math.round(attempt.durationMs)}, ${attempt.error}, ${attempt.excerpt?.slice(0, EXCERPT_LIMIT) ?? null}
                FROM webhook_deliveries WHERE id = ${o.deliveryId}`,
            },
          );
        }
        const next = decision.status === 'pending' ? decision.nextAttemptAt.toISOString() : null;
        checks.push(steps.length);
        steps.push({
          run: q`UPDATE webhook_deliveries SET status = ${decision.status}, next_attempt_at = ${next},
              tries = tries + ${attempt ? 1 : 0},
              last_status_code = ${attempt ? attempt.status : raw('last_status_code')},
              last_error = ${attempt ? attempt.error : o.note},
              lease = NULL, locked_until = NULL, updated_at = ${o.at},
              delivered_at = ${decision.status === 'succeeded' ? o.at : null},
              dead_at = ${decision.status === 'dead' ? o.at : null}
            WHERE id = ${o.deliveryId} AND lease = ${o.lease}`,
        });
        if (decision.status === 'dead' && decision.disableSubscription) {
          steps.push({
            run: q`UPDATE webhook_subscriptions SET is_active = 0, disabled_reason = ${decision.disableSubscription}, updated_at = ${o.at}
              WHERE id = ${o.subscriptionId} AND is_active = 1`,
          });
        }
      }
      const results = await runAtomic(db, steps);
      return checks.map((i) => results[i] === 1);
    },

    async release(id, lease) {
      await runAtomic(db, [
        { run: q`UPDATE webhook_deliveries SET lease = NULL, locked_until = NULL WHERE id = ${id} AND lease = ${lease}` },
      ]);
    },

    async nextDue() {
      const [row] = await readRows(
        db,
        q`SELECT EXISTS (SELECT 1 FROM outbox WHERE dispatched_at IS NULL) AS undispatched,
          (SELECT min(next_attempt_at) FROM webhook_deliveries WHERE status = 'pending') AS next_attempt_at`,
      );
      return { undispatched: Number(row?.undispatched) === 1, nextAttemptAt: (row?.next_attempt_at as string | null) ?? null };
    },
  };
}
