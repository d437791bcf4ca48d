import type { Clock, IdGenerator } from './clock';
import type { Repositories } from './ports';

/** What every core service is built from. */
export interface CoreDeps {
  repos: Repositories;
  clock: Clock;
  ids: IdGenerator;
}
