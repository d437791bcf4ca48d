import { mkdirSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
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

/** The database file could not be opened or migrated: `reason` says why, in the operator's terms. */
export class DatabaseOpenError extends Error {
  constructor(
    readonly path: string,
    readonly reason: string,
  ) {
    super(`cannot open the database at ${path} (DATABASE_PATH): ${reason}`);
  }
}

/**
 * Opens and migrates the SQLite file at `path` (DATABASE_PATH) for an entry point (the server, the CLI,
 * the chat); a failure is a DatabaseOpenError that names the path, the setting and why.
 */
export function openDatabase(path: string): SqliteHandle {
  let handle: SqliteHandle | undefined;
  try {
    handle = openSqlite(path);
    migrateSqlite(handle);
    return handle;
  } catch (err) {
    handle?.close();
    let reason = err instanceof Error ? err.message : String(err);
    if (isDirectory(path)) reason = 'it is a directory, not a SQLite file';
    else if ((err as { code?: unknown }).code === 'SQLITE_NOTADB') reason = 'the file is not a SQLite database';
    throw new DatabaseOpenError(path, reason);
  }
}

function isDirectory(path: string): boolean {
  if (path === ':memory:') return false;
  try {
    return statSync(path, { throwIfNoEntry: false })?.isDirectory() ?? false;
  } catch {
    return false; // not reachable (a file on the way, no permission): the open's own error says so
  }
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

/** How often the background thread copies the WAL into the database (checkpointInBackground). */
export const CHECKPOINT_INTERVAL_MS = 100;

/**
 * The WAL size, in pages, at which the server's own connection checkpoints anyway: a fallback for a
 * background thread that has stopped or falls behind (SQLite's default, 1,000 pages, made it do so
 * every few dozen commits).
 */
export const FALLBACK_AUTOCHECKPOINT_PAGES = 10_000;
const SQLITE_DEFAULT_AUTOCHECKPOINT_PAGES = 1_000;

/**
 * Moves WAL checkpoints off the connection that serves requests. SQLite runs one inside the COMMIT that
 * grows the WAL past `wal_autocheckpoint` pages: it copies those pages into the database and syncs both
 * files, a few milliseconds during which every request waits. A thread with its own connection runs
 * them instead (PASSIVE: they neither wait for nor block readers and writers); once it is running, the
 * server's connection keeps its automatic checkpoint only as a fallback, and whenever the thread is gone
 * (stopped, or failed: `onError`), it checkpoints at SQLite's default again. For a file, not `:memory:`.
 * Returns the function that stops the thread, to await before the handle is closed.
 */
export function checkpointInBackground(
  handle: SqliteHandle,
  path: string,
  onError: (err: unknown) => void,
  intervalMs = CHECKPOINT_INTERVAL_MS,
): () => Promise<void> {
  const worker = new Worker(new URL('./wal-checkpoint-worker.mjs', import.meta.url), { workerData: { path, intervalMs } });
  worker.unref();
  worker.once('message', (message) => {
    if (message === 'ready' && handle.sqlite.open) handle.sqlite.pragma(`wal_autocheckpoint = ${FALLBACK_AUTOCHECKPOINT_PAGES}`);
  });
  worker.on('error', onError);
  const exited = new Promise<void>((resolve) =>
    worker.once('exit', () => {
      if (handle.sqlite.open) handle.sqlite.pragma(`wal_autocheckpoint = ${SQLITE_DEFAULT_AUTOCHECKPOINT_PAGES}`);
      resolve();
    }),
  );
  return () => {
    worker.ref(); // until it has closed its connection
    worker.postMessage('stop');
    return exited;
  };
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
