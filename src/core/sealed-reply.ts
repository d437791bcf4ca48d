/**
 * Sealed Idempotency-Key responses. A response that carries a secret shown once (a new API key) must be
 * kept for a retry, yet never be at rest in plain text. It is stored encrypted with AES-256-GCM under a
 * key derived (HKDF-SHA-256) from the API key the caller presented, which the database holds only as a
 * hash, bound to the tenant, the Idempotency-Key and the status code. A retry presenting the same API key
 * opens it; a read of the database alone, or another caller, cannot.
 *
 * Stored as `sealed:v1:<salt>.<iv>.<ciphertext>` (base64url; the salt is random per response, so each
 * derived key encrypts one response). A JSON body never starts with that prefix, so a stored response
 * says by itself whether it is sealed. Web Crypto only, so it runs on Node and on Workers alike.
 */
const SEALED_PREFIX = 'sealed:v1:';
const HKDF_INFO = 'agendador idempotent reply v1';

/** Whose response it is: the presented API key and where the response is stored. */
export interface ReplyOwner {
  /** the plain API key the caller presented (x-api-key) */
  callerKey: string;
  tenantId: string;
  idempotencyKey: string;
  statusCode: number;
}

const utf8 = new TextEncoder();

function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array<ArrayBuffer> | null {
  if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) return null;
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (text.length % 4)) % 4));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** Length-prefixed fields, so that no two different owners give the same bytes. */
function encodeFields(fields: string[]): Uint8Array<ArrayBuffer> {
  return utf8.encode(fields.map((f) => `${f.length}:${f}`).join(''));
}

async function replyKey(owner: ReplyOwner, salt: Uint8Array<ArrayBuffer>, usage: 'encrypt' | 'decrypt') {
  const { subtle } = globalThis.crypto;
  const base = await subtle.importKey('raw', utf8.encode(owner.callerKey), 'HKDF', false, ['deriveKey']);
  return subtle.deriveKey(
    { name: 'HKDF', hash: 'SHA-256', salt, info: encodeFields([HKDF_INFO, owner.tenantId, owner.idempotencyKey]) },
    base,
    { name: 'AES-GCM', length: 256 },
    false,
    [usage],
  );
}

const additionalData = (owner: ReplyOwner) => encodeFields([String(owner.statusCode)]);

export function isSealedReply(stored: string): boolean {
  return stored.startsWith(SEALED_PREFIX);
}

export async function sealReply(body: string, owner: ReplyOwner): Promise<string> {
  const salt = globalThis.crypto.getRandomValues(new Uint8Array(16));
  const iv = globalThis.crypto.getRandomValues(new Uint8Array(12));
  const key = await replyKey(owner, salt, 'encrypt');
  const sealed = await globalThis.crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: additionalData(owner) }, key, utf8.encode(body));
  return `${SEALED_PREFIX}${toBase64Url(salt)}.${toBase64Url(iv)}.${toBase64Url(new Uint8Array(sealed))}`;
}

/** The body sealed by `sealReply` for this owner, or null when this owner cannot open it (another caller's, or altered). */
export async function openReply(stored: string, owner: ReplyOwner): Promise<string | null> {
  if (!isSealedReply(stored)) return null;
  const parts = stored.slice(SEALED_PREFIX.length).split('.').map(fromBase64Url);
  if (parts.length !== 3 || parts.some((p) => p === null)) return null;
  const [salt, iv, sealed] = parts as Array<Uint8Array<ArrayBuffer>>;
  if (salt!.length !== 16 || iv!.length !== 12) return null;
  try {
    const key = await replyKey(owner, salt!, 'decrypt');
    const body = await globalThis.crypto.subtle.decrypt({ name: 'AES-GCM', iv: iv!, additionalData: additionalData(owner) }, key, sealed!);
    return new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    return null;
  }
}
