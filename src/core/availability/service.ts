/**
 * Slot search: one read of the providers and their schedules (AvailabilityRepo.snapshot), then pure
 * work — working windows (windows.ts) − bookings (slots.ts) → scored slots (score.ts) — the first day,
 * then a week of days at a time, keeping the best `limit` slots after the cursor's position. Each
 * stretch's appointments are read as it is reached; once no slot of the remaining days can score
 * higher than the page's worst, the search stops (most searches need only the first day: six queries
 * in all). Availability proposes, booking disposes: the booking guard re-checks every rule when a slot is booked.
 */
import type { CoreDeps } from '../deps';
import { ValidationError, type FieldError } from '../errors';
import { type DayPeriod, type ScheduleOverride, type ScheduleTemplate } from '../model';
import type { AvailabilityProvider } from '../ports';
import { addDays, isValidClockTime, isValidDate, minutesOfDay } from '../time';
import { SCORE_WEIGHTS, bestPreferenceFit, dayFit, scoreSlot, type Preference } from './score';
import { MAX_APPOINTMENT_MINUTES } from '../appointments/rules';
import { hhmm, localBase, localMinutes, providerSlots, type BusyTime } from './slots';
import { indexSchedule, workingWindows, type WorkingWindow } from './windows';

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

/** A slot's place in the result order: score desc, start, provider id, location id. */
export interface SlotPosition {
  score: number;
  start_at: string;
  provider_id: string;
  location_id: string;
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

export function makeAvailabilityService({ repos, clock, settings }: CoreDeps) {
  return {
    /**
     * The free slots for an appointment type with one provider, or with every active provider of a
     * specialty, over local dates [date_from, date_to], best first. Unknown type, provider or
     * location: 422 naming the field. An inactive type, provider or location has no slots.
     */
    async searchSlots(tenantId: string, query: SlotQuery): Promise<SlotPage> {
      checkQuery(query);
      const snapshot = await repos.availability.snapshot(tenantId, {
        providerId: query.provider_id,
        specialty: query.specialty,
        appointmentTypeId: query.appointment_type_id,
        locationId: query.location_id,
        dateFrom: query.date_from,
        dateTo: query.date_to,
      });

      const errors: FieldError[] = [];
      if (!snapshot.appointmentType) errors.push({ path: 'appointment_type_id', message: 'unknown appointment type' });
      if (query.provider_id !== undefined && snapshot.providers.length === 0) {
        errors.push({ path: 'provider_id', message: 'unknown provider' });
      }
      const filterLocation = query.location_id === undefined ? undefined : snapshot.locations.find((l) => l.id === query.location_id);
      if (query.location_id !== undefined && !filterLocation) errors.push({ path: 'location_id', message: 'unknown location' });
      if (errors.length > 0) throw new ValidationError(errors.map((e) => `${e.path}: ${e.message}`).join('; '), errors);

      const type = snapshot.appointmentType!;
      if (!type.is_active || (filterLocation && !filterLocation.is_active)) return { items: [], next: null };
      const providers = snapshot.providers.filter(
        (p) => p.is_active && (query.specialty === undefined || p.matched_specialty !== null),
      );
      if (providers.length === 0) return { items: [], next: null };

      // inactive locations refuse bookings: they give no windows
      const timezones = new Map<string, string>();
      const locationNames = new Map<string, string>();
      for (const l of snapshot.locations) {
        if (l.is_active) timezones.set(l.id, l.timezone);
        locationNames.set(l.id, l.name);
      }
      const templatesOf = groupBy<ScheduleTemplate>(snapshot.templates, (t) => t.provider_id);
      const overridesOf = groupBy<ScheduleOverride>(snapshot.overrides, (o) => o.provider_id);
      const notBefore = clock.now().getTime() + settings.minNoticeMinutes * 60_000;
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

      // What each provider's search needs, prepared once.
      const durationMinutes = (provider: AvailabilityProvider) =>
        query.duration_minutes ?? type.duration_minutes ?? provider.default_appointment_duration_minutes;
      const searched = providers.flatMap((provider) => {
        const templates = templatesOf.get(provider.id) ?? [];
        const overrides = overridesOf.get(provider.id) ?? [];
        if (templates.length === 0 && !overrides.some((o) => o.type === 'added')) return [];
        const schedule = { templates, overrides, timezones };
        return [{ provider, schedule, index: indexSchedule(schedule), busy: [] as BusyTime[], dailyCounts: new Map<string, number>() }];
      });
      const byId = new Map(searched.map((entry) => [entry.provider.id, entry]));
      const searchedIds = searched.map((entry) => entry.provider.id);

      // Appointments are read as far as the days searched so far need them: those that can meet a
      // slot's buffered interval (an appointment lasts at most a day) or share its local date (max
      // daily), whatever the zone (UTC−12 to UTC+14).
      const maxBuffer = Math.max(0, ...searched.map((e) => e.provider.buffer_between_appointments_minutes)) * 60_000;
      let loadedUntil = midnight(query.date_from) - ZONE_MARGIN - maxBuffer - MAX_APPOINTMENT_MINUTES * 60_000;
      const loadAppointmentsThrough = async (lastDate: string) => {
        const until = midnight(lastDate) + DAY + ZONE_MARGIN + maxBuffer;
        if (until <= loadedUntil) return;
        const rows = await repos.availability.appointments(tenantId, searchedIds, new Date(loadedUntil).toISOString(), new Date(until).toISOString());
        loadedUntil = until;
        const touched = new Set<BusyTime[]>();
        for (const a of rows) {
          const entry = byId.get(a.provider_id);
          if (!entry) continue;
          entry.dailyCounts.set(a.local_date, (entry.dailyCounts.get(a.local_date) ?? 0) + 1);
          if (a.active) {
            entry.busy.push({ start: parseUtc(a.start_time), end: parseUtc(a.end_time) });
            touched.add(entry.busy);
          }
        }
        for (const busy of touched) busy.sort((x, y) => x.start - y.start || x.end - y.end);
      };

      // Days are searched the first day alone, then a week at a time, earliest first. No slot on day d
      // (local) or later can score above dayBound(d) (its other parts at their best), so once the page is
      // full of slots that score higher, the later days cannot change it and are not computed.
      for (let first = 0; first <= spanDays; first += chunkDays(first)) {
        const worst = top.full() ? top.items[top.items.length - 1]! : null;
        if (worst && worst.score > dayBound(first, spanDays)) break;
        const chunk = chunkDays(first);
        const from = addDays(query.date_from, first);
        const to = first + chunk - 1 >= spanDays ? query.date_to : addDays(query.date_from, first + chunk - 1);
        await loadAppointmentsThrough(to);

        for (const { provider, schedule, index, busy, dailyCounts } of searched) {
          const windows = workingWindows(schedule, from, to, index);
          if (windows.length === 0) continue;
          const result = providerSlots({
            windows,
            appointmentTypeId: type.id,
            locationId: query.location_id,
            busy,
            dailyCounts,
            rules: {
              durationMinutes: durationMinutes(provider),
              bufferMinutes: provider.buffer_between_appointments_minutes,
              maxConcurrent: provider.max_concurrent_appointments,
              maxDaily: provider.max_daily_appointments,
            },
            notBefore,
          });

          for (const { window: w, starts } of result.windows) {
            const day = result.days.get(w.date)!;
            const dayOffset = offsetOf(w.date);
            const atPrimary = provider.primary_location_id === null || provider.primary_location_id === w.location_id;
            const spare = day.total === 0 ? 0 : day.free / day.total;
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
              const first = localMinutes(w, starts[0]!, zone, base);
              const last = localMinutes(w, starts[starts.length - 1]!, zone, base);
              const best =
                SCORE_WEIGHTS.day * dayFit(dayOffset, spanDays) +
                SCORE_WEIGHTS.primary * (atPrimary ? 1 : 0) +
                SCORE_WEIGHTS.spare * spare +
                SCORE_WEIGHTS.preference * bestPreferenceFit(first, last, preference) +
                0.00005;
              if (top.items[top.items.length - 1]!.score > best) continue;
            }
            for (const start of starts) {
              const score =
                windowScore >= 0
                  ? windowScore
                  : scoreSlot({ dayOffset, spanDays, atPrimary, spare, startMinutes: localMinutes(w, start, zone, base), preference });
              if (after && compareKey(score, start, provider.id, w.location_id, after) <= 0) continue;
              if (!top.wants(score, start, provider.id, w.location_id)) {
                if (windowScore >= 0) break;
                continue;
              }
              top.add({ score, start, providerId: provider.id, locationId: w.location_id, window: w, end: start + result.duration, provider });
            }
          }
        }
      }

      const chosen = top.items.slice(0, query.limit);
      const last = chosen[chosen.length - 1];
      const next =
        top.items.length > query.limit && last
          ? { score: last.score, start_at: new Date(last.start).toISOString(), provider_id: last.providerId, location_id: last.locationId }
          : null;
      const items = chosen.map(({ window: w, start, end, provider, score }): AvailableSlot => {
        const zone = timezones.get(w.location_id)!;
        return {
          provider_id: provider.id,
          provider_name: provider.name,
          specialty: provider.matched_specialty ?? provider.specialties[0] ?? null,
          location: { id: w.location_id, name: locationNames.get(w.location_id) ?? '' },
          date: w.date,
          start_time: hhmm(localMinutes(w, start, zone)),
          end_time: hhmm(localMinutes(w, end, zone)),
          available: true,
          score,
          start_at: new Date(start).toISOString(),
          end_at: new Date(end).toISOString(),
        };
      });
      return { items, next };
    },
  };
}

export type AvailabilityService = ReturnType<typeof makeAvailabilityService>;
