/**
 * What one slot search reads (src/core/availability/service.ts), one query per table: the appointment
 * type, the candidate providers, their active templates, their overrides in the range, the locations
 * named; then their non-cancelled appointments, a stretch of days at a time (usually one query).
 *
 * Two habits keep it fast (bench/slots.ts) and portable:
 * - id lists travel as one JSON parameter (`IN (SELECT value FROM json_each(?))`), so the statement
 *   text never changes with their length (the prepared-statement cache keeps it) and D1's limit on
 *   bound parameters is never reached;
 * - the bulky reads (providers, templates, appointments) come back as JSON arrays built by SQLite
 *   (`json_group_array`), one row per provider: handing over one string and parsing it costs a
 *   fraction of materialising every column of every row.
 */
import { sql } from 'drizzle-orm';
import type { AppDatabase } from '../database';
import { readRows } from '../atomic';
import { q, raw, type RawQuery } from '../raw-sql';
import { foldSql, foldText } from './providers';
import type { OverrideType, ScheduleOverride, ScheduleTemplate } from '../../core/model';
import type { AvailabilityAppointment, AvailabilityProvider, AvailabilityRepo, AvailabilitySnapshot } from '../../core/ports';

type Row = Record<string, unknown>;

/** The case- and accent-folded text of `s.value` (a provider's specialty), rendered once by drizzle's dialect. */
let foldedSpecialty: string | undefined;
function foldedSpecialtySql(db: AppDatabase): RawQuery {
  if (foldedSpecialty === undefined) {
    const dialect = (db as unknown as { dialect: { sqlToQuery(s: unknown): { sql: string; params: unknown[] } } }).dialect;
    const rendered = dialect.sqlToQuery(foldSql(sql.raw('s.value')));
    if (rendered.params.length > 0) throw new Error('folding SQL must not bind parameters');
    foldedSpecialty = rendered.sql;
  }
  return raw(foldedSpecialty);
}

const text = (value: unknown) => (value === null || value === undefined ? null : String(value));

function toOverride(r: Row): ScheduleOverride {
  return {
    id: String(r.id),
    provider_id: String(r.provider_id),
    date: String(r.date),
    type: String(r.type) as OverrideType,
    start_time: text(r.start_time),
    end_time: text(r.end_time),
    location_id: text(r.location_id),
    reason: text(r.reason),
    created_at: String(r.created_at),
  };
}

type ProviderTuple = [string, string | null, number, number, number | null, number, string | null, string[], number, string | null];
type TemplateTuple = [string, number, string, string, string, number | null, string | null, string | null, string[]];
type AppointmentTuple = [string, string, number, string];

export function availabilityRepo(db: AppDatabase): AvailabilityRepo {
  return {
    async snapshot(tenantId, filter): Promise<AvailabilitySnapshot> {
      const [typeRow] = await readRows(
        db,
        q`SELECT id, duration_minutes, is_active FROM appointment_types WHERE id = ${filter.appointmentTypeId} AND tenant_id = ${tenantId}`,
      );
      const appointmentType = typeRow
        ? { id: String(typeRow.id), duration_minutes: Number(typeRow.duration_minutes), is_active: Number(typeRow.is_active) === 1 }
        : null;

      // By id: the provider even if inactive or without the specialty, so the core can tell an
      // unknown provider apart. By specialty: active providers whose folded specialty matches.
      const folded = filter.specialty === undefined ? null : foldText(filter.specialty.normalize('NFC').trim());
      const matched =
        folded === null
          ? raw('NULL')
          : // folding maps one character to one, so a different length can never match: skip the fold then
            q`(SELECT s.value FROM json_each(p.specialties) AS s
                WHERE length(s.value) = ${[...folded].length} AND ${foldedSpecialtySql(db)} = ${folded} LIMIT 1)`;
      const which = filter.providerId !== undefined ? q`p.id = ${filter.providerId}` : raw('p.is_active = 1');
      const [providerRow] = await readRows(
        db,
        q`SELECT json_group_array(json_array(id, name, default_appointment_duration_minutes, buffer_between_appointments_minutes,
            max_daily_appointments, max_concurrent_appointments, primary_location_id, json(specialties), is_active, matched)) AS list
          FROM (SELECT p.*, ${matched} AS matched FROM providers p WHERE p.tenant_id = ${tenantId} AND ${which} ORDER BY p.id)
          WHERE ${filter.providerId !== undefined || folded === null ? raw('1') : raw('matched IS NOT NULL')}`,
      );
      const providers: AvailabilityProvider[] = (JSON.parse(String(providerRow?.list ?? '[]')) as ProviderTuple[]).map((p) => ({
        id: p[0],
        name: p[1],
        default_appointment_duration_minutes: p[2],
        buffer_between_appointments_minutes: p[3],
        max_daily_appointments: p[4],
        max_concurrent_appointments: p[5],
        primary_location_id: p[6],
        specialties: p[7],
        is_active: p[8] === 1,
        matched_specialty: p[9],
      }));
      const searched = providers.filter((p) => p.is_active && (folded === null || p.matched_specialty !== null));
      const ids = JSON.stringify(searched.map((p) => p.id));

      if (searched.length === 0) {
        const locations =
          filter.locationId === undefined
            ? []
            : (await readRows(db, q`SELECT id, name, timezone, is_active FROM locations WHERE id = ${filter.locationId} AND tenant_id = ${tenantId}`)).map(
                (r) => ({ id: String(r.id), name: String(r.name), timezone: String(r.timezone), is_active: Number(r.is_active) === 1 }),
              );
        return { appointmentType, providers, templates: [], overrides: [], locations };
      }

      // `+tenant_id` keeps the planner on the (provider, …) indexes: the providers are already the
      // tenant's, and a tenant index would scan every row of the tenant.
      const templates: ScheduleTemplate[] = [];
      const templateRows = await readRows(
        db,
        q`SELECT provider_id, json_group_array(json_array(id, day_of_week, start_time, end_time, location_id, slot_interval_minutes,
            effective_from, effective_until, json(appointment_type_ids))) AS list
          FROM schedule_templates
          WHERE provider_id IN (SELECT value FROM json_each(${ids})) AND is_active = 1 AND +tenant_id = ${tenantId}
          GROUP BY provider_id`,
      );
      for (const row of templateRows) {
        const provider_id = String(row.provider_id);
        for (const t of JSON.parse(String(row.list)) as TemplateTuple[]) {
          templates.push({
            id: t[0],
            provider_id,
            day_of_week: t[1],
            start_time: t[2],
            end_time: t[3],
            location_id: t[4],
            slot_interval_minutes: t[5],
            effective_from: t[6],
            effective_until: t[7],
            appointment_type_ids: t[8],
            is_active: true,
            created_at: '',
            updated_at: '',
          });
        }
      }
      const overrides = (
        await readRows(
          db,
          q`SELECT * FROM schedule_overrides WHERE provider_id IN (SELECT value FROM json_each(${ids}))
            AND date >= ${filter.dateFrom} AND date <= ${filter.dateTo} AND +tenant_id = ${tenantId}`,
        )
      ).map(toOverride);

      const locationIds = new Set<string>(templates.map((t) => t.location_id));
      for (const o of overrides) if (o.location_id) locationIds.add(o.location_id);
      if (filter.locationId !== undefined) locationIds.add(filter.locationId);
      const locations = (
        await readRows(
          db,
          q`SELECT id, name, timezone, is_active FROM locations WHERE id IN (SELECT value FROM json_each(${JSON.stringify([...locationIds])}))
            AND tenant_id = ${tenantId}`,
        )
      ).map((r) => ({ id: String(r.id), name: String(r.name), timezone: String(r.timezone), is_active: Number(r.is_active) === 1 }));

      return { appointmentType, providers, templates, overrides, locations };
    },

    // One row per provider, its appointments as one JSON array. `+tenant_id` keeps the planner on
    // (provider_profile_id, start_time): the providers are the tenant's already, and the tenant index
    // would scan every appointment of the tenant.
    async appointments(tenantId, providerIds, startFrom, startBefore) {
      const out: AvailabilityAppointment[] = [];
      if (providerIds.length === 0) return out;
      const rows = await readRows(
        db,
        q`SELECT provider_profile_id AS provider_id,
            json_group_array(json_array(start_time, end_time, status IN ('requested', 'confirmed', 'checked_in', 'in_progress'), local_date)) AS list
          FROM appointments
          WHERE provider_profile_id IN (SELECT value FROM json_each(${JSON.stringify(providerIds)}))
            AND start_time >= ${startFrom} AND start_time < ${startBefore} AND status <> 'cancelled' AND +tenant_id = ${tenantId}
          GROUP BY provider_profile_id`,
      );
      for (const row of rows) {
        const provider_id = String(row.provider_id);
        for (const a of JSON.parse(String(row.list)) as AppointmentTuple[]) {
          out.push({ provider_id, start_time: a[0], end_time: a[1], active: a[2] === 1, local_date: a[3] });
        }
      }
      return out;
    },
  };
}
