/**
 * The 1 MB body limit over a real socket, where Node's adapter sees the framing: a declared
 * Content-Length is judged from the header alone (the body is never read), a chunked body is counted
 * as it streams. Both give 413 {detail} and write nothing; a body within the limit still books.
 */
import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_BASE, MAX_BODY_BYTES } from '../../src/app';
import { createTestApp, type TestApp } from '../helpers/app';

let t: TestApp;
let server: ServerType;
let port: number;

beforeAll(async () => {
  t = await createTestApp();
  server = serve({ fetch: t.app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  t.close();
});

/** POSTs /locations; `chunked` streams the body in two writes without a Content-Length. */
function post(body: string, chunked: boolean): Promise<{ status: number; json: any }> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string | number> = { 'x-api-key': t.tenant.readWrite, 'content-type': 'application/json' };
    if (!chunked) headers['content-length'] = Buffer.byteLength(body);
    const req = request({ host: '127.0.0.1', port, method: 'POST', path: `${API_BASE}/locations`, headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d) => (text += d));
      res.on('end', () => resolve({ status: res.statusCode!, json: JSON.parse(text) }));
    });
    req.on('error', (err) => ((err as NodeJS.ErrnoException).code === 'EPIPE' || (err as NodeJS.ErrnoException).code === 'ECONNRESET' ? undefined : reject(err)));
    if (chunked) {
      const half = Math.floor(body.length / 2);
      req.write(body.slice(0, half));
      req.end(body.slice(half));
    } else {
      req.end(body);
    }
  });
}

const locationCount = () => t.count('locations');

describe('request body limit over HTTP', () => {
  const big = JSON.stringify({ name: 'Grande', timezone: 'America/Sao_Paulo', address: 'a'.repeat(MAX_BODY_BYTES) });
  const small = JSON.stringify({ name: 'Pequena', timezone: 'America/Sao_Paulo' });

  it('a declared Content-Length over the limit is 413 and nothing is written', async () => {
    const before = await locationCount();
    const res = await post(big, false);
    expect(res.status).toBe(413);
    expect(res.json.detail).toMatch(/exceeds 1048576 bytes/);
    expect(await locationCount()).toBe(before);
  });

  it('a chunked body over the limit is 413 and nothing is written', async () => {
    const before = await locationCount();
    const res = await post(big, true);
    expect(res.status).toBe(413);
    expect(res.json.detail).toMatch(/exceeds/);
    expect(await locationCount()).toBe(before);
  });

  it('bodies within the limit are read either way', async () => {
    expect((await post(small, false)).status).toBe(201);
    expect((await post(small, true)).status).toBe(201);
  });
});
