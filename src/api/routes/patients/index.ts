import { createRouter } from '../../create-router';

// STUB: to be implemented (see issue #3).
export const patientsRouter = createRouter();
