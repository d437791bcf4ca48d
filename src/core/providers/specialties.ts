/**
 * Whether a specialty asked for is one the clinic has at all. Slot search and the waitlist match a
 * `specialty` against the providers' own (case and accents ignored, as the provider list's filter does);
 * a specialty no provider has can never give a time, so both refuse it with a 422 that says which
 * specialties there are, rather than an answer a client cannot tell from "no free time".
 */
import type { FieldError } from '../errors';
import type { ProviderRepo } from '../ports';

/** At most this many specialties are named in the message; the rest are counted. */
export const MAX_NAMED_SPECIALTIES = 30;

/**
 * The error for `specialty` when no provider of the clinic has it, active or not (a provider deactivated for
 * now still makes it a real specialty); null when one does. Matched as the `specialty` filter of
 * GET /providers and slot search match it. The message names the specialties of the clinic's active
 * providers. `consequence` follows the first clause, e.g. ', so no time could ever be offered'.
 */
export async function unknownSpecialty(
  providers: ProviderRepo,
  tenantId: string,
  specialty: string,
  consequence = '',
): Promise<FieldError | null> {
  const any = await providers.list(tenantId, { includeInactive: true, specialty }, { limit: 1 });
  if (any.items.length > 0) return null;
  const known = await providers.activeSpecialties(tenantId);
  const named = known.slice(0, MAX_NAMED_SPECIALTIES).map((s) => `'${s}'`);
  if (known.length > named.length) named.push(`and ${known.length - named.length} more (GET /providers lists them)`);
  const theirs = known.length === 0 ? 'the clinic has no active provider with a specialty' : `the specialties of its active providers: ${named.join(', ')}`;
  return { path: 'specialty', message: `no provider of this clinic has the specialty '${specialty}'${consequence}; ${theirs}` };
}
