/**
 * The history import's writes: a past appointment, its one history row and its import key in one
 * atomic step (src/db/atomic.ts), guarded on the key not being there yet, so a re-import, or two
 * imports of one file at once, write each row at most once. No booking guards and no outbox event:
 * history is a record of what happened, not a booking (and must not wake webhook receivers).
 */
import { q } from '../raw-sql';
import type { AppDatabase } from '../database';
import { readRows, runAtomic } from '../atomic';
import type { HistoryImportRepo } from '../../core/ports';
import type { Patient, PatientChannel } from '../../core/model';

export function historyImportRepo(db: AppDatabase): HistoryImportRepo {
  return {
    async patientByExternalId(tenantId, externalId) {
      const [row] = await readRows(
        db,
        q`SELECT p.* FROM patient_external_ids x JOIN patients p ON p.id = x.patient_id
          WHERE x.tenant_id = ${tenantId} AND x.external_id = ${externalId}`,
      );
      if (!row) return null;
      const { tenant_id: _t, ...rest } = row;
      return { ...rest, is_active: Number(rest.is_active) === 1, preferred_channel: (rest.preferred_channel ?? null) as PatientChannel | null } as unknown as Patient;
    },

    async linkExternalId(tenantId, externalId, patientId, at) {
      const [, rows] = await runAtomic(db, [
        {
          run: q`INSERT INTO patient_external_ids (tenant_id, external_id, patient_id, created_at)
            VALUES (${tenantId}, ${externalId}, ${patientId}, ${at}) ON CONFLICT DO NOTHING`,
        },
        { all: q`SELECT patient_id FROM patient_external_ids WHERE tenant_id = ${tenantId} AND external_id = ${externalId}` },
      ]);
      return String((rows as Record<string, unknown>[])[0]?.patient_id);
    },

    async isImported(tenantId, importKey) {
      const rows = await readRows(db, q`SELECT 1 FROM appointment_imports WHERE tenant_id = ${tenantId} AND import_key = ${importKey}`);
      return rows.length > 0;
    },

    async insert(plan) {
      const a = plan.appointment;
      const T = plan.tenantId;
      const fresh = q`NOT EXISTS (SELECT 1 FROM appointment_imports WHERE tenant_id = ${T} AND import_key = ${plan.importKey})`;
      const happened = q`EXISTS (SELECT 1 FROM appointments WHERE id = ${a.id} AND change_id = ${plan.changeId})`;
      const h = plan.history;
      const [inserted] = await runAtomic(db, [
        {
          run: q`INSERT INTO appointments (id, tenant_id, provider_profile_id, patient_id, appointment_type_id, location_id,
              room_id, start_time, end_time, local_date, status, source, notes, internal_notes, external_reference, metadata,
              version, change_id, rescheduled_from_id, rescheduled_to_id, cancellation_reason, cancelled_by, created_at, updated_at)
            SELECT ${a.id}, ${T}, ${a.provider_profile_id}, ${a.patient_id}, ${a.appointment_type_id}, ${a.location_id},
              NULL, ${a.start_time}, ${a.end_time}, ${plan.localDate}, ${a.status}, ${a.source}, ${a.notes}, ${a.internal_notes},
              ${a.external_reference}, ${JSON.stringify(a.metadata)}, ${a.version}, ${plan.changeId}, NULL, NULL,
              ${a.cancellation_reason}, ${a.cancelled_by}, ${a.created_at}, ${a.updated_at}
            WHERE ${fresh}`,
        },
        {
          run: q`INSERT INTO appointment_imports (tenant_id, import_key, appointment_id, imported_at)
            SELECT ${T}, ${plan.importKey}, ${a.id}, ${plan.importedAt} WHERE ${happened}`,
        },
        {
          run: q`INSERT INTO appointment_status_history (id, tenant_id, appointment_id, from_status, to_status, changed_by, reason,
              notes, changed_at, seq)
            SELECT ${`${plan.changeId}:${a.id}`}, ${T}, ${a.id}, ${h.from_status}, ${h.to_status}, ${h.changed_by}, ${h.reason},
              ${h.notes}, ${h.changed_at}, 1
            WHERE ${happened}`,
        },
      ]);
      return inserted === 1;
    },
  };
}
