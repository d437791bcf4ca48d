/**
 * Webhook subscriptions, their deliveries and the dead-letter queue, as the API drives them. Sending is
 * the worker's (./worker.ts): commands here only write rows it picks up.
 */
import type { CoreDeps } from '../deps';
import { ConflictError, NotFoundError, ValidationError } from '../errors';
import { changesAnything } from '../changes';
import type { DeliveryStatus, Page, PageRequest, WebhookDelivery, WebhookSubscription } from '../model';
import type { ListFilter, RenderReply } from '../ports';
import { checkWebhookUrl } from './address';
import { cleanEventPatterns } from './events';
import { eventBody, newSecret } from './message';

export interface WebhookCreate {
  url: string;
  events: string[];
  description?: string | null;
  is_active?: boolean;
}

export type WebhookUpdate = Partial<WebhookCreate>;

export interface DeliveryListFilter {
  statuses?: DeliveryStatus[];
  event_type?: string;
}

export interface DeadLetterFilter {
  subscription_id?: string;
  event_type?: string;
}

/** A subscription with its secret: only the answers of create and rotate carry it. */
export type WebhookSubscriptionWithSecret = WebhookSubscription & { secret: string };

/** How long a replaced secret keeps signing beside the new one, so receivers can switch over. */
export const SECRET_GRACE_MS = 24 * 60 * 60 * 1000;
/**
 * At most this many secrets sign a request at once: the current one and those replaced by rotations in the
 * last SECRET_GRACE_MS. A rotation beyond it is refused (409) rather than cutting short a replaced
 * secret's grace period, which a receiver that has not switched over yet relies on.
 */
export const MAX_SIGNING_SECRETS = 5;
export const TOO_MANY_SIGNING_SECRETS =
  `${MAX_SIGNING_SECRETS} secrets already sign each request (the current one and those replaced in the last 24 hours); ` +
  'rotate again once the oldest replaced one stops signing, 24 hours after the rotation that replaced it';
export const MAX_DESCRIPTION = 500;

export const TEST_EVENT = 'webhook.test';

export function makeWebhookService({ repos, clock, ids, settings, network }: CoreDeps) {
  const { webhooks, webhookDeliveries } = repos;
  const now = () => clock.now().toISOString();

  const checkUrl = (url: string) =>
    checkWebhookUrl(url, { allowPrivate: settings.allowPrivateWebhookUrls ?? false, resolveHost: network.resolveHost });

  function checkDescription(description: string | null | undefined): void {
    if (description && description.length > MAX_DESCRIPTION) {
      throw ValidationError.field('description', `at most ${MAX_DESCRIPTION} characters`);
    }
  }

  async function get(tenantId: string, id: string): Promise<WebhookSubscription> {
    const subscription = await webhooks.get(tenantId, id);
    if (!subscription) throw new NotFoundError('Webhook subscription');
    return subscription;
  }

  async function delivery(tenantId: string, id: string): Promise<WebhookDelivery> {
    const found = await webhookDeliveries.get(tenantId, id);
    if (!found) throw new NotFoundError('Delivery');
    return found;
  }

  return {
    get,

    /** `reply`: the response to store with the subscription under the request's Idempotency-Key (ports: RenderReply) */
    async create(tenantId: string, input: WebhookCreate, reply?: RenderReply<WebhookSubscriptionWithSecret>): Promise<WebhookSubscriptionWithSecret> {
      const events = cleanEventPatterns(input.events);
      checkDescription(input.description);
      const url = await checkUrl(input.url);
      const at = now();
      const subscription: WebhookSubscription = {
        id: ids.uuid(),
        url,
        events,
        description: input.description ?? null,
        is_active: input.is_active ?? true,
        disabled_reason: null,
        rotated_secret_expires_at: null,
        created_at: at,
        updated_at: at,
      };
      const secret = newSecret(ids);
      const created = { ...subscription, secret };
      await webhooks.insert(tenantId, subscription, secret, reply?.(created));
      return created;
    },

    list: (tenantId: string, filter: ListFilter, page: PageRequest) => webhooks.list(tenantId, filter, page),

    async update(tenantId: string, id: string, input: WebhookUpdate): Promise<WebhookSubscription> {
      const current = await get(tenantId, id);
      const events = input.events === undefined ? undefined : cleanEventPatterns(input.events);
      checkDescription(input.description);
      const url = input.url === undefined ? undefined : await checkUrl(input.url);
      const changes: Parameters<typeof webhooks.update>[2] = { updated_at: now() };
      if (url !== undefined) changes.url = url;
      if (events !== undefined) changes.events = events;
      if (input.description !== undefined) changes.description = input.description;
      if (input.is_active !== undefined) {
        changes.is_active = input.is_active;
        // switched back on by a person: whatever disabled it is theirs to have fixed
        if (input.is_active) changes.disabled_reason = null;
      }
      if (!changesAnything(current, changes)) return current;
      const updated = await webhooks.update(tenantId, id, changes);
      if (!updated) throw new NotFoundError('Webhook subscription');
      return updated;
    },

    /**
     * Already inactive (by a DELETE, or by the server: `disabled_reason`): nothing to do, so a retried DELETE
     * keeps the first one's `updated_at`.
     */
    async deactivate(tenantId: string, id: string): Promise<void> {
      if (!(await get(tenantId, id)).is_active) return;
      const updated = await webhooks.update(tenantId, id, { is_active: false, updated_at: now() });
      if (!updated) throw new NotFoundError('Webhook subscription');
    },

    /**
     * A new secret. By default every replaced secret keeps signing for SECRET_GRACE_MS after the rotation that replaced
     * it; `revokePrevious` (a secret leaked) stops them all at once, in the same step, so the new one signs alone.
     */
    async rotateSecret(tenantId: string, id: string, options: { revokePrevious?: boolean } = {}): Promise<WebhookSubscriptionWithSecret> {
      const secret = newSecret(ids);
      const at = clock.now();
      const until = new Date(at.getTime() + SECRET_GRACE_MS).toISOString();
      const revoke = options.revokePrevious ?? false;
      const updated = await webhooks.rotateSecret(tenantId, id, secret, until, at.toISOString(), MAX_SIGNING_SECRETS, revoke);
      if (!updated) throw new NotFoundError('Webhook subscription');
      if (updated === 'too_many') {
        throw new ConflictError(TOO_MANY_SIGNING_SECRETS);
      }
      return { ...updated, secret };
    },

    /** Queues a `webhook.test` event for this subscription alone, due at once. */
    async sendTest(tenantId: string, id: string): Promise<WebhookDelivery> {
      const subscription = await get(tenantId, id);
      if (!subscription.is_active) throw new ConflictError('The subscription is inactive; activate it first (PUT with is_active: true)');
      const at = now();
      const deliveryId = ids.uuid();
      const eventId = ids.uuid();
      const body = eventBody(TEST_EVENT, at, {
        subscription_id: subscription.id,
        message: 'A test event from agendador: the subscription works.',
      });
      const inserted = await webhookDeliveries.insertOne({
        id: deliveryId,
        tenant_id: tenantId,
        subscription_id: subscription.id,
        event_id: eventId,
        event_type: TEST_EVENT,
        body,
        created_at: at,
        next_attempt_at: at,
      });
      if (!inserted) throw new ConflictError('The subscription was deactivated meanwhile');
      return delivery(tenantId, deliveryId);
    },

    async deliveries(tenantId: string, id: string, filter: DeliveryListFilter, page: PageRequest): Promise<Page<WebhookDelivery>> {
      await get(tenantId, id);
      return webhookDeliveries.list(tenantId, { ...filter, subscription_id: id }, page);
    },

    deadLetters: (tenantId: string, filter: DeadLetterFilter, page: PageRequest) =>
      webhookDeliveries.list(tenantId, { ...filter, statuses: ['dead'] }, page),

    /** Sends a dead-lettered delivery again (same webhook-id, same body) with a fresh round of retries. */
    async redeliver(tenantId: string, id: string): Promise<WebhookDelivery> {
      const current = await delivery(tenantId, id);
      if (current.status !== 'dead') {
        throw new ConflictError(`Only dead-lettered deliveries can be redelivered; this one is '${current.status}'`);
      }
      const subscription = await get(tenantId, current.subscription_id);
      if (!subscription.is_active) {
        throw new ConflictError('The subscription is inactive; activate it first (PUT with is_active: true)');
      }
      if (!(await webhookDeliveries.redeliver(tenantId, id, now()))) {
        throw new ConflictError('The delivery or its subscription changed meanwhile; look again');
      }
      return delivery(tenantId, id);
    },
  };
}

export type WebhookService = ReturnType<typeof makeWebhookService>;
