/**
 * Appointment commands: create, lifecycle steps, update, reschedule. The core validates references and
 * computes the plan (local times in the location's zone, buffers, events); the repository carries it out
 * as one atomic step whose SQL guards decide (src/db/atomic.ts). Nothing here locks in process.
 */
import type { CoreDeps } from '../deps';
import { BookingRefusedError, ConcurrentChangeError, ConflictError, InvalidTransitionError, NotFoundError, ValidationError, type FieldError } from '../errors';
import { changesAnything } from '../changes';
import type { Appointment, AppointmentStatus, EventType, PageRequest, StatusChange } from '../model';
import type { AppointmentFilter, BookingContext, BookingPlan, RenderReply, TransitionPlan } from '../ports';
import { localSpan, utcToLocal } from '../time';
import { workingWindows } from '../availability/windows';
import { LIFECYCLE, RESCHEDULABLE, canTransition, type LifecycleAction } from './lifecycle';
import { MAX_APPOINTMENT_MINUTES, RESCHEDULE_TO_ITSELF, firstBroken, ruleMessage, type AvailabilityContext, type BookingRule } from './rules';
import { makeWaitlistOffers } from '../waitlist/offers';

export interface AppointmentCreate {
  provider_profile_id: string;
  patient_id: string;
  appointment_type_id: string;
  location_id: string;
  start_time: string;
  end_time: string;
  room_id?: string | null;
  source?: string;
  notes?: string | null;
  internal_notes?: string | null;
  external_reference?: string | null;
  metadata?: Record<string, unknown>;
}

export interface AppointmentUpdate {
  version: number;
  notes?: string | null;
  internal_notes?: string | null;
  room_id?: string | null;
  external_reference?: string | null;
  metadata?: Record<string, unknown>;
}

export interface TransitionInput {
  /** who did it (confirmed_by, checked_in_by, cancelled_by); defaults to the caller */
  by?: string | null;
  reason?: string | null;
  notes?: string | null;
}

export interface RescheduleInput {
  new_start_time: string;
  new_end_time?: string;
  new_location_id?: string;
  /** another provider for the new appointment (a patient's "change of doctor" in a conversation; the REST route does not take it) */
  new_provider_profile_id?: string;
  new_room_id?: string | null;
  reason?: string | null;
}

export type AppointmentWithHistory = Appointment & { status_history: StatusChange[] };

const MAX_ATTEMPTS = 3;

function iso(value: string): string {
  return new Date(value).toISOString();
}

export function makeAppointmentService(deps: CoreDeps) {
  const { repos, clock, ids } = deps;
  const now = () => clock.now().toISOString();
  /** a cancelled time is offered to the waitlist in the cancellation's own atomic step */
  const waitlistOffers = makeWaitlistOffers(deps);

  async function load(tenantId: string, id: string): Promise<Appointment> {
    const appointment = await repos.appointments.get(tenantId, id);
    if (!appointment) throw new NotFoundError('Appointment');
    return appointment;
  }

  function event(type: EventType, aggregateId: string, payload: Record<string, unknown>, at: string) {
    return { id: ids.uuid(), event_type: type, aggregate_id: aggregateId, payload, created_at: at };
  }

  function checkTimes(start: string, end: string, fields: [string, string]): void {
    const minutes = (Date.parse(end) - Date.parse(start)) / 60_000;
    if (minutes <= 0) throw ValidationError.field(fields[1], `must be after ${fields[0]}`);
    if (minutes > MAX_APPOINTMENT_MINUTES) {
      throw ValidationError.field(fields[1], `an appointment lasts at most ${MAX_APPOINTMENT_MINUTES / 60} hours`);
    }
  }

  /** Looks up what a booking references, in one read; unknown ids are a 422 naming each field. */
  async function references(
    tenantId: string,
    refs: { provider: string; patient: string; type: string; location: string; room: string | null | undefined },
    fields: { provider: string; patient: string; type: string; location: string; room: string },
  ): Promise<{ provider: NonNullable<BookingContext['provider']>; location: NonNullable<BookingContext['location']> }> {
    const { provider, patient, appointmentType, location } = await repos.appointments.bookingContext(tenantId, refs);
    const errors: FieldError[] = [];
    if (!provider) errors.push({ path: fields.provider, message: 'unknown provider' });
    if (!patient) errors.push({ path: fields.patient, message: 'unknown patient' });
    if (!appointmentType) errors.push({ path: fields.type, message: 'unknown appointment type' });
    if (!location) errors.push({ path: fields.location, message: 'unknown location' });
    else if (refs.room && !location.roomIds.includes(refs.room)) {
      errors.push({ path: fields.room, message: 'not a room in service at this location' });
    }
    if (errors.length > 0) {
      throw new ValidationError(errors.map((e) => `${e.path}: ${e.message}`).join('; '), errors);
    }
    return { provider: provider!, location: location! };
  }

  function bookingPlan(
    tenantId: string,
    appointment: Appointment,
    provider: NonNullable<BookingContext['provider']>,
    location: NonNullable<BookingContext['location']>,
    history: StatusChange,
    eventType: EventType,
    payload: Record<string, unknown>,
  ): BookingPlan {
    const start = new Date(appointment.start_time);
    const end = new Date(appointment.end_time);
    const { buffer } = provider;
    return {
      tenantId,
      appointment,
      local: localSpan(start, end, location.timezone),
      timezone: location.timezone,
      provider,
      extendedStart: new Date(start.getTime() - buffer * 60_000).toISOString(),
      extendedEnd: new Date(end.getTime() + buffer * 60_000).toISOString(),
      changeId: ids.uuid(),
      history,
      event: event(eventType, appointment.id, payload, appointment.created_at),
    };
  }

  async function refusal(broken: BookingRule[], plan: BookingPlan): Promise<BookingRefusedError> {
    const rule = firstBroken(broken) ?? 'max_concurrent';
    return new BookingRefusedError(
      rule,
      ruleMessage(rule, {
        maxConcurrent: plan.provider.maxConcurrent,
        maxDaily: plan.provider.maxDaily,
        buffer: plan.provider.buffer,
        localDate: plan.local.date,
        availability: rule === 'outside_availability' ? await availabilityContext(plan) : undefined,
      }),
    );
  }

  /**
   * The provider's hours at the location on the asked day, read after the refusal to word it (a change
   * in between may show, as with any answer read after the fact).
   */
  async function availabilityContext(plan: BookingPlan): Promise<AvailabilityContext> {
    const { tenantId, appointment: a, timezone } = plan;
    const date = plan.local.date;
    const [templates, overrides] = await Promise.all([
      repos.templates.activeForProvider(tenantId, a.provider_profile_id),
      repos.scheduleView.overridesOnDates(tenantId, a.provider_profile_id, date, date),
    ]);
    const windows = workingWindows({ templates, overrides, timezones: new Map([[a.location_id, timezone]]) }, date, date).filter(
      (w) => w.location_id === a.location_id && w.date === date,
    );
    const words = (list: typeof windows) => list.map((w) => `${w.start}-${w.end}`);
    const forType = windows.filter((w) => w.appointment_type_ids.length === 0 || w.appointment_type_ids.includes(a.appointment_type_id));
    const local = (instant: string) => {
      const l = utcToLocal(new Date(instant), timezone);
      return { date: l.date, time: l.time };
    };
    return {
      timezone,
      start: local(a.start_time),
      end: local(a.end_time),
      windows: words(forType),
      otherTypesWindows: words(windows.filter((w) => !forType.includes(w))),
    };
  }

  /** `reply`: as for `create` */
  async function transition(
    tenantId: string,
    id: string,
    action: LifecycleAction,
    input: TransitionInput,
    actor: string,
    reply?: RenderReply<Appointment>,
  ): Promise<Appointment> {
    const step = LIFECYCLE[action];
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const current = await load(tenantId, id);
      if (!canTransition(action, current.status)) throw new InvalidTransitionError(action, current.status);
      const at = now();
      const by = input.by ?? actor;
      const after: Appointment = {
        ...current,
        status: step.to,
        version: current.version + 1,
        updated_at: at,
        ...(action === 'cancel' ? { cancellation_reason: input.reason ?? null, cancelled_by: by } : {}),
      };
      const plan: TransitionPlan = {
        tenantId,
        id,
        from: current.status,
        version: current.version,
        changes:
          action === 'cancel'
            ? { status: step.to, cancellation_reason: after.cancellation_reason, cancelled_by: by }
            : { status: step.to },
        updatedAt: at,
        changeId: ids.uuid(),
        history: {
          from_status: current.status,
          to_status: step.to,
          changed_by: by,
          reason: input.reason ?? null,
          notes: input.notes ?? null,
          changed_at: at,
        },
        event: event(step.event, id, { appointment: after }, at),
        sideEffects: action === 'cancel' ? await waitlistOffers.forFreedTime(tenantId, current, at) : undefined,
      };
      if (reply) plan.reply = reply(after);
      if (await repos.appointments.transition(plan)) return after;
      // the appointment changed underneath us (its status, or a PUT): look again
    }
    throw new ConcurrentChangeError('The appointment is being changed by another request; try again');
  }

  return {
    /** `reply`: the response to store with the booking (see RenderReply) */
    async create(tenantId: string, input: AppointmentCreate, actor: string, reply?: RenderReply<Appointment>): Promise<Appointment> {
      checkTimes(input.start_time, input.end_time, ['start_time', 'end_time']);
      const { provider, location } = await references(
        tenantId,
        {
          provider: input.provider_profile_id,
          patient: input.patient_id,
          type: input.appointment_type_id,
          location: input.location_id,
          room: input.room_id,
        },
        { provider: 'provider_profile_id', patient: 'patient_id', type: 'appointment_type_id', location: 'location_id', room: 'room_id' },
      );
      const at = now();
      const appointment: Appointment = {
        id: ids.uuid(),
        provider_profile_id: input.provider_profile_id,
        patient_id: input.patient_id,
        appointment_type_id: input.appointment_type_id,
        location_id: input.location_id,
        room_id: input.room_id ?? null,
        start_time: iso(input.start_time),
        end_time: iso(input.end_time),
        status: 'requested',
        source: input.source ?? 'api',
        notes: input.notes ?? null,
        internal_notes: input.internal_notes ?? null,
        external_reference: input.external_reference ?? null,
        metadata: input.metadata ?? {},
        version: 1,
        rescheduled_from_id: null,
        rescheduled_to_id: null,
        cancellation_reason: null,
        cancelled_by: null,
        created_at: at,
        updated_at: at,
      };
      const history: StatusChange = {
        from_status: null,
        to_status: 'requested',
        changed_by: actor,
        reason: null,
        notes: null,
        changed_at: at,
      };
      const plan = bookingPlan(tenantId, appointment, provider, location, history, 'appointment.created', { appointment });
      if (reply) plan.reply = reply(appointment);
      const outcome = await repos.appointments.create(plan);
      if (!outcome.ok) throw await refusal(outcome.broken, plan);
      return appointment;
    },

    async get(tenantId: string, id: string): Promise<AppointmentWithHistory> {
      const appointment = await load(tenantId, id);
      return { ...appointment, status_history: await repos.appointments.history(tenantId, id) };
    },

    list: (tenantId: string, filter: AppointmentFilter, page: PageRequest) => repos.appointments.list(tenantId, filter, page),
    /** the times the patient's appointments hold within `from`–`to` (UTC): what a slot search for them leaves out */
    patientBusyTimes: (tenantId: string, patientId: string, from: string, to: string) => repos.appointments.patientBusyTimes(tenantId, patientId, from, to),

    transition,

    async update(tenantId: string, id: string, input: AppointmentUpdate): Promise<Appointment> {
      const current = await load(tenantId, id);
      const stale = () => new ConflictError(`Version mismatch: the appointment is at version ${current.version}; reload it and retry`);
      if (current.version !== input.version) throw stale();
      const { version, ...changes } = input;
      let room = null;
      if (changes.room_id) {
        const location = await repos.locations.get(tenantId, current.location_id);
        if (!location?.rooms.some((r) => r.id === changes.room_id)) {
          throw ValidationError.field('room_id', 'not a room in service at this location');
        }
        if (changes.room_id !== current.room_id) {
          room = { id: changes.room_id, locationId: current.location_id, start: current.start_time, end: current.end_time };
        }
      }
      // nothing to change is no write: the version and updated_at stay (CONTRACT: every write bumps version)
      if (!changesAnything(current, changes)) return current;
      const at = now();
      const outcome = await repos.appointments.update({ tenantId, id, version, changes, room, updatedAt: at, changeId: ids.uuid() });
      if (!outcome.ok) {
        if (outcome.broken.includes('stale_version')) throw new ConflictError('Version mismatch: the appointment changed meanwhile; reload it and retry');
        if (outcome.broken.includes('room_unavailable')) throw new ConflictError('The room is not in service at this location');
        throw new ConflictError('The room is already booked at this time');
      }
      // the row as this write left it (it was made on `current`'s version): a read now could show a later write's version
      const written = Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined));
      return { ...current, ...written, version: current.version + 1, updated_at: at };
    },

    /** `reply`: as for `create` */
    async reschedule(
      tenantId: string,
      id: string,
      input: RescheduleInput,
      actor: string,
      reply?: RenderReply<Appointment>,
    ): Promise<Appointment> {
      for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
        const old = await load(tenantId, id);
        if (!RESCHEDULABLE.includes(old.status)) throw new InvalidTransitionError('reschedule', old.status);
        const start = iso(input.new_start_time);
        const end = input.new_end_time
          ? iso(input.new_end_time)
          : new Date(Date.parse(start) + (Date.parse(old.end_time) - Date.parse(old.start_time))).toISOString();
        checkTimes(start, end, ['new_start_time', 'new_end_time']);
        const locationId = input.new_location_id ?? old.location_id;
        const providerId = input.new_provider_profile_id ?? old.provider_profile_id;
        // the old room stays only with the same provider at the same place
        const roomId =
          input.new_room_id !== undefined
            ? input.new_room_id
            : locationId === old.location_id && providerId === old.provider_profile_id
              ? old.room_id
              : null;
        if (
          Date.parse(start) === Date.parse(old.start_time) && Date.parse(end) === Date.parse(old.end_time) &&
          locationId === old.location_id && providerId === old.provider_profile_id && roomId === old.room_id
        ) {
          // a move that moves nothing would cancel the appointment and book its copy
          throw new ConflictError(RESCHEDULE_TO_ITSELF);
        }
        const { provider, location } = await references(
          tenantId,
          { provider: providerId, patient: old.patient_id, type: old.appointment_type_id, location: locationId, room: roomId },
          { provider: input.new_provider_profile_id ? 'new_provider_profile_id' : 'provider_profile_id', patient: 'patient_id', type: 'appointment_type_id', location: 'new_location_id', room: 'new_room_id' },
        );
        const at = now();
        const reason = input.reason ?? null;
        const fresh: Appointment = {
          ...old,
          id: ids.uuid(),
          provider_profile_id: providerId,
          location_id: locationId,
          room_id: roomId,
          start_time: start,
          end_time: end,
          status: 'requested',
          version: 1,
          rescheduled_from_id: old.id,
          rescheduled_to_id: null,
          cancellation_reason: null,
          cancelled_by: null,
          created_at: at,
          updated_at: at,
        };
        const previous: Appointment = {
          ...old,
          status: 'cancelled' as AppointmentStatus,
          version: old.version + 1,
          rescheduled_to_id: fresh.id,
          cancellation_reason: reason ?? 'rescheduled',
          cancelled_by: actor,
          updated_at: at,
        };
        const oldPlan: TransitionPlan = {
          tenantId,
          id: old.id,
          from: old.status,
          version: old.version,
          changes: {
            status: 'cancelled',
            rescheduled_to_id: fresh.id,
            cancellation_reason: previous.cancellation_reason,
            cancelled_by: actor,
          },
          updatedAt: at,
          changeId: ids.uuid(),
          history: { from_status: old.status, to_status: 'cancelled', changed_by: actor, reason: previous.cancellation_reason, notes: null, changed_at: at },
          event: null,
          // the old time is offered unless the new appointment (with the same provider) still takes part of it
          sideEffects: await waitlistOffers.forFreedTime(tenantId, old, at, providerId === old.provider_profile_id ? fresh : undefined),
        };
        const plan = bookingPlan(
          tenantId,
          fresh,
          provider,
          location,
          { from_status: null, to_status: 'requested', changed_by: actor, reason, notes: null, changed_at: at },
          'appointment.rescheduled',
          { appointment: fresh, previous_appointment: previous },
        );
        if (reply) plan.reply = reply(fresh);
        const outcome = await repos.appointments.reschedule(oldPlan, plan);
        if (outcome.ok) return fresh;
        // a rule the new time breaks, unless the old appointment changed meanwhile: moved by another request,
        // its copy is what the rule saw (the patient's overlap), and the answer is the one a fresh look gives
        if (outcome.broken.length > 0 && (await load(tenantId, id)).version === old.version) throw await refusal(outcome.broken, plan);
        // the old appointment changed underneath us: look again
      }
      throw new ConcurrentChangeError('The appointment is being changed by another request; try again');
    },
  };
}

export type AppointmentService = ReturnType<typeof makeAppointmentService>;
