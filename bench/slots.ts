/**
 * Issue #5's figures, all in one run, on one SQLite file built with direct inserts:
 * - GET /slots for one specialty over 50 providers × 30 days with 2,000 booked appointments, in
 *   process (app.request, the whole stack but the socket): p50/p95, goal p95 ≤ 20 ms;
 * - the same over HTTP against the real server (bench/lib/server.ts on the same DATABASE_PATH), one
 *   request at a time, in blocks alternating with GET /health measured the same way: goal HTTP p50 of
 *   the search ≤ 3× the HTTP p50 of /health (`http_p50_to_health_p50`). The server is warmed with a
 *   second of searches first, as the in-process figures come after thousands of runs in this process;
 * - the same search after 98,000 more appointments (100k in all: history, other providers, later
 *   dates): goal p50 ≤ 2× the first.
 *
 * Slot search caches each provider's computed days, tagged with revisions the database bumps with
 * every change (src/core/availability/slot-cache.ts). So each search is measured in three states:
 * - steady: nothing changed since the previous search (the common case: patients search far more
 *   often than anyone books) — the headline figures;
 * - after one booking: an appointment inserted on the best slot of the page (raw SQL from this
 *   process, so over HTTP another process's write) before each timed search, deleted after it and the
 *   cache re-warmed untimed: one provider is read and computed again;
 * - cold: a location updated (raw SQL) before each timed search, which bumps every revision of the
 *   tenant: catalogue, providers, schedules and appointments are all read and computed again, as on a
 *   first search (only the JIT and SQLite's page cache stay warm).
 * Also: the SQL statements one request prepares (steady and cold; the API key lookup is one of them;
 * the cursor secret is read once per server), the same search asking for the evening
 * (`period=noite`, which no window offers: more of the month must be computed and scored), and, when
 * run with `node --expose-gc`, the heap one cached provider-day takes.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp } from '../src/app';
import { buildCore } from '../src/core';
import { randomIds, systemClock } from '../src/core/clock';
import { addDays, dayOfWeek } from '../src/core/time';
import { migrateSqlite, openSqlite, type SqliteHandle } from '../src/db/client.sqlite';
import { createRepositories } from '../src/db/repos';
import { startServer } from './lib/server';

const KEY = 'agd_bench_slots_key_0123456789abcdef';
const PROVIDERS = 50;
const OTHER_PROVIDERS = 50;
const DAYS = 30;
const BOOKED = 2_000;
const TOTAL_APPOINTMENTS = 100_000;
const SLOT_MINUTES = 30;
const ZONES = [
  { name: 'Unidade Paulista', timezone: 'America/Sao_Paulo', offsetHours: -3 },
  { name: 'Unidade Manaus', timezone: 'America/Manaus', offsetHours: -4 },
];
// Monday–Friday 08:00–12:00 and 13:00–18:00, Saturday 08:00–12:00 (local)
const HOURS: Array<[number, string, string]> = [
  ...[1, 2, 3, 4, 5].flatMap((d) => [[d, '08:00', '12:00'] as [number, string, string], [d, '13:00', '18:00'] as [number, string, string]]),
  [6, '08:00', '12:00'],
];

interface Clinic {
  tenantId: string;
  typeId: string;
  locations: Array<{ id: string; offsetHours: number }>;
  cardiologists: Array<{ id: string; location: number }>;
  others: Array<{ id: string; location: number }>;
  patients: string[];
  dateFrom: string;
  dateTo: string;
}

/** A deterministic PRNG, so runs book the same times. */
function prng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

const round = (ms: number) => Math.round(ms * 100) / 100;

async function buildClinic(handle: SqliteHandle): Promise<Clinic> {
  const core = buildCore(createRepositories(handle.db), systemClock, randomIds);
  const tenant = await core.keys.bootstrap(KEY, 'bench');
  if (!tenant) throw new Error('expected an empty database');
  const db = handle.sqlite;
  const now = new Date().toISOString();
  const today = now.slice(0, 10);
  // from the Monday after tomorrow, 30 days
  let dateFrom = addDays(today, 2);
  while (dayOfWeek(dateFrom) !== 1) dateFrom = addDays(dateFrom, 1);
  const clinic: Clinic = {
    tenantId: tenant.id,
    typeId: randomUUID(),
    locations: [],
    cardiologists: [],
    others: [],
    patients: [],
    dateFrom,
    dateTo: addDays(dateFrom, DAYS - 1),
  };

  db.transaction(() => {
    const location = db.prepare(
      `INSERT INTO locations (id, tenant_id, name, address, timezone, travel_minutes, is_active, created_at, updated_at)
       VALUES (?, ?, ?, NULL, ?, '{}', 1, ?, ?)`,
    );
    for (const z of ZONES) {
      const id = randomUUID();
      location.run(id, tenant.id, z.name, z.timezone, now, now);
      clinic.locations.push({ id, offsetHours: z.offsetHours });
    }
    db.prepare(
      `INSERT INTO appointment_types (id, tenant_id, name, duration_minutes, specialty, synonyms, is_active, created_at, updated_at)
       VALUES (?, ?, 'Consulta', ?, 'Cardiologia', '[]', 1, ?, ?)`,
    ).run(clinic.typeId, tenant.id, SLOT_MINUTES, now, now);
    const provider = db.prepare(
      `INSERT INTO providers (id, tenant_id, doctor_id, name, default_appointment_duration_minutes, buffer_between_appointments_minutes,
         max_daily_appointments, max_concurrent_appointments, primary_location_id, specialties, is_accepting_new_patients, metadata,
         is_active, created_at, updated_at)
       VALUES (?, ?, ?, ?, 30, ?, ?, 1, ?, ?, 1, '{}', 1, ?, ?)`,
    );
    const template = db.prepare(
      `INSERT INTO schedule_templates (id, tenant_id, provider_id, day_of_week, start_time, end_time, location_id, slot_interval_minutes,
         effective_from, effective_until, appointment_type_ids, is_active, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, NULL, NULL, NULL, '[]', 1, ?, ?)`,
    );
    const add = (list: Clinic['cardiologists'], i: number, specialties: string[]) => {
      const id = randomUUID();
      const loc = i % ZONES.length;
      provider.run(id, tenant.id, randomUUID(), `Dr(a). ${i}`, i % 5 === 0 ? 10 : 0, i % 7 === 0 ? 12 : null, clinic.locations[loc]!.id,
        JSON.stringify(specialties), now, now);
      for (const [d, s, e] of HOURS) template.run(randomUUID(), tenant.id, id, d, s, e, clinic.locations[loc]!.id, now, now);
      list.push({ id, location: loc });
    };
    for (let i = 0; i < PROVIDERS; i++) add(clinic.cardiologists, i, i % 3 === 0 ? ['Clínica Médica', 'Cardiologia'] : ['Cardiologia']);
    for (let i = 0; i < OTHER_PROVIDERS; i++) add(clinic.others, i, ['Dermatologia']);
    const patient = db.prepare(
      `INSERT INTO patients (id, tenant_id, name, phone, email, birth_date, preferred_channel, is_active, created_at, updated_at)
       VALUES (?, ?, ?, ?, NULL, NULL, 'whatsapp', 1, ?, ?)`,
    );
    for (let i = 0; i < 500; i++) {
      const id = randomUUID();
      patient.run(id, tenant.id, `Paciente ${i}`, `+55119${String(60000000 + i)}`, now, now);
      clinic.patients.push(id);
    }
  }).immediate();
  return clinic;
}

/** Inserts `count` appointments at template times; `pick` chooses provider, day and status. */
function insertAppointments(
  handle: SqliteHandle,
  clinic: Clinic,
  count: number,
  pick: (random: () => number) => { provider: { id: string; location: number }; date: string; status: string },
  seed: number,
): number {
  const random = prng(seed);
  const db = handle.sqlite;
  const insert = db.prepare(
    `INSERT INTO appointments (id, tenant_id, provider_profile_id, patient_id, appointment_type_id, location_id, room_id, start_time,
       end_time, local_date, status, source, notes, internal_notes, external_reference, metadata, version, change_id,
       rescheduled_from_id, rescheduled_to_id, cancellation_reason, cancelled_by, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, NULL, ?, ?, ?, ?, 'bench', NULL, NULL, NULL, '{}', 1, ?, NULL, NULL, NULL, NULL, ?, ?)`,
  );
  const taken = new Set<string>();
  const now = new Date().toISOString();
  let written = 0;
  db.transaction(() => {
    let attempts = 0;
    while (written < count && attempts++ < count * 20) {
      const { provider, date, status } = pick(random);
      const hours = HOURS.filter(([d]) => d === dayOfWeek(date));
      if (hours.length === 0) continue;
      const [, s, e] = hours[Math.floor(random() * hours.length)]!;
      const positions = (minutes(e) - minutes(s)) / SLOT_MINUTES;
      const startMinutes = minutes(s) + Math.floor(random() * positions) * SLOT_MINUTES;
      const key = `${provider.id}|${date}|${startMinutes}`;
      if (taken.has(key)) continue;
      taken.add(key);
      const location = clinic.locations[provider.location]!;
      const start = Date.parse(`${date}T00:00:00Z`) + (startMinutes - location.offsetHours * 60) * 60_000;
      const id = randomUUID();
      insert.run(id, clinic.tenantId, provider.id, clinic.patients[written % clinic.patients.length], clinic.typeId, location.id,
        new Date(start).toISOString(), new Date(start + SLOT_MINUTES * 60_000).toISOString(), date, status, id, now, now);
      written++;
    }
  }).immediate();
  return written;
}

/**
 * Latencies (ms) of `fn`, sequentially, for about `seconds` (at least `min` runs), after `warm`
 * untimed runs; `before` and `after` run untimed around each timed call.
 */
async function sample(
  fn: () => Promise<void>,
  seconds: number,
  { min = 100, warm = 20, before, after }: { min?: number; warm?: number; before?: () => unknown; after?: () => unknown } = {},
): Promise<number[]> {
  for (let i = 0; i < warm; i++) await fn();
  const out: number[] = [];
  const until = performance.now() + seconds * 1000;
  while (out.length < min || performance.now() < until) {
    await before?.();
    const t0 = performance.now();
    await fn();
    out.push(performance.now() - t0);
    await after?.();
  }
  return out.sort((a, b) => a - b);
}

/** Runs `fn` for about `seconds`: its latencies (ms), sorted. */
async function warmFor(fn: () => Promise<void>, seconds: number): Promise<number[]> {
  const out: number[] = [];
  const until = performance.now() + seconds * 1000;
  while (performance.now() < until) {
    const t0 = performance.now();
    await fn();
    out.push(performance.now() - t0);
  }
  return out.sort((a, b) => a - b);
}

export async function run(seconds = Number(process.env.BENCH_SECONDS ?? 5)) {
  const dir = mkdtempSync(join(tmpdir(), 'agendador-bench-slots-'));
  const databasePath = join(dir, 'slots.db');
  const handle = openSqlite(databasePath);
  let server: Awaited<ReturnType<typeof startServer>> | null = null;
  try {
    migrateSqlite(handle);
    const clinic = await buildClinic(handle);
    const inRange = (random: () => number) => ({
      provider: clinic.cardiologists[Math.floor(random() * clinic.cardiologists.length)]!,
      date: addDays(clinic.dateFrom, Math.floor(random() * DAYS)),
      status: random() < 0.5 ? 'requested' : 'confirmed',
    });
    const booked = insertAppointments(handle, clinic, BOOKED, inRange, 1);

    // count the SQL statements one search runs (better-sqlite3 prepares each, cached by text)
    let statements = 0;
    const prepare = handle.sqlite.prepare.bind(handle.sqlite);
    handle.sqlite.prepare = ((source: string) => {
      statements++;
      return prepare(source);
    }) as typeof handle.sqlite.prepare;

    const app = buildApp({ repos: createRepositories(handle.db), clock: systemClock, ids: randomIds, version: 'bench', logLevel: 'silent' });
    const path =
      `/v1/scheduling/slots?date_from=${clinic.dateFrom}&date_to=${clinic.dateTo}` +
      `&appointment_type_id=${clinic.typeId}&specialty=cardiologia`;
    const headers = { 'x-api-key': KEY };
    const inProcess = async () => {
      const res = await app.request(path, { headers });
      if (res.status !== 200) throw new Error(`GET /slots: ${res.status} ${await res.text()}`);
      await res.arrayBuffer();
    };
    const first = (await (await app.request(path, { headers })).json()) as { data: Array<{ score: number }> };
    if (first.data.length !== 50) throw new Error(`expected a full page, got ${first.data.length}`);

    // What makes a search cold, or one provider stale: writes on this connection, untimed.
    const now = () => new Date().toISOString();
    const touchLocation = handle.sqlite.prepare('UPDATE locations SET updated_at = ? WHERE id = ?');
    const invalidateAll = () => touchLocation.run(now(), clinic.locations[0]!.id);
    const bookOne = handle.sqlite.prepare(
      `INSERT INTO appointments (id, tenant_id, provider_profile_id, patient_id, appointment_type_id, location_id, room_id, start_time,
         end_time, local_date, status, source, notes, internal_notes, external_reference, metadata, version, change_id,
         rescheduled_from_id, rescheduled_to_id, cancellation_reason, cancelled_by, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, NULL, ?, ?, ?, 'confirmed', 'bench', NULL, NULL, NULL, '{}', 1, ?, NULL, NULL, NULL, NULL, ?, ?)`,
    );
    const unbook = handle.sqlite.prepare('DELETE FROM appointments WHERE id = ?');
    let lastBooking: string | null = null;
    // the best slot of the page as it is now: its provider is the one a booking makes stale
    type Slot = { provider_id: string; location: { id: string }; date: string; start_at: string; end_at: string };
    let target: Slot | null = null;
    const pickTarget = async (fetchPage: () => Promise<{ data: Slot[] }>) => {
      target = (await fetchPage()).data[0]!;
    };
    const book = () => {
      const slot = target!;
      lastBooking = randomUUID();
      bookOne.run(lastBooking, clinic.tenantId, slot.provider_id, clinic.patients[0], clinic.typeId, slot.location.id, slot.start_at, slot.end_at,
        slot.date, lastBooking, now(), now());
    };
    const unbookAndRewarm = (search: () => Promise<void>) => async () => {
      unbook.run(lastBooking);
      await search();
    };

    statements = 0;
    await inProcess();
    const statementsSteady = statements;
    invalidateAll();
    statements = 0;
    await inProcess();
    const statementsCold = statements;

    const core = buildCore(createRepositories(handle.db), systemClock, randomIds);
    const coreSearch = async () => {
      await core.availability.searchSlots(clinic.tenantId, {
        date_from: clinic.dateFrom,
        date_to: clinic.dateTo,
        appointment_type_id: clinic.typeId,
        specialty: 'cardiologia',
        limit: 50,
      });
    };
    const coreOnly = await sample(coreSearch, seconds / 2);
    const small = await sample(inProcess, seconds);
    const pageInProcess = async () => (await (await app.request(path, { headers })).json()) as { data: Slot[] };
    await pickTarget(pageInProcess);
    const smallBooking = await sample(inProcess, seconds / 2, { before: book, after: unbookAndRewarm(inProcess) });
    const smallCold = await sample(inProcess, seconds / 2, { before: invalidateAll });

    // The same search asking for the evening, which no window offers: every slot falls short of the
    // preference, the page fills with lower scores, and more weeks must be computed (cold) and scored
    // (always) before the rest can be skipped.
    const evening = async () => {
      const res = await app.request(`${path}&period=noite`, { headers });
      if (res.status !== 200) throw new Error(`GET /slots: ${res.status} ${await res.text()}`);
      await res.arrayBuffer();
    };
    invalidateAll();
    statements = 0;
    await evening();
    const statementsEvening = statements;
    const slow = await sample(evening, seconds / 2);
    const slowCold = await sample(evening, seconds / 2, { before: invalidateAll });

    // The heap one cached provider-day takes (with --expose-gc): the whole month for 50 providers,
    // three durations, with and without a preference.
    let bytesPerDay: number | null = null;
    const gc = (globalThis as { gc?: () => void }).gc;
    if (gc) {
      core.availability.clearCache();
      gc();
      gc();
      const heapBefore = process.memoryUsage().heapUsed;
      for (const duration of [30, 45, 60]) {
        for (const period of ['noite', undefined] as const) {
          await core.availability.searchSlots(clinic.tenantId, {
            date_from: clinic.dateFrom,
            date_to: clinic.dateTo,
            appointment_type_id: clinic.typeId,
            specialty: 'cardiologia',
            duration_minutes: duration,
            period,
            limit: 200,
          });
        }
      }
      gc();
      gc();
      bytesPerDay = Math.round((process.memoryUsage().heapUsed - heapBefore) / core.availability.cacheStats().days);
    }

    // over HTTP: the real server on the same file, one request at a time, alternating with /health
    server = await startServer({ DATABASE_PATH: databasePath, SEED_DEMO: '0' });
    const url = server.url;
    const overHttp = (target: string, h?: Record<string, string>) => async () => {
      const res = await fetch(`${url}${target}`, { headers: h });
      if (res.status !== 200) throw new Error(`${target}: ${res.status}`);
      await res.arrayBuffer();
    };
    const search = overHttp(path, headers);
    // a fresh server runs slower until V8 has optimised the search path: its first second is reported
    // apart (http_first_second_p50_ms) and not sampled
    const firstSecond = await warmFor(search, 1);
    await warmFor(overHttp('/health'), 0.5);
    const health1 = await sample(overHttp('/health'), seconds / 2);
    const http1 = await sample(search, seconds / 2);
    const health2 = await sample(overHttp('/health'), seconds / 2);
    const http2 = await sample(search, seconds / 2);
    const health = [...health1, ...health2].sort((a, b) => a - b);
    const http = [...http1, ...http2].sort((a, b) => a - b);
    await pickTarget(async () => (await (await fetch(`${url}${path}`, { headers })).json()) as { data: Slot[] });
    const httpBooking = await sample(search, seconds / 2, { before: book, after: unbookAndRewarm(search) });
    const httpCold = await sample(search, seconds / 2, { before: invalidateAll });
    await server.stop();
    server = null;

    // 98,000 more: history of the same providers, the other specialty in range, later dates
    const history = (random: () => number) => ({
      provider: clinic.cardiologists[Math.floor(random() * clinic.cardiologists.length)]!,
      date: addDays(clinic.dateFrom, -1 - Math.floor(random() * 730)),
      status: ['completed', 'completed', 'completed', 'no_show', 'cancelled'][Math.floor(random() * 5)]!,
    });
    const others = (random: () => number) => ({
      provider: clinic.others[Math.floor(random() * clinic.others.length)]!,
      date: addDays(clinic.dateFrom, Math.floor(random() * DAYS)),
      status: 'confirmed',
    });
    const later = (random: () => number) => ({
      provider: clinic.cardiologists[Math.floor(random() * clinic.cardiologists.length)]!,
      date: addDays(clinic.dateTo, 3 + Math.floor(random() * 365)),
      status: 'requested',
    });
    const extra = TOTAL_APPOINTMENTS - booked;
    insertAppointments(handle, clinic, Math.round(extra * 0.7), history, 2);
    insertAppointments(handle, clinic, Math.round(extra * 0.15), others, 3);
    insertAppointments(handle, clinic, extra - Math.round(extra * 0.7) - Math.round(extra * 0.15), later, 4);
    const total = (handle.sqlite.prepare('SELECT count(*) AS n FROM appointments').get() as { n: number }).n;
    const large = await sample(inProcess, seconds);
    const largeCold = await sample(inProcess, seconds / 2, { before: invalidateAll });

    const p = (xs: number[], q: number) => round(percentile(xs, q));
    const ratio = (a: number[], b: number[]) => round(percentile(a, 50) / percentile(b, 50));
    return {
      name: 'slot_search',
      providers: PROVIDERS,
      days: DAYS,
      booked_in_range: booked,
      sql_statements_per_search: statementsSteady,
      sql_statements_cold: statementsCold,
      core_p50_ms: p(coreOnly, 50),
      in_process_p50_ms: p(small, 50),
      in_process_p95_ms: p(small, 95),
      goal_in_process_p95_ms: 20,
      after_booking_in_process_p50_ms: p(smallBooking, 50),
      after_booking_in_process_p95_ms: p(smallBooking, 95),
      cold_in_process_p50_ms: p(smallCold, 50),
      cold_in_process_p95_ms: p(smallCold, 95),
      noite_in_process_p50_ms: p(slow, 50),
      noite_in_process_p95_ms: p(slow, 95),
      noite_cold_in_process_p50_ms: p(slowCold, 50),
      noite_cold_in_process_p95_ms: p(slowCold, 95),
      noite_sql_statements_cold: statementsEvening,
      health_http_p50_ms: p(health, 50),
      http_p50_ms: p(http, 50),
      http_p95_ms: p(http, 95),
      http_p50_to_health_p50: ratio(http, health),
      goal_http_p50_ratio: 3,
      http_first_second_p50_ms: p(firstSecond, 50),
      after_booking_http_p50_ms: p(httpBooking, 50),
      after_booking_http_p95_ms: p(httpBooking, 95),
      after_booking_http_p50_to_health_p50: ratio(httpBooking, health),
      cold_http_p50_ms: p(httpCold, 50),
      cold_http_p95_ms: p(httpCold, 95),
      cold_http_p50_to_health_p50: ratio(httpCold, health),
      http_p50_to_in_process_p50: ratio(http, small),
      appointments_in_db_after: total,
      large_in_process_p50_ms: p(large, 50),
      large_in_process_p95_ms: p(large, 95),
      large_to_small_p50: ratio(large, small),
      large_cold_in_process_p50_ms: p(largeCold, 50),
      large_cold_to_small_cold_p50: ratio(largeCold, smallCold),
      goal_large_to_small: 2,
      cache_bytes_per_provider_day: bytesPerDay,
      samples: {
        core: coreOnly.length,
        in_process: small.length,
        after_booking: smallBooking.length,
        cold: smallCold.length,
        noite: slow.length,
        noite_cold: slowCold.length,
        http_first_second: firstSecond.length,
        http: http.length,
        health: health.length,
        http_after_booking: httpBooking.length,
        http_cold: httpCold.length,
        large: large.length,
        large_cold: largeCold.length,
      },
    };
  } finally {
    if (server) await server.stop();
    handle.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
