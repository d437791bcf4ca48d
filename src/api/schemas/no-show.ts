import { z } from '@hono/zod-openapi';
import { FACTOR_GROUPS } from '../../core/no-show/features';
import { MIN_OUTCOMES_PER_CLASS, RISK_THRESHOLDS } from '../../core/no-show/service';
import { IsoDate, ListQuery, Timestamp, Uuid, ProviderProfileIdFilter, providerFilterAgrees } from './common';
import { fillTemplate } from '../../core/waitlist/messages';
import { ptBR } from '../../../locales/pt-BR/messages';

const factorText = ptBR.noShow.factors;

const ids = {
  appointment_id: '0193a1f2-5555-7d4e-8f5a-6b7c8d9e0f1a',
  patient_id: '0193a1f2-2222-7d4e-8f5a-6b7c8d9e0f1a',
  provider_profile_id: '0193a1f2-1111-7d4e-8f5a-6b7c8d9e0f1a',
  location_id: '0193a1f2-4444-7d4e-8f5a-6b7c8d9e0f1a',
};

const pct = (x: number) => `${Math.round(x * 100)}%`;

export const LEVELS_TEXT =
  `\`risk_level\`: \`low\` below ${pct(RISK_THRESHOLDS.medium)}, \`medium\` from ${pct(RISK_THRESHOLDS.medium)}, ` +
  `\`high\` from ${pct(RISK_THRESHOLDS.high)}. \`recommendation\` (pt-BR, for the clinic's staff) follows the level: the routine ` +
  `reminder (low), a second reminder asking for confirmation (medium), a phone call the day before (high), and from ` +
  `${pct(RISK_THRESHOLDS.veryHigh)} also overbooking the time if the patient does not confirm.`;

export const FACTORS_TEXT =
  '`risk_factors`: up to 5 factors that moved the score most (at least 0.05 in log-odds), each with a pt-BR `description` ' +
  'of this appointment\'s value and a signed `contribution` in log-odds: the sum over the factor\'s features of coefficient × ' +
  'standardised value, i.e. relative to an average appointment of the training data (for the prior: relative to its 20% ' +
  'base rate). Positive contributions raise the risk. History counts only outcomes on strictly earlier local days, so ' +
  'marking another appointment of the same day never changes a score.';

export const RiskFactorSchema = z
  .object({
    factor: z.enum(FACTOR_GROUPS).openapi({ description: 'Stable key of the factor.' }),
    description: z.string().openapi({ description: 'What this appointment\'s value is, in pt-BR.', example: fillTemplate(factorText.noShowsMany, { faltas: '2', total: '3' }) }),
    contribution: z.number().openapi({ description: 'Signed log-odds contribution.', example: 0.84 }),
    direction: z.enum(['increases', 'decreases']),
  })
  .openapi('NoShowRiskFactor');

const riskExample = {
  ...ids,
  start_time: '2026-12-01T12:00:00.000Z',
  status: 'confirmed',
  risk_score: 0.4123,
  risk_level: 'high' as const,
  risk_factors: [
    { factor: 'no_show_history' as const, description: fillTemplate(factorText.noShowsMany, { faltas: '2', total: '3' }) + factorText.noShowsLast, contribution: 0.84, direction: 'increases' as const },
    { factor: 'lead_time' as const, description: fillTemplate(factorText.leadMany, { dias: '45' }), contribution: 0.31, direction: 'increases' as const },
    { factor: 'age' as const, description: fillTemplate(factorText.age, { idade: '67' }), contribution: -0.22, direction: 'decreases' as const },
  ],
  recommendation: ptBR.noShow.recommendation.high,
  model_version: 3,
  prior: false,
};

export const NoShowRiskSchema = z
  .object({
    appointment_id: Uuid,
    patient_id: Uuid,
    provider_profile_id: Uuid,
    location_id: Uuid,
    start_time: Timestamp,
    status: z.string().openapi({ description: 'An active status: requested, confirmed, checked_in or in_progress.' }),
    risk_score: z.number().min(0).max(1).openapi({ description: 'Calibrated probability of a no-show, 4 decimals.' }),
    risk_level: z.enum(['low', 'medium', 'high']).openapi({ description: LEVELS_TEXT }),
    risk_factors: z.array(RiskFactorSchema).openapi({ description: FACTORS_TEXT }),
    recommendation: z.string().openapi({ description: 'What to do, in pt-BR, for the clinic\'s staff.' }),
    model_version: z.number().int().nullable().openapi({ description: 'The model version that scored it; null under the prior.' }),
    prior: z.boolean().openapi({ description: 'True when the tenant has too few outcomes and the documented prior scored it.' }),
  })
  .openapi('NoShowRisk', { example: riskExample });

export const AppointmentIdParams = z.object({
  appointment_id: Uuid.openapi({ param: { name: 'appointment_id', in: 'path' } }),
});

export const DailyRisksQuery = ListQuery.extend({
  date: IsoDate.openapi({ description: 'The local date (each appointment at its own location\'s zone).', example: '2026-12-01' }),
  provider_id: Uuid.optional().openapi({ description: 'Only this provider\'s appointments.' }),
  provider_profile_id: ProviderProfileIdFilter,
  location_id: Uuid.optional().openapi({ description: 'Only this location\'s appointments.' }),
}).refine(...providerFilterAgrees);

export const HoldoutSchema = z
  .object({
    from_date: z.string().openapi({ format: 'date' }),
    to_date: z.string().openapi({ format: 'date' }),
    train_samples: z.number().int().openapi({ description: 'Outcomes before from_date the evaluation model was fitted on.' }),
    samples: z.number().int(),
    no_shows: z.number().int(),
    auc: z.number().nullable().openapi({ description: 'Area under the ROC curve (0.5 = chance).' }),
    brier: z.number().nullable().openapi({ description: 'Mean squared error of the probabilities (lower is better).' }),
    base_rate: z.number().nullable().openapi({ description: 'Observed no-show rate in the holdout.' }),
    base_rate_brier: z.number().nullable().openapi({ description: 'Brier score of always answering the training base rate.' }),
    top_decile_no_show_rate: z.number().nullable().openapi({ description: 'Observed no-show rate among the 10% scored highest.' }),
    mean_predicted: z.number().nullable().openapi({ description: 'Mean score on the holdout (compare with base_rate).' }),
    prior_auc: z.number().nullable().openapi({ description: 'The documented prior\'s AUC on the same holdout.' }),
    prior_brier: z.number().nullable(),
  })
  .openapi('NoShowHoldout');

export const ModelInfoSchema = z
  .object({
    algorithm: z.string().openapi({ description: '`logistic_regression_irls`, or `prior` while the tenant has too few outcomes or its latest model did not beat the prior (`rejected_model`).' }),
    version: z.number().int().nullable().openapi({ description: 'Increases by one with each training of this tenant\'s model.' }),
    trained_at: Timestamp.nullable(),
    trigger: z.enum(['cli', 'auto']).nullable().openapi({ description: '`cli`: npm run cli -- model train; `auto`: retrained when scoring found it stale.' }),
    prior: z.boolean(),
    explanation: z.string(),
    samples: z.number().int().openapi({ description: 'Outcomes the model was fitted on (prior: the outcomes so far).' }),
    no_shows: z.number().int().nullable().openapi({ description: 'No-shows among `samples` (prior: among the outcomes so far).' }),
    min_outcomes: z
      .number()
      .int()
      .openapi({ description: `Outcomes needed before a model replaces the prior; at least ${MIN_OUTCOMES_PER_CLASS} of them must be no-shows and ${MIN_OUTCOMES_PER_CLASS} completed visits.` }),
    retrain_after_hours: z.number(),
    features: z
      .array(z.object({ name: z.string(), factor: z.enum(FACTOR_GROUPS), coefficient: z.number() }))
      .openapi({ description: 'Model columns with their standardised coefficients (prior: its hand-set terms).' }),
    holdout: HoldoutSchema.nullable().openapi({ description: 'Time-ordered holdout (the last 20% of outcomes by date); null for the prior or too little data.' }),
    rejected_model: z
      .object({
        version: z.number().int(),
        trained_at: Timestamp,
        trigger: z.enum(['cli', 'auto']),
        samples: z.number().int(),
        no_shows: z.number().int(),
        holdout: HoldoutSchema,
      })
      .nullable()
      .openapi({
        description:
          'While the prior scores because the latest trained model did not beat it on its holdout (its `auc` not above ' +
          '`prior_auc`): that model, kept for the record and not used; `explanation` says so. Null otherwise.',
      }),
    thresholds: z.object({ medium: z.number(), high: z.number(), very_high: z.number() }),
  })
  .openapi('NoShowModelInfo', {
    example: {
      algorithm: 'logistic_regression_irls',
      version: 3,
      trained_at: '2026-11-25T03:00:00.000Z',
      trigger: 'auto',
      prior: false,
      explanation: 'Logistic regression fitted by IRLS with an L2 ridge of 300 on standardised features, no class weights, on 4210 outcomes of this clinic. …',
      samples: 4210,
      no_shows: 802,
      min_outcomes: 200,
      retrain_after_hours: 24,
      features: [
        { name: 'prior_no_shows_log', factor: 'no_show_history', coefficient: 0.31 },
        { name: 'lead_days_log', factor: 'lead_time', coefficient: 0.42 },
      ],
      holdout: {
        from_date: '2026-10-02',
        to_date: '2026-11-24',
        train_samples: 3368,
        samples: 842,
        no_shows: 151,
        auc: 0.71,
        brier: 0.138,
        base_rate: 0.179,
        base_rate_brier: 0.148,
        top_decile_no_show_rate: 0.39,
        mean_predicted: 0.188,
        prior_auc: 0.68,
        prior_brier: 0.142,
      },
      rejected_model: null,
      thresholds: { medium: 0.15, high: 0.3, very_high: 0.5 },
    },
  });
