/**
 * `column IN (…)` for a list of any length: the values travel as one JSON array parameter
 * (`IN (SELECT value FROM json_each(?))`, which SQLite still answers through the column's index). A
 * statement on D1 may bind at most 100 values, and these lists (a page of up to 200 locations, a
 * location's travel times, a provider's types) may be longer; drizzle's `inArray` binds one each.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';

export function inList(column: SQLiteColumn, values: readonly string[]): SQL {
  return sql`${column} IN (SELECT value FROM json_each(${JSON.stringify(values)}))`;
}
