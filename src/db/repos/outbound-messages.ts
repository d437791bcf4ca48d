/** Messages to patients (schema/waitlist.ts, outbound_messages): written, claimed with a lease, recorded by its holder. */
import type { AppDatabase } from '../database';
import type { ClaimedOutboundMessage, OutboundMessageRepo, ReminderCandidateRow } from '../../core/ports';
import { runAtomic } from '../atomic';
import { q } from '../raw-sql';

export function outboundMessageRepo(db: AppDatabase): OutboundMessageRepo {
  return {
    async reminderCandidates(after, to, keyPrefix, limit) {
      // tenant by tenant, a range of each one's (tenant_id, start_time) index
      const [rows] = await runAtomic(db, [
        {
          all: q`SELECT a.tenant_id, a.id AS appointment_id, a.patient_id, p.preferred_channel AS channel, a.start_time, a.created_at,
              l.timezone
            FROM tenants t
            JOIN appointments a ON a.tenant_id = t.id AND a.start_time >= ${after.start_time} AND a.start_time <= ${to}
            JOIN patients p ON p.id = a.patient_id
            JOIN locations l ON l.id = a.location_id
            WHERE (a.start_time, a.id) > (${after.start_time}, ${after.id}) AND a.status IN ('requested', 'confirmed') AND p.is_active = 1 AND p.phone IS NOT NULL
              AND NOT EXISTS (SELECT 1 FROM outbound_messages m WHERE m.dedupe_key = ${keyPrefix} || a.id)
            ORDER BY a.start_time, a.id
            LIMIT ${limit}`,
        },
      ]);
      return rows as unknown as ReminderCandidateRow[];
    },

    async insert(messages) {
      if (messages.length === 0) return 0;
      const counts = await runAtomic(
        db,
        messages.map((m) => ({
          run: q`INSERT INTO outbound_messages (id, tenant_id, patient_id, channel, kind, body, payload, created_at, sent_at,
              status, dedupe_key, send_before, next_attempt_at, attempts)
            VALUES (${m.id}, ${m.tenant_id}, ${m.patient_id}, ${m.channel}, ${m.kind}, ${m.body}, ${JSON.stringify(m.payload)},
              ${m.created_at}, NULL, 'pending', ${m.dedupe_key}, ${m.send_before}, ${m.created_at}, 0)
            ON CONFLICT DO NOTHING`,
        })),
      );
      return (counts as number[]).reduce((a, b) => a + b, 0);
    },

    async claimDue(now, lease, until, limit) {
      const [, rows] = await runAtomic(db, [
        {
          run: q`UPDATE outbound_messages SET lease = ${lease}, locked_until = ${until}
            WHERE id IN (SELECT id FROM outbound_messages
              WHERE status = 'pending' AND next_attempt_at <= ${now} AND (locked_until IS NULL OR locked_until <= ${now})
              ORDER BY next_attempt_at LIMIT ${limit})`,
        },
        {
          all: q`SELECT id, tenant_id, patient_id, channel, kind, body, payload, send_before, attempts, lease
            FROM outbound_messages WHERE lease = ${lease} AND status = 'pending'
            ORDER BY next_attempt_at, created_at, id`,
        },
      ]);
      return (rows as Record<string, unknown>[]).map(
        (row): ClaimedOutboundMessage => ({
          id: String(row.id),
          tenant_id: String(row.tenant_id),
          patient_id: String(row.patient_id),
          channel: (row.channel as string | null) ?? null,
          kind: String(row.kind),
          body: String(row.body),
          payload: JSON.parse(String(row.payload)) as Record<string, unknown>,
          send_before: (row.send_before as string | null) ?? null,
          attempts: Number(row.attempts),
          lease: String(row.lease),
        }),
      );
    },

    async record(id, lease, outcome) {
      const held = q`id = ${id} AND lease = ${lease} AND status = 'pending'`;
      const step =
        outcome.status === 'sent'
          ? q`UPDATE outbound_messages SET status = 'sent', sent_at = ${outcome.at}, body = ${outcome.body}, last_error = NULL,
              next_attempt_at = NULL, lease = NULL, locked_until = NULL WHERE ${held}`
          : outcome.status === 'later'
            ? q`UPDATE outbound_messages SET next_attempt_at = ${outcome.next}, attempts = attempts + ${outcome.failed ? 1 : 0},
                last_error = ${outcome.reason}, lease = NULL, locked_until = NULL WHERE ${held}`
            : q`UPDATE outbound_messages SET status = ${outcome.status}, last_error = ${outcome.reason},
                attempts = attempts + ${outcome.status === 'failed' ? 1 : 0}, next_attempt_at = NULL, lease = NULL, locked_until = NULL
                WHERE ${held}`;
      const [changed] = await runAtomic(db, [{ run: step }]);
      return changed === 1;
    },
  };
}
