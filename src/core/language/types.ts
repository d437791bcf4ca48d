/**
 * The language layer's shapes: what the rules (and, when they are unsure, an LLM) read in a patient's
 * message. `entities` are the words as written; `resolved` is what they mean for one tenant
 * (CONTRACT.md "Conversation, language, voice").
 */
import type { DayPeriod } from '../model';
import type { AvailableSlot } from '../availability/service';

export const INTENTS = ['book', 'reschedule', 'cancel', 'list', 'confirm', 'waitlist', 'handoff', 'greeting', 'help', 'unknown'] as const;
export type Intent = (typeof INTENTS)[number];

/** A stretch of the original message: [start, end) in UTF-16 code units. */
export interface Span {
  start: number;
  end: number;
}

/** A weekday and a date named together that disagree (When.date_conflict). */
export interface DateConflict {
  /** the date as written ("dia 5") */
  day: string;
  /** the day of the weekday named nearest to it ("sexta": the 4th) */
  weekday: string;
}

/** A day and month written that no calendar has ("31/11", "30 de fevereiro", "29/02/2027"). */
export interface InvalidDate {
  /** the words as written ("31/11", "dia 31 de novembro") */
  text: string;
  day: number;
  month: number;
  /** only when written ("29/02/2027") */
  year: number | null;
}

/** A day offered with the part of the day wished on it ("sexta de tarde"). */
export interface DayPeriodWish {
  date: string;
  period: DayPeriod;
}

/**
 * When the patient wants to come, in the local time of the clinic's zone. Every field is null when the
 * message does not say it.
 */
export interface When {
  /** the date words as written ("amanhã", "semana que vem", "dia 15"); the last one that counts */
  date_text: string | null;
  /** local dates, inclusive */
  date_from: string | null;
  date_to: string | null;
  /**
   * Only when the words offer several days as alternatives ("quinta ou sexta", "dia 3 ou 4"): those
   * days, sorted; `date_from`–`date_to` then spans them, and the days between are not asked for.
   */
  dates?: string[];
  /**
   * Only when several days are offered as alternatives each with its own part of the day ("sexta de tarde ou sábado de
   * manhã"), or a part of one day is left out of any day ("qualquer dia menos quarta à noite"): each such day with a part
   * wished on it, sorted by day; a day that keeps several parts is listed once per part (Wednesday morning, Wednesday
   * afternoon). `dates` holds the days; a day of `dates` not listed keeps the whole window (`time_from`–`time_to`).
   */
  day_periods?: DayPeriodWish[];
  /**
   * Only when one of the days offered each with its own part of the day is today and that part is already over at the
   * reference ("sexta de tarde ou sábado de manhã" on Friday at 19:00): that day and part. It is left out of `dates` and
   * `day_periods` (one day left reads as that day with its part: Saturday, the morning); the conversation says so.
   */
  period_passed?: DayPeriodWish;
  /**
   * Only when the date words name a day before today: that day ("ontem" → yesterday; the last day of a
   * range). "ontem" leaves `date_from` null; a date written with its year keeps its reading there.
   */
  date_passed?: string;
  /**
   * Only when a weekday is named beside a date that is another weekday ("sexta dia 5", the 5th a Saturday): `day`,
   * the date as written, and `weekday`, the nearest day of the weekday named (not before today). No date is taken
   * (`date_from` null): which one is meant is to be asked ("Dia 5 é um sábado. Você quer sexta, dia 4, ou sábado, dia 5?").
   */
  date_conflict?: DateConflict;
  /**
   * Only when the one date said is a day its month does not have ("31/11", "30 de fevereiro", "29/02/2027"): what was
   * written. No date is taken (`date_from` null) and none is guessed: the patient is told and asked again.
   */
  date_invalid?: InvalidDate;
  /**
   * Only when the one time said is a whole part of the day the patient says they will not go at ("não vou poder ir de
   * manhã"): that part. `time_from`–`time_to` then hold the rest of the day (the reading beside a booking); for a
   * cancel the language service reads the part as naming the appointment in it instead (RULES.md).
   */
  absent_period?: DayPeriod;
  /** the period word as written normalised: manha | tarde | noite */
  period: DayPeriod | null;
  /** an exact local time asked for ("14h", "às 2 da tarde", "9 e meia") */
  time: string | null;
  /** the wanted local clock range, `time_to` exclusive: from a period ("de manhã" 06:00–12:00), "cedo", "fim da tarde", "depois das 15h", "antes das 10", "entre 14 e 16h" */
  time_from: string | null;
  time_to: string | null;
  /** the time words as written ("14h", "de manhã") */
  time_text: string | null;
  /**
   * Only when a whole part of the day is refused with others left on both sides of it ("à tarde não posso": the
   * morning and the evening): the parts refused inside `time_from`–`time_to` (06:00–22:00), which no slot may start in.
   */
  refused_periods?: DayPeriod[];
}

export interface Entities {
  specialty: string | null;
  provider_name: string | null;
  appointment_type: string | null;
  location: string | null;
  date_text: string | null;
  period: DayPeriod | null;
  time: string | null;
}

export interface Resolved {
  specialty: string | null;
  /** only when the message asks for several specialties together ("cardio e dermato"): each, in order; `specialty` is the first */
  specialties?: string[];
  provider_ids: string[];
  /**
   * Only when the message swaps providers ("trocar a dra ana pelo dr paulo"): the provider(s) named as the one
   * replaced (Dra. Ana), empty when none is named ("trocar de médico pelo dr paulo"); `provider_ids` is
   * who comes instead
   */
  replaced_provider_ids?: string[];
  /**
   * only when one name the message says fits several active providers and nothing it says narrows them ("com o joão"
   * with Dr. João Batista and Dr. João Silva; not "com a dra ana ou o dr paulo", nor "ortopedia com o joão" with one João
   * of Ortopedia): `provider_ids` lists them all, and which one is meant is to be asked
   */
  provider_ambiguous?: boolean;
  appointment_type_id: string | null;
  location_id: string | null;
  date_from: string | null;
  date_to: string | null;
  /** only when the message offers several days as alternatives ("quinta ou sexta"): those days (When.dates) */
  dates?: string[];
  /** only when each day offered has its own part of the day (When.day_periods) */
  day_periods?: DayPeriodWish[];
  /** only when a day offered with its own part of the day is today and that part is over (When.period_passed): left out */
  period_passed?: DayPeriodWish;
  /**
   * only when the message names a specialty and a provider who does not practise it ("cardio com o dr rui"): the
   * specialty named (`specialty` stays it), and the one the provider(s) named share, if one (null when none or several)
   */
  specialty_not_practised?: { asked: string; practised: string | null };
  /** only when the date words name a day before today (When.date_passed): a booking cannot use them */
  date_passed?: string;
  /** only when a weekday and a date named together disagree (When.date_conflict): the two days to ask between; no date is taken */
  date_conflict?: DateConflict;
  /** only when the one date said does not exist (When.date_invalid): no date is taken */
  date_invalid?: InvalidDate;
  time_from: string | null;
  time_to: string | null;
  time: string | null;
  /** only when a part of the day refused lies inside the window left (When.refused_periods): no slot starts in it */
  refused_periods?: DayPeriod[];
  /**
   * Only when the message asks for a doctor by form of address and names no provider ("tem com médica mulher?",
   * "prefiro doutora": female; "tem algum médico homem?": male): that form, and the tenant's active providers whose
   * display name opens with its title (Dra. / Dr.), each with their specialties (a provider with no title on file
   * is in neither). The specialty in context narrows them; none is invented.
   */
  provider_form?: ProviderFormAsked;
}

/** A doctor asked for by form of address (Resolved.provider_form). */
export interface ProviderFormAsked {
  form: 'female' | 'male';
  providers: Array<{ id: string; name: string; specialties: string[] }>;
}

/** What is still needed before a booking can be offered. */
export const MISSING_FIELDS = ['specialty_or_provider', 'date', 'appointment_type'] as const;
export type MissingField = (typeof MISSING_FIELDS)[number];

export interface Understanding {
  intent: Intent;
  confidence: number;
  entities: Entities;
  resolved: Resolved;
  missing: MissingField[];
  suggested_slots: AvailableSlot[];
  used_llm: boolean;
}

/** The tenant's words the rules look for: names as stored, matched without case or accents. */
export interface LanguageCatalog {
  timezone: string;
  specialties: string[];
  providers: { id: string; name: string | null; specialties: string[] }[];
  appointmentTypes: { id: string; name: string; synonyms: string[]; specialty: string | null; duration_minutes: number }[];
  locations: { id: string; name: string; address: string | null; timezone: string }[];
}

/**
 * What an LLM reads a message as: names as the clinic's catalogue spells them when the words refer to
 * one (else as the patient wrote them), dates already resolved to local dates.
 */
export interface LlmReading {
  intent: Intent;
  specialty: string | null;
  provider_name: string | null;
  appointment_type: string | null;
  location: string | null;
  /** local dates YYYY-MM-DD, inclusive */
  date_from: string | null;
  date_to: string | null;
  time: string | null;
  period: DayPeriod | null;
}

export interface LlmRequest {
  message: string;
  /** the patient's local now, `YYYY-MM-DDTHH:MM` with weekday, e.g. "2026-11-25T09:00 (Wednesday)" */
  localNow: string;
  timezone: string;
  catalog: Pick<LanguageCatalog, 'specialties' | 'appointmentTypes' | 'locations'> & { providerNames: string[] };
}

/**
 * Port: an LLM that reads a message when the rules are unsure. Resolves null on any failure (timeout,
 * network, refusal, an answer that does not fit the schema); it never throws.
 */
export interface LanguageModel {
  read(request: LlmRequest): Promise<LlmReading | null>;
}

/** Why a voice note gets a question back instead of a reading (POST /voice). */
export const VOICE_CLARIFICATION_REASONS = ['empty_transcript', 'too_long', 'not_understood', 'missing_information'] as const;
export type VoiceClarificationReason = (typeof VOICE_CLARIFICATION_REASONS)[number];

/** A recording as the client sent it. */
export interface AudioClip {
  bytes: Uint8Array;
  /** the sender's file name, if any: informative only, the bytes decide the format */
  filename: string;
}

/** A clip whose format was recognised from its bytes. */
export interface RecognisedAudio {
  bytes: Uint8Array;
  /** a file extension the transcription endpoints know: ogg, mp3, m4a, mp4, wav, webm */
  extension: string;
  mediaType: string;
}

/**
 * Port: speech to text in Brazilian Portuguese (an OpenAI-compatible transcription endpoint). Resolves
 * the transcript, possibly empty (silence); rejects with an UpstreamFailedError (core/errors.ts) when
 * the service fails or does not answer in time.
 */
export interface Transcriber {
  transcribe(audio: RecognisedAudio): Promise<string>;
}

/** What a patient may ask about the clinic itself: its units, their addresses and opening hours, its specialties. */
export interface ClinicInfo {
  name: string;
  /** the specialties its active providers practise, as the clinic spells them, in alphabetical order */
  specialties: string[];
  locations: Array<{
    id: string;
    name: string;
    address: string | null;
    /** per weekday 0–6 (Sunday = 0): [opens, closes] local, or null when closed */
    hours: Array<[string, string] | null>;
  }>;
  /** The active appointment types and how long each takes (absent in conversations persisted before it was read). */
  appointment_types?: Array<{ id: string; name: string; specialty: string | null; duration_minutes: number }>;
}
