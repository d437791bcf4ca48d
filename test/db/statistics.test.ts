/**
 * A long-running server keeps the query planner's statistics fresh: tables empty when the file was
 * opened are analysed once they have grown, without a restart.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { keepStatisticsFresh, openSqlite, type SqliteHandle } from '../../src/db/client.sqlite';

let dir: string;
let handle: SqliteHandle;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'agendador-stats-'));
  handle = openSqlite(join(dir, 'stats.db'));
});
afterEach(() => {
  handle.close();
  rmSync(dir, { recursive: true, force: true });
});

const statistics = () => {
  const exists = handle.sqlite.prepare("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'").get();
  return exists ? (handle.sqlite.prepare("SELECT tbl, idx, stat FROM sqlite_stat1 WHERE tbl = 'visits'").all() as Array<{ idx: string }>) : [];
};

it('statistics of a table that grew after the file was opened are gathered while the server runs', async () => {
  handle.sqlite.exec('CREATE TABLE visits (id INTEGER PRIMARY KEY, clinic TEXT NOT NULL, day TEXT NOT NULL)');
  handle.sqlite.exec('CREATE INDEX visits_clinic ON visits (clinic, day)');
  const insert = handle.sqlite.prepare('INSERT INTO visits (clinic, day) VALUES (?, ?)');
  handle.sqlite.transaction(() => {
    for (let i = 0; i < 5_000; i++) insert.run(`c${i % 7}`, `d${i % 90}`);
  })();
  handle.sqlite.prepare('SELECT count(*) FROM visits WHERE clinic = ?').get('c1');
  expect(statistics()).toEqual([]);

  const stop = keepStatisticsFresh(handle.sqlite, 10);
  try {
    const deadline = Date.now() + 5_000;
    while (statistics().length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
  } finally {
    stop();
  }
  expect(statistics().map((s) => s.idx)).toEqual(['visits_clinic']);
});
