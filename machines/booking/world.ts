/**
 * What the booking machine may ask of the world. The runtime (machines/runtime) implements each as a
 * `fromPromise` actor over the core, bound to one tenant and patient; the machine knows nothing else.
 * Every answer is plain data, so snapshots stay serialisable.
 */
import type { AvailableSlot } from '../../src/core/availability/service';
import type { Understanding } from '../../src/core/language/types';
import type { DayPeriod } from '../../src/core/model';

/** What the patient wants, gathered over the turns; null = not said yet. */
export interface BookingFacts {
  specialty: string | null;
  provider_ids: string[];
  /** the provider(s) as the patient named them, for the replies */
  provider_name: string | null;
  /** providers not to offer: a change of doctor leaves the appointment's own */
  exclude_provider_ids: string[];
  appointment_type_id: string | null;
  location_id: string | null;
  /** local dates, inclusive */
  date_from: string | null;
  date_to: string | null;
  /** only these days of the range, offered as alternatives ("quinta ou sexta"); null: every day */
  dates: string[] | null;
  /** the patient said any date will do ("tanto faz", "o quanto antes"): the range is the nearest days, searched for the nearest times */
  any_date: boolean;
  period: DayPeriod | null;
  time: string | null;
  time_from: string | null;
  time_to: string | null;
  /**
   * parts of the day refused inside time_from–time_to ("à tarde não posso": 06:00–22:00 without the afternoon), which
   * no option may start in (absent in facts saved before it was kept)
   */
  refused_periods: DayPeriod[];
  /**
   * "sexta de tarde ou sábado de manhã": the part of the day wished on each day of `dates` (a day of `dates` it does not
   * name takes the whole window); null none (absent in facts saved before it was kept)
   */
  day_periods: Array<{ date: string; period: DayPeriod }> | null;
}

/** A slot as offered: the search's slot plus what the replies need. */
export interface OfferedSlot extends AvailableSlot {
  appointment_type_id: string;
  appointment_type_name: string;
  location_address: string | null;
}

/** An upcoming appointment of the patient, described for the replies (local to its location). */
export interface PatientAppointment {
  id: string;
  status: string;
  version: number;
  provider_id: string;
  provider_name: string | null;
  specialty: string | null;
  appointment_type_id: string;
  appointment_type_name: string;
  location_id: string;
  location_name: string;
  location_address: string | null;
  timezone: string;
  /** local date and time at its location */
  date: string;
  start_time: string;
  start_at: string;
  end_at: string;
}

/**
 * A time offered from the waitlist (the patient was told of it by a message), described for the replies.
 * `stands`: the patient may still take it; otherwise it was taken, or turned down, and they wait again.
 */
export interface WaitlistOfferView
  extends Pick<PatientAppointment, 'provider_name' | 'specialty' | 'appointment_type_name' | 'location_name' | 'location_address' | 'date' | 'start_time'> {
  id: string;
  stands: boolean;
  /** the waitlist entry the time was offered to */
  entry_id: string;
  /** the provider of the freed time */
  provider_id: string;
  /** the entry waits for that provider (not for any of the specialty): a search after a no keeps them */
  waits_for_provider: boolean;
}

/** One of the patient's active waitlist entries, described for the replies. */
export interface PatientWaitlistEntry {
  id: string;
  specialty: string | null;
  /** the provider waited for (null: any of the specialty) */
  provider_name: string | null;
  provider_id: string | null;
  /** the specialties it waits for: its own, its provider's, its type's (to match a question naming one) */
  specialties: string[];
  /** the place waited at (null: any) */
  location_id: string | null;
  /** local dates, inclusive; null = open */
  date_from: string | null;
  date_to: string | null;
  /** empty = any period */
  periods: DayPeriod[];
  /** 1-based rank in its queue (null: none given) */
  position: number | null;
}

/** A weekly stretch of hours some provider works at a place (a template of their schedule), local to the place. */
export interface WeeklyHours {
  provider_id: string;
  /** the provider's name as the clinic spells it (null: none on file; absent: not read) */
  provider_name?: string | null;
  location_id: string;
  location_name: string;
  /** 0–6, Sunday = 0 */
  day_of_week: number;
  start_time: string;
  end_time: string;
}

/** Hours a provider works on one date asked: the weekly templates with that date's overrides applied. */
export interface DayHours {
  provider_id: string;
  location_id: string;
  location_name: string;
  date: string;
  start_time: string;
  end_time: string;
}

/** The clinic's units with address and opening hours (the language layer's answer to "onde fica?"). */
import type { ClinicInfo } from '../../src/core/language/types';
export type { ClinicInfo };

export type BookResult =
  /** `leftWaitlist`: the patient's waitlist entries the booking served, removed (said after the booking) */
  | { ok: true; appointment: PatientAppointment; leftWaitlist?: PatientWaitlistEntry[] }
  /** `taken`: someone else got the time (or a rule now refuses it); the machine offers fresh times */
  | { ok: false; reason: 'taken' | 'refused'; detail: string };

export type ChangeResult = { ok: true; appointment: PatientAppointment } | { ok: false; reason: 'taken' | 'refused'; detail: string };

/**
 * The language layer's reading of a message, with the clinic's spelling of each provider it resolved
 * (`provider_names`, in the order of `resolved.provider_ids`; a provider with no name on file is left
 * out). The runtime takes the names from the catalog it reads for the turn: no call of its own.
 */
export interface Reading extends Understanding {
  provider_names: string[];
  /** the specialties of each provider resolved, in the order of `resolved.provider_ids` (absent: not read) */
  provider_specialties?: string[][];
}

/** Inputs and outputs of the runtime's actors, by actor name (the names used in `setup({ actors })`). */
export interface WorldActors {
  /**
   * the language layer on one message (`reference_time`: the turn's now). `now` (optional, added by
   * the machine): the turn's instant as the MESSAGE event carried it, so the actor need not keep it aside.
   */
  understand: { input: { message: string; now?: string }; output: Reading };
  /**
   * up to `limit` slots for the facts (which must name a specialty or providers, a type and dates), best first, none
   * starting at an `exclude` instant and none overlapping another of the patient's appointments (the patient cannot be
   * booked twice at once); `moving`: the appointment a move is of, whose own time does not count
   */
  searchSlots: { input: { facts: BookingFacts; limit: number; exclude: string[]; moving?: string | null }; output: OfferedSlot[] };
  /**
   * books the slot for the patient (source: the channel); the patient's waitlist entries it serves are removed after it,
   * and `replaces` (the entry a waitlist request in progress was to replace: the booking answers that request instead)
   */
  book: { input: { slot: OfferedSlot; replaces?: string | null }; output: BookResult };
  /**
   * the patient's appointments from now on that are not cancelled, completed or no-show, soonest first; with `started`,
   * also those that have begun and not yet ended (being late is said after the start too); with `missedSince` (a local
   * date), also those from that date on that have begun and are still requested or confirmed, or no-show (a missed
   * appointment, to move)
   */
  listAppointments: { input: { started?: boolean; missedSince?: string }; output: PatientAppointment[] };
  cancel: { input: { appointmentId: string }; output: ChangeResult };
  confirm: { input: { appointmentId: string }; output: ChangeResult };
  reschedule: { input: { appointmentId: string; slot: OfferedSlot }; output: ChangeResult };
  /**
   * a waitlist entry for the facts (specialty or provider, type, dates, period); `replaces`: the patient's entry the new
   * one takes the place of, removed in the new one's insert step (both or neither), before its position is counted
   */
  joinWaitlist: {
    input: { facts: BookingFacts; replaces?: string | null };
    output: { ok: true; id: string; position: number } | { ok: false; detail: string };
  };
  /**
   * removes the patient's waitlist entries (the core's removal, as DELETE /waitlist/{id}: event `waitlist.removed`, a
   * freed time the entry held goes to the next in line); `removed`: how many were active and are removed now
   */
  leaveWaitlist: { input: { entryIds: string[] }; output: { ok: true; removed: number } | { ok: false; detail: string } };
  /** the patient's waitlist entries, a freed time awaiting their answer, and the clinic's active places (to name one asked) */
  listWaitlist: {
    input: Record<string, never>;
    output: { entries: PatientWaitlistEntry[]; offer: WaitlistOfferView | null; places: Array<{ id: string; name: string }> };
  };
  /**
   * the patient's newest waitlist offer made after `since` (the previous turn; null: any) whose time
   * has not started, which a bare "sim" or "não" now answers
   */
  latestOffer: { input: { since: string | null }; output: WaitlistOfferView | null };
  /** books the offered time for the patient; on a refusal the entry waits again and a time still free goes to the next in line */
  acceptOffer: { input: { offerId: string }; output: BookResult };
  /** the entry waits again, and the time goes to the next in line */
  declineOffer: { input: { offerId: string }; output: { ok: boolean } };
  clinicInfo: { input: Record<string, never>; output: ClinicInfo };
  /** the clinic's active providers of a specialty, with their names as the clinic spells them (null: none on file) */
  specialtyProviders: { input: { specialty: string }; output: Array<{ id: string; name: string | null }> };
  /**
   * the weekly hours the providers asked work (none asked: every active provider of the specialty), from
   * their active schedule templates still in effect, with the clinic's active places (id and name)
   */
  specialtyHours: {
    /** `dates`: the days asked (a week at most); their hours, date overrides included, come back as `dayHours` */
    input: { specialty: string | null; provider_ids: string[]; dates?: string[] | null };
    /** `places`: every unit, with its address (answered beside the hours when where is asked too) */
    output: { hours: WeeklyHours[]; places: Array<{ id: string; name: string; address: string | null }>; dayHours?: DayHours[] };
  };
  /**
   * writes the outbox event `conversation.handoff_requested`: `complaint`, the patient's words when a person is called for
   * a complaint (reason `complaint`), else null
   */
  requestHandoff: { input: { reason: 'asked' | 'not_understood' | 'complaint'; complaint: string | null }; output: { ok: true } };
  /**
   * the full name a patient known only by a phone gave, saved as their record's name; `name`: the record's name after it
   * (a name the clinic recorded meanwhile stays, and is the one given back); a name the core refuses comes back `ok: false`
   */
  savePatientName: { input: { name: string }; output: { ok: true; name: string } | { ok: false; detail: string } };
}

/** What the machine starts from. */
export interface BookingMachineInput {
  /** the patient's first name, for the greeting that names them */
  firstName: string;
  /** the clinic's zone for "hoje"/"amanhã" in replies */
  timezone: string;
  /** true when the previous conversation timed out: greet briefly */
  resumedAfterTimeout?: boolean;
  /** when the conversation that timed out had its last turn: what the patient read from us since */
  previousTurnAt?: string;
  /** the booking in progress when the previous conversation timed out (its specialty or provider known), to offer to search again */
  previousRequest?: BookingFacts;
  /** the appointment being moved when the previous conversation timed out (with `previousRequest`, the move's wish) */
  previousMove?: PatientAppointment;
}

/**
 * The one event the runtime sends per turn: the patient's message, or a reminder of one of their appointments (a turn
 * the clinic starts, taken only where nothing is pending: idle or done).
 */
export type BookingEvent = { type: 'MESSAGE'; text: string; now: string } | { type: 'REMIND'; appointmentId: string; now: string } | { type: 'RELEASE' };

/**
 * States the machine rests in between turns (the `state` of the API). A turn ends when the machine
 * reaches one of these with no actor running.
 */
export const RESTING_STATES = [
  'idle',
  'collecting',
  'offering',
  'confirming',
  'done',
  'choosing_appointment',
  'confirming_cancel',
  'confirming_appointment',
  'cancel_or_stop',
  'waitlist_offered',
  'handoff',
] as const;
export type RestingState = (typeof RESTING_STATES)[number];
