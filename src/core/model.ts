/**
 * Records the core works with. Field names are the API's (snake_case), so the layers pass them through
 * without renaming; `tenant_id` never leaves the server.
 */
export type Scope = 'read' | 'write' | 'admin';
export const SCOPES: readonly Scope[] = ['read', 'write', 'admin'];

export interface Tenant {
  id: string;
  name: string;
  created_at: string;
}

export interface ApiKey {
  id: string;
  tenant_id: string;
  name: string | null;
  prefix: string;
  scopes: Scope[];
  created_at: string;
  revoked_at: string | null;
}

export interface Room {
  id: string;
  name: string;
}

export interface Location {
  id: string;
  name: string;
  address: string | null;
  timezone: string;
  rooms: Room[];
  travel_minutes: Record<string, number>;
  is_active: boolean;
  created_at: string;
  updated_at: string;
}

export interface AppointmentType {
  id: string;
  name: string;
  duration_minutes: number;
  specialty: string | null;
  synonyms: string[];
  is_active: boolean;
  created_at: string;
  updated_at: string;
}

export const PATIENT_CHANNELS = ['whatsapp', 'sms', 'email', 'phone', 'web', 'terminal'] as const;
export type PatientChannel = (typeof PATIENT_CHANNELS)[number];

export interface Patient {
  id: string;
  name: string;
  phone: string | null;
  email: string | null;
  birth_date: string | null;
  preferred_channel: PatientChannel | null;
  is_active: boolean;
  created_at: string;
  updated_at: string;
}

export interface Provider {
  id: string;
  doctor_id: string;
  name: string | null;
  default_appointment_duration_minutes: number;
  buffer_between_appointments_minutes: number;
  max_daily_appointments: number | null;
  max_concurrent_appointments: number;
  primary_location_id: string | null;
  specialties: string[];
  is_accepting_new_patients: boolean;
  metadata: Record<string, unknown>;
  is_active: boolean;
  created_at: string;
  updated_at: string;
}

export interface ScheduleTemplate {
  id: string;
  provider_id: string;
  day_of_week: number;
  start_time: string;
  end_time: string;
  location_id: string;
  slot_interval_minutes: number | null;
  effective_from: string | null;
  effective_until: string | null;
  appointment_type_ids: string[];
  is_active: boolean;
  created_at: string;
  updated_at: string;
}

export const OVERRIDE_TYPES = ['blocked', 'modified', 'added'] as const;
export type OverrideType = (typeof OVERRIDE_TYPES)[number];

export interface ScheduleOverride {
  id: string;
  provider_id: string;
  date: string;
  type: OverrideType;
  start_time: string | null;
  end_time: string | null;
  location_id: string | null;
  reason: string | null;
  created_at: string;
}

/** Position in a list ordered by (created_at, id). */
export interface ListPosition {
  created_at: string;
  id: string;
}

export interface PageRequest {
  limit: number;
  after?: ListPosition;
}

export interface Page<T> {
  items: T[];
  /** where the next page starts, or null at the end */
  next: ListPosition | null;
}

export const APPOINTMENT_STATUSES = [
  'requested',
  'confirmed',
  'checked_in',
  'in_progress',
  'completed',
  'no_show',
  'cancelled',
] as const;
export type AppointmentStatus = (typeof APPOINTMENT_STATUSES)[number];

/** Statuses that hold the provider's, the room's and the patient's time. */
export const ACTIVE_STATUSES: readonly AppointmentStatus[] = ['requested', 'confirmed', 'checked_in', 'in_progress'];

export interface Appointment {
  id: string;
  provider_profile_id: string;
  patient_id: string;
  appointment_type_id: string;
  location_id: string;
  room_id: string | null;
  /** UTC, RFC 3339 with Z */
  start_time: string;
  end_time: string;
  status: AppointmentStatus;
  source: string;
  notes: string | null;
  internal_notes: string | null;
  external_reference: string | null;
  metadata: Record<string, unknown>;
  version: number;
  rescheduled_from_id: string | null;
  rescheduled_to_id: string | null;
  cancellation_reason: string | null;
  cancelled_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface StatusChange {
  from_status: AppointmentStatus | null;
  to_status: AppointmentStatus;
  changed_by: string | null;
  reason: string | null;
  notes: string | null;
  changed_at: string;
}

export const EVENT_TYPES = [
  'appointment.created',
  'appointment.confirmed',
  'appointment.checked_in',
  'appointment.started',
  'appointment.completed',
  'appointment.no_show',
  'appointment.cancelled',
  'appointment.rescheduled',
  'waitlist.added',
  'waitlist.slot_available',
  'waitlist.removed',
  'conversation.handoff_requested',
  'webhook.test',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

/** An outbox row: written in the same atomic step as the change it reports. */
export interface OutboxEvent {
  id: string;
  event_type: EventType;
  aggregate_id: string;
  payload: Record<string, unknown>;
  created_at: string;
}

export const WAITLIST_STATUSES = ['waiting', 'offered', 'booked', 'removed'] as const;
export type WaitlistStatus = (typeof WAITLIST_STATUSES)[number];
/** Entries that hold a place in the queue. */
export const ACTIVE_WAITLIST_STATUSES: readonly WaitlistStatus[] = ['waiting', 'offered'];
/** Local day periods: manha 06:00–12:00, tarde 12:00–18:00, noite 18:00–22:00 (end exclusive). */
export const DAY_PERIODS = ['manha', 'tarde', 'noite'] as const;
export type DayPeriod = (typeof DAY_PERIODS)[number];

/** A patient waiting for a time with a provider, or with any provider of a specialty. */
export interface WaitlistEntry {
  id: string;
  patient_id: string;
  appointment_type_id: string;
  provider_id: string | null;
  specialty: string | null;
  location_id: string | null;
  /** local dates (the freed appointment's location), inclusive; null = open */
  date_from: string | null;
  date_to: string | null;
  /** empty = any period */
  periods: DayPeriod[];
  /** higher first */
  priority: number;
  status: WaitlistStatus;
  notes: string | null;
  created_at: string;
  updated_at: string;
}

/** A freed time offered to a waitlist entry. */
export interface WaitlistOffer {
  id: string;
  entry_id: string;
  /** the cancelled (or rescheduled) appointment whose time this is */
  source_appointment_id: string | null;
  provider_id: string;
  location_id: string;
  start_time: string;
  end_time: string;
  offered_at: string;
}

/**
 * The kinds of message the clinic starts that WhatsApp reaches outside its 24-hour window only as an approved template
 * (locales/pt-BR/messages.ts `whatsappTemplates` holds the body each one's parameters fill).
 */
export const MESSAGE_TEMPLATE_NAMES = ['appointment_reminder', 'waitlist_offer'] as const;
export type MessageTemplateName = (typeof MESSAGE_TEMPLATE_NAMES)[number];

/** A message the clinic starts, as the parameters of its template: `{{1}}`, `{{2}}`, … in order. */
export interface MessageTemplate {
  name: MessageTemplateName;
  parameters: string[];
}

/** A message to a patient, written with the change that causes it; a channel sends it later. */
export interface OutboundMessage {
  id: string;
  patient_id: string;
  channel: PatientChannel | null;
  kind: string;
  body: string;
  payload: Record<string, unknown>;
  created_at: string;
}

/** A tenant's webhook subscription. The signing secret is not part of it: it is shown once. */
export interface WebhookSubscription {
  id: string;
  url: string;
  /** event types and patterns (`appointment.*`, `*`) */
  events: string[];
  description: string | null;
  is_active: boolean;
  /** why the server deactivated it (e.g. the receiver answered 410 Gone); null otherwise */
  disabled_reason: string | null;
  /** after a rotation: until when the previous secret still signs beside the new one; null if never rotated */
  rotated_secret_expires_at: string | null;
  created_at: string;
  updated_at: string;
}

/**
 * A message to a patient: waiting to be sent (`pending`), sent, `skipped` (moot by the time it was due:
 * the appointment was cancelled, the offer taken, no channel of ours reaches the patient) or `failed`
 * (the channel refused it every time).
 */
export const OUTBOUND_MESSAGE_STATUSES = ['pending', 'sent', 'skipped', 'failed'] as const;
export type OutboundMessageStatus = (typeof OUTBOUND_MESSAGE_STATUSES)[number];

export const DELIVERY_STATUSES = ['pending', 'succeeded', 'dead'] as const;
/** `pending`: waiting for its next attempt; `succeeded`: a 2xx came back; `dead`: in the dead-letter queue. */
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/** One try at sending a delivery. */
export interface WebhookAttempt {
  /** 1-based, across redeliveries */
  attempt: number;
  attempted_at: string;
  /** null when no response came (network error, timeout, refused address) */
  status_code: number | null;
  duration_ms: number;
  error: string | null;
  /** the start of the response body, truncated */
  response_excerpt: string | null;
}

/** One event for one subscription; its id is the `webhook-id` header of every attempt. */
export interface WebhookDelivery {
  id: string;
  subscription_id: string;
  event_id: string;
  event_type: string;
  status: DeliveryStatus;
  attempt_count: number;
  /** when the next attempt is due (pending only) */
  next_attempt_at: string | null;
  last_status_code: number | null;
  last_error: string | null;
  /** the exact JSON body sent: `{type, timestamp, data}` */
  payload: Record<string, unknown>;
  created_at: string;
  updated_at: string;
  delivered_at: string | null;
  dead_at: string | null;
  /** oldest first */
  attempts: WebhookAttempt[];
}
