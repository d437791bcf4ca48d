/** The tenant's names the language layer reads: active providers, types and locations, one query each. */
import { and, asc, eq } from 'drizzle-orm';
import type { AppDatabase } from '../database';
import { appointmentTypes, locations, providers } from '../schema';
import type { LanguageCatalogRepo } from '../../core/ports';
import { readRows } from '../atomic';
import { q } from '../raw-sql';

export function languageCatalogRepo(db: AppDatabase): LanguageCatalogRepo {
  return {
    async catalog(tenantId) {
      const [providerRows, typeRows, locationRows] = await Promise.all([
        db
          .select({ id: providers.id, name: providers.name, specialties: providers.specialties })
          .from(providers)
          .where(and(eq(providers.tenant_id, tenantId), eq(providers.is_active, true)))
          .orderBy(asc(providers.created_at), asc(providers.id)),
        db
          .select({
            id: appointmentTypes.id,
            name: appointmentTypes.name,
            synonyms: appointmentTypes.synonyms,
            specialty: appointmentTypes.specialty,
            duration_minutes: appointmentTypes.duration_minutes,
          })
          .from(appointmentTypes)
          .where(and(eq(appointmentTypes.tenant_id, tenantId), eq(appointmentTypes.is_active, true)))
          .orderBy(asc(appointmentTypes.created_at), asc(appointmentTypes.id)),
        db
          .select({ id: locations.id, name: locations.name, address: locations.address, timezone: locations.timezone })
          .from(locations)
          .where(and(eq(locations.tenant_id, tenantId), eq(locations.is_active, true)))
          .orderBy(asc(locations.created_at), asc(locations.id)),
      ]);
      const specialties = [...new Set(providerRows.flatMap((p) => p.specialties))];
      return { specialties, providers: providerRows, appointmentTypes: typeRows, locations: locationRows };
    },

    async openingHours(tenantId) {
      const rows = await readRows(
        db,
        q`SELECT t.location_id AS location_id, t.day_of_week AS day_of_week, min(t.start_time) AS opens, max(t.end_time) AS closes
          FROM schedule_templates t JOIN providers p ON p.id = t.provider_id
          WHERE t.tenant_id = ${tenantId} AND t.is_active = 1 AND p.is_active = 1
          GROUP BY t.location_id, t.day_of_week`,
      );
      return rows.map((r) => ({ location_id: r.location_id as string, day_of_week: r.day_of_week as number, opens: r.opens as string, closes: r.closes as string }));
    },
  };
}
