/**
 * Issue #7's figures, in one run:
 * - full conversation turns per second in process (the runtime over the core and a real SQLite file:
 *   claim, restore the snapshot, the language layer, slot search, persist), 10 conversations at a time;
 *   goal ≥ 1,000;
 * - the same turns over HTTP against the real server, beside GET /health on it (req/s ratio).
 * Each conversation cycles through a greeting, a booking request that searches slots, a pick and a
 * "não" back to the options, so nothing is booked and every cycle does the same work.
 * - the p50 of a turn whose message is as long as a message may be (MAX_MESSAGE_CHARS, a booking request
 *   with days, parts of the day and a question repeated), a fresh conversation each time: what one patient
 *   pasting a long text costs everyone else on the server.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { createConversationRuntime, MAX_MESSAGE_CHARS } from '../machines/runtime/run-turn';
import { buildCore } from '../src/core';
import { fixedClock, randomIds } from '../src/core/clock';
import { migrateSqlite, openSqlite } from '../src/db/client.sqlite';
import { createRepositories } from '../src/db/repos';
import { seedDemoClinic } from '../src/demo-seed';
import { load } from './lib/load';
import { startServer } from './lib/server';

const CYCLE = ['oi', 'quero marcar dermato semana que vem a tarde', '1', 'não'];
const LONG_UNIT = 'não posso segunda, só terça de manhã com a dra ana, quanto custa? ';
const LONG_MESSAGE = LONG_UNIT.repeat(Math.floor(MAX_MESSAGE_CHARS / LONG_UNIT.length));
const CONVERSATIONS = 10;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function inProcess(seconds: number) {
  const dir = mkdtempSync(join(tmpdir(), 'agendador-bench-chat-'));
  const handle = openSqlite(join(dir, 'bench.db'));
  try {
    migrateSqlite(handle);
    const repos = createRepositories(handle.db);
    const clock = fixedClock('2026-11-25T12:00:00.000Z');
    const core = buildCore(repos, clock, randomIds);
    const { tenantId } = await seedDemoClinic(core);
    const patients = (await core.patients.list(tenantId, { includeInactive: false }, { limit: 200 })).items;
    const runtime = createConversationRuntime({ core, store: repos.conversations, clock, ids: randomIds, timeoutMinutes: 30 });
    const channels = ['whatsapp', 'sms'] as const;
    const latencies: number[] = [];
    let turns = 0;
    const run = async (lane: number, until: number) => {
      const patientId = patients[lane % patients.length]!.id;
      const channel = channels[Math.floor(lane / patients.length) % channels.length]!;
      for (let i = 0; performance.now() < until; i++) {
        const t0 = performance.now();
        await runtime.handle(tenantId, { patientId, channel, message: CYCLE[i % CYCLE.length]! });
        latencies.push(performance.now() - t0);
        turns++;
      }
    };
    await Promise.all(Array.from({ length: CONVERSATIONS }, (_, lane) => run(lane, performance.now() + 1000))); // warm-up
    latencies.length = 0;
    turns = 0;
    const started = performance.now();
    await Promise.all(Array.from({ length: CONVERSATIONS }, (_, lane) => run(lane, started + seconds * 1000)));
    const elapsed = (performance.now() - started) / 1000;
    latencies.sort((a, b) => a - b);
    const long: number[] = [];
    for (let i = 0; i < 7; i++) {
      const patientId = patients[i % patients.length]!.id;
      const t0 = performance.now();
      await runtime.handle(tenantId, { patientId, channel: 'web', message: LONG_MESSAGE });
      long.push(performance.now() - t0);
      await runtime.reset(tenantId, patientId, 'web');
    }
    long.sort((a, b) => a - b);
    return {
      turns_per_sec: Math.round(turns / elapsed),
      turn_p50_ms: Math.round(percentile(latencies, 50) * 100) / 100,
      turn_p99_ms: Math.round(percentile(latencies, 99) * 100) / 100,
      long_message_chars: LONG_MESSAGE.length,
      long_message_turn_p50_ms: Math.round(percentile(long, 50) * 10) / 10,
    };
  } finally {
    handle.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function overHttp(seconds: number) {
  const server = await startServer();
  try {
    if (!server.apiKey) throw new Error('the server printed no demo API key');
    const headers = { 'x-api-key': server.apiKey, 'content-type': 'application/json' };
    const patients = ((await (await fetch(`${server.url}/v1/scheduling/patients`, { headers })).json()) as { data: Array<{ id: string }> }).data;
    await load(`${server.url}/health`, { seconds: 1 });
    const health = await load(`${server.url}/health`, { seconds });
    const step = new Map<number, number>();
    let next = 0;
    const result = await autocannon({
      url: `${server.url}/v1/scheduling/conversation`,
      connections: CONVERSATIONS,
      duration: seconds,
      requests: [
        {
          method: 'POST',
          headers,
          setupRequest: (req) => {
            // one conversation per connection's turn in rotation: patient × channel
            const lane = next++ % (patients.length * 2);
            const i = step.get(lane) ?? 0;
            step.set(lane, i + 1);
            const body = { patient_id: patients[lane % patients.length]!.id, channel: lane < patients.length ? 'whatsapp' : 'sms', message: CYCLE[i % CYCLE.length] };
            return { ...req, body: JSON.stringify(body) };
          },
        },
      ],
    });
    const turnsPerSec = result.requests.average;
    return {
      health_rps: health.requests_per_sec,
      http_turns_per_sec: Math.round(turnsPerSec),
      http_turns_to_health_ratio: Math.round((turnsPerSec / health.requests_per_sec) * 1000) / 1000,
      http_turn_p50_ms: result.latency.p50,
      http_turn_p99_ms: result.latency.p99,
      http_non2xx: result.non2xx,
    };
  } finally {
    await server.stop();
  }
}

export async function run(seconds = Number(process.env.BENCH_SECONDS ?? 5)) {
  const local = await inProcess(seconds);
  const http = await overHttp(seconds);
  return { name: 'conversation_turns', goal_turns_per_sec: 1000, ...local, ...http };
}
