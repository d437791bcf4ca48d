import type { CoreDeps } from '../deps';

// STUB: to be implemented (see issue #3).
export function makePatientService(_deps: CoreDeps) {
  return {};
}
