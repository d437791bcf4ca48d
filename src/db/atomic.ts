/**
 * The one place where a rule check and its write become one step (ARCHITECTURE.md, convention 6).
 *
 * Callers build every statement first — guards expressed in SQL (INSERT … SELECT … WHERE <rules hold>,
 * UPDATE … WHERE status = ? AND version = ?), follow-up writes guarded on the first one having
 * happened (WHERE EXISTS (… change_id = ?)) — and hand them here. On better-sqlite3 they run inside one
 * BEGIN IMMEDIATE transaction, so two processes on one file serialise; on D1 they run as one
 * `batch`, which D1 executes as a single transaction. No in-process lock is involved: the database
 * decides. Each `run` step yields its affected-row count, each `all` step its rows.
 */
import type { SQLWrapper } from 'drizzle-orm';
import type { AppDatabase } from './database';
import { isRawQuery, type RawQuery } from './raw-sql';

type Statement = RawQuery | SQLWrapper;
export type AtomicStep = { run: Statement } | { all: Statement };
export type AtomicResult = number | Record<string, unknown>[];

interface SyncClient {
  prepare(text: string): {
    run(...params: unknown[]): { changes: number };
    all(...params: unknown[]): Record<string, unknown>[];
  };
  transaction<A extends unknown[], T>(fn: (...args: A) => T): { immediate(...args: A): T };
}

interface D1Client {
  prepare(text: string): { bind(...params: unknown[]): unknown };
  batch(statements: unknown[]): Promise<Array<{ results?: Record<string, unknown>[]; meta?: { changes?: number } }>>;
}

function render(db: AppDatabase, statement: Statement): { text: string; params: readonly unknown[] } {
  if (isRawQuery(statement)) return statement;
  const query = (db as unknown as { dialect: { sqlToQuery(sql: unknown): { sql: string; params: unknown[] } } }).dialect.sqlToQuery(
    (statement as SQLWrapper).getSQL(),
  );
  return { text: query.sql, params: query.params };
}

export async function runAtomic(db: AppDatabase, steps: AtomicStep[]): Promise<AtomicResult[]> {
  if (steps.length === 0) return [];
  const rendered = steps.map((s) => ({ reads: 'all' in s, ...render(db, 'all' in s ? s.all : s.run) }));
  const client = (db as unknown as { $client: SyncClient | D1Client }).$client;
  if ('batch' in client) {
    const results = await client.batch(rendered.map((s) => client.prepare(s.text).bind(...s.params)));
    return results.map((r, i) => (rendered[i]!.reads ? (r.results ?? []) : (r.meta?.changes ?? 0)));
  }
  return immediateTransaction(client as SyncClient)(rendered);
}

type Rendered = { reads: boolean; text: string; params: readonly unknown[] };

/** One transaction function per connection: better-sqlite3 builds four wrappers for every `transaction()` call. */
const transactions = new WeakMap<SyncClient, (steps: Rendered[]) => AtomicResult[]>();

function immediateTransaction(sync: SyncClient): (steps: Rendered[]) => AtomicResult[] {
  let run = transactions.get(sync);
  if (!run) {
    const transaction = sync.transaction((steps: Rendered[]) =>
      steps.map((s) => (s.reads ? sync.prepare(s.text).all(...s.params) : sync.prepare(s.text).run(...s.params).changes)),
    );
    run = (steps) => transaction.immediate(steps);
    transactions.set(sync, run);
  }
  return run;
}

/** Affected rows of a single awaited drizzle `run()` on either driver. */
export function affectedRows(result: unknown): number {
  const r = result as { changes?: number; meta?: { changes?: number } } | undefined;
  return r?.changes ?? r?.meta?.changes ?? 0;
}

/** Rows of one read, outside any atomic step. */
export async function readRows(db: AppDatabase, statement: Statement): Promise<Record<string, unknown>[]> {
  const { text, params } = render(db, statement);
  const client = (db as unknown as { $client: SyncClient | D1Client }).$client;
  if ('batch' in client) {
    const prepared = client.prepare(text).bind(...params) as { all(): Promise<{ results?: Record<string, unknown>[] }> };
    return (await prepared.all()).results ?? [];
  }
  return (client as SyncClient).prepare(text).all(...params);
}
