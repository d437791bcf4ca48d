import { sqliteTable, text, integer, index, primaryKey } from 'drizzle-orm/sqlite-core';

/** A clinic or clinic group. Every other row belongs to exactly one tenant. */
export const tenants = sqliteTable('tenants', {
  id: text('id').primaryKey(),
  name: text('name').notNull().unique(),
  created_at: text('created_at').notNull(),
});

/** API keys: stored as a SHA-256 hash of a 256-bit random secret; the secret is shown once. */
export const apiKeys = sqliteTable(
  'api_keys',
  {
    id: text('id').primaryKey(),
    tenant_id: text('tenant_id')
      .notNull()
      .references(() => tenants.id),
    name: text('name'),
    /** The first characters of the key, enough to recognise it in a list. */
    prefix: text('prefix').notNull(),
    key_hash: text('key_hash').notNull().unique(),
    scopes: text('scopes', { mode: 'json' }).$type<string[]>().notNull(),
    created_at: text('created_at').notNull(),
    revoked_at: text('revoked_at'),
  },
  (t) => [index('api_keys_tenant_idx').on(t.tenant_id)],
);

/** Server-wide values generated once per database (e.g. the cursor signing secret). */
export const serverSettings = sqliteTable('server_settings', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
});

/** Responses remembered for `Idempotency-Key` retries (24 h). */
export const idempotencyKeys = sqliteTable(
  'idempotency_keys',
  {
    tenant_id: text('tenant_id')
      .notNull()
      .references(() => tenants.id),
    key: text('key').notNull(),
    request_hash: text('request_hash').notNull(),
    /** null while the first request is still running */
    status_code: integer('status_code'),
    response_body: text('response_body'),
    created_at: text('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenant_id, t.key] }), index('idempotency_created_idx').on(t.created_at)],
);
