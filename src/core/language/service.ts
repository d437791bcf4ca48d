/**
 * The language layer: a patient's pt-BR message → intent, entities as written, and what they mean for
 * this tenant (CONTRACT.md "Conversation, language, voice"; details in RULES.md). Rules first, in
 * process and without network; an LLM, when configured, only when the rules are unsure, and any
 * failure of it leaves the rules' answer. With a complete booking request it also proposes slots from
 * the slot engine.
 */
import type { CoreDeps } from '../deps';
import type { DayPeriod } from '../model';
import { ValidationError } from '../errors';
import { DEFAULT_TIMEZONE, localDate } from '../time';
import type { AvailableSlot } from '../availability/service';
import { suggestSlots } from '../availability/suggest';
import type { makeAvailabilityService } from '../availability/service';
import { classifyIntent, CONFIDENCE, LLM_THRESHOLD, type IntentReading } from './intent';
import { buildMatchers, defaultTypeId, findEntities, providerFormAsked, providerFormOf, providersByName, type CatalogMatchers, type FoundEntities } from './entities';
import { fold, foldKey, prepare } from './normalize';
import { extractWhen } from './when';
import type { ClinicInfo, LanguageCatalog, LanguageModel, LlmReading, MissingField, Understanding, When } from './types';
import { PERIOD_MINUTES } from '../periods';
import { CLINIC_QUESTION, FIRST_NAME_ASK } from '../../../locales/pt-BR/lexicon';
import { clockTime } from '../time';

/** Longer messages are refused: no patient writes a booking request this long. */
export const MAX_MESSAGE_CHARS = 5000;
export const SUGGESTED_SLOTS = 5;
/** How long the tenant's names are reused before they are read again. */
export const CATALOG_TTL_MS = 1000;

export interface UnderstandRequest {
  message: string;
  patient_id: string;
  /** RFC 3339 instant relative words resolve against; default now */
  reference_time?: Date;
  location_id?: string;
  /** propose slots when the request is complete (default true; the conversation searches itself) */
  suggest?: boolean;
  /** the caller has just checked that the patient is the tenant's and active (the conversation runtime) */
  patientChecked?: boolean;
}

export interface LanguageDeps {
  availability: ReturnType<typeof makeAvailabilityService>;
  languageModel: LanguageModel | null;
}

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

export function makeLanguageService({ repos, clock }: CoreDeps, { availability, languageModel }: LanguageDeps) {
  /**
   * The tenant's names change rarely and every message needs them: a read is reused for
   * CATALOG_TTL_MS per tenant (a monotonic timer, not the business clock), so a new provider or
   * synonym is understood within a second. What is kept is the rows read, never the promise of a read:
   * on Workers a request awaiting another request's read would wait forever if that request ended
   * first. Requests that find nothing fresh each read (on SQLite a read is synchronous underneath and
   * over in microseconds, so two at once are rare and cheap on Node).
   */
  const catalogs = new Map<string, { until: number; rows: Omit<LanguageCatalog, 'timezone'> }>();
  async function catalogRows(tenantId: string): Promise<Omit<LanguageCatalog, 'timezone'>> {
    const now = performance.now();
    const cached = catalogs.get(tenantId);
    if (cached && cached.until > now) return cached.rows;
    const rows = await repos.languageCatalog.catalog(tenantId);
    catalogs.set(tenantId, { until: now + CATALOG_TTL_MS, rows });
    return rows;
  }

  /** Matchers are built once per catalogue read, shared by every message until it is read again. */
  const matchersByRows = new WeakMap<object, CatalogMatchers>();
  function matchersOf(catalog: LanguageCatalog, rows: object): CatalogMatchers {
    let m = matchersByRows.get(rows);
    if (!m) {
      m = buildMatchers(catalog);
      matchersByRows.set(rows, m);
    }
    return m;
  }

  async function catalogOf(tenantId: string, location?: { timezone: string } | null): Promise<LanguageCatalog & { rows: object }> {
    const rows = await catalogRows(tenantId);
    return { ...rows, timezone: location?.timezone ?? rows.locations[0]?.timezone ?? DEFAULT_TIMEZONE, rows };
  }

  return {
    /** The tenant's active names and the zone relative words resolve in (its first location's). */
    catalog: (tenantId: string) => catalogOf(tenantId),

    /** The clinic's units with address and opening hours (from the providers' weekly templates there). */
    async clinicInfo(tenantId: string): Promise<ClinicInfo> {
      const [tenant, catalog, hours] = await Promise.all([
        repos.tenants.get(tenantId),
        catalogRows(tenantId),
        repos.languageCatalog.openingHours(tenantId),
      ]);
      return {
        name: tenant?.name ?? '',
        specialties: [...catalog.specialties].sort((a, b) => a.localeCompare(b, 'pt-BR')),
        locations: catalog.locations.map((l) => ({
          id: l.id,
          name: l.name,
          address: l.address,
          hours: [0, 1, 2, 3, 4, 5, 6].map((day) => {
            const h = hours.find((x) => x.location_id === l.id && x.day_of_week === day);
            return h ? ([h.opens, h.closes] as [string, string]) : null;
          }),
        })),
        appointment_types: catalog.appointmentTypes.map((t) => ({
          id: t.id,
          name: t.name,
          specialty: t.specialty,
          duration_minutes: t.duration_minutes,
        })),
      };
    },

    async understand(tenantId: string, request: UnderstandRequest): Promise<Understanding> {
      const original = prepare(request.message);
      if (original.length === 0) throw ValidationError.field('message', 'must not be empty');
      if (original.length > MAX_MESSAGE_CHARS) throw ValidationError.field('message', `at most ${MAX_MESSAGE_CHARS} characters`);

      const [patient, location] = await Promise.all([
        request.patientChecked ? Promise.resolve({ id: request.patient_id }) : repos.patients.get(tenantId, request.patient_id),
        request.location_id === undefined ? Promise.resolve(null) : repos.locations.get(tenantId, request.location_id),
      ]);
      if (!patient) throw ValidationError.field('patient_id', 'unknown patient');
      if (request.location_id !== undefined && (!location || !location.is_active)) {
        throw ValidationError.field('location_id', location ? 'inactive location' : 'unknown location');
      }
      const catalog = await catalogOf(tenantId, location);
      const reference = request.reference_time ?? clock.now();
      const matchers = matchersOf(catalog, catalog.rows);
      const folded = fold(original);

      let intent = classifyIntent(folded);
      const found = findEntities(original, folded, matchers, catalog);
      const zone = zoneOf(found.location?.id ?? location?.id ?? null, catalog);
      let when = extractWhen(original, { reference, timezone: zone });
      intent = withSomeoneNamed(intent, found, when, folded);
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

      const facts = reading ? merge(found, when, reading, matchers, catalog, localDate(reference, zone)) : { found, when };
      if (reading) intent = { intent: reading.intent, confidence: Math.max(intent.confidence, CONFIDENCE.contested), evidence: 'strong' };
      when = facts.when;
      // "não vou poder ir de manhã" as a cancel: the morning names the appointment (the morning one), no part refused
      if (intent.intent === 'cancel' && when.absent_period) when = periodNamed(when, when.absent_period);

      const result = resolve(intent.intent, facts.found, when, catalog, location?.id ?? null);
      // "tem com médica mulher?": the providers whose title says that form, when no one is named
      const form = result.provider_ids.length === 0 ? providerFormAsked(folded) : null;
      if (form) {
        const providers = catalog.providers.flatMap((p) => (p.name && providerFormOf(p.name) === form ? [{ id: p.id, name: p.name, specialties: [...p.specialties] }] : []));
        Object.assign(result, { provider_form: { form, providers } });
      }
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
      if (request.suggest !== false && understanding.intent === 'book' && understanding.missing.length === 0) {
        understanding.suggested_slots = await suggest(tenantId, understanding, when, reference, zone);
      }
      return understanding;
    },
  };

  async function suggest(tenantId: string, u: Understanding, when: When, reference: Date, zone: string): Promise<AvailableSlot[]> {
    const r = u.resolved;
    return suggestSlots(
      availability,
      tenantId,
      {
        date_from: r.date_from!,
        date_to: r.date_to!,
        dates: r.dates ?? null,
        appointment_type_id: r.appointment_type_id!,
        provider_ids: r.provider_ids,
        specialty: r.specialty,
        location_id: r.location_id,
        period: when.period,
        time: r.time,
        time_from: when.time_from,
        time_to: when.time_to,
        refused_periods: r.refused_periods ?? [],
        day_periods: r.day_periods ?? null,
        limit: SUGGESTED_SLOTS,
      },
      localDate(reference, zone),
    );
  }
}

/** `when` with `period` as the time asked: its whole window (as "a de manhã" reads), no window left by refusing it. */
function periodNamed(when: When, period: DayPeriod): When {
  // the part named is the appointment's, wished rather than refused
  const { absent_period: _absent, refused_periods: _refused, ...rest } = when;
  const [from, to] = PERIOD_MINUTES[period];
  return { ...rest, period, time: null, time_from: clockTime(from), time_to: clockTime(to) };
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

const FIRST_NAME_ASK_RE = new RegExp(FIRST_NAME_ASK, 'u');

/**
 * "pedro tem consulta sexta?": a first name with no article before "tem consulta" looks up the patient's record (a
 * `list`, as "o pedro tem consulta sexta?" is), unless that word names something of the clinic the message was read
 * to name (a specialty, provider, unit, type or day: "savassi tem consulta sexta?" asks for free times there).
 */
function withSomeoneNamed(intent: IntentReading, found: FoundEntities, when: When, folded: string): IntentReading {
  if (intent.evidence === 'strong') return intent;
  const name = FIRST_NAME_ASK_RE.exec(folded)?.[1];
  if (!name) return intent;
  const named = [found.specialty?.text, found.provider?.text, found.location?.text, found.appointmentType?.text, when.date_text];
  if (named.some((text) => !!text && fold(text).split(/[^\p{L}\p{N}]+/u).includes(name))) return intent;
  return { intent: 'list', confidence: CONFIDENCE.strong, evidence: 'strong' };
}

const CLINIC_QUESTION_RE = new RegExp(`(?<![\\p{L}\\p{N}])${CLINIC_QUESTION}(?![\\p{L}\\p{N}])`, 'u');

/** "vcs abrem sábado?": a question about the clinic, not a booking. */
function asksAboutClinic(folded: string): boolean {
  return CLINIC_QUESTION_RE.test(folded);
}

/**
 * The rules' facts, completed with what an LLM read where the rules found nothing. Its dates are days to
 * book: a range that has passed by `today` (the clinic's local date) is not taken, one that began before
 * today starts today.
 */
function merge(found: FoundEntities, when: When, reading: LlmReading, m: CatalogMatchers, catalog: LanguageCatalog, today: string) {
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
  // "sexta dia 5" with the 5th a Saturday is asked about, not guessed; "31/11" is said not to exist, not guessed
  if (!when.date_from && !when.date_conflict && !when.date_invalid && reading.date_from && reading.date_to && reading.date_from <= reading.date_to && reading.date_to >= today) {
    nextWhen.date_from = reading.date_from < today ? today : reading.date_from;
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

/** Whether the provider practises the specialty (names compared folded). */
function practises(provider: LanguageCatalog['providers'][number], specialty: string): boolean {
  const key = foldKey(specialty);
  return provider.specialties.some((s) => foldKey(s) === key);
}

/** The one specialty the providers share, each having that one only; null when none or several. */
function sharedSpecialty(providers: LanguageCatalog['providers']): string | null {
  const specialties = new Set(providers.map((p) => (p.specialties.length === 1 ? p.specialties[0]! : '')));
  return specialties.size === 1 && !specialties.has('') ? [...specialties][0]! : null;
}

/** A specialty named with providers none of whom practise it ("cardio com o dr rui"), and the one they share, if one. */
function specialtyNotPractised(asked: string, providerIds: string[], catalog: LanguageCatalog): { asked: string; practised: string | null } | null {
  const named = catalog.providers.filter((p) => providerIds.includes(p.id));
  if (named.length === 0 || named.some((p) => practises(p, asked))) return null;
  return { asked, practised: sharedSpecialty(named) };
}

/**
 * The providers a name fits, narrowed to those who practise the specialty named beside it ("ortopedia com o joão": the
 * João of Ortopedia only), when some of them do and some do not; as named otherwise.
 */
function narrowedBySpecialty(ids: string[], specialty: string | null, catalog: LanguageCatalog): string[] {
  if (!specialty || ids.length < 2) return ids;
  const practising = ids.filter((id) => {
    const provider = catalog.providers.find((p) => p.id === id);
    return provider !== undefined && practises(provider, specialty);
  });
  return practising.length > 0 ? practising : ids;
}

function resolve(intent: Understanding['intent'], found: FoundEntities, when: When, catalog: LanguageCatalog, requestLocation: string | null) {
  const providerIds = narrowedBySpecialty(found.provider?.ids ?? [], found.specialty?.canonical ?? null, catalog);
  // one name that fits several active providers, nothing said narrowing it: which one is meant is to be asked
  const ambiguous = found.provider?.ambiguous === true && providerIds.length > 1;
  let specialty = found.specialty?.canonical ?? null;
  if (!specialty && providerIds.length > 0) {
    // the providers' specialty, when they have one and the same
    specialty = sharedSpecialty(catalog.providers.filter((p) => providerIds.includes(p.id)));
  }
  let typeId = found.appointmentType?.id ?? null;
  if (!typeId && (intent === 'book' || intent === 'waitlist')) typeId = defaultTypeId(catalog);
  if (!specialty && typeId) specialty = catalog.appointmentTypes.find((t) => t.id === typeId)?.specialty ?? null;
  const notPractised = found.specialty ? specialtyNotPractised(found.specialty.canonical, providerIds, catalog) : null;
  return {
    specialty,
    ...(notPractised ? { specialty_not_practised: notPractised } : {}),
    ...(found.specialties && !found.provider ? { specialties: found.specialties } : {}),
    provider_ids: providerIds,
    ...(ambiguous ? { provider_ambiguous: true } : {}),
    ...(found.replacedProvider && providerIds.length > 0 ? { replaced_provider_ids: found.replacedProvider } : {}),
    appointment_type_id: typeId,
    location_id: found.location?.id ?? requestLocation,
    date_from: when.date_from,
    date_to: when.date_to,
    ...(when.dates ? { dates: when.dates } : {}),
    ...(when.day_periods ? { day_periods: when.day_periods } : {}),
    ...(when.period_passed ? { period_passed: when.period_passed } : {}),
    ...(when.date_passed ? { date_passed: when.date_passed } : {}),
    ...(when.date_conflict ? { date_conflict: when.date_conflict } : {}),
    ...(when.date_invalid ? { date_invalid: { ...when.date_invalid } } : {}),
    time_from: when.time ? null : when.time_from,
    time_to: when.time ? null : when.time_to,
    time: when.time,
    ...(!when.time && when.refused_periods ? { refused_periods: [...when.refused_periods] } : {}),
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
