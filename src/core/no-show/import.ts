/**
 * The history import: past appointments and their outcomes from a clinic's previous system, so the
 * no-show model has history to learn from on day one. It is NOT a booking: the booking rules (notice,
 * availability, capacity, the past) do not apply to what already happened, so rows are written
 * through their own path (HistoryImportRepo.insert), with their own validation here:
 *
 * - a patient: `patient_external_id` (the previous system's id) and/or `patient_phone` (any Brazilian
 *   format; stored as E.164). Found by external id, then by phone; else created (named from
 *   `patient_name`, or "Paciente importado <ref>"), with `birth_date` if given (and filled in on an
 *   existing patient who has none);
 * - `scheduled_at` (when it was booked; stored as the appointment's created_at) and `start_time`,
 *   date-times with an offset, or local (`YYYY-MM-DD HH:MM[:SS]`, `DD/MM/YYYY HH:MM`) in the
 *   location's zone; the start in the past and not before the booking; `end_time` optional (default:
 *   the type's duration);
 * - `status`: completed, no_show or cancelled (English or Portuguese words, locales/pt-BR);
 * - `provider`, `appointment_type`, `location` optional: an id or a name (a provider also by its
 *   doctor_id); when the file leaves one out, the import's default, else an inactive placeholder
 *   record ("Histórico importado"), created once; a value that matches nothing is a rejection;
 * - `channel` (booking source, default `import`), `appointment_external_id` (kept as
 *   external_reference).
 *
 * Idempotent: each row has an import key (its `appointment_external_id`, else a hash of the patient
 * and the start instant) written in the same atomic step as the appointment; a key seen before is a
 * duplicate, not a second appointment. No outbox events: history must not wake webhook receivers.
 */
import { createHash } from 'node:crypto';
import { IMPORT_STATUS_PT } from '../../../locales/pt-BR/history-import';
import { ptBR } from '../../../locales/pt-BR/messages';
import type { CoreDeps } from '../deps';
import { ConflictError, ValidationError } from '../errors';
import type { Appointment, AppointmentType, Location, PageRequest, Patient, Provider } from '../model';
import { fillTemplate } from '../waitlist/messages';
import { MAX_APPOINTMENT_MINUTES } from '../appointments/rules';
import { tryNormalizePhone } from '../reference/phone';
import { birthDateProblem } from '../reference/birth-date';
import { isValidDate, isValidTimeZone, localDateHour, localToUtc } from '../time';

export const IMPORT_COLUMNS = [
  'patient_external_id',
  'patient_phone',
  'patient_name',
  'birth_date',
  'scheduled_at',
  'start_time',
  'end_time',
  'status',
  'provider',
  'appointment_type',
  'location',
  'channel',
  'appointment_external_id',
] as const;
export type ImportColumn = (typeof IMPORT_COLUMNS)[number];

/** One file row as text, by column; a missing or blank cell is undefined. */
export type ImportRow = Partial<Record<ImportColumn, string>>;

export interface ImportOptions {
  /** the zone of date-times written without an offset when the row's location is a placeholder */
  timezone: string;
  /** defaults for rows that leave these out: an id or a name */
  provider?: string;
  appointment_type?: string;
  location?: string;
}

export type RowResult = { status: 'imported'; appointmentId: string } | { status: 'duplicate' } | { status: 'rejected'; reasons: string[] };

export type ImportStatus = 'completed' | 'no_show' | 'cancelled';

const fold = (text: string) =>
  text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .trim()
    .toLowerCase();

const STATUS_WORDS = new Map<string, ImportStatus>();
for (const [status, words] of Object.entries({
  completed: ['completed', 'complete', 'attended', 'done', 'showed', 'show', ...IMPORT_STATUS_PT.completed],
  no_show: ['no_show', 'no-show', 'noshow', 'no show', 'missed', 'absent', ...IMPORT_STATUS_PT.no_show],
  cancelled: ['cancelled', 'canceled', 'cancel', ...IMPORT_STATUS_PT.cancelled],
})) {
  for (const word of words) STATUS_WORDS.set(fold(word), status as ImportStatus);
}

/** A status word of a file, or null. */
export function parseImportStatus(text: string): ImportStatus | null {
  return STATUS_WORDS.get(fold(text)) ?? null;
}

const OFFSET_RE = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?\s*(Z|[+-]\d{2}:?\d{2})$/i;
const LOCAL_ISO_RE = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?$/;
const LOCAL_BR_RE = /^(\d{2})\/(\d{2})\/(\d{4})[T ]+(\d{2}):(\d{2})(?::(\d{2}))?$/;
const DATE_ONLY_RE = /^(\d{4}-\d{2}-\d{2}|\d{2}\/\d{2}\/\d{4})$/;

/** A date-time of a file: with an offset, or local to `zone`. A reason when it is not one. */
export function parseImportDateTime(text: string, zone: string): Date | string {
  const value = text.trim();
  const clock = (h: string, m: string, s: string | undefined) => Number(h) < 24 && Number(m) < 60 && Number(s ?? 0) < 60;
  let m = OFFSET_RE.exec(value);
  if (m) {
    if (!isValidDate(m[1]!) || !clock(m[2]!, m[3]!, m[4])) return 'not a real date and time';
    const offset = m[5]!.toUpperCase() === 'Z' ? 'Z' : m[5]!.replace(/^([+-]\d{2})(\d{2})$/, '$1:$2');
    const ms = Date.parse(`${m[1]}T${m[2]}:${m[3]}:${m[4] ?? '00'}${offset}`);
    return Number.isNaN(ms) ? 'not a real date and time' : new Date(ms);
  }
  let date: string;
  let h: string;
  let min: string;
  let s: string | undefined;
  if ((m = LOCAL_ISO_RE.exec(value))) [, date, h, min, s] = m as unknown as [string, string, string, string, string | undefined];
  else if ((m = LOCAL_BR_RE.exec(value))) {
    date = `${m[3]}-${m[2]}-${m[1]}`;
    [h, min, s] = [m[4]!, m[5]!, m[6]];
  } else if (DATE_ONLY_RE.test(value)) return 'a date without a time of day';
  else return 'expected a date and time such as 2026-03-02 09:30, 02/03/2026 09:30 or 2026-03-02T09:30:00-03:00';
  if (!isValidDate(date) || !clock(h, min, s)) return 'not a real date and time';
  return new Date(localToUtc(date, `${h}:${min}`, zone).getTime() + Number(s ?? 0) * 1000);
}

/** A birth date of a file: YYYY-MM-DD or DD/MM/YYYY, as the API takes it; or why it is not one. */
function parseBirthDate(text: string, now: Date): { date: string } | { problem: string } {
  const value = text.trim();
  const br = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(value);
  const date = br ? `${br[3]}-${br[2]}-${br[1]}` : value;
  if (!isValidDate(date)) return { problem: `'${text}' is not a date (YYYY-MM-DD or DD/MM/YYYY)` };
  const problem = birthDateProblem(date, now);
  return problem === null ? { date } : { problem: `'${text}' ${problem}` };
}

interface Catalog<T> {
  byId: Map<string, T>;
  /** folded name (and doctor_id for providers) → records */
  byName: Map<string, T[]>;
}

function catalog<T extends { id: string }>(records: T[], names: (r: T) => string[]): Catalog<T> {
  const byId = new Map(records.map((r) => [r.id, r]));
  const byName = new Map<string, T[]>();
  for (const r of records) {
    for (const name of names(r)) {
      const key = fold(name);
      if (!key) continue;
      const list = byName.get(key) ?? [];
      if (!list.includes(r)) list.push(r);
      byName.set(key, list);
    }
  }
  return { byId, byName };
}

/** The record a file names (by id or name), 'none' when nothing matches, 'ambiguous' when several do. */
function lookup<T>(c: Catalog<T>, text: string): T | 'none' | 'ambiguous' {
  const byId = c.byId.get(text.trim());
  if (byId) return byId;
  const matches = c.byName.get(fold(text)) ?? [];
  if (matches.length === 1) return matches[0]!;
  return matches.length === 0 ? 'none' : 'ambiguous';
}

async function readAll<T>(list: (page: PageRequest) => Promise<{ items: T[]; next: PageRequest['after'] | null }>): Promise<T[]> {
  const out: T[] = [];
  let after: PageRequest['after'];
  for (;;) {
    const page = await list({ limit: 200, after });
    out.push(...page.items);
    if (!page.next) return out;
    after = page.next;
  }
}

const PLACEHOLDER_DURATION = 30;

export function makeHistoryImportService({ repos, clock, ids }: CoreDeps) {
  return {
    /**
     * Prepares an import into a tenant: reads its providers, types and locations once and checks the
     * defaults (a default that matches nothing is a ValidationError before any row is read).
     */
    async start(tenantId: string, options: ImportOptions) {
      if (!isValidTimeZone(options.timezone)) throw ValidationError.field('timezone', 'expected an IANA time zone such as America/Sao_Paulo');
      const all = { includeInactive: true };
      const [providers, types, locations] = await Promise.all([
        readAll((p) => repos.providers.list(tenantId, all, p)),
        readAll((p) => repos.appointmentTypes.list(tenantId, all, p)),
        readAll((p) => repos.locations.list(tenantId, all, p)),
      ]);
      const providerCatalog = catalog(providers, (p) => [p.doctor_id, ...(p.name ? [p.name] : [])]);
      const typeCatalog = catalog(types, (t) => [t.name]);
      const locationCatalog = catalog(locations, (l) => [l.name]);
      const names = ptBR.historyImport;

      const resolveDefault = <T>(c: Catalog<T>, value: string | undefined, field: string): T | null => {
        if (value === undefined) return null;
        const found = lookup(c, value);
        if (found === 'none') throw ValidationError.field(field, `no ${field.replace('_', ' ')} has the id or name '${value}'`);
        if (found === 'ambiguous') throw ValidationError.field(field, `'${value}' names several; use the id`);
        return found;
      };
      const defaults = {
        provider: resolveDefault(providerCatalog, options.provider, 'provider'),
        type: resolveDefault(typeCatalog, options.appointment_type, 'appointment_type'),
        location: resolveDefault(locationCatalog, options.location, 'location'),
      };

      const now = () => clock.now().toISOString();
      // inactive placeholders, found by name or created on first need
      let placeholderLocation: Location | undefined;
      let placeholderType: AppointmentType | undefined;
      let placeholderProvider: Provider | undefined;
      const existing = <T extends { is_active: boolean }>(c: Catalog<T>, name: string) => (c.byName.get(fold(name)) ?? []).find((r) => !r.is_active);

      async function fallbackLocation(): Promise<Location> {
        if (defaults.location) return defaults.location;
        placeholderLocation ??= existing(locationCatalog, names.placeholderLocation);
        if (!placeholderLocation) {
          const at = now();
          placeholderLocation = {
            id: ids.uuid(),
            name: names.placeholderLocation,
            address: null,
            timezone: options.timezone,
            rooms: [],
            travel_minutes: {},
            is_active: false,
            created_at: at,
            updated_at: at,
          };
          await repos.locations.insert(tenantId, placeholderLocation);
        }
        return placeholderLocation;
      }
      async function fallbackType(): Promise<AppointmentType> {
        if (defaults.type) return defaults.type;
        placeholderType ??= existing(typeCatalog, names.placeholderType);
        if (!placeholderType) {
          const at = now();
          placeholderType = {
            id: ids.uuid(),
            name: names.placeholderType,
            duration_minutes: PLACEHOLDER_DURATION,
            specialty: null,
            synonyms: [],
            is_active: false,
            created_at: at,
            updated_at: at,
          };
          await repos.appointmentTypes.insert(tenantId, placeholderType);
        }
        return placeholderType;
      }
      async function fallbackProvider(): Promise<Provider> {
        if (defaults.provider) return defaults.provider;
        placeholderProvider ??= existing(providerCatalog, names.placeholderProvider);
        if (!placeholderProvider) {
          const at = now();
          placeholderProvider = {
            id: ids.uuid(),
            doctor_id: ids.uuid(),
            name: names.placeholderProvider,
            default_appointment_duration_minutes: PLACEHOLDER_DURATION,
            buffer_between_appointments_minutes: 0,
            max_daily_appointments: null,
            max_concurrent_appointments: 1,
            primary_location_id: null,
            specialties: [],
            is_accepting_new_patients: false,
            metadata: {},
            is_active: false,
            created_at: at,
            updated_at: at,
          };
          await repos.providers.insert(tenantId, placeholderProvider);
        }
        return placeholderProvider;
      }

      const patientsByRef = new Map<string, Patient>();

      /** The row's patient, created (and linked to its external id) if new. */
      async function patientFor(externalId: string | null, phone: string | null, name: string | undefined, birthDate: string | null): Promise<Patient> {
        const ref = externalId !== null ? `ext:${externalId}` : `phone:${phone}`;
        let patient = patientsByRef.get(ref) ?? null;
        if (!patient && externalId !== null) patient = await repos.historyImport.patientByExternalId(tenantId, externalId);
        if (!patient && phone !== null) patient = await repos.patients.findByPhone(tenantId, phone);
        if (!patient) {
          const at = now();
          patient = {
            id: ids.uuid(),
            name: name?.trim().slice(0, 200) || fillTemplate(names.patientName, { ref: externalId ?? phone ?? '' }),
            phone,
            email: null,
            birth_date: birthDate,
            preferred_channel: null,
            is_active: true,
            created_at: at,
            updated_at: at,
          };
          try {
            await repos.patients.insert(tenantId, patient);
          } catch (err) {
            // registered meanwhile (by the API, say) with this phone: that is the patient
            const registered = err instanceof ConflictError && phone !== null ? await repos.patients.findByPhone(tenantId, phone) : null;
            if (!registered) throw err;
            patient = registered;
          }
        } else if (birthDate !== null && patient.birth_date === null) {
          patient = (await repos.patients.update(tenantId, patient.id, { birth_date: birthDate, updated_at: now() })) ?? patient;
        }
        if (externalId !== null) {
          const linked = await repos.historyImport.linkExternalId(tenantId, externalId, patient.id, now());
          if (linked !== patient.id) patient = (await repos.patients.get(tenantId, linked)) ?? patient;
        }
        patientsByRef.set(ref, patient);
        return patient;
      }

      return {
        async importRow(row: ImportRow): Promise<RowResult> {
          const reasons: string[] = [];
          const at = clock.now();

          // the patient's identity
          const externalId = row.patient_external_id?.trim() || null;
          let phone: string | null = null;
          if (row.patient_phone !== undefined) {
            phone = tryNormalizePhone(row.patient_phone);
            if (phone === null) reasons.push(`patient_phone: '${row.patient_phone}' is not a valid phone number`);
          }
          if (externalId === null && row.patient_phone === undefined) reasons.push('patient_external_id or patient_phone is required');
          let birthDate: string | null = null;
          if (row.birth_date !== undefined) {
            const parsed = parseBirthDate(row.birth_date, clock.now());
            if ('date' in parsed) birthDate = parsed.date;
            else reasons.push(`birth_date: ${parsed.problem}`);
          }

          // what it names; defaults and placeholders only later, for rows that are otherwise valid
          const resolve = <T>(c: Catalog<T>, value: string | undefined, field: string): T | null => {
            if (value === undefined) return null;
            const found = lookup(c, value);
            if (found === 'none') reasons.push(`${field}: no ${field.replace('_', ' ')} has the id or name '${value}'`);
            else if (found === 'ambiguous') reasons.push(`${field}: '${value}' names several; use the id`);
            else return found;
            return null;
          };
          const named = {
            location: resolve(locationCatalog, row.location, 'location'),
            type: resolve(typeCatalog, row.appointment_type, 'appointment_type'),
            provider: resolve(providerCatalog, row.provider, 'provider'),
          };
          const zone = named.location?.timezone ?? defaults.location?.timezone ?? options.timezone;

          // times and outcome
          const status = row.status === undefined ? null : parseImportStatus(row.status);
          if (row.status === undefined) reasons.push('status is required');
          else if (status === null) {
            reasons.push(`status: '${row.status}' is not an outcome; expected completed, no_show or cancelled (or realizado, faltou, cancelado)`);
          }
          const time = (field: 'scheduled_at' | 'start_time' | 'end_time', required: boolean): Date | null => {
            const text = row[field];
            if (text === undefined) {
              if (required) reasons.push(`${field} is required`);
              return null;
            }
            const parsed = parseImportDateTime(text, zone);
            if (typeof parsed === 'string') {
              reasons.push(`${field}: '${text}' is ${parsed.startsWith('expected') ? 'not a date and time; ' : ''}${parsed}`);
              return null;
            }
            return parsed;
          };
          const scheduledAt = time('scheduled_at', true);
          const start = time('start_time', true);
          const end = time('end_time', false);
          if (start && start.getTime() >= at.getTime()) reasons.push('start_time is in the future: only past appointments can be imported');
          if (start && scheduledAt && scheduledAt.getTime() > start.getTime()) reasons.push('scheduled_at is after start_time');
          if (start && end) {
            const minutes = (end.getTime() - start.getTime()) / 60_000;
            if (minutes <= 0) reasons.push('end_time must be after start_time');
            else if (minutes > MAX_APPOINTMENT_MINUTES) reasons.push(`end_time: an appointment lasts at most ${MAX_APPOINTMENT_MINUTES / 60} hours`);
          }
          if (start && birthDate !== null && birthDate > start.toISOString().slice(0, 10)) reasons.push('birth_date is after the appointment');

          if (reasons.length > 0 || !start || !scheduledAt || !status) return { status: 'rejected', reasons };

          const importKey = row.appointment_external_id?.trim()
            ? `appointment:${row.appointment_external_id.trim()}`
            : `row:${createHash('sha256')
                .update(`${externalId !== null ? `ext:${externalId}` : `phone:${phone}`}|${start.toISOString()}`)
                .digest('hex')
                .slice(0, 40)}`;
          if (await repos.historyImport.isImported(tenantId, importKey)) return { status: 'duplicate' };

          const location = named.location ?? (await fallbackLocation());
          const type = named.type ?? (await fallbackType());
          const provider = named.provider ?? (await fallbackProvider());
          const patient = await patientFor(externalId, phone, row.patient_name, birthDate);

          const importedAt = at.toISOString();
          const appointment: Appointment = {
            id: ids.uuid(),
            provider_profile_id: provider.id,
            patient_id: patient.id,
            appointment_type_id: type.id,
            location_id: location.id,
            room_id: null,
            start_time: start.toISOString(),
            end_time: (end ?? new Date(start.getTime() + type.duration_minutes * 60_000)).toISOString(),
            status,
            source: row.channel?.trim().slice(0, 50) || 'import',
            notes: null,
            internal_notes: null,
            external_reference: row.appointment_external_id?.trim() || null,
            metadata: {},
            version: 1,
            rescheduled_from_id: null,
            rescheduled_to_id: null,
            cancellation_reason: null,
            cancelled_by: status === 'cancelled' ? 'import' : null,
            created_at: scheduledAt.toISOString(),
            updated_at: importedAt,
          };
          const inserted = await repos.historyImport.insert({
            tenantId,
            importKey,
            appointment,
            localDate: localDateHour(start.getTime(), location.timezone).date,
            changeId: ids.uuid(),
            history: { from_status: null, to_status: status, changed_by: 'import', reason: 'imported history', notes: null, changed_at: importedAt },
            importedAt,
          });
          return inserted ? { status: 'imported', appointmentId: appointment.id } : { status: 'duplicate' };
        },
      };
    },
  };
}

export type HistoryImportService = ReturnType<typeof makeHistoryImportService>;
export type Importer = Awaited<ReturnType<HistoryImportService['start']>>;
