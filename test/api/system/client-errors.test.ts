/**
 * Requests Node's HTTP parser refuses before the app sees them get a `{"detail"}` body too: the server
 * as main.node.ts builds it (the Hono adaptor), over real sockets on 127.0.0.1.
 */
import { createAdaptorServer } from '@hono/node-server';
import { connect, type AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerClientErrorsAsJson } from '../../../src/api/node-client-errors';

let port: number;
const server = createAdaptorServer({ fetch: () => new Response('{"ok":true}', { headers: { 'content-type': 'application/json' } }) });
answerClientErrorsAsJson(server);

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** Sends raw bytes and reads the whole answer. */
function exchange(request: string): Promise<{ status: number; headers: string; body: string }> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let data = '';
    socket.on('data', (chunk) => (data += chunk));
    socket.on('end', () => {
      const [head = '', body = ''] = data.split('\r\n\r\n');
      resolve({ status: Number(head.split(' ')[1]), headers: head, body });
    });
    socket.on('error', reject);
    socket.end(request);
  });
}

describe('requests refused by the HTTP parser', () => {
  it('a request line over 16 KB is 431 with a detail', async () => {
    const res = await exchange(`GET /v1/scheduling/slots?specialty=${'a'.repeat(20_000)} HTTP/1.1\r\nHost: x\r\n\r\n`);
    expect(res.status).toBe(431);
    expect(res.headers).toMatch(/content-type: application\/json/i);
    expect(JSON.parse(res.body)).toEqual({ detail: 'The request line and headers exceed 16 KB; send long values in the body' });
  });

  it('a URL with a character left unencoded (raw UTF-8 from a terminal) is 400 saying to percent-encode it', async () => {
    const res = await exchange('GET /v1/scheduling/slots?period=manhã HTTP/1.1\r\nHost: x\r\n\r\n');
    expect(res.status).toBe(400);
    expect(JSON.parse(res.body)).toEqual({
      detail: "The URL has a character that must be percent-encoded: encode characters outside ASCII (e.g. 'manhã' as 'manh%C3%A3')",
    });
  });

  it('a line that is not HTTP is 400 with a detail', async () => {
    const res = await exchange('HELLO THERE\r\n\r\n');
    expect(res.status).toBe(400);
    expect(JSON.parse(res.body)).toEqual({ detail: 'Malformed HTTP request' });
  });

  it('a well-formed request still reaches the app', async () => {
    const res = await exchange('GET /health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
    expect(res.status).toBe(200);
    expect(res.body).toContain('"ok":true');
  });
});
