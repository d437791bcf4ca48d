/**
 * Conversation snapshots with a revision, remembered replies and turn leases. A save is one atomic
 * step: the snapshot write guarded on the revision read before the turn, then the remembered reply and
 * the turn's outbox events guarded on that write having happened (its change_id).
 */
import type { AppDatabase } from '../database';
import type { ConversationKey, ConversationStore, StoredConversation } from '../../core/ports';
import { readRows, runAtomic, type AtomicStep } from '../atomic';
import { q, raw, type RawQuery } from '../raw-sql';
import { insertOutboxEvent } from './outbox';

function where(k: ConversationKey): RawQuery {
  return q`tenant_id = ${k.tenantId} AND patient_id = ${k.patientId} AND channel = ${k.channel}`;
}

function selectConversation(k: ConversationKey): RawQuery {
  return q`SELECT state, snapshot, revision, expires_at, updated_at FROM conversations WHERE ${where(k)}`;
}

/**
 * Gives a lease back by expiring it in place (`until` = '' is earlier than any instant): the row stays
 * for the conversation's next claim, so a turn updates one table page instead of inserting and
 * deleting a row and its key.
 */
function releaseLease(k: ConversationKey, holder: string, when?: RawQuery): RawQuery {
  return q`UPDATE conversation_leases SET until = '' WHERE ${where(k)} AND holder = ${holder}${when ? q` AND ${when}` : raw('')}`;
}

function toStored(row: Record<string, unknown>): StoredConversation {
  return {
    state: row.state as string,
    snapshot: JSON.parse(row.snapshot as string) as unknown,
    revision: row.revision as number,
    expires_at: row.expires_at as string,
    updated_at: row.updated_at as string,
  };
}

export function conversationStore(db: AppDatabase): ConversationStore {
  return {
    async load(key) {
      const [row] = await readRows(db, selectConversation(key));
      return row ? toStored(row) : null;
    },

    async claim(key, holder, until, now, line) {
      const ours = q`EXISTS (SELECT 1 FROM conversation_leases WHERE ${where(key)} AND holder = ${holder} AND until = ${until})`;
      // the lease, when it is free (or already this holder's) and no waiter arrived before this one
      const lease: AtomicStep = {
        run: q`INSERT INTO conversation_leases (tenant_id, patient_id, channel, holder, until)
          SELECT ${key.tenantId}, ${key.patientId}, ${key.channel}, ${holder}, ${until}
          WHERE NOT EXISTS (
            SELECT 1 FROM conversation_waiters WHERE ${where(key)} AND holder <> ${holder}
              AND seq < COALESCE((SELECT seq FROM conversation_waiters WHERE ${where(key)} AND holder = ${holder}), 9223372036854775807))
          ON CONFLICT (tenant_id, patient_id, channel) DO UPDATE SET holder = excluded.holder, until = excluded.until
          WHERE conversation_leases.until <= ${now} OR conversation_leases.holder = excluded.holder`,
      };
      // not claimed: take the next place in line, or keep this holder's and mark that it still asks
      const inLine: AtomicStep = {
        run: q`INSERT INTO conversation_waiters (tenant_id, patient_id, channel, holder, seq, seen_at)
          SELECT ${key.tenantId}, ${key.patientId}, ${key.channel}, ${holder},
            COALESCE((SELECT MAX(seq) FROM conversation_waiters WHERE ${where(key)}), 0) + 1, ${now}
          WHERE NOT ${ours}
          ON CONFLICT (tenant_id, patient_id, channel, holder) DO UPDATE SET seen_at = excluded.seen_at`,
      };
      const read: AtomicStep = { all: selectConversation(key) };
      // a first ask has no place in line to give up, and leaves stale waiters to those who wait (a turn that finds the
      // conversation free, the common case, pays for one statement more than the lease alone)
      const steps: AtomicStep[] = line.waiting
        ? [
            // waiters that stopped asking (their request was cancelled) hold no one up
            { run: q`DELETE FROM conversation_waiters WHERE ${where(key)} AND seen_at <= ${line.staleBefore}` },
            lease,
            inLine,
            // claimed: leave the line
            { run: q`DELETE FROM conversation_waiters WHERE ${where(key)} AND holder = ${holder} AND ${ours}` },
            read,
          ]
        : [lease, inLine, read];
      const results = await runAtomic(db, steps);
      const claimed = results[line.waiting ? 1 : 0];
      if (claimed !== 1) return null;
      const [row] = results[results.length - 1] as Record<string, unknown>[];
      return { conversation: row ? toStored(row) : null };
    },

    async withdraw(key, holder) {
      await runAtomic(db, [{ run: q`DELETE FROM conversation_waiters WHERE ${where(key)} AND holder = ${holder}` }]);
    },

    async release(key, holder) {
      await runAtomic(db, [{ run: releaseLease(key, holder) }]);
    },

    async save(key, s) {
      const snapshot = JSON.stringify(s.snapshot);
      const write: RawQuery =
        s.expectedRevision === null
          ? q`INSERT INTO conversations (tenant_id, patient_id, channel, state, snapshot, revision, expires_at, change_id, created_at, updated_at)
              VALUES (${key.tenantId}, ${key.patientId}, ${key.channel}, ${s.state}, ${snapshot}, 1, ${s.expiresAt}, ${s.changeId}, ${s.at}, ${s.at})
              ON CONFLICT (tenant_id, patient_id, channel) DO NOTHING`
          : q`UPDATE conversations SET state = ${s.state}, snapshot = ${snapshot}, revision = revision + 1,
                expires_at = ${s.expiresAt}, change_id = ${s.changeId}, updated_at = ${s.at}
              WHERE ${where(key)} AND revision = ${s.expectedRevision}`;
      const happened = q`EXISTS (SELECT 1 FROM conversations WHERE ${where(key)} AND change_id = ${s.changeId})`;
      const steps: AtomicStep[] = [{ run: write }];
      if (s.turn) {
        steps.push({
          run: q`INSERT INTO conversation_turns (tenant_id, patient_id, channel, message_id, response, created_at)
            SELECT ${key.tenantId}, ${key.patientId}, ${key.channel}, ${s.turn.messageId}, ${JSON.stringify(s.turn.response)}, ${s.at}
            WHERE ${happened}
            ON CONFLICT DO NOTHING`,
        });
      }
      for (const e of s.events ?? []) {
        steps.push({ run: insertOutboxEvent(key.tenantId, e, happened) });
      }
      if (s.releaseHolder) {
        steps.push({ run: releaseLease(key, s.releaseHolder, happened) });
      }
      const [written] = await runAtomic(db, steps);
      return written === 1;
    },

    async reply(key, messageId) {
      const [row] = await readRows(db, q`SELECT response FROM conversation_turns WHERE ${where(key)} AND message_id = ${messageId}`);
      return row ? (JSON.parse(row.response as string) as Record<string, unknown>) : null;
    },

    async remove(key) {
      const [removed] = await runAtomic(db, [
        { run: q`DELETE FROM conversations WHERE ${where(key)}` },
        { run: q`DELETE FROM conversation_turns WHERE ${where(key)}` },
        { run: q`DELETE FROM conversation_leases WHERE ${where(key)}` },
      ]);
      return removed === 1;
    },

    async forgetTurns(before) {
      const [forgotten] = await runAtomic(db, [{ run: q`DELETE FROM conversation_turns WHERE created_at < ${before}` }]);
      return forgotten as number;
    },
  };
}
