/**
 * The language layer: a patient's pt-BR message → intent, entities as written, and what they mean for
 * this tenant (CONTRACT.md "Conversation, language, voice"; details in RULES.md). Rules first, in
 * process and without network; an LLM, when configured, only when the rules are unsure, and any
 * failure of it leaves the rules' answer. With a complete booking request it also proposes slots from
 * the slot engine.
 */
import type { CoreDeps } from '../deps';
import { ValidationError } from '../errors';
import { addDays, DEFAULT_TIMEZONE, localDate, minutesOfDay } from '../time';
import { MAX_SLOT_RANGE_DAYS, type AvailableSlot, type SlotQuery } from '../availability/service';
import type { makeAvailabilityService } from '../availability/service';
import { classifyIntent, CONFIDENCE, LLM_THRESHOLD, type IntentReading } from './intent';
import { buildMatchers, defaultTypeId, findEntities, providersByName, type CatalogMatchers, type FoundEntities } from './entities';
import { fold, foldKey, prepare } from './normalize';
import { extractWhen } from './when';
import type { LanguageCatalog, LanguageModel, LlmReading, MissingField, Understanding, When } from './types';
import { PERIOD_MINUTES } from '../periods';
import { CLINIC_QUESTION } from '../../../locales/pt-BR/lexicon';
import { clockTime } from '../time';

/** Longer messages are refused: no patient writes a booking request this long. */
export const MAX_MESSAGE_CHARS = 5000;
export const SUGGESTED_SLOTS = 5;

export interface UnderstandRequest {
  message: string;
  patient_id: string;
  /** RFC 3339 instant relative words resolve against; default now */
  reference_time?: Date;
  location_id?: string;
}

export interface LanguageDeps {
  availability: ReturnType<typeof makeAvailabilityService>;
  languageModel: LanguageModel | null;
}

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

export function makeLanguageService({ repos, clock }: CoreDeps, { availability, languageModel }: LanguageDeps) {
  return {
    async understand(tenantId: string, request: UnderstandRequest): Promise<Understanding> {
      const original = prepare(request.message);
      if (original.length === 0) throw ValidationError.field('message', 'must not be empty');
      if (original.length > MAX_MESSAGE_CHARS) throw ValidationError.field('message', `at most ${MAX_MESSAGE_CHARS} characters`);

      const [patient, location, catalogRows] = await Promise.all([
        repos.patients.get(tenantId, request.patient_id),
        request.location_id === undefined ? Promise.resolve(null) : repos.locations.get(tenantId, request.location_id),
        repos.languageCatalog.catalog(tenantId),
      ]);
      if (!patient) throw ValidationError.field('patient_id', 'unknown patient');
      if (request.location_id !== undefined && (!location || !location.is_active)) {
        throw ValidationError.field('location_id', location ? 'inactive location' : 'unknown location');
      }
      const catalog: LanguageCatalog = {
        ...catalogRows,
        timezone: location?.timezone ?? catalogRows.locations[0]?.timezone ?? DEFAULT_TIMEZONE,
      };
      const reference = request.reference_time ?? clock.now();
      const matchers = buildMatchers(catalog);
      const folded = fold(original);

      let intent = classifyIntent(folded);
      const found = findEntities(original, folded, matchers, catalog);
      const zone = zoneOf(found.location?.id ?? location?.id ?? null, catalog);
      let when = extractWhen(original, { reference, timezone: zone });
      intent = withImplicitBooking(intent, found, when, folded);

      let reading: LlmReading | null = null;
      if (languageModel && intent.confidence < LLM_THRESHOLD) {
        reading = await languageModel.read({
          message: original,
          localNow: localNow(reference, zone),
          timezone: zone,
          catalog: {
            specialties: catalog.specialties,
            appointmentTypes: catalog.appointmentTypes,
            locations: catalog.locations,
            providerNames: catalog.providers.map((p) => p.name).filter((n): n is string => !!n),
          },
        });
      }

      const facts = reading ? merge(found, when, reading, matchers, catalog) : { found, when };
      if (reading) intent = { intent: reading.intent, confidence: Math.max(intent.confidence, CONFIDENCE.contested), evidence: 'strong' };
      when = facts.when;

      const result = resolve(intent.intent, facts.found, when, catalog, location?.id ?? null);
      const understanding: Understanding = {
        intent: intent.intent,
        confidence: intent.confidence,
        entities: {
          specialty: facts.found.specialty?.text ?? null,
          provider_name: facts.found.provider?.text ?? null,
          appointment_type: facts.found.appointmentType?.text ?? null,
          location: facts.found.location?.text ?? null,
          date_text: when.date_text,
          period: when.period,
          time: when.time_text,
        },
        resolved: result,
        missing: missingFor(intent.intent, result),
        suggested_slots: [],
        used_llm: reading !== null,
      };
      if (understanding.intent === 'book' && understanding.missing.length === 0) {
        understanding.suggested_slots = await suggest(tenantId, understanding, when, reference, zone);
      }
      return understanding;
    },
  };

  async function suggest(tenantId: string, u: Understanding, when: When, reference: Date, zone: string): Promise<AvailableSlot[]> {
    const r = u.resolved;
    const today = localDate(reference, zone);
    const from = r.date_from! < today ? today : r.date_from!;
    if (r.date_to! < from) return [];
    const to = r.date_to! > addDays(from, MAX_SLOT_RANGE_DAYS) ? addDays(from, MAX_SLOT_RANGE_DAYS) : r.date_to!;
    const range = clockRange(when);
    const base: Omit<SlotQuery, 'provider_id' | 'specialty'> = {
      date_from: from,
      date_to: to,
      appointment_type_id: r.appointment_type_id!,
      location_id: r.location_id ?? undefined,
      period: when.period ?? undefined,
      time: r.time ?? undefined,
      // a clock range filters what the search scores, so look further than one page
      limit: range ? 200 : SUGGESTED_SLOTS,
    };
    const queries: SlotQuery[] =
      r.provider_ids.length > 0
        ? r.provider_ids.map((id) => ({ ...base, provider_id: id }))
        : [{ ...base, specialty: r.specialty! }];
    const pages = await Promise.all(queries.map((q) => availability.searchSlots(tenantId, q)));
    return pages
      .flatMap((p) => p.items)
      .filter((s) => !range || (minutesOfDay(s.start_time) >= range[0] && minutesOfDay(s.start_time) < range[1]))
      .sort((a, b) => b.score - a.score || a.start_at.localeCompare(b.start_at))
      .slice(0, SUGGESTED_SLOTS);
  }
}

/** The local clock range a slot must start in, in minutes; null when only an exact time (or nothing) was asked. */
function clockRange(when: When): [number, number] | null {
  if (when.time) return null;
  if (when.time_from && when.time_to) return [minutesOfDay(when.time_from), minutesOfDay(when.time_to)];
  if (when.period) return [...PERIOD_MINUTES[when.period]];
  return null;
}

function zoneOf(locationId: string | null, catalog: LanguageCatalog): string {
  return catalog.locations.find((l) => l.id === locationId)?.timezone ?? catalog.timezone;
}

/** "2026-11-25T09:00 (Wednesday)": the patient's now, for an LLM. */
function localNow(reference: Date, zone: string): string {
  const date = localDate(reference, zone);
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone: zone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(reference);
  const weekday = new Date(`${date}T12:00:00Z`).getUTCDay();
  return `${date}T${parts} (${WEEKDAYS[weekday]})`;
}

/**
 * A message with no intent words that still names a specialty, provider or date ("cardio amanhã",
 * "oi, dermato sexta") is a booking request.
 */
function withImplicitBooking(intent: IntentReading, found: FoundEntities, when: When, folded: string): IntentReading {
  const names = found.specialty || found.provider || when.date_from;
  if (!names || asksAboutClinic(folded)) return intent;
  if (intent.intent === 'unknown' || intent.intent === 'greeting' || (intent.evidence === 'weak' && intent.intent === 'confirm')) {
    return { intent: 'book', confidence: CONFIDENCE.implicitBook, evidence: 'weak' };
  }
  return intent;
}

const CLINIC_QUESTION_RE = new RegExp(`(?<![\\p{L}\\p{N}])${CLINIC_QUESTION}(?![\\p{L}\\p{N}])`, 'u');

/** "vcs abrem sábado?": a question about the clinic, not a booking. */
function asksAboutClinic(folded: string): boolean {
  return CLINIC_QUESTION_RE.test(folded);
}

/** The rules' facts, completed with what an LLM read where the rules found nothing. */
function merge(found: FoundEntities, when: When, reading: LlmReading, m: CatalogMatchers, catalog: LanguageCatalog) {
  const next: FoundEntities = { ...found };
  if (!next.specialty && reading.specialty) {
    const hit = m.specialty.last(foldKey(reading.specialty));
    if (hit) next.specialty = { text: reading.specialty, canonical: hit.values[0]! };
  }
  if (!next.provider && reading.provider_name) {
    const ids = providersByName(reading.provider_name, m);
    if (ids.length > 0) next.provider = { text: reading.provider_name, ids };
  }
  if (!next.appointmentType && reading.appointment_type) {
    const hit = m.appointmentType.last(foldKey(reading.appointment_type));
    if (hit) next.appointmentType = { text: reading.appointment_type, id: hit.values[0]! };
  }
  if (!next.location && reading.location) {
    const hit = m.location.last(foldKey(reading.location)) ?? byLocationName(reading.location, catalog);
    if (hit) next.location = { text: reading.location, id: hit.values[0]! };
  }
  const nextWhen: When = { ...when };
  if (!when.date_from && reading.date_from && reading.date_to && reading.date_from <= reading.date_to) {
    nextWhen.date_from = reading.date_from;
    nextWhen.date_to = reading.date_to;
  }
  if (!when.time && !when.time_from && reading.time) nextWhen.time = reading.time;
  if (!when.period && !when.time && !when.time_from && reading.period) {
    nextWhen.period = reading.period;
    const [from, to] = PERIOD_MINUTES[reading.period];
    nextWhen.time_from = clockTime(from);
    nextWhen.time_to = clockTime(to);
  }
  return { found: next, when: nextWhen };
}

function byLocationName(name: string, catalog: LanguageCatalog): { values: string[] } | null {
  const key = foldKey(name);
  const l = catalog.locations.find((x) => foldKey(x.name) === key);
  return l ? { values: [l.id] } : null;
}

function resolve(intent: Understanding['intent'], found: FoundEntities, when: When, catalog: LanguageCatalog, requestLocation: string | null) {
  const providerIds = found.provider?.ids ?? [];
  let specialty = found.specialty?.canonical ?? null;
  if (!specialty && providerIds.length > 0) {
    // the providers' specialty, when they have one and the same
    const specialties = new Set(catalog.providers.filter((p) => providerIds.includes(p.id)).map((p) => (p.specialties.length === 1 ? p.specialties[0]! : '')));
    if (specialties.size === 1 && !specialties.has('')) specialty = [...specialties][0]!;
  }
  let typeId = found.appointmentType?.id ?? null;
  if (!typeId && (intent === 'book' || intent === 'waitlist')) typeId = defaultTypeId(catalog);
  if (!specialty && typeId) specialty = catalog.appointmentTypes.find((t) => t.id === typeId)?.specialty ?? null;
  return {
    specialty,
    provider_ids: providerIds,
    appointment_type_id: typeId,
    location_id: found.location?.id ?? requestLocation,
    date_from: when.date_from,
    date_to: when.date_to,
    time_from: when.time ? null : when.time_from,
    time_to: when.time ? null : when.time_to,
    time: when.time,
  };
}

/** What a booking (or waitlist entry, or a move) still needs; nothing for other intents. */
function missingFor(intent: Understanding['intent'], r: Understanding['resolved']): MissingField[] {
  if (intent === 'reschedule') return r.date_from ? [] : ['date'];
  if (intent !== 'book' && intent !== 'waitlist') return [];
  const missing: MissingField[] = [];
  if (!r.specialty && r.provider_ids.length === 0) missing.push('specialty_or_provider');
  if (!r.date_from) missing.push('date');
  if (!r.appointment_type_id) missing.push('appointment_type');
  return missing;
}
