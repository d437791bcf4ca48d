import { createRoute } from '@hono/zod-openapi';
import { conflictResponse, errorResponses, jsonResponse, listOf } from '../../schemas/common';
import { MIN_OUTCOMES_PER_CLASS } from '../../../core/no-show/service';
import { AppointmentIdParams, DailyRisksQuery, FACTORS_TEXT, LEVELS_TEXT, ModelInfoSchema, NoShowRiskSchema } from '../../schemas/no-show';

const tags = ['No-Show Prediction'];

const MODEL_TEXT =
  "Scores come from a logistic regression trained on this clinic's own outcomes (completed and no-show appointments), or, " +
  `with fewer than 200 of them or fewer than ${MIN_OUTCOMES_PER_CLASS} of either outcome, from a documented prior (see GET /no-show/model-info). ` +
  'A model older than a day is retrained ' +
  'on the request that finds new outcomes, which then takes longer.';

export const risk = createRoute({
  method: 'get',
  path: '/no-show/appointments/{appointment_id}/risk',
  tags,
  summary: 'Single appointment risk score',
  description:
    `The probability that the patient misses this appointment, its level, the factors behind it and what to do. ${MODEL_TEXT} ` +
    `${LEVELS_TEXT} ${FACTORS_TEXT} Only active appointments (requested, confirmed, checked_in, in_progress) have a risk: a ` +
    'cancelled, completed or no-show appointment is a 409. Unknown appointment (or another tenant\'s): 404.',
  request: { params: AppointmentIdParams },
  responses: { 200: jsonResponse(NoShowRiskSchema, 'The risk'), ...errorResponses(401, 403, 404, 422),
    ...conflictResponse({
      not_active: {
        summary: 'the appointment is not active',
        detail: "No-show risk is computed only for active appointments (requested, confirmed, checked_in, in_progress); this one is 'cancelled'",
      },
    }),
  },
});

export const dailyRisks = createRoute({
  method: 'get',
  path: '/no-show/daily-risks',
  tags,
  summary: 'Batch risk scores for a date',
  description:
    'Every active appointment of the tenant on a local date (each appointment\'s date at its own location), highest risk first ' +
    '(ties by appointment id), paginated with `limit` and `cursor`. Scores are computed for each page; a retrain between pages ' +
    `may move an appointment across a page boundary. ${MODEL_TEXT} ${LEVELS_TEXT}`,
  request: { query: DailyRisksQuery },
  responses: { 200: jsonResponse(listOf(NoShowRiskSchema, 'NoShowRiskList'), 'A page of risks'), ...errorResponses(401, 403, 422) },
});

export const modelInfo = createRoute({
  method: 'get',
  path: '/no-show/model-info',
  tags,
  summary: 'Prediction model metadata',
  description:
    'The model this tenant\'s scores come from: algorithm, version, when and on how many outcomes it was trained, its features ' +
    'and coefficients, and how good it is on a time-ordered holdout (the last 20% of outcomes by date, scored by a model fitted ' +
    'on the earlier 80%): AUC, Brier score, base rate and the Brier score of answering it, the no-show rate of the top decile, ' +
    'and the prior\'s AUC and Brier on the same appointments. With too few outcomes, `prior: true` and the prior\'s terms. ' +
    'Asking may retrain a stale model first, as scoring does.',
  responses: { 200: jsonResponse(ModelInfoSchema, 'The model'), ...errorResponses(401, 403, 422) },
});
