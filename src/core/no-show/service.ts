/**
 * No-show risk for a tenant's appointments: a per-tenant logistic regression trained on its own
 * outcomes (./training.ts), or the documented prior (./prior.ts) until it has enough of them, and
 * while its latest model does not beat the prior on the holdout (AUC; see beatsPrior).
 *
 * When is a model trained? By `npm run cli -- model train`, and lazily when a score is asked for:
 * if the latest model is older than `noShowRetrainHours` (24 h) and the tenant has outcomes it was
 * not trained on (or there is no model yet and `noShowMinOutcomes` (200) outcomes exist, at least
 * MIN_OUTCOMES_PER_CLASS of them no-shows and as many completed visits), the request that notices
 * trains the next version first. This needs no scheduler, works the same on
 * Node and on Workers, and costs nothing for tenants that never ask. Concurrent requests of one
 * process share one training; two processes may each store a version (harmless: the highest wins).
 *
 * Levels: low below 15%, medium from 15%, high from 30% (about 1.5× the usual base rate); from 50%
 * the recommendation adds overbooking. An appointment that is no longer active (cancelled,
 * completed, no-show) has no risk to act on: 409.
 */
import type { CoreDeps } from '../deps';
import { DEFAULT_CORE_SETTINGS } from '../deps';
import { ConflictError, NotFoundError, ValidationError } from '../errors';
import { ACTIVE_STATUSES, type Page, type PageRequest } from '../model';
import type { NoShowAppointment, NoShowDayFilter, OutcomeCounts, StoredNoShowModel } from '../ports';
import { dayOfWeek, localDateHour } from '../time';
import {
  ageOn,
  bookingHistoriesOf,
  bookingHistoryOf,
  featureRow,
  historyBefore,
  type AppointmentFacts,
  type BookingRecord,
  type FactorGroup,
  type Outcome,
} from './features';
import { ALGORITHM, DEFAULT_FIT, makeScorer, probability, type Scorer } from './model';
import { PRIOR, priorContributions } from './prior';
import { trainWithHoldout, HOLDOUT_SHARE, type HoldoutReport, type LabelledAppointment } from './training';
import { describeFactor, recommendationText, type RiskLevel } from './texts';

export const RISK_THRESHOLDS = { medium: 0.15, high: 0.3, veryHigh: 0.5 } as const;
/** risk_factors: at most this many, each moving the log-odds by at least MIN_CONTRIBUTION */
export const MAX_FACTORS = 5;
export const MIN_CONTRIBUTION = 0.05;
/**
 * A model replaces the prior only when the history has at least this many of each outcome (no-shows and
 * completed visits) beside the minimum count. A history of one outcome alone (a clinic that never marked
 * a no-show, or imported only its attended visits) cannot estimate a rate: fitted on it, a model scored
 * every appointment 0 (or 1), which no clinic should act on.
 */
export const MIN_OUTCOMES_PER_CLASS = 10;

export interface RiskFactor {
  factor: FactorGroup;
  /** pt-BR, for the clinic's staff */
  description: string;
  /** signed share of the log-odds: coefficient × standardised value, summed over the factor's features */
  contribution: number;
  direction: 'increases' | 'decreases';
}

export interface NoShowRisk {
  appointment_id: string;
  patient_id: string;
  provider_profile_id: string;
  location_id: string;
  start_time: string;
  status: string;
  risk_score: number;
  risk_level: RiskLevel;
  risk_factors: RiskFactor[];
  recommendation: string;
  model_version: number | null;
  prior: boolean;
}

export interface ModelFeature {
  name: string;
  factor: FactorGroup;
  /** per standardised unit (prior: per unit of the raw term) */
  coefficient: number;
}

/** The latest trained model, when it did not beat the prior on its holdout and the prior scores instead. */
export interface RejectedModel {
  version: number;
  trained_at: string;
  trigger: 'cli' | 'auto';
  samples: number;
  no_shows: number;
  holdout: HoldoutReport;
}

export interface ModelInfo {
  algorithm: string;
  version: number | null;
  trained_at: string | null;
  trigger: 'cli' | 'auto' | null;
  prior: boolean;
  explanation: string;
  samples: number;
  no_shows: number | null;
  min_outcomes: number;
  retrain_after_hours: number;
  features: ModelFeature[];
  holdout: HoldoutReport | null;
  /** set while the prior scores because the latest model did not beat it on its holdout */
  rejected_model: RejectedModel | null;
  thresholds: { medium: number; high: number; very_high: number };
}

export type TrainOutcome =
  /** kept_prior: the model was stored but does not score, as it did not beat the prior on its holdout */
  | { trained: true; model: StoredNoShowModel; kept_prior: boolean }
  | { trained: false; outcomes: number; no_shows: number; min_outcomes: number; min_per_outcome: number };

const OUTCOMES: readonly string[] = ['completed', 'no_show'];
const round = (x: number, digits = 4) => Math.round(x * 10 ** digits) / 10 ** digits;

export function riskLevel(score: number): RiskLevel {
  return score >= RISK_THRESHOLDS.high ? 'high' : score >= RISK_THRESHOLDS.medium ? 'medium' : 'low';
}

/** A specialty as a model key: case and accents folded. */
function specialtyKey(value: string | null): string | null {
  if (value === null) return null;
  const key = value.normalize('NFD').replace(/\p{M}/gu, '').trim().toLowerCase();
  return key === '' ? null : key;
}

/** What the schedule says about an appointment, in its location's local time. */
export function factsOf(a: NoShowAppointment): AppointmentFacts {
  const bookedAt = Date.parse(a.created_at);
  const start = localDateHour(Date.parse(a.start_time), a.timezone);
  const booked = localDateHour(bookedAt, a.timezone);
  return {
    id: a.id,
    patient: a.patient_id,
    date: a.local_date,
    bookedDate: booked.date,
    weekday: dayOfWeek(a.local_date),
    hour: start.hour,
    bookedAt,
    bookedHour: booked.hour,
    age: ageOn(a.birth_date, a.local_date),
    type: a.appointment_type_id,
    specialty: specialtyKey(a.specialty),
    channel: a.source,
    location: a.location_id,
  };
}

function bookingRecord(f: AppointmentFacts): BookingRecord {
  return { patient: f.patient, bookedAt: f.bookedAt, bookedDate: f.bookedDate, date: f.date };
}

/** Whether a history with these outcomes is enough to train a model on (and a model trained on it to be used). */
function enoughOutcomes(counts: OutcomeCounts, min: number): boolean {
  return (
    counts.completed + counts.no_shows >= min &&
    counts.completed >= MIN_OUTCOMES_PER_CLASS &&
    counts.no_shows >= MIN_OUTCOMES_PER_CLASS
  );
}

const PRIOR_FORMULA =
  `the documented prior: a 20% base rate, +${PRIOR.perNoShow} log-odds per earlier no-show ` +
  `(up to ${PRIOR.maxNoShows}), ${PRIOR.perVisit} per earlier completed visit (up to ${PRIOR.maxVisits}), ` +
  `+${PRIOR.perLogLeadDay} × (ln(1 + lead days) − ln(1 + ${PRIOR.neutralLeadDays})), and ${PRIOR.sameDay} when booked the same day. ` +
  'History counts outcomes on strictly earlier days only.';

const PRIOR_EXPLANATION = (counts: OutcomeCounts, min: number) =>
  `This clinic has ${counts.completed + counts.no_shows} outcome(s) (completed or no-show appointments), ${counts.no_shows} of them ` +
  `no-shows; its own model is trained from ${min}, with at least ${MIN_OUTCOMES_PER_CLASS} no-shows and ` +
  `${MIN_OUTCOMES_PER_CLASS} completed visits among them (one outcome alone cannot tell a rate). Until then scores come from ${PRIOR_FORMULA}`;

const fixed3 = (x: number | null) => (x === null ? 'n/a' : x.toFixed(3));

/** Why the prior scores although a model was trained: the model's holdout AUC against the prior's. */
export function keptPriorReason(model: Pick<StoredNoShowModel, 'version' | 'holdout'>): string {
  const h = model.holdout!;
  return (
    `model version ${model.version} did not beat the documented prior on its holdout (${h.from_date}..${h.to_date}, ` +
    `${h.samples} outcomes): AUC ${fixed3(h.auc)} against the prior's ${fixed3(h.prior_auc)}`
  );
}

/**
 * Whether a trained model may replace the prior: its holdout AUC is above the prior's on the same
 * appointments. A model without a holdout to measure (too few outcomes for one, or a holdout of one
 * outcome alone, where AUC is undefined) is used, as there is nothing to compare.
 */
export function beatsPrior(holdout: HoldoutReport | null): boolean {
  if (!holdout || holdout.auc === null || holdout.prior_auc === null) return true;
  return holdout.auc > holdout.prior_auc;
}

const PRIOR_FEATURES: ModelFeature[] = [
  { name: 'prior_no_shows (capped at 3)', factor: 'no_show_history', coefficient: PRIOR.perNoShow },
  { name: 'prior_visits (capped at 5)', factor: 'visit_history', coefficient: PRIOR.perVisit },
  { name: 'ln(1 + lead_days) - ln(8)', factor: 'lead_time', coefficient: PRIOR.perLogLeadDay },
  { name: 'same_day', factor: 'lead_time', coefficient: PRIOR.sameDay },
];

/**
 * `shareTraining`: a training under way is shared by the tenant's other callers in this process (Node).
 * Not on Workers, where its I/O belongs to the request that started it: another request awaiting it
 * would wait forever if that request ended first (and, the entry never removed, so would every later
 * one); each request there trains for itself.
 */
export function makeNoShowService({ repos, clock, ids, settings }: CoreDeps, { shareTraining = true }: { shareTraining?: boolean } = {}) {
  const minOutcomes = settings.noShowMinOutcomes ?? DEFAULT_CORE_SETTINGS.noShowMinOutcomes!;
  const retrainHours = settings.noShowRetrainHours ?? DEFAULT_CORE_SETTINGS.noShowRetrainHours!;
  const scorers = new Map<string, Scorer>();
  const training = new Map<string, Promise<TrainOutcome>>();

  function scorerOf(stored: StoredNoShowModel): Scorer {
    let scorer = scorers.get(stored.id);
    if (!scorer) {
      if (scorers.size >= 100) scorers.clear();
      scorers.set(stored.id, (scorer = makeScorer(stored.model)));
    }
    return scorer;
  }

  async function trainNow(tenantId: string, trigger: 'cli' | 'auto'): Promise<TrainOutcome> {
    const all = await repos.noShow.all(tenantId);
    const facts = all.map(factsOf);
    const bookings = bookingHistoriesOf(facts.map(bookingRecord));
    const data: LabelledAppointment[] = [];
    all.forEach((a, i) => {
      if (OUTCOMES.includes(a.status)) data.push({ facts: facts[i]!, outcome: a.status as Outcome, bookings: bookings[i]! });
    });
    const noShows = data.filter((d) => d.outcome === 'no_show').length;
    if (!enoughOutcomes({ completed: data.length - noShows, no_shows: noShows }, minOutcomes)) {
      return { trained: false, outcomes: data.length, no_shows: noShows, min_outcomes: minOutcomes, min_per_outcome: MIN_OUTCOMES_PER_CLASS };
    }
    const result = trainWithHoldout(data, DEFAULT_FIT);
    const model = await repos.noShow.insertModel(tenantId, {
      id: ids.uuid(),
      algorithm: ALGORITHM,
      trained_at: clock.now().toISOString(),
      samples: result.samples,
      no_shows: result.no_shows,
      trigger,
      model: result.model,
      holdout: result.holdout,
    });
    return { trained: true, model, kept_prior: !beatsPrior(model.holdout) };
  }

  /** One training per tenant at a time in this process; later callers share it (unless not shareTraining). */
  function train(tenantId: string, trigger: 'cli' | 'auto'): Promise<TrainOutcome> {
    if (!shareTraining) return trainNow(tenantId, trigger);
    let running = training.get(tenantId);
    if (!running) {
      running = trainNow(tenantId, trigger).finally(() => training.delete(tenantId));
      training.set(tenantId, running);
    }
    return running;
  }

  /**
   * The model scores come from (null: the prior), retraining first when it is due. A stored model fitted
   * on too few of one outcome (stored before MIN_OUTCOMES_PER_CLASS was required) is not used; nor is one
   * that did not beat the prior on its holdout (`rejected`: it still dates the next retraining).
   */
  async function activeModel(
    tenantId: string,
  ): Promise<{ model: StoredNoShowModel | null; rejected: StoredNoShowModel | null; counts: OutcomeCounts | null }> {
    const latest = await repos.noShow.latestModel(tenantId);
    const usable =
      latest && enoughOutcomes({ completed: latest.samples - latest.no_shows, no_shows: latest.no_shows }, 0) ? latest : null;
    const choose = (model: StoredNoShowModel | null, counts: OutcomeCounts | null) =>
      model && !beatsPrior(model.holdout) ? { model: null, rejected: model, counts } : { model, rejected: null, counts };
    if (usable && clock.now().getTime() - Date.parse(usable.trained_at) < retrainHours * 3_600_000) {
      return choose(usable, null);
    }
    const counts = await repos.noShow.outcomeCounts(tenantId);
    const outcomes = counts.completed + counts.no_shows;
    if (!enoughOutcomes(counts, minOutcomes) || (latest && outcomes <= latest.samples)) return choose(usable, counts);
    const result = await train(tenantId, 'auto');
    return choose(result.trained ? result.model : usable, counts);
  }

  /** Scores one appointment from the patient's appointments (any status, itself included or not). */
  function score(target: NoShowAppointment, patientAppointments: readonly NoShowAppointment[], model: StoredNoShowModel | null): NoShowRisk {
    const facts = factsOf(target);
    const outcomes = patientAppointments
      .filter((a) => OUTCOMES.includes(a.status))
      .map((a) => ({ date: a.local_date, outcome: a.status as Outcome }));
    const history = historyBefore(outcomes, facts.date, facts.bookedDate);
    const others = patientAppointments.filter((a) => a.id !== target.id).map((a) => bookingRecord(factsOf(a)));
    const bookings = bookingHistoryOf(bookingRecord(facts), others);

    let logit: number;
    let contributions: Map<FactorGroup, number>;
    if (model) {
      const scorer = scorerOf(model);
      const row = featureRow(facts, history, bookings);
      logit = scorer.logit(row);
      contributions = scorer.contributions(row);
    } else {
      const prior = priorContributions(facts, history);
      contributions = prior.contributions;
      logit = prior.base;
      for (const c of contributions.values()) logit += c;
    }
    // level and recommendation follow the score as clients read it (4 decimals): a probability of
    // 0.49997 shows as 0.5, and 0.5 is where the documented overbooking advice starts
    const p = round(probability(logit));
    const level = riskLevel(p);
    const names = { type: target.type_name, specialty: target.specialty, location: target.location_name };
    const factors: RiskFactor[] = [...contributions.entries()]
      .filter(([, c]) => Math.abs(c) >= MIN_CONTRIBUTION)
      .sort((a, b) => Math.abs(b[1]) - Math.abs(a[1]) || (a[0] < b[0] ? -1 : 1))
      .slice(0, MAX_FACTORS)
      .map(([factor, c]) => ({
        factor,
        description: describeFactor(factor, { facts, history, bookings, names }),
        contribution: round(c),
        direction: c > 0 ? 'increases' : 'decreases',
      }));
    return {
      appointment_id: target.id,
      patient_id: target.patient_id,
      provider_profile_id: target.provider_profile_id,
      location_id: target.location_id,
      start_time: target.start_time,
      status: target.status,
      risk_score: p,
      risk_level: level,
      risk_factors: factors,
      recommendation: recommendationText(level, p, RISK_THRESHOLDS.veryHigh),
      model_version: model?.version ?? null,
      prior: model === null,
    };
  }

  return {
    train: (tenantId: string) => train(tenantId, 'cli'),

    async risk(tenantId: string, appointmentId: string): Promise<NoShowRisk> {
      const target = await repos.noShow.get(tenantId, appointmentId);
      if (!target) throw new NotFoundError('Appointment');
      if (!ACTIVE_STATUSES.includes(target.status)) {
        throw new ConflictError(
          `No-show risk is computed only for active appointments (${ACTIVE_STATUSES.join(', ')}); this one is '${target.status}'`,
        );
      }
      const [{ model }, patientAppointments] = await Promise.all([
        activeModel(tenantId),
        repos.noShow.ofPatients(tenantId, [target.patient_id]),
      ]);
      return score(target, patientAppointments, model);
    },

    /**
     * Every active appointment of the tenant on a local date (each at its own location), highest risk
     * first (then by id). The page position is the last item's (score, id); scores are recomputed
     * for each page, so a retrain between pages may move an appointment across the boundary.
     */
    async dailyRisks(tenantId: string, date: string, filter: NoShowDayFilter, page: PageRequest): Promise<Page<NoShowRisk>> {
      const after = page.after ? Number(page.after.created_at) : null;
      if (after !== null && !Number.isFinite(after)) throw ValidationError.field('cursor', 'invalid cursor');
      const day = await repos.noShow.activeOn(tenantId, date, filter);
      const [{ model }, context] = await Promise.all([
        activeModel(tenantId),
        repos.noShow.ofPatients(tenantId, [...new Set(day.map((a) => a.patient_id))]),
      ]);
      const byPatient = new Map<string, NoShowAppointment[]>();
      for (const a of context) {
        const list = byPatient.get(a.patient_id);
        if (list) list.push(a);
        else byPatient.set(a.patient_id, [a]);
      }
      // ordered by the (rounded) score clients read, then by id
      const scored = day.map((a) => score(a, byPatient.get(a.patient_id) ?? [], model));
      scored.sort((a, b) => b.risk_score - a.risk_score || (a.appointment_id < b.appointment_id ? -1 : 1));
      const rest =
        after === null
          ? scored
          : scored.filter((r) => r.risk_score < after || (r.risk_score === after && r.appointment_id > page.after!.id));
      const items = rest.slice(0, page.limit);
      const last = items[items.length - 1];
      return {
        items,
        // the list position's `created_at` carries the score (as appointments' carries start_time)
        next: rest.length > page.limit && last ? { created_at: String(last.risk_score), id: last.appointment_id } : null,
      };
    },

    async modelInfo(tenantId: string): Promise<ModelInfo> {
      const { model, rejected, counts: known } = await activeModel(tenantId);
      const common = {
        min_outcomes: minOutcomes,
        retrain_after_hours: retrainHours,
        thresholds: { medium: RISK_THRESHOLDS.medium, high: RISK_THRESHOLDS.high, very_high: RISK_THRESHOLDS.veryHigh },
      };
      if (!model) {
        const counts = known ?? (await repos.noShow.outcomeCounts(tenantId));
        return {
          algorithm: 'prior',
          version: null,
          trained_at: null,
          trigger: null,
          prior: true,
          explanation: rejected
            ? `The prior scores: ${keptPriorReason(rejected)}, so it does not replace the prior. A model replaces the prior ` +
              `only when its holdout AUC is above the prior's; the next one is trained when this one is older than ` +
              `${retrainHours} h and new outcomes exist, or by \`npm run cli -- model train\`. Scores come from ${PRIOR_FORMULA}`
            : PRIOR_EXPLANATION(counts, minOutcomes),
          samples: counts.completed + counts.no_shows,
          no_shows: counts.no_shows,
          features: PRIOR_FEATURES,
          holdout: null,
          rejected_model: rejected
            ? {
                version: rejected.version,
                trained_at: rejected.trained_at,
                trigger: rejected.trigger,
                samples: rejected.samples,
                no_shows: rejected.no_shows,
                holdout: rejected.holdout!,
              }
            : null,
          ...common,
        };
      }
      const scorer = scorerOf(model);
      return {
        algorithm: model.algorithm,
        version: model.version,
        trained_at: model.trained_at,
        trigger: model.trigger,
        prior: false,
        explanation:
          `Logistic regression fitted by IRLS with an L2 ridge of ${model.model.ridge} on standardised features, no class weights, ` +
          `on ${model.samples} outcomes of this clinic. The holdout is the last ${HOLDOUT_SHARE * 100}% of outcomes by local date, ` +
          `scored by a model fitted on the earlier ones; the stored model is then fitted on all of them, and used because it ` +
          `had a higher AUC than the documented prior there (or there was no holdout AUC to compare). It is retrained when ` +
          `older than ${retrainHours} h and new outcomes exist, or by \`npm run cli -- model train\`.`,
        samples: model.samples,
        no_shows: model.no_shows,
        features: scorer.columns.map((c, j) => ({ name: c.name, factor: c.group, coefficient: round(model.model.coefficients[j]!) })),
        holdout: model.holdout,
        rejected_model: null,
        ...common,
      };
    },
  };
}

export type NoShowService = ReturnType<typeof makeNoShowService>;
