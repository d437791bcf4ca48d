/**
 * At-least-once across crashes, with the real server as a child process: events written while the
 * receiver is down, attempts in flight when the server is killed with SIGKILL, and a restart on the
 * same database file that delivers every event.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { createClinic } from '../helpers/clinic';
import { startServerProcess, type ServerProcess } from '../helpers/server-process';
import { killChildren } from '../helpers/spawn';
import { startReceiver, until, verify, type Receiver } from '../helpers/webhooks';

const KEY = 'agd_durability_bootstrap_key_0123456789';
const dir = mkdtempSync(join(tmpdir(), 'agendador-webhooks-e2e-'));
const receivers: Receiver[] = [];

afterAll(async () => {
  await killChildren();
  for (const r of receivers) await r.close();
  rmSync(dir, { recursive: true, force: true });
});

async function kill(server: ServerProcess): Promise<void> {
  const exited = new Promise((resolve) => server.child.once('exit', resolve));
  server.child.kill('SIGKILL');
  await exited;
}

describe('webhooks: durability', () => {
  it('nothing is lost when the receiver is down and the server is killed mid-delivery', async () => {
    const dbPath = join(dir, 'durable.db');
    const env = {
      DATABASE_PATH: dbPath,
      SEED_DEMO: '0',
      BOOTSTRAP_API_KEY: KEY,
      WEBHOOK_ALLOW_PRIVATE_URLS: '1',
      WEBHOOK_RETRY_SCHEDULE: Array(40).fill('0.2').join(','),
      WEBHOOK_TIMEOUT_SECONDS: '1',
      WEBHOOK_POLL_INTERVAL_MS: '50',
    };
    // the receiver's port, with nothing listening on it for now
    const probe = await startReceiver();
    const port = probe.port;
    await probe.close();

    const first = await startServerProcess(env, KEY);
    const clinic = await createClinic({ api: first.api, tenant: { readWrite: KEY } }, { patients: 8, templates: [[2, '06:00', '20:00']] });
    const sub = await first.api('POST', '/webhooks', { url: `http://127.0.0.1:${port}/hooks`, events: ['*'] });
    expect(sub.status).toBe(201);
    const secret: string = sub.body.secret;

    const slot = (i: number) => {
      const start = new Date(Date.parse('2027-03-02T12:00:00Z') + i * 30 * 60_000);
      return [start.toISOString(), new Date(start.getTime() + 30 * 60_000).toISOString()] as const;
    };
    const book = async (server: ServerProcess, i: number) => {
      const res = await server.api('POST', '/appointments', clinic.booking(...slot(i), { patient_id: clinic.patients[i]!.id }));
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      return res.body.id as string;
    };

    // 1. the receiver is down: events are written, fanned out, tried and refused
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push(await book(first, i));
    for (const id of ids.slice(0, 3)) expect((await first.api('POST', `/appointments/${id}/confirm`)).status).toBe(200);
    expect((await first.api('POST', `/appointments/${ids[4]}/cancel`, { reason: 'teste' })).status).toBe(200);
    const db = new Database(dbPath, { readonly: true, fileMustExist: true });
    const count = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
    await until(() => count('SELECT count(*) AS n FROM webhook_deliveries WHERE attempt_count >= 1') === 9, 5000, 'refused attempts recorded');
    expect(count("SELECT count(*) AS n FROM webhook_attempts WHERE error = 'connection refused'")).toBeGreaterThanOrEqual(9);

    // 2. a receiver that takes requests and never answers: attempts are in flight when the server dies
    const hanging = await startReceiver(() => 'hang', port);
    receivers.push(hanging);
    await hanging.waitFor(8, 5000);
    ids.push(await book(first, 5));
    ids.push(await book(first, 6));
    await kill(first);
    await hanging.close();
    const inFlight = count('SELECT count(*) AS n FROM webhook_deliveries WHERE lease IS NOT NULL');
    expect(inFlight).toBeGreaterThan(0);
    expect(count("SELECT count(*) AS n FROM webhook_deliveries WHERE status = 'succeeded'")).toBe(0);

    // 3. the receiver comes back, the server restarts on the same file, and every event arrives
    const receiver = await startReceiver(() => ({ status: 200 }), port);
    receivers.push(receiver);
    const second = await startServerProcess(env, KEY);
    const events = db.prepare('SELECT id, event_type, aggregate_id FROM outbox ORDER BY rowid').all() as Array<{ id: string; event_type: string; aggregate_id: string }>;
    expect(events).toHaveLength(11);
    // the two events written last may not have been fanned out before the kill
    await until(() => count("SELECT count(*) AS n FROM webhook_deliveries WHERE status = 'succeeded'") === 11, 15_000, 'every delivery succeeded');
    const deliveries = db.prepare('SELECT id, event_id, body FROM webhook_deliveries').all() as Array<{ id: string; event_id: string; body: string }>;
    expect(deliveries.map((d) => d.event_id).sort()).toEqual(events.map((e) => e.id).sort());

    const got = new Map<string, string>();
    for (const r of receiver.received) {
      verify(secret, r);
      const id = r.headers['webhook-id']!;
      if (got.has(id)) expect(r.body).toBe(got.get(id)); // at least once: a repeat carries the same payload
      got.set(id, r.body);
    }
    for (const d of deliveries) expect(got.get(d.id), `delivery ${d.id}`).toBe(d.body);
    for (const r of hanging.received) expect(r.body).toBe(deliveries.find((d) => d.id === r.headers['webhook-id'])!.body);
    const delivered = [...got.values()].map((b) => JSON.parse(b) as { type: string; data: { appointment: { id: string } } });
    for (const e of events) {
      expect(delivered.some((p) => p.type === e.event_type && p.data.appointment.id === e.aggregate_id), `${e.event_type} ${e.aggregate_id}`).toBe(true);
    }
    db.close();
    await second.stop();
  }, 60_000);
});
