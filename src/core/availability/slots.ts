/**
 * Working windows − bookings → free slots, for one provider. Pure functions over plain data; the rules
 * are exactly the booking guard's (src/db/appointment-guards.ts), so that a slot returned here books
 * unless something changed in between:
 *
 * - a slot lies wholly inside one working window for the appointment type (windows are not merged),
 *   on the window's grid: starts at `grid_start_utc + k·step`, step = the template's
 *   `slot_interval_minutes`, else the duration;
 * - it starts no earlier than now + the minimum notice;
 * - max concurrent: extended by the provider's buffer on both sides, [start − buffer, end + buffer)
 *   meets fewer than `max_concurrent_appointments` active appointments of the provider (at any of its
 *   locations) at its busiest instant; and so does every appointment it lands within a buffer of, with
 *   the slot counted (busiestInBuffers);
 * - max daily: the provider has fewer than `max_daily_appointments` non-cancelled appointments (any
 *   location, each counted on its own location's local date) on the slot's local date.
 *
 * Rooms and the patient are not part of a search, so their rules (room taken, patient overlap, first
 * visit with a provider not accepting new patients) are left to the booking.
 */
import { MAX_APPOINTMENT_MINUTES } from '../appointments/rules';
import { minutesOfDay, utcToLocal } from '../time';
import type { WorkingWindow } from './windows';

const MINUTE = 60_000;
const MAX_APPOINTMENT_MS = MAX_APPOINTMENT_MINUTES * MINUTE;

/** An active appointment of the provider, as UTC milliseconds. */
export interface BusyTime {
  start: number;
  end: number;
}

export interface SlotRules {
  durationMinutes: number;
  bufferMinutes: number;
  maxConcurrent: number;
  maxDaily: number | null;
}

export interface ProviderSlotInput {
  /** the provider's working windows (any order) */
  windows: readonly WorkingWindow[];
  appointmentTypeId: string;
  /** only windows at this location; null/undefined = every location */
  locationId?: string | null;
  /** the provider's active appointments at every location (any order) */
  busy: readonly BusyTime[];
  /** the provider's non-cancelled appointments per local date (of each appointment's location) */
  dailyCounts: ReadonlyMap<string, number>;
  rules: SlotRules;
  /** the earliest start allowed (now + minimum notice), UTC ms; -Infinity for every position */
  notBefore: number;
  /** also list each day's slot positions (DayCapacity.positions), free or not */
  keepPositions?: boolean;
}

export interface CandidateSlot {
  window: WorkingWindow;
  /** UTC ms */
  start: number;
  end: number;
}

/** Slot positions of one local date: all of them (not yet past), and those still free. */
export interface DayCapacity {
  total: number;
  free: number;
  /** with `keepPositions`: the starts of all `total` positions, ascending */
  positions?: number[];
}

/** The free slot starts (UTC ms, ascending) of one window. */
export interface WindowSlots {
  window: WorkingWindow;
  starts: number[];
}

export interface ProviderSlots {
  /** windows in start order, each with its free starts (windows without any are left out) */
  windows: WindowSlots[];
  /** slot length, ms */
  duration: number;
  /** by local date */
  days: Map<string, DayCapacity>;
}

/** The free slots as objects, window by window. */
export function slotList(result: ProviderSlots): CandidateSlot[] {
  return result.windows.flatMap(({ window, starts }) => starts.map((start) => ({ window, start, end: start + result.duration })));
}

/** Whether a window can hold an appointment of this type. */
export function windowAllowsType(window: WorkingWindow, appointmentTypeId: string): boolean {
  return window.appointment_type_ids.length === 0 || window.appointment_type_ids.includes(appointmentTypeId);
}

/** Index of the first element of `busy` (sorted by start) whose start is ≥ `at`. */
function firstStartingAtOrAfter(busy: readonly BusyTime[], at: number): number {
  let lo = 0;
  let hi = busy.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (busy[mid]!.start < at) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The most appointments of `busy` (sorted by start) held at one instant of [from, to): the guard's
 * maximum, reached at `from` or where an appointment starts inside the interval.
 */
export function busiestCount(busy: readonly BusyTime[], from: number, to: number): number {
  // appointments last at most a day, so anything overlapping [from, to) starts after from − a day
  const first = firstStartingAtOrAfter(busy, from - MAX_APPOINTMENT_MS + 1);
  let overlapping: BusyTime[] | null = null;
  for (let i = first; i < busy.length; i++) {
    const b = busy[i]!;
    if (b.start >= to) break;
    if (b.end > from) (overlapping ??= []).push(b);
  }
  if (!overlapping) return 0;
  if (overlapping.length === 1) return 1;
  let most = 0;
  const points = [from, ...overlapping.filter((b) => b.start > from).map((b) => b.start)];
  for (const at of points) {
    let n = 0;
    for (const b of overlapping) if (b.start <= at && b.end > at) n++;
    if (n > most) most = n;
  }
  return most;
}

/**
 * The other bookings' side of max concurrent: the most of `busy` held at one instant of [from, to) that
 * lies in a booking's buffer (within `buffer` before its start or after its end); -1 when no instant
 * does. A slot there is counted by that booking, extended, beside the ones held, so the booking guard
 * refuses it when this reaches max_concurrent − 1 (src/db/appointment-guards.ts, othersBuffersGuard).
 * `busy` must hold every booking within `buffer` of [from, to).
 */
export function busiestInBuffers(busy: readonly BusyTime[], from: number, to: number, buffer: number): number {
  const points = [from];
  for (const b of busy) {
    for (const at of [b.start, b.start - buffer, b.end]) if (at > from && at < to) points.push(at);
  }
  let most = -1;
  for (const at of points) {
    let inBuffer = false;
    let n = 0;
    for (const b of busy) {
      if ((b.start - buffer <= at && at < b.start) || (b.end <= at && at < b.end + buffer)) inBuffer = true;
      if (b.start <= at && b.end > at) n++;
    }
    if (inBuffer && n > most) most = n;
  }
  return most;
}

function isAscending(xs: readonly number[]): boolean {
  for (let i = 1; i < xs.length; i++) if (xs[i - 1]! > xs[i]!) return false;
  return true;
}

function isSorted(busy: readonly BusyTime[]): boolean {
  for (let i = 1; i < busy.length; i++) if (busy[i - 1]!.start > busy[i]!.start) return false;
  return true;
}

/** Sorts busy times by start (a copy). */
export function sortBusy(busy: readonly BusyTime[]): BusyTime[] {
  return [...busy].sort((a, b) => a.start - b.start || a.end - b.end);
}

/**
 * The free slots of one provider. `busy` need not be sorted. Every slot is inside one window for the
 * type (and location, when asked), on its grid, not before `notBefore`, and passes max concurrent
 * and max daily as the booking guard counts them.
 */
export function providerSlots(input: ProviderSlotInput): ProviderSlots {
  const { rules } = input;
  const duration = rules.durationMinutes * MINUTE;
  const buffer = rules.bufferMinutes * MINUTE;
  const busy = isSorted(input.busy) ? input.busy : sortBusy(input.busy);
  // the longest booking bounds how far back an overlapping one can start
  let longest = 0;
  for (const b of busy) longest = Math.max(longest, b.end - b.start);
  const out: WindowSlots[] = [];
  const days = new Map<string, DayCapacity>();
  const windows = input.windows
    .filter((w) => (input.locationId == null || w.location_id === input.locationId) && windowAllowsType(w, input.appointmentTypeId))
    .sort((a, b) => a.start_utc.getTime() - b.start_utc.getTime() || a.location_id.localeCompare(b.location_id));
  // The same start at the same location from two overlapping windows (an added override over a
  // template) is one slot; remembering starts is only needed when some windows overlap.
  const seen = overlapsAtALocation(windows) ? new Map<string, Set<number>>() : null;
  // Slots are mostly visited in start order, so the first booking that can still overlap one only
  // moves on (and is looked up again when windows at two locations overlap and time steps back).
  let first = 0;
  let lastFrom = -Infinity;
  const overlapping: BusyTime[] = [];

  /** The busiest instant of [from, to), as busiestCount, from `first` on. */
  function busiest(from: number, to: number): number {
    if (from < lastFrom) first = firstStartingAtOrAfter(busy, from - longest + 1);
    lastFrom = from;
    while (first < busy.length && busy[first]!.start <= from - longest) first++;
    overlapping.length = 0;
    for (let i = first; i < busy.length; i++) {
      const b = busy[i]!;
      if (b.start >= to) break;
      if (b.end > from) overlapping.push(b);
    }
    if (overlapping.length <= 1) return overlapping.length;
    return busiestCount(overlapping, from, to);
  }

  for (const w of windows) {
    const step = (w.slot_interval_minutes ?? rules.durationMinutes) * MINUTE;
    const gridStart = w.grid_start_utc.getTime();
    const windowStart = w.start_utc.getTime();
    const windowEnd = w.end_utc.getTime();
    const earliest = Math.max(windowStart, input.notBefore);
    let t = gridStart + Math.max(0, Math.ceil((earliest - gridStart) / step)) * step;
    if (t + duration > windowEnd) continue;

    let day = days.get(w.date);
    if (!day) days.set(w.date, (day = input.keepPositions ? { total: 0, free: 0, positions: [] } : { total: 0, free: 0 }));
    const positions = day.positions;
    const fullDay = rules.maxDaily !== null && (input.dailyCounts.get(w.date) ?? 0) >= rules.maxDaily;
    let starts: Set<number> | undefined;
    if (seen) {
      starts = seen.get(w.location_id);
      if (!starts) seen.set(w.location_id, (starts = new Set()));
    }

    const free: number[] = [];
    for (; t + duration <= windowEnd; t += step) {
      if (starts) {
        if (starts.has(t)) continue;
        starts.add(t);
      }
      day.total++;
      positions?.push(t);
      if (fullDay) continue;
      if (busy.length > 0 && busiest(t - buffer, t + duration + buffer) >= rules.maxConcurrent) continue;
      // `overlapping` now holds every booking within a buffer of the slot
      if (buffer > 0 && rules.maxConcurrent > 1 && overlapping.length > 1 && busiestInBuffers(overlapping, t, t + duration, buffer) >= rules.maxConcurrent - 1) continue;
      day.free++;
      free.push(t);
    }
    if (free.length > 0) out.push({ window: w, starts: free });
  }
  // windows at two locations may interleave in time
  if (input.keepPositions) for (const day of days.values()) if (!isAscending(day.positions!)) day.positions!.sort((a, b) => a - b);
  return { windows: out, duration, days };
}

/** Whether two windows (sorted by start) at one location overlap in time. */
function overlapsAtALocation(windows: readonly WorkingWindow[]): boolean {
  const lastEnd = new Map<string, number>();
  for (const w of windows) {
    const end = lastEnd.get(w.location_id);
    if (end !== undefined && w.start_utc.getTime() < end) return true;
    lastEnd.set(w.location_id, Math.max(end ?? 0, w.end_utc.getTime()));
  }
  return false;
}

/** A window's local minutes advance with UTC, i.e. no offset change happens inside it. */
function steadyOffset(w: WorkingWindow): boolean {
  return (w.end_utc.getTime() - w.start_utc.getTime()) / MINUTE === minutesOfDay(w.end) - minutesOfDay(w.start);
}

/** Local minutes since midnight at the window's start, or −1 when its zone's offset changes inside it. */
export function localBase(w: WorkingWindow): number {
  return steadyOffset(w) ? minutesOfDay(w.start) : -1;
}

/**
 * Local minutes since midnight of an instant inside window `w` (in zone `zone`); `base` is
 * localBase(w), when the caller has it already.
 */
export function localMinutes(w: WorkingWindow, at: number, zone: string, base = localBase(w)): number {
  if (base >= 0) return base + Math.round((at - w.start_utc.getTime()) / MINUTE);
  return minutesOfDay(utcToLocal(new Date(at), zone).time);
}

/** `HH:MM` of minutes since midnight. */
export function hhmm(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return `${h < 10 ? '0' : ''}${h}:${m < 10 ? '0' : ''}${m}`;
}
