import { sqliteTable, text, integer, primaryKey } from 'drizzle-orm/sqlite-core';

/**
 * Revisions that tell slot search's cache (src/core/availability/slot-cache.ts) whether what it computed
 * is still current, in every process that shares the database. Per tenant:
 * - one row per provider (`provider_id` = its id), bumped when its appointments, templates, overrides or
 *   its own fields change, and when a location of the tenant changes;
 * - the tenant's row (`provider_id` = ''), bumped when a provider, a location or an appointment type of
 *   the tenant changes (which providers a search finds, their fields, types, locations);
 * - the tenant's change counter (`provider_id` = '*'), bumped with every bump above, so that one row
 *   tells whether anything at all changed.
 *
 * Only triggers write it (migration 0006_availability_revisions), inside the transaction of the change,
 * so a bump commits or rolls back with it whoever writes: this server, another process on the same file,
 * the CLI, raw SQL. SQLite drops a table's triggers with the table: a migration that rebuilds one of
 * the tables they watch must create its triggers again (test/db/availability-revisions.test.ts checks
 * that they all exist).
 */
export const availabilityRevisions = sqliteTable(
  'availability_revisions',
  {
    tenant_id: text('tenant_id').notNull(),
    /** a provider's id, '' for the tenant's row, '*' for its change counter */
    provider_id: text('provider_id').notNull(),
    revision: integer('revision').notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenant_id, t.provider_id] })],
);
