/**
 * Host names resolved over DNS over HTTPS (the Workers entry's resolver for the webhook URL check),
 * against a DoH server on 127.0.0.1 that answers as Cloudflare's JSON API does.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { checkWebhookUrl } from '../../src/core/webhooks/address';
import { dohResolveHost } from '../../src/webhooks/doh-resolve-host';

const ZONE: Record<string, Record<string, Array<{ type: number; data: string }>>> = {
  'hooks.example.com': {
    A: [
      { type: 5, data: 'edge.example.net.' },
      { type: 1, data: '93.184.216.34' },
    ],
    AAAA: [{ type: 28, data: '2606:2800:220:1:248:1893:25c8:1946' }],
  },
  'internal.example.com': { A: [{ type: 1, data: '10.0.0.7' }], AAAA: [] },
};

let server: Server | undefined;
const asked: string[] = [];
afterEach(async () => {
  await new Promise((resolve) => server?.close(resolve));
  server = undefined;
  asked.length = 0;
});

async function startDoh(status = 200): Promise<string> {
  server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const name = url.searchParams.get('name') ?? '';
    const type = url.searchParams.get('type') ?? '';
    asked.push(`${name} ${type} ${req.headers.accept}`);
    const records = ZONE[name];
    res.writeHead(status, { 'content-type': 'application/dns-json' });
    res.end(JSON.stringify(records ? { Status: 0, Answer: records[type] ?? [] } : { Status: 3 }));
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server!.address() as AddressInfo).port}/dns-query`;
}

describe('DNS over HTTPS host resolution', () => {
  it("gives every IPv4 and IPv6 address of a name, following the answer's CNAME", async () => {
    const resolve = dohResolveHost(await startDoh());
    expect(await resolve('hooks.example.com')).toEqual(['93.184.216.34', '2606:2800:220:1:248:1893:25c8:1946']);
    expect(asked.sort()).toEqual(['hooks.example.com A application/dns-json', 'hooks.example.com AAAA application/dns-json']);
  });

  it('gives no address for a name that does not exist, and fails when the resolver fails', async () => {
    expect(await dohResolveHost(await startDoh())('nowhere.example.com')).toEqual([]);
    await new Promise((resolve) => server?.close(resolve));
    await expect(dohResolveHost(await startDoh(500))('hooks.example.com')).rejects.toThrow(/500/);
  });

  it('lets the webhook URL check refuse a name that resolves to a private address', async () => {
    const resolveHost = dohResolveHost(await startDoh());
    await expect(checkWebhookUrl('https://hooks.example.com/in', { allowPrivate: false, resolveHost })).resolves.toBe('https://hooks.example.com/in');
    await expect(checkWebhookUrl('https://internal.example.com/in', { allowPrivate: false, resolveHost })).rejects.toThrow(/private|non-public/i);
    await expect(checkWebhookUrl('https://nowhere.example.com/in', { allowPrivate: false, resolveHost })).rejects.toThrow(/cannot be resolved/);
  });
});
