/**
 * What the no-show model reads (appointments with their location's zone, the patient's birth date and
 * the type's specialty, in one joined query each) and its stored versions.
 */
import { q, raw, type RawQuery } from '../raw-sql';
import type { AppDatabase } from '../database';
import { readRows, runAtomic } from '../atomic';
import type { AppointmentStatus } from '../../core/model';
import type { NoShowAppointment, NoShowRepo, StoredNoShowModel } from '../../core/ports';

const ACTIVE = raw(`('requested','confirmed','checked_in','in_progress')`);

function select(where: RawQuery): RawQuery {
  return q`SELECT a.id, a.patient_id, a.provider_profile_id, a.appointment_type_id, a.location_id, a.start_time, a.created_at,
      a.local_date, a.status, a.source, l.timezone, l.name AS location_name, p.birth_date, y.name AS type_name, y.specialty
    FROM appointments a
    JOIN locations l ON l.id = a.location_id
    JOIN patients p ON p.id = a.patient_id
    JOIN appointment_types y ON y.id = a.appointment_type_id
    WHERE ${where}`;
}

function toAppointment(row: Record<string, unknown>): NoShowAppointment {
  return {
    id: String(row.id),
    patient_id: String(row.patient_id),
    provider_profile_id: String(row.provider_profile_id),
    appointment_type_id: String(row.appointment_type_id),
    location_id: String(row.location_id),
    start_time: String(row.start_time),
    created_at: String(row.created_at),
    local_date: String(row.local_date),
    status: String(row.status) as AppointmentStatus,
    source: String(row.source),
    timezone: String(row.timezone),
    location_name: String(row.location_name),
    birth_date: row.birth_date === null ? null : String(row.birth_date),
    type_name: String(row.type_name),
    specialty: row.specialty === null ? null : String(row.specialty),
  };
}

function toModel(row: Record<string, unknown>): StoredNoShowModel {
  return {
    id: String(row.id),
    version: Number(row.version),
    algorithm: String(row.algorithm),
    trained_at: String(row.trained_at),
    samples: Number(row.samples),
    no_shows: Number(row.no_shows),
    trigger: String(row.trigger) as StoredNoShowModel['trigger'],
    model: JSON.parse(String(row.model)),
    holdout: row.holdout === null ? null : JSON.parse(String(row.holdout)),
  };
}

export function noShowRepo(db: AppDatabase): NoShowRepo {
  const read = async (where: RawQuery) => (await readRows(db, select(where))).map(toAppointment);
  return {
    async outcomeCounts(tenantId) {
      const [row] = await readRows(
        db,
        q`SELECT coalesce(sum(status = 'completed'), 0) AS completed, coalesce(sum(status = 'no_show'), 0) AS no_shows
          FROM appointments WHERE tenant_id = ${tenantId} AND status IN ('completed', 'no_show')`,
      );
      return { completed: Number(row?.completed ?? 0), no_shows: Number(row?.no_shows ?? 0) };
    },

    all: (tenantId) => read(q`a.tenant_id = ${tenantId}`),

    async get(tenantId, id) {
      const [row] = await read(q`a.id = ${id} AND a.tenant_id = ${tenantId}`);
      return row ?? null;
    },

    activeOn(tenantId, date, filter) {
      return read(
        q`a.tenant_id = ${tenantId} AND a.local_date = ${date} AND a.status IN ${ACTIVE}
          AND (${filter.provider_id ?? null} IS NULL OR a.provider_profile_id = ${filter.provider_id ?? null})
          AND (${filter.location_id ?? null} IS NULL OR a.location_id = ${filter.location_id ?? null})`,
      );
    },

    async ofPatients(tenantId, patientIds) {
      if (patientIds.length === 0) return [];
      return read(q`a.tenant_id = ${tenantId} AND a.patient_id IN (SELECT value FROM json_each(${JSON.stringify(patientIds)}))`);
    },

    async latestModel(tenantId) {
      const [row] = await readRows(db, q`SELECT * FROM no_show_models WHERE tenant_id = ${tenantId} ORDER BY version DESC LIMIT 1`);
      return row ? toModel(row) : null;
    },

    async insertModel(tenantId, m) {
      const [, rows] = await runAtomic(db, [
        {
          run: q`INSERT INTO no_show_models (id, tenant_id, version, algorithm, trained_at, samples, no_shows, trigger, model, holdout)
            SELECT ${m.id}, ${tenantId}, coalesce(max(version), 0) + 1, ${m.algorithm}, ${m.trained_at}, ${m.samples}, ${m.no_shows},
              ${m.trigger}, ${JSON.stringify(m.model)}, ${m.holdout === null ? null : JSON.stringify(m.holdout)}
            FROM no_show_models WHERE tenant_id = ${tenantId}`,
        },
        { all: q`SELECT version FROM no_show_models WHERE id = ${m.id}` },
      ]);
      return { ...m, version: Number((rows as Record<string, unknown>[])[0]?.version) };
    },
  };
}
