/**
 * Issue #8's figures:
 * - throughput: N events put in the outbox at once (one transaction), then the worker (the real one:
 *   HTTP sender, leases, one record step per attempt) drains them to a loopback receiver in another
 *   process; events/s from the first fan-out to the last recorded success (goal ≥ 1,000). Measured for
 *   one subscription (its lane: 8 attempts in flight) and for four subscriptions of the same tenant.
 * - latency: appointments created through the API of the real server at a steady rate while its
 *   worker runs; the delay from the commit to the receiver getting the event, p50/p99. The commit
 *   happens between the request going out and its response coming back, so both bounds are given.
 */
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { buildCore } from '../src/core';
import { randomIds, systemClock } from '../src/core/clock';
import { migrateSqlite, openSqlite } from '../src/db/client.sqlite';
import { createRepositories } from '../src/db/repos';
import { createNodeWebhookWorker } from '../src/webhooks/node-worker';
import { startServer } from './lib/server';

const KEY = 'agd_bench_bootstrap_key_0123456789abcdef';

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}
const round = (ms: number) => Math.round(ms * 100) / 100;

async function startReceiverProcess(): Promise<{ url: string; stop(): Promise<void> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/lib/receiver.ts'], {
    cwd: new URL('..', import.meta.url).pathname,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d) => {
      out += d;
      const m = /listening on (\d+)/.exec(out);
      if (m) resolve(Number(m[1]));
    });
    child.once('exit', (code) => reject(new Error(`receiver exited with ${code}`)));
  });
  return {
    url: `http://127.0.0.1:${port}/hooks`,
    async stop() {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** N outbox events drained to `subscriptions` subscriptions; deliveries/s and events/s. */
async function throughput(events: number, subscriptions: number, receiverUrl: string) {
  const dir = mkdtempSync(join(tmpdir(), 'agendador-bench-webhooks-'));
  const handle = openSqlite(join(dir, 'bench.db'));
  migrateSqlite(handle);
  const repos = createRepositories(handle.db);
  const core = buildCore(repos, systemClock, randomIds, { minNoticeMinutes: 60, allowPrivateWebhookUrls: true });
  const worker = createNodeWebhookWorker(repos.webhookDeliveries, systemClock, randomIds, {
    allowPrivate: true,
    retrySchedule: [1, 1, 1],
    pollIntervalMs: 50,
    onError: (err, where) => console.error(`worker error in ${where}:`, err),
  });
  try {
    const tenant = await core.keys.bootstrap(KEY, 'bench');
    for (let i = 0; i < subscriptions; i++) await core.webhooks.create(tenant!.id, { url: `${receiverUrl}/${i}`, events: ['appointment.*'] });
    const at = new Date().toISOString();
    const insert = handle.sqlite.prepare(
      'INSERT INTO outbox (id, tenant_id, event_type, aggregate_id, payload, created_at) VALUES (?, ?, ?, ?, ?, ?)',
    );
    handle.sqlite.transaction(() => {
      for (let i = 0; i < events; i++) {
        const id = randomUUID();
        const payload = JSON.stringify({ appointment: { id, status: 'requested', version: 1, start_time: at, end_time: at, metadata: {} } });
        insert.run(randomIds.uuid(), tenant!.id, 'appointment.created', id, payload, at);
      }
    })();
    const succeeded = handle.sqlite.prepare("SELECT count(*) AS n FROM webhook_deliveries WHERE tenant_id = ? AND status = 'succeeded'");
    const expected = events * subscriptions;
    const started = performance.now();
    worker.start();
    while ((succeeded.get(tenant!.id) as { n: number }).n < expected) await new Promise((r) => setTimeout(r, 20));
    const seconds = (performance.now() - started) / 1000;
    const failedAttempts = (handle.sqlite.prepare('SELECT count(*) AS n FROM webhook_attempts WHERE status_code IS NULL OR status_code >= 300').get() as { n: number }).n;
    return {
      subscriptions,
      events,
      deliveries: expected,
      seconds: round(seconds),
      events_per_sec: Math.round(events / seconds),
      deliveries_per_sec: Math.round(expected / seconds),
      failed_attempts: failedAttempts,
    };
  } finally {
    await worker.stop();
    handle.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function latency(seconds: number, ratePerSec: number) {
  const arrivals = new Map<string, number>();
  const receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const at = performance.now();
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { data: { appointment: { id: string } } };
      arrivals.set(body.data.appointment.id, at);
      res.writeHead(204);
      res.end();
    });
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
  const receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`;
  const server = await startServer({ SEED_DEMO: '0', BOOTSTRAP_API_KEY: KEY, WEBHOOK_ALLOW_PRIVATE_URLS: '1' });
  const call = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${server.url}/v1/scheduling${path}`, {
      method,
      headers: { 'x-api-key': KEY, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = (await res.json()) as any;
    if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
    return json;
  };
  try {
    const location = await call('POST', '/locations', { name: 'Bench', timezone: 'America/Sao_Paulo' });
    const type = await call('POST', '/appointment-types', { name: 'Consulta', duration_minutes: 30 });
    const providers: string[] = [];
    const patients: string[] = [];
    for (let i = 0; i < 10; i++) {
      const p = await call('POST', '/providers', { doctor_id: randomUUID(), primary_location_id: location.id });
      for (let d = 0; d < 7; d++) {
        await call('POST', `/providers/${p.id}/templates`, { day_of_week: d, start_time: '00:00', end_time: '23:59', location_id: location.id });
      }
      providers.push(p.id);
      patients.push((await call('POST', '/patients', { name: `Paciente ${i}`, phone: `+55319${String(80000000 + i)}` })).id);
    }
    await call('POST', '/webhooks', { url: receiverUrl, events: ['appointment.created'] });

    const total = Math.round(seconds * ratePerSec);
    const sent: Array<{ requested: number; answered: number; id: string }> = [];
    const started = performance.now();
    const inFlight: Promise<void>[] = [];
    for (let n = 0; n < total; n++) {
      const due = started + (n * 1000) / ratePerSec;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      const provider = n % providers.length;
      const k = Math.floor(n / providers.length);
      const start = new Date(Date.parse('2027-01-04T03:00:00Z') + Math.floor(k / 47) * 86_400_000 + (k % 47) * 30 * 60_000);
      const body = {
        provider_profile_id: providers[provider],
        patient_id: patients[provider],
        appointment_type_id: type.id,
        location_id: location.id,
        start_time: start.toISOString(),
        end_time: new Date(start.getTime() + 30 * 60_000).toISOString(),
      };
      inFlight.push(
        (async () => {
          const requested = performance.now();
          const created = await call('POST', '/appointments', body);
          sent.push({ requested, answered: performance.now(), id: created.id });
        })(),
      );
    }
    await Promise.all(inFlight);
    const deadline = performance.now() + 10_000;
    while (arrivals.size < total && performance.now() < deadline) await new Promise((r) => setTimeout(r, 5));
    const fromResponse = sent.map((s) => (arrivals.get(s.id) ?? NaN) - s.answered).sort((a, b) => a - b);
    const fromRequest = sent.map((s) => (arrivals.get(s.id) ?? NaN) - s.requested).sort((a, b) => a - b);
    return {
      rate_per_sec: ratePerSec,
      events: total,
      delivered: sent.filter((s) => arrivals.has(s.id)).length,
      delay_after_response_p50_ms: round(percentile(fromResponse, 50)),
      delay_after_response_p99_ms: round(percentile(fromResponse, 99)),
      delay_after_request_p50_ms: round(percentile(fromRequest, 50)),
      delay_after_request_p99_ms: round(percentile(fromRequest, 99)),
    };
  } finally {
    await server.stop();
    receiver.close();
  }
}

export async function run(seconds = Number(process.env.BENCH_SECONDS ?? 5)) {
  const receiver = await startReceiverProcess();
  try {
    const one = await throughput(10_000, 1, receiver.url);
    const four = await throughput(2_500, 4, receiver.url);
    const steady = await latency(seconds, 50);
    return {
      name: 'webhook_delivery',
      goal_events_per_sec: 1000,
      throughput_one_subscription: one,
      throughput_four_subscriptions: four,
      commit_to_delivery: steady,
    };
  } finally {
    await receiver.stop();
  }
}
