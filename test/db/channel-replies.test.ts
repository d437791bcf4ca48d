/**
 * The record of replies a channel adapter sent (channel_replies), on SQLite and on D1: one delivery at a
 * time holds the send of a message's reply; a sent reply stays sent; a claim given back or run out is
 * free again.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app';

const opened: TestApp[] = [];
afterEach(() => {
  for (const t of opened.splice(0)) t.close();
});

const NOW = '2026-11-25T12:00:00.000Z';
const IN_A_MINUTE = '2026-11-25T12:01:00.000Z';
const LATER = '2026-11-25T12:05:00.000Z';

describe.each(['sqlite', 'd1'] as const)('channel replies on %s', (database) => {
  async function repo() {
    const t = await createTestApp({ database, checkResponses: false });
    opened.push(t);
    return { replies: t.repos.channelReplies, t };
  }

  it('a claim holds the send until it is given back; a sent reply is never claimed again', async () => {
    const { replies, t } = await repo();
    expect(await replies.claim('whatsapp-cloud', 'wamid.1', 'a', IN_A_MINUTE, NOW)).toBe('claimed');
    expect(await replies.claim('whatsapp-cloud', 'wamid.1', 'b', IN_A_MINUTE, NOW)).toBe('busy');
    // another message, or the same id on another channel, is apart
    expect(await replies.claim('whatsapp-cloud', 'wamid.2', 'b', IN_A_MINUTE, NOW)).toBe('claimed');
    expect(await replies.claim('sms', 'wamid.1', 'b', IN_A_MINUTE, NOW)).toBe('claimed');

    await replies.release('whatsapp-cloud', 'wamid.1', 'a');
    expect(await replies.claim('whatsapp-cloud', 'wamid.1', 'b', IN_A_MINUTE, NOW)).toBe('claimed');
    // a holder whose claim was taken over marks nothing
    await replies.sent('whatsapp-cloud', 'wamid.1', 'a', NOW);
    expect(await replies.claim('whatsapp-cloud', 'wamid.1', 'c', IN_A_MINUTE, NOW)).toBe('busy');
    await replies.sent('whatsapp-cloud', 'wamid.1', 'b', NOW);
    expect(await replies.claim('whatsapp-cloud', 'wamid.1', 'c', LATER, LATER)).toBe('sent');
    // giving back a sent one changes nothing
    await replies.release('whatsapp-cloud', 'wamid.1', 'b');
    expect(await replies.claim('whatsapp-cloud', 'wamid.1', 'c', LATER, LATER)).toBe('sent');
    expect(await t.rows("SELECT holder, sent_at FROM channel_replies WHERE channel = 'whatsapp-cloud' AND message_id = 'wamid.1'")).toEqual([
      { holder: 'b', sent_at: NOW },
    ]);
  });

  it('a claim whose holder never came back runs out', async () => {
    const { replies } = await repo();
    expect(await replies.claim('whatsapp-cloud', 'wamid.3', 'a', IN_A_MINUTE, NOW)).toBe('claimed');
    expect(await replies.claim('whatsapp-cloud', 'wamid.3', 'b', LATER, '2026-11-25T12:00:59.000Z')).toBe('busy');
    expect(await replies.claim('whatsapp-cloud', 'wamid.3', 'b', LATER, IN_A_MINUTE)).toBe('claimed');
  });
});
