/**
 * runAtomic on SQLite: atomic steps asked for in the same turn of the event loop share one
 * transaction (group commit). Each must still behave as if it had its own: it sees every earlier
 * step's writes, and a step that fails fails alone, leaving nothing of itself and taking nothing of
 * the others with it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSqlite, type SqliteHandle } from '../../src/db/client.sqlite';
import { runAtomic, type AtomicStep } from '../../src/db/atomic';
import { q } from '../../src/db/raw-sql';

let dir: string;
let handle: SqliteHandle;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'agendador-atomic-'));
  handle = openSqlite(join(dir, 'atomic.db'));
  handle.sqlite.exec('CREATE TABLE slots (id TEXT PRIMARY KEY, slot TEXT NOT NULL)');
  handle.sqlite.exec('CREATE TABLE log (id TEXT PRIMARY KEY, slot_id TEXT NOT NULL)');
});
afterEach(() => {
  handle.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A guarded insert (the slot must be free) and a log row guarded on it having happened. */
function book(id: string, slot: string): AtomicStep[] {
  return [
    { run: q`INSERT INTO slots (id, slot) SELECT ${id}, ${slot} WHERE NOT EXISTS (SELECT 1 FROM slots WHERE slot = ${slot})` },
    { run: q`INSERT INTO log (id, slot_id) SELECT ${`log-${id}`}, ${id} WHERE EXISTS (SELECT 1 FROM slots WHERE id = ${id})` },
    { all: q`SELECT count(*) AS n FROM slots` },
  ];
}

function rows(table: string): string[] {
  return (handle.sqlite.prepare(`SELECT id FROM ${table} ORDER BY id`).all() as Array<{ id: string }>).map((r) => r.id);
}

describe('runAtomic on SQLite (group commit)', () => {
  it('steps asked for together run in order, each seeing the writes of those before it', async () => {
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => runAtomic(handle.db, book(`a${i}`, '09:00'))));
    // exactly the first asked for got the slot, and only its guarded log row was written
    expect(results.map((r) => r[0])).toEqual([1, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    expect(results.map((r) => r[1])).toEqual([1, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    expect(results.map((r) => r[2])).toEqual(Array.from({ length: 10 }, () => [{ n: 1 }]));
    expect(rows('slots')).toEqual(['a0']);
    expect(rows('log')).toEqual(['log-a0']);
  });

  it('distinct slots asked for together are all written, and a reader on another connection sees them once answered', async () => {
    const results = await Promise.all(Array.from({ length: 5 }, (_, i) => runAtomic(handle.db, book(`b${i}`, `1${i}:00`))));
    expect(results.map((r) => r[2])).toEqual([1, 2, 3, 4, 5].map((n) => [{ n }]));
    const other = new Database(join(dir, 'atomic.db'), { readonly: true });
    try {
      expect((other.prepare('SELECT count(*) AS n FROM log').get() as { n: number }).n).toBe(5);
    } finally {
      other.close();
    }
  });

  it('a step that fails fails alone: nothing of it is written, the others are', async () => {
    handle.sqlite.exec("INSERT INTO slots (id, slot) VALUES ('taken', '08:00')");
    const failing: AtomicStep[] = [
      { run: q`INSERT INTO slots (id, slot) VALUES ('half', '11:00')` },
      // a primary-key clash: this statement throws after the step's first write
      { run: q`INSERT INTO slots (id, slot) VALUES ('taken', '12:00')` },
    ];
    const settled = await Promise.allSettled([
      runAtomic(handle.db, book('c1', '09:00')),
      runAtomic(handle.db, failing),
      runAtomic(handle.db, book('c2', '09:00')),
      runAtomic(handle.db, book('c3', '10:00')),
    ]);
    expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
    expect((settled[1] as PromiseRejectedResult).reason).toMatchObject({ code: 'SQLITE_CONSTRAINT_PRIMARYKEY' });
    // c2 still lost to c1: the steps after the failure saw the writes before it
    expect(settled.map((s) => (s.status === 'fulfilled' ? s.value[0] : null))).toEqual([1, null, 0, 1]);
    expect(rows('slots')).toEqual(['c1', 'c3', 'taken']);
    expect(rows('log')).toEqual(['log-c1', 'log-c3']);
  });

  it('when another connection holds the write lock past the busy timeout, every step of the group fails and nothing is written', async () => {
    const other = new Database(join(dir, 'atomic.db'));
    handle.sqlite.pragma('busy_timeout = 50');
    try {
      other.exec('BEGIN IMMEDIATE');
      const settled = await Promise.allSettled([runAtomic(handle.db, book('d1', '09:00')), runAtomic(handle.db, book('d2', '10:00'))]);
      expect(settled.map((s) => s.status)).toEqual(['rejected', 'rejected']);
      expect((settled[0] as PromiseRejectedResult).reason).toMatchObject({ code: 'SQLITE_BUSY' });
      other.exec('ROLLBACK');
      expect(rows('slots')).toEqual([]);
      // the lock is back: the next steps go through
      const [later] = await Promise.all([runAtomic(handle.db, book('d3', '09:00')), runAtomic(handle.db, book('d4', '10:00'))]);
      expect(later[0]).toBe(1);
      expect(rows('slots')).toEqual(['d3', 'd4']);
    } finally {
      other.close();
    }
  });

  it('a step asked for while its group is being answered goes into the next group', async () => {
    const chained = runAtomic(handle.db, book('e1', '09:00')).then(() => runAtomic(handle.db, book('e2', '09:00')));
    const [first, second] = await Promise.all([runAtomic(handle.db, book('e0', '10:00')), chained]);
    expect(first[0]).toBe(1);
    expect(second[0]).toBe(0);
    expect(rows('slots')).toEqual(['e0', 'e1']);
  });

  it('a crowd larger than one group is served in order across groups', async () => {
    const results = await Promise.all(Array.from({ length: 150 }, (_, i) => runAtomic(handle.db, book(`f${i}`, `${i % 3}`))));
    expect(results.filter((r) => r[0] === 1)).toHaveLength(3);
    expect(results.slice(0, 3).map((r) => r[0])).toEqual([1, 1, 1]);
    expect(results.map((r) => r[2])).toEqual(results.map((_, i) => [{ n: Math.min(3, i + 1) }]));
    expect(rows('log')).toEqual(['log-f0', 'log-f1', 'log-f2']);
  });
});
