/** Which replies a channel adapter has sent (schema/channels.ts), claimed and marked with conditional writes. */
import type { AppDatabase } from '../database';
import type { ChannelReplyRepo } from '../../core/ports';
import { runAtomic } from '../atomic';
import { q } from '../raw-sql';

export function channelReplyRepo(db: AppDatabase): ChannelReplyRepo {
  return {
    async claim(channel, messageId, holder, until, now) {
      const [claimed, rows] = await runAtomic(db, [
        {
          run: q`INSERT INTO channel_replies (channel, message_id, holder, claimed_until, sent_at, created_at)
            VALUES (${channel}, ${messageId}, ${holder}, ${until}, NULL, ${now})
            ON CONFLICT (channel, message_id) DO UPDATE SET holder = excluded.holder, claimed_until = excluded.claimed_until
            WHERE channel_replies.sent_at IS NULL AND channel_replies.claimed_until <= ${now}`,
        },
        { all: q`SELECT sent_at FROM channel_replies WHERE channel = ${channel} AND message_id = ${messageId}` },
      ]);
      if (claimed === 1) return 'claimed';
      const [row] = rows as Record<string, unknown>[];
      return row?.sent_at ? 'sent' : 'busy';
    },

    async sent(channel, messageId, holder, at) {
      await runAtomic(db, [
        { run: q`UPDATE channel_replies SET sent_at = ${at} WHERE channel = ${channel} AND message_id = ${messageId} AND holder = ${holder}` },
      ]);
    },

    async release(channel, messageId, holder) {
      await runAtomic(db, [
        {
          run: q`UPDATE channel_replies SET claimed_until = '' WHERE channel = ${channel} AND message_id = ${messageId} AND holder = ${holder} AND sent_at IS NULL`,
        },
      ]);
    },

    async forget(before) {
      const [forgotten] = await runAtomic(db, [{ run: q`DELETE FROM channel_replies WHERE created_at < ${before}` }]);
      return forgotten as number;
    },
  };
}
