/**
 * What the core needs from the world. `src/db/repos/` implements these on SQLite (and later D1);
 * everything is async so that either can sit behind them. Every method is scoped by tenant:
 * a row of another tenant is indistinguishable from a missing one.
 */
import type { BookingRule } from './appointments/rules';
import type {
  Appointment,
  AppointmentStatus,
  OutboxEvent,
  StatusChange,
  ApiKey,
  AppointmentType,
  ListPosition,
  Location,
  Page,
  PageRequest,
  Patient,
  Provider,
  Room,
  ScheduleOverride,
  ScheduleTemplate,
  Scope,
  Tenant,
} from './model';

export interface ListFilter {
  includeInactive: boolean;
}

export interface TenantRepo {
  findByName(name: string): Promise<Tenant | null>;
  get(id: string): Promise<Tenant | null>;
  insert(tenant: Tenant): Promise<void>;
  count(): Promise<number>;
}

export interface ApiKeyRepo {
  insert(key: ApiKey, keyHash: string): Promise<void>;
  /** the key with this hash, if it is not revoked */
  findActiveByHash(keyHash: string): Promise<ApiKey | null>;
  list(tenantId: string): Promise<ApiKey[]>;
  /** returns false when no such unrevoked key exists in the tenant */
  revoke(tenantId: string, id: string, at: string): Promise<boolean>;
}

export interface ServerSettingsRepo {
  /** resolves when the database answers a trivial query */
  ping(): Promise<void>;
  /** the value stored under `key`, storing `fallback` first if there is none (first writer wins) */
  getOrInsert(key: string, fallback: string): Promise<string>;
}

export interface IdempotencyRecord {
  request_hash: string;
  status_code: number | null;
  response_body: string | null;
  created_at: string;
}

export interface IdempotencyStore {
  /** claims the key for a new request; false if the tenant already used it */
  claim(tenantId: string, key: string, requestHash: string, at: string): Promise<boolean>;
  get(tenantId: string, key: string): Promise<IdempotencyRecord | null>;
  complete(tenantId: string, key: string, statusCode: number, responseBody: string): Promise<void>;
  release(tenantId: string, key: string): Promise<void>;
  /** forgets keys created before `before` */
  purge(before: string): Promise<void>;
}

export interface LocationRepo {
  insert(tenantId: string, location: Location): Promise<void>;
  get(tenantId: string, id: string): Promise<Location | null>;
  list(tenantId: string, filter: ListFilter, page: PageRequest): Promise<Page<Location>>;
  /** ids among `ids` that are locations of the tenant (active or not) */
  existingIds(tenantId: string, ids: string[]): Promise<Set<string>>;
  /**
   * Writes the changed fields; when `rooms` is given it becomes the location's room list
   * (rooms left out are deactivated, so old appointments keep their room). One atomic step.
   */
  update(
    tenantId: string,
    id: string,
    changes: Partial<Omit<Location, 'id' | 'created_at' | 'rooms'>> & { updated_at: string },
    rooms?: Room[],
  ): Promise<Location | null>;
}

export interface AppointmentTypeRepo {
  insert(tenantId: string, type: AppointmentType): Promise<void>;
  get(tenantId: string, id: string): Promise<AppointmentType | null>;
  list(tenantId: string, filter: ListFilter, page: PageRequest): Promise<Page<AppointmentType>>;
  existingIds(tenantId: string, ids: string[]): Promise<Set<string>>;
  update(
    tenantId: string,
    id: string,
    changes: Partial<Omit<AppointmentType, 'id' | 'created_at'>> & { updated_at: string },
  ): Promise<AppointmentType | null>;
}

export interface PatientRepo {
  /** throws ConflictError when the phone is already registered in the tenant */
  insert(tenantId: string, patient: Patient): Promise<void>;
  get(tenantId: string, id: string): Promise<Patient | null>;
  findByPhone(tenantId: string, phone: string): Promise<Patient | null>;
  list(tenantId: string, filter: ListFilter & { phone?: string }, page: PageRequest): Promise<Page<Patient>>;
  /** throws ConflictError when the new phone is already registered in the tenant */
  update(
    tenantId: string,
    id: string,
    changes: Partial<Omit<Patient, 'id' | 'created_at'>> & { updated_at: string },
  ): Promise<Patient | null>;
}

export interface ProviderFilter extends ListFilter {
  specialty?: string;
  location_id?: string;
}

export interface ProviderRepo {
  /** throws ConflictError when the doctor already has a profile in the tenant */
  insert(tenantId: string, provider: Provider): Promise<void>;
  get(tenantId: string, id: string): Promise<Provider | null>;
  list(tenantId: string, filter: ProviderFilter, page: PageRequest): Promise<Page<Provider>>;
  update(
    tenantId: string,
    id: string,
    changes: Partial<Omit<Provider, 'id' | 'created_at'>> & { updated_at: string },
  ): Promise<Provider | null>;
}

export interface TemplateRepo {
  /**
   * Inserts the template unless an active template of the same provider on the same weekday overlaps
   * it in time and in effective dates; returns false (and writes nothing) when one does. One statement.
   */
  insertIfNoOverlap(tenantId: string, template: ScheduleTemplate): Promise<boolean>;
  get(tenantId: string, providerId: string, id: string): Promise<ScheduleTemplate | null>;
  list(tenantId: string, providerId: string, filter: ListFilter, page: PageRequest): Promise<Page<ScheduleTemplate>>;
  /** all active templates of a provider (for availability) */
  activeForProvider(tenantId: string, providerId: string): Promise<ScheduleTemplate[]>;
  /**
   * Replaces the template's fields with `next` unless, when `next` is active, another active template
   * overlaps it; 'not_found' | 'overlap' | the updated template.
   */
  updateIfNoOverlap(tenantId: string, next: ScheduleTemplate): Promise<ScheduleTemplate | 'not_found' | 'overlap'>;
}

export interface OverrideFilter {
  date_from?: string;
  date_to?: string;
}

export interface OverrideRepo {
  insert(tenantId: string, override: ScheduleOverride): Promise<void>;
  get(tenantId: string, providerId: string, id: string): Promise<ScheduleOverride | null>;
  list(tenantId: string, providerId: string, filter: OverrideFilter, page: PageRequest): Promise<Page<ScheduleOverride>>;
  /** hard delete; false when there was none */
  delete(tenantId: string, providerId: string, id: string): Promise<boolean>;
}

/** Everything a booking's guards need, computed by the core before the atomic step. */
export interface BookingPlan {
  tenantId: string;
  appointment: Appointment;
  /** the location's calendar date, clock times and weekday of the appointment */
  local: { date: string; start: string; end: string; dayOfWeek: number };
  /** the location's time zone the local values were computed in (guarded: must still be it) */
  timezone: string;
  /** the provider's settings the plan was made with (guarded: must still be them) */
  provider: { buffer: number; maxConcurrent: number; maxDaily: number | null };
  /** start − buffer and end + buffer, UTC */
  extendedStart: string;
  extendedEnd: string;
  /** a per-write token stored on the row, so follow-up statements know the write happened */
  changeId: string;
  history: StatusChange;
  event: OutboxEvent;
}

export interface TransitionPlan {
  tenantId: string;
  id: string;
  from: AppointmentStatus;
  changes: Partial<Pick<Appointment, 'status' | 'cancellation_reason' | 'cancelled_by' | 'rescheduled_to_id'>> & {
    status: AppointmentStatus;
  };
  updatedAt: string;
  changeId: string;
  history: StatusChange;
  event: OutboxEvent | null;
}

export interface AppointmentUpdatePlan {
  tenantId: string;
  id: string;
  version: number;
  changes: Partial<Pick<Appointment, 'notes' | 'internal_notes' | 'room_id' | 'external_reference' | 'metadata'>>;
  /** when the room changes: the appointment's location and times, to check the new room */
  room: { id: string; locationId: string; start: string; end: string } | null;
  updatedAt: string;
  changeId: string;
}

export type BookingOutcome = { ok: true } | { ok: false; broken: BookingRule[] };

export interface AppointmentFilter {
  provider_id?: string;
  patient_id?: string;
  location_id?: string;
  statuses?: AppointmentStatus[];
  /** the location's calendar dates, inclusive */
  date_from?: string;
  date_to?: string;
}

/** What a booking needs to know about the records it references, read in one go. */
export interface BookingContext {
  provider: { buffer: number; maxConcurrent: number; maxDaily: number | null } | null;
  patient: boolean;
  appointmentType: boolean;
  location: { timezone: string; roomIds: string[] } | null;
}

export interface AppointmentRepo {
  /** the referenced records of a booking (of the tenant, active or not); null/false when unknown */
  bookingContext(
    tenantId: string,
    refs: { provider: string; patient: string; type: string; location: string },
  ): Promise<BookingContext>;
  /** inserts the appointment, its first history row and its event, if every booking rule holds */
  create(plan: BookingPlan): Promise<BookingOutcome>;
  get(tenantId: string, id: string): Promise<Appointment | null>;
  history(tenantId: string, id: string): Promise<StatusChange[]>;
  list(tenantId: string, filter: AppointmentFilter, page: PageRequest): Promise<Page<Appointment>>;
  /** applies a lifecycle step if the status is still `from`; false (nothing written) otherwise */
  transition(plan: TransitionPlan): Promise<boolean>;
  /** writes the changes if the version is still `version` (and a new room is free) */
  update(plan: AppointmentUpdatePlan): Promise<{ ok: true } | { ok: false; broken: Array<'stale_version' | 'room_unavailable' | 'room_taken'> }>;
  /**
   * Cancels `old` (status still `old.from`) and books `booking` as one atomic step, checking the new
   * booking's rules as if the old appointment were already gone.
   */
  reschedule(old: TransitionPlan, booking: BookingPlan): Promise<BookingOutcome | { ok: false; broken: []; stale: true }>;
}

/** Everything the core reads and writes through. */
export interface Repositories {
  tenants: TenantRepo;
  apiKeys: ApiKeyRepo;
  serverSettings: ServerSettingsRepo;
  idempotency: IdempotencyStore;
  locations: LocationRepo;
  appointmentTypes: AppointmentTypeRepo;
  patients: PatientRepo;
  providers: ProviderRepo;
  templates: TemplateRepo;
  overrides: OverrideRepo;
  appointments: AppointmentRepo;
}

export type { ListPosition, Scope };
