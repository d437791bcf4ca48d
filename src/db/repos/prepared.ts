/**
 * Lookups on hot paths (every request authenticates, every booking reads four records), built and
 * prepared once with drizzle placeholders instead of being rebuilt per call. Works on both drivers.
 */
import { and, eq, sql } from 'drizzle-orm';
import type { SQLiteColumn, SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { AppDatabase } from '../database';

type TenantTable = SQLiteTable & { tenant_id: SQLiteColumn; id: SQLiteColumn };

interface PreparedAll<Row> {
  all(values: Record<string, unknown>): Row[] | Promise<Row[]>;
}

/** `(tenantId, id) => row | undefined`, the query prepared on first use. */
export function lookupById<Row>(db: AppDatabase, table: TenantTable): (tenantId: string, id: string) => Promise<Row | undefined> {
  let prepared: PreparedAll<Row> | undefined;
  return async (tenantId, id) => {
    prepared ??= db
      .select()
      .from(table)
      .where(and(eq(table.tenant_id, sql.placeholder('tenant')), eq(table.id, sql.placeholder('id'))))
      .limit(1)
      .prepare() as unknown as PreparedAll<Row>;
    const rows = await prepared.all({ tenant: tenantId, id });
    return rows[0];
  };
}

/** Any query with placeholders, prepared on first use. */
export function preparedQuery<Row>(build: () => { prepare(): unknown }): (values: Record<string, unknown>) => Promise<Row[]> {
  let prepared: PreparedAll<Row> | undefined;
  return async (values) => {
    prepared ??= build().prepare() as PreparedAll<Row>;
    return prepared.all(values);
  };
}
