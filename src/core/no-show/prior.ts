/**
 * The prior: what a tenant's scores are until it has enough outcomes of its own to train on
 * (NoShowSettings.minOutcomes, default 200). A hand-set logistic model, written down here and in the
 * README, from what the no-show literature and public data agree on: about one appointment in five
 * is missed; patients who missed before miss again; the longer the wait, the more misses; same-day
 * bookings are rarely missed.
 *
 *   logit(p) = logit(0.20)
 *            + 0.80 × min(prior no-shows, 3)               no_show_history
 *            − 0.15 × min(prior completed visits, 5)       visit_history
 *            + 0.30 × (ln(1 + lead days) − ln(1 + 7))      lead_time (a week's notice is neutral)
 *            − 0.50 × [booked the same day]                lead_time
 *
 * Examples: a first visit booked a week ahead scores 20%; booked the same day, 7.5%; 30 days ahead,
 * 27%; a patient with two earlier no-shows and no visits, booked a week ahead, 55%.
 * History counts only outcomes on strictly earlier local days, as for the trained model.
 */
import { leadDays, type AppointmentFacts, type FactorGroup, type PatientHistory } from './features';

export const PRIOR = {
  baseRate: 0.2,
  perNoShow: 0.8,
  maxNoShows: 3,
  perVisit: -0.15,
  maxVisits: 5,
  perLogLeadDay: 0.3,
  neutralLeadDays: 7,
  sameDay: -0.5,
} as const;

const BASE_LOGIT = Math.log(PRIOR.baseRate / (1 - PRIOR.baseRate));

/** The prior's log-odds split by factor: the base log-odds plus each factor's share. */
export function priorContributions(facts: AppointmentFacts, history: PatientHistory): { base: number; contributions: Map<FactorGroup, number> } {
  const lead = leadDays(facts);
  const contributions = new Map<FactorGroup, number>();
  const noShows = PRIOR.perNoShow * Math.min(history.noShows, PRIOR.maxNoShows);
  const visits = PRIOR.perVisit * Math.min(history.visits, PRIOR.maxVisits);
  const leadTime = PRIOR.perLogLeadDay * (Math.log1p(lead) - Math.log1p(PRIOR.neutralLeadDays)) + (lead === 0 ? PRIOR.sameDay : 0);
  if (noShows !== 0) contributions.set('no_show_history', noShows);
  if (visits !== 0) contributions.set('visit_history', visits);
  if (leadTime !== 0) contributions.set('lead_time', leadTime);
  return { base: BASE_LOGIT, contributions };
}

export function priorLogit(facts: AppointmentFacts, history: PatientHistory): number {
  const { base, contributions } = priorContributions(facts, history);
  let eta = base;
  for (const c of contributions.values()) eta += c;
  return eta;
}
