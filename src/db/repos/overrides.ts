import { and, eq, gte, lte } from 'drizzle-orm';
import type { AppDatabase } from '../database';
import { scheduleOverrides } from '../schema';
import { afterPosition, pageOrder, toPage } from './paging';
import { runAtomic } from '../atomic';
import { q } from '../raw-sql';
import { replyAfterInsert } from './tenants';
import { waitlistRecheckStep } from './standing-offers';
import type { OverrideRepo } from '../../core/ports';
import type { ScheduleOverride } from '../../core/model';

type OverrideRow = typeof scheduleOverrides.$inferSelect;

function toOverride(row: OverrideRow): ScheduleOverride {
  const { tenant_id: _tenant, ...rest } = row;
  return rest;
}

export function overrideRepo(db: AppDatabase): OverrideRepo {
  const owned = (tenantId: string, providerId: string, id: string) =>
    and(
      eq(scheduleOverrides.tenant_id, tenantId),
      eq(scheduleOverrides.provider_id, providerId),
      eq(scheduleOverrides.id, id),
    );

  // A provider's standing waitlist offers that an override, written or deleted, leaves outside its
  // hours go back to the queue in the same step.
  return {
    async insert(tenantId, override, reply) {
      await runAtomic(db, [
        { run: db.insert(scheduleOverrides).values({ ...override, tenant_id: tenantId }) },
        ...replyAfterInsert(tenantId, reply, 'schedule_overrides', override.id),
        waitlistRecheckStep(
          tenantId,
          { providerId: override.provider_id },
          override.created_at,
          q`EXISTS (SELECT 1 FROM schedule_overrides WHERE id = ${override.id})`,
        ),
      ]);
    },

    async get(tenantId, providerId, id) {
      const [row] = await db.select().from(scheduleOverrides).where(owned(tenantId, providerId, id));
      return row ? toOverride(row) : null;
    },

    async list(tenantId, providerId, filter, page) {
      const rows = await db
        .select()
        .from(scheduleOverrides)
        .where(
          and(
            eq(scheduleOverrides.tenant_id, tenantId),
            eq(scheduleOverrides.provider_id, providerId),
            filter.date_from === undefined ? undefined : gte(scheduleOverrides.date, filter.date_from),
            filter.date_to === undefined ? undefined : lte(scheduleOverrides.date, filter.date_to),
            afterPosition(scheduleOverrides.created_at, scheduleOverrides.id, page),
          ),
        )
        .orderBy(...pageOrder(scheduleOverrides.created_at, scheduleOverrides.id))
        .limit(page.limit + 1);
      return toPage(rows.map(toOverride), page);
    },

    async delete(tenantId, providerId, id, at) {
      // (a re-check after a delete that found nothing sends back only offers that were untakeable anyway)
      const [deleted] = await runAtomic(db, [
        { run: db.delete(scheduleOverrides).where(owned(tenantId, providerId, id)) },
        waitlistRecheckStep(tenantId, { providerId }, at, q`NOT EXISTS (SELECT 1 FROM schedule_overrides WHERE id = ${id})`),
      ]);
      return deleted === 1;
    },
  };
}
