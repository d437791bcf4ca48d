import { and, asc, eq, sql, type SQL } from 'drizzle-orm';
import type { AppDatabase } from '../database';
import { locations, scheduleTemplates } from '../schema';
import { minutesOfDay, offsetMinutes } from '../../core/time';
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

const WEEK_MINUTES = 7 * 1440;

/** Minutes of a day of an `HH:MM` column, in SQL. */
function minutesSql(column: SQL): SQL {
  return sql`(CAST(substr(${column}, 1, 2) AS INTEGER) * 60 + CAST(substr(${column}, 4, 2) AS INTEGER))`;
}

/**
 * Another ACTIVE template of the same provider whose hours cover some of the same instants as `t`'s,
 * and whose effective dates overlap `t`'s (a null bound is open-ended). Locations do not matter: a
 * provider cannot be in two places at once. Templates are local clock times of their location's zone,
 * so both are placed on a UTC week (weekday, minutes, minus the zone's offset from UTC in `offsets`,
 * taken at `t.updated_at`; across the week's end too) before they are compared: São Paulo 08:00-12:00
 * and Manaus 07:00-08:00 overlap, São Paulo 08:00-12:00 and Manaus 11:30-12:30 do not. Between
 * templates of one zone this is the plain same-weekday clock comparison. A location whose zone was not
 * among those read (changed by a request in between) cannot be placed, and counts as overlapping: the
 * write is refused rather than let through unchecked.
 */
function overlapping(tenantId: string, t: ScheduleTemplate, offsets: ReadonlyMap<string, number>, zone: string | undefined): SQL {
  const offsetOf = offsets.size === 0 ? sql`0` : sql`(CASE lo.timezone ${sql.join(
    [...offsets].map(([tz, minutes]) => sql`WHEN ${tz} THEN ${minutes}`),
    sql` `,
  )} END)`;
  const tStart = t.day_of_week * 1440 + minutesOfDay(t.start_time) - (zone === undefined ? 0 : (offsets.get(zone) ?? 0));
  const tEnd = tStart + (minutesOfDay(t.end_time) - minutesOfDay(t.start_time));
  const overlapsShifted = (shift: number) =>
    sql`(x.week_start + ${shift} < ${tEnd} AND x.week_start + ${shift} + x.minutes > ${tStart})`;
  return sql`SELECT 1 FROM (
      SELECT o.day_of_week * 1440 + ${minutesSql(sql`o.start_time`)} - ${offsetOf} AS week_start,
        ${minutesSql(sql`o.end_time`)} - ${minutesSql(sql`o.start_time`)} AS minutes
      FROM schedule_templates AS o JOIN locations AS lo ON lo.id = o.location_id AND lo.tenant_id = o.tenant_id
      WHERE o.tenant_id = ${tenantId}
        AND o.provider_id = ${t.provider_id}
        AND o.is_active = 1
        AND o.id <> ${t.id}
        AND (${t.effective_from} IS NULL OR o.effective_until IS NULL OR o.effective_until >= ${t.effective_from})
        AND (${t.effective_until} IS NULL OR o.effective_from IS NULL OR o.effective_from <= ${t.effective_until})
    ) AS x
    WHERE x.week_start IS NULL OR ${overlapsShifted(0)} OR ${overlapsShifted(-WEEK_MINUTES)} OR ${overlapsShifted(WEEK_MINUTES)}`;
}

/** The tenant's location zones with their offsets from UTC at `at`, and the zone of each location. */
async function zonesOf(db: AppDatabase, tenantId: string, at: string) {
  const rows = await db.select({ id: locations.id, timezone: locations.timezone }).from(locations).where(eq(locations.tenant_id, tenantId));
  const offsets = new Map<string, number>();
  const byLocation = new Map<string, string>();
  for (const row of rows) {
    byLocation.set(row.id, row.timezone);
    if (!offsets.has(row.timezone)) offsets.set(row.timezone, offsetMinutes(Date.parse(at), row.timezone));
  }
  return { offsets, byLocation };
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
      const zones = await zonesOf(db, tenantId, t.updated_at);
      const [inserted] = await runAtomic(db, [
        {
          run: sql`
        INSERT INTO schedule_templates (id, tenant_id, provider_id, day_of_week, start_time, end_time, location_id,
          slot_interval_minutes, effective_from, effective_until, appointment_type_ids, is_active, created_at, updated_at)
        SELECT ${t.id}, ${tenantId}, ${t.provider_id}, ${t.day_of_week}, ${t.start_time}, ${t.end_time}, ${t.location_id},
          ${t.slot_interval_minutes}, ${t.effective_from}, ${t.effective_until}, ${JSON.stringify(t.appointment_type_ids)},
          ${t.is_active ? 1 : 0}, ${t.created_at}, ${t.updated_at}
        WHERE ${t.is_active ? 0 : 1} = 1 OR NOT EXISTS (${overlapping(tenantId, t, zones.offsets, zones.byLocation.get(t.location_id))})`,
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
      const zones = await zonesOf(db, tenantId, t.updated_at);
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
          AND (${t.is_active ? 0 : 1} = 1 OR NOT EXISTS (${overlapping(tenantId, t, zones.offsets, zones.byLocation.get(t.location_id))}))`;
      const [updated] = await runAtomic(db, [
        { run: update },
        waitlistRecheckStep(tenantId, { providerId: t.provider_id }, t.updated_at, written(tenantId, t)),
      ]);
      if (updated === 1) return (await get(tenantId, t.provider_id, t.id)) ?? 'not_found';
      return (await get(tenantId, t.provider_id, t.id)) ? 'overlap' : 'not_found';
    },
  };
}
