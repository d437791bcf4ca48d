/**
 * Issue #5's figures, all in one run, on one SQLite file built with direct inserts:
 * - GET /slots for one specialty over 50 providers × 30 days with 2,000 booked appointments, in
 *   process (app.request, the whole stack but the socket): p50/p95, goal p95 ≤ 20 ms;
 * - the same over HTTP against the real server (bench/lib/server.ts on the same DATABASE_PATH),
 *   one request at a time, beside GET /health measured the same way (goal p50 ≤ 3×, see below);
 * - the same search after 98,000 more appointments (100k in all: history, other providers, later
 *   dates): goal in-process p50 ≤ 2× the first.
 * Also: the SQL statements one search runs, and the same search asking for the evening (`period=noite`,
 * which no window offers), where more of the month must be computed before the rest can be skipped.
 *
 * "p50 ≤ 3×" is read as: the HTTP p50 of GET /slots at most 3× its in-process p50 (what the socket,
 * the server and the client add); the ratio to GET /health, a request that does no work, is printed
 * beside it.
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

/** Latencies (ms) of `fn`, sequentially, for about `seconds` (at least `min` runs), after a warm-up. */
async function sample(fn: () => Promise<void>, seconds: number, min = 100): Promise<number[]> {
  for (let i = 0; i < 20; i++) await fn();
  const out: number[] = [];
  const until = performance.now() + seconds * 1000;
  while (out.length < min || performance.now() < until) {
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
    statements = 0;
    await inProcess();
    const statementsPerSearch = statements;

    const core = buildCore(createRepositories(handle.db), systemClock, randomIds);
    const coreOnly = await sample(async () => {
      await core.availability.searchSlots(clinic.tenantId, {
        date_from: clinic.dateFrom,
        date_to: clinic.dateTo,
        appointment_type_id: clinic.typeId,
        specialty: 'cardiologia',
        limit: 50,
      });
    }, seconds / 2);
    const small = await sample(inProcess, seconds);
    // The same search asking for the evening, which no window offers: every slot falls short of the
    // preference, the page fills with lower scores, and more weeks must be computed before the rest
    // can be skipped (the appointments are then read a week at a time).
    const evening = async () => {
      const res = await app.request(`${path}&period=noite`, { headers });
      if (res.status !== 200) throw new Error(`GET /slots: ${res.status} ${await res.text()}`);
      await res.arrayBuffer();
    };
    statements = 0;
    await evening();
    const statementsEvening = statements;
    const slow = await sample(evening, seconds / 2);

    // over HTTP: the real server on the same file, one request at a time, alternating with /health
    server = await startServer({ DATABASE_PATH: databasePath, SEED_DEMO: '0' });
    const url = server.url;
    const overHttp = (target: string, h?: Record<string, string>) => async () => {
      const res = await fetch(`${url}${target}`, { headers: h });
      if (res.status !== 200) throw new Error(`${target}: ${res.status}`);
      await res.arrayBuffer();
    };
    const health1 = await sample(overHttp('/health'), seconds / 2);
    const http1 = await sample(overHttp(path, headers), seconds / 2);
    const health2 = await sample(overHttp('/health'), seconds / 2);
    const http2 = await sample(overHttp(path, headers), seconds / 2);
    const health = [...health1, ...health2].sort((a, b) => a - b);
    const http = [...http1, ...http2].sort((a, b) => a - b);
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

    const p = (xs: number[], q: number) => round(percentile(xs, q));
    return {
      name: 'slot_search',
      providers: PROVIDERS,
      days: DAYS,
      booked_in_range: booked,
      sql_statements_per_search: statementsPerSearch,
      core_p50_ms: p(coreOnly, 50),
      in_process_p50_ms: p(small, 50),
      in_process_p95_ms: p(small, 95),
      goal_in_process_p95_ms: 20,
      noite_in_process_p50_ms: p(slow, 50),
      noite_in_process_p95_ms: p(slow, 95),
      noite_sql_statements: statementsEvening,
      http_p50_ms: p(http, 50),
      http_p95_ms: p(http, 95),
      health_http_p50_ms: p(health, 50),
      http_p50_to_in_process_p50: round(percentile(http, 50) / percentile(small, 50)),
      http_p50_to_health_p50: round(percentile(http, 50) / percentile(health, 50)),
      goal_http_p50_ratio: 3,
      appointments_in_db_after: total,
      large_in_process_p50_ms: p(large, 50),
      large_in_process_p95_ms: p(large, 95),
      large_to_small_p50: round(percentile(large, 50) / percentile(small, 50)),
      goal_large_to_small: 2,
      samples: { core: coreOnly.length, in_process: small.length, noite: slow.length, http: http.length, health: health.length, large: large.length },
    };
  } finally {
    if (server) await server.stop();
    handle.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
