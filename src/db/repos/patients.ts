import type { AppDatabase } from '../database';
import type { PatientRepo } from '../../core/ports';

// STUB: to be implemented (see issue #3).
export function patientRepo(_db: AppDatabase): PatientRepo {
  return {} as PatientRepo;
}
