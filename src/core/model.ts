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
