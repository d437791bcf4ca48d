/**
 * A provider's multi-location view over a range of local dates: the locations schedule (per day, per
 * location, working windows and appointments) and the cross-location conflicts among its commitments.
 * Reads through ports; the rules are in windows.ts and conflicts.ts.
 */
import { NotFoundError, ValidationError } from '../errors';
import { ACTIVE_STATUSES, APPOINTMENT_STATUSES, type Appointment, type AppointmentStatus, type ScheduleOverride } from '../model';
import type { CoreDeps } from '../deps';
import type { LocationSummary } from '../ports';
import { addDays, isValidDate, LAST_RANGE_DATE, utcToLocal } from '../time';
import { workingWindows, type WorkingWindow } from './windows';
import { findConflicts, type Commitment, type Conflict } from './conflicts';

/** Longest range of local dates one request may cover, both ends inclusive (a whole month). */
export const MAX_SCHEDULE_RANGE_DAYS = 31;

/** Appointments shown in the schedule: every status but `cancelled`. Conflicts count only the active ones. */
export const SCHEDULE_STATUSES: readonly AppointmentStatus[] = APPOINTMENT_STATUSES.filter((s) => s !== 'cancelled');

export interface ScheduleLocation {
  id: string;
  name: string;
  timezone: string;
}

export interface ScheduleWindow {
  /** `template`: id is the template's; `added` / `modified`: id is the override's */
  source: WorkingWindow['source'];
  id: string;
  start: string;
  end: string;
  start_utc: string;
  end_utc: string;
  appointment_type_ids: string[];
}

export interface ScheduleAppointment {
  id: string;
  status: AppointmentStatus;
  patient_id: string;
  appointment_type_id: string;
  room_id: string | null;
  start: string;
  end: string;
  start_utc: string;
  end_utc: string;
}

export interface LocationsSchedule {
  provider_id: string;
  date_from: string;
  date_to: string;
  days: Array<{
    date: string;
    locations: Array<{ location: ScheduleLocation; windows: ScheduleWindow[]; appointments: ScheduleAppointment[] }>;
  }>;
}

export interface ConflictSide {
  kind: Commitment['kind'];
  id: string;
  source: Commitment['source'];
  /** the appointment's status; null for a window */
  status: AppointmentStatus | null;
  location: ScheduleLocation;
  date: string;
  start: string;
  end: string;
  start_utc: string;
  end_utc: string;
}

export interface CrossLocationConflicts {
  provider_id: string;
  date_from: string;
  date_to: string;
  conflicts: Array<{
    date: string;
    type: Conflict['type'];
    gap_minutes: number;
    travel_minutes: number;
    first: ConflictSide;
    second: ConflictSide;
  }>;
}

/** The query's date range: real dates, `date_to` not before `date_from`, at most 31 days. */
export function checkDateRange(dateFrom: string, dateTo: string): void {
  if (!isValidDate(dateFrom)) throw ValidationError.field('date_from', 'expected a calendar date YYYY-MM-DD');
  if (!isValidDate(dateTo)) throw ValidationError.field('date_to', 'expected a calendar date YYYY-MM-DD');
  if (dateTo < dateFrom) throw ValidationError.field('date_to', 'must not be before date_from');
  if (dateTo > LAST_RANGE_DATE) throw ValidationError.field('date_to', `must be ${LAST_RANGE_DATE} or earlier`);
  if (addDays(dateFrom, MAX_SCHEDULE_RANGE_DAYS - 1) < dateTo) {
    throw ValidationError.field('date_to', `the range may cover at most ${MAX_SCHEDULE_RANGE_DAYS} days (date_from and date_to included)`);
  }
}

/**
 * The override a non-template window came from: same date, same type, at the window's location (a
 * `modified` one may also be for all locations), and whose hours contain the window's (blocked hours
 * may have cut it into pieces).
 */
function sourceOverride(w: WorkingWindow, overrides: readonly ScheduleOverride[]): ScheduleOverride | undefined {
  const candidates = overrides.filter(
    (o) =>
      o.type === w.source &&
      o.date === w.date &&
      (o.location_id === w.location_id || (o.type === 'modified' && o.location_id === null)),
  );
  return (
    candidates.find((o) => o.location_id === w.location_id && o.start_time! <= w.start && o.end_time! >= w.end) ??
    candidates.find((o) => o.start_time! <= w.start && o.end_time! >= w.end) ??
    candidates[0]
  );
}

function windowId(w: WorkingWindow, overrides: readonly ScheduleOverride[]): string {
  if (w.source === 'template') return w.template_id!;
  return sourceOverride(w, overrides)?.id ?? '';
}

interface LocalAppointment {
  appointment: Appointment;
  commitment: Commitment;
}

export function makeScheduleViewService({ repos }: CoreDeps) {
  const { providers, templates, scheduleView } = repos;

  /** Everything both views need, for commitments whose local date is in [dateFrom, dateTo + 1]. */
  async function load(tenantId: string, providerId: string, dateFrom: string, dateTo: string) {
    if (!(await providers.get(tenantId, providerId))) throw new NotFoundError('Provider');
    checkDateRange(dateFrom, dateTo);
    // One day past the range, so that a pair whose earlier side is on date_to is complete.
    const until = addDays(dateTo, 1);
    const [templateList, overrides, appointments] = await Promise.all([
      templates.activeForProvider(tenantId, providerId),
      scheduleView.overridesOnDates(tenantId, providerId, dateFrom, until),
      scheduleView.appointmentsOnDates(tenantId, providerId, dateFrom, until, SCHEDULE_STATUSES),
    ]);
    const locationIds = new Set<string>([
      ...templateList.map((t) => t.location_id),
      ...overrides.flatMap((o) => (o.location_id ? [o.location_id] : [])),
      ...appointments.map((a) => a.location_id),
    ]);
    const locations = new Map<string, LocationSummary>(
      (await scheduleView.locationsByIds(tenantId, [...locationIds])).map((l) => [l.id, l]),
    );
    // Working windows as slot search and the booking see them: a location that is no longer active gives
    // none (its templates and overrides open no time there), though its appointments are still shown.
    const timezones = new Map([...locations.values()].filter((l) => l.is_active).map((l) => [l.id, l.timezone]));
    const windows = workingWindows({ templates: templateList, overrides, timezones }, dateFrom, until);
    const windowCommitments = windows.map(
      (w): Commitment => ({
        kind: 'window',
        id: windowId(w, overrides),
        source: w.source,
        location_id: w.location_id,
        date: w.date,
        start: w.start,
        end: w.end,
        start_utc: w.start_utc,
        end_utc: w.end_utc,
      }),
    );
    const local: LocalAppointment[] = [];
    for (const a of appointments) {
      const zone = locations.get(a.location_id)?.timezone;
      if (!zone) continue;
      const start_utc = new Date(a.start_time);
      const end_utc = new Date(a.end_time);
      const start = utcToLocal(start_utc, zone);
      const end = utcToLocal(end_utc, zone);
      local.push({
        appointment: a,
        commitment: {
          kind: 'appointment',
          id: a.id,
          source: 'appointment',
          location_id: a.location_id,
          date: start.date,
          start: start.time,
          // An appointment ending on a later local date (past midnight) keeps its clock time.
          end: end.time,
          start_utc,
          end_utc,
        },
      });
    }
    return { locations, windows, windowCommitments, appointments: local };
  }

  function describeLocation(locations: ReadonlyMap<string, LocationSummary>, id: string): ScheduleLocation {
    const l = locations.get(id);
    return { id, name: l?.name ?? '', timezone: l?.timezone ?? '' };
  }

  return {
    async crossLocationConflicts(
      tenantId: string,
      providerId: string,
      dateFrom: string,
      dateTo: string,
    ): Promise<CrossLocationConflicts> {
      const { locations, windowCommitments, appointments } = await load(tenantId, providerId, dateFrom, dateTo);
      const statusOf = new Map(appointments.map((a) => [a.appointment.id, a.appointment.status]));
      const commitments = [
        ...appointments.filter((a) => ACTIVE_STATUSES.includes(a.appointment.status)).map((a) => a.commitment),
        ...windowCommitments,
      ];
      const side = (c: Commitment): ConflictSide => ({
        kind: c.kind,
        id: c.id,
        source: c.source,
        status: c.kind === 'appointment' ? (statusOf.get(c.id) ?? null) : null,
        location: describeLocation(locations, c.location_id),
        date: c.date,
        start: c.start,
        end: c.end,
        start_utc: c.start_utc.toISOString(),
        end_utc: c.end_utc.toISOString(),
      });
      const conflicts = findConflicts(commitments, locations, { dateFrom, dateTo }).map((c) => ({
        date: c.date,
        type: c.type,
        gap_minutes: c.gap_minutes,
        travel_minutes: c.travel_minutes,
        first: side(c.first),
        second: side(c.second),
      }));
      return { provider_id: providerId, date_from: dateFrom, date_to: dateTo, conflicts };
    },

    /**
     * Every date of the range, in order (a date with nothing has `locations: []`); per date, the
     * locations with a window or an appointment that day, ordered by their first commitment, then name.
     */
    async locationsSchedule(tenantId: string, providerId: string, dateFrom: string, dateTo: string): Promise<LocationsSchedule> {
      const { locations, windows, windowCommitments, appointments } = await load(tenantId, providerId, dateFrom, dateTo);
      type Cell = { first: number; windows: ScheduleWindow[]; appointments: ScheduleAppointment[] };
      const cells = new Map<string, Map<string, Cell>>();
      const cell = (date: string, locationId: string, at: Date): Cell => {
        let day = cells.get(date);
        if (!day) cells.set(date, (day = new Map()));
        let c = day.get(locationId);
        if (!c) day.set(locationId, (c = { first: at.getTime(), windows: [], appointments: [] }));
        c.first = Math.min(c.first, at.getTime());
        return c;
      };
      windows.forEach((w, i) => {
        if (w.date > dateTo) return;
        cell(w.date, w.location_id, w.start_utc).windows.push({
          source: w.source,
          id: windowCommitments[i]!.id,
          start: w.start,
          end: w.end,
          start_utc: w.start_utc.toISOString(),
          end_utc: w.end_utc.toISOString(),
          appointment_type_ids: w.appointment_type_ids,
        });
      });
      for (const { appointment: a, commitment: c } of appointments) {
        if (c.date > dateTo) continue;
        cell(c.date, c.location_id, c.start_utc).appointments.push({
          id: a.id,
          status: a.status,
          patient_id: a.patient_id,
          appointment_type_id: a.appointment_type_id,
          room_id: a.room_id,
          start: c.start,
          end: c.end,
          start_utc: c.start_utc.toISOString(),
          end_utc: c.end_utc.toISOString(),
        });
      }
      const days: LocationsSchedule['days'] = [];
      for (let date = dateFrom; date <= dateTo; date = addDays(date, 1)) {
        const day = cells.get(date) ?? new Map<string, Cell>();
        const entries = [...day.entries()].map(([locationId, c]) => ({ location: describeLocation(locations, locationId), c }));
        entries.sort((x, y) => x.c.first - y.c.first || x.location.name.localeCompare(y.location.name) || x.location.id.localeCompare(y.location.id));
        days.push({
          date,
          locations: entries.map(({ location, c }) => ({
            location,
            windows: c.windows.sort((x, y) => x.start_utc.localeCompare(y.start_utc) || x.end_utc.localeCompare(y.end_utc)),
            appointments: c.appointments,
          })),
        });
      }
      return { provider_id: providerId, date_from: dateFrom, date_to: dateTo, days };
    },
  };
}

export type ScheduleViewService = ReturnType<typeof makeScheduleViewService>;
