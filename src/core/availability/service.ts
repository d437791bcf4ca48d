/**
 * Slot search: working windows (windows.ts) − bookings (slots.ts) → scored slots (score.ts), the first
 * day, then a week of days at a time, keeping the best `limit` slots after the cursor's position; once
 * no slot of the remaining days can score higher than the page's worst, the search stops (most searches
 * need only the first day).
 *
 * Around that pure work sits a cache (slot-cache.ts): each provider's free slots and slot positions per
 * local date, computed without the "now + minimum notice" cut, tagged with the provider's revision
 * (availability_revisions, bumped by database triggers with every change that can alter them). A
 * search reads the revisions of its candidates in one query, reuses the days of providers whose
 * revision has not moved, and reads and computes only the others'; then cuts at now + notice and scores,
 * which is never cached. Revisions are always read before the data they vouch for, so an entry can be
 * tagged older than its data but never newer. Availability proposes, booking disposes: the booking
 * guard re-checks every rule when a slot is booked.
 */
import type { CoreDeps } from '../deps';
import { ValidationError, type FieldError } from '../errors';
import { type DayPeriod, type ScheduleOverride, type ScheduleTemplate } from '../model';
import type { AvailabilityProvider, AvailabilityRevisions } from '../ports';
import { addDays, isValidClockTime, isValidDate, LAST_RANGE_DATE, minutesOfDay, utcIso } from '../time';
import { SCORE_WEIGHTS, bestPreferenceFit, dayFit, scoreSlot, type Preference } from './score';
import { MAX_APPOINTMENT_MINUTES } from '../appointments/rules';
import { unknownSpecialty } from '../providers/specialties';
import { hhmm, localBase, localMinutes, providerSlots, type BusyTime } from './slots';
import { indexSchedule, workingWindows, type ScheduleIndex, type ScheduleInput, type WorkingWindow } from './windows';
import {
  DEFAULT_SLOT_CACHE_MAX_DAYS,
  SlotCache,
  keepProviderSet,
  keepType,
  lowerBound,
  type Catalogue,
  type DaySlots,
  type ProviderDays,
} from './slot-cache';

/** The longest range one search covers: date_to at most this many days after date_from. */
export const MAX_SLOT_RANGE_DAYS = 30;
export const MAX_SLOT_DURATION_MINUTES = 1440;
export const MAX_SLOT_LIMIT = 200;

const DAY = 86_400_000;
/** Zone offsets reach UTC−12 and UTC+14. */
const ZONE_MARGIN = 14 * 3_600_000;
/**
 * Days computed at a time: the first day alone (most searches fill their page with it, and the next
 * day's bound already rules the rest out), then a week at a time.
 */
const FIRST_CHUNK_DAYS = 1;
const SEARCH_CHUNK_DAYS = 7;

/** Days computed from day offset `first` on. */
function chunkDays(first: number): number {
  return first === 0 ? FIRST_CHUNK_DAYS : SEARCH_CHUNK_DAYS;
}

/**
 * The most any slot on day `dayOffset` or later can score: the day part as it is, every other part at
 * its best, plus the rounding's half step.
 */
function dayBound(dayOffset: number, spanDays: number): number {
  return SCORE_WEIGHTS.day * dayFit(dayOffset, spanDays) + SCORE_WEIGHTS.primary + SCORE_WEIGHTS.spare + SCORE_WEIGHTS.preference + 0.00005;
}

/** Epoch ms of a stored UTC instant (`YYYY-MM-DDTHH:MM:SS.sssZ`, what toISOString writes), quickly. */
function parseUtc(iso: string): number {
  if (iso.length === 24 && iso.charCodeAt(23) === 90 /* Z */ && iso.charCodeAt(10) === 84 /* T */) {
    const ms = Date.UTC(
      Number(iso.slice(0, 4)),
      Number(iso.slice(5, 7)) - 1,
      Number(iso.slice(8, 10)),
      Number(iso.slice(11, 13)),
      Number(iso.slice(14, 16)),
      Number(iso.slice(17, 19)),
      Number(iso.slice(20, 23)),
    );
    if (!Number.isNaN(ms)) return ms;
  }
  return Date.parse(iso);
}

export interface SlotQuery {
  /** local dates (each location's own), inclusive */
  date_from: string;
  date_to: string;
  appointment_type_id: string;
  provider_id?: string;
  specialty?: string;
  location_id?: string;
  /** default: the appointment type's duration, else the provider's default */
  duration_minutes?: number;
  period?: DayPeriod;
  /** `HH:MM`, local */
  time?: string;
  limit: number;
  /** continue after this slot (from a cursor) */
  after?: SlotPosition;
}

export interface SearchOptions {
  /**
   * A `specialty` no provider of the clinic has (active or not) is a 422 naming the specialties its active
   * providers have, instead of an empty list (GET /slots, whose client cannot otherwise tell a typo from no
   * free time). Off by default: the conversation and language layers, which match specialties against the
   * clinic's own before searching, keep reading an empty list as "no time".
   */
  refuseUnknownSpecialty?: boolean;
}

/** A slot's place in the result order: score desc, start, provider id, location id. */
export interface SlotPosition {
  score: number;
  start_at: string;
  provider_id: string;
  location_id: string;
  /**
   * The "now + minimum notice" cut (UTC ms) the first page scored with. Later pages score spare capacity
   * at the same cut, so that time moving between pages (a slot position passing the cut changes its
   * day's share of free positions) cannot move slots across the cursor, repeating or skipping them;
   * slots before the current cut are still left out. Absent: the current cut.
   */
  cut?: number;
}

export interface AvailableSlot {
  provider_id: string;
  provider_name: string | null;
  specialty: string | null;
  location: { id: string; name: string };
  date: string;
  start_time: string;
  end_time: string;
  available: true;
  score: number;
  start_at: string;
  end_at: string;
}

export interface SlotPage {
  items: AvailableSlot[];
  next: SlotPosition | null;
}

interface Ranked {
  score: number;
  start: number;
  providerId: string;
  locationId: string;
}

interface Chosen extends Ranked {
  window: WorkingWindow;
  end: number;
  provider: AvailabilityProvider;
}

/** < 0 when the slot (score, start, provider, location) comes before `b` in the result order. */
function compareKey(score: number, start: number, providerId: string, locationId: string, b: Ranked): number {
  if (score !== b.score) return b.score - score;
  if (start !== b.start) return start - b.start;
  if (providerId !== b.providerId) return providerId < b.providerId ? -1 : 1;
  if (locationId !== b.locationId) return locationId < b.locationId ? -1 : 1;
  return 0;
}

function compareRanked(a: Ranked, b: Ranked): number {
  return compareKey(a.score, a.start, a.providerId, a.locationId, b);
}

/** Keeps the first `size` items of the result order, in order, out of a stream. */
class TopK {
  readonly items: Chosen[] = [];
  constructor(private readonly size: number) {}

  full(): boolean {
    return this.items.length >= this.size;
  }

  /** whether this slot would be kept (a cheap test before building its item) */
  wants(score: number, start: number, providerId: string, locationId: string): boolean {
    return this.items.length < this.size || compareKey(score, start, providerId, locationId, this.items[this.items.length - 1]!) < 0;
  }

  add(item: Chosen): void {
    let lo = 0;
    let hi = this.items.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (compareRanked(this.items[mid]!, item) <= 0) lo = mid + 1;
      else hi = mid;
    }
    this.items.splice(lo, 0, item);
    if (this.items.length > this.size) this.items.pop();
  }
}

/** UTC midnight of a calendar date, ms. */
function midnight(date: string): number {
  return Date.parse(`${date}T00:00:00.000Z`);
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY);
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}

/** Field checks a caller other than the API (whose schema checks the same) may get wrong. */
function checkQuery(query: SlotQuery): void {
  const errors: FieldError[] = [];
  const datesOk = isValidDate(query.date_from) && isValidDate(query.date_to);
  if (!isValidDate(query.date_from)) errors.push({ path: 'date_from', message: 'expected a calendar date YYYY-MM-DD' });
  if (!isValidDate(query.date_to)) errors.push({ path: 'date_to', message: 'expected a calendar date YYYY-MM-DD' });
  if (datesOk) {
    const span = daysBetween(query.date_from, query.date_to);
    if (span < 0) errors.push({ path: 'date_to', message: 'must not be before date_from' });
    else if (span > MAX_SLOT_RANGE_DAYS) {
      errors.push({ path: 'date_to', message: `must be at most ${MAX_SLOT_RANGE_DAYS} days after date_from` });
    } else if (query.date_to > LAST_RANGE_DATE) {
      errors.push({ path: 'date_to', message: `must be ${LAST_RANGE_DATE} or earlier` });
    }
  }
  if (query.provider_id === undefined && query.specialty === undefined) {
    errors.push({ path: 'provider_id', message: 'provider_id or specialty is required' });
  }
  if (query.specialty !== undefined && query.specialty.trim() === '') {
    errors.push({ path: 'specialty', message: 'must not be empty' });
  }
  const d = query.duration_minutes;
  if (d !== undefined && (!Number.isInteger(d) || d < 1 || d > MAX_SLOT_DURATION_MINUTES)) {
    errors.push({ path: 'duration_minutes', message: `expected a whole number from 1 to ${MAX_SLOT_DURATION_MINUTES}` });
  }
  if (query.time !== undefined && !isValidClockTime(query.time)) {
    errors.push({ path: 'time', message: 'expected a clock time HH:MM (00:00-23:59)' });
  }
  if (!Number.isInteger(query.limit) || query.limit < 1 || query.limit > MAX_SLOT_LIMIT) {
    errors.push({ path: 'limit', message: `expected a whole number from 1 to ${MAX_SLOT_LIMIT}` });
  }
  if (errors.length > 0) throw new ValidationError(errors.map((e) => `${e.path}: ${e.message}`).join('; '), errors);
}

/** The catalogue's key for the providers a query names. */
function providerSetKey(query: SlotQuery): string {
  return query.provider_id !== undefined ? `p\u0000${query.provider_id}\u0000${query.specialty ?? ''}` : `s\u0000${query.specialty ?? ''}`;
}

/** The providers a query searches among those its filter found: active ones with the specialty asked. */
function searchedProviders(found: readonly AvailabilityProvider[], query: SlotQuery): AvailabilityProvider[] {
  return found.filter((p) => p.is_active && (query.specialty === undefined || p.matched_specialty !== null));
}

function emptyCatalogue(revision: number): Catalogue {
  return { revision, types: new Map(), providerSets: new Map(), locations: null, timezones: null, seen: null };
}

/**
 * Remembers provider revisions read at change counter `change`: added to what the catalogue holds for
 * the same value, or in its place (revisions read at another value may have moved since).
 */
function remember(catalogue: Catalogue, change: number | null, providers: Map<string, number>): void {
  if (change === null) return;
  if (catalogue.seen?.change === change) for (const [id, revision] of providers) catalogue.seen.providers.set(id, revision);
  else catalogue.seen = { change, providers: new Map(providers) };
}

/** One candidate provider of a search: its cached (or new) days and, once read, its schedule. */
interface Searched {
  provider: AvailabilityProvider;
  durationMinutes: number;
  /** type and duration */
  variant: string;
  entry: ProviderDays;
  cacheable: boolean;
  schedule: ScheduleInput | null;
  index: ScheduleIndex | null;
}

const EMPTY_DAY: DaySlots = { windows: [], positions: [] };

export function makeAvailabilityService({ repos, clock, settings }: CoreDeps) {
  const repo = repos.availability;
  const cache = new SlotCache({ maxDays: settings.slotCacheMaxDays ?? DEFAULT_SLOT_CACHE_MAX_DAYS });

  /**
   * The catalogue pieces a query needs and the revisions of its candidates, all current as of one read
   * of the revisions. The common case is one query that reads two rows: the tenant's revision and its
   * change counter, unchanged since the candidates' revisions were last read. After a change, the same
   * query also returns the candidates' revisions. With nothing cached, or after the tenant's own
   * revision moved, every revision of the tenant is read (one query), then what is missing.
   */
  async function resolve(tenantId: string, query: SlotQuery) {
    const setKey = providerSetKey(query);
    let catalogue = cache.catalogue(tenantId);
    if (catalogue?.locations && catalogue.types.has(query.appointment_type_id)) {
      const found = catalogue.providerSets.get(setKey);
      if (found) {
        const ids = searchedProviders(found, query).map((p) => p.id);
        const seen = catalogue.seen;
        const known = seen && ids.every((id) => seen.providers.has(id)) ? seen.change : null;
        const read = await repo.revisions(tenantId, ids, known);
        if (read.tenant === catalogue.revision) {
          if (read.change !== null && read.change === known) return { catalogue, found, providerRevisions: seen!.providers };
          remember(catalogue, read.change, read.providers);
          return { catalogue, found, providerRevisions: read.providers };
        }
      }
    }
    const read: AvailabilityRevisions = await repo.revisions(tenantId, null);
    if (!catalogue || read.tenant === null || catalogue.revision !== read.tenant) {
      catalogue = emptyCatalogue(read.tenant ?? -1);
      if (read.tenant !== null && cache.enabled) cache.setCatalogue(tenantId, catalogue);
    }
    remember(catalogue, read.change, read.providers);
    if (!catalogue.locations || !catalogue.timezones) {
      const locations = await repo.locations(tenantId);
      catalogue.locations = new Map(locations.map((l) => [l.id, l]));
      catalogue.timezones = new Map(locations.filter((l) => l.is_active).map((l) => [l.id, l.timezone]));
    }
    if (!catalogue.types.has(query.appointment_type_id)) {
      keepType(catalogue, query.appointment_type_id, await repo.appointmentType(tenantId, query.appointment_type_id));
    }
    let found = catalogue.providerSets.get(setKey);
    if (!found) {
      found = await repo.providers(tenantId, { providerId: query.provider_id, specialty: query.specialty });
      keepProviderSet(catalogue, setKey, found);
    }
    return { catalogue, found, providerRevisions: read.providers };
  }

  return {
    /**
     * The free slots for an appointment type with one provider, or with every active provider of a
     * specialty, over local dates [date_from, date_to], best first. Unknown type, provider or
     * location: 422 naming the field. An inactive type, provider or location has no slots. A specialty
     * no provider has: an empty list, or a 422 with `options.refuseUnknownSpecialty` (SearchOptions).
     */
    async searchSlots(tenantId: string, query: SlotQuery, options: SearchOptions = {}): Promise<SlotPage> {
      checkQuery(query);
      const { catalogue, found, providerRevisions } = await resolve(tenantId, query);
      const providers = searchedProviders(found, query);
      const locations = catalogue.locations!;
      const timezones = catalogue.timezones!;
      const type = catalogue.types.get(query.appointment_type_id) ?? null;

      const errors: FieldError[] = [];
      if (!type) errors.push({ path: 'appointment_type_id', message: 'unknown appointment type' });
      if (query.provider_id !== undefined && found.length === 0) {
        errors.push({ path: 'provider_id', message: 'unknown provider' });
      }
      const filterLocation = query.location_id === undefined ? undefined : locations.get(query.location_id);
      if (query.location_id !== undefined && !filterLocation) errors.push({ path: 'location_id', message: 'unknown location' });
      // only when no active provider matched: a search that finds one never pays for the check
      if (options.refuseUnknownSpecialty && query.specialty !== undefined && providers.length === 0) {
        const unknown = await unknownSpecialty(repos.providers, tenantId, query.specialty);
        if (unknown) errors.push(unknown);
      }
      if (errors.length > 0) throw new ValidationError(errors.map((e) => `${e.path}: ${e.message}`).join('; '), errors);

      if (!type!.is_active || (filterLocation && !filterLocation.is_active)) return { items: [], next: null };
      if (providers.length === 0) return { items: [], next: null };

      // Offered: slots from now + notice on. Scored (spare capacity): positions from the cut of the first
      // page on, so that every page of one list scores alike (SlotPosition.cut).
      const now = clock.now().getTime() + settings.minNoticeMinutes * 60_000;
      const scoreCut = query.after?.cut !== undefined && Number.isFinite(query.after.cut) ? query.after.cut : now;
      const offerCut = Math.max(now, scoreCut);
      const spanDays = daysBetween(query.date_from, query.date_to);
      const preference: Preference = {
        period: query.period,
        time: query.time === undefined ? undefined : minutesOfDay(query.time),
      };
      const hasPreference = preference.period !== undefined || preference.time !== undefined;
      const after: Ranked | null = query.after
        ? {
            score: query.after.score,
            start: Date.parse(query.after.start_at),
            providerId: query.after.provider_id,
            locationId: query.after.location_id,
          }
        : null;
      const top = new TopK(query.limit + 1);
      const offsets = new Map<string, number>();
      const offsetOf = (date: string) => {
        let offset = offsets.get(date);
        if (offset === undefined) offsets.set(date, (offset = daysBetween(query.date_from, date)));
        return offset;
      };

      // Each provider's days for this type and duration: the cached ones if its
      // revision has not moved since they were computed.
      const fixedDuration = query.duration_minutes ?? type!.duration_minutes;
      // Days are computed at every location, whatever `location_id` says: spare capacity (C) counts the
      // provider's positions on the date wherever they are, so a slot scores the same with the filter or
      // without it; the filter only chooses which windows are offered.
      const variantOf = (minutes: number) => `${type!.id}\u0000${minutes}`;
      const fixedVariant = fixedDuration == null ? null : variantOf(fixedDuration);
      const searched: Searched[] = providers.map((provider) => {
        const durationMinutes = fixedDuration ?? provider.default_appointment_duration_minutes;
        const variant = fixedVariant ?? variantOf(durationMinutes);
        const revision = providerRevisions.get(provider.id);
        const cacheable = revision !== undefined && cache.enabled;
        let entry = cacheable ? cache.providerDays(tenantId, provider.id, variant) : undefined;
        if (!entry || entry.revision !== revision) {
          entry = { revision: revision ?? -1, days: new Map() };
          if (cacheable) cache.setProviderDays(tenantId, provider.id, variant, entry);
        }
        return { provider, durationMinutes, variant, entry, cacheable, schedule: null, index: null };
      });

      /**
       * Computes the days `dates` (from..to) of these providers: their schedules (once per search) and
       * the appointments that can meet a slot of those days' buffered intervals (an appointment lasts at
       * most a day) or share their local dates (max daily), whatever the zone (UTC−12 to UTC+14).
       */
      const compute = async (missing: Searched[], from: string, to: string, dates: readonly string[]) => {
        const unread = missing.filter((s) => s.schedule === null);
        if (unread.length > 0) {
          const { templates, overrides } = await repo.schedules(tenantId, unread.map((s) => s.provider.id), query.date_from, query.date_to);
          const templatesOf = groupBy<ScheduleTemplate>(templates, (t) => t.provider_id);
          const overridesOf = groupBy<ScheduleOverride>(overrides, (o) => o.provider_id);
          for (const s of unread) {
            s.schedule = { templates: templatesOf.get(s.provider.id) ?? [], overrides: overridesOf.get(s.provider.id) ?? [], timezones };
            s.index = indexSchedule(s.schedule);
          }
        }
        // without a template or an added override a provider has no windows (whatever else it has)
        const working = new Set(missing.filter((s) => s.schedule!.templates.length > 0 || s.schedule!.overrides.some((o) => o.type === 'added')));
        const busyOf = new Map<string, { busy: BusyTime[]; dailyCounts: Map<string, number> }>();
        if (working.size > 0) {
          const maxBuffer = Math.max(0, ...[...working].map((s) => s.provider.buffer_between_appointments_minutes)) * 60_000;
          const startFrom = midnight(from) - ZONE_MARGIN - maxBuffer - MAX_APPOINTMENT_MINUTES * 60_000;
          const startBefore = midnight(to) + DAY + ZONE_MARGIN + maxBuffer;
          const rows = await repo.appointments(tenantId, [...working].map((s) => s.provider.id), utcIso(startFrom), utcIso(startBefore));
          for (const a of rows) {
            let held = busyOf.get(a.provider_id);
            if (!held) busyOf.set(a.provider_id, (held = { busy: [], dailyCounts: new Map() }));
            held.dailyCounts.set(a.local_date, (held.dailyCounts.get(a.local_date) ?? 0) + 1);
            if (a.active) held.busy.push({ start: parseUtc(a.start_time), end: parseUtc(a.end_time) });
          }
        }
        for (const s of missing) {
          const windows = working.has(s) ? workingWindows(s.schedule!, from, to, s.index!) : [];
          if (windows.length === 0) {
            for (const date of dates) s.entry.days.set(date, EMPTY_DAY);
          } else {
            const held = busyOf.get(s.provider.id);
            const result = providerSlots({
              windows,
              appointmentTypeId: type!.id,
              locationId: undefined,
              busy: held?.busy ?? [],
              dailyCounts: held?.dailyCounts ?? new Map(),
              rules: {
                durationMinutes: s.durationMinutes,
                bufferMinutes: s.provider.buffer_between_appointments_minutes,
                maxConcurrent: s.provider.max_concurrent_appointments,
                maxDaily: s.provider.max_daily_appointments,
              },
              notBefore: -Infinity,
              keepPositions: true,
            });
            const days = new Map<string, DaySlots>();
            for (const [date, capacity] of result.days) days.set(date, { windows: [], positions: capacity.positions! });
            for (const ws of result.windows) days.get(ws.window.date)!.windows.push(ws);
            for (const date of dates) s.entry.days.set(date, days.get(date) ?? EMPTY_DAY);
          }
          if (s.cacheable) cache.grew(tenantId, s.provider.id, s.variant, s.entry);
        }
      };

      // Days are searched the first day alone, then a week at a time, earliest first. No slot on day d
      // (local) or later can score above dayBound(d) (its other parts at their best), so once the page is
      // full of slots that score higher, the later days cannot change it and are not computed.
      for (let first = 0; first <= spanDays; first += chunkDays(first)) {
        const worst = top.full() ? top.items[top.items.length - 1]! : null;
        if (worst && worst.score > dayBound(first, spanDays)) break;
        const chunk = chunkDays(first);
        const last = Math.min(spanDays, first + chunk - 1);
        const dates: string[] = [];
        for (let d = first; d <= last; d++) dates.push(d === 0 ? query.date_from : addDays(query.date_from, d));
        const from = dates[0]!;
        const to = dates[dates.length - 1]!;
        const missing = searched.filter((s) => dates.some((date) => !s.entry.days.has(date)));
        if (missing.length > 0) await compute(missing, from, to, dates);

        for (const { provider, entry, durationMinutes } of searched) {
          const duration = durationMinutes * 60_000;
          for (const date of dates) {
            const day = entry.days.get(date)!;
            const positions = day.positions;
            if (day.windows.length === 0) continue;
            // the cut: positions before now + notice (as of the list's first page) are not counted
            const cut = positions[0]! < scoreCut;
            const total = cut ? positions.length - lowerBound(positions, scoreCut) : positions.length;
            if (total === 0) continue;
            let free = 0;
            for (const { starts } of day.windows) free += cut ? starts.length - lowerBound(starts, scoreCut) : starts.length;
            if (free === 0) continue;
            const spare = free / total;
            const dayOffset = offsetOf(date);

            for (const { window: w, starts } of day.windows) {
              if (query.location_id !== undefined && w.location_id !== query.location_id) continue;
              // nor offered, nor those before now + notice as of this page
              const firstFree = starts[0]! < offerCut ? lowerBound(starts, offerCut) : 0;
              if (firstFree >= starts.length) continue;
              const atPrimary = provider.primary_location_id === null || provider.primary_location_id === w.location_id;
              const zone = timezones.get(w.location_id)!;
              // Without a preference every slot of a window scores the same, and its starts ascend: once one
              // is not wanted (the page is full of better ones) none after it is. With one, a window whose
              // best possible score cannot make the page is skipped. (No closures in this loop: tsx names
              // every function it creates, which costs more than the scoring.)
              const base = localBase(w);
              let windowScore = -1;
              if (!hasPreference) {
                windowScore = scoreSlot({ dayOffset, spanDays, atPrimary, spare, startMinutes: 0, preference });
              } else if (top.full() && base >= 0) {
                const firstMinutes = localMinutes(w, starts[firstFree]!, zone, base);
                const lastMinutes = localMinutes(w, starts[starts.length - 1]!, zone, base);
                const best =
                  SCORE_WEIGHTS.day * dayFit(dayOffset, spanDays) +
                  SCORE_WEIGHTS.primary * (atPrimary ? 1 : 0) +
                  SCORE_WEIGHTS.spare * spare +
                  SCORE_WEIGHTS.preference * bestPreferenceFit(firstMinutes, lastMinutes, preference) +
                  0.00005;
                if (top.items[top.items.length - 1]!.score > best) continue;
              }
              for (let i = firstFree; i < starts.length; i++) {
                const start = starts[i]!;
                const score =
                  windowScore >= 0
                    ? windowScore
                    : scoreSlot({ dayOffset, spanDays, atPrimary, spare, startMinutes: localMinutes(w, start, zone, base), preference });
                if (after && compareKey(score, start, provider.id, w.location_id, after) <= 0) continue;
                if (!top.wants(score, start, provider.id, w.location_id)) {
                  if (windowScore >= 0) break;
                  continue;
                }
                top.add({ score, start, providerId: provider.id, locationId: w.location_id, window: w, end: start + duration, provider });
              }
            }
          }
        }
      }

      const chosen = top.items.slice(0, query.limit);
      const last = chosen[chosen.length - 1];
      const next =
        top.items.length > query.limit && last
          ? { score: last.score, start_at: utcIso(last.start), provider_id: last.providerId, location_id: last.locationId, cut: scoreCut }
          : null;
      const items = chosen.map(({ window: w, start, end, provider, score }): AvailableSlot => {
        const zone = timezones.get(w.location_id)!;
        return {
          provider_id: provider.id,
          provider_name: provider.name,
          specialty: provider.matched_specialty ?? provider.specialties[0] ?? null,
          location: { id: w.location_id, name: locations.get(w.location_id)?.name ?? '' },
          date: w.date,
          start_time: hhmm(localMinutes(w, start, zone)),
          end_time: hhmm(localMinutes(w, end, zone)),
          available: true,
          score,
          start_at: utcIso(start),
          end_at: utcIso(end),
        };
      });
      return { items, next };
    },

    /** Forgets every cached catalogue and provider day (the next searches compute afresh). */
    clearCache(): void {
      cache.clear();
    },

    cacheStats() {
      return cache.stats();
    },
  };
}

export type AvailabilityService = ReturnType<typeof makeAvailabilityService>;
