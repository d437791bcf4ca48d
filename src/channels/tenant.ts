/**
 * The tenant the channels serve: one deployment answers one clinic's WhatsApp number and SMS line.
 * CHANNELS_TENANT names it (its id or its name); left unset, the database's only tenant (the demo
 * clinic on a fresh start). Read on the first message and kept: the value, never the promise of the
 * read, since on Workers a request may not await another request's I/O.
 */
import type { TenantRepo } from '../core/ports';
import { ServiceUnavailableError } from '../core/errors';

export function channelTenant(tenants: TenantRepo, configured: string | undefined): () => Promise<string> {
  let resolved: string | undefined;
  return async () => {
    if (resolved !== undefined) return resolved;
    if (configured) {
      const tenant = (await tenants.get(configured)) ?? (await tenants.findByName(configured));
      if (!tenant) throw new ServiceUnavailableError(`CHANNELS_TENANT '${configured}' is neither the id nor the name of a tenant`);
      return (resolved = tenant.id);
    }
    const all = await tenants.someIds(2);
    if (all.length !== 1) {
      throw new ServiceUnavailableError(
        `The channels serve one tenant and the database has ${all.length === 0 ? 'none' : 'several'}: set CHANNELS_TENANT to the id or name of the clinic they serve`,
      );
    }
    return (resolved = all[0]!);
  };
}
