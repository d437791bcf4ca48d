/**
 * WAL checkpoints run on a thread of their own (checkpointInBackground), not inside the COMMIT of a
 * request: the serving connection's automatic checkpoint is pushed back to a fallback, and the thread
 * copies the WAL into the database file while the connection keeps writing.
 */
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { checkpointInBackground, FALLBACK_AUTOCHECKPOINT_PAGES, openSqlite, type SqliteHandle } from '../../src/db/client.sqlite';

let dir: string;
let path: string;
let handle: SqliteHandle;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'agendador-wal-'));
  path = join(dir, 'wal.db');
  handle = openSqlite(path);
  handle.sqlite.exec('CREATE TABLE notes (id INTEGER PRIMARY KEY, body BLOB NOT NULL)');
});
afterEach(() => {
  if (handle.sqlite.open) handle.close();
  rmSync(dir, { recursive: true, force: true });
});

const autocheckpoint = () => handle.sqlite.pragma('wal_autocheckpoint', { simple: true });
const databaseBytes = () => statSync(path).size;

async function until(condition: () => boolean) {
  const deadline = Date.now() + 5_000;
  while (!condition() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
  expect(condition()).toBe(true);
}

/** ~3 MB in 100 commits: some 750 pages, fewer than the fallback, more than SQLite's default */
function writeThreeMegabytes() {
  const insert = handle.sqlite.prepare('INSERT INTO notes (body) VALUES (?)');
  for (let i = 0; i < 100; i++) insert.run(Buffer.alloc(30_000, i));
}

it('the serving connection leaves checkpoints to the thread, which copies the WAL into the database', async () => {
  const errors: unknown[] = [];
  const stop = checkpointInBackground(handle, path, (err) => errors.push(err), 20);
  try {
    await until(() => autocheckpoint() === FALLBACK_AUTOCHECKPOINT_PAGES);
    writeThreeMegabytes();
    await until(() => databaseBytes() >= 3_000_000);
  } finally {
    await stop();
  }
  // stopped: the connection checkpoints by itself again, at SQLite's default
  expect(autocheckpoint()).toBe(1_000);
  expect(errors).toEqual([]);
});

it('without the thread, the same writes stay in the WAL until the connection checkpoints by itself', async () => {
  handle.sqlite.pragma(`wal_autocheckpoint = ${FALLBACK_AUTOCHECKPOINT_PAGES}`);
  writeThreeMegabytes();
  await new Promise((r) => setTimeout(r, 200));
  expect(databaseBytes()).toBeLessThan(100_000);
  expect(statSync(`${path}-wal`).size).toBeGreaterThan(3_000_000);
});

it('a thread that cannot open the file reports it, creates nothing, and the connection keeps checkpointing by itself', async () => {
  const missing = join(dir, 'missing.db');
  const errors: unknown[] = [];
  const stop = checkpointInBackground(handle, missing, (err) => errors.push(err));
  await until(() => errors.length > 0);
  await stop();
  expect(String(errors[0])).toMatch(/Cannot open .*missing.db for WAL checkpoints: unable to open database file/);
  expect(existsSync(missing)).toBe(false);
  expect(autocheckpoint()).toBe(1_000);
});
