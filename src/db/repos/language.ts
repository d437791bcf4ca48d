/** The tenant's names the language layer reads: active providers, types and locations, one query each. */
import { and, asc, eq } from 'drizzle-orm';
import type { AppDatabase } from '../database';
import { appointmentTypes, locations, providers } from '../schema';
import type { LanguageCatalogRepo } from '../../core/ports';

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
          .select({ id: appointmentTypes.id, name: appointmentTypes.name, synonyms: appointmentTypes.synonyms, specialty: appointmentTypes.specialty })
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
  };
}
