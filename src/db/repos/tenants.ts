import { and, count, eq, isNull, sql, type SQL } from 'drizzle-orm';
import { preparedQuery } from './prepared';
import { afterPosition, pageOrder, toPage } from './paging';
import { readRows, runAtomic, type AtomicStep } from '../atomic';
import { q, raw, type RawQuery } from '../raw-sql';
import type { AppDatabase } from '../database';
import { apiKeys, idempotencyKeys, serverSettings, tenants } from '../schema';
import type { ApiKeyRepo, IdempotencyStore, ServerSettingsRepo, StoredReply, TenantRepo } from '../../core/ports';
import type { ApiKey } from '../../core/model';

export function tenantRepo(db: AppDatabase): TenantRepo {
  return {
    async findByName(name) {
      const [row] = await db.select().from(tenants).where(eq(tenants.name, name)).limit(1);
      return row ?? null;
    },
    async get(id) {
      const [row] = await db.select().from(tenants).where(eq(tenants.id, id)).limit(1);
      return row ?? null;
    },
    async insert(tenant) {
      await db.insert(tenants).values(tenant);
    },
    async someIds(limit) {
      const rows = await db.select({ id: tenants.id }).from(tenants).orderBy(tenants.created_at, tenants.id).limit(limit);
      return rows.map((r) => r.id);
    },
    async count() {
      const [row] = await db.select({ n: count() }).from(tenants);
      return row?.n ?? 0;
    },
    async insertFirst(tenant, key, keyHash) {
      const [inserted] = await runAtomic(db, [
        {
          run: q`INSERT INTO tenants (id, name, created_at) SELECT ${tenant.id}, ${tenant.name}, ${tenant.created_at}
            WHERE NOT EXISTS (SELECT 1 FROM tenants)`,
        },
        {
          run: q`INSERT INTO api_keys (id, tenant_id, name, prefix, key_hash, scopes, created_at, revoked_at)
            SELECT ${key.id}, ${key.tenant_id}, ${key.name}, ${key.prefix}, ${keyHash}, ${JSON.stringify(key.scopes)}, ${key.created_at}, NULL
            WHERE EXISTS (SELECT 1 FROM tenants WHERE id = ${tenant.id})`,
        },
      ]);
      return inserted === 1;
    },
  };
}

const keyColumns = {
  id: apiKeys.id,
  tenant_id: apiKeys.tenant_id,
  name: apiKeys.name,
  prefix: apiKeys.prefix,
  scopes: apiKeys.scopes,
  created_at: apiKeys.created_at,
  revoked_at: apiKeys.revoked_at,
};

export function apiKeyRepo(db: AppDatabase): ApiKeyRepo {
  return {
    async insert(key, keyHash, reply) {
      await runAtomic(db, [
        { run: db.insert(apiKeys).values({ ...key, key_hash: keyHash }) },
        ...replyAfterInsert(key.tenant_id, reply, 'api_keys', key.id),
      ]);
    },
    // Every authenticated request runs this: plain SQL through readRows, which costs a fraction of
    // drizzle's prepared-query path (placeholders, logger, column decoders) between requests' other work.
    async findActiveByHash(keyHash) {
      const [row] = await readRows(
        db,
        q`SELECT id, tenant_id, name, prefix, scopes, created_at, revoked_at FROM api_keys WHERE key_hash = ${keyHash} AND revoked_at IS NULL LIMIT 1`,
      );
      if (!row) return null;
      return {
        id: String(row.id),
        tenant_id: String(row.tenant_id),
        name: row.name === null ? null : String(row.name),
        prefix: String(row.prefix),
        scopes: JSON.parse(String(row.scopes)) as ApiKey['scopes'],
        created_at: String(row.created_at),
        revoked_at: null,
      };
    },
    async get(tenantId, id) {
      const [row] = await db
        .select(keyColumns)
        .from(apiKeys)
        .where(and(eq(apiKeys.tenant_id, tenantId), eq(apiKeys.id, id)));
      return (row as ApiKey | undefined) ?? null;
    },
    async list(tenantId, page) {
      const rows = await db
        .select(keyColumns)
        .from(apiKeys)
        .where(and(eq(apiKeys.tenant_id, tenantId), afterPosition(apiKeys.created_at, apiKeys.id, page)))
        .orderBy(...pageOrder(apiKeys.created_at, apiKeys.id))
        .limit(page.limit + 1);
      return toPage(rows as ApiKey[], page);
    },
    async revoke(tenantId, id, at) {
      const result = await db
        .update(apiKeys)
        .set({ revoked_at: at })
        .where(and(eq(apiKeys.tenant_id, tenantId), eq(apiKeys.id, id), isNull(apiKeys.revoked_at)))
        .returning({ id: apiKeys.id });
      return result.length > 0;
    },
  };
}

export function serverSettingsRepo(db: AppDatabase): ServerSettingsRepo {
  const ping = preparedQuery(() => db.select({ key: serverSettings.key }).from(serverSettings).limit(1));
  return {
    async ping() {
      await ping({});
    },
    async getOrInsert(key, fallback) {
      await db.insert(serverSettings).values({ key, value: fallback }).onConflictDoNothing();
      const [row] = await db.select().from(serverSettings).where(eq(serverSettings.key, key));
      return row?.value ?? fallback;
    },
  };
}

/**
 * Completes the request's Idempotency-Key claim with its response, for the atomic step of the change it
 * answers: guarded on `happened` (that change's own mark), so the response is stored exactly when the
 * change is made.
 */
export function storeReplyStep(tenantId: string, reply: StoredReply, happened: RawQuery): RawQuery {
  return q`UPDATE idempotency_keys SET status_code = ${reply.statusCode}, response_body = ${reply.body}
    WHERE tenant_id = ${tenantId} AND key = ${reply.key} AND status_code IS NULL AND ${happened}`;
}

/**
 * storeReplyStep for a response one of whose numbers is known only once the write is made (a new waitlist
 * entry's position in its queue): `reply.body` carries `"<field>":null` once, which the step replaces with
 * the value of `value`, an SQL expression (an integer) evaluated in the same atomic step. A string in the
 * body cannot hold that text (its quotes are escaped), so the one occurrence is the field itself.
 */
export function storeReplyWithValueStep(tenantId: string, reply: StoredReply, field: string, value: SQL, happened: SQL): SQL {
  const marker = `"${field}":null`;
  const at = reply.body.indexOf(marker);
  if (at < 0 || reply.body.includes(marker, at + 1)) throw new Error(`The stored reply must carry ${marker} exactly once`);
  const head = reply.body.slice(0, at + marker.length - 'null'.length);
  const tail = reply.body.slice(at + marker.length);
  return sql`UPDATE idempotency_keys SET status_code = ${reply.statusCode}, response_body = ${head} || (${value}) || ${tail}
    WHERE tenant_id = ${tenantId} AND key = ${reply.key} AND status_code IS NULL AND ${happened}`;
}

/** The steps that store `reply` (if any) once the row `id` of `table` exists: for an insert's own atomic step. */
export function replyAfterInsert(tenantId: string, reply: StoredReply | undefined, table: string, id: string): AtomicStep[] {
  return reply ? [{ run: storeReplyStep(tenantId, reply, q`EXISTS (SELECT 1 FROM ${raw(table)} WHERE id = ${id})`) }] : [];
}

export function idempotencyStore(db: AppDatabase): IdempotencyStore {
  const keyIs = (tenantId: string, key: string) =>
    and(eq(idempotencyKeys.tenant_id, tenantId), eq(idempotencyKeys.key, key));
  return {
    async claim(tenantId, key, requestHash, at) {
      const inserted = await db
        .insert(idempotencyKeys)
        .values({ tenant_id: tenantId, key, request_hash: requestHash, created_at: at })
        .onConflictDoNothing()
        .returning({ key: idempotencyKeys.key });
      return inserted.length > 0;
    },
    async reclaim(tenantId, key, prior, requestHash, at) {
      const updated = await db
        .update(idempotencyKeys)
        .set({ request_hash: requestHash, created_at: at, status_code: null, response_body: null })
        .where(
          and(
            keyIs(tenantId, key),
            eq(idempotencyKeys.request_hash, prior.request_hash),
            eq(idempotencyKeys.created_at, prior.created_at),
            prior.status_code === null ? isNull(idempotencyKeys.status_code) : eq(idempotencyKeys.status_code, prior.status_code),
          ),
        )
        .returning({ key: idempotencyKeys.key });
      return updated.length > 0;
    },
    async get(tenantId, key) {
      const [row] = await db
        .select({
          request_hash: idempotencyKeys.request_hash,
          status_code: idempotencyKeys.status_code,
          response_body: idempotencyKeys.response_body,
          created_at: idempotencyKeys.created_at,
        })
        .from(idempotencyKeys)
        .where(keyIs(tenantId, key));
      return row ?? null;
    },
    async complete(tenantId, key, statusCode, responseBody) {
      await db
        .update(idempotencyKeys)
        .set({ status_code: statusCode, response_body: responseBody })
        .where(and(keyIs(tenantId, key), isNull(idempotencyKeys.status_code)));
    },
    async release(tenantId, key) {
      await db.delete(idempotencyKeys).where(and(keyIs(tenantId, key), isNull(idempotencyKeys.status_code)));
    },
    async purge(before) {
      const [forgotten] = await runAtomic(db, [{ run: q`DELETE FROM idempotency_keys WHERE created_at < ${before}` }]);
      return forgotten as number;
    },
  };
}
