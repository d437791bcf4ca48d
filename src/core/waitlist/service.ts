/**
 * Waitlist commands: add, list, get, position, remove, and the patient's answer to an offer (take the
 * time, or turn it down). Offers of freed times are made with the cancellation that frees them
 * (./offers.ts, called by the appointment service), and with the answer that gives a time back.
 *
 * Queues: an entry with a provider waits in that provider's queue; an entry without one waits in its
 * specialty's queue (case and accents ignored). Within a queue, active entries (waiting, offered) rank
 * by priority (higher first), then arrival.
 */
import type { CoreDeps } from '../deps';
import { makeWaitlistOffers } from './offers';
import { servedByBooking } from './matching';
import type { AppointmentService } from '../appointments/service';
import { ConcurrentChangeError, ConflictError, DomainError, NotFoundError, ValidationError, type FieldError } from '../errors';
import { ACTIVE_WAITLIST_STATUSES, type Appointment, type DayPeriod, type OutboxEvent, type Page, type PageRequest, type WaitlistEntry, type WaitlistStatus } from '../model';
import type { RenderReply, UpcomingOffer, WaitlistEntryView, WaitlistReferences } from '../ports';
import { canonicalSpecialty } from '../providers/providers';
import { unknownSpecialty } from '../providers/specialties';
import { isValidDate, localDate, localSpan } from '../time';
import { parsePeriod } from '../periods';
import { foldKey } from '../language/normalize';

export interface WaitlistCreate {
  patient_id: string;
  appointment_type_id: string;
  provider_id?: string | null;
  specialty?: string | null;
  location_id?: string | null;
  /** local dates, inclusive */
  date_from?: string | null;
  date_to?: string | null;
  /** manha, tarde, noite ("manhã" and any case accepted) */
  periods?: string[];
  priority?: number;
  notes?: string | null;
}

export interface WaitlistListFilter {
  patient_id?: string;
  provider_id?: string;
  specialty?: string;
  /** default: the active ones (waiting, offered) */
  statuses?: WaitlistStatus[];
}

export interface WaitlistPosition {
  id: string;
  position: number;
  ahead: number;
  total: number;
}

/** An entry as clients see it: its fields, its rank in its queue (null when not active) and its offers. */
export type WaitlistEntryDetail = WaitlistEntry & Pick<WaitlistEntryView, 'position' | 'offers'>;

function detail(view: WaitlistEntryView): WaitlistEntryDetail {
  const { ahead: _a, total: _t, ...rest } = view;
  return rest;
}

/** A new entry as clients see it (fields in the order a stored entry is read): offered nothing yet. */
function newDetail(entry: WaitlistEntry, position: number | null): WaitlistEntryDetail {
  return {
    id: entry.id,
    patient_id: entry.patient_id,
    appointment_type_id: entry.appointment_type_id,
    provider_id: entry.provider_id,
    specialty: entry.specialty,
    location_id: entry.location_id,
    date_from: entry.date_from,
    date_to: entry.date_to,
    periods: entry.periods,
    priority: entry.priority,
    status: entry.status,
    notes: entry.notes,
    created_at: entry.created_at,
    updated_at: entry.updated_at,
    position,
    offers: [],
  };
}

export const WAITLIST_LIMITS = {
  priority: [-1000, 1000],
  specialty: 100,
  notes: 2000,
} as const;

/**
 * "Today" for a `date_to` without a location: the date in Brazil's westernmost zone (Acre, UTC-5), the
 * last place in the country where a day ends, so a range still open anywhere is accepted.
 */
const LATEST_ZONE = 'America/Rio_Branco';

const MAX_ATTEMPTS = 3;

function cleanInput(input: WaitlistCreate): {
  provider_id: string | null;
  specialty: string | null;
  location_id: string | null;
  date_from: string | null;
  date_to: string | null;
  periods: DayPeriod[];
  priority: number;
  notes: string | null;
} {
  const errors: FieldError[] = [];
  const specialty = input.specialty === undefined || input.specialty === null ? null : canonicalSpecialty(input.specialty);
  if (specialty !== null && (specialty.length === 0 || specialty.length > WAITLIST_LIMITS.specialty)) {
    errors.push({ path: 'specialty', message: `expected 1 to ${WAITLIST_LIMITS.specialty} characters` });
  }
  const provider_id = input.provider_id ?? null;
  if (provider_id === null && (specialty === null || specialty.length === 0) && errors.length === 0) {
    errors.push({ path: 'provider_id', message: 'provider_id or specialty is required' });
  }
  const date_from = input.date_from ?? null;
  const date_to = input.date_to ?? null;
  if (date_from !== null && !isValidDate(date_from)) errors.push({ path: 'date_from', message: 'expected a calendar date YYYY-MM-DD' });
  if (date_to !== null && !isValidDate(date_to)) errors.push({ path: 'date_to', message: 'expected a calendar date YYYY-MM-DD' });
  else if (date_to !== null && date_from !== null && isValidDate(date_from) && date_to < date_from) {
    errors.push({ path: 'date_to', message: 'must not be before date_from' });
  }
  const periods: DayPeriod[] = [];
  for (const [i, value] of (input.periods ?? []).entries()) {
    const period = typeof value === 'string' ? parsePeriod(value) : null;
    if (period === null) errors.push({ path: `periods.${i}`, message: 'expected one of manha, tarde, noite' });
    else if (!periods.includes(period)) periods.push(period);
  }
  const priority = input.priority ?? 0;
  const [minPriority, maxPriority] = WAITLIST_LIMITS.priority;
  if (!Number.isInteger(priority) || priority < minPriority || priority > maxPriority) {
    errors.push({ path: 'priority', message: `expected a whole number from ${minPriority} to ${maxPriority}` });
  }
  const notes = input.notes ?? null;
  if (notes !== null && notes.length > WAITLIST_LIMITS.notes) {
    errors.push({ path: 'notes', message: `expected at most ${WAITLIST_LIMITS.notes} characters` });
  }
  if (errors.length > 0) throw new ValidationError(errors.map((e) => `${e.path}: ${e.message}`).join('; '), errors);
  return { provider_id, specialty, location_id: input.location_id ?? null, date_from, date_to, periods, priority, notes };
}

/** 422 for each unknown reference; then 409 for the first inactive one. */
function checkReferences(refs: WaitlistReferences, input: { provider_id: string | null; location_id: string | null }): void {
  const errors: FieldError[] = [];
  if (!refs.patient) errors.push({ path: 'patient_id', message: 'unknown patient' });
  if (!refs.appointmentType) errors.push({ path: 'appointment_type_id', message: 'unknown appointment type' });
  if (input.provider_id !== null && !refs.provider) errors.push({ path: 'provider_id', message: 'unknown provider' });
  if (input.location_id !== null && !refs.location) errors.push({ path: 'location_id', message: 'unknown location' });
  if (errors.length > 0) throw new ValidationError(errors.map((e) => `${e.path}: ${e.message}`).join('; '), errors);
  if (!refs.patient!.is_active) throw new ConflictError('The patient is inactive');
  if (input.provider_id !== null && !refs.provider!.is_active) throw new ConflictError('The provider is inactive');
  if (input.location_id !== null && !refs.location!.is_active) throw new ConflictError('The location is inactive');
  if (!refs.appointmentType!.is_active) throw new ConflictError('The appointment type is inactive');
}

export function makeWaitlistService(deps: CoreDeps, { appointments }: { appointments: AppointmentService }) {
  const { repos, clock, ids } = deps;
  const { waitlist } = repos;
  const offers = makeWaitlistOffers(deps);

  /**
   * The patient's entry waits again instead of holding `offer`, and the time is offered to the next
   * in line (not to this patient, nor to anyone offered it before), in one step. False if the offer
   * no longer stood.
   */
  async function returnToQueue(tenantId: string, patientId: string, offer: UpcomingOffer): Promise<boolean> {
    const at = clock.now().toISOString();
    return waitlist.returnToQueue(tenantId, patientId, offer.id, at, ids.uuid(), await offers.forFreedTime(tenantId, givenBack(patientId, offer), at));
  }

  /** The time of `offer`, given back by `patientId`, as a freed time to offer to the next in line. */
  function givenBack(patientId: string, offer: UpcomingOffer) {
    return {
      // the appointment that first freed the time: its patient, who gave it up, is not offered it either
      id: offer.source_appointment_id ?? offer.id,
      provider_profile_id: offer.provider_id,
      location_id: offer.location_id,
      appointment_type_id: offer.appointment_type_id,
      patient_id: patientId,
      start_time: offer.start_time,
      end_time: offer.end_time,
    };
  }

  /**
   * A specialty the entry could never be offered a time for is refused (422): with a provider, one that
   * provider lacks; alone, one no provider of the clinic has (a typo, say). A provider deactivated for
   * now still counts: its specialty is a real one to wait for.
   */
  async function checkSpecialty(tenantId: string, entry: { provider_id: string | null; specialty: string | null }): Promise<void> {
    const { specialty } = entry;
    if (specialty === null) return;
    if (entry.provider_id !== null) {
      const provider = await repos.providers.get(tenantId, entry.provider_id);
      const theirs = provider?.specialties ?? [];
      if (provider && !theirs.some((s) => foldKey(s) === foldKey(specialty))) {
        const named = theirs.length ? theirs.map((s) => `'${s}'`).join(', ') : 'none';
        throw ValidationError.field(
          'specialty',
          `the provider does not have the specialty '${specialty}' (theirs: ${named}); send theirs, or leave specialty out`,
        );
      }
      return;
    }
    const unknown = await unknownSpecialty(repos.providers, tenantId, specialty, ', so no time could ever be offered');
    if (unknown) throw ValidationError.field(unknown.path, unknown.message);
  }

  /** The patient's offer `offerId` if it still stands. */
  async function standing(tenantId: string, patientId: string, offerId: string): Promise<UpcomingOffer | null> {
    const offer = (await waitlist.upcomingOffers(tenantId, patientId, clock.now().toISOString())).find((o) => o.id === offerId);
    return offer?.stands ? offer : null;
  }

  async function view(tenantId: string, id: string): Promise<WaitlistEntryView> {
    const entry = await waitlist.get(tenantId, id, clock.now().toISOString());
    if (!entry) throw new NotFoundError('Waitlist entry');
    return entry;
  }

  function event(type: 'waitlist.added' | 'waitlist.removed', entry: WaitlistEntry): OutboxEvent {
    return { id: ids.uuid(), event_type: type, aggregate_id: entry.id, payload: { entry }, created_at: entry.updated_at };
  }

  /**
   * The removal of `id` that a new entry of `patientId` replacing it comes with: undefined when the
   * entry is no longer active (nothing to remove); a 409 when it holds an offered time.
   */
  async function replacedEntry(tenantId: string, id: string, patientId: string, at: string): Promise<{ id: string; event: OutboxEvent } | undefined> {
    const current = await view(tenantId, id);
    if (current.patient_id !== patientId) throw ValidationError.field('replaces', "must be an entry of the same patient");
    if (current.status === 'offered') throw new ConflictError('The waitlist entry to replace holds an offered time: answer the offer first');
    if (current.status !== 'waiting') return undefined;
    return { id, event: event('waitlist.removed', { ...plain(current), status: 'removed', updated_at: at }) };
  }

  /** The entry's own fields, without its queue view. */
  function plain(view: WaitlistEntryView): WaitlistEntry {
    const { position: _p, ahead: _a, total: _t, offers: _o, ...entry } = view;
    return entry;
  }

  /** the removal of `remove` below (documented there), shared with leaveServed */
  async function remove(tenantId: string, id: string): Promise<void> {
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const current = await view(tenantId, id);
      if (current.status === 'removed') return;
      if (current.status === 'booked') throw new ConflictError("Cannot remove a waitlist entry in status 'booked'");
      const at = clock.now().toISOString();
      const removed: WaitlistEntry = { ...plain(current), status: 'removed', updated_at: at };
      const held =
        current.status === 'offered'
          ? (await waitlist.upcomingOffers(tenantId, current.patient_id, at)).find((o) => o.entry_id === id && o.stands)
          : undefined;
      const release = held
        ? { offerId: held.id, releaseId: ids.uuid(), offers: await offers.forFreedTime(tenantId, givenBack(current.patient_id, held), at) }
        : undefined;
      if (await waitlist.remove(tenantId, id, at, event('waitlist.removed', removed), release)) return;
      // the status moved underneath us (offered meanwhile, or removed by another request): look again
    }
    throw new ConcurrentChangeError('The waitlist entry is being changed by another request; try again');
  }

  return {
    async get(tenantId: string, id: string): Promise<WaitlistEntryDetail> {
      return detail(await view(tenantId, id));
    },

    /**
     * `reply`: the response to store with the new entry under the request's Idempotency-Key (ports:
     * RenderReply), in the insert's own step, with the position the entry got there. `replaces`: the
     * same patient's waiting entry the new one takes the place of (a wish changed in a conversation),
     * removed in the insert's own step, so that both happen or neither does; an entry no longer active
     * is left as it is, and one that holds an offered time is a 409 (the offer is answered first).
     */
    async create(
      tenantId: string,
      input: WaitlistCreate,
      reply?: RenderReply<WaitlistEntryDetail>,
      replaces?: string,
    ): Promise<WaitlistEntryDetail> {
      const clean = cleanInput(input);
      const refsOf = () =>
        waitlist.references(tenantId, {
          patient: input.patient_id,
          type: input.appointment_type_id,
          provider: clean.provider_id,
          location: clean.location_id,
        });
      const refs = await refsOf();
      checkReferences(refs, clean);
      await checkSpecialty(tenantId, clean);
      if (clean.date_to !== null && clean.date_to < localDate(clock.now(), refs.location?.timezone ?? LATEST_ZONE)) {
        throw ValidationError.field('date_to', 'must not be in the past');
      }
      const at = clock.now().toISOString();
      const entry: WaitlistEntry = {
        id: ids.uuid(),
        patient_id: input.patient_id,
        appointment_type_id: input.appointment_type_id,
        ...clean,
        status: 'waiting',
        created_at: at,
        updated_at: at,
      };
      const replaced = replaces ? await replacedEntry(tenantId, replaces, input.patient_id, at) : undefined;
      const inserted = await waitlist.insert(tenantId, entry, event('waitlist.added', entry), reply?.(newDetail(entry, null)), replaced);
      if (inserted === null) {
        // a referenced record was deactivated, or the replaced entry moved on, between the read and the write
        checkReferences(await refsOf(), clean);
        throw new ConcurrentChangeError(
          replaced ? 'A referenced record or the waitlist entry to replace changed meanwhile; try again' : 'A referenced record changed meanwhile; try again',
        );
      }
      if ('duplicateOf' in inserted) {
        throw new ConflictError(
          `The patient already waits for this in waitlist entry ${inserted.duplicateOf} (same appointment type, ` +
            'provider or specialty, location, dates and periods); remove it first to change its priority or notes',
        );
      }
      return newDetail(entry, inserted.position);
    },

    async list(tenantId: string, filter: WaitlistListFilter, page: PageRequest): Promise<Page<WaitlistEntryDetail>> {
      const statuses = filter.statuses?.length ? filter.statuses : [...ACTIVE_WAITLIST_STATUSES];
      const result = await waitlist.list(tenantId, { ...filter, statuses }, page, clock.now().toISOString());
      return { items: result.items.map(detail), next: result.next };
    },

    async position(tenantId: string, id: string): Promise<WaitlistPosition> {
      const entry = await view(tenantId, id);
      if (entry.position === null || entry.ahead === null) {
        throw new ConflictError(`The waitlist entry is '${entry.status}': only waiting or offered entries have a position`);
      }
      return { id: entry.id, position: entry.position, ahead: entry.ahead, total: entry.total };
    },

    /**
     * The patient's newest offer made after `since` (any, when null) whose time has not started, standing
     * or not: the offer the patient's next "yes" or "no" answers. Null when none.
     */
    async latestOffer(tenantId: string, patientId: string, since: string | null): Promise<UpcomingOffer | null> {
      const offers = await waitlist.upcomingOffers(tenantId, patientId, clock.now().toISOString());
      return offers.find((o) => since === null || o.offered_at > since) ?? null;
    },

    /**
     * The patient takes the time of their standing offer `offerId`: an appointment of the entry's type at
     * that time, booked with the usual rules. The booking's own step marks the entry `booked`. When the
     * booking is refused (someone else took the time, or a rule now forbids it), the entry waits again,
     * a time still free is offered to the next in line, and the refusal is thrown; an offer that no
     * longer stands is a ConflictError.
     */
    async acceptOffer(tenantId: string, patientId: string, offerId: string, source: string, actor: string): Promise<Appointment> {
      const offer = await standing(tenantId, patientId, offerId);
      if (!offer) throw new ConflictError('The waitlist offer no longer stands');
      try {
        return await appointments.create(
          tenantId,
          {
            provider_profile_id: offer.provider_id,
            patient_id: patientId,
            appointment_type_id: offer.appointment_type_id,
            location_id: offer.location_id,
            start_time: offer.start_time,
            end_time: offer.end_time,
            source,
          },
          actor,
        );
      } catch (error) {
        if (error instanceof DomainError) await returnToQueue(tenantId, patientId, offer);
        throw error;
      }
    },

    /**
     * The patient turns down their standing offer `offerId`: the entry waits again, and the time is
     * offered to the next in line. False if the offer no longer stood.
     */
    async declineOffer(tenantId: string, patientId: string, offerId: string): Promise<boolean> {
      const offer = await standing(tenantId, patientId, offerId);
      return offer ? returnToQueue(tenantId, patientId, offer) : false;
    },

    /**
     * The patient's active entries that their appointment `appointment` serves (servedByBooking), and `also` (an entry of
     * theirs the booking answers otherwise: a changed wish whose new entry was never written), removed as `remove` does
     * (status `removed`, event `waitlist.removed`; a freed time one held goes to the next in line). For a booking made by
     * the patient in a conversation: what they waited for is theirs now, so no freed time is offered to them for it. The
     * entries removed are returned; one that moved on meanwhile (booked, removed) is left as it is.
     */
    async leaveServed(tenantId: string, appointment: Appointment, also: string | null = null): Promise<WaitlistEntryDetail[]> {
      const [location, provider] = await Promise.all([repos.locations.get(tenantId, appointment.location_id), repos.providers.get(tenantId, appointment.provider_profile_id)]);
      if (!location) return [];
      const local = localSpan(new Date(appointment.start_time), new Date(appointment.end_time), location.timezone);
      const booking = {
        provider_id: appointment.provider_profile_id,
        location_id: appointment.location_id,
        appointment_type_id: appointment.appointment_type_id,
        patient_id: appointment.patient_id,
        local: { date: local.date, time: local.start },
      };
      const active = await waitlist.list(tenantId, { patient_id: appointment.patient_id, statuses: [...ACTIVE_WAITLIST_STATUSES] }, { limit: 100 }, clock.now().toISOString());
      const served = active.items.filter((e) => e.id === also || servedByBooking(plain(e), booking, provider?.specialties ?? []));
      const removed: WaitlistEntryDetail[] = [];
      for (const entry of served) {
        try {
          await remove(tenantId, entry.id);
          removed.push(detail(entry));
        } catch (error) {
          // booked or changed by another request meanwhile: it is no longer this booking's to remove
          if (!(error instanceof ConflictError || error instanceof ConcurrentChangeError)) throw error;
        }
      }
      return removed;
    },

    /**
     * Removes a waiting or offered entry (status `removed`, event `waitlist.removed`). An entry holding a
     * standing offer gives its time back in the same step, and the time is offered to the next in line,
     * as when the patient turns the offer down. Removing an entry already removed changes nothing and
     * succeeds; a booked entry cannot be removed (409).
     */
    remove,
  };
}

export type WaitlistService = ReturnType<typeof makeWaitlistService>;
