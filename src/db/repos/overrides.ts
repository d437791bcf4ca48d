import type { AppDatabase } from '../database';
import type { OverrideRepo } from '../../core/ports';

// STUB: to be implemented (see issue #3).
export function overrideRepo(_db: AppDatabase): OverrideRepo {
  return {} as OverrideRepo;
}
