/**
 * Idempotency-Key across a crash, with the real server as a child process: bookings with keys are in
 * flight from ten clients when the server is killed with SIGKILL. On the database file left behind, a
 * booking and its stored response exist together or not at all; after a restart, every key either
 * replays its booking, answers that its first request never finished, or books.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { createClinic } from '../helpers/clinic';
import { startServerProcess, type ServerProcess } from '../helpers/server-process';
import { killChildren } from '../helpers/spawn';

const KEY = 'agd_idempotency_crash_key_0123456789ab';
const CLIENTS = 10;
const dir = mkdtempSync(join(tmpdir(), 'agendador-idempotency-e2e-'));

afterAll(async () => {
  await killChildren();
  rmSync(dir, { recursive: true, force: true });
});

describe('Idempotency-Key: a crash mid-booking', () => {
  it('never leaves a booking without its stored response, nor a response without its booking', async () => {
    const dbPath = join(dir, 'crash.db');
    const env = { DATABASE_PATH: dbPath, SEED_DEMO: '0', BOOTSTRAP_API_KEY: KEY };
    const first = await startServerProcess(env, KEY);
    const everyDay = [0, 1, 2, 3, 4, 5, 6].map((d) => [d, '00:00', '23:59'] as [number, string, string]);
    const clinic = await createClinic({ api: first.api, tenant: { readWrite: KEY } }, { patients: CLIENTS, templates: everyDay });

    // client c books its n-th slot with key k<c>-<n>; slots never overlap (47 half hours a day, 00:00–23:30 local)
    const body = (c: number, n: number) => {
      const slot = n * CLIENTS + c;
      const start = Date.parse('2027-03-01T03:00:00Z') + Math.floor(slot / 47) * 86_400_000 + (slot % 47) * 30 * 60_000;
      return clinic.booking(new Date(start).toISOString(), new Date(start + 30 * 60_000).toISOString(), { patient_id: clinic.patients[c]!.id });
    };
    const sent: Array<{ key: string; body: Record<string, unknown> }> = [];
    const answered = new Map<string, string>();
    let killed = false;
    const client = async (c: number) => {
      for (let n = 0; !killed; n++) {
        const key = `k${c}-${n}`;
        sent.push({ key, body: body(c, n) });
        try {
          const res = await first.api('POST', '/appointments', body(c, n), { headers: { 'idempotency-key': key } });
          expect(res.status, JSON.stringify(res.body)).toBe(201);
          answered.set(key, res.body.id);
        } catch (err) {
          if (!killed) throw err;
        }
      }
    };
    const clients = Array.from({ length: CLIENTS }, (_, c) => client(c));
    while (answered.size < 200) await new Promise((r) => setTimeout(r, 5));
    const exited = new Promise((resolve) => first.child.once('exit', resolve));
    first.child.kill('SIGKILL');
    killed = true;
    await exited;
    await Promise.all(clients);

    const db = new Database(dbPath, { readonly: true, fileMustExist: true });
    const booked = new Set((db.prepare('SELECT id FROM appointments').all() as Array<{ id: string }>).map((r) => r.id));
    const keys = db.prepare('SELECT key, status_code, response_body FROM idempotency_keys').all() as Array<{
      key: string;
      status_code: number | null;
      response_body: string | null;
    }>;
    db.close();
    const stored = new Map<string, string>();
    for (const k of keys) {
      if (k.status_code === null) continue;
      expect(k.status_code).toBe(201);
      stored.set(k.key, JSON.parse(k.response_body!).id);
    }
    // every booking has its stored response, every stored response its booking
    expect([...stored.values()].sort()).toEqual([...booked].sort());
    // every answer the clients got is among them
    for (const [key, id] of answered) expect(stored.get(key), key).toBe(id);

    // after a restart, each key sent replays, says its first request never finished, or books now
    const second = await startServerProcess(env, KEY);
    const unfinished = new Set(keys.filter((k) => k.status_code === null).map((k) => k.key));
    for (const { key, body: b } of sent) {
      const res = await second.api('POST', '/appointments', b, { headers: { 'idempotency-key': key } });
      if (stored.has(key)) {
        expect(res.status).toBe(201);
        expect(res.headers.get('idempotent-replayed')).toBe('true');
        expect(res.body.id).toBe(stored.get(key));
      } else if (unfinished.has(key)) {
        expect(res.status).toBe(409);
        expect(res.body.detail).toMatch(/still in progress/);
      } else {
        expect(res.status, JSON.stringify(res.body)).toBe(201);
        expect(res.headers.get('idempotent-replayed')).toBeNull();
      }
    }
    await second.stop();
  }, 60_000);
});
