/**
 * Templates + overrides → a provider's working windows, day by day, in each location's local time and
 * as UTC instants. Pure functions; the same semantics as the booking guard (src/db/appointment-guards.ts),
 * so that a slot inside a window books unless something else changed:
 *
 * - On local date D at location L, a `blocked` override at L or at all locations (location_id null)
 *   removes the whole day (no times) or its hours from every window.
 * - An `added` override at L opens its hours at L.
 * - A `modified` override at L, or at all locations (null) where a template applies that day, replaces
 *   that day's template hours at L with its own.
 * - Otherwise every active template for D's weekday at L, effective on D, gives its hours, restricted to
 *   its appointment types when it lists any.
 * - A slot must fit inside one window (windows are not merged).
 */
import type { ScheduleOverride, ScheduleTemplate } from '../model';
import { addDays, clockTime, dayOfWeek, localToUtc, minutesOfDay } from '../time';

export interface WorkingWindow {
  /** the location's local calendar date */
  date: string;
  location_id: string;
  /** local clock times, end exclusive */
  start: string;
  end: string;
  start_utc: Date;
  end_utc: Date;
  /** where the slot grid starts: the window's start before blocked hours were cut out of it */
  grid_start_utc: Date;
  source: 'template' | 'added' | 'modified';
  template_id: string | null;
  /** the template's slot grid; null = the appointment duration */
  slot_interval_minutes: number | null;
  /** types this window is for; empty = any type */
  appointment_type_ids: string[];
}

export interface ScheduleInput {
  templates: readonly ScheduleTemplate[];
  overrides: readonly ScheduleOverride[];
  /** time zone of each location the templates and overrides name */
  timezones: ReadonlyMap<string, string>;
}

interface Span {
  start: number;
  end: number;
}

function subtract(spans: Span[], cut: Span): Span[] {
  const out: Span[] = [];
  for (const s of spans) {
    if (cut.end <= s.start || cut.start >= s.end) {
      out.push(s);
      continue;
    }
    if (cut.start > s.start) out.push({ start: s.start, end: cut.start });
    if (cut.end < s.end) out.push({ start: cut.end, end: s.end });
  }
  return out;
}

function effectiveOn(t: ScheduleTemplate, date: string): boolean {
  return (
    t.is_active &&
    (t.effective_from === null || t.effective_from <= date) &&
    (t.effective_until === null || t.effective_until >= date)
  );
}

/** What workingWindows looks up per day, derived from its input once (see indexSchedule). */
export interface ScheduleIndex {
  overridesByDate: Map<string, ScheduleOverride[]>;
  locationIds: string[];
  /** templates by location, then weekday (0–6), in input order */
  byLocationDay: Map<string, ScheduleTemplate[][]>;
}

/**
 * The lookups workingWindows needs, built once: slot search computes one provider's windows a
 * stretch of days at a time, so it builds this once per provider and request and passes it to each
 * call (it must be built from the same input).
 */
export function indexSchedule(input: ScheduleInput): ScheduleIndex {
  const overridesByDate = new Map<string, ScheduleOverride[]>();
  for (const o of input.overrides) {
    const list = overridesByDate.get(o.date);
    if (list) list.push(o);
    else overridesByDate.set(o.date, [o]);
  }
  const locationIds = new Set<string>();
  for (const t of input.templates) locationIds.add(t.location_id);
  for (const o of input.overrides) if (o.location_id) locationIds.add(o.location_id);
  // Templates by location and weekday, in input order, looked up once per day instead of filtered
  // (slot search computes windows for dozens of providers over a month per request).
  // (Nested rather than keyed by `location|weekday`: building and hashing such keys cost more than
  // the rest of a one-day search.)
  const byLocationDay = new Map<string, ScheduleTemplate[][]>();
  for (const t of input.templates) {
    let days = byLocationDay.get(t.location_id);
    if (!days) byLocationDay.set(t.location_id, (days = [[], [], [], [], [], [], []]));
    days[t.day_of_week]?.push(t);
  }
  return { overridesByDate, locationIds: [...locationIds], byLocationDay };
}

/**
 * The windows of one provider from `dateFrom` to `dateTo` (local dates, inclusive), ordered by UTC
 * start. `index` is indexSchedule(input), when the caller keeps it across calls.
 */
export function workingWindows(input: ScheduleInput, dateFrom: string, dateTo: string, index = indexSchedule(input)): WorkingWindow[] {
  const windows: WorkingWindow[] = [];
  const { overridesByDate, locationIds, byLocationDay } = index;

  for (let date = dateFrom; date <= dateTo; date = addDays(date, 1)) {
    const weekday = dayOfWeek(date);
    const overrides = overridesByDate.get(date);
    for (const locationId of locationIds) {
      const zone = input.timezones.get(locationId);
      if (!zone) continue;
      const templates: ScheduleTemplate[] = [];
      for (const t of byLocationDay.get(locationId)?.[weekday] ?? []) if (effectiveOn(t, date)) templates.push(t);
      if (!overrides) {
        // no override that day: the templates' hours as they are (the general case below gives the same)
        for (const t of templates) {
          if (t.end_time <= t.start_time) continue;
          const start_utc = localToUtc(date, t.start_time, zone);
          windows.push({
            date,
            location_id: locationId,
            start: t.start_time,
            end: t.end_time,
            start_utc,
            end_utc: localToUtc(date, t.end_time, zone),
            grid_start_utc: new Date(start_utc.getTime()),
            source: 'template',
            template_id: t.id,
            slot_interval_minutes: t.slot_interval_minutes,
            appointment_type_ids: t.appointment_type_ids,
          });
        }
        continue;
      }
      const here = (o: ScheduleOverride) => o.location_id === locationId;
      const blocked = overrides.filter((o) => o.type === 'blocked' && (o.location_id === null || here(o)));
      if (blocked.some((o) => o.start_time === null)) continue;

      const modified = overrides.filter(
        (o) => o.type === 'modified' && (here(o) || (o.location_id === null && templates.length > 0)),
      );
      const raw: Array<Pick<WorkingWindow, 'source' | 'template_id' | 'slot_interval_minutes' | 'appointment_type_ids'> & Span> = [];
      for (const o of overrides.filter((o) => o.type === 'added' && here(o))) {
        raw.push({ start: minutesOfDay(o.start_time!), end: minutesOfDay(o.end_time!), source: 'added', template_id: null, slot_interval_minutes: null, appointment_type_ids: [] });
      }
      if (modified.length > 0) {
        for (const o of modified) {
          raw.push({ start: minutesOfDay(o.start_time!), end: minutesOfDay(o.end_time!), source: 'modified', template_id: null, slot_interval_minutes: null, appointment_type_ids: [] });
        }
      } else {
        for (const t of templates) {
          raw.push({
            start: minutesOfDay(t.start_time),
            end: minutesOfDay(t.end_time),
            source: 'template',
            template_id: t.id,
            slot_interval_minutes: t.slot_interval_minutes,
            appointment_type_ids: t.appointment_type_ids,
          });
        }
      }
      for (const w of raw) {
        let spans: Span[] = [{ start: w.start, end: w.end }];
        for (const b of blocked) spans = subtract(spans, { start: minutesOfDay(b.start_time!), end: minutesOfDay(b.end_time!) });
        for (const span of spans) {
          if (span.end <= span.start) continue;
          const start = clockTime(span.start);
          const end = clockTime(span.end);
          windows.push({
            date,
            location_id: locationId,
            start,
            end,
            start_utc: localToUtc(date, start, zone),
            end_utc: localToUtc(date, end, zone),
            grid_start_utc: localToUtc(date, clockTime(w.start), zone),
            source: w.source,
            template_id: w.template_id,
            slot_interval_minutes: w.slot_interval_minutes,
            appointment_type_ids: w.appointment_type_ids,
          });
        }
      }
    }
  }
  return windows.sort((a, b) => a.start_utc.getTime() - b.start_utc.getTime() || a.location_id.localeCompare(b.location_id));
}
