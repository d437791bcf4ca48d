/**
 * The booking machine's world for one turn of one conversation: each actor of
 * machines/booking/world.ts as a call into the core, bound to the tenant, the patient, the channel and
 * the turn's clock. Refusals come back as data (`{ ok: false }`) for the machine to talk about; only
 * bugs throw.
 */
import type { Core } from '../../src/core';
import { BookingRefusedError, ConflictError, InvalidTransitionError, NotFoundError, ValidationError } from '../../src/core/errors';
import type { BookingRule } from '../../src/core/appointments/rules';
import { suggestSlots } from '../../src/core/availability/suggest';
import { MAX_SLOT_LIMIT } from '../../src/core/availability/service';
import { workingWindows } from '../../src/core/availability/windows';
import type { Appointment, OutboxEvent } from '../../src/core/model';
import type { UpcomingOffer } from '../../src/core/ports';
import type { WaitlistEntryDetail } from '../../src/core/waitlist/service';
import { addDays, DEFAULT_TIMEZONE, localDate, minutesOfDay, utcToLocal } from '../../src/core/time';
import type { LanguageCatalog } from '../../src/core/language/types';
import { foldKey } from '../../src/core/language/normalize';
import type { OfferedSlot, PatientAppointment, PatientWaitlistEntry, WaitlistOfferView, WorldActors } from '../booking/world';
import { dayPeriodsSearched, firstNameOf, wishedPeriods } from '../booking/dialogue';

export interface TurnScope {
  tenantId: string;
  patientId: string;
  channel: string;
  /** the turn's instant */
  now: Date;
  /** events the turn raised, saved with its snapshot */
  events: OutboxEvent[];
  newId(): string;
  /** the tenant's names, read once for the turn */
  catalog: LanguageCatalog;
}

type Impl = { [K in keyof WorldActors]: (input: WorldActors[K]['input']) => Promise<WorldActors[K]['output']> };

/** Who the core records as having made a change from a conversation. */
const ACTOR = 'conversation';
const UPCOMING_STATUSES = ['requested', 'confirmed'] as const;
/** The booking rules that refuse because other appointments fill the time. */
const TIME_FILLED = new Set<BookingRule>(['max_concurrent', 'room_taken', 'max_daily']);

/** A waitlist entry as the conversation names it: whom it waits for (the provider's name, the specialties it may be asked by) and what. */
function patientEntry(c: LanguageCatalog, e: WaitlistEntryDetail): PatientWaitlistEntry {
  const provider = e.provider_id ? c.providers.find((p) => p.id === e.provider_id) : undefined;
  const type = c.appointmentTypes.find((y) => y.id === e.appointment_type_id);
  const specialties = [e.specialty, ...(provider?.specialties ?? []), type?.specialty].filter((s): s is string => !!s);
  return {
    id: e.id,
    specialty: e.specialty,
    provider_name: provider?.name ?? null,
    provider_id: e.provider_id,
    specialties: [...new Set(specialties)],
    location_id: e.location_id,
    date_from: e.date_from,
    date_to: e.date_to,
    periods: e.periods,
    position: e.position,
  };
}

/** The clinic's names of the providers, in the order given (a provider with no name on file left out). */
function clinicNamesOf(ids: readonly string[], catalog: LanguageCatalog): string[] {
  return ids.flatMap((id) => {
    const name = catalog.providers.find((p) => p.id === id)?.name;
    return name ? [name] : [];
  });
}

export function worldFor(core: Core, scope: TurnScope): Impl {
  const { tenantId, patientId } = scope;
  const catalog = async () => scope.catalog;
  const nowIso = scope.now.toISOString();

  /** Who, what and where a time is with, by the catalog's names, and its start local to its location. */
  async function namesOf(t: { provider_id: string; appointment_type_id: string; location_id: string; start_time: string }) {
    const c = await catalog();
    const provider = c.providers.find((p) => p.id === t.provider_id);
    const type = c.appointmentTypes.find((y) => y.id === t.appointment_type_id);
    const location = c.locations.find((l) => l.id === t.location_id);
    const timezone = location?.timezone ?? DEFAULT_TIMEZONE;
    const local = utcToLocal(new Date(t.start_time), timezone);
    return {
      provider_name: provider?.name ?? null,
      specialty: type?.specialty ?? (provider?.specialties.length === 1 ? provider.specialties[0]! : null),
      appointment_type_name: type?.name ?? '',
      location_name: location?.name ?? '',
      location_address: location?.address ?? null,
      timezone,
      date: local.date,
      start_time: local.time,
    };
  }

  /** A waitlist entry of this tenant, or null when there is none by that id. */
  function entryOrNull(id: string) {
    return core.waitlist.get(tenantId, id).catch((error: unknown) => {
      if (error instanceof NotFoundError) return null;
      throw error;
    });
  }

  /** Removes those of the entries that are the patient's and still active (the core's removal); how many it removed. */
  async function leave(entryIds: readonly string[]): Promise<number> {
    let removed = 0;
    for (const id of entryIds) {
      const entry = await entryOrNull(id);
      if (!entry || entry.patient_id !== patientId || (entry.status !== 'waiting' && entry.status !== 'offered')) continue;
      await core.waitlist.remove(tenantId, id);
      removed++;
    }
    return removed;
  }

  /** A freed time offered to the patient, described, with whether its entry waits for that provider. */
  async function offerView(offer: UpcomingOffer): Promise<WaitlistOfferView> {
    const { timezone: _zone, ...names } = await namesOf(offer);
    const entry = await entryOrNull(offer.entry_id);
    return {
      id: offer.id,
      stands: offer.stands,
      entry_id: offer.entry_id,
      provider_id: offer.provider_id,
      waits_for_provider: entry?.provider_id === offer.provider_id,
      ...names,
    };
  }

  async function describe(a: Appointment): Promise<PatientAppointment> {
    const names = await namesOf({ ...a, provider_id: a.provider_profile_id });
    return {
      ...names,
      id: a.id,
      status: a.status,
      version: a.version,
      provider_id: a.provider_profile_id,
      appointment_type_id: a.appointment_type_id,
      location_id: a.location_id,
      start_at: a.start_time,
      end_at: a.end_time,
    };
  }

  /**
   * A refusal of the core as the machine's data: the time is `taken` (other bookings fill it, or the
   * write lost a race), or `refused` (a rule about this patient, provider or place).
   */
  function refusal(error: unknown): { ok: false; reason: 'taken' | 'refused'; detail: string } {
    if (error instanceof BookingRefusedError) {
      return { ok: false, reason: TIME_FILLED.has(error.rule) ? 'taken' : 'refused', detail: error.message };
    }
    if (error instanceof ConflictError) return { ok: false, reason: 'taken', detail: error.message };
    if (error instanceof ValidationError || error instanceof InvalidTransitionError || error instanceof NotFoundError) {
      return { ok: false, reason: 'refused', detail: error.message };
    }
    throw error;
  }

  return {
    async understand({ message }) {
      const u = await core.language.understand(tenantId, { message, patient_id: patientId, reference_time: scope.now, suggest: false, patientChecked: true });
      return {
        ...u,
        provider_names: clinicNamesOf(u.resolved.provider_ids, scope.catalog),
        provider_specialties: u.resolved.provider_ids.map((id) => [...(scope.catalog.providers.find((p) => p.id === id)?.specialties ?? [])]),
      };
    },

    async specialtyProviders({ specialty }) {
      const c = await catalog();
      const key = foldKey(specialty);
      return c.providers.filter((p) => p.specialties.some((s) => foldKey(s) === key)).map((p) => ({ id: p.id, name: p.name }));
    },

    async specialtyHours({ specialty, provider_ids, dates }) {
      const c = await catalog();
      const key = specialty ? foldKey(specialty) : null;
      const providers =
        provider_ids.length > 0
          ? c.providers.filter((p) => provider_ids.includes(p.id))
          : key
            ? c.providers.filter((p) => p.specialties.some((s) => foldKey(s) === key))
            : [];
      const places = c.locations.map((l) => ({ id: l.id, name: l.name, address: l.address ?? null }));
      const templates = (
        await Promise.all(providers.map((p) => core.schedules.listTemplates(tenantId, p.id, { includeInactive: false }, { limit: 200 })))
      ).flatMap((page) => page.items);
      const hours = templates
        .filter((t) => t.is_active && (t.effective_until === null || t.effective_until >= localDate(scope.now, c.timezone)))
        .flatMap((t) => {
          const place = places.find((l) => l.id === t.location_id);
          if (!place) return [];
          return [{ provider_id: t.provider_id, provider_name: providers.find((p) => p.id === t.provider_id)?.name ?? null, location_id: t.location_id, location_name: place.name, day_of_week: t.day_of_week, start_time: t.start_time, end_time: t.end_time }];
        });
      if (!dates || dates.length === 0) return { hours, places };
      // the days asked: templates and date overrides together, as the slot search reads them
      const from = dates.reduce((a, b) => (a < b ? a : b));
      const to = dates.reduce((a, b) => (a > b ? a : b));
      const timezones = new Map(c.locations.map((l) => [l.id, l.timezone]));
      const dayHours = (
        await Promise.all(
          providers.map(async (p) => {
            const overrides = (await core.schedules.listOverrides(tenantId, p.id, { date_from: from, date_to: to }, { limit: 200 })).items;
            const own = templates.filter((t) => t.provider_id === p.id);
            return workingWindows({ templates: own, overrides, timezones }, from, to).flatMap((w) => {
              const place = places.find((l) => l.id === w.location_id);
              if (!place || !dates.includes(w.date)) return [];
              return [{ provider_id: p.id, location_id: w.location_id, location_name: place.name, date: w.date, start_time: w.start, end_time: w.end }];
            });
          }),
        )
      ).flat();
      return { hours, places, dayHours };
    },

    async searchSlots({ facts, limit, exclude, moving = null }) {
      if (!facts.appointment_type_id || !facts.date_from || !facts.date_to) return [];
      if (!facts.specialty && facts.provider_ids.length === 0) return [];
      const c = await catalog();
      const zone = c.locations.find((l) => l.id === facts.location_id)?.timezone ?? c.timezone;
      // the patient's own appointments on those days (a day either side: local dates differ by place): no time
      // overlapping one is offered, since the booking would be refused (the patient_overlap rule)
      const own = (
        await core.appointments.patientBusyTimes(tenantId, patientId, `${addDays(facts.date_from, -1)}T00:00:00.000Z`, `${addDays(facts.date_to, 2)}T00:00:00.000Z`)
      ).filter((a) => a.id !== moving);
      const free = (s: { start_at: string; end_at: string }) => !own.some((a) => a.start_time < s.end_at && a.end_time > s.start_at);
      // enough more slots to make up for those left out
      const wanted = facts.time || own.length > 0 ? MAX_SLOT_LIMIT : limit;
      const slots = await suggestSlots(
        core.availability,
        tenantId,
        {
          date_from: facts.date_from,
          date_to: facts.date_to,
          dates: facts.dates,
          // each day's own parts of the day, only on the days searched ("qualquer dia menos quarta à noite")
          day_periods: dayPeriodsSearched(facts),
          appointment_type_id: facts.appointment_type_id,
          provider_ids: facts.provider_ids,
          specialty: facts.specialty,
          exclude_provider_ids: facts.exclude_provider_ids,
          location_id: facts.location_id,
          period: facts.period,
          time: facts.time,
          time_from: facts.time_from,
          time_to: facts.time_to,
          // absent in facts saved before it was kept
          refused_periods: facts.refused_periods ?? [],
          // an exact time asked: every start scored, the nearest to it taken below
          limit: wanted,
          exclude,
        },
        localDate(scope.now, zone),
      ).then((all) => all.filter(free));
      const type = c.appointmentTypes.find((t) => t.id === facts.appointment_type_id);
      // "segunda às 14h": the starts nearest to 14:00, whatever else the score favours (a provider's primary place
      // 2h30 earlier is not "near 14:00"); ties keep the score's order (earlier days first)
      const asked = facts.time ? minutesOfDay(facts.time) : null;
      const nearest =
        asked === null
          ? slots
          : slots
              .map((s, i) => ({ s, i, d: Math.abs(minutesOfDay(s.start_time) - asked) }))
              .sort((a, b) => a.d - b.d || a.i - b.i)
              .map((x) => x.s);
      return nearest.slice(0, limit).map(
        (s): OfferedSlot => ({
          ...s,
          appointment_type_id: facts.appointment_type_id!,
          appointment_type_name: type?.name ?? '',
          location_address: c.locations.find((l) => l.id === s.location.id)?.address ?? null,
        }),
      );
    },

    async book({ slot, replaces }) {
      try {
        const created = await core.appointments.create(
          tenantId,
          {
            provider_profile_id: slot.provider_id,
            patient_id: patientId,
            appointment_type_id: slot.appointment_type_id,
            location_id: slot.location.id,
            start_time: slot.start_at,
            end_time: slot.end_at,
            source: scope.channel,
          },
          ACTOR,
        );
        // what the patient waited for is booked now: their entries it serves leave the waitlist (said after the booking);
        // the booking stands whatever happens to them
        const left = await core.waitlist.leaveServed(tenantId, created, replaces ?? null).catch(() => []);
        const c = left.length > 0 ? await catalog() : null;
        return { ok: true, appointment: await describe(created), leftWaitlist: c ? left.map((e) => patientEntry(c, e)) : [] };
      } catch (error) {
        return refusal(error);
      }
    },

    async listAppointments({ started = false, missedSince }) {
      const c = await catalog();
      const page = await core.appointments.list(
        tenantId,
        {
          patient_id: patientId,
          statuses: missedSince ? [...UPCOMING_STATUSES, 'no_show'] : [...UPCOMING_STATUSES],
          date_from: missedSince ?? localDate(scope.now, c.timezone),
        },
        { limit: 50 },
      );
      const upcoming = page.items
        // a missed appointment (asked to move): one that has begun, still requested or confirmed, or no-show
        .filter((a) => (a.status !== 'no_show' && (a.start_time > nowIso || (started && a.end_time > nowIso))) || (!!missedSince && a.start_time <= nowIso))
        .sort((a, b) => a.start_time.localeCompare(b.start_time));
      return Promise.all(upcoming.map(describe));
    },

    async cancel({ appointmentId }) {
      try {
        const cancelled = await core.appointments.transition(tenantId, appointmentId, 'cancel', { by: 'patient', reason: 'Cancelled by the patient in a conversation' }, ACTOR);
        return { ok: true, appointment: await describe(cancelled) };
      } catch (error) {
        return refusal(error);
      }
    },

    async confirm({ appointmentId }) {
      try {
        const confirmed = await core.appointments.transition(tenantId, appointmentId, 'confirm', { by: 'patient' }, ACTOR);
        return { ok: true, appointment: await describe(confirmed) };
      } catch (error) {
        return refusal(error);
      }
    },

    async reschedule({ appointmentId, slot }) {
      try {
        const moved = await core.appointments.reschedule(
          tenantId,
          appointmentId,
          {
            new_start_time: slot.start_at,
            new_end_time: slot.end_at,
            new_location_id: slot.location.id,
            // the same provider, or another one when the patient asked for a change of doctor
            new_provider_profile_id: slot.provider_id,
            reason: 'Rescheduled by the patient in a conversation',
          },
          ACTOR,
        );
        return { ok: true, appointment: await describe(moved) };
      } catch (error) {
        return refusal(error);
      }
    },

    async joinWaitlist({ facts, replaces }) {
      if (!facts.appointment_type_id || (!facts.specialty && facts.provider_ids.length === 0)) {
        return { ok: false, detail: 'a specialty or provider and an appointment type are needed' };
      }
      try {
        // a changed wish replaces its entry in the same step as the new one's insert (both or neither)
        const entry = await core.waitlist.create(
          tenantId,
          {
            patient_id: patientId,
            appointment_type_id: facts.appointment_type_id,
            ...(facts.provider_ids.length === 1 ? { provider_id: facts.provider_ids[0]! } : { specialty: facts.specialty }),
            location_id: facts.location_id,
            date_from: facts.date_from,
            date_to: facts.date_to,
            periods: wishedPeriods(facts),
          },
          undefined,
          replaces ?? undefined,
        );
        // the position as the insert's own step left it (a new entry waits, so it has one)
        return { ok: true, id: entry.id, position: entry.position! };
      } catch (error) {
        if (error instanceof ValidationError || error instanceof ConflictError) return { ok: false, detail: error.message };
        throw error;
      }
    },

    async leaveWaitlist({ entryIds }) {
      try {
        return { ok: true, removed: await leave(entryIds) };
      } catch (error) {
        if (error instanceof ConflictError || error instanceof NotFoundError) return { ok: false, detail: error.message };
        throw error;
      }
    },

    async listWaitlist() {
      const c = await catalog();
      const page = await core.waitlist.list(tenantId, { patient_id: patientId }, { limit: 50 });
      const entries = page.items
        .slice()
        .sort((a, b) => a.created_at.localeCompare(b.created_at))
        .map((e) => patientEntry(c, e));
      const places = c.locations.map((l) => ({ id: l.id, name: l.name }));
      const latest = await core.waitlist.latestOffer(tenantId, patientId, null);
      if (!latest?.stands) return { entries, offer: null, places };
      return { entries, offer: await offerView(latest), places };
    },

    async latestOffer({ since }) {
      const offer = await core.waitlist.latestOffer(tenantId, patientId, since);
      return offer ? offerView(offer) : null;
    },

    async acceptOffer({ offerId }) {
      try {
        const booked = await core.waitlist.acceptOffer(tenantId, patientId, offerId, scope.channel, ACTOR);
        return { ok: true, appointment: await describe(booked) };
      } catch (error) {
        return refusal(error);
      }
    },

    async declineOffer({ offerId }) {
      return { ok: await core.waitlist.declineOffer(tenantId, patientId, offerId) };
    },

    clinicInfo: () => core.language.clinicInfo(tenantId),

    async savePatientName({ name }) {
      try {
        const current = await core.patients.get(tenantId, patientId);
        // a name the clinic recorded since the question was asked is kept: only a phone-named record is renamed
        if (firstNameOf(current.name) !== '') return { ok: true, name: current.name };
        const updated = await core.patients.update(tenantId, patientId, { name });
        return { ok: true, name: updated.name };
      } catch (error) {
        if (error instanceof ValidationError || error instanceof NotFoundError) return { ok: false, detail: error.message };
        throw error;
      }
    },

    async requestHandoff({ reason, complaint }) {
      scope.events.push({
        id: scope.newId(),
        event_type: 'conversation.handoff_requested',
        aggregate_id: patientId,
        payload: { patient_id: patientId, channel: scope.channel, reason, complaint, requested_at: nowIso },
        created_at: nowIso,
      });
      return { ok: true };
    },
  };
}
