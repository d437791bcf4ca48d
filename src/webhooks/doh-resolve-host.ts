/**
 * Host names to addresses over DNS over HTTPS (the JSON form Cloudflare's and Google's resolvers
 * answer), for the webhook URL check where there is no system resolver: on Workers.
 */
import type { ResolveHost } from '../core/webhooks/address';

export const DEFAULT_DOH_ENDPOINT = 'https://cloudflare-dns.com/dns-query';
export const DOH_TIMEOUT_MS = 5_000;

/** DNS record types: A (IPv4) and AAAA (IPv6). */
const A = 1;
const AAAA = 28;

interface DohAnswer {
  Status?: number;
  Answer?: { type?: number; data?: string }[];
}

export function dohResolveHost(endpoint = DEFAULT_DOH_ENDPOINT, send: typeof fetch = fetch): ResolveHost {
  async function query(hostname: string, type: 'A' | 'AAAA'): Promise<string[]> {
    const url = new URL(endpoint);
    url.searchParams.set('name', hostname);
    url.searchParams.set('type', type);
    const response = await send(url.href, { headers: { accept: 'application/dns-json' }, signal: AbortSignal.timeout(DOH_TIMEOUT_MS) });
    if (!response.ok) throw new Error(`DNS over HTTPS answered ${response.status} for ${hostname}`);
    const answer = (await response.json()) as DohAnswer;
    // NXDOMAIN and the like: no address (a CNAME chain's records come with their own types)
    if (answer.Status !== 0) return [];
    return (answer.Answer ?? [])
      .filter((record) => (record.type === A || record.type === AAAA) && typeof record.data === 'string')
      .map((record) => record.data!);
  }
  return async (hostname) => {
    const [v4, v6] = await Promise.all([query(hostname, 'A'), query(hostname, 'AAAA')]);
    return [...v4, ...v6];
  };
}
