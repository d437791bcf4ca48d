/**
 * A second baseline for the booking figure: the least a durable booking over HTTP can cost on this
 * stack. Hono on @hono/node-server reads the JSON body and inserts it as one row, in its own
 * transaction, into a SQLite file with the pragmas the real server uses (WAL, synchronous NORMAL),
 * then answers 201 with the row. No rules, no lookups, no history, no events.
 */
import { serve } from '@hono/node-server';
import Database from 'better-sqlite3';
import { Hono } from 'hono';
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';

const db = new Database(process.env.DATABASE_PATH ?? ':memory:');
db.pragma('journal_mode = WAL');
db.pragma('synchronous = NORMAL');
db.exec(`CREATE TABLE IF NOT EXISTS bookings (id TEXT PRIMARY KEY, provider_id TEXT NOT NULL, patient_id TEXT NOT NULL,
  start_time TEXT NOT NULL, end_time TEXT NOT NULL, created_at TEXT NOT NULL)`);
const insert = db.prepare('INSERT INTO bookings VALUES (?, ?, ?, ?, ?, ?)');

const app = new Hono();
// the bench waits for a 200 here before it starts
app.get('/', (c) => c.text('ok'));
app.post('/appointments', async (c) => {
  const body = await c.req.json<Record<string, string>>();
  const row = {
    id: randomUUID(),
    provider_id: body.provider_profile_id!,
    patient_id: body.patient_id!,
    start_time: body.start_time!,
    end_time: body.end_time!,
    created_at: new Date().toISOString(),
  };
  insert.run(row.id, row.provider_id, row.patient_id, row.start_time, row.end_time, row.created_at);
  return c.json(row, 201);
});
serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) => {
  console.log(`listening on http://127.0.0.1:${info.port}`);
});
