/**
 * Requests Node's HTTP parser refuses before the app sees them (a request line and headers over 16 KB, a
 * line that is not HTTP) are answered as every other error is, `{"detail": ...}`, instead of Node's bare
 * status line with no body.
 */
import type { Duplex } from 'node:stream';

const ANSWERS: Record<string, [status: number, reason: string, detail: string]> = {
  HPE_HEADER_OVERFLOW: [431, 'Request Header Fields Too Large', 'The request line and headers exceed 16 KB; send long values in the body'],
  ERR_HTTP_REQUEST_TIMEOUT: [408, 'Request Timeout', 'The request did not arrive in time'],
  // raw UTF-8 in the query, as a terminal sends `curl '…?period=manhã'`
  HPE_INVALID_URL: [
    400,
    'Bad Request',
    "The URL has a character that must be percent-encoded: encode characters outside ASCII (e.g. 'manhã' as 'manh%C3%A3')",
  ],
};
const MALFORMED: [number, string, string] = [400, 'Bad Request', 'Malformed HTTP request'];

/** Any of Node's HTTP servers (the adaptor's type also admits HTTP/2 ones, which emit the same event). */
interface EmitsClientErrors {
  on(event: 'clientError', listener: (err: NodeJS.ErrnoException, socket: Duplex) => void): unknown;
}

export function answerClientErrorsAsJson(server: EmitsClientErrors): void {
  server.on('clientError', (err, socket) => {
    // a connection that is gone, or a response already under way: nothing more can be said
    if (err.code === 'ECONNRESET' || !socket.writable || (socket as { _httpMessage?: unknown })._httpMessage) {
      socket.destroy();
      return;
    }
    const [status, reason, detail] = ANSWERS[err.code ?? ''] ?? MALFORMED;
    const body = JSON.stringify({ detail });
    socket.end(
      `HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  });
}
