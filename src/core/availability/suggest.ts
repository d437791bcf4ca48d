/**
 * Slots for what a patient asked, as the language layer and the conversation propose them: the slot
 * search over one or several providers (or a specialty), kept to the asked local clock range, a few
 * starts left out (times already refused), best first.
 */
import type { DayPeriod } from '../model';
import { PERIOD_MINUTES } from '../periods';
import { TIME_PREFERENCE_REACH_MINUTES } from './score';
import { addDays, isValidDate, LAST_RANGE_DATE, minutesOfDay } from '../time';
import { MAX_SLOT_LIMIT, MAX_SLOT_RANGE_DAYS, type AvailableSlot, type SlotQuery, type makeAvailabilityService } from './service';

export interface SuggestQuery {
  /** local dates, inclusive; a range starting before `today` starts today, and is cut at the search's longest range */
  date_from: string;
  date_to: string;
  /** only these days of the range ("quinta ou sexta"); null or absent: every day */
  dates?: readonly string[] | null;
  appointment_type_id: string;
  /** with any: only these providers; else every active provider of `specialty` */
  provider_ids: string[];
  specialty: string | null;
  /** providers whose slots are not proposed (a change of provider: the one the patient leaves) */
  exclude_provider_ids?: readonly string[];
  location_id: string | null;
  /** scoring preferences: the period also keeps slots inside it unless a clock range or time says otherwise */
  period: DayPeriod | null;
  time: string | null;
  /** local clock range a slot must start in, `time_to` exclusive */
  time_from: string | null;
  time_to: string | null;
  /** parts of the day inside the clock range that no slot may start in ("à tarde não posso": 06:00–22:00 without the afternoon) */
  refused_periods?: readonly DayPeriod[];
  /**
   * "sexta de tarde ou sábado de manhã": on these days, only starts in that part of the day; a day listed more than once
   * keeps to any of its parts ("qualquer dia menos quarta à noite": Wednesday's morning and afternoon)
   */
  day_periods?: ReadonlyArray<{ date: string; period: DayPeriod }> | null;
  limit: number;
  /** UTC start instants not to propose */
  exclude?: readonly string[];
}

/** The clock range a slot must start in, in minutes; null when only an exact time (or nothing) was asked. */
export function clockRange(q: Pick<SuggestQuery, 'time' | 'time_from' | 'time_to' | 'period'>): [number, number] | null {
  if (q.time) return null;
  if (q.time_from && q.time_to) return [minutesOfDay(q.time_from), minutesOfDay(q.time_to)];
  if (q.period) return [...PERIOD_MINUTES[q.period]];
  return null;
}

export async function suggestSlots(
  availability: ReturnType<typeof makeAvailabilityService>,
  tenantId: string,
  query: SuggestQuery,
  today: string,
): Promise<AvailableSlot[]> {
  const from = query.date_from < today ? today : query.date_from;
  // a range past the searchable calendar (or past year 9999, which YYYY-MM-DD cannot write) offers nothing
  if (!isValidDate(from) || !isValidDate(query.date_to) || query.date_to < from || from > LAST_RANGE_DATE) return [];
  const last = addDays(from, MAX_SLOT_RANGE_DAYS);
  const to = [query.date_to, last, LAST_RANGE_DATE].reduce((a, b) => (b < a ? b : a));
  const range = clockRange(query);
  const refused = (query.refused_periods ?? []).map((p) => PERIOD_MINUTES[p]);
  const exclude = new Set(query.exclude ?? []);
  const excludeProviders = new Set(query.exclude_provider_ids ?? []);
  const days = query.dates && query.dates.length > 0 ? new Set(query.dates) : null;
  const dayWindows = new Map<string, Array<readonly [number, number]>>();
  for (const d of query.day_periods ?? []) dayWindows.set(d.date, [...(dayWindows.get(d.date) ?? []), PERIOD_MINUTES[d.period]]);
  const base: Omit<SlotQuery, 'provider_id' | 'specialty'> = {
    date_from: from,
    date_to: to,
    appointment_type_id: query.appointment_type_id,
    location_id: query.location_id ?? undefined,
    period: query.period ?? undefined,
    time: query.time ?? undefined,
    // a clock range, exclusions or a choice of days filter what the search scores, and an exact time may
    // be far from every start (nearestToTime), so look further than one page
    limit: range || refused.length > 0 || exclude.size > 0 || excludeProviders.size > 0 || days || query.time ? MAX_SLOT_LIMIT : query.limit,
  };
  const queries: SlotQuery[] =
    query.provider_ids.length > 0 ? query.provider_ids.map((id) => ({ ...base, provider_id: id })) : [{ ...base, specialty: query.specialty ?? '' }];
  const pages = await Promise.all(queries.map((q) => availability.searchSlots(tenantId, q)));
  const ranked = pages
    .flatMap((p) => p.items)
    .filter((s) => !exclude.has(s.start_at) && !excludeProviders.has(s.provider_id))
    .filter((s) => !days || days.has(s.date))
    .filter((s) => {
      const own = dayWindows.get(s.date);
      return !own || own.some(([from, to]) => minutesOfDay(s.start_time) >= from && minutesOfDay(s.start_time) < to);
    })
    .filter((s) => !range || (minutesOfDay(s.start_time) >= range[0] && minutesOfDay(s.start_time) < range[1]))
    .filter((s) => !refused.some(([from, to]) => minutesOfDay(s.start_time) >= from && minutesOfDay(s.start_time) < to))
    .sort((a, b) => b.score - a.score || a.start_at.localeCompare(b.start_at));
  const best = query.time ? nearestToTime(ranked, minutesOfDay(query.time)) : ranked;
  return (days && days.size > 1 ? takeTurns(best) : best).slice(0, query.limit);
}

/**
 * An exact time asked that no start comes within reach of (the score's time preference is then 0 for
 * every slot, "amanhã às 23h" with a clinic that closes at 18:00): the starts nearest to it first, not
 * the morning's that the other parts of the score favour. Otherwise the ranking stands.
 */
function nearestToTime(ranked: AvailableSlot[], time: number): AvailableSlot[] {
  const distance = (s: AvailableSlot) => Math.abs(minutesOfDay(s.start_time) - time);
  if (ranked.some((s) => distance(s) < TIME_PREFERENCE_REACH_MINUTES)) return ranked;
  return [...ranked].sort((a, b) => distance(a) - distance(b) || a.start_at.localeCompare(b.start_at));
}

/**
 * Days offered as alternatives each get their best slots near the top, in turns ("quinta ou sexta":
 * Thursday's best, Friday's best, Thursday's second…), so the few options shown cover every day that
 * has any. Within a day the order stays the ranking's.
 */
function takeTurns(ranked: AvailableSlot[]): AvailableSlot[] {
  const byDay = new Map<string, AvailableSlot[]>();
  for (const s of ranked) {
    const list = byDay.get(s.date) ?? [];
    list.push(s);
    byDay.set(s.date, list);
  }
  const queues = [...byDay.values()];
  const out: AvailableSlot[] = [];
  for (let i = 0; out.length < ranked.length; i++) for (const q of queues) if (q[i]) out.push(q[i]!);
  return out;
}
