/**
 * The SSRF guard: webhook URLs must be http(s), without credentials, and their host must resolve only
 * to public unicast addresses. Checked when a subscription is written and again, by the sender, at
 * every connection (DNS may change between the two). `WEBHOOK_ALLOW_PRIVATE_URLS=1` lifts the address
 * rule for local development and tests; the scheme and credential rules always hold.
 */
import ipaddr from 'ipaddr.js';
import { ValidationError } from '../errors';

export const MAX_URL_LENGTH = 2048;

/** Resolves a host name to every address it has (A and AAAA); rejects when it has none. */
export type ResolveHost = (hostname: string) => Promise<string[]>;

const RANGE_TEXT: Record<string, string> = {
  loopback: 'a loopback address',
  private: 'a private address',
  linkLocal: 'a link-local address (which includes the cloud metadata address 169.254.169.254)',
  uniqueLocal: 'a unique-local address',
  unspecified: 'an unspecified address',
  carrierGradeNat: 'a carrier-grade NAT address',
  multicast: 'a multicast address',
  broadcast: 'a broadcast address',
  reserved: 'a reserved address',
  deprecatedSiteLocal: 'a site-local address',
};

export function describeRange(range: string): string {
  return RANGE_TEXT[range] ?? `a non-public address (${range})`;
}

/**
 * The range of an IP address that webhooks may not reach, or null when it is public unicast.
 * IPv4-mapped IPv6 addresses are judged as the IPv4 address they carry; IPv6 addresses that embed or
 * translate IPv4 (6to4, Teredo, NAT64, IPv4-compatible) are refused outright. Not an address: 'invalid'.
 */
export function forbiddenRange(address: string): string | null {
  let ip: ipaddr.IPv4 | ipaddr.IPv6;
  try {
    ip = ipaddr.parse(address.replace(/^\[|\]$/g, ''));
  } catch {
    return 'invalid';
  }
  if (ip.kind() === 'ipv6') {
    const v6 = ip as ipaddr.IPv6;
    if (v6.isIPv4MappedAddress()) return forbiddenRange(v6.toIPv4Address().toString());
    // ::/8 (IPv4-compatible and other reserved forms) beyond what range() names
    if (v6.parts[0] === 0 && v6.range() === 'unicast') return 'reserved';
  }
  const range = ip.range();
  return range === 'unicast' ? null : range;
}

export function isIpLiteral(host: string): boolean {
  return ipaddr.isValid(host.replace(/^\[|\]$/g, ''));
}

/** The URL's host as DNS and the address guard see it (IPv6 without brackets). */
export function urlHost(url: URL): string {
  return url.hostname.replace(/^\[|\]$/g, '');
}

/** A URL a webhook may be sent to, apart from where its host resolves; 422 on `field` otherwise. */
export function parseWebhookUrl(text: string, field = 'url'): URL {
  if (text.length > MAX_URL_LENGTH) throw ValidationError.field(field, `at most ${MAX_URL_LENGTH} characters`);
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw ValidationError.field(field, 'expected an absolute http or https URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw ValidationError.field(field, `only http and https URLs are accepted, not '${url.protocol.replace(/:$/, '').slice(0, 20)}'`);
  }
  if (url.username !== '' || url.password !== '') {
    throw ValidationError.field(field, 'must not carry credentials (user:password@); put a token in the path or rely on the signature');
  }
  if (urlHost(url) === '') throw ValidationError.field(field, 'expected a host name');
  return url;
}

/**
 * Checks a subscription URL: its form, then (unless private addresses are allowed) every address its
 * host resolves to. Returns the normalised URL.
 */
export async function checkWebhookUrl(
  text: string,
  options: { allowPrivate: boolean; resolveHost: ResolveHost },
  field = 'url',
): Promise<string> {
  const url = parseWebhookUrl(text, field);
  if (options.allowPrivate) return url.href;
  const host = urlHost(url);
  let addresses: string[];
  if (isIpLiteral(host)) addresses = [host];
  else {
    try {
      addresses = await options.resolveHost(host);
    } catch {
      addresses = [];
    }
    if (addresses.length === 0) throw ValidationError.field(field, `the host '${host.slice(0, 100)}' cannot be resolved`);
  }
  for (const address of addresses) {
    const range = forbiddenRange(address);
    if (range !== null) {
      throw ValidationError.field(
        field,
        `the host resolves to ${describeRange(range)}; webhooks are sent only to public addresses ` +
          '(the server may allow private ones with WEBHOOK_ALLOW_PRIVATE_URLS=1)',
      );
    }
  }
  return url.href;
}
