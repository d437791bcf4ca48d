/**
 * Issue #4's figures, all in one run:
 * - bookings/s over HTTP to distinct free slots with 10 connections, against Hono's hello world req/s
 *   (each in its own process on this machine; goal ≥ 0.4×), and against two more baselines fed the
 *   same kind of bodies: the least a durable booking can be (one row inserted each, no rule checked)
 *   and the least a guarded one can be (one overlap guard, a history and an outbox row, group commit);
 * - p50/p99 latency of 40-way races for one slot (many rounds), each round's winners counted;
 * - double bookings found in the database afterwards (must be 0).
 */
import { randomUUID } from 'node:crypto';
import autocannon from 'autocannon';
import Database from 'better-sqlite3';
import { load } from './lib/load';
import { startServer, type RunningServer } from './lib/server';

const KEY = 'agd_bench_bootstrap_key_0123456789abcdef';
const PROVIDERS = 12;
const DAYS = 60;
const SLOT_MINUTES = 30;
const SLOTS_PER_DAY = 47; // 00:00–23:30, a template may end at 23:59 at the latest

async function call(server: RunningServer, method: string, path: string, body?: unknown) {
  const res = await fetch(`${server.url}/v1/scheduling${path}`, {
    method,
    headers: { 'x-api-key': KEY, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = (await res.json().catch(() => null)) as any;
  if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}

async function setUpClinic(server: RunningServer) {
  const location = await call(server, 'POST', '/locations', { name: 'Bench', timezone: 'America/Sao_Paulo' });
  const type = await call(server, 'POST', '/appointment-types', { name: 'Consulta', duration_minutes: SLOT_MINUTES });
  const providers: string[] = [];
  const patients: string[] = [];
  for (let i = 0; i < PROVIDERS; i++) {
    const p = await call(server, 'POST', '/providers', { doctor_id: randomUUID(), name: `Dr. ${i}`, primary_location_id: location.id });
    for (let d = 0; d < 7; d++) {
      await call(server, 'POST', `/providers/${p.id}/templates`, { day_of_week: d, start_time: '00:00', end_time: '23:59', location_id: location.id });
    }
    providers.push(p.id);
    patients.push((await call(server, 'POST', '/patients', { name: `Paciente ${i}`, phone: `+55319${String(80000000 + i)}` })).id);
  }
  const racers: string[] = [];
  for (let i = 0; i < 40; i++) {
    racers.push((await call(server, 'POST', '/patients', { name: `Corredor ${i}`, phone: `+55319${String(70000000 + i)}` })).id);
  }
  return { location: location.id, type: type.id, providers, patients, racers };
}

/** The n-th distinct slot: provider n mod P, then consecutive half hours from 2027-01-04 São Paulo. */
function slotStart(n: number): { provider: number; start: Date } {
  const provider = n % PROVIDERS;
  const k = Math.floor(n / PROVIDERS);
  const day = Math.floor(k / SLOTS_PER_DAY);
  if (day >= DAYS) throw new Error('out of free slots');
  const minutes = (k % SLOTS_PER_DAY) * SLOT_MINUTES;
  return { provider, start: new Date(Date.parse('2027-01-04T03:00:00Z') + day * 86_400_000 + minutes * 60_000) };
}

function ratio(a: number, b: number): number {
  return Math.round((a / b) * 1000) / 1000;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/**
 * POSTs a fresh JSON body per request over 10 connections: a second first (as hello world gets a
 * second of requests, so V8 optimises both before they count), then `seconds` measured, with the
 * server's CPU per successful request.
 */
async function postLoad(server: RunningServer, path: string, headers: Record<string, string>, body: () => string, seconds: number) {
  const post = (duration: number) =>
    autocannon({
      url: `${server.url}${path}`,
      connections: 10,
      duration,
      requests: [
        {
          method: 'POST',
          headers: { ...headers, 'content-type': 'application/json' },
          setupRequest: (req) => ({ ...req, body: body() }),
        },
      ],
    });
  await post(1);
  const cpuBefore = server.cpuMs();
  const result = await post(seconds);
  return { result, cpuUsPerRequest: ((server.cpuMs() - cpuBefore) * 1000) / Math.max(1, result['2xx']) };
}

/** A baseline server (`script`) fed bookings of consecutive free half hours of one provider. */
async function baseline(script: string, path: string, seconds: number) {
  const server = await startServer({ BOOTSTRAP_API_KEY: KEY }, script);
  try {
    const ids = { provider: randomUUID(), patient: randomUUID(), type: randomUUID(), location: randomUUID() };
    let n = 0;
    const body = () => {
      const start = Date.parse('2027-01-04T03:00:00Z') + n++ * SLOT_MINUTES * 60_000;
      return JSON.stringify({
        provider_profile_id: ids.provider,
        patient_id: ids.patient,
        appointment_type_id: ids.type,
        location_id: ids.location,
        start_time: new Date(start).toISOString(),
        end_time: new Date(start + SLOT_MINUTES * 60_000).toISOString(),
      });
    };
    const { result, cpuUsPerRequest } = await postLoad(server, path, { 'x-api-key': KEY }, body, seconds);
    return { rps: result['2xx'] / seconds, cpuUs: cpuUsPerRequest, non2xx: result.non2xx };
  } finally {
    await server.stop();
  }
}

export async function run(seconds = Number(process.env.BENCH_SECONDS ?? 5)) {
  const hello = await startServer({}, 'bench/lib/hello.ts');
  let helloRps: number;
  let helloCpuUs: number;
  try {
    await load(hello.url, { seconds: 1 });
    const cpuBefore = hello.cpuMs();
    const helloLoad = await load(hello.url, { seconds });
    helloRps = helloLoad.requests_per_sec;
    helloCpuUs = ((hello.cpuMs() - cpuBefore) * 1000) / Math.max(1, helloLoad.requests_per_sec * seconds);
  } finally {
    await hello.stop();
  }

  // the same request bodies posted to the least a durable booking can be (bench/lib/durable-insert.ts)
  // and to the least a guarded one can be (bench/lib/guarded-insert.ts)
  const durable = await baseline('bench/lib/durable-insert.ts', '/appointments', seconds);
  const guarded = await baseline('bench/lib/guarded-insert.ts', '/v1/scheduling/appointments', seconds);

  const server = await startServer({ SEED_DEMO: '0', BOOTSTRAP_API_KEY: KEY });
  try {
    const clinic = await setUpClinic(server);
    const body = (n: number) => {
      const { provider, start } = slotStart(n);
      return JSON.stringify({
        provider_profile_id: clinic.providers[provider],
        patient_id: clinic.patients[provider],
        appointment_type_id: clinic.type,
        location_id: clinic.location,
        start_time: start.toISOString(),
        end_time: new Date(start.getTime() + SLOT_MINUTES * 60_000).toISOString(),
      });
    };
    let next = 0;
    const { result, cpuUsPerRequest: bookingCpuUs } = await postLoad(
      server,
      '/v1/scheduling/appointments',
      { 'x-api-key': KEY },
      () => body(next++),
      seconds,
    );

    // 40-way races: 40 patients, one slot, one provider; many rounds for a latency distribution
    const rounds = 25;
    const latencies: number[] = [];
    const winnersPerRound: number[] = [];
    for (let r = 0; r < rounds; r++) {
      const { start } = slotStart(PROVIDERS * SLOTS_PER_DAY * (DAYS - 1) + r * PROVIDERS);
      const raceBody = (patient: string) =>
        JSON.stringify({
          provider_profile_id: clinic.providers[0],
          patient_id: patient,
          appointment_type_id: clinic.type,
          location_id: clinic.location,
          start_time: start.toISOString(),
          end_time: new Date(start.getTime() + SLOT_MINUTES * 60_000).toISOString(),
        });
      const statuses = await Promise.all(
        clinic.racers.map(async (patient) => {
          const t0 = performance.now();
          const res = await fetch(`${server.url}/v1/scheduling/appointments`, {
            method: 'POST',
            headers: { 'x-api-key': KEY, 'content-type': 'application/json' },
            body: raceBody(patient),
          });
          await res.arrayBuffer();
          latencies.push(performance.now() - t0);
          return res.status;
        }),
      );
      winnersPerRound.push(statuses.filter((s) => s === 201).length);
    }
    latencies.sort((a, b) => a - b);

    const db = new Database(server.databasePath, { readonly: true });
    const doubleBookings = (
      db
        .prepare(
          `SELECT count(*) AS n FROM appointments a JOIN appointments b
             ON a.provider_profile_id = b.provider_profile_id AND a.id < b.id
            AND a.start_time < b.end_time AND b.start_time < a.end_time
          WHERE a.status <> 'cancelled' AND b.status <> 'cancelled'`,
        )
        .get() as { n: number }
    ).n;
    const booked = (db.prepare('SELECT count(*) AS n FROM appointments').get() as { n: number }).n;
    db.close();

    const bookingsPerSec = result['2xx'] / seconds;
    return {
      name: 'booking_throughput_and_race',
      hello_world_rps: Math.round(helloRps),
      bookings_per_sec: Math.round(bookingsPerSec),
      bookings_to_hello_ratio: ratio(bookingsPerSec, helloRps),
      goal_ratio: 0.4,
      // a second baseline: one JSON row inserted per request, no rules (bench/lib/durable-insert.ts)
      durable_insert_rps: Math.round(durable.rps),
      durable_insert_to_hello_ratio: ratio(durable.rps, helloRps),
      bookings_to_durable_insert_ratio: ratio(bookingsPerSec, durable.rps),
      durable_insert_server_cpu_us_per_request: Math.round(durable.cpuUs),
      // a third: one overlap guard, a history and an outbox row, group commit (bench/lib/guarded-insert.ts)
      guarded_insert_rps: Math.round(guarded.rps),
      guarded_insert_to_hello_ratio: ratio(guarded.rps, helloRps),
      bookings_to_guarded_insert_ratio: ratio(bookingsPerSec, guarded.rps),
      guarded_insert_server_cpu_us_per_request: Math.round(guarded.cpuUs),
      guarded_insert_non2xx: guarded.non2xx,
      // the server's own CPU per request (user + system), less distorted by other load than the rates
      hello_server_cpu_us_per_request: Math.round(helloCpuUs),
      booking_server_cpu_us_per_request: Math.round(bookingCpuUs),
      booking_latency_p50_ms: result.latency.p50,
      booking_latency_p99_ms: result.latency.p99,
      booking_non2xx: result.non2xx,
      race_rounds: rounds,
      race_latency_p50_ms: Math.round(percentile(latencies, 50) * 10) / 10,
      race_latency_p99_ms: Math.round(percentile(latencies, 99) * 10) / 10,
      race_winners_per_round: [...new Set(winnersPerRound)],
      appointments_in_db: booked,
      double_bookings: doubleBookings,
    };
  } finally {
    await server.stop();
  }
}
