import { and, eq, sql } from 'drizzle-orm';
import type { AppDatabase } from '../database';
import { lookupById } from './prepared';
import { runAtomic } from '../atomic';
import { replyAfterInsert } from './tenants';
import { rowWrittenAt, waitlistRecheckStep } from './standing-offers';
import { appointmentTypes } from '../schema';
import { afterPosition, pageOrder, toPage } from './paging';
import type { AppointmentTypeRepo } from '../../core/ports';
import type { AppointmentType } from '../../core/model';
import type { AppointmentTypeFilter } from '../../core/reference/appointment-types';
import { inList } from './in-list';

type AppointmentTypeRow = typeof appointmentTypes.$inferSelect;

function toAppointmentType(row: AppointmentTypeRow): AppointmentType {
  const { tenant_id: _tenant, ...rest } = row;
  return rest;
}

export function appointmentTypeRepo(db: AppDatabase): AppointmentTypeRepo {
  const byId = lookupById<typeof appointmentTypes.$inferSelect>(db, appointmentTypes);
  return {
    async insert(tenantId, type, reply) {
      await runAtomic(db, [
        { run: db.insert(appointmentTypes).values({ ...type, tenant_id: tenantId }) },
        ...replyAfterInsert(tenantId, reply, 'appointment_types', type.id),
      ]);
    },

    async get(tenantId, id) {
      const row = await byId(tenantId, id);
      return row ? toAppointmentType(row) : null;
    },

    // The port names only `includeInactive`; the service also passes an optional `specialty`.
    async list(tenantId, filter: AppointmentTypeFilter, page) {
      const rows = await db
        .select()
        .from(appointmentTypes)
        .where(
          and(
            eq(appointmentTypes.tenant_id, tenantId),
            filter.includeInactive ? undefined : eq(appointmentTypes.is_active, true),
            // SQLite's (and D1's) lower() folds ASCII letters only; accented capitals must match as written.
            filter.specialty === undefined
              ? undefined
              : sql`lower(${appointmentTypes.specialty}) = lower(${filter.specialty})`,
            afterPosition(appointmentTypes.created_at, appointmentTypes.id, page),
          ),
        )
        .orderBy(...pageOrder(appointmentTypes.created_at, appointmentTypes.id))
        .limit(page.limit + 1);
      return toPage(rows.map(toAppointmentType), page);
    },

    async existingIds(tenantId, ids) {
      if (ids.length === 0) return new Set();
      const rows = await db
        .select({ id: appointmentTypes.id })
        .from(appointmentTypes)
        .where(and(eq(appointmentTypes.tenant_id, tenantId), inList(appointmentTypes.id, ids)));
      return new Set(rows.map((r) => r.id));
    },

    // The standing waitlist offers of entries for this type that the change leaves untakeable (it was
    // deactivated) go back to the queue in the same step.
    async update(tenantId, id, changes) {
      const [updated] = await runAtomic(db, [
        { run: db.update(appointmentTypes).set(changes).where(and(eq(appointmentTypes.tenant_id, tenantId), eq(appointmentTypes.id, id))) },
        waitlistRecheckStep(
          tenantId,
          { appointmentTypeId: id },
          changes.updated_at,
          rowWrittenAt('appointment_types', tenantId, id, changes.updated_at),
        ),
      ]);
      if (updated !== 1) return null;
      const row = await byId(tenantId, id);
      return row ? toAppointmentType(row) : null;
    },
  };
}
