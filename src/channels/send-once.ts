/**
 * A reply sent once per message, whatever the channel redelivers: the adapters that send their replies
 * themselves (the Cloud API's Graph calls, WhatsApp Web's sendMessage) record in `channel_replies`
 * that a message's reply went out. A delivery claims the sending first (for SEND_CLAIM_MS, so a
 * sender that died mid-send does not keep it forever), marks it sent once the channel took it, and
 * gives the claim back when the send failed, so that the next delivery sends it. A server that dies
 * between sending and marking may send that reply twice (after the claim runs out), never none.
 */
import type { Clock, IdGenerator } from '../core/clock';
import type { ChannelReplyRepo } from '../core/ports';

/** How long a delivery holds the sending of a reply: more than a send may take. */
export const SEND_CLAIM_MS = 60_000;

export interface SendOnceDeps {
  replies: ChannelReplyRepo;
  clock: Clock;
  ids: IdGenerator;
}

/**
 * Sends the reply to `messageId` on `channel` (the reply log's name for the adapter) unless it went out
 * before: 'sent' (now or by an earlier delivery), 'busy' (another delivery is sending it now, and may
 * yet fail), or 'failed' with the reason `send` gave (it returns null when the channel took the reply).
 */
export async function sendOnce(
  { replies, clock, ids }: SendOnceDeps,
  channel: string,
  messageId: string,
  send: () => Promise<string | null>,
): Promise<{ outcome: 'sent' | 'busy' } | { outcome: 'failed'; reason: string }> {
  const holder = ids.uuid();
  const now = clock.now();
  const claimed = await replies.claim(channel, messageId, holder, new Date(now.getTime() + SEND_CLAIM_MS).toISOString(), now.toISOString());
  if (claimed !== 'claimed') return { outcome: claimed };
  const failure = await send();
  if (failure === null) {
    await replies.sent(channel, messageId, holder, clock.now().toISOString());
    return { outcome: 'sent' };
  }
  await replies.release(channel, messageId, holder);
  return { outcome: 'failed', reason: failure };
}
