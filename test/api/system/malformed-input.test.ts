/**
 * Malformed input over every operation of `/openapi.json`: for each operation the document lists, a
 * seeded PRNG builds malformed requests from the operation's own schema (path parameters, query
 * parameters, JSON bodies property by property, headers), so a new route is covered as soon as it is
 * documented. The rule checked (CONTRACT.md, "Everywhere"): never a 500; every 4xx is JSON
 * `{detail: string}` (a 422 may add `errors[]`); no stack trace, SQL text or internal name in a body;
 * and nothing half-written.
 *
 * Two batches:
 * - "must be refused": requests that are wrong by the schema or the contract (bad types, formats,
 *   ranges, enums, ids of nothing, bad JSON, bad headers, bad routes). A 2xx here is a validation gap.
 *   Every row of every table is digested before and after the batch: nothing may change.
 * - "may be accepted": odd but legal input (emoji, lone surrogates, hostile pt-BR text and 100 KB in
 *   free text, unknown and read-only fields, `{}` where nothing is required, deep nesting in free-form
 *   metadata, real dates from year 0000 to 9999). A 2xx is fine (read-only fields must stay unset);
 *   the answer must still never be a 500 or leak, and a refusal must add or remove no row.
 *
 * Real records of one clinic fill every id the request does not malform, so each malformed value is
 * the only thing wrong and reaches as deep into the handler as it can. A failure names the method,
 * the path, the request and the answer.
 */
import { createHash } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../../helpers/app';
import { createClinic } from '../../helpers/clinic';

// ---------------------------------------------------------------- deterministic randomness

function mulberry32(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let r = Math.imul(a ^ (a >>> 15), 1 | a);
    r = (r + Math.imul(r ^ (r >>> 7), 61 | r)) ^ r;
    return ((r ^ (r >>> 14)) >>> 0) / 4294967296;
  };
}
const SEED = 0x5eed_2026;
const rand = mulberry32(SEED);
const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
/** A version-4-shaped UUID of nothing. */
function uuidOfNothing(): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(rand() * 16).toString(16));
  hex[12] = '4';
  hex[16] = pick(['8', '9', 'a', 'b']);
  const s = hex.join('');
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
}

// ---------------------------------------------------------------- the app and a small clinic

const t = await createTestApp({ allowPrivateWebhookUrls: true });
afterAll(() => t.close());
const ADMIN = t.tenant.admin;
const clinic = await createClinic(t, { patients: 3 });
const made = async (method: string, path: string, body: unknown) => {
  const res = await t.api(method, path, body, { key: ADMIN });
  if (res.status >= 300) throw new Error(`fixture ${method} ${path}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
};
const location2 = await made('POST', '/locations', { name: 'Unidade Savassi', timezone: 'America/Manaus', rooms: [{ name: 'Sala A' }] });
const type2 = await made('POST', '/appointment-types', { name: 'Retorno', duration_minutes: 20, specialty: 'cardiologia' });
const templates = (await made('GET', `/providers/${clinic.provider.id}/templates`, undefined)).data as Array<{ id: string }>;
const override = await made('POST', `/providers/${clinic.provider.id}/overrides`, { date: '2026-12-24', type: 'blocked' });
const appointment = await made('POST', '/appointments', clinic.booking('2026-12-01T12:00:00Z', '2026-12-01T12:30:00Z'));
const waitlistEntry = await made('POST', '/waitlist', {
  patient_id: clinic.patients[1]!.id,
  appointment_type_id: clinic.type.id,
  provider_id: clinic.provider.id,
});
const webhook = await made('POST', '/webhooks', { url: 'http://127.0.0.1:9/hook', events: ['appointment.*'] });

/**
 * A provider and a patient the fuzzing never changes, for fresh appointments: each odd-but-legal request
 * to a lifecycle action gets its own appointment, brought to the status the action starts from, so the
 * handler runs to its end instead of stopping at "Cannot confirm an appointment in status …".
 */
const bookingProvider = await made('POST', '/providers', { doctor_id: uuidOfNothing(), name: 'Dr. Livre', primary_location_id: clinic.location.id });
for (const day of [1, 2, 3, 4, 5]) {
  await made('POST', `/providers/${bookingProvider.id}/templates`, { day_of_week: day, start_time: '07:00', end_time: '19:00', location_id: clinic.location.id });
}
const bookingPatient = await made('POST', '/patients', { name: 'Paciente Avulso' });
const STEPS_BEFORE: Record<string, string[]> = { 'check-in': ['confirm'], start: ['confirm', 'check-in'], complete: ['confirm', 'check-in', 'start'], 'no-show': ['confirm'] };
let freshCount = 0;
async function freshAppointment(action: string): Promise<string> {
  // half hours from 07:00 to 18:30 local (UTC-3), weekday after weekday from Monday 2027-01-04
  const n = freshCount++;
  const day = Math.floor(n / 24);
  const start = new Date(Date.UTC(2027, 0, 4, 10) + (Math.floor(day / 5) * 7 + (day % 5)) * 86_400_000 + (n % 24) * 30 * 60_000);
  const created = await made('POST', '/appointments', {
    provider_profile_id: bookingProvider.id,
    patient_id: bookingPatient.id,
    appointment_type_id: clinic.type.id,
    location_id: clinic.location.id,
    start_time: start.toISOString(),
    end_time: new Date(start.getTime() + 30 * 60_000).toISOString(),
  });
  for (const step of STEPS_BEFORE[action] ?? []) await made('POST', `/appointments/${created.id}/${step}`, {});
  return created.id;
}

/** Ids of real records, by the path segment before a parameter or by the parameter's name. */
const REAL_BY_SEGMENT: Record<string, string> = {
  locations: location2.id,
  'appointment-types': type2.id,
  patients: clinic.patients[2]!.id,
  providers: clinic.provider.id,
  templates: templates[0]!.id,
  overrides: override.id,
  appointments: appointment.id,
  waitlist: waitlistEntry.id,
  position: waitlistEntry.id,
  webhooks: webhook.id,
};
/** Valid values for fields and parameters, by name: the records of this clinic. */
const REAL_BY_NAME: Record<string, unknown> = {
  provider_profile_id: clinic.provider.id,
  provider_id: clinic.provider.id,
  patient_id: clinic.patients[0]!.id,
  appointment_type_id: clinic.type.id,
  location_id: clinic.location.id,
  new_location_id: clinic.location.id,
  primary_location_id: clinic.location.id,
  room_id: clinic.location.rooms[0].id,
  new_room_id: clinic.location.rooms[0].id,
  subscription_id: webhook.id,
  appointment_id: appointment.id,
  appointment_type_ids: [clinic.type.id],
  date: '2026-12-01',
  date_from: '2026-12-01',
  date_to: '2026-12-04',
};
/** UUID fields that name something outside this API (the clinic's own directory): any UUID is valid. */
const EXTERNAL_IDS = new Set(['doctor_id']);

// ---------------------------------------------------------------- the document

type Schema = Record<string, any>;
type Param = { name: string; in: 'path' | 'query' | 'header' | 'cookie'; required?: boolean; schema: Schema };
interface Operation {
  method: string;
  path: string;
  params: Param[];
  /** the JSON body schema, if the operation takes one */
  body?: Schema;
  mediaTypes: string[];
}

const doc: any = await (await t.app.request('/openapi.json')).json();
const deref = (s: Schema | undefined): Schema => (s?.$ref ? doc.components.schemas[String(s.$ref).split('/').pop()!] : (s ?? {}));
const OPERATIONS: Operation[] = Object.entries<any>(doc.paths).flatMap(([path, item]) =>
  Object.entries<any>(item).map(([method, op]) => ({
    method: method.toUpperCase(),
    path,
    params: (op.parameters ?? []).map((p: Param) => ({ ...p, schema: deref(p.schema) })),
    body: op.requestBody?.content?.['application/json'] ? deref(op.requestBody.content['application/json'].schema) : undefined,
    mediaTypes: Object.keys(op.requestBody?.content ?? {}),
  })),
);

// ---------------------------------------------------------------- valid values from the schema

const typesOf = (s: Schema): string[] => (Array.isArray(s.type) ? s.type : s.type ? [s.type] : []);
const has = (s: Schema, type: string) => typesOf(s).includes(type) || (type === 'number' && typesOf(s).includes('integer'));
/** a string with a shape the server checks (so free text such as emoji is not valid there) */
const shaped = (s: Schema) => Boolean(s.format || s.enum || s.pattern);

function validValue(s: Schema, name: string): unknown {
  s = deref(s);
  if (name in REAL_BY_NAME) return REAL_BY_NAME[name];
  if (s.example !== undefined && !(s.format === 'uuid')) return s.example;
  if (s.enum) return s.enum.find((v: unknown) => v !== null);
  if (has(s, 'string')) {
    if (s.format === 'uuid') return uuidOfNothing();
    if (s.format === 'date') return '2026-12-01';
    if (s.format === 'date-time') return '2026-12-01T12:00:00Z';
    return 'x'.repeat(Math.max(1, s.minLength ?? 1));
  }
  if (has(s, 'integer') || has(s, 'number')) return s.minimum ?? 1;
  if (has(s, 'boolean')) return true;
  if (has(s, 'array')) return s.minItems ? [validValue(s.items ?? {}, name)] : [];
  if (has(s, 'object')) return validObject(s);
  return null;
}

/** The schema's example with the ids swapped for this clinic's, or the required fields made up. */
function validObject(s: Schema): Record<string, unknown> {
  s = deref(s);
  const out: Record<string, unknown> = {};
  const props: Record<string, Schema> = s.properties ?? {};
  const example: Record<string, unknown> = s.example && typeof s.example === 'object' ? s.example : {};
  for (const [name, prop] of Object.entries(props)) {
    if (name in example) out[name] = name in REAL_BY_NAME || hasUuid(deref(prop)) ? validValue(prop, name) : example[name];
    else if (s.required?.includes(name)) out[name] = validValue(prop, name);
  }
  return out;
}
const hasUuid = (s: Schema) => s.format === 'uuid' || deref(s.items ?? {}).format === 'uuid';

// ---------------------------------------------------------------- malformed values

type Expect = 'refuse' | 'any';
interface Variant {
  label: string;
  value?: unknown;
  /** JSON text spliced in for the value, for what JSON.stringify cannot write (1e309) */
  raw?: string;
  expect: Expect;
}

const BIG = 'x'.repeat(100_000);
const EMOJI = '🏥👩🏽‍⚕️😀';
const LONE_SURROGATE = '\ud800';
function deep(depth: number, kind: 'object' | 'array'): string {
  return kind === 'object' ? '{"a":'.repeat(depth) + '1' + '}'.repeat(depth) : '['.repeat(depth) + ']'.repeat(depth);
}
const DEEP_OBJECT = deep(10_000, 'object');

/** Legal but hostile free text: what the language layer, the phone parser and the database must survive. */
const TRICKY_TEXT = [
  'dia 31 de fevereiro às 25h',
  '30/02/2026 99:99',
  'amanhã às 24:60 ou 00h00',
  'dia 0 ou dia 32 do mês 13',
  '99999999999999999999 de janeiro de 999999',
  'semana que vem de manhã às 7 da noite, na segunda do ano 0',
  '29/02/2027, 31/04, 12/31/2026, 2026-13-45T99:99',
  '1e309 NaN -1 Infinity',
  '\u0000\u0001\u001f nul',
  '\u202e\u200b\ufeff\u2028\u2029',
  'a\u0301'.repeat(500),
  "'; DROP TABLE patients; -- %s %d %n ${x} {{x}} <script>",
  '+55 (31) 9999-8888 ramal 12 #*',
];
/** a PRNG string of odd code points */
function junkText(length: number): string {
  const palette = ['a', 'ç', 'ã', '9', ':', '/', '-', ' ', '\u0000', '\ud83c\udfe5', '\u0301', '\u202e', '%', '"', '\\', '\n', 'h', 'dia', 'às'];
  return Array.from({ length }, () => pick(palette)).join('');
}

/** Malformed (or odd) values for one property, `valid` being a good value for it. */
function variantsFor(name: string, s: Schema, valid: unknown, depth = 0): Variant[] {
  s = deref(s);
  const out: Variant[] = [];
  const add = (label: string, value: unknown, expect: Expect) => out.push({ label, value, expect });
  const refuseUnless = (ok: boolean): Expect => (ok ? 'any' : 'refuse');
  const isString = has(s, 'string');
  const isNumber = has(s, 'number');
  const isArray = has(s, 'array');
  const isObject = has(s, 'object') || (!s.type && (s.properties || s.additionalProperties));
  const freeText = isString && !shaped(s);

  // wrong types
  add('null', null, refuseUnless(has(s, 'null') || (s.enum ?? []).includes(null)));
  if (!isNumber) add('a number', 42, 'refuse');
  if (!isString) add('a string', 'text', 'refuse');
  else if (freeText) add('a plain word', 'text', refuseUnless((s.minLength ?? 0) <= 4 && (s.maxLength ?? Infinity) >= 4));
  if (!isObject) add('an object', { a: 1 }, 'refuse');
  if (!isArray) add('an array', ['a'], 'refuse');
  if (!has(s, 'boolean')) add('a boolean', true, 'refuse');

  if (isString) {
    add('100 KB', BIG, refuseUnless(!shaped(s) && s.maxLength === undefined));
    add('a lone surrogate', LONE_SURROGATE, refuseUnless(freeText));
    add('emoji', EMOJI, refuseUnless(freeText && (s.maxLength ?? Infinity) >= EMOJI.length));
    add('empty', '', refuseUnless(freeText && !s.minLength));
    if (freeText) {
      const fit = (v: string) => (s.maxLength !== undefined ? v.slice(0, s.maxLength) : v);
      for (const v of [...TRICKY_TEXT, junkText(80)]) add(`tricky text ${JSON.stringify(v.slice(0, 24))}`, fit(v), 'any');
    }
    if (s.maxLength !== undefined && s.maxLength < 100_000) add(`${s.maxLength + 1} chars`, 'y'.repeat(s.maxLength + 1), 'refuse');
    if (s.enum) add('an unknown enum value', 'no_such_value', 'refuse');
    if (s.pattern) for (const v of ['25:00', '9:00', '12:60', '12:00:00']) add(`'${v}'`, v, 'refuse');
    if (s.format === 'uuid') {
      add('not a uuid', 'not-a-uuid', 'refuse');
      add('a uuid with a bad digit', '3f2b8c1e-7d4a-4e7b-9a51-2c6f0d9e8a1g', 'refuse');
      // an id of nothing: a reference that must exist, except ids of the clinic's own directory
      add('a uuid of nothing', uuidOfNothing(), refuseUnless(EXTERNAL_IDS.has(name)));
    }
    if (s.format === 'date') {
      for (const v of ['2026-02-30', '2026-13-01', '2025-02-29', '2026-12-1', '2026-12-01T00:00:00Z', '+02026-12-01', '２０２６-12-01']) add(`'${v}'`, v, 'refuse');
      // real dates far away: legal, and the time arithmetic must hold
      for (const v of ['0000-01-01', '1900-02-28', '2028-02-29', '9999-12-31']) add(`'${v}'`, v, 'any');
    }
    if (s.format === 'date-time') {
      for (const v of ['2026-12-01T09:00:00', '2026-02-30T10:00:00Z', '2026-12-01T24:00:00Z', '2026-12-01', '2026-12-01T09:00:00+25:00', 'amanhã 9h']) {
        add(`'${v}'`, v, 'refuse');
      }
      for (const v of ['0000-01-01T00:00:00Z', '1970-01-01T00:00:00Z', '9999-12-31T23:59:59Z', '2026-12-01T09:00:00.123456789-03:00', '2026-12-01T09:00:00+14:00', '2026-12-01T09:00:00-12:00']) {
        add(`'${v}'`, v, 'any');
      }
    }
    if (s.format === 'email') for (const v of ['not-an-email', 'a@', '@b.com']) add(`'${v}'`, v, 'refuse');
  }

  if (isNumber) {
    const integer = has(s, 'integer');
    add('a numeric string', '5', 'refuse');
    if (integer) add('a float', 1.5, 'refuse');
    add('-1', -1, refuseUnless((s.minimum === undefined || s.minimum <= -1) && (s.maximum === undefined || s.maximum >= -1)));
    if (s.minimum !== undefined) add(`below the minimum (${s.minimum - 1})`, s.minimum - 1, 'refuse');
    if (s.maximum !== undefined) add(`above the maximum (${s.maximum + 1})`, s.maximum + 1, 'refuse');
    if (s.minimum !== undefined) add(`the minimum (${s.minimum})`, s.minimum, 'any');
    add(`the maximum (${s.maximum ?? Number.MAX_SAFE_INTEGER})`, s.maximum ?? Number.MAX_SAFE_INTEGER, 'any');
    add('-0', -0, refuseUnless((s.minimum ?? 0) <= 0 && (s.maximum ?? 0) >= 0));
    add('2^53 + 1', 9007199254740993, refuseUnless(!integer && s.maximum === undefined));
    add('1e20', 1e20, refuseUnless(s.maximum === undefined && !integer));
    out.push({ label: '1e309', raw: '1e309', expect: 'refuse' });
    out.push({ label: 'NaN', raw: 'NaN', expect: 'refuse' });
  }

  if (has(s, 'boolean')) {
    add("'true'", 'true', 'refuse');
    add('1', 1, 'refuse');
  }

  if (isArray) {
    const items = deref(s.items ?? {});
    const goodItem = Array.isArray(valid) && valid.length ? valid[0] : validValue(items, name);
    if (s.minItems) add('an empty array', [], 'refuse');
    if (s.maxItems !== undefined) add(`${s.maxItems + 1} items`, Array.from({ length: s.maxItems + 1 }, () => goodItem), 'refuse');
    add('10,000 items', Array.from({ length: 10_000 }, () => goodItem), refuseUnless(s.maxItems === undefined));
    if (depth < 3) for (const v of variantsFor(`${name}[]`, items, goodItem, depth + 1)) out.push({ ...v, label: `[${v.label}]`, value: v.raw ? undefined : [v.value], raw: v.raw ? `[${v.raw}]` : undefined });
  }

  if (isObject && depth < 3) {
    const base = valid && typeof valid === 'object' && !Array.isArray(valid) ? (valid as Record<string, unknown>) : validObject(s);
    for (const [prop, propSchema] of Object.entries<Schema>(s.properties ?? {})) {
      const propValid = base[prop] ?? validValue(propSchema, prop);
      if (deref(s).required?.includes(prop)) add(`without .${prop}`, omit(base, prop), 'refuse');
      for (const v of variantsFor(prop, propSchema, propValid, depth + 1)) {
        out.push({ ...v, label: `.${prop} ${v.label}`, value: v.raw ? undefined : { ...base, [prop]: v.value }, raw: v.raw ? spliced(base, prop, v.raw) : undefined });
      }
    }
    const extra = s.additionalProperties;
    if (extra && typeof extra === 'object' && Object.keys(extra).length) {
      // a map keyed by location id, e.g. travel_minutes
      const key = String(REAL_BY_NAME.location_id);
      add('a key that is not an id', { 'not-an-id': validValue(extra, 'value') }, 'refuse');
      add('a key of nothing', { [uuidOfNothing()]: validValue(extra, 'value') }, 'refuse');
      for (const v of variantsFor(`${name}{}`, extra, validValue(extra, 'value'), depth + 1)) {
        out.push({ ...v, label: `{id: ${v.label}}`, value: v.raw ? undefined : { [key]: v.value }, raw: v.raw ? `{${JSON.stringify(key)}:${v.raw}}` : undefined });
      }
    } else if (extra !== undefined || (!s.properties && isObject)) {
      // free-form JSON (metadata): anything nested is kept as given
      out.push({ label: 'depth 10,000', raw: DEEP_OBJECT, expect: 'any' });
      add('100 KB inside', { note: BIG }, 'any');
      add('a lone surrogate key', { [LONE_SURROGATE]: LONE_SURROGATE }, 'any');
      add('10,000 keys', Object.fromEntries(Array.from({ length: 10_000 }, (_, i) => [`k${i}`, i])), 'any');
    }
  } else if (!isObject) {
    out.push({ label: 'nested 10,000 deep', raw: DEEP_OBJECT, expect: 'refuse' });
  }
  return out;
}

const omit = (o: Record<string, unknown>, key: string) => Object.fromEntries(Object.entries(o).filter(([k]) => k !== key));
/** `{...base, [prop]: <raw JSON>}` as text */
function spliced(base: Record<string, unknown>, prop: string, raw: string): string {
  const marker = '"\u0000SPLICE\u0000"';
  return JSON.stringify({ ...base, [prop]: '\u0000SPLICE\u0000' }).replace(marker.replace(/\u0000/g, '\\u0000'), raw);
}

// ---------------------------------------------------------------- requests

interface Case {
  op: Operation;
  label: string;
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string | Uint8Array;
  expect: Expect;
}

/** The path with real ids; `override` replaces one parameter with a raw (already encoded) value. */
function pathOf(op: Operation, override?: { name: string; raw: string }): string {
  return op.path.replace(/\{([^}]+)\}/g, (_, name: string) => {
    if (override?.name === name) return override.raw;
    const param = op.params.find((p) => p.in === 'path' && p.name === name);
    if (param?.schema.enum) return encodeURIComponent(param.schema.enum[0]);
    const before = op.path.slice(0, op.path.indexOf(`{${name}}`)).split('/').filter(Boolean).pop() ?? '';
    return encodeURIComponent(String(REAL_BY_NAME[name] ?? REAL_BY_SEGMENT[before] ?? uuidOfNothing()));
  });
}

type QueryPairs = Array<[string, string]>;
const enc = (v: unknown) => encodeURIComponent(String(v));
/** Required query parameters, and optional id filters this clinic can fill, all valid. */
function baseQuery(op: Operation): QueryPairs {
  const pairs: QueryPairs = [];
  for (const p of op.params.filter((p) => p.in === 'query')) {
    if (p.required || (p.schema.format === 'uuid' && p.name in REAL_BY_NAME)) pairs.push([p.name, enc(validValue(p.schema, p.name))]);
  }
  // a slot search needs a provider or a specialty
  if (op.params.some((p) => p.name === 'provider_id') && op.params.some((p) => p.name === 'appointment_type_id' && p.required)) {
    if (!pairs.some(([k]) => k === 'provider_id')) pairs.push(['provider_id', enc(REAL_BY_NAME.provider_id)]);
  }
  return pairs;
}
const queryString = (pairs: QueryPairs) => (pairs.length ? `?${pairs.map(([k, v]) => `${enc(k)}=${v}`).join('&')}` : '');

function request(op: Operation, label: string, expect: Expect, parts: { path?: string; query?: QueryPairs; headers?: Record<string, string>; body?: string | Uint8Array }): Case {
  const headers: Record<string, string> = { 'x-api-key': ADMIN, ...parts.headers };
  if (parts.body !== undefined && typeof parts.body === 'string' && !Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) {
    headers['content-type'] = 'application/json';
  }
  return { op, label, method: op.method, url: (parts.path ?? pathOf(op)) + queryString(parts.query ?? baseQuery(op)), headers, body: parts.body, expect };
}

/** Cursors of real lists, collected once: a real one to truncate or tamper with, and one of another list. */
const cursors = new Map<string, string>();
async function collectCursors() {
  for (const op of OPERATIONS.filter((o) => o.method === 'GET' && o.params.some((p) => p.name === 'cursor'))) {
    const res = await t.app.request(pathOf(op) + queryString([...baseQuery(op), ['limit', '1']]), { headers: { 'x-api-key': ADMIN } });
    const body: any = await res.json();
    if (body?.next_cursor) cursors.set(op.path, body.next_cursor);
  }
}
await collectCursors();
const anyCursor = (not: string) => [...cursors.entries()].find(([path]) => path !== not)?.[1] ?? 'eyJhIjoxfQ.c2ln';

function queryVariants(op: Operation, p: Param): Array<{ label: string; value: string; expect: Expect }> {
  const s = p.schema;
  const out: Array<{ label: string; value: string; expect: Expect }> = [];
  const add = (label: string, value: string, expect: Expect = 'refuse') => out.push({ label, value, expect });
  if (p.name === 'cursor') {
    const real = cursors.get(op.path);
    add('a forged cursor', 'eyJmb3JnZWQiOnRydWV9.bm90LWEtbWFj');
    add('a cursor without a signature', 'eyJmb3JnZWQiOnRydWV9');
    add('a lone dot', '.');
    add('5,000 chars', 'c'.repeat(5000));
    add('a cursor of another list', enc(anyCursor(op.path)));
    if (real) {
      add('a truncated cursor', enc(real.slice(0, -3)));
      add('a cursor cut at the dot', enc(real.slice(0, real.indexOf('.') + 1)));
      const [payload, mac] = real.split('.');
      const tampered = Buffer.from(JSON.stringify(['2000-01-01T00:00:00.000Z', "x' OR 1=1 --"])).toString('base64url');
      add('a cursor with a tampered position', enc(`${tampered}.${mac}`));
      add('a cursor with a flipped signature', enc(`${payload}.${mac!.split('').reverse().join('')}`));
    }
    add('empty', '');
    return out;
  }
  const arrayOf = s.type === 'array' ? deref(s.items ?? {}) : null;
  const scalar = arrayOf ?? s;
  if (has(scalar, 'integer') || has(scalar, 'number')) {
    for (const v of ['abc', '-1', '0', '1.5', 'NaN', '1e309', 'Infinity', '99999999999999999999', '']) add(`'${v}'`, enc(v), refuseIfOutside(scalar, v));
    if (scalar.maximum !== undefined) add(`${scalar.maximum + 1}`, String(scalar.maximum + 1));
  } else if (scalar.enum) {
    add('an unknown value', 'no_such_value');
    add('empty', '', arrayOf ? 'any' : 'refuse');
    add('upper case', enc(String(scalar.enum[0]).toUpperCase()));
    if (arrayOf) add('a known and an unknown value', enc(`${scalar.enum[0]},no_such_value`));
  } else if (scalar.format === 'uuid') {
    add('not a uuid', 'not-a-uuid');
    add('empty', '');
    add('5,000 chars', 'u'.repeat(5000));
    add('percent-encoded junk', '%00%FF');
  } else if (scalar.format === 'date') {
    for (const v of ['2026-02-30', '2026-13-01', '2025-02-29', '2026-12-1', 'amanhã', '']) add(`'${v}'`, enc(v));
    for (const v of ['0000-01-01', '9999-12-31']) add(`'${v}'`, enc(v), 'any');
  } else if (scalar.pattern) {
    for (const v of ['25:00', '9:00', '12:60', '']) add(`'${v}'`, enc(v));
  } else {
    add('empty', '', s.minLength ? 'refuse' : 'any');
    if (s.maxLength !== undefined) add(`${s.maxLength + 1} chars`, 'z'.repeat(s.maxLength + 1));
    add('emoji', enc(EMOJI), 'any');
    add('invalid UTF-8', '%E0%A4%A', 'any');
    add('a lone surrogate (CESU-8)', '%ED%A0%80', 'any');
    add('100 KB', 'q'.repeat(100_000), 'any');
    for (const v of TRICKY_TEXT) add(`tricky text ${JSON.stringify(v.slice(0, 24))}`, enc(v.slice(0, s.maxLength ?? v.length)), 'any');
    if (p.name === 'period') add('an unknown period', 'madrugada');
    if (p.name === 'phone') for (const v of ['abc', '+55 31 9999-8888 ramal 12', '0']) add(`'${v}'`, enc(v));
  }
  return out;
}
function refuseIfOutside(s: Schema, v: string): Expect {
  const n = Number(v);
  if (v.trim() === '' || !Number.isFinite(n)) return 'refuse';
  if (has(s, 'integer') && !Number.isInteger(n)) return 'refuse';
  if (s.minimum !== undefined && n < s.minimum) return 'refuse';
  if (s.maximum !== undefined && n > s.maximum) return 'refuse';
  return 'any';
}

const PATH_JUNK: Array<{ label: string; raw: () => string }> = [
  { label: 'not a uuid', raw: () => 'not-a-uuid' },
  { label: 'a uuid of nothing', raw: () => uuidOfNothing() },
  { label: '5,000 chars', raw: () => 'p'.repeat(5000) },
  { label: '%00', raw: () => '%00' },
  { label: '%FF', raw: () => '%FF' },
  { label: '%E0%A4%A', raw: () => '%E0%A4%A' },
  { label: '..', raw: () => '..' },
  { label: 'SQL', raw: () => encodeURIComponent("' OR '1'='1") },
  { label: 'the nil uuid', raw: () => '00000000-0000-0000-0000-000000000000' },
  { label: 'a uuid in braces', raw: () => `%7B${uuidOfNothing()}%7D` },
];

const pathsSeen = new Set<string>();

function casesFor(op: Operation): Case[] {
  const cases: Case[] = [];
  const body = op.body ? validObject(op.body) : undefined;
  const bodyText = body ? JSON.stringify(body) : undefined;
  const writes = op.method !== 'GET' && op.method !== 'HEAD';

  // the route itself, malformed: a slash too many, and (once per path) a method it does not have. One
  // trailing slash is the same operation (served, test/api/trailing-slash.test.ts): legal, but not sent
  // to a DELETE here, which would take away the records the later operations' cases use.
  if (op.method !== 'DELETE') cases.push(request(op, 'a trailing slash', 'any', { path: `${pathOf(op)}/`, body: bodyText }));
  cases.push(request(op, 'a doubled slash', 'refuse', { path: pathOf(op).replace(/\/([^/]+)$/, '//$1'), body: bodyText }));
  if (!pathsSeen.has(op.path)) {
    pathsSeen.add(op.path);
    cases.push({ ...request(op, 'an undocumented method', 'refuse', { body: bodyText }), method: 'PATCH' });
  }

  // path parameters, the rest real
  for (const p of op.params.filter((p) => p.in === 'path')) {
    // '..' as the last segment: every URL parser (fetch, the Node server, Workers) resolves it before the
    // app sees the request, to the parent's path with a trailing slash, which is served as the parent
    const last = op.path.endsWith(`{${p.name}}`);
    for (const junk of PATH_JUNK) {
      if (p.schema.enum && junk.label === 'a uuid of nothing') continue;
      if (last && junk.label === '..') continue;
      cases.push(request(op, `path ${p.name}: ${junk.label}`, 'refuse', { path: pathOf(op, { name: p.name, raw: junk.raw() }), body: bodyText }));
    }
    if (p.schema.enum) cases.push(request(op, `path ${p.name}: an unknown value`, 'refuse', { path: pathOf(op, { name: p.name, raw: 'pombo-correio' }), body: bodyText }));
  }

  // an operation without a JSON body that takes Idempotency-Key (DELETE /appointments/{id}): a bad key
  // refuses it before anything is written (with a body, the header cases come with the body's below)
  if (!op.body && op.params.some((p) => p.in === 'header' && p.name === 'Idempotency-Key')) {
    cases.push(request(op, 'header: an empty Idempotency-Key', 'refuse', { headers: { 'idempotency-key': '' } }));
    cases.push(request(op, 'header: a 10 KB Idempotency-Key', 'refuse', { headers: { 'idempotency-key': 'k'.repeat(10_240) } }));
  }

  // query parameters, one at a time, the rest valid
  const queryParams = op.params.filter((p) => p.in === 'query');
  const base = baseQuery(op);
  for (const p of queryParams) {
    const others = base.filter(([k]) => k !== p.name);
    for (const v of queryVariants(op, p)) cases.push(request(op, `query ${p.name}: ${v.label}`, v.expect, { query: [...others, [p.name, v.value]] }));
    const good = base.find(([k]) => k === p.name)?.[1] ?? enc(validValue(p.schema, p.name));
    const repeatable = p.schema.type === 'array';
    cases.push(request(op, `query ${p.name}: repeated`, repeatable ? 'any' : 'refuse', { query: [...others, [p.name, good], [p.name, good]] }));
    if (p.required) cases.push(request(op, `query ${p.name}: missing`, 'refuse', { query: others }));
  }
  const from = queryParams.find((p) => p.name === 'date_from');
  const to = queryParams.find((p) => p.name === 'date_to');
  if (from && to) {
    const rest = base.filter(([k]) => k !== 'date_from' && k !== 'date_to');
    cases.push(request(op, 'query: a reversed date range', 'refuse', { query: [...rest, ['date_from', '2026-12-10'], ['date_to', '2026-12-01']] }));
    if (from.required) cases.push(request(op, 'query: a 400-day range', 'refuse', { query: [...rest, ['date_from', '2026-12-01'], ['date_to', '2028-01-05']] }));
    const farRanges: Array<[string, string]> = [['9999-12-25', '9999-12-31'], ['9998-12-25', '9998-12-31'], ['0000-01-01', '0000-01-07'], ['0099-12-28', '0100-01-03'], ['1969-12-25', '1970-01-02']];
    for (const [a, b] of farRanges) {
      cases.push(request(op, `query: the range ${a}..${b}`, 'any', { query: [...rest, ['date_from', a], ['date_to', b]] }));
    }
  }
  if (!queryParams.length && !writes) {
    // a query the operation does not declare is ignored, junk or not
    cases.push(request(op, 'undeclared junk query', 'any', { query: [['limit', '-1'], ['%E0%A4%A', '%00'], ['cursor', '%FF']] }));
  }

  if (op.body && body && bodyText) {
    const nothingRequired = !op.body.required?.length;
    // whole bodies
    const whole: Array<[string, string, Expect]> = [
      ['not JSON', '{name: nope', 'refuse'],
      ['truncated JSON', bodyText.slice(0, Math.max(1, Math.floor(bodyText.length / 2))), 'refuse'],
      // an empty body declared as JSON reads as {} (src/app.ts)
      ['empty', '', nothingRequired ? 'any' : 'refuse'],
      ['null', 'null', 'refuse'],
      ['an array', `[${bodyText}]`, 'refuse'],
      ['a string', '"hello"', 'refuse'],
      ['a number', '42', 'refuse'],
      ['true', 'true', 'refuse'],
      ['{}', '{}', nothingRequired ? 'any' : 'refuse'],
      ['an array 10,000 deep', deep(10_000, 'array'), 'refuse'],
      ['an object 10,000 deep', DEEP_OBJECT, nothingRequired ? 'any' : 'refuse'],
      ['a BOM before the JSON', `\ufeff${bodyText}`, 'any'],
      ['two JSON documents', `${bodyText}${bodyText}`, 'refuse'],
      ['a __proto__ key', bodyText === '{}' ? '{"__proto__":{"is_active":false}}' : bodyText.replace(/^\{/, '{"__proto__":{"is_active":false},'), 'any'],
      ['a duplicate key', bodyText === '{}' ? '{"a":1,"a":{}}' : bodyText.replace(/^\{/, `{${JSON.stringify(Object.keys(body)[0])}:[],`), 'any'],
    ];
    for (const [label, text, expect] of whole) cases.push(request(op, `body: ${label}`, expect, { body: text }));
    cases.push(request(op, 'body: unknown fields', 'any', { body: JSON.stringify({ ...body, no_such_field: 1, tenant_id: uuidOfNothing() }) }));
    // read-only fields are ignored, never set (CONTRACT.md: PUT)
    const readOnly = Object.fromEntries(Object.entries(READ_ONLY).filter(([k]) => !(k in (op.body!.properties ?? {}))));
    cases.push(request(op, 'body: read-only fields', 'any', { body: JSON.stringify({ ...body, ...readOnly }) }));

    // each property in turn
    for (const v of variantsFor('(body)', op.body, body)) {
      if (!v.label.startsWith('.') && !v.label.startsWith('without')) continue; // whole-body kinds are above
      cases.push(request(op, `body${v.label.startsWith('.') ? '' : ' '}${v.label}`, v.expect, { body: v.raw ?? JSON.stringify(v.value) }));
    }

    // every date-time (and every date) of the body moved together to a far-away day, so the rest stays coherent
    const props = Object.entries<Schema>(op.body.properties ?? {}).map(([k, v]) => [k, deref(v)] as const);
    const instants = props.filter(([k, v]) => v.format === 'date-time' && typeof body[k] === 'string');
    if (instants.length) {
      const first = Math.min(...instants.map(([k]) => Date.parse(String(body[k]))));
      for (const target of ['0000-01-03T12:00:00Z', '0099-06-15T12:00:00Z', '1969-12-31T23:30:00Z', '9998-12-31T12:00:00Z', '9999-11-30T12:00:00Z', '9999-12-31T12:00:00Z', '2026-12-01T09:00:00-12:00']) {
        const shifted = { ...body };
        for (const [k] of instants) shifted[k] = new Date(Date.parse(String(body[k])) - first + Date.parse(target)).toISOString();
        const free = props.find(([, v]) => has(v, 'string') && !shaped(v));
        cases.push(request(op, `body: every date-time moved to ${target}`, 'any', { body: JSON.stringify(shifted) }));
        if (free) for (const text of ['amanhã de manhã', 'semana que vem', 'dia 31', 'sexta às 23h', 'próximo mês à noite']) {
          cases.push(request(op, `body: every date-time moved to ${target}, .${free[0]} ${JSON.stringify(text)}`, 'any', { body: JSON.stringify({ ...shifted, [free[0]]: text }) }));
        }
      }
    }
    const dates = props.filter(([k, v]) => v.format === 'date' && k !== 'birth_date');
    if (dates.length) {
      for (const target of ['0000-01-01', '0099-12-31', '9999-12-31']) {
        cases.push(request(op, `body: every date ${target}`, 'any', { body: JSON.stringify({ ...body, ...Object.fromEntries(dates.map(([k]) => [k, target])) }) }));
      }
    }

    // headers
    cases.push(request(op, 'header: no content-type', 'refuse', { body: new TextEncoder().encode(bodyText) }));
    cases.push(request(op, 'header: content-type text/plain', 'refuse', { headers: { 'content-type': 'text/plain' }, body: bodyText }));
    cases.push(request(op, 'header: content-type form', 'refuse', { headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: bodyText }));
    if (op.method === 'POST') {
      cases.push(request(op, 'header: an empty Idempotency-Key', 'refuse', { headers: { 'idempotency-key': '' }, body: bodyText }));
      cases.push(request(op, 'header: a 10 KB Idempotency-Key', 'refuse', { headers: { 'idempotency-key': 'k'.repeat(10_240) }, body: bodyText }));
    }
  }
  if (op.mediaTypes.some((m) => m.startsWith('multipart/'))) {
    cases.push(request(op, 'multipart route with a JSON body', 'refuse', { body: '{"file": "not a file"}' }));
  }
  return cases;
}

// ---------------------------------------------------------------- checking answers

const READ_ONLY: Record<string, unknown> = {
  id: '0badc0de-0000-4000-8000-000000000000',
  created_at: '2000-01-01T00:00:00.000Z',
  updated_at: '2000-01-01T00:00:00.000Z',
  status: 'completed',
  version: 999,
  position: 999,
  secret: 'whsec_forged',
};

const LEAKS = [/SQLITE/i, / {4}at /, /node_modules/, /drizzle/i, /src\//];

interface Answer {
  status: number;
  text: string;
}

async function send(c: Case): Promise<Answer> {
  const res = await t.app.request(c.url, { method: c.method, headers: c.headers, body: c.body });
  return { status: res.status, text: await res.text() };
}

const short = (s: string, n = 300) => (s.length > n ? `${s.slice(0, n)}… (${s.length} chars)` : s);
function describeCase(c: Case, a: Answer): string {
  const headers = Object.entries(c.headers)
    .filter(([k]) => k !== 'x-api-key')
    .map(([k, v]) => `${k}: ${short(v, 40)}`)
    .join(', ');
  const body = c.body === undefined ? '' : `\n    body: ${short(typeof c.body === 'string' ? c.body : `<${c.body.length} bytes, no content-type>`)}`;
  return `${c.method} ${short(c.url, 200)} [${c.label}]${headers ? `\n    headers: ${headers}` : ''}${body}\n    → ${a.status} ${short(a.text, 500)}`;
}

function problemsOf(c: Case, a: Answer): string[] {
  const problems: string[] = [];
  if (a.status >= 500) problems.push('a 5xx');
  if (a.status >= 400) {
    let json: any;
    try {
      json = JSON.parse(a.text);
    } catch {
      problems.push('an error body that is not JSON');
    }
    if (json !== undefined && (typeof json !== 'object' || json === null || typeof json.detail !== 'string')) problems.push('an error body without a string detail');
    if (json?.errors !== undefined) {
      const ok = a.status === 422 && Array.isArray(json.errors) && json.errors.every((e: any) => typeof e?.path === 'string' && typeof e?.message === 'string');
      if (!ok) problems.push('errors[] not [{path, message}] on a 422');
    }
  }
  for (const leak of LEAKS) if (leak.test(a.text)) problems.push(`a body matching ${leak}`);
  if (c.expect === 'refuse' && a.status < 400) problems.push(`accepted (${a.status}) though malformed: a validation gap`);
  if (c.label === 'body: read-only fields' && a.status < 300 && a.text) {
    const json = JSON.parse(a.text);
    for (const [k, v] of Object.entries(READ_ONLY)) {
      // a lifecycle action sets the status itself
      if (k === 'status' && lifecycleAction(c.op)) continue;
      if (json && json[k] === v) problems.push(`the read-only field ${k} was set`);
    }
  }
  return problems;
}

const TABLES = (
  await t.rows<{ name: string }>(
    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '__drizzle%' AND name NOT LIKE '\\_cf\\_%' ESCAPE '\\' ORDER BY name",
  )
).map((r) => r.name);

/** Every table's rows, hashed: a refused request must leave each one exactly as it was. */
async function digest(): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const name of TABLES) {
    const rows = (await t.rows(`SELECT * FROM "${name}"`)).map((r) => JSON.stringify(r)).sort();
    out[name] = `${rows.length} rows ${createHash('sha256').update(rows.join('\n')).digest('hex').slice(0, 12)}`;
  }
  return out;
}

// one column per table (D1 takes few terms in a compound SELECT, so not a UNION ALL of them)
const COUNTS = `SELECT ${TABLES.map((name) => `(SELECT count(*) FROM "${name}") AS "${name}"`).join(', ')}`;
/** Every table's row count, in one read: cheap enough to take around each request. */
async function rowCounts(): Promise<Record<string, number>> {
  return (await t.row<Record<string, number>>(COUNTS))!;
}

const CASES = OPERATIONS.map((op) => ({ op, cases: casesFor(op) }));
let before: Record<string, string>;

/** A lifecycle action on the shared appointment (`confirm`, `cancel`, …), to run on a fresh one instead. */
const lifecycleAction = (op: Operation) => /\/appointments\/\{id\}\/([a-z-]+)$/.exec(op.path)?.[1];

function runAll(op: Operation, cases: Case[], fresh = false) {
  return async () => {
    const problems: string[] = [];
    const action = fresh && op.method === 'POST' ? lifecycleAction(op) : undefined;
    for (let c of cases) {
      if (action && c.url.includes(appointment.id)) c = { ...c, url: c.url.replace(appointment.id, await freshAppointment(action)) };
      // odd input may be taken, but when it is refused nothing may be half-written (rows counted here;
      // the refused batch above compares every row)
      const countsBefore = fresh ? await rowCounts() : undefined;
      const answer = await send(c);
      const found = problemsOf(c, answer);
      if (countsBefore && answer.status >= 400) {
        const after = await rowCounts();
        const changed = Object.keys(after).filter((table) => after[table] !== countsBefore[table]);
        if (changed.length) found.push(`refused, yet it added or removed rows of ${changed.join(', ')}`);
      }
      if (found.length) problems.push(`${found.join('; ')}\n  ${describeCase(c, answer)}`);
    }
    expect(problems.length, `${op.method} ${op.path}: ${problems.length} of ${cases.length} requests answered wrongly\n\n${problems.slice(0, 15).join('\n\n')}`).toBe(0);
  };
}

describe('malformed input over every operation of /openapi.json', () => {
  it('the document lists the operations and each gets malformed requests', async () => {
    expect(OPERATIONS.length).toBeGreaterThanOrEqual(60);
    for (const { op, cases } of CASES) expect(cases.length, `${op.method} ${op.path}`).toBeGreaterThan(0);
    before = await digest();
  });

  describe('must be refused with a 4xx {detail}, never a 5xx or a leak', () => {
    for (const { op, cases } of CASES) {
      const refuse = cases.filter((c) => c.expect === 'refuse');
      if (refuse.length) it(`${op.method} ${op.path} (${refuse.length} requests)`, runAll(op, refuse));
    }
  });

  it('the refused requests changed nothing in the database', async () => {
    expect(await digest()).toEqual(before);
  });

  describe('odd but legal input is never a 5xx or a leak', () => {
    for (const { op, cases } of CASES) {
      const any = cases.filter((c) => c.expect === 'any');
      if (any.length) it(`${op.method} ${op.path} (${any.length} requests)`, runAll(op, any, true));
    }
  });
});
