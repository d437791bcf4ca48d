import { and, eq, gte, lte } from 'drizzle-orm';
import type { AppDatabase } from '../database';
import { scheduleOverrides } from '../schema';
import { afterPosition, pageOrder, toPage } from './paging';
import { runAtomic } from '../atomic';
import { q, raw, type RawQuery } from '../raw-sql';
import { replyAfterInsert } from './tenants';
import { waitlistRecheckStep } from './standing-offers';
import type { OverrideRepo } from '../../core/ports';
import type { ScheduleOverride } from '../../core/model';

type OverrideRow = typeof scheduleOverrides.$inferSelect;

function toOverride(row: OverrideRow): ScheduleOverride {
  const { tenant_id: _tenant, ...rest } = row;
  return rest;
}

const COLUMNS = raw('id, provider_id, date, type, start_time, end_time, location_id, reason, created_at');

/**
 * The provider's overrides (as `c`) that clash with `o` (see OverrideRepo.insertUnlessClash), which
 * mirror what the windows (core/availability/windows.ts) would make of two overrides of one kind:
 * - two `added` overlapping at one location would give two overlapping windows there, and windows are
 *   not merged (an added override always has a location, see createOverride);
 * - every `modified` override that applies at a location gives a window there, one at all locations
 *   (null) wherever a template applies that day; the templates can change later, so null is taken to
 *   meet every location;
 * - `blocked` overrides only subtract, and overlapping ones block their union: only the same date,
 *   location and hours (an exact duplicate, whatever its reason) clash.
 * [start, end) spans: touching hours do not overlap. `HH:MM` text compares in time order.
 */
function clashing(tenantId: string, o: ScheduleOverride): RawQuery {
  const same = q`c.tenant_id = ${tenantId} AND c.provider_id = ${o.provider_id} AND c.date = ${o.date} AND c.type = ${o.type}`;
  const overlap = q`c.start_time < ${o.end_time} AND c.end_time > ${o.start_time}`;
  switch (o.type) {
    case 'added':
      return q`${same} AND c.location_id = ${o.location_id} AND ${overlap}`;
    case 'modified':
      return q`${same} AND (c.location_id IS NULL OR ${o.location_id} IS NULL OR c.location_id = ${o.location_id}) AND ${overlap}`;
    case 'blocked':
      return q`${same} AND c.location_id IS ${o.location_id} AND c.start_time IS ${o.start_time} AND c.end_time IS ${o.end_time}`;
  }
}

function fromRow(row: Record<string, unknown>): ScheduleOverride {
  const text = (v: unknown) => (v === null || v === undefined ? null : String(v));
  return {
    id: String(row.id),
    provider_id: String(row.provider_id),
    date: String(row.date),
    type: String(row.type) as ScheduleOverride['type'],
    start_time: text(row.start_time),
    end_time: text(row.end_time),
    location_id: text(row.location_id),
    reason: text(row.reason),
    created_at: String(row.created_at),
  };
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
    // One step: the clash guard and the insert are one statement, so two identical requests at once
    // write one row; the read before it, in the same transaction, names what the guard saw.
    async insertUnlessClash(tenantId, override, reply) {
      const o = override;
      const clash = clashing(tenantId, o);
      const [found, inserted] = await runAtomic(db, [
        { all: q`SELECT ${COLUMNS} FROM schedule_overrides AS c WHERE ${clash} ORDER BY c.created_at, c.id LIMIT 1` },
        {
          run: q`INSERT INTO schedule_overrides (${COLUMNS}, tenant_id)
            SELECT ${o.id}, ${o.provider_id}, ${o.date}, ${o.type}, ${o.start_time}, ${o.end_time}, ${o.location_id}, ${o.reason},
              ${o.created_at}, ${tenantId}
            WHERE NOT EXISTS (SELECT 1 FROM schedule_overrides AS c WHERE ${clash})`,
        },
        ...replyAfterInsert(tenantId, reply, 'schedule_overrides', override.id),
        waitlistRecheckStep(
          tenantId,
          { providerId: override.provider_id },
          override.created_at,
          q`EXISTS (SELECT 1 FROM schedule_overrides WHERE id = ${override.id})`,
        ),
      ]);
      if (inserted === 1) return null;
      const [row] = found as Record<string, unknown>[];
      if (!row) throw new Error('override insert refused with no clashing override');
      return fromRow(row);
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
