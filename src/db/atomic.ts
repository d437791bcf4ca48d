/**
 * The one place where a rule check and its write become one step (ARCHITECTURE.md, convention 6).
 *
 * Callers build every statement first — guards expressed in SQL (INSERT … SELECT … WHERE <rules hold>,
 * UPDATE … WHERE status = ? AND version = ?), follow-up writes guarded on the first one having
 * happened (WHERE EXISTS (… change_id = ?)) — and hand them here. On better-sqlite3 they run inside a
 * BEGIN IMMEDIATE transaction, so two processes on one file serialise (steps asked for in the same
 * turn of the event loop share one, see groupCommitter); on D1 they run as one `batch`, which D1
 * executes as a single transaction. No in-process lock is involved: the database decides. Each `run`
 * step yields its affected-row count, each `all` step its rows.
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
  readonly inTransaction: boolean;
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
  return groupCommitter(client as SyncClient)(rendered);
}

type Rendered = { reads: boolean; text: string; params: readonly unknown[] };

/** Taken once, so that tests faking timers cannot stall the database. */
const scheduleFlush: (run: () => void) => unknown = globalThis.setImmediate ?? ((run: () => void) => setTimeout(run, 0));

interface Pending {
  steps: Rendered[];
  resolve(results: AtomicResult[]): void;
  reject(error: unknown): void;
}

/**
 * The most steps one commit carries. Larger groups save little more (most of a commit's pages are
 * shared by the first few), hold the write lock longer, and make the first answers wait for the last.
 */
const MAX_GROUP = 8;

const committers = new WeakMap<SyncClient, (steps: Rendered[]) => Promise<AtomicResult[]>>();

function runSteps(sync: SyncClient, steps: Rendered[]): AtomicResult[] {
  return steps.map((s) => (s.reads ? sync.prepare(s.text).all(...s.params) : sync.prepare(s.text).run(...s.params).changes));
}

/**
 * Group commit. Atomic steps asked for in the same turn of the event loop (up to MAX_GROUP) run one
 * after another in one BEGIN IMMEDIATE transaction, so each sees every earlier step's writes exactly
 * as if each had had a transaction of its own, and all are answered after the one COMMIT. A commit
 * writes every page the group dirtied once, so concurrent writers share its cost. A step that throws
 * is rare (a guard refuses by affecting no rows, not by failing): the group is then rolled back and
 * every step of it runs again in its own transaction, so one step's failure is only ever that step's.
 */
function groupCommitter(sync: SyncClient): (steps: Rendered[]) => Promise<AtomicResult[]> {
  let committer = committers.get(sync);
  if (committer) return committer;
  const alone = sync.transaction((steps: Rendered[]) => runSteps(sync, steps));
  const begin = sync.prepare('BEGIN IMMEDIATE');
  const commit = sync.prepare('COMMIT');
  const rollback = sync.prepare('ROLLBACK');
  const queue: Pending[] = [];

  const eachAlone = (group: Pending[]) => {
    for (const p of group) {
      try {
        p.resolve(alone.immediate(p.steps));
      } catch (err) {
        p.reject(err);
      }
    }
  };

  const flush = () => {
    const group = queue.splice(0);
    if (group.length <= 1) return eachAlone(group);
    try {
      begin.run();
    } catch (err) {
      // Another process held the write lock past the busy timeout: every step would have failed so.
      for (const p of group) p.reject(err);
      return;
    }
    let results: AtomicResult[][];
    try {
      results = group.map((p) => runSteps(sync, p.steps));
      commit.run();
    } catch {
      if (sync.inTransaction) rollback.run();
      return eachAlone(group);
    }
    group.forEach((p, i) => p.resolve(results[i]!));
  };

  committer = (steps) =>
    new Promise<AtomicResult[]>((resolve, reject) => {
      queue.push({ steps, resolve, reject });
      // a full group goes at once, so that its answers do not wait for the rest of a crowd
      if (queue.length >= MAX_GROUP) flush();
      else if (queue.length === 1) scheduleFlush(flush);
    });
  committers.set(sync, committer);
  return committer;
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
