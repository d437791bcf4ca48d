/** A voice note's bytes as a channel serves them (Twilio's media URLs, the Graph API's media files). */
import { TooLargeError, UpstreamFailedError } from '../core/errors';

/**
 * The body of `res`, refused (TooLargeError) past `max` bytes, from its declared length or as it
 * streams; a stream that breaks is an UpstreamFailedError named after `source`, by the error's name
 * only (its message may carry the media URL, which the logs must not).
 */
export async function bytesAtMost(res: Response, max: number, source: string): Promise<Uint8Array> {
  const tooLarge = () => new TooLargeError(`audio: at most ${max} bytes (10 MiB)`);
  const declared = Number(res.headers.get('content-length') ?? '');
  if (Number.isFinite(declared) && declared > max) {
    await res.body?.cancel().catch(() => {});
    throw tooLarge();
  }
  if (!res.body) return new Uint8Array(0);
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = res.body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > max) {
        await reader.cancel().catch(() => {});
        throw tooLarge();
      }
      chunks.push(value);
    }
  } catch (error) {
    if (error instanceof TooLargeError) throw error;
    throw new UpstreamFailedError(`${source}: media download failed (${error instanceof Error ? error.name : 'error'})`);
  }
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.byteLength;
  }
  return bytes;
}
