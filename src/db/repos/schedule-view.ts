/**
 * Range reads behind a provider's locations schedule and cross-location conflicts. Each is one
 * indexed query: appointments by (provider_profile_id, local_date), overrides by (provider_id, date).
 */
import { and, asc, eq, gte, inArray, lte } from 'drizzle-orm';
import type { AppDatabase } from '../database';
import { appointments, locations, scheduleOverrides } from '../schema';
import type { ScheduleViewRepo } from '../../core/ports';
import type { Appointment, ScheduleOverride } from '../../core/model';
import { inList } from './in-list';

export function scheduleViewRepo(db: AppDatabase): ScheduleViewRepo {
  return {
    async appointmentsOnDates(tenantId, providerId, dateFrom, dateTo, statuses) {
      if (statuses.length === 0) return [];
      const rows = await db
        .select()
        .from(appointments)
        .where(
          and(
            eq(appointments.provider_profile_id, providerId),
            eq(appointments.tenant_id, tenantId),
            gte(appointments.local_date, dateFrom),
            lte(appointments.local_date, dateTo),
            inArray(appointments.status, [...statuses]),
          ),
        )
        .orderBy(asc(appointments.start_time), asc(appointments.id));
      return rows.map(({ tenant_id: _t, local_date: _d, change_id: _c, ...rest }): Appointment => rest);
    },

    async overridesOnDates(tenantId, providerId, dateFrom, dateTo) {
      const rows = await db
        .select()
        .from(scheduleOverrides)
        .where(
          and(
            eq(scheduleOverrides.provider_id, providerId),
            eq(scheduleOverrides.tenant_id, tenantId),
            gte(scheduleOverrides.date, dateFrom),
            lte(scheduleOverrides.date, dateTo),
          ),
        )
        .orderBy(asc(scheduleOverrides.date), asc(scheduleOverrides.created_at), asc(scheduleOverrides.id));
      return rows.map(({ tenant_id: _t, ...rest }): ScheduleOverride => rest);
    },

    async locationsByIds(tenantId, ids) {
      if (ids.length === 0) return [];
      return db
        .select({
          id: locations.id,
          name: locations.name,
          timezone: locations.timezone,
          travel_minutes: locations.travel_minutes,
          is_active: locations.is_active,
        })
        .from(locations)
        .where(and(eq(locations.tenant_id, tenantId), inList(locations.id, ids)))
        .orderBy(asc(locations.name), asc(locations.id));
    },
  };
}
