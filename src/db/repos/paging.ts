import { and, asc, gt, or, eq, type SQL } from 'drizzle-orm';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';
import type { ListPosition, Page, PageRequest } from '../../core/model';

/** Keyset pagination over (created_at, id): stable under inserts, no OFFSET scans. */
export function afterPosition(
  createdAt: SQLiteColumn,
  id: SQLiteColumn,
  page: PageRequest,
): SQL | undefined {
  if (!page.after) return undefined;
  return or(gt(createdAt, page.after.created_at), and(eq(createdAt, page.after.created_at), gt(id, page.after.id)));
}

export function pageOrder(createdAt: SQLiteColumn, id: SQLiteColumn): SQL[] {
  return [asc(createdAt), asc(id)];
}

/** Rows fetched with `limit + 1`: the extra row tells whether there is a next page. */
export function toPage<T extends ListPosition>(rows: T[], page: PageRequest): Page<T> {
  const items = rows.slice(0, page.limit);
  const last = items[items.length - 1];
  return { items, next: rows.length > page.limit && last ? { created_at: last.created_at, id: last.id } : null };
}
