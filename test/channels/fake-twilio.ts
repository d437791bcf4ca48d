/**
 * A fake Twilio REST API on 127.0.0.1 for the outbound Twilio senders: records every request and answers
 * `POST /2010-04-01/Accounts/{sid}/Messages.json` as scripted (default 201 with a message SID).
 *
 *   const twilio = await startFakeTwilio();
 *   settings.apiUrl = twilio.url;                        // http://127.0.0.1:<port>
 *   twilio.answer({ status: 400, json: { code: 21211, message: '…' } });   // the next request's answer
 *   twilio.setDefault('hang');                           // every later request held without an answer
 *   twilio.messages();                                   // [{ accountSid, form, authorization, contentType }]
 */
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface TwilioRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** json undefined: a plain-text body */
export type TwilioAnswer = { status: number; json?: unknown } | 'hang';

export async function startFakeTwilio() {
  const requests: TwilioRequest[] = [];
  const scripted: TwilioAnswer[] = [];
  let fallback: TwilioAnswer = { status: 201 };
  const hanging = new Set<Socket>();

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const path = (req.url ?? '/').split('?')[0]!;
      requests.push({ method: req.method ?? '', path, headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      const answer = scripted.shift() ?? fallback;
      if (answer === 'hang') return void hanging.add(req.socket);
      if (!/^\/2010-04-01\/Accounts\/[^/]+\/Messages\.json$/.test(path) || req.method !== 'POST') {
        res.writeHead(404, { 'content-type': 'application/json' });
        return res.end(JSON.stringify({ code: 20404, message: 'The requested resource was not found', status: 404 }));
      }
      const json =
        answer.status < 300 ? (answer.json ?? { sid: `SM${requests.length.toString(16).padStart(32, '0')}`, status: 'queued' }) : answer.json;
      if (json === undefined) {
        res.writeHead(answer.status, { 'content-type': 'text/plain' });
        return res.end('failure');
      }
      const text = JSON.stringify(json);
      res.writeHead(answer.status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
      res.end(text);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    /** the answer to the next request not yet answered (in the order they were scripted) */
    answer(next: TwilioAnswer) {
      scripted.push(next);
    },
    /** the answer once the scripted ones are used up */
    setDefault(next: TwilioAnswer) {
      fallback = next;
    },
    /** the messages asked for, in order, whatever the fake answered */
    messages() {
      return requests.map((r) => ({
        accountSid: /^\/2010-04-01\/Accounts\/([^/]+)\//.exec(r.path)?.[1],
        form: Object.fromEntries(new URLSearchParams(r.body)),
        authorization: r.headers.authorization,
        contentType: r.headers['content-type'],
      }));
    },
    close() {
      return new Promise<void>((resolve) => {
        for (const socket of hanging) socket.destroy();
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}

export type FakeTwilio = Awaited<ReturnType<typeof startFakeTwilio>>;
