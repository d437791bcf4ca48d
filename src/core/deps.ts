import type { Clock, IdGenerator } from './clock';
import type { Repositories } from './ports';

/** Clinic-wide settings the core's rules read. */
export interface CoreSettings {
  /** slots start at least this many minutes from now */
  minNoticeMinutes: number;
  /** outcomes (completed, no_show) a tenant needs before its own no-show model replaces the prior */
  noShowMinOutcomes?: number;
  /** a model older than this is retrained, when scoring, if new outcomes exist */
  noShowRetrainHours?: number;
}

export const DEFAULT_CORE_SETTINGS: CoreSettings = { minNoticeMinutes: 60, noShowMinOutcomes: 200, noShowRetrainHours: 24 };

/** What every core service is built from. */
export interface CoreDeps {
  repos: Repositories;
  clock: Clock;
  ids: IdGenerator;
  settings: CoreSettings;
}
