/**
 * A third baseline for the booking figure: the least a *guarded* booking over HTTP can cost on this
 * stack. Hono on @hono/node-server reads the JSON body, checks the key against one constant and the
 * fields by hand, and writes, as the real server does, in group commit (the steps of one event-loop
 * turn, up to 8, in one transaction, with the pragmas the real server uses): one INSERT … SELECT …
 * WHERE NOT EXISTS (an overlapping active appointment of the provider), a history row and an outbox
 * row. One rule instead of the real eleven, no reference row read, no validation library, no idempotency.
 */
import { serve } from '@hono/node-server';
import Database from 'better-sqlite3';
import { Hono } from 'hono';
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';

const KEY = process.env.BOOTSTRAP_API_KEY ?? 'agd_bench_bootstrap_key_0123456789abcdef';
const db = new Database(process.env.DATABASE_PATH ?? ':memory:');
db.pragma('journal_mode = WAL');
db.pragma('synchronous = NORMAL');
db.exec(`CREATE TABLE IF NOT EXISTS appointments (id TEXT PRIMARY KEY, tenant_id TEXT NOT NULL, provider_id TEXT NOT NULL,
    patient_id TEXT NOT NULL, appointment_type_id TEXT NOT NULL, location_id TEXT NOT NULL, start_time TEXT NOT NULL,
    end_time TEXT NOT NULL, status TEXT NOT NULL, version INTEGER NOT NULL, created_at TEXT NOT NULL);
  CREATE INDEX IF NOT EXISTS appointments_provider_start ON appointments (provider_id, start_time);
  CREATE TABLE IF NOT EXISTS status_history (id TEXT PRIMARY KEY, appointment_id TEXT NOT NULL, to_status TEXT NOT NULL,
    changed_by TEXT NOT NULL, changed_at TEXT NOT NULL);
  CREATE TABLE IF NOT EXISTS outbox (id TEXT PRIMARY KEY, tenant_id TEXT NOT NULL, event_type TEXT NOT NULL,
    aggregate_id TEXT NOT NULL, payload TEXT NOT NULL, created_at TEXT NOT NULL)`);
// appointments last at most a day here, so the overlap search is a short range of the index
const insert = db.prepare(`INSERT INTO appointments SELECT ?, ?, ?, ?, ?, ?, ?, ?, 'requested', 1, ?
  WHERE NOT EXISTS (SELECT 1 FROM appointments e WHERE e.provider_id = ? AND e.start_time > ? AND e.start_time < ?
    AND e.end_time > ? AND e.status IN ('requested', 'confirmed', 'checked_in', 'in_progress'))`);
const history = db.prepare(`INSERT INTO status_history VALUES (?, ?, 'requested', 'api', ?)`);
const outbox = db.prepare(`INSERT INTO outbox VALUES (?, ?, 'appointment.created', ?, ?, ?)`);

type Row = Record<'id' | 'tenant_id' | 'provider_id' | 'patient_id' | 'appointment_type_id' | 'location_id' | 'start_time' | 'end_time' | 'created_at', string>;

function book(row: Row): boolean {
  const dayBefore = new Date(Date.parse(row.start_time) - 86_400_000).toISOString();
  const inserted = insert.run(row.id, row.tenant_id, row.provider_id, row.patient_id, row.appointment_type_id, row.location_id,
    row.start_time, row.end_time, row.created_at, row.provider_id, dayBefore, row.end_time, row.start_time);
  if (inserted.changes === 0) return false;
  history.run(randomUUID(), row.id, row.created_at);
  outbox.run(randomUUID(), row.tenant_id, row.id, JSON.stringify(row), row.created_at);
  return true;
}

const queue: Array<{ row: Row; done: (booked: boolean) => void }> = [];
const bookAll = db.transaction((items: typeof queue) => items.map((item) => book(item.row)));
function flush() {
  const items = queue.splice(0);
  bookAll(items).forEach((booked, i) => items[i]!.done(booked));
}
function bookInGroup(row: Row): Promise<boolean> {
  return new Promise((done) => {
    queue.push({ row, done });
    if (queue.length >= 8) flush();
    else if (queue.length === 1) setImmediate(flush);
  });
}

const RFC3339 = /^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:\d\d)$/;
const ID_FIELDS = ['provider_profile_id', 'patient_id', 'appointment_type_id', 'location_id'] as const;

const app = new Hono();
// the bench waits for a 200 here before it starts
app.get('/', (c) => c.text('ok'));
app.post('/v1/scheduling/appointments', async (c) => {
  if (c.req.header('x-api-key') !== KEY) return c.json({ detail: 'Invalid API key' }, 401);
  const body = await c.req.json<Record<string, unknown>>().catch(() => null);
  if (!body || ID_FIELDS.some((f) => typeof body[f] !== 'string')) return c.json({ detail: 'Invalid body' }, 422);
  const { start_time: start, end_time: end } = body;
  if (typeof start !== 'string' || typeof end !== 'string' || !RFC3339.test(start) || !RFC3339.test(end)) {
    return c.json({ detail: 'Invalid time' }, 422);
  }
  const row: Row = {
    id: randomUUID(),
    tenant_id: 'bench',
    provider_id: body.provider_profile_id as string,
    patient_id: body.patient_id as string,
    appointment_type_id: body.appointment_type_id as string,
    location_id: body.location_id as string,
    start_time: new Date(start).toISOString(),
    end_time: new Date(end).toISOString(),
    created_at: new Date().toISOString(),
  };
  if (!(await bookInGroup(row))) return c.json({ detail: 'Double booking' }, 409);
  return c.json({ ...row, status: 'requested', version: 1 }, 201);
});
serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) => {
  console.log(`listening on http://127.0.0.1:${info.port}`);
});
