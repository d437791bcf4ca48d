/**
 * Lookups on hot paths (every request authenticates, every booking reads four records), built and
 * prepared once with drizzle placeholders instead of being rebuilt per call. Works on both drivers.
 */
import { getTableColumns, getTableName } from 'drizzle-orm';
import { readRows } from '../atomic';
import { q, raw } from '../raw-sql';
import type { SQLiteColumn, SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { AppDatabase } from '../database';

type TenantTable = SQLiteTable & { tenant_id: SQLiteColumn; id: SQLiteColumn };

interface PreparedAll<Row> {
  all(values: Record<string, unknown>): Row[] | Promise<Row[]>;
}

/**
 * `(tenantId, id) => row | undefined`. Plain SQL through readRows, decoded with the columns' own
 * drizzle mappings (booleans, JSON): drizzle's prepared-query path (placeholders, logger, generic row
 * mapping) cost about twice the query itself, and these lookups run on every booking and turn.
 */
export function lookupById<Row>(db: AppDatabase, table: TenantTable): (tenantId: string, id: string) => Promise<Row | undefined> {
  const columns = Object.entries(getTableColumns(table)).map(([key, column]) => ({ key, name: column.name, column }));
  const select = raw(`SELECT ${columns.map((c) => `"${c.name}"`).join(', ')} FROM "${getTableName(table)}"`);
  return async (tenantId, id) => {
    const [found] = await readRows(db, q`${select} WHERE tenant_id = ${tenantId} AND id = ${id} LIMIT 1`);
    if (!found) return undefined;
    const row: Record<string, unknown> = {};
    for (const c of columns) {
      const value = found[c.name];
      row[c.key] = value === null || value === undefined ? null : c.column.mapFromDriverValue(value);
    }
    return row as Row;
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
