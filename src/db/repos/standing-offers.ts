/**
 * Standing waitlist offers (an `offered` entry's latest offer) and what a change to the clinic's
 * records does to them. Kept apart from waitlist.ts so that the repositories of those records can add
 * the step to their writes without importing the waitlist's (which imports theirs).
 */
import type { AtomicStep } from '../atomic';
import { q, raw, type RawQuery } from '../raw-sql';
import { standingOfferStillTakeable } from '../appointment-guards';

/** Offer `f` is its entry's latest (an entry's standing offer, if the entry is `offered`). */
export const LATEST_OFFER = `NOT EXISTS (SELECT 1 FROM waitlist_offers g WHERE g.entry_id = f.entry_id
  AND (g.offered_at > f.offered_at OR (g.offered_at = f.offered_at AND g.id > f.id)))`;

/**
 * Entry `alias` still wants a time with the provider `providerId`: it names that provider, or it names
 * none and the provider has the entry's specialty (case and accents ignored, as offers are matched).
 * Never NULL (it is negated).
 */
export function entryWantsProvider(alias: 'w', providerId: string | RawQuery): RawQuery {
  return q`((${raw(alias)}.provider_id IS NOT NULL AND ${raw(alias)}.provider_id = ${providerId}) OR (${raw(alias)}.provider_id IS NULL AND EXISTS (
    SELECT 1 FROM providers pw, json_each(pw.specialty_keys) ps WHERE pw.id = ${providerId}
      AND ps.value = ${raw(alias)}.specialty_key)))`;
}

/**
 * That the change to the row `id` of `table` was written: the row now carries the change's `updated_at`
 * (the `happened` of a waitlistRecheckStep that follows an update).
 */
export function rowWrittenAt(
  table: 'providers' | 'patients' | 'locations' | 'appointment_types' | 'schedule_templates',
  tenantId: string,
  id: string,
  updatedAt: string,
): RawQuery {
  return q`EXISTS (SELECT 1 FROM ${raw(table)} WHERE id = ${id} AND tenant_id = ${tenantId} AND updated_at = ${updatedAt})`;
}

/** The standing offers a change of the clinic's records may have left untakeable: those of one of these. */
export type StandingOfferScope =
  | { providerId: string }
  | { locationId: string }
  | { appointmentTypeId: string }
  | { patientId: string };

/**
 * What a change to the clinic's records does to the waitlist's standing offers, for the change's own
 * atomic step (`happened`: that the change was written, at `at`): every entry whose standing offer, of a
 * time still to come, lies in `scope` and can no longer be taken as the offer would now be written
 * (standingOfferStillTakeable: the provider's limits as they now are, its hours, the records active,
 * the provider taking the patient) or whose entry no longer wants its provider (entryWantsProvider: a
 * specialty the provider no longer has) waits again, as a booking sends such entries back
 * (waitlistBookingSteps), and can be offered the next freed time. Offers left takeable stand.
 */
export function waitlistRecheckStep(tenantId: string, scope: StandingOfferScope, at: string, happened: RawQuery): AtomicStep {
  const which =
    'providerId' in scope
      ? q`f.provider_id = ${scope.providerId}`
      : 'locationId' in scope
        ? q`f.location_id = ${scope.locationId}`
        : 'appointmentTypeId' in scope
          ? q`w.appointment_type_id = ${scope.appointmentTypeId}`
          : q`w.patient_id = ${scope.patientId}`;
  return {
    run: q`UPDATE waitlist_entries SET status = 'waiting', updated_at = ${at}
      WHERE id IN (SELECT f.entry_id FROM waitlist_offers f JOIN waitlist_entries w ON w.id = f.entry_id
          JOIN providers pl ON pl.id = f.provider_id
          WHERE ${which} AND f.start_time > ${at} AND f.tenant_id = ${tenantId}
            AND w.status = 'offered' AND ${raw(LATEST_OFFER)}
            AND NOT (${entryWantsProvider('w', raw('f.provider_id'))} AND ${standingOfferStillTakeable()}))
        AND status = 'offered'
        AND ${happened}`,
  };
}

