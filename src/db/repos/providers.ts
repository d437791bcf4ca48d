import type { AppDatabase } from '../database';
import type { ProviderRepo } from '../../core/ports';

// STUB: to be implemented (see issue #3).
export function providerRepo(_db: AppDatabase): ProviderRepo {
  return {} as ProviderRepo;
}
