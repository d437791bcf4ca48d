import { and, eq } from 'drizzle-orm';
import type { AppDatabase } from '../database';
import { lookupById } from './prepared';
import { runAtomic } from '../atomic';
import { replyAfterInsert } from './tenants';
import { rowWrittenAt, waitlistRecheckStep } from './standing-offers';
import { patients } from '../schema';
import { afterPosition, pageOrder, toPage } from './paging';
import { ConflictError } from '../../core/errors';
import type { PatientRepo } from '../../core/ports';
import type { Patient, PatientChannel } from '../../core/model';

type PatientRow = typeof patients.$inferSelect;

/** In the order a create answers with (the core's Patient), so that every answer lists the same keys alike. */
function toPatient(row: PatientRow): Patient {
  return {
    id: row.id,
    name: row.name,
    phone: row.phone,
    email: row.email,
    birth_date: row.birth_date,
    preferred_channel: row.preferred_channel as PatientChannel | null,
    is_active: row.is_active,
    created_at: row.created_at,
    updated_at: row.updated_at,
  };
}

/**
 * Whether `err` (or an error it wraps: drizzle wraps driver errors in DrizzleQueryError) is a
 * violation of the unique (tenant_id, phone) index. better-sqlite3 sets `code`; D1 only says it in the
 * message, where a primary-key clash also reads "UNIQUE constraint failed", so the column is checked.
 */
function isDuplicatePhone(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    if ((e as { code?: unknown }).code === 'SQLITE_CONSTRAINT_UNIQUE') return true;
    if (e.message.includes('UNIQUE constraint failed') && e.message.includes('patients.phone')) return true;
  }
  return false;
}

const DUPLICATE_PHONE = 'A patient with this phone is already registered';

export function patientRepo(db: AppDatabase): PatientRepo {
  const byId = lookupById<typeof patients.$inferSelect>(db, patients);
  /** The refusal of a phone taken, naming the patient who has it, so that a client can use that record. */
  async function duplicatePhone(tenantId: string, phone: string | null | undefined): Promise<ConflictError> {
    let holder: { id: string; is_active: boolean } | undefined;
    try {
      if (phone) {
        [holder] = await db
          .select({ id: patients.id, is_active: patients.is_active })
          .from(patients)
          .where(and(eq(patients.tenant_id, tenantId), eq(patients.phone, phone)))
          .limit(1);
      }
    } catch {
      // the refusal stands without the name
    }
    return new ConflictError(holder ? `${DUPLICATE_PHONE}: ${holder.id}${holder.is_active ? '' : ' (inactive)'}` : DUPLICATE_PHONE);
  }

  return {
    async insert(tenantId, patient, reply) {
      try {
        await runAtomic(db, [
          { run: db.insert(patients).values({ ...patient, tenant_id: tenantId }) },
          ...replyAfterInsert(tenantId, reply, 'patients', patient.id),
        ]);
      } catch (err) {
        if (isDuplicatePhone(err)) throw await duplicatePhone(tenantId, patient.phone);
        throw err;
      }
    },

    async get(tenantId, id) {
      const row = await byId(tenantId, id);
      return row ? toPatient(row) : null;
    },

    async findByPhone(tenantId, phone) {
      const [row] = await db
        .select()
        .from(patients)
        .where(and(eq(patients.tenant_id, tenantId), eq(patients.phone, phone)))
        .limit(1);
      return row ? toPatient(row) : null;
    },

    async list(tenantId, filter, page) {
      const rows = await db
        .select()
        .from(patients)
        .where(
          and(
            eq(patients.tenant_id, tenantId),
            filter.includeInactive ? undefined : eq(patients.is_active, true),
            filter.phone === undefined ? undefined : eq(patients.phone, filter.phone),
            afterPosition(patients.created_at, patients.id, page),
          ),
        )
        .orderBy(...pageOrder(patients.created_at, patients.id))
        .limit(page.limit + 1);
      return toPage(rows.map(toPatient), page);
    },

    // The patient's standing waitlist offers that the change leaves untakeable (the patient was
    // deactivated) go back to the queue in the same step.
    async update(tenantId, id, changes) {
      let updated: unknown;
      try {
        [updated] = await runAtomic(db, [
          { run: db.update(patients).set(changes).where(and(eq(patients.tenant_id, tenantId), eq(patients.id, id))) },
          waitlistRecheckStep(
            tenantId,
            { patientId: id },
            changes.updated_at,
            rowWrittenAt('patients', tenantId, id, changes.updated_at),
          ),
        ]);
      } catch (err) {
        if (isDuplicatePhone(err)) throw await duplicatePhone(tenantId, changes.phone);
        throw err;
      }
      if (updated !== 1) return null;
      const row = await byId(tenantId, id);
      return row ? toPatient(row) : null;
    },
  };
}
