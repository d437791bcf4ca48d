import type { AppDatabase } from '../database';
import type { AppointmentTypeRepo } from '../../core/ports';

// STUB: to be implemented (see issue #3).
export function appointmentTypeRepo(_db: AppDatabase): AppointmentTypeRepo {
  return {} as AppointmentTypeRepo;
}
