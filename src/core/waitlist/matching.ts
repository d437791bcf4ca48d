/**
 * Waitlist rules as pure functions: the day period of a local clock time, queue order, and whether an
 * entry wants a freed appointment time. No I/O; the service feeds them records.
 */
import type { DayPeriod, WaitlistEntry } from '../model';
import { periodOf } from '../periods';
import { foldKey } from '../language/normalize';

/** How many waiting entries are offered one freed time. */
export const OFFERS_PER_FREED_TIME = 1;

/**
 * Further candidates prepared behind the best ones: when an entry leaves the queue between the read
 * and the cancellation's atomic step, the next one in line gets the offer instead.
 */
export const OFFER_FALLBACKS = 2;

/** Queue order: priority (higher first), then arrival (created_at, then id). Negative: `a` first. */
export function queueOrder(a: Pick<WaitlistEntry, 'priority' | 'created_at' | 'id'>, b: Pick<WaitlistEntry, 'priority' | 'created_at' | 'id'>): number {
  if (a.priority !== b.priority) return b.priority - a.priority;
  if (a.created_at !== b.created_at) return a.created_at < b.created_at ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** A freed appointment time, with its start in the location's local time. */
export interface FreedTime {
  appointment_id: string;
  provider_id: string;
  location_id: string;
  appointment_type_id: string;
  /** the patient whose appointment it was: never offered their own time */
  patient_id: string;
  start_time: string;
  end_time: string;
  local: { date: string; time: string };
}

/**
 * Whether a waiting entry wants this time, on everything but the provider/specialty match (which needs
 * the provider's specialties and is done where the candidates are read): same appointment type, its
 * location (if any) the freed one, the local date within [date_from, date_to] (open ends allowed), the
 * start's period among its periods (if any), and not the freed appointment's patient.
 */
export function wantsFreedTime(entry: WaitlistEntry, freed: FreedTime): boolean {
  if (entry.status !== 'waiting') return false;
  if (entry.appointment_type_id !== freed.appointment_type_id) return false;
  if (entry.patient_id === freed.patient_id) return false;
  if (entry.provider_id !== null && entry.provider_id !== freed.provider_id) return false;
  if (entry.location_id !== null && entry.location_id !== freed.location_id) return false;
  if (entry.date_from !== null && freed.local.date < entry.date_from) return false;
  if (entry.date_to !== null && freed.local.date > entry.date_to) return false;
  if (entry.periods.length > 0) {
    const period = periodOf(freed.local.time);
    if (period === null || !entry.periods.includes(period)) return false;
  }
  return true;
}

/**
 * The entries to offer a freed time to, best first: those that want it, in queue order, one entry per
 * patient, at most `count`.
 */
export function pickOffers<T extends { entry: WaitlistEntry }>(candidates: readonly T[], freed: FreedTime, count: number): T[] {
  const out: T[] = [];
  const patients = new Set<string>();
  for (const c of [...candidates].sort((a, b) => queueOrder(a.entry, b.entry))) {
    if (out.length >= count) break;
    if (patients.has(c.entry.patient_id) || !wantsFreedTime(c.entry, freed)) continue;
    patients.add(c.entry.patient_id);
    out.push(c);
  }
  return out;
}

/**
 * Whether a booking of the entry's own patient serves an active entry (waiting or offered): the same appointment type, its
 * provider (or, waiting for a specialty, a provider of it: `providerSpecialties`), its location (if any), the local date
 * within [date_from, date_to] and the start's period among its periods (if any). Such an entry has what it waited for.
 */
export function servedByBooking(
  entry: WaitlistEntry,
  booking: Pick<FreedTime, 'provider_id' | 'location_id' | 'appointment_type_id' | 'patient_id' | 'local'>,
  providerSpecialties: readonly string[],
): boolean {
  if (entry.status !== 'waiting' && entry.status !== 'offered') return false;
  if (entry.patient_id !== booking.patient_id || entry.appointment_type_id !== booking.appointment_type_id) return false;
  if (entry.provider_id !== null ? entry.provider_id !== booking.provider_id : !providerSpecialties.some((s) => foldKey(s) === foldKey(entry.specialty ?? ''))) return false;
  if (entry.location_id !== null && entry.location_id !== booking.location_id) return false;
  if (entry.date_from !== null && booking.local.date < entry.date_from) return false;
  if (entry.date_to !== null && booking.local.date > entry.date_to) return false;
  if (entry.periods.length > 0) {
    const period = periodOf(booking.local.time);
    if (period === null || !entry.periods.includes(period)) return false;
  }
  return true;
}

