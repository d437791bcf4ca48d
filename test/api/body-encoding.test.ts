/**
 * How a JSON body's bytes are read, over a real socket: JSON is UTF-8 (RFC 8259), and a body that is not
 * (a clinic system still writing Latin-1 / Windows-1252 sends 'ç' as the single byte 0xE7) is a 422 that
 * says so and writes nothing, instead of being stored with each such byte silently replaced by U+FFFD.
 * UTF-8 text (with or without a byte order mark) is read as it always was. A compressed body
 * (`Content-Encoding: gzip`) is not read: a 415 says to send it uncompressed, rather than "Malformed JSON".
 * A string with a lone UTF-16 surrogate (`"\ud800"`, half of an emoji a client cut in two) is no Unicode
 * text, and could only be stored as replacement characters: a 422 names where it is.
 */
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { serve, type ServerType } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_BASE } from '../../src/app';
import { createTestApp, type TestApp } from '../helpers/app';

let t: TestApp;
let server: ServerType;
let base: string;

beforeAll(async () => {
  t = await createTestApp();
  server = serve({ fetch: t.app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}${API_BASE}`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  t.close();
});

/** POSTs raw bytes to /locations. */
async function postBytes(bytes: Uint8Array, headers: Record<string, string> = {}) {
  const res = await fetch(`${base}/locations`, {
    method: 'POST',
    headers: { 'x-api-key': t.tenant.readWrite, 'content-type': 'application/json', ...headers },
    body: bytes,
  });
  return { status: res.status, type: res.headers.get('content-type'), body: (await res.json()) as any };
}

/** `{"name":"Unidade Funcionários"}` with 'á' as the Latin-1 byte 0xE1. */
const LATIN1_BODY = Buffer.concat([Buffer.from('{"name":"Unidade Funcion'), Buffer.from([0xe1]), Buffer.from('rios"}')]);

describe('a JSON body must be UTF-8', () => {
  it('a Latin-1 byte is a 422 naming the encoding to send, and nothing is stored', async () => {
    const before = await t.count('locations');
    const variants: Array<Record<string, string>> = [{}, { 'content-type': 'application/json; charset=iso-8859-1' }, { 'idempotency-key': 'latin-1' }];
    for (const headers of variants) {
      const res = await postBytes(LATIN1_BODY, headers);
      expect(res.status, JSON.stringify(res.body)).toBe(422);
      expect(res.type).toMatch(/application\/json/);
      expect(res.body.detail).toMatch(/not valid UTF-8/);
      expect(res.body.detail).toContain('UTF-8');
    }
    // a truncated multi-byte sequence ('ç' is C3 A7 in UTF-8) is refused the same way
    const truncated = Buffer.concat([Buffer.from('{"name":"Cl'), Buffer.from([0xc3]), Buffer.from('"}')]);
    expect((await postBytes(truncated)).status).toBe(422);
    expect(await t.count('locations')).toBe(before);
    expect(await t.rows("SELECT name FROM locations WHERE name LIKE '%' || char(65533) || '%'")).toEqual([]);
  });

  it('UTF-8 text is read as sent, with or without a byte order mark', async () => {
    const plain = await postBytes(Buffer.from('{"name":"Unidade Funcionários 🏥"}'));
    expect(plain.status, JSON.stringify(plain.body)).toBe(201);
    expect(plain.body.name).toBe('Unidade Funcionários 🏥');
    const withBom = await postBytes(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"name":"Unidade Ação"}')]));
    expect(withBom.status, JSON.stringify(withBom.body)).toBe(201);
    expect(withBom.body.name).toBe('Unidade Ação');
  });

  it('an empty body declared as JSON still reads as {}', async () => {
    const res = await postBytes(new Uint8Array());
    expect(res.status).toBe(422);
    expect(res.body.detail).toBe('Validation failed: name: required: expected string');
  });
});

describe('a compressed body', () => {
  it('is a 415 naming the coding, and nothing is stored', async () => {
    const before = await t.count('locations');
    for (const coding of ['gzip', 'br', 'deflate, gzip']) {
      const res = await postBytes(gzipSync('{"name":"Unidade Comprimida"}'), { 'content-encoding': coding });
      expect(res.status, coding).toBe(415);
      expect(res.body.detail).toBe(`Content-Encoding '${coding}' is not accepted: send the body uncompressed`);
    }
    expect(await t.count('locations')).toBe(before);
  });

  it('identity is no coding at all', async () => {
    const res = await postBytes(Buffer.from('{"name":"Unidade Identidade"}'), { 'content-encoding': 'identity' });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
  });
});

describe('a lone UTF-16 surrogate in a JSON string', () => {
  /** POSTs JSON text (escapes written as they are) to `path`. */
  const postText = async (path: string, text: string) => {
    const res = await fetch(`${base}${path}`, { method: 'POST', headers: { 'x-api-key': t.tenant.readWrite, 'content-type': 'application/json' }, body: text });
    return { status: res.status, body: (await res.json()) as any };
  };

  it('is a 422 naming the field, in a value or a key, and nothing is stored', async () => {
    const before = await t.count('patients');
    const value = await postText('/patients', '{"name":"Jo\\ud800o"}');
    expect(value.status, JSON.stringify(value.body)).toBe(422);
    expect(value.body.errors).toEqual([{ path: 'name', message: 'not valid Unicode text: a lone UTF-16 surrogate (\\ud800), half of a character' }]);
    const low = await postText('/patients', '{"name":"Ana","email":"a\\udfe5@x.com"}');
    expect(low.body.errors).toEqual([{ path: 'email', message: 'not valid Unicode text: a lone UTF-16 surrogate (\\udfe5), half of a character' }]);
    const key = await postText('/providers', '{"doctor_id":"6c1d9e2f-3a4b-4c5d-8e6f-7a8b9c0d1e2f","metadata":{"a":[{"x\\ud83c":1}]}}');
    expect(key.status).toBe(422);
    expect(key.body.errors).toEqual([{ path: 'metadata.a.0', message: 'a key is not valid Unicode text: a lone UTF-16 surrogate (\\ud83c), half of a character' }]);
    expect(await t.count('patients')).toBe(before);
    expect(await t.count('providers')).toBe(0);
  });

  it('a pair written as two escapes is the character it makes', async () => {
    const res = await postText('/patients', '{"name":"Ana \\ud83c\\udfe5"}');
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.name).toBe('Ana 🏥');
    expect((await t.api('GET', `/patients/${res.body.id}`)).body.name).toBe('Ana 🏥');
  });
});
