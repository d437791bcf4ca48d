/**
 * What goes over the wire, per Standard Webhooks (https://www.standardwebhooks.com): the body
 * `{type, timestamp, data}`, and the headers `webhook-id` (the delivery id, the same on every attempt
 * and redelivery), `webhook-timestamp` (the attempt's Unix seconds) and `webhook-signature`
 * (`v1,<base64 HMAC-SHA256 of "id.timestamp.body">`, one per valid secret, space-separated).
 */
import { Webhook } from 'standardwebhooks';
import type { IdGenerator } from '../clock';

export const SECRET_PREFIX = 'whsec_';

/** `whsec_` + 256 random bits in standard base64 (what Standard Webhooks libraries decode). */
export function newSecret(ids: IdGenerator): string {
  const base64 = ids.token().replace(/-/g, '+').replace(/_/g, '/');
  return SECRET_PREFIX + base64 + '='.repeat((4 - (base64.length % 4)) % 4);
}

/** The JSON body of an event. */
export function eventBody(type: string, timestamp: string, data: Record<string, unknown>): string {
  return JSON.stringify({ type, timestamp, data });
}

export interface SignedHeaders {
  'webhook-id': string;
  'webhook-timestamp': string;
  'webhook-signature': string;
}

/** Headers of one attempt, signed with each of `secrets` (the current one first). */
export function signedHeaders(messageId: string, body: string, at: Date, secrets: readonly string[]): SignedHeaders {
  const seconds = Math.floor(at.getTime() / 1000);
  const signatures = secrets.map((secret) => new Webhook(secret).sign(messageId, new Date(seconds * 1000), body));
  return { 'webhook-id': messageId, 'webhook-timestamp': String(seconds), 'webhook-signature': signatures.join(' ') };
}
