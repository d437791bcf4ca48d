/**
 * What the server remembers only for a while, forgotten once it is no longer needed, so that the
 * database does not grow for ever with it:
 * - `Idempotency-Key` answers, after IDEMPOTENCY_TTL_MS (the 24 h the API promises);
 * - the replies remembered by channel message id (a redelivery gets the first reply) and the record of
 *   which replies a channel adapter sent, after CHANNEL_MEMORY_DAYS: providers redeliver within days
 *   (Meta for up to 7), so a month is ample; a message delivered again after that is answered afresh.
 * Run hourly: by a timer on Node (node-housekeeping.ts), by the cron trigger on Workers (main.worker.ts).
 */
import type { Clock } from './clock';
import type { Repositories } from './ports';

/** How long an `Idempotency-Key` is kept and replayed. */
export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;
/** How long a channel message's reply is remembered. */
export const CHANNEL_MEMORY_DAYS = 30;
/** How often housekeeping runs. */
export const HOUSEKEEPING_INTERVAL_MS = 60 * 60 * 1000;

export interface Forgotten {
  idempotency_keys: number;
  conversation_turns: number;
  channel_replies: number;
}

export async function forgetExpired(repos: Pick<Repositories, 'idempotency' | 'conversations' | 'channelReplies'>, clock: Clock): Promise<Forgotten> {
  const now = clock.now().getTime();
  const channelsBefore = new Date(now - CHANNEL_MEMORY_DAYS * 86_400_000).toISOString();
  return {
    idempotency_keys: await repos.idempotency.purge(new Date(now - IDEMPOTENCY_TTL_MS).toISOString()),
    conversation_turns: await repos.conversations.forgetTurns(channelsBefore),
    channel_replies: await repos.channelReplies.forget(channelsBefore),
  };
}
