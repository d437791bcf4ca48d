/**
 * The one place where a rule check and its write become one step (ARCHITECTURE.md, convention 6).
 *
 * Callers build drizzle statements first (guards expressed in SQL: INSERT … SELECT … WHERE NOT EXISTS,
 * UPDATE … WHERE version = ?), then hand them here. On better-sqlite3 they run inside one IMMEDIATE
 * transaction (so two processes on one file serialise); on D1 they run as one `db.batch`, which D1
 * executes as a single transaction. The affected-row count of each statement is returned in order, and
 * is what decides whether a guarded write happened.
 */
import type { AppDatabase } from './database';

interface RunnableStatement {
  run(): unknown;
}

interface BatchCapable {
  batch(statements: readonly unknown[]): Promise<Array<{ meta?: { changes?: number } }>>;
}

interface SyncCapable {
  $client: { transaction<T>(fn: () => T): { immediate(): T } };
}

function changesOf(result: unknown): number {
  const r = result as { changes?: number; meta?: { changes?: number } };
  return r.changes ?? r.meta?.changes ?? 0;
}

export async function runAtomic(db: AppDatabase, statements: RunnableStatement[]): Promise<number[]> {
  if (statements.length === 0) return [];
  const maybeBatch = db as unknown as Partial<BatchCapable>;
  if (typeof maybeBatch.batch === 'function') {
    const results = await maybeBatch.batch(statements);
    return results.map(changesOf);
  }
  const client = (db as unknown as SyncCapable).$client;
  const run = client.transaction(() => statements.map((s) => changesOf(s.run())));
  return run.immediate();
}

/** Affected rows of a single awaited drizzle `run()` on either driver. */
export function affectedRows(result: unknown): number {
  return changesOf(result);
}
