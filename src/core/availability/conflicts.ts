/**
 * Cross-location conflicts: pure functions from a provider's commitments to the pairs of them that the
 * provider cannot both keep.
 *
 * A commitment is an active appointment or a working window (templates and overrides, see windows.ts).
 * Two commitments at two DIFFERENT locations conflict when
 *
 *     gap_minutes < travel_minutes
 *
 * where `gap_minutes` = (the later start − the earlier end) in minutes, computed on UTC instants, so
 * it is negative when they overlap (then it is minus the overlapping minutes), and `travel_minutes` is
 * the time entered between the two locations: the larger of what either location's `travel_minutes`
 * says about the other, else DEFAULT_TRAVEL_MINUTES (30). A negative gap is an `overlap`, any other an
 * `insufficient_travel_time`. Two commitments at the same location never conflict here.
 *
 * The pair is ordered (`first` starts earlier) and dated by `first`'s local date. Because instants are
 * compared, a pair across local midnight or across two time zones is found too.
 */
import { DEFAULT_TRAVEL_MINUTES } from '../reference/locations';

export type CommitmentKind = 'appointment' | 'window';
/** `appointment` (id is the appointment's), `template` (the template's) or `added`/`modified` (the override's). */
export type CommitmentSource = 'appointment' | 'template' | 'added' | 'modified';

export interface Commitment {
  kind: CommitmentKind;
  id: string;
  source: CommitmentSource;
  location_id: string;
  /** the location's local calendar date and clock times (end exclusive) */
  date: string;
  start: string;
  end: string;
  start_utc: Date;
  end_utc: Date;
}

export type ConflictType = 'overlap' | 'insufficient_travel_time';

export interface Conflict {
  /** local date of `first` */
  date: string;
  type: ConflictType;
  gap_minutes: number;
  travel_minutes: number;
  first: Commitment;
  second: Commitment;
}

/** What the rule needs of a location: the travel minutes it names to other locations. */
export interface TravelTable {
  id: string;
  travel_minutes: Readonly<Record<string, number>>;
}

/** Minutes between two locations: the larger of what either names for the other, else the default. */
export function travelMinutesBetween(
  a: TravelTable | undefined,
  b: TravelTable | undefined,
  fallback: number = DEFAULT_TRAVEL_MINUTES,
): number {
  const named: number[] = [];
  if (a && b) {
    const ab = a.travel_minutes[b.id];
    const ba = b.travel_minutes[a.id];
    if (typeof ab === 'number') named.push(ab);
    if (typeof ba === 'number') named.push(ba);
  }
  return named.length > 0 ? Math.max(...named) : fallback;
}

const MINUTE_MS = 60_000;

/** (later start − earlier end) in minutes; negative = the two overlap by that many minutes. */
export function gapMinutes(a: Pick<Commitment, 'start_utc' | 'end_utc'>, b: Pick<Commitment, 'start_utc' | 'end_utc'>): number {
  const laterStart = Math.max(a.start_utc.getTime(), b.start_utc.getTime());
  const earlierEnd = Math.min(a.end_utc.getTime(), b.end_utc.getTime());
  return (laterStart - earlierEnd) / MINUTE_MS;
}

/** Earlier start first, then earlier end, appointments before windows, then id: a total order. */
export function compareCommitments(a: Commitment, b: Commitment): number {
  return (
    a.start_utc.getTime() - b.start_utc.getTime() ||
    a.end_utc.getTime() - b.end_utc.getTime() ||
    (a.kind === b.kind ? 0 : a.kind === 'appointment' ? -1 : 1) ||
    a.id.localeCompare(b.id) ||
    a.location_id.localeCompare(b.location_id)
  );
}

export interface ConflictOptions {
  /** only pairs whose `date` is on or after / on or before these local dates */
  dateFrom?: string;
  dateTo?: string;
  /** minutes for a pair of locations nobody entered a travel time for (default 30) */
  defaultTravelMinutes?: number;
}

/**
 * Every conflicting pair among `commitments`, ordered by date, then `first`'s start, then `second`'s
 * start. `locations` gives each location's travel table; a location missing from it uses the default.
 */
export function findConflicts(
  commitments: readonly Commitment[],
  locations: ReadonlyMap<string, TravelTable>,
  options: ConflictOptions = {},
): Conflict[] {
  const fallback = options.defaultTravelMinutes ?? DEFAULT_TRAVEL_MINUTES;
  // The longest travel time anywhere bounds how far ahead a conflicting partner can start.
  let maxTravel = fallback;
  for (const l of locations.values()) {
    for (const minutes of Object.values(l.travel_minutes)) maxTravel = Math.max(maxTravel, minutes);
  }
  const sorted = [...commitments].sort(compareCommitments);
  const conflicts: Conflict[] = [];
  for (let i = 0; i < sorted.length; i++) {
    const first = sorted[i]!;
    if (options.dateFrom !== undefined && first.date < options.dateFrom) continue;
    if (options.dateTo !== undefined && first.date > options.dateTo) continue;
    const horizon = first.end_utc.getTime() + maxTravel * MINUTE_MS;
    for (let j = i + 1; j < sorted.length; j++) {
      const second = sorted[j]!;
      // Later starts only get further away from `first`'s end.
      if (second.start_utc.getTime() >= horizon) break;
      if (second.location_id === first.location_id) continue;
      const travel = travelMinutesBetween(locations.get(first.location_id), locations.get(second.location_id), fallback);
      const gap = gapMinutes(first, second);
      if (gap >= travel) continue;
      conflicts.push({
        date: first.date,
        type: gap < 0 ? 'overlap' : 'insufficient_travel_time',
        gap_minutes: gap,
        travel_minutes: travel,
        first,
        second,
      });
    }
  }
  return conflicts.sort(
    (a, b) =>
      a.date.localeCompare(b.date) || compareCommitments(a.first, b.first) || compareCommitments(a.second, b.second),
  );
}
