/**
 * Issue #3's figure: GET /v1/scheduling/providers (auth, a keyset page of the demo clinic) over HTTP
 * against GET /health in the same server and run, plus cold start and idle RSS of the real server.
 */
import { load } from './lib/load';
import { startServer } from './lib/server';

export async function run(seconds = Number(process.env.BENCH_SECONDS ?? 5)) {
  const server = await startServer();
  try {
    await new Promise((r) => setTimeout(r, 1000));
    const idleRssMb = server.rssMb();
    if (!server.apiKey) throw new Error('the server printed no demo API key');
    const headers = { 'x-api-key': server.apiKey };
    // warm-up, then alternate the two targets so drift hits both alike
    await load(`${server.url}/health`, { seconds: 1 });
    const health1 = await load(`${server.url}/health`, { seconds });
    const providers1 = await load(`${server.url}/v1/scheduling/providers`, { headers, seconds });
    const health2 = await load(`${server.url}/health`, { seconds });
    const providers2 = await load(`${server.url}/v1/scheduling/providers`, { headers, seconds });
    const health = (health1.requests_per_sec + health2.requests_per_sec) / 2;
    const providers = (providers1.requests_per_sec + providers2.requests_per_sec) / 2;
    return {
      name: 'http_providers_vs_health',
      cold_start_ms: Math.round(server.coldStartMs),
      idle_rss_mb: Math.round(idleRssMb * 10) / 10,
      health_rps: Math.round(health),
      providers_rps: Math.round(providers),
      providers_to_health_ratio: Math.round((providers / health) * 100) / 100,
      providers_latency_p99_ms: Math.max(providers1.latency_p99_ms, providers2.latency_p99_ms),
      non2xx: health1.non2xx + health2.non2xx + providers1.non2xx + providers2.non2xx,
    };
  } finally {
    await server.stop();
  }
}
