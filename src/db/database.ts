import type { BaseSQLiteDatabase } from 'drizzle-orm/sqlite-core';
import type * as schema from './schema';

/**
 * The drizzle database the repositories are written against: better-sqlite3 ('sync') on Node,
 * D1 ('async') on Workers. Repositories only `await` query builders, which both support.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AppDatabase = BaseSQLiteDatabase<'sync' | 'async', any, typeof schema>;
