import { and, asc, eq, sql, type SQL } from 'drizzle-orm';
import type { AppDatabase } from '../database';
import { scheduleTemplates } from '../schema';
import { runAtomic } from '../atomic';
import { replyAfterInsert } from './tenants';
import { rowWrittenAt, waitlistRecheckStep } from './standing-offers';
import { afterPosition, pageOrder, toPage } from './paging';
import type { TemplateRepo } from '../../core/ports';
import type { ScheduleTemplate } from '../../core/model';

type TemplateRow = typeof scheduleTemplates.$inferSelect;

function toTemplate(row: TemplateRow): ScheduleTemplate {
  const { tenant_id: _tenant, ...rest } = row;
  return rest;
}

/**
 * Another ACTIVE template of the same provider on the same weekday whose [start, end) times overlap
 * `t`'s and whose effective dates overlap `t`'s (a null bound is open-ended). Locations do not matter:
 * a provider cannot be in two places at once. `HH:MM` and `YYYY-MM-DD` text compares in time order.
 */
function overlapping(tenantId: string, t: ScheduleTemplate): SQL {
  return sql`SELECT 1 FROM schedule_templates AS o
    WHERE o.tenant_id = ${tenantId}
      AND o.provider_id = ${t.provider_id}
      AND o.day_of_week = ${t.day_of_week}
      AND o.is_active = 1
      AND o.id <> ${t.id}
      AND o.start_time < ${t.end_time}
      AND o.end_time > ${t.start_time}
      AND (${t.effective_from} IS NULL OR o.effective_until IS NULL OR o.effective_until >= ${t.effective_from})
      AND (${t.effective_until} IS NULL OR o.effective_from IS NULL OR o.effective_from <= ${t.effective_until})`;
}

export function templateRepo(db: AppDatabase): TemplateRepo {
  async function get(tenantId: string, providerId: string, id: string): Promise<ScheduleTemplate | null> {
    const [row] = await db
      .select()
      .from(scheduleTemplates)
      .where(
        and(
          eq(scheduleTemplates.tenant_id, tenantId),
          eq(scheduleTemplates.provider_id, providerId),
          eq(scheduleTemplates.id, id),
        ),
      );
    return row ? toTemplate(row) : null;
  }

  /** Written by this change: the template as `t` says, at `t.updated_at`. */
  const written = (tenantId: string, t: ScheduleTemplate) =>
    rowWrittenAt('schedule_templates', tenantId, t.id, t.updated_at);

  return {
    // One statement: the overlap guard and the insert cannot be separated by another writer. The
    // provider's standing waitlist offers its hours no longer cover go back to the queue in the same step.
    async insertIfNoOverlap(tenantId, t, reply) {
      const [inserted] = await runAtomic(db, [
        {
          run: sql`
        INSERT INTO schedule_templates (id, tenant_id, provider_id, day_of_week, start_time, end_time, location_id,
          slot_interval_minutes, effective_from, effective_until, appointment_type_ids, is_active, created_at, updated_at)
        SELECT ${t.id}, ${tenantId}, ${t.provider_id}, ${t.day_of_week}, ${t.start_time}, ${t.end_time}, ${t.location_id},
          ${t.slot_interval_minutes}, ${t.effective_from}, ${t.effective_until}, ${JSON.stringify(t.appointment_type_ids)},
          ${t.is_active ? 1 : 0}, ${t.created_at}, ${t.updated_at}
        WHERE ${t.is_active ? 0 : 1} = 1 OR NOT EXISTS (${overlapping(tenantId, t)})`,
        },
        ...replyAfterInsert(tenantId, reply, 'schedule_templates', t.id),
        waitlistRecheckStep(tenantId, { providerId: t.provider_id }, t.updated_at, written(tenantId, t)),
      ]);
      return inserted === 1;
    },

    get,

    async list(tenantId, providerId, filter, page) {
      const rows = await db
        .select()
        .from(scheduleTemplates)
        .where(
          and(
            eq(scheduleTemplates.tenant_id, tenantId),
            eq(scheduleTemplates.provider_id, providerId),
            filter.includeInactive ? undefined : eq(scheduleTemplates.is_active, true),
            afterPosition(scheduleTemplates.created_at, scheduleTemplates.id, page),
          ),
        )
        .orderBy(...pageOrder(scheduleTemplates.created_at, scheduleTemplates.id))
        .limit(page.limit + 1);
      return toPage(rows.map(toTemplate), page);
    },

    async activeForProvider(tenantId, providerId) {
      const rows = await db
        .select()
        .from(scheduleTemplates)
        .where(
          and(
            eq(scheduleTemplates.tenant_id, tenantId),
            eq(scheduleTemplates.provider_id, providerId),
            eq(scheduleTemplates.is_active, true),
          ),
        )
        .orderBy(asc(scheduleTemplates.day_of_week), asc(scheduleTemplates.start_time), asc(scheduleTemplates.id));
      return rows.map(toTemplate);
    },

    // One statement: when the result is active, the overlap guard and the update go together; the
    // provider's standing waitlist offers its hours no longer cover go back to the queue in the same step.
    async updateIfNoOverlap(tenantId, t) {
      const update = sql`
        UPDATE schedule_templates SET
          day_of_week = ${t.day_of_week},
          start_time = ${t.start_time},
          end_time = ${t.end_time},
          location_id = ${t.location_id},
          slot_interval_minutes = ${t.slot_interval_minutes},
          effective_from = ${t.effective_from},
          effective_until = ${t.effective_until},
          appointment_type_ids = ${JSON.stringify(t.appointment_type_ids)},
          is_active = ${t.is_active ? 1 : 0},
          updated_at = ${t.updated_at}
        WHERE id = ${t.id} AND tenant_id = ${tenantId} AND provider_id = ${t.provider_id}
          AND (${t.is_active ? 0 : 1} = 1 OR NOT EXISTS (${overlapping(tenantId, t)}))`;
      const [updated] = await runAtomic(db, [
        { run: update },
        waitlistRecheckStep(tenantId, { providerId: t.provider_id }, t.updated_at, written(tenantId, t)),
      ]);
      if (updated === 1) return (await get(tenantId, t.provider_id, t.id)) ?? 'not_found';
      return (await get(tenantId, t.provider_id, t.id)) ? 'overlap' : 'not_found';
    },
  };
}
