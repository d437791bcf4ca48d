import type { AppDatabase } from '../database';
import type { TemplateRepo } from '../../core/ports';

// STUB: to be implemented (see issue #3).
export function templateRepo(_db: AppDatabase): TemplateRepo {
  return {} as TemplateRepo;
}
