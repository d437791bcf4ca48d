/** Host names to addresses through the system resolver (what connections use), with a time limit. */
import { lookup } from 'node:dns';
import type { ResolveHost } from '../core/webhooks/address';

export const DNS_TIMEOUT_MS = 5_000;

export const resolveHost: ResolveHost = (hostname) =>
  new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer for ${hostname} within ${DNS_TIMEOUT_MS} ms`)), DNS_TIMEOUT_MS);
    lookup(hostname, { all: true, verbatim: true }, (err, addresses) => {
      clearTimeout(timer);
      if (err) reject(err);
      else resolve(addresses.map((a) => a.address));
    });
  });
