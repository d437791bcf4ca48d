/**
 * Fails a test whose requests got a response that does not match /openapi.json (openapi-conformance.ts),
 * also when the test caught the error the request threw.
 */
import { afterEach } from 'vitest';
import { formatMismatches, takeMismatches } from './openapi-conformance';

afterEach(() => {
  const mismatches = takeMismatches();
  if (mismatches.length > 0) throw new Error(formatMismatches(mismatches));
});
