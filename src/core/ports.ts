/**
 * What the core needs from the world. `src/db/repos/` implements these on SQLite (and later D1);
 * everything is async so that either can sit behind them. Every method is scoped by tenant:
 * a row of another tenant is indistinguishable from a missing one.
 */
import type { BookingRule } from './appointments/rules';
import type { LanguageCatalog } from './language/types';
import type { LogisticModel } from './no-show/model';
import type { HoldoutReport } from './no-show/training';
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
  OutboundMessage,
  PatientChannel,
  WaitlistEntry,
  WaitlistOffer,
  WaitlistStatus,
  DeliveryStatus,
  WebhookDelivery,
  WebhookSubscription,
} from './model';
import type { AttemptDecision, AttemptResult } from './webhooks/retry';
import type { LocalSpan, OffsetRun } from './time';

export interface ListFilter {
  includeInactive: boolean;
}

export interface TenantRepo {
  findByName(name: string): Promise<Tenant | null>;
  get(id: string): Promise<Tenant | null>;
  insert(tenant: Tenant): Promise<void>;
  count(): Promise<number>;
  /** The ids of up to `limit` tenants, oldest first. */
  someIds(limit: number): Promise<string[]>;
  /**
   * The first tenant and its key, in one atomic step, only while there is no tenant: false when there
   * is one (another process or request made it first), and then neither row is written. Nobody ever
   * sees the tenant without its key.
   */
  insertFirst(tenant: Tenant, key: ApiKey, keyHash: string): Promise<boolean>;
}

export interface ApiKeyRepo {
  /** `reply`: the response to store for the request's Idempotency-Key, in the same atomic step as the row */
  insert(key: ApiKey, keyHash: string, reply?: StoredReply): Promise<void>;
  /** the key with this hash, if it is not revoked */
  findActiveByHash(keyHash: string): Promise<ApiKey | null>;
  /** the tenant's key with this id, revoked or not */
  get(tenantId: string, id: string): Promise<ApiKey | null>;
  /** oldest first, by (created_at, id) */
  list(tenantId: string, page: PageRequest): Promise<Page<ApiKey>>;
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
  /** claims a used key again, if it is still exactly as `prior` (one conditional write); false otherwise */
  reclaim(tenantId: string, key: string, prior: IdempotencyRecord, requestHash: string, at: string): Promise<boolean>;
  get(tenantId: string, key: string): Promise<IdempotencyRecord | null>;
  /** stores the response of a claim still without one; a response already stored (by the write's own step) stays */
  complete(tenantId: string, key: string, statusCode: number, responseBody: string): Promise<void>;
  /** forgets a claim whose request failed; a stored response is kept */
  release(tenantId: string, key: string): Promise<void>;
  /** forgets keys created before `before`; how many */
  purge(before: string): Promise<number>;
}

export interface LocationRepo {
  /** `reply`: the response to store for the request's Idempotency-Key, in the same atomic step as the row */
  insert(tenantId: string, location: Location, reply?: StoredReply): Promise<void>;
  get(tenantId: string, id: string): Promise<Location | null>;
  list(tenantId: string, filter: ListFilter, page: PageRequest): Promise<Page<Location>>;
  /** ids among `ids` that are locations of the tenant (active or not) */
  existingIds(tenantId: string, ids: string[]): Promise<Set<string>>;
  /**
   * Writes the changed fields; when `rooms` is given it becomes the location's room list
   * (rooms left out are deactivated, so old appointments keep their room). One atomic step, with the
   * re-check of the standing waitlist offers at the location. With `relocalised` (a new time zone), the
   * waitlist offers of times to come there get the local dates and clock times it gives, and every
   * appointment there (past ones too) the local date of its start (`relocalised.appointments`), before
   * that re-check; the change is made only if the location still has the zone `relocalised.previousZone`,
   * no offer of a time to come there is missing from `relocalised.offers`, and no appointment there
   * starts on a UTC day missing from `relocalised.appointments.days` (null otherwise, as for a location
   * that does not exist).
   */
  update(
    tenantId: string,
    id: string,
    changes: Partial<Omit<Location, 'id' | 'created_at' | 'rooms'>> & { updated_at: string },
    rooms?: Room[],
    relocalised?: { previousZone: string; offers: RelocalisedOffer[]; appointments: RelocalisedAppointments },
  ): Promise<Location | null>;
  /** the waitlist offers of times at the location that start after `after` */
  offersToCome(tenantId: string, locationId: string, after: string): Promise<Array<{ id: string; start_time: string; end_time: string }>>;
  /** the UTC calendar days (`YYYY-MM-DD`) on which appointments at the location start, any status, in order */
  appointmentDays(tenantId: string, locationId: string): Promise<string[]>;
}

/**
 * The local dates of a location's appointments in its (new) time zone: `days`, the UTC days their starts
 * fall on as read; `runs`, the zone's offset over those days (core/time offsetRunsOverDays), from which
 * the write computes each appointment's date in SQL (the UTC date of its start plus its run's offset).
 */
export interface RelocalisedAppointments {
  days: string[];
  runs: OffsetRun[];
}

/** A waitlist offer's local date and clock times in its location's (new) time zone. */
export interface RelocalisedOffer {
  id: string;
  date: string;
  start: string;
  end: string;
}

export interface AppointmentTypeRepo {
  /** `reply`: the response to store for the request's Idempotency-Key, in the same atomic step as the row */
  insert(tenantId: string, type: AppointmentType, reply?: StoredReply): Promise<void>;
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
  /** throws ConflictError when the phone is already registered in the tenant; `reply` as for LocationRepo.insert */
  insert(tenantId: string, patient: Patient, reply?: StoredReply): Promise<void>;
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
  /** throws ConflictError when the doctor already has a profile in the tenant; `reply` as for LocationRepo.insert */
  insert(tenantId: string, provider: Provider, reply?: StoredReply): Promise<void>;
  get(tenantId: string, id: string): Promise<Provider | null>;
  list(tenantId: string, filter: ProviderFilter, page: PageRequest): Promise<Page<Provider>>;
  update(
    tenantId: string,
    id: string,
    changes: Partial<Omit<Provider, 'id' | 'created_at'>> & { updated_at: string },
  ): Promise<Provider | null>;
  /**
   * The specialties of the tenant's active providers, each once as the `specialty` filter matches them (case
   * and accents ignored: the first provider's spelling), in alphabetical order of that fold.
   */
  activeSpecialties(tenantId: string): Promise<string[]>;
}

export interface TemplateRepo {
  /**
   * Inserts the template unless an active template of the same provider on the same weekday overlaps
   * it in time and in effective dates; returns false (and writes nothing) when one does. One atomic
   * step, with `reply` as for LocationRepo.insert.
   */
  insertIfNoOverlap(tenantId: string, template: ScheduleTemplate, reply?: StoredReply): Promise<boolean>;
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
  /**
   * Writes `override` unless another override of the provider clashes with it, checked in the same SQL
   * statement as the insert: on the same date, of the same type, `added` hours overlapping at the same
   * location, `modified` hours overlapping where both apply (a null location is every location), or a
   * `blocked` one with the same location and hours. Returns null when written, else the clashing
   * override (the earliest created) as the refused statement saw it.
   * `reply`: as for LocationRepo.insert
   */
  insertUnlessClash(tenantId: string, override: ScheduleOverride, reply?: StoredReply): Promise<ScheduleOverride | null>;
  get(tenantId: string, providerId: string, id: string): Promise<ScheduleOverride | null>;
  list(tenantId: string, providerId: string, filter: OverrideFilter, page: PageRequest): Promise<Page<ScheduleOverride>>;
  /** hard delete, at `at`; false when there was none */
  delete(tenantId: string, providerId: string, id: string, at: string): Promise<boolean>;
}

/** Everything a booking's guards need, computed by the core before the atomic step. */
export interface BookingPlan {
  tenantId: string;
  appointment: Appointment;
  /** the location's calendar date, clock times and weekday of the appointment */
  local: LocalSpan;
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
  /** the response to remember under an Idempotency-Key, written in the same atomic step as the booking */
  reply?: StoredReply;
}

/**
 * A response kept under an `Idempotency-Key`. Stored by the write it answers, in the same atomic step,
 * so that the change never exists without it (nor it without the change), whatever stops the server.
 */
export interface StoredReply {
  key: string;
  statusCode: number;
  body: string;
}

/**
 * How a route renders the response it will answer with, for a request that carries an Idempotency-Key:
 * the write stores it in its own atomic step.
 */
export type RenderReply<T> = (value: T) => StoredReply;

/**
 * As RenderReply, for a response that carries a secret shown once: its body is stored encrypted
 * (core/sealed-reply.ts), which Web Crypto does asynchronously, before the atomic step is built.
 */
export type RenderSealedReply<T> = (value: T) => Promise<StoredReply>;

export interface TransitionPlan {
  tenantId: string;
  id: string;
  from: AppointmentStatus;
  /**
   * The version the change was planned from (guarded, with `from`: must still be it), so that a PUT in
   * between makes the change look again instead of answering, and sending as its event, a version and
   * fields that another write already has.
   */
  version: number;
  changes: Partial<Pick<Appointment, 'status' | 'cancellation_reason' | 'cancelled_by' | 'rescheduled_to_id'>> & {
    status: AppointmentStatus;
  };
  updatedAt: string;
  changeId: string;
  history: StatusChange;
  event: OutboxEvent | null;
  /** more writes of the same atomic step, each guarded on this transition having happened */
  sideEffects?: SideEffect[];
  /** the response to store for the request's Idempotency-Key, in the same atomic step */
  reply?: StoredReply;
}

/**
 * A waitlist offer made with a cancellation (src/core/waitlist/offers.ts): written only if the
 * cancellation happened, the entry is still waiting (stored `waiting`, or `offered` a time that started
 * unused), its patient still active and free at that time, the provider could still take the time
 * (see `booking`), and fewer than `maxOffers` of the offers listed before it in the same plan were
 * written.
 */
export interface WaitlistOfferEffect {
  kind: 'waitlist_offer';
  tenantId: string;
  offer: WaitlistOffer;
  patientId: string;
  /**
   * The offered time as a booking of it would be checked: the provider's limits, the time extended by
   * the buffer, its local span at the location, the appointment type. An appointment booked or moved
   * beside it (within the buffer), or into it, may have left it full by the time the offer is written,
   * and the provider may no longer work then (a day blocked before its appointments were cancelled).
   */
  booking: {
    provider: { buffer: number; maxConcurrent: number; maxDaily: number | null };
    extendedStart: string;
    extendedEnd: string;
    local: LocalSpan;
    /** the location's zone `local` was computed in (guarded: must still be it) */
    timezone: string;
    appointmentTypeId: string;
  };
  /** ids of the offers ranked before this one in the same plan */
  before: string[];
  maxOffers: number;
  event: OutboxEvent;
  message: OutboundMessage;
}

export type SideEffect = WaitlistOfferEffect;

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
  /**
   * The times the patient's appointments hold (any status the overlap rule counts) that overlap `from`–`to`
   * (RFC 3339 UTC): what a slot search for them leaves out. One indexed read, no page.
   */
  patientBusyTimes(tenantId: string, patientId: string, from: string, to: string): Promise<Array<{ id: string; start_time: string; end_time: string }>>;
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

/** An entry as the API shows it: its place in the queue and the times offered to it. */
export interface WaitlistEntryView extends WaitlistEntry {
  /** 1-based rank in its queue; null when the entry is not active (booked, removed) */
  position: number | null;
  /** active entries ranked before it (null when not active) */
  ahead: number | null;
  /** active entries in its queue (the provider's, or the specialty's for entries without a provider) */
  total: number;
  /** oldest first */
  offers: Array<Pick<WaitlistOffer, 'id' | 'start_time' | 'end_time' | 'provider_id' | 'location_id' | 'offered_at'> & { released_at: string | null }>;
}

/**
 * A time offered to a patient from the waitlist that has not started, on an entry still in the queue.
 * It `stands` while its entry is `offered` and it is the entry's latest offer: the patient may take it
 * (the entry's appointment type at the offered time). Otherwise someone else took the time, or the
 * patient gave it back, and the entry waits again (or holds a newer offer).
 */
export interface UpcomingOffer
  extends Pick<WaitlistOffer, 'id' | 'entry_id' | 'source_appointment_id' | 'provider_id' | 'location_id' | 'start_time' | 'end_time' | 'offered_at'> {
  appointment_type_id: string;
  stands: boolean;
}

export interface WaitlistFilter {
  patient_id?: string;
  provider_id?: string;
  /** matched without regard to case or accents */
  specialty?: string;
  statuses: WaitlistStatus[];
}

/** What a new entry references, read in one go; null when unknown in the tenant. */
export interface WaitlistReferences {
  patient: { is_active: boolean } | null;
  appointmentType: { is_active: boolean } | null;
  provider: { is_active: boolean } | null;
  location: { is_active: boolean; timezone: string } | null;
}

/** A waiting entry that may be offered a freed time, with what its message needs. */
export interface WaitlistCandidate {
  entry: WaitlistEntry;
  patient: { name: string; preferred_channel: PatientChannel | null };
}

/** What offering a freed appointment time needs. */
export interface FreedTimeContext {
  provider: { name: string | null; is_active: boolean; buffer: number; maxConcurrent: number; maxDaily: number | null } | null;
  location: { name: string; timezone: string; is_active: boolean } | null;
  appointmentTypeActive: boolean;
  /**
   * Waiting entries of the same appointment type for this provider, or without a provider and for a
   * specialty the provider has (case and accents ignored); not the freed appointment's patient, nor,
   * for a time given back, the patient of the appointment that first freed it (`appointment.id`); never
   * offered this time before; whose patient is active and not booked at an overlapping time. Best
   * first (priority desc, created_at, id).
   */
  candidates: WaitlistCandidate[];
}

export interface WaitlistRepo {
  references(
    tenantId: string,
    refs: { patient: string; type: string; provider: string | null; location: string | null },
  ): Promise<WaitlistReferences>;
  /**
   * Inserts the entry and its event if every record it references is still active and the patient has
   * no active entry for the same wish (same appointment type, queue, location, dates and periods), as
   * one atomic step, and answers the entry's position in its queue as that step left it. Otherwise
   * nothing is written: `duplicateOf` names the active entry for the same wish, null means a
   * reference is no longer active. `reply`, the response to store for the request's Idempotency-Key in
   * the same step, is rendered with `"position":null`: the step stores it with that position filled in.
   * With `replaces`, the same patient's entry `id` is marked removed (its `event` written) in the same
   * step, and the new entry is inserted only while that one still waits (else null, nothing written).
   */
  insert(
    tenantId: string,
    entry: WaitlistEntry,
    event: OutboxEvent,
    reply?: StoredReply,
    replaces?: { id: string; event: OutboxEvent },
  ): Promise<{ position: number } | { duplicateOf: string } | null>;
  /** as the entry stands at `now`: an entry offered a time that has started waits again */
  get(tenantId: string, id: string, now: string): Promise<WaitlistEntryView | null>;
  /** ordered by (created_at, id); statuses as they stand at `now` */
  list(tenantId: string, filter: WaitlistFilter, page: PageRequest, now: string): Promise<Page<WaitlistEntryView>>;
  /**
   * Marks an active entry removed and writes its event, as one step; false if it was not active. With
   * `release`, the entry's standing offer `offerId` is marked released by `releaseId` in the same step
   * (if it still stands) and its time offered on (`offers`, guarded on that mark).
   */
  remove(
    tenantId: string,
    id: string,
    at: string,
    event: OutboxEvent,
    release?: { offerId: string; releaseId: string; offers: WaitlistOfferEffect[] },
  ): Promise<boolean>;
  /** the patient's offers whose time has not started at `now`, of entries waiting or offered, newest first */
  upcomingOffers(tenantId: string, patientId: string, now: string): Promise<UpcomingOffer[]>;
  /**
   * The patient gives back their standing offer `offerId` (turned the time down, or could not take it):
   * the offer is marked released by `releaseId`, the entry waits again, and the time is offered on
   * (`offers`), as one step; false, and nothing written, if that offer no longer stands at `at`.
   */
  returnToQueue(tenantId: string, patientId: string, offerId: string, at: string, releaseId: string, offers: WaitlistOfferEffect[]): Promise<boolean>;
  /** at most `limit` candidates: entries waiting at `now` */
  freedTimeContext(tenantId: string, appointment: FreedAppointment, limit: number, now: string): Promise<FreedTimeContext>;
}

/** A time that became free (an appointment cancelled or moved away, or an offer of it turned down). */
export type FreedAppointment = Pick<
  Appointment,
  'id' | 'provider_profile_id' | 'location_id' | 'appointment_type_id' | 'patient_id' | 'start_time' | 'end_time'
>;

/** A location as the schedule view needs it. */
export type LocationSummary = Pick<Location, 'id' | 'name' | 'timezone' | 'travel_minutes' | 'is_active'>;

/** Range reads for a provider's multi-location schedule and cross-location conflicts. */
export interface ScheduleViewRepo {
  /** the provider's appointments whose local date (at their location) is in [dateFrom, dateTo], in `statuses`, by start then id */
  appointmentsOnDates(
    tenantId: string,
    providerId: string,
    dateFrom: string,
    dateTo: string,
    statuses: readonly AppointmentStatus[],
  ): Promise<Appointment[]>;
  /** all the provider's overrides dated in [dateFrom, dateTo], by date then creation */
  overridesOnDates(tenantId: string, providerId: string, dateFrom: string, dateTo: string): Promise<ScheduleOverride[]>;
  /** the tenant's locations among `ids` (active or not), in one read */
  locationsByIds(tenantId: string, ids: readonly string[]): Promise<LocationSummary[]>;
}

/** Which providers a slot search looks at. */
export interface AvailabilityProviderFilter {
  /** one provider (returned even when inactive, so the core can tell unknown from inactive) */
  providerId?: string;
  /** every ACTIVE provider with this specialty, case and accents ignored; with providerId, both must hold */
  specialty?: string;
}

/** A provider as slot search sees it, with the specialty that matched the filter (if by specialty). */
export type AvailabilityProvider = Pick<
  Provider,
  | 'id'
  | 'name'
  | 'default_appointment_duration_minutes'
  | 'buffer_between_appointments_minutes'
  | 'max_daily_appointments'
  | 'max_concurrent_appointments'
  | 'primary_location_id'
  | 'specialties'
  | 'is_active'
> & { matched_specialty: string | null };

export type AvailabilityType = Pick<AppointmentType, 'id' | 'duration_minutes' | 'is_active'>;
export type AvailabilityLocation = Pick<Location, 'id' | 'name' | 'timezone' | 'is_active'>;

/** A non-cancelled appointment of a candidate provider, as slot search needs it. */
export interface AvailabilityAppointment {
  provider_id: string;
  /** UTC, RFC 3339 */
  start_time: string;
  end_time: string;
  /** holds the time (requested, confirmed, checked_in, in_progress); completed and no-show do not */
  active: boolean;
  /** the local date at the appointment's own location (what max_daily counts by) */
  local_date: string;
}

/** Active templates and overrides of some providers. */
export interface AvailabilitySchedules {
  /** active templates (timestamps left empty: windows do not read them) */
  templates: ScheduleTemplate[];
  /** overrides dated in the range asked */
  overrides: ScheduleOverride[];
}

/**
 * Revisions of what slot search reads (table availability_revisions, bumped by triggers in the
 * transaction of each change, whichever process writes): a changed revision means a cached answer
 * built from older data must be built again. A missing row reads as null/absent: not cacheable.
 */
export interface AvailabilityRevisions {
  /** the tenant's row: its providers (which exist, their fields), locations and appointment types */
  tenant: number | null;
  /** the tenant's change counter, bumped with every other revision of the tenant */
  change: number | null;
  /**
   * each provider's row (its appointments, templates, overrides, its own fields, the tenant's
   * locations); left empty when the change counter still had the value the caller knew
   */
  providers: Map<string, number>;
}

export interface AvailabilityRepo {
  /**
   * In one query (so they are read at one instant): the tenant's revision and change counter, and the
   * revisions of these providers (of every provider of the tenant when `providerIds` is null) unless
   * the change counter still equals `knownChange` (then nothing changed since the caller read them).
   */
  revisions(tenantId: string, providerIds: readonly string[] | null, knownChange?: number | null): Promise<AvailabilityRevisions>;
  appointmentType(tenantId: string, id: string): Promise<AvailabilityType | null>;
  /** the providers a filter names, ordered by id */
  providers(tenantId: string, filter: AvailabilityProviderFilter): Promise<AvailabilityProvider[]>;
  /** all the tenant's locations, active or not */
  locations(tenantId: string): Promise<AvailabilityLocation[]>;
  /** these providers' active templates and their overrides dated in [dateFrom, dateTo], one query each */
  schedules(tenantId: string, providerIds: readonly string[], dateFrom: string, dateTo: string): Promise<AvailabilitySchedules>;
  /**
   * The non-cancelled appointments of these providers starting in [startFrom, startBefore) (UTC,
   * RFC 3339), in one query. The search reads them a stretch of days at a time.
   */
  appointments(tenantId: string, providerIds: readonly string[], startFrom: string, startBefore: string): Promise<AvailabilityAppointment[]>;
}

export interface WebhookRepo {
  /** `secret` is stored for signing and never read back through this port; `reply` as for LocationRepo.insert */
  insert(tenantId: string, subscription: WebhookSubscription, secret: string, reply?: StoredReply): Promise<void>;
  get(tenantId: string, id: string): Promise<WebhookSubscription | null>;
  /** ordered by (created_at, id) */
  list(tenantId: string, filter: ListFilter, page: PageRequest): Promise<Page<WebhookSubscription>>;
  update(
    tenantId: string,
    id: string,
    changes: Partial<Pick<WebhookSubscription, 'url' | 'events' | 'description' | 'is_active' | 'disabled_reason'>> & {
      updated_at: string;
    },
  ): Promise<WebhookSubscription | null>;
  /**
   * Replaces the secret in one atomic step. The current secret becomes a replaced one, signing until `previousUntil`;
   * replaced secrets still signing at `at` keep their own deadlines. `too_many`: nothing changed, as more than
   * `maxSigning` secrets would sign at once. With `revokePrevious`, no replaced secret signs after `at` (the current one
   * included): the new secret signs alone, whatever the limit, and `rotated_secret_expires_at` becomes `at`.
   */
  rotateSecret(
    tenantId: string,
    id: string,
    secret: string,
    previousUntil: string,
    at: string,
    maxSigning: number,
    revokePrevious: boolean,
  ): Promise<WebhookSubscription | 'too_many' | null>;
}

/** An outbox event not yet fanned out to subscriptions. */
export interface PendingEvent {
  id: string;
  tenant_id: string;
  event_type: string;
  payload: Record<string, unknown>;
  created_at: string;
}

/** What fan-out needs to know of an active subscription. */
export interface SubscriptionTarget {
  id: string;
  tenant_id: string;
  events: string[];
  created_at: string;
}

/** A delivery to write: one event for one subscription, due at `next_attempt_at`. */
export interface NewDelivery {
  id: string;
  tenant_id: string;
  subscription_id: string;
  event_id: string;
  event_type: string;
  /** the exact body every attempt sends */
  body: string;
  created_at: string;
  next_attempt_at: string;
}

/** A delivery this worker holds the lease of, with what sending it needs. */
export interface ClaimedDelivery {
  id: string;
  tenant_id: string;
  subscription_id: string;
  event_type: string;
  body: string;
  /** attempts made in the current round (since created or redelivered) */
  tries: number;
  lease: string;
  subscription: {
    url: string;
    is_active: boolean;
    secret: string;
    /** secrets replaced by rotations, each signing until its own `until` */
    previous_secrets: Array<{ secret: string; until: string }>;
  };
}

/** The outcome of handling a claimed delivery, written as one step if the lease is still held. */
export interface DeliveryOutcome {
  tenantId: string;
  deliveryId: string;
  subscriptionId: string;
  lease: string;
  /** the attempt made; null when none was (the subscription was no longer active) */
  attempt: (AttemptResult & { attempted_at: string }) | null;
  decision: AttemptDecision;
  /** recorded as the delivery's last error when there was no attempt */
  note: string | null;
  at: string;
}

export interface DeliveryFilter {
  subscription_id?: string;
  statuses?: DeliveryStatus[];
  event_type?: string;
}

export interface WebhookDeliveryRepo {
  /** inserts a delivery (a test event) if its subscription is active; false otherwise */
  insertOne(delivery: NewDelivery): Promise<boolean>;
  get(tenantId: string, id: string): Promise<WebhookDelivery | null>;
  /** newest first: (created_at, id) descending */
  list(tenantId: string, filter: DeliveryFilter, page: PageRequest): Promise<Page<WebhookDelivery>>;
  /** a dead delivery of an active subscription back to pending, due at `at`, with a fresh round of tries */
  redeliver(tenantId: string, id: string, at: string): Promise<boolean>;

  /** the oldest undispatched outbox events, all tenants */
  pendingEvents(limit: number): Promise<PendingEvent[]>;
  /** the active subscriptions of these tenants */
  subscriptionTargets(tenantIds: readonly string[]): Promise<SubscriptionTarget[]>;
  /**
   * One atomic step: writes the deliveries of events still undispatched (to subscriptions still
   * active) and marks those events dispatched. Run twice, or by two processes, it writes each once.
   */
  fanOut(deliveries: NewDelivery[], eventIds: readonly string[], at: string): Promise<void>;
  /**
   * Takes the lease of due deliveries, each subscription's oldest first, so that no subscription has
   * more than `perSubscription` leased at once (across processes), `limit` in all: one conditional
   * UPDATE, so a row another process took first is not taken again. Returns the rows taken.
   */
  claim(now: string, lockedUntil: string, lease: string, perSubscription: number, limit: number): Promise<ClaimedDelivery[]>;
  /**
   * Records outcomes (each attempt, and the delivery's new state if its lease is still the one named)
   * as one step; per outcome, false if the lease was lost.
   */
  record(outcomes: readonly DeliveryOutcome[]): Promise<boolean[]>;
  /** gives a lease back without an attempt (shutting down) */
  release(id: string, lease: string): Promise<void>;
  /** whether undispatched events exist, and when the earliest pending delivery is due */
  nextDue(): Promise<{ undispatched: boolean; nextAttemptAt: string | null }>;
}

/** The tenant's active names, as the language layer matches them (timezone: the first location's). */
export interface LanguageCatalogRepo {
  catalog(tenantId: string): Promise<Omit<LanguageCatalog, 'timezone'>>;
  /** per active location and weekday, the earliest start and latest end of active providers' active templates */
  openingHours(tenantId: string): Promise<Array<{ location_id: string; day_of_week: number; opens: string; closes: string }>>;
}

/** Which conversation: one per tenant, patient and channel. */
export interface ConversationKey {
  tenantId: string;
  patientId: string;
  channel: string;
}

export interface StoredConversation {
  state: string;
  /** the machine's persisted snapshot (parsed JSON) */
  snapshot: unknown;
  revision: number;
  /** UTC instant after which a message starts afresh */
  expires_at: string;
  updated_at: string;
}

export interface ConversationSave {
  state: string;
  snapshot: unknown;
  /** the revision read before the turn; null when there was no conversation (or it was started afresh) */
  expectedRevision: number | null;
  expiresAt: string;
  at: string;
  changeId: string;
  /** the reply to remember for a channel message id, written only if the save happens */
  turn?: { messageId: string; response: Record<string, unknown> };
  /** outbox events the turn raised (e.g. conversation.handoff_requested), written only if the save happens */
  events?: OutboxEvent[];
  /** the turn's lease, given back in the same step when the save happens */
  releaseHolder?: string;
}

/** Conversations' snapshots, remembered replies and turn leases (ARCHITECTURE.md, convention 9). */
export interface ConversationStore {
  load(key: ConversationKey): Promise<StoredConversation | null>;
  /**
   * Claims the conversation for one turn until `until` (UTC); null while another holder's lease runs
   * or another turn waits before this one. The claim is one conditional write: the database decides,
   * across processes. A refused claim takes the holder's place in line (the first time) or marks that
   * it still waits (`line.waiting`: the holder asked before), so turns are given the lease in the order
   * they first asked; a waiter that has not asked since `line.staleBefore` loses its place. A successful
   * claim leaves the line and also reads the stored conversation in the same step (what `load` would
   * give), saving the turn a read.
   */
  claim(
    key: ConversationKey,
    holder: string,
    until: string,
    now: string,
    line: { waiting: boolean; staleBefore: string },
  ): Promise<{ conversation: StoredConversation | null } | null>;
  /** Gives up the holder's place in line (a turn that stopped waiting). */
  withdraw(key: ConversationKey, holder: string): Promise<void>;
  release(key: ConversationKey, holder: string): Promise<void>;
  /**
   * Writes the new snapshot as revision `expectedRevision + 1` (revision 1 when `expectedRevision` is
   * null: there must be no conversation yet), with the remembered reply and events, in one atomic step.
   * False when the stored revision is not the expected one: then nothing is written.
   */
  save(key: ConversationKey, save: ConversationSave): Promise<boolean>;
  /** the response remembered for a channel message id */
  reply(key: ConversationKey, messageId: string): Promise<Record<string, unknown> | null>;
  /** forgets the conversation and its remembered replies; false when there was none */
  remove(key: ConversationKey): Promise<boolean>;
  /** forgets the replies remembered before `before` (their message ids are answered afresh); how many */
  forgetTurns(before: string): Promise<number>;
}

/** An appointment as the no-show model reads it, with what its features need from related records. */
export interface NoShowAppointment {
  id: string;
  patient_id: string;
  provider_profile_id: string;
  appointment_type_id: string;
  location_id: string;
  start_time: string;
  /** when it was booked (for imported history: the file's scheduled_at) */
  created_at: string;
  /** the location's local date of start_time */
  local_date: string;
  status: AppointmentStatus;
  source: string;
  /** the location's time zone */
  timezone: string;
  location_name: string;
  birth_date: string | null;
  type_name: string;
  specialty: string | null;
}

/** A stored no-show model version. */
export interface StoredNoShowModel {
  id: string;
  version: number;
  algorithm: string;
  trained_at: string;
  samples: number;
  no_shows: number;
  trigger: 'cli' | 'auto';
  model: LogisticModel;
  holdout: HoldoutReport | null;
}

export interface NoShowDayFilter {
  provider_id?: string;
  location_id?: string;
}

/** How many of a tenant's appointments ended in each outcome. */
export interface OutcomeCounts {
  completed: number;
  no_shows: number;
}

export interface NoShowRepo {
  /** the tenant's appointments with an outcome, by outcome */
  outcomeCounts(tenantId: string): Promise<OutcomeCounts>;
  /** every appointment of the tenant, any status (outcomes are the labels; all are booking history) */
  all(tenantId: string): Promise<NoShowAppointment[]>;
  get(tenantId: string, id: string): Promise<NoShowAppointment | null>;
  /** active appointments whose local date is `date` */
  activeOn(tenantId: string, date: string, filter: NoShowDayFilter): Promise<NoShowAppointment[]>;
  /** every appointment of these patients, any status */
  ofPatients(tenantId: string, patientIds: readonly string[]): Promise<NoShowAppointment[]>;
  /** the highest version, or null */
  latestModel(tenantId: string): Promise<StoredNoShowModel | null>;
  /** stores the model as the tenant's next version (one statement) and returns it */
  insertModel(tenantId: string, model: Omit<StoredNoShowModel, 'version'>): Promise<StoredNoShowModel>;
}

/** A past appointment brought in by the history import, written without the booking rules. */
export interface ImportPlan {
  tenantId: string;
  importKey: string;
  appointment: Appointment;
  /** the location's local date of the start */
  localDate: string;
  changeId: string;
  history: StatusChange;
  importedAt: string;
}

export interface HistoryImportRepo {
  patientByExternalId(tenantId: string, externalId: string): Promise<Patient | null>;
  /** links the external id to the patient unless it is linked already; the patient id it is linked to */
  linkExternalId(tenantId: string, externalId: string, patientId: string, at: string): Promise<string>;
  isImported(tenantId: string, importKey: string): Promise<boolean>;
  /** the appointment, its history row and its import key, as one step; false (nothing written) when the key was imported before */
  insert(plan: ImportPlan): Promise<boolean>;
}

/**
 * The replies a channel adapter sends itself, by the channel's message id (schema/channels.ts): a
 * provider's redelivery of a message has its reply sent when no earlier delivery sent it.
 */
export interface ChannelReplyRepo {
  /**
   * Claims the sending of the reply to this message for `holder` until `until`: 'claimed' when no reply
   * to it was sent and no other delivery holds a live claim (one given back, or run out by `now`, is
   * free); else 'sent' (the reply went out) or 'busy' (another delivery is sending it now).
   */
  claim(channel: string, messageId: string, holder: string, until: string, now: string): Promise<'claimed' | 'sent' | 'busy'>;
  /** the holder's reply went out */
  sent(channel: string, messageId: string, holder: string, at: string): Promise<void>;
  /** the holder's send failed: the next delivery may claim it */
  release(channel: string, messageId: string, holder: string): Promise<void>;
  /** forgets the records of messages first claimed before `before`; how many */
  forget(before: string): Promise<number>;
}

/** An appointment whose reminder the planner may write: no reminder of it exists yet. */
export interface ReminderCandidateRow {
  tenant_id: string;
  appointment_id: string;
  patient_id: string;
  /** the patient's preferred channel (whatsapp, sms, …), or null */
  channel: string | null;
  /** UTC */
  start_time: string;
  created_at: string;
  /** its location's IANA zone */
  timezone: string;
}

/** A message to a patient, as written. */
export interface NewOutboundMessage {
  id: string;
  tenant_id: string;
  patient_id: string;
  channel: string | null;
  kind: string;
  body: string;
  payload: Record<string, unknown>;
  dedupe_key: string | null;
  send_before: string | null;
  created_at: string;
}

/** A pending message this process holds the claim of. */
export interface ClaimedOutboundMessage extends Omit<NewOutboundMessage, 'dedupe_key' | 'created_at'> {
  /** failed sends so far */
  attempts: number;
  lease: string;
}

export type OutboundOutcome =
  | { status: 'sent'; at: string; body: string }
  | { status: 'skipped' | 'failed'; at: string; reason: string }
  /** not now: tried again at `next` (`failed`: it counts as a failed send) */
  | { status: 'later'; at: string; next: string; reason: string; failed: boolean };

/** Messages to patients (schema: outbound_messages): written, claimed with a lease, their outcome recorded by the holder. */
export interface OutboundMessageRepo {
  /**
   * Up to `limit` appointments awaiting their visit (requested or confirmed), by start time then id,
   * after `after` (a start time and an id) and starting by `to`, whose active patient has a phone, and
   * that have no message whose dedupe_key is `keyPrefix` followed by the appointment's id.
   */
  reminderCandidates(after: { start_time: string; id: string }, to: string, keyPrefix: string, limit: number): Promise<ReminderCandidateRow[]>;
  /** Writes them; one whose dedupe_key exists already is not written (another planner did). How many were. */
  insert(messages: readonly NewOutboundMessage[]): Promise<number>;
  /** Claims up to `limit` pending messages due at `now` and not held, until `until`; those this claim took. */
  claimDue(now: string, lease: string, until: string, limit: number): Promise<ClaimedOutboundMessage[]>;
  /** Records the outcome, if the lease still holds it; whether it did. */
  record(id: string, lease: string, outcome: OutboundOutcome): Promise<boolean>;
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
  availability: AvailabilityRepo;
  waitlist: WaitlistRepo;
  scheduleView: ScheduleViewRepo;
  webhooks: WebhookRepo;
  webhookDeliveries: WebhookDeliveryRepo;
  languageCatalog: LanguageCatalogRepo;
  conversations: ConversationStore;
  noShow: NoShowRepo;
  historyImport: HistoryImportRepo;
  channelReplies: ChannelReplyRepo;
  outboundMessages: OutboundMessageRepo;
}

export type { ListPosition, Scope };
