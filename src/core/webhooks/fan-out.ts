/**
 * Fan-out: each outbox event becomes one delivery per active subscription of the same tenant whose
 * patterns cover the event's type and that existed when the event happened. Pure.
 */
import type { NewDelivery, PendingEvent, SubscriptionTarget } from '../ports';
import { matchesAny } from './events';
import { eventBody } from './message';

export function planFanOut(
  events: readonly PendingEvent[],
  subscriptions: readonly SubscriptionTarget[],
  newId: () => string,
  at: string,
): NewDelivery[] {
  const byTenant = new Map<string, SubscriptionTarget[]>();
  for (const s of subscriptions) {
    const list = byTenant.get(s.tenant_id) ?? [];
    list.push(s);
    byTenant.set(s.tenant_id, list);
  }
  const deliveries: NewDelivery[] = [];
  for (const event of events) {
    let body: string | undefined;
    for (const s of byTenant.get(event.tenant_id) ?? []) {
      if (s.created_at > event.created_at || !matchesAny(s.events, event.event_type)) continue;
      body ??= eventBody(event.event_type, event.created_at, event.payload);
      deliveries.push({
        id: newId(),
        tenant_id: event.tenant_id,
        subscription_id: s.id,
        event_id: event.id,
        event_type: event.event_type,
        body,
        created_at: at,
        next_attempt_at: at,
      });
    }
  }
  return deliveries;
}
