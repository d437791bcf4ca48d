import { index, sqliteTable, text, primaryKey } from 'drizzle-orm/sqlite-core';

/**
 * The replies a channel adapter that sends them itself (the WhatsApp Cloud API) has sent, or is
 * sending, by the channel's message id: a provider that delivers a message again (it got no 2xx for the
 * first delivery) has the reply sent once it has been, and again when it had not. A delivery claims the
 * send until `claimed_until`; a claim that was given back (the send failed) or that ran out (its
 * process died) may be taken by the next delivery. `sent_at` set: the reply went out.
 */
export const channelReplies = sqliteTable(
  'channel_replies',
  {
    /** the adapter, e.g. 'whatsapp-cloud' */
    channel: text('channel').notNull(),
    message_id: text('message_id').notNull(),
    holder: text('holder').notNull(),
    /** UTC; '' once given back */
    claimed_until: text('claimed_until').notNull(),
    sent_at: text('sent_at'),
    created_at: text('created_at').notNull(),
  },
  // the oldest are forgotten after a while (core/housekeeping.ts)
  (t) => [primaryKey({ columns: [t.channel, t.message_id] }), index('channel_replies_created_idx').on(t.created_at)],
);
