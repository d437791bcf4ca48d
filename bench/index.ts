/**
 * `npm run bench`: runs each benchmark in turn and prints one JSON document. Figures that compare
 * against a baseline measure both in the same run (these machines are noisy).
 * `npm run bench -- http_providers` runs only the named ones. BENCH_SECONDS sets each load's length.
 */
import * as httpProviders from './http-providers';
import * as booking from './booking';
import * as slots from './slots';
import * as webhooks from './webhooks';

const benches: Record<string, () => Promise<object>> = {
  http_providers: () => httpProviders.run(),
  booking: () => booking.run(),
  slots: () => slots.run(),
  webhooks: () => webhooks.run(),
  language_dates: async () => (await import('./language-dates')).run(),
  conversation: async () => (await import('./conversation')).run(),
  channels: async () => (await import('./channels')).run(),
  'no-show': async () => (await import('./no-show')).run(),
};

const only = process.argv.slice(2);
const results: Record<string, unknown> = {};
for (const [name, run] of Object.entries(benches)) {
  if (only.length > 0 && !only.includes(name)) continue;
  try {
    results[name] = await run();
  } catch (err) {
    results[name] = { error: err instanceof Error ? err.message : String(err) };
  }
}
console.log(JSON.stringify({ node: process.version, date: new Date().toISOString(), results }, null, 2));
