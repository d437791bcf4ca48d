import type { Clock, IdGenerator } from './clock';
import type { Repositories } from './ports';

/** Clinic-wide settings the core's rules read. */
export interface CoreSettings {
  /** slots start at least this many minutes from now */
  minNoticeMinutes: number;
}

export const DEFAULT_CORE_SETTINGS: CoreSettings = { minNoticeMinutes: 60 };

/** What every core service is built from. */
export interface CoreDeps {
  repos: Repositories;
  clock: Clock;
  ids: IdGenerator;
  settings: CoreSettings;
}
