import { and, eq, or, sql, type SQL } from 'drizzle-orm';
import type { AppDatabase } from '../database';
import { lookupById } from './prepared';
import { readRows, runAtomic } from '../atomic';
import { q } from '../raw-sql';
import { replyAfterInsert } from './tenants';
import { rowWrittenAt, waitlistRecheckStep } from './standing-offers';
import { providers } from '../schema';
import { FOLD } from '../fold';
import { afterPosition, pageOrder, toPage } from './paging';
import { ConflictError } from '../../core/errors';
import type { ProviderRepo } from '../../core/ports';
import type { Provider } from '../../core/model';

type ProviderRow = typeof providers.$inferSelect;

function toProvider(row: ProviderRow): Provider {
  const { tenant_id: _tenant, specialty_keys: _keys, ...rest } = row;
  return rest;
}

const FOLD_MAP = new Map(FOLD);

/** Case- and accent-folds a string the same way SQLite folds `specialty_keys` (src/db/fold.ts). */
export function foldText(value: string): string {
  let out = '';
  for (const ch of value.normalize('NFC')) {
    const mapped = FOLD_MAP.get(ch) ?? ch;
    out += mapped >= 'A' && mapped <= 'Z' ? mapped.toLowerCase() : mapped;
  }
  return out;
}

/**
 * What SQLite's fold (src/db/fold.ts) gives for a stored value, computed in JS: the same table, character by character,
 * and no NFC normalisation (SQL applies none to stored values). Every replacement is an ASCII
 * lowercase letter, which no later replace() touches, so one pass per character equals the chain.
 */
export function foldStoredText(value: string): string {
  let out = '';
  for (const ch of value) {
    const mapped = FOLD_MAP.get(ch) ?? ch;
    out += mapped >= 'A' && mapped <= 'Z' ? mapped.toLowerCase() : mapped;
  }
  return out;
}

/** better-sqlite3 (SQLITE_CONSTRAINT_UNIQUE) or D1 ("UNIQUE constraint failed"), possibly wrapped by drizzle. */
export function isUniqueViolation(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const { code, message } = e as { code?: unknown; message?: unknown };
    if (code === 'SQLITE_CONSTRAINT_UNIQUE') return true;
    if (typeof message === 'string' && message.includes('UNIQUE constraint failed')) return true;
  }
  return false;
}

const duplicateDoctor = () => new ConflictError('This doctor already has a provider profile in this tenant');

export function providerRepo(db: AppDatabase): ProviderRepo {
  const byId = lookupById<typeof providers.$inferSelect>(db, providers);
  return {
    async insert(tenantId, provider, reply) {
      try {
        await runAtomic(db, [
          { run: db.insert(providers).values({ ...provider, tenant_id: tenantId }) },
          ...replyAfterInsert(tenantId, reply, 'providers', provider.id),
        ]);
      } catch (err) {
        if (isUniqueViolation(err)) throw duplicateDoctor();
        throw err;
      }
    },

    async get(tenantId, id) {
      const row = await byId(tenantId, id);
      return row ? toProvider(row) : null;
    },

    async list(tenantId, filter, page) {
      const specialty =
        filter.specialty === undefined
          ? undefined
          : sql`EXISTS (SELECT 1 FROM json_each(${providers.specialty_keys}) AS s WHERE s.value = ${foldText(filter.specialty.trim())})`;
      const location =
        filter.location_id === undefined
          ? undefined
          : or(
              eq(providers.primary_location_id, filter.location_id),
              sql`EXISTS (SELECT 1 FROM schedule_templates AS st WHERE st.provider_id = ${providers.id} AND st.tenant_id = ${tenantId} AND st.location_id = ${filter.location_id} AND st.is_active = 1)`,
            );
      const rows = await db
        .select()
        .from(providers)
        .where(
          and(
            eq(providers.tenant_id, tenantId),
            filter.includeInactive ? undefined : eq(providers.is_active, true),
            specialty,
            location,
            afterPosition(providers.created_at, providers.id, page),
          ),
        )
        .orderBy(...pageOrder(providers.created_at, providers.id))
        .limit(page.limit + 1);
      return toPage(rows.map(toProvider), page);
    },

    // The provider's standing waitlist offers that its new limits or flags leave untakeable go back
    // to the queue in the same step.
    async update(tenantId, id, changes) {
      const written = rowWrittenAt('providers', tenantId, id, changes.updated_at);
      let updated: unknown;
      try {
        [updated] = await runAtomic(db, [
          { run: db.update(providers).set(changes).where(and(eq(providers.tenant_id, tenantId), eq(providers.id, id))) },
          waitlistRecheckStep(tenantId, { providerId: id }, changes.updated_at, written),
        ]);
      } catch (err) {
        if (isUniqueViolation(err)) throw duplicateDoctor();
        throw err;
      }
      if (updated !== 1) return null;
      const row = await byId(tenantId, id);
      return row ? toProvider(row) : null;
    },

    async activeSpecialties(tenantId) {
      const rows = await readRows(
        db,
        q`SELECT s.value AS specialty FROM providers p, json_each(p.specialties) AS s
          WHERE p.tenant_id = ${tenantId} AND p.is_active = 1 AND s.type = 'text'
          ORDER BY p.created_at, p.id, s.key`,
      );
      // one spelling per specialty as the filter folds it (the stored value's fold)
      const byFold = new Map<string, string>();
      for (const r of rows) {
        const spelling = String(r.specialty);
        const folded = foldStoredText(spelling);
        if (!byFold.has(folded)) byFold.set(folded, spelling);
      }
      return [...byFold.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, spelling]) => spelling);
    },
  };
}
