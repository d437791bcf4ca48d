/**
 * A fake Meta Graph API on 127.0.0.1 for the WhatsApp Cloud API channel: records every request and
 *
 * - `POST /v24.0/{phone_number_id}/messages` answers as `setSend` scripts it (default 200 with a wamid);
 * - `GET /v24.0/{media_id}` answers `{url, mime_type, file_size, id}` for media added with `addMedia`
 *   (404 for others), and `GET /media-files/{media_id}` answers the bytes.
 *
 *   const graph = await startFakeGraph();
 *   settings.apiUrl = graph.url;            // http://127.0.0.1:<port>/v24.0
 *   graph.setSend({ status: 500 });         // ({ status: 400, code: 131047 }: that Graph error code; code null: no JSON)
 *                                           // or 'drop' to close the connection without an answer,
 *                                           // or 'hang' to hold it until graph.dropHanging()
 *   graph.sent();                           // the text messages sent: [{ phoneNumberId, to, body, authorization }]
 */
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface GraphRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  /** parsed JSON, or null */
  body: any;
}

export interface SentText {
  phoneNumberId: string;
  to: string;
  body: string;
  authorization: string | undefined;
  /** the whole JSON body sent */
  json: any;
}

/** `code`: the Graph error code a failure's JSON carries (default 131000); null: a failure without JSON */
export type SendBehaviour = { status: number; code?: number | null } | 'drop' | 'hang';

export async function startFakeGraph() {
  const requests: GraphRequest[] = [];
  const media = new Map<string, Uint8Array>();
  let sendBehaviour: SendBehaviour = { status: 200 };
  let port = 0;
  const hanging = new Set<import('node:net').Socket>();

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const path = (req.url ?? '/').split('?')[0]!;
      let body: any = null;
      try {
        body = chunks.length ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : null;
      } catch {
        body = null;
      }
      requests.push({ method: req.method ?? '', path, headers: req.headers, body });
      const json = (status: number, value: unknown) => {
        const text = JSON.stringify(value);
        res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
        res.end(text);
      };
      const send = /^\/v24\.0\/([^/]+)\/messages$/.exec(path);
      if (req.method === 'POST' && send) {
        if (sendBehaviour === 'drop') return req.socket.destroy();
        if (sendBehaviour === 'hang') return void hanging.add(req.socket);
        if (sendBehaviour.status >= 300) {
          if (sendBehaviour.code === null) {
            res.writeHead(sendBehaviour.status, { 'content-type': 'text/plain' });
            return res.end('upstream failure');
          }
          return json(sendBehaviour.status, { error: { message: 'fake failure', type: 'OAuthException', code: sendBehaviour.code ?? 131000 } });
        }
        return json(sendBehaviour.status, { messaging_product: 'whatsapp', contacts: [{ input: body?.to, wa_id: body?.to }], messages: [{ id: `wamid.sent${requests.length}` }] });
      }
      const lookup = /^\/v24\.0\/([^/]+)$/.exec(path);
      if (req.method === 'GET' && lookup) {
        const bytes = media.get(decodeURIComponent(lookup[1]!));
        if (!bytes) return json(404, { error: { message: 'unknown media' } });
        return json(200, {
          messaging_product: 'whatsapp',
          url: `http://127.0.0.1:${port}/media-files/${lookup[1]}`,
          mime_type: 'audio/ogg; codecs=opus',
          file_size: bytes.length,
          id: lookup[1],
        });
      }
      const file = /^\/media-files\/([^/]+)$/.exec(path);
      if (req.method === 'GET' && file && media.has(decodeURIComponent(file[1]!))) {
        const bytes = media.get(decodeURIComponent(file[1]!))!;
        res.writeHead(200, { 'content-type': 'audio/ogg', 'content-length': bytes.length });
        return res.end(Buffer.from(bytes));
      }
      json(404, { error: { message: 'not found' } });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}/v24.0`,
    requests,
    setSend(next: SendBehaviour) {
      sendBehaviour = next;
    },
    addMedia(id: string, bytes: Uint8Array) {
      media.set(id, bytes);
    },
    /** closes the connections of the sends held by 'hang', without an answer */
    dropHanging() {
      for (const socket of hanging) socket.destroy();
      hanging.clear();
    },
    /** the text messages the adapter asked to send, whatever the fake answered */
    sent(): SentText[] {
      return requests
        .filter((r) => r.method === 'POST' && /\/messages$/.test(r.path))
        .map((r) => ({
          phoneNumberId: r.path.split('/')[2]!,
          to: r.body?.to,
          body: r.body?.text?.body,
          authorization: r.headers.authorization,
          json: r.body,
        }));
    },
    close() {
      return new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}

export type FakeGraph = Awaited<ReturnType<typeof startFakeGraph>>;
