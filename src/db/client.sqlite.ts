import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import * as schema from './schema';
import type { AppDatabase } from './database';

export const MIGRATIONS_FOLDER = fileURLToPath(new URL('./migrations', import.meta.url));

export interface SqliteHandle {
  db: AppDatabase;
  sqlite: Database.Database;
  close(): void;
}

/** Opens (creating if needed) a SQLite file with WAL, foreign keys and a busy timeout. */
export function openSqlite(path: string): SqliteHandle {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const sqlite = new Database(path);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  // Statement journals (each write inside a transaction keeps one, to undo just that statement) stay
  // in memory: by default one over 64 KiB spills to a temporary file, which a booking's guarded insert
  // did on every commit (open, write, close).
  sqlite.pragma('temp_store = MEMORY');
  // Let the query planner gather statistics it lacks (SQLite's advice for long-lived connections).
  sqlite.pragma('optimize = 0x10002');
  cacheStatements(sqlite);
  const db = drizzle(sqlite, { schema });
  return { db, sqlite, close: () => sqlite.close() };
}

/** How often a long-running server refreshes the query planner's statistics. */
export const OPTIMIZE_INTERVAL_MS = 60 * 60 * 1000;

/**
 * Runs `PRAGMA optimize` every `intervalMs`, as SQLite advises for long-lived connections: the planner's
 * statistics are gathered at open (openSqlite), when tables may still be empty, and a server may run for
 * months. It analyses only tables this connection has queried whose size has changed a lot, under
 * SQLite's own analysis limit, so a run costs milliseconds. Returns the function that stops it.
 */
export function keepStatisticsFresh(sqlite: Database.Database, intervalMs = OPTIMIZE_INTERVAL_MS): () => void {
  const timer = setInterval(() => {
    try {
      sqlite.pragma('optimize');
    } catch {
      // busy or closing: the next run tries again
    }
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}

/**
 * drizzle prepares every query anew, and preparing is most of the cost of a small query. This keeps
 * the last STATEMENT_CACHE_SIZE prepared statements by SQL text (queries bind their values as
 * parameters, so the texts repeat). better-sqlite3 runs one statement at a time, so reuse is safe;
 * the raw (array) mode drizzle may have switched on is switched off again before each reuse.
 */
const STATEMENT_CACHE_SIZE = 500;

function cacheStatements(sqlite: Database.Database): void {
  const prepare = sqlite.prepare.bind(sqlite);
  const cache = new Map<string, Database.Statement>();
  sqlite.prepare = ((source: string) => {
    let statement = cache.get(source);
    if (statement) {
      cache.delete(source);
      if (statement.reader) statement.raw(false);
    } else {
      statement = prepare(source);
      if (cache.size >= STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value!);
    }
    cache.set(source, statement);
    return statement;
  }) as typeof sqlite.prepare;
}

/**
 * Applies the committed drizzle-kit migrations that the file has not seen yet, in drizzle's own
 * bookkeeping table. Unlike drizzle's migrator, the check and the changes run in one IMMEDIATE
 * transaction, so two processes starting on one file cannot both apply a migration.
 */
export function migrateSqlite(handle: SqliteHandle): void {
  const migrations = readMigrationFiles({ migrationsFolder: MIGRATIONS_FOLDER });
  const { sqlite } = handle;
  const apply = sqlite.transaction(() => {
    sqlite.exec(
      'CREATE TABLE IF NOT EXISTS "__drizzle_migrations" (id SERIAL PRIMARY KEY, hash text NOT NULL, created_at numeric)',
    );
    const last = sqlite
      .prepare('SELECT created_at FROM "__drizzle_migrations" ORDER BY created_at DESC LIMIT 1')
      .get() as { created_at: number } | undefined;
    const insert = sqlite.prepare('INSERT INTO "__drizzle_migrations" ("hash", "created_at") VALUES (?, ?)');
    for (const migration of migrations) {
      if (last && Number(last.created_at) >= migration.folderMillis) continue;
      for (const statement of migration.sql) sqlite.exec(statement);
      insert.run(migration.hash, migration.folderMillis);
    }
  });
  apply.immediate();
}
