/**
 * The one way an event enters the outbox, inside the atomic step of the change it reports.
 *
 * An event reaches the subscriptions of its tenant that exist when it happens (src/core/webhooks/fan-out.ts).
 * When the tenant has no active subscription then, nothing will ever be sent for it: the row is written
 * already dispatched, so that the webhook worker neither reads nor updates it. A clinic without webhooks
 * pays for one indexed lookup per event instead of a fan-out step after every write.
 */
import { q, type RawQuery } from '../raw-sql';
import type { OutboxEvent } from '../../core/model';

export function insertOutboxEvent(tenantId: string, e: OutboxEvent, where: RawQuery): RawQuery {
  return q`INSERT INTO outbox (id, tenant_id, event_type, aggregate_id, payload, created_at, dispatched_at)
    SELECT ${e.id}, ${tenantId}, ${e.event_type}, ${e.aggregate_id}, ${JSON.stringify(e.payload)}, ${e.created_at},
      CASE WHEN EXISTS (SELECT 1 FROM webhook_subscriptions s
        WHERE s.tenant_id = ${tenantId} AND s.created_at <= ${e.created_at} AND s.is_active = 1) THEN NULL ELSE ${e.created_at} END
    WHERE ${where}`;
}
