/**
 * What slot search reads (src/core/availability/service.ts), one query per table: first the revisions
 * of what it has cached (availability_revisions); then what it lacks: the appointment type, the
 * candidate providers, the tenant's locations; the active templates and the overrides in the range of
 * the providers it must compute, and their non-cancelled appointments a stretch of days at a time.
 *
 * Two habits keep it fast (bench/slots.ts) and portable:
 * - id lists travel as one JSON parameter (`IN (SELECT value FROM json_each(?))`), so the statement
 *   text never changes with their length (the prepared-statement cache keeps it) and D1's limit on
 *   bound parameters is never reached;
 * - the bulky reads come back as one string per query or provider, built by SQLite: JSON arrays
 *   (`json_group_array`) for providers and appointments, delimited text for templates (see there):
 *   handing over one string and parsing it costs a fraction of materialising every column of every row.
 */
import type { AppDatabase } from '../database';
import { readRows } from '../atomic';
import { q, raw } from '../raw-sql';
import { foldStoredText, foldText } from './providers';
import type { OverrideType, ScheduleOverride, ScheduleTemplate } from '../../core/model';
import type { AvailabilityAppointment, AvailabilityProvider, AvailabilityRepo, AvailabilityRevisions } from '../../core/ports';

type Row = Record<string, unknown>;

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

type ProviderTuple = [string, string | null, number, number, number | null, number, string | null, string[], number];

/** The first of `specialties` whose fold (src/db/fold.ts) is `folded`, of `length` characters. */
function matchSpecialty(specialties: readonly unknown[], folded: string, length: number): string | null {
  for (const s of specialties) {
    // SQLite's length() counts characters: a cheap test before folding
    if (typeof s !== 'string' || s.length < length || [...s].length !== length) continue;
    if (foldStoredText(s) === folded) return s;
  }
  return null;
}
type AppointmentTuple = [string, string, number, string];

export function availabilityRepo(db: AppDatabase): AvailabilityRepo {
  return {
    // One string (provider id, unit separator, revision; rows by record separator). The providers' part
    // is read only when the change counter moved: the id list handed to json_each is empty otherwise
    // (a condition in WHERE would still cost a lookup per id), so the common case reads two rows.
    async revisions(tenantId, providerIds, knownChange = null): Promise<AvailabilityRevisions> {
      const moved = q`(SELECT revision FROM availability_revisions WHERE tenant_id = ${tenantId} AND provider_id = '*') IS NOT ${knownChange}`;
      const which =
        providerIds === null
          ? q`provider_id NOT IN ('', '*') AND ${moved}`
          : q`provider_id IN (SELECT value FROM json_each(CASE WHEN ${moved} THEN ${JSON.stringify(providerIds)} ELSE '[]' END))`;
      const [row] = await readRows(
        db,
        q`SELECT group_concat(provider_id || char(31) || revision, char(30)) AS list FROM (
            SELECT provider_id, revision FROM availability_revisions WHERE tenant_id = ${tenantId} AND provider_id IN ('', '*')
            UNION ALL
            SELECT provider_id, revision FROM availability_revisions WHERE tenant_id = ${tenantId} AND ${which})`,
      );
      const out: AvailabilityRevisions = { tenant: null, change: null, providers: new Map() };
      const list = row?.list;
      if (typeof list !== 'string' || list === '') return out;
      for (const line of list.split('\x1e')) {
        const cut = line.indexOf('\x1f');
        const id = line.slice(0, cut);
        const revision = Number(line.slice(cut + 1));
        if (id === '') out.tenant = revision;
        else if (id === '*') out.change = revision;
        else out.providers.set(id, revision);
      }
      return out;
    },

    async appointmentType(tenantId, id) {
      const [row] = await readRows(db, q`SELECT id, duration_minutes, is_active FROM appointment_types WHERE id = ${id} AND tenant_id = ${tenantId}`);
      return row ? { id: String(row.id), duration_minutes: Number(row.duration_minutes), is_active: Number(row.is_active) === 1 } : null;
    },

    // By id: the provider even if inactive or without the specialty, so the core can tell an unknown
    // provider apart. By specialty: active providers whose folded specialty matches.
    // The fold is matched here rather than in SQL (a chain of ~50 replace() calls per value cost more
    // than the rest of the query); SQL only drops providers without a specialty of the
    // right length (folding maps one character to one, so no other length can match).
    async providers(tenantId, filter) {
      const folded = filter.specialty === undefined ? null : foldText(filter.specialty.normalize('NFC').trim());
      const foldedLength = folded === null ? 0 : [...folded].length;
      const which = filter.providerId !== undefined ? q`p.id = ${filter.providerId}` : raw('p.is_active = 1');
      const lengthMatches =
        filter.providerId !== undefined || folded === null
          ? raw('1')
          : q`EXISTS (SELECT 1 FROM json_each(p.specialties) AS s WHERE length(s.value) = ${foldedLength})`;
      const [providerRow] = await readRows(
        db,
        q`SELECT json_group_array(json_array(id, name, default_appointment_duration_minutes, buffer_between_appointments_minutes,
            max_daily_appointments, max_concurrent_appointments, primary_location_id, json(specialties), is_active)) AS list
          FROM (SELECT * FROM providers p WHERE p.tenant_id = ${tenantId} AND ${which} AND ${lengthMatches} ORDER BY p.id)`,
      );
      const providers: AvailabilityProvider[] = [];
      for (const p of JSON.parse(String(providerRow?.list ?? '[]')) as ProviderTuple[]) {
        const matched = folded === null ? null : matchSpecialty(p[7], folded, foldedLength);
        if (matched === null && folded !== null && filter.providerId === undefined) continue;
        providers.push({
          id: p[0],
          name: p[1],
          default_appointment_duration_minutes: p[2],
          buffer_between_appointments_minutes: p[3],
          max_daily_appointments: p[4],
          max_concurrent_appointments: p[5],
          primary_location_id: p[6],
          specialties: p[7],
          is_active: p[8] === 1,
          matched_specialty: matched,
        });
      }
      return providers;
    },

    async locations(tenantId) {
      return (await readRows(db, q`SELECT id, name, timezone, is_active FROM locations WHERE tenant_id = ${tenantId}`)).map((r) => ({
        id: String(r.id),
        name: String(r.name),
        timezone: String(r.timezone),
        is_active: Number(r.is_active) === 1,
      }));
    },

    async schedules(tenantId, providerIds, dateFrom, dateTo) {
      const ids = JSON.stringify(providerIds);
      // `+tenant_id` keeps the planner on the (provider, …) indexes: the providers are already the
      // tenant's, and a tenant index would scan every row of the tenant.
      // Templates come back as one string: fields joined by U+001F, rows by U+001E, NULL as ''. SQLite
      // builds that several times faster than JSON arrays (json_array costs ~1 µs a row), and splitting it
      // is cheap. Safe because no field can hold those characters or be '' when not NULL: ids are
      // generated, times and dates are validated, and appointment_type_ids is JSON (which escapes
      // control characters).
      const templates: ScheduleTemplate[] = [];
      const [templateRow] = await readRows(
        db,
        q`SELECT group_concat(provider_id || char(31) || id || char(31) || day_of_week || char(31) || start_time || char(31) || end_time
            || char(31) || location_id || char(31) || ifnull(slot_interval_minutes, '') || char(31) || ifnull(effective_from, '')
            || char(31) || ifnull(effective_until, '') || char(31) || appointment_type_ids, char(30)) AS list
          FROM schedule_templates
          WHERE provider_id IN (SELECT value FROM json_each(${ids})) AND is_active = 1 AND +tenant_id = ${tenantId}`,
      );
      const templateList = templateRow?.list;
      if (typeof templateList === 'string' && templateList !== '') {
        // most templates are for any type: parse that JSON once
        const parsedTypes = new Map<string, string[]>();
        for (const line of templateList.split('\x1e')) {
          const t = line.split('\x1f');
          let types = parsedTypes.get(t[9]!);
          if (types === undefined) parsedTypes.set(t[9]!, (types = JSON.parse(t[9]!) as string[]));
          templates.push({
            id: t[1]!,
            provider_id: t[0]!,
            day_of_week: Number(t[2]),
            start_time: t[3]!,
            end_time: t[4]!,
            location_id: t[5]!,
            slot_interval_minutes: t[6] === '' ? null : Number(t[6]),
            effective_from: t[7] === '' ? null : t[7]!,
            effective_until: t[8] === '' ? null : t[8]!,
            appointment_type_ids: types,
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
            AND date >= ${dateFrom} AND date <= ${dateTo} AND +tenant_id = ${tenantId}`,
        )
      ).map(toOverride);
      return { templates, overrides };
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
