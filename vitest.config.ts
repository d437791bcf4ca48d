import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    pool: 'forks',
    // fails a test whose responses do not match /openapi.json (test/helpers/openapi-conformance.ts)
    setupFiles: ['test/helpers/conformance-setup.ts'],
    testTimeout: 20_000,
    hookTimeout: 30_000,
  },
});
