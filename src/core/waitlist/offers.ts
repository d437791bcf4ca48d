/**
 * Offering a freed appointment time to the waitlist. The appointment service asks for the offers before
 * its atomic step and hands them to the repository with the cancellation (TransitionPlan.sideEffects):
 * the offers are written in the same step, only if the cancellation happened and each entry is still
 * waiting (ARCHITECTURE.md, conventions 6 and 7). The waitlist service does the same when a patient
 * gives an offered time back: the time goes to the next in line with the release.
 */
import type { CoreDeps } from '../deps';
import type { Appointment, OutboxEvent } from '../model';
import type { FreedAppointment, WaitlistOfferEffect } from '../ports';
import { localSpan } from '../time';
import { OFFERS_PER_FREED_TIME, OFFER_FALLBACKS, pickOffers, type FreedTime } from './matching';
import { waitlistOfferMessage } from './messages';

/** The most candidates read for one freed time, best first; the pure rules then pick among them. */
export const CANDIDATES_READ = 100;

export const WAITLIST_OFFER_MESSAGE_KIND = 'waitlist_offer';

export function makeWaitlistOffers({ repos, clock, ids, settings }: CoreDeps) {
  return {
    /**
     * The offers of `appointment`'s time, to be written with the change that frees it (at `at`).
     * Nothing is offered when the time starts within the minimum booking notice (or has passed), when
     * its provider, location or appointment type is no longer active, or when `replacement` (the
     * appointment it is rescheduled to) still takes part of that time; the atomic step writes an offer
     * only if the provider can still take the time then (the replacement may be within a buffer of it,
     * or a booking beside a time given back may have been made since). Entries offered this time before
     * are not offered it again.
     */
    async forFreedTime(
      tenantId: string,
      appointment: FreedAppointment,
      at: string,
      replacement?: Pick<Appointment, 'start_time' | 'end_time'>,
    ): Promise<WaitlistOfferEffect[]> {
      const start = Date.parse(appointment.start_time);
      const end = Date.parse(appointment.end_time);
      if (start < clock.now().getTime() + settings.minNoticeMinutes * 60_000) return [];
      if (replacement && Date.parse(replacement.start_time) < end && Date.parse(replacement.end_time) > start) return [];

      const context = await repos.waitlist.freedTimeContext(tenantId, appointment, CANDIDATES_READ, at);
      const { provider, location } = context;
      if (!provider?.is_active || !location?.is_active || !context.appointmentTypeActive) return [];

      const local = localSpan(new Date(start), new Date(end), location.timezone);
      const freed: FreedTime = {
        appointment_id: appointment.id,
        provider_id: appointment.provider_profile_id,
        location_id: appointment.location_id,
        appointment_type_id: appointment.appointment_type_id,
        patient_id: appointment.patient_id,
        start_time: appointment.start_time,
        end_time: appointment.end_time,
        local: { date: local.date, time: local.start },
      };
      const chosen = pickOffers(context.candidates, freed, OFFERS_PER_FREED_TIME + OFFER_FALLBACKS);
      const buffer = provider.buffer * 60_000;
      const booking = {
        provider: { buffer: provider.buffer, maxConcurrent: provider.maxConcurrent, maxDaily: provider.maxDaily },
        extendedStart: new Date(start - buffer).toISOString(),
        extendedEnd: new Date(end + buffer).toISOString(),
        local,
        timezone: location.timezone,
        appointmentTypeId: freed.appointment_type_id,
      };

      const effects: WaitlistOfferEffect[] = [];
      for (const { entry, patient } of chosen) {
        const offerId = ids.uuid();
        const slot = {
          provider_id: freed.provider_id,
          location_id: freed.location_id,
          appointment_type_id: freed.appointment_type_id,
          start_time: freed.start_time,
          end_time: freed.end_time,
        };
        const { text, template } = waitlistOfferMessage({
          patientName: patient.name,
          providerName: provider.name,
          locationName: location.name,
          timezone: location.timezone,
          startTime: freed.start_time,
        });
        const message = { id: ids.uuid(), channel: patient.preferred_channel, text };
        // The message is sent by our channels (channels/patient-messages.ts) and rides in the event too, for a
        // clinic's system that reaches its patients otherwise; the patient's SIM or NÃO comes back through the conversation.
        const event: OutboxEvent = {
          id: ids.uuid(),
          event_type: 'waitlist.slot_available',
          aggregate_id: entry.id,
          payload: { entry_id: entry.id, offer_id: offerId, patient_id: entry.patient_id, ...slot, message },
          created_at: at,
        };
        effects.push({
          kind: 'waitlist_offer',
          tenantId,
          patientId: entry.patient_id,
          booking,
          offer: {
            id: offerId,
            entry_id: entry.id,
            source_appointment_id: appointment.id,
            provider_id: freed.provider_id,
            location_id: freed.location_id,
            start_time: freed.start_time,
            end_time: freed.end_time,
            offered_at: at,
          },
          before: effects.map((e) => e.offer.id),
          maxOffers: OFFERS_PER_FREED_TIME,
          event,
          message: {
            id: message.id,
            patient_id: entry.patient_id,
            channel: message.channel,
            kind: WAITLIST_OFFER_MESSAGE_KIND,
            body: message.text,
            // `template`: its text as its WhatsApp template's parameters, for a channel that sends it so
            payload: { entry_id: entry.id, offer_id: offerId, ...slot, template },
            created_at: at,
          },
        });
      }
      return effects;
    },
  };
}

export type WaitlistOffers = ReturnType<typeof makeWaitlistOffers>;
