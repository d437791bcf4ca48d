import autocannon from 'autocannon';

export interface LoadResult {
  requests_per_sec: number;
  latency_p50_ms: number;
  latency_p99_ms: number;
  non2xx: number;
  errors: number;
}

/** autocannon against one URL: `connections` keep-alive connections for `seconds`. */
export async function load(url: string, opts: { headers?: Record<string, string>; seconds?: number; connections?: number } = {}): Promise<LoadResult> {
  const result = await autocannon({
    url,
    headers: opts.headers,
    connections: opts.connections ?? 10,
    duration: opts.seconds ?? 5,
  });
  return {
    requests_per_sec: Math.round(result.requests.average),
    latency_p50_ms: result.latency.p50,
    latency_p99_ms: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
  };
}
