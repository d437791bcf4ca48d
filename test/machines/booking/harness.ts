/**
 * Drives the booking machine turn by turn, as the runtime does, over a fake world: the real language
 * layer (the demo clinic seeded in an in-memory test app), a slot search generated from the demo
 * clinic's weekly schedules, and appointments, waitlist and handoffs kept in memory. Every turn checks
 * the dialogue's invariants: it rests in a resting state, asks at most one question, and offers only
 * slots the search returned.
 */
import { createActor, fromPromise, waitFor, type Snapshot } from 'xstate';
import { expect } from 'vitest';
import demo from '../../../locales/pt-BR/demo-clinic.json';
import { seedDemoClinic } from '../../../src/demo-seed';
import { addDays, dayOfWeek, localToUtc, minutesOfDay, clockTime, localDate } from '../../../src/core/time';
import type { Understanding } from '../../../src/core/language/types';
import { PERIOD_MINUTES } from '../../../src/core/periods';
import { dayPeriodsSearched, emptyFacts, initialContext } from '../../../machines/booking/dialogue';
import { bookingMachine } from '../../../machines/booking/machine';
import {
  RESTING_STATES,
  type BookingFacts,
  type BookingMachineInput,
  type ClinicInfo,
  type OfferedSlot,
  type PatientAppointment,
  type WaitlistOfferView,
  type WorldActors,
} from '../../../machines/booking/world';
import { createTestApp, type TestApp } from '../../helpers/app';

/** Tuesday 24/11/2026, 09:00 in São Paulo: "amanhã" is Wednesday 25/11, as in CONVERSATION.md. */
export const NOW = '2026-11-24T12:00:00.000Z';
const ZONE = 'America/Sao_Paulo';

export interface Catalog {
  tenantId: string;
  patientId: string;
  providers: Map<string, { id: string; name: string; specialty: string; duration: number }>;
  locations: Map<string, { id: string; name: string; address: string | null; key: string }>;
  types: Map<string, { id: string; name: string; duration: number }>;
  understand(message: string, now: string): Promise<Understanding>;
  close(): void;
}

/** The demo clinic in a test app, and the real language layer over it. */
export async function demoClinic(): Promise<Catalog> {
  const t: TestApp = await createTestApp({ now: NOW });
  const { tenantId } = await seedDemoClinic(t.core);
  const patientId = (await t.core.patients.list(tenantId, { includeInactive: false }, { limit: 1 })).items[0]!.id;
  const providers = new Map<string, { id: string; name: string; specialty: string; duration: number }>();
  for (const p of (await t.core.providers.list(tenantId, { includeInactive: false }, { limit: 200 })).items) {
    const spec = demo.providers.find((d) => d.name === p.name)!;
    providers.set(p.name!, { id: p.id, name: p.name!, specialty: spec.specialties[0]!, duration: spec.default_appointment_duration_minutes });
  }
  const locations = new Map<string, { id: string; name: string; address: string | null; key: string }>();
  for (const l of (await t.core.locations.list(tenantId, { includeInactive: false }, { limit: 200 })).items) {
    const key = demo.locations.find((d) => d.name === l.name)!.key;
    locations.set(l.name, { id: l.id, name: l.name, address: l.address ?? null, key });
  }
  const types = new Map<string, { id: string; name: string; duration: number }>();
  for (const ty of (await t.core.appointmentTypes.list(tenantId, { includeInactive: false }, { limit: 200 })).items) {
    types.set(ty.name, { id: ty.id, name: ty.name, duration: ty.duration_minutes ?? 30 });
  }
  return {
    tenantId,
    patientId,
    providers,
    locations,
    types,
    understand: (message, now) => t.core.language.understand(tenantId, { message, patient_id: patientId, reference_time: new Date(now) }),
    close: () => t.close(),
  };
}

/** The in-memory world: what the runtime's actors would read and write. */
export class FakeWorld {
  appointments: PatientAppointment[] = [];
  waitlist: BookingFacts[] = [];
  handoffs: string[] = [];
  /** waitlist entries the patient left */
  leftWaitlist: string[] = [];
  /** every slot any search returned: offers must come from here */
  searched = new Map<string, OfferedSlot>();
  searches: Array<{ facts: BookingFacts; limit: number; exclude: string[] }> = [];
  bookings = 0;
  /** providers with no free time at all */
  fullyBooked = new Set<string>();
  /** start instants someone else books just before our patient confirms */
  raceFor = new Set<string>();
  /** instants taken by others */
  busy = new Set<string>();
  failing = new Set<keyof WorldActors>();
  /** how many times the machine asked for the clinic's info */
  clinicInfoReads = 0;
  /** freed times offered to the patient by message (outside the dialogue), with when */
  waitlistOffers: Array<{ view: WaitlistOfferView; offered_at: string; status: 'standing' | 'booked' | 'waiting' }> = [];
  /** offers someone else books between the patient's answer and its booking */
  offersTakenByOthers = new Set<string>();
  private nextId = 1;

  constructor(private readonly c: Catalog) {}

  provider(name: string) {
    return this.c.providers.get(name)!;
  }

  location(name: string) {
    return this.c.locations.get(name)!;
  }

  /** An appointment of the patient, as listAppointments describes it. */
  addAppointment(p: { provider: string; date: string; time: string; location?: string; type?: string; status?: string }): PatientAppointment {
    const provider = this.provider(p.provider);
    const type = this.c.types.get(p.type ?? 'Consulta')!;
    const location = this.location(p.location ?? 'Unidade Centro');
    const start = localToUtc(p.date, p.time, ZONE);
    const appointment: PatientAppointment = {
      id: `appt-${this.nextId++}`,
      status: p.status ?? 'requested',
      version: 1,
      provider_id: provider.id,
      provider_name: provider.name,
      specialty: provider.specialty,
      appointment_type_id: type.id,
      appointment_type_name: type.name,
      location_id: location.id,
      location_name: location.name,
      location_address: location.address,
      timezone: ZONE,
      date: p.date,
      start_time: p.time,
      start_at: start.toISOString(),
      end_at: new Date(start.getTime() + type.duration * 60_000).toISOString(),
    };
    this.appointments.push(appointment);
    return appointment;
  }

  /** A freed time offered to the patient at `offeredAt`, as the waitlist's message would. */
  offerFreedTime(p: { provider: string; date: string; time: string; offeredAt: string; location?: string; type?: string; waitsForProvider?: boolean }): WaitlistOfferView {
    const provider = this.provider(p.provider);
    const location = this.location(p.location ?? 'Unidade Centro');
    const view: WaitlistOfferView = {
      id: `offer-${this.nextId++}`,
      stands: true,
      entry_id: `entry-${this.nextId++}`,
      provider_id: provider.id,
      waits_for_provider: p.waitsForProvider ?? false,
      provider_name: provider.name,
      specialty: provider.specialty,
      appointment_type_name: p.type ?? 'Consulta',
      location_name: location.name,
      location_address: location.address,
      date: p.date,
      start_time: p.time,
    };
    this.waitlistOffers.push({ view, offered_at: p.offeredAt, status: 'standing' });
    return view;
  }

  /** The free slots the demo clinic's weekly schedule gives for a request (a simple, honest search). */
  search(facts: BookingFacts, limit: number, exclude: string[], now: string): OfferedSlot[] {
    if (!facts.appointment_type_id || !facts.date_from || !facts.date_to) return [];
    const type = [...this.c.types.values()].find((t) => t.id === facts.appointment_type_id)!;
    const providers = demo.providers.filter((d) => {
      const p = this.provider(d.name);
      if (this.fullyBooked.has(d.name)) return false;
      return facts.provider_ids.length > 0 ? facts.provider_ids.includes(p.id) : facts.specialty !== null && d.specialties.includes(facts.specialty);
    });
    const today = localDate(new Date(now), ZONE);
    const dayPeriods = dayPeriodsSearched(facts) ?? [];
    const out: OfferedSlot[] = [];
    for (let date = facts.date_from; date <= facts.date_to; date = addDays(date, 1)) {
      if (date < today) continue;
      for (const d of providers) {
        const p = this.provider(d.name);
        for (const block of d.schedule.filter((b) => b.days_of_week.includes(dayOfWeek(date)))) {
          const location = [...this.c.locations.values()].find((l) => l.key === block.location)!;
          if (facts.location_id && facts.location_id !== location.id) continue;
          for (let m = minutesOfDay(block.start_time); m + type.duration <= minutesOfDay(block.end_time); m += type.duration) {
            const time = clockTime(m);
            const start = localToUtc(date, time, ZONE);
            if (start.toISOString() <= now) continue;
            if (facts.time_from && time < facts.time_from) continue;
            if (facts.time_to && time >= facts.time_to) continue;
            if ((facts.refused_periods ?? []).some((p) => m >= PERIOD_MINUTES[p][0] && m < PERIOD_MINUTES[p][1])) continue;
            // the parts of the day kept on that day, when it has its own
            const own = dayPeriods.filter((d) => d.date === date);
            if (own.length > 0 && !own.some((d) => m >= PERIOD_MINUTES[d.period][0] && m < PERIOD_MINUTES[d.period][1])) continue;
            if (facts.dates && !facts.dates.includes(date)) continue;
            const startAt = start.toISOString();
            if (exclude.includes(startAt) || this.busy.has(`${p.id}@${startAt}`)) continue;
            if (this.appointments.some((a) => a.status !== 'cancelled' && a.provider_id === p.id && a.start_at === startAt)) continue;
            out.push({
              provider_id: p.id,
              provider_name: p.name,
              specialty: p.specialty,
              location: { id: location.id, name: location.name },
              date,
              start_time: time,
              end_time: clockTime(m + type.duration),
              available: true,
              score: 1,
              start_at: startAt,
              end_at: new Date(start.getTime() + type.duration * 60_000).toISOString(),
              appointment_type_id: type.id,
              appointment_type_name: type.name,
              location_address: location.address,
            });
          }
        }
      }
    }
    // best first: nearest to the time asked, else earliest
    const distance = (s: OfferedSlot) => (facts.time ? Math.abs(minutesOfDay(s.start_time) - minutesOfDay(facts.time)) : 0);
    out.sort((a, b) => a.date.localeCompare(b.date) || distance(a) - distance(b) || a.start_at.localeCompare(b.start_at));
    return out.slice(0, limit);
  }

  clinicInfo(): ClinicInfo {
    return {
      name: demo.tenant,
      appointment_types: [...this.c.types.values()].map((t) => ({ id: t.id, name: t.name, specialty: null, duration_minutes: t.duration })),
      specialties: [...new Set([...this.c.providers.values()].map((p) => p.specialty))].sort((a, b) => a.localeCompare(b, 'pt-BR')),
      locations: [...this.c.locations.values()].map((l) => ({
        id: l.id,
        name: l.name,
        address: l.address,
        hours: [0, 1, 2, 3, 4, 5, 6].map((day) => {
          const blocks = demo.providers.flatMap((p) => p.schedule).filter((b) => b.location === l.key && b.days_of_week.includes(day));
          if (blocks.length === 0) return null;
          const from = blocks.map((b) => b.start_time).sort()[0]!;
          const to = blocks.map((b) => b.end_time).sort().reverse()[0]!;
          return [from, to] as [string, string];
        }),
      })),
    };
  }

  /** The runtime's actors over this world; `now` is the turn's instant. */
  actors(now: () => string) {
    const fail = (name: keyof WorldActors) => {
      if (this.failing.has(name)) throw new Error(`${name} failed`);
    };
    const describe = (slot: OfferedSlot, id: string): PatientAppointment => ({
      id,
      status: 'requested',
      version: 1,
      provider_id: slot.provider_id,
      provider_name: slot.provider_name,
      specialty: slot.specialty,
      appointment_type_id: slot.appointment_type_id,
      appointment_type_name: slot.appointment_type_name,
      location_id: slot.location.id,
      location_name: slot.location.name,
      location_address: slot.location_address,
      timezone: ZONE,
      date: slot.date,
      start_time: slot.start_time,
      start_at: slot.start_at,
      end_at: slot.end_at,
    });
    return {
      understand: fromPromise<WorldActors['understand']['output'], WorldActors['understand']['input']>(async ({ input }) => {
        fail('understand');
        const u = await this.c.understand(input.message, input.now ?? now());
        // the clinic's spelling of the providers read, as the runtime adds it from its catalog
        const names = u.resolved.provider_ids.flatMap((id) => [...this.c.providers.values()].filter((p) => p.id === id).map((p) => p.name));
        const specialties = u.resolved.provider_ids.map((id) => [...this.c.providers.values()].filter((p) => p.id === id).map((p) => p.specialty));
        return { ...u, provider_names: names, provider_specialties: specialties };
      }),
      searchSlots: fromPromise<WorldActors['searchSlots']['output'], WorldActors['searchSlots']['input']>(async ({ input }) => {
        fail('searchSlots');
        this.searches.push(structuredClone(input));
        const slots = this.search(input.facts, input.limit, input.exclude, now());
        for (const s of slots) this.searched.set(`${s.provider_id}@${s.start_at}`, s);
        return slots;
      }),
      book: fromPromise<WorldActors['book']['output'], WorldActors['book']['input']>(async ({ input }) => {
        fail('book');
        const { slot } = input;
        if (this.raceFor.has(slot.start_at)) {
          this.raceFor.delete(slot.start_at);
          this.busy.add(`${slot.provider_id}@${slot.start_at}`);
          return { ok: false, reason: 'taken', detail: 'someone else booked it' };
        }
        this.bookings++;
        const appointment = describe(slot, `appt-${this.nextId++}`);
        this.appointments.push(appointment);
        return { ok: true, appointment };
      }),
      listAppointments: fromPromise<WorldActors['listAppointments']['output'], WorldActors['listAppointments']['input']>(async ({ input }) => {
        fail('listAppointments');
        const missed = (a: PatientAppointment) =>
          !!input.missedSince && a.date >= input.missedSince && a.start_at <= now() && ['requested', 'confirmed', 'no_show'].includes(a.status);
        return this.appointments
          .filter((a) => (a.status !== 'cancelled' && a.status !== 'no_show' && (a.start_at > now() || (input.started === true && a.end_at > now()))) || missed(a))
          .sort((a, b) => a.start_at.localeCompare(b.start_at))
          .map((a) => ({ ...a }));
      }),
      cancel: fromPromise<WorldActors['cancel']['output'], WorldActors['cancel']['input']>(async ({ input }) => {
        fail('cancel');
        const a = this.appointments.find((x) => x.id === input.appointmentId);
        if (!a) return { ok: false, reason: 'refused', detail: 'not found' };
        a.status = 'cancelled';
        return { ok: true, appointment: { ...a } };
      }),
      confirm: fromPromise<WorldActors['confirm']['output'], WorldActors['confirm']['input']>(async ({ input }) => {
        fail('confirm');
        const a = this.appointments.find((x) => x.id === input.appointmentId);
        if (!a) return { ok: false, reason: 'refused', detail: 'not found' };
        a.status = 'confirmed';
        return { ok: true, appointment: { ...a } };
      }),
      reschedule: fromPromise<WorldActors['reschedule']['output'], WorldActors['reschedule']['input']>(async ({ input }) => {
        fail('reschedule');
        const a = this.appointments.find((x) => x.id === input.appointmentId);
        if (!a) return { ok: false, reason: 'refused', detail: 'not found' };
        if (this.raceFor.has(input.slot.start_at)) {
          this.raceFor.delete(input.slot.start_at);
          this.busy.add(`${input.slot.provider_id}@${input.slot.start_at}`);
          return { ok: false, reason: 'taken', detail: 'someone else booked it' };
        }
        Object.assign(a, describe(input.slot, a.id), { version: a.version + 1 });
        return { ok: true, appointment: { ...a } };
      }),
      joinWaitlist: fromPromise<WorldActors['joinWaitlist']['output'], WorldActors['joinWaitlist']['input']>(async ({ input }) => {
        fail('joinWaitlist');
        this.waitlist.push(structuredClone(input.facts));
        return { ok: true, id: `entry-${this.nextId++}`, position: this.waitlist.length };
      }),
      leaveWaitlist: fromPromise<WorldActors['leaveWaitlist']['output'], WorldActors['leaveWaitlist']['input']>(async ({ input }) => {
        fail('leaveWaitlist');
        this.leftWaitlist.push(...input.entryIds);
        return { ok: true, removed: input.entryIds.length };
      }),
      latestOffer: fromPromise<WorldActors['latestOffer']['output'], WorldActors['latestOffer']['input']>(async ({ input }) => {
        fail('latestOffer');
        const latest = this.waitlistOffers
          .filter((o) => o.status !== 'booked' && (input.since === null || o.offered_at > input.since))
          .sort((a, b) => b.offered_at.localeCompare(a.offered_at))[0];
        return latest ? { ...latest.view, stands: latest.status === 'standing' } : null;
      }),
      acceptOffer: fromPromise<WorldActors['acceptOffer']['output'], WorldActors['acceptOffer']['input']>(async ({ input }) => {
        fail('acceptOffer');
        const offer = this.waitlistOffers.find((o) => o.view.id === input.offerId)!;
        if (this.offersTakenByOthers.has(offer.view.id)) {
          offer.status = 'waiting';
          return { ok: false, reason: 'taken', detail: 'someone else booked it' };
        }
        offer.status = 'booked';
        const v = offer.view;
        const provider = [...this.c.providers.values()].find((p) => p.name === v.provider_name)!;
        const appointment = this.addAppointment({ provider: provider.name, date: v.date, time: v.start_time, location: v.location_name });
        this.bookings++;
        return { ok: true, appointment };
      }),
      declineOffer: fromPromise<WorldActors['declineOffer']['output'], WorldActors['declineOffer']['input']>(async ({ input }) => {
        fail('declineOffer');
        const offer = this.waitlistOffers.find((o) => o.view.id === input.offerId)!;
        offer.status = 'waiting';
        return { ok: true };
      }),
      clinicInfo: fromPromise<WorldActors['clinicInfo']['output'], WorldActors['clinicInfo']['input']>(async () => {
        this.clinicInfoReads++;
        fail('clinicInfo');
        return this.clinicInfo();
      }),
      specialtyProviders: fromPromise<WorldActors['specialtyProviders']['output'], WorldActors['specialtyProviders']['input']>(async ({ input }) => {
        fail('specialtyProviders');
        return [...this.c.providers.values()].filter((p) => p.specialty === input.specialty).map((p) => ({ id: p.id, name: p.name }));
      }),
      specialtyHours: fromPromise<WorldActors['specialtyHours']['output'], WorldActors['specialtyHours']['input']>(async ({ input }) => {
        fail('specialtyHours');
        const asked = [...this.c.providers.values()].filter((p) =>
          input.provider_ids.length > 0 ? input.provider_ids.includes(p.id) : p.specialty === input.specialty,
        );
        const places = [...this.c.locations.values()];
        const hours = asked.flatMap((p) =>
          demo.providers
            .find((d) => d.name === p.name)!
            .schedule.flatMap((b) => {
              const place = places.find((l) => l.key === b.location)!;
              return b.days_of_week.map((day) => ({
                provider_id: p.id,
                location_id: place.id,
                location_name: place.name,
                day_of_week: day,
                start_time: b.start_time,
                end_time: b.end_time,
              }));
            }),
        );
        return { hours, places: places.map((l) => ({ id: l.id, name: l.name, address: l.address })) };
      }),
      requestHandoff: fromPromise<WorldActors['requestHandoff']['output'], WorldActors['requestHandoff']['input']>(async ({ input }) => {
        fail('requestHandoff');
        this.handoffs.push(input.reason);
        return { ok: true };
      }),
    };
  }
}

export interface Turn {
  reply: string;
  state: string;
  options: OfferedSlot[];
  appointmentId: string | null;
}

const RESTING = new Set<string>(RESTING_STATES);

/** One conversation: `say` sends a message and resolves when the machine rests, like the runtime. */
export function dialogue(world: FakeWorld, options: { input?: Partial<BookingMachineInput>; snapshot?: Snapshot<unknown> } = {}) {
  let now = NOW;
  const machine = bookingMachine.provide({ actors: world.actors(() => now) });
  const input: BookingMachineInput = { firstName: 'Maria', timezone: ZONE, ...options.input };
  const actor = options.snapshot ? createActor(machine, { snapshot: options.snapshot as never, input }) : createActor(machine, { input });
  actor.start();

  function read(): Turn {
    const s = actor.getSnapshot();
    return { reply: s.context.reply, state: String(s.value), options: s.context.options, appointmentId: s.context.appointmentId };
  }

  async function turn(event: { type: 'MESSAGE'; text: string; now: string } | { type: 'REMIND'; appointmentId: string; now: string }): Promise<Turn> {
    actor.send(event);
    const s = await waitFor(actor, (snap) => snap.hasTag('resting') || snap.status !== 'active', { timeout: 5_000 });
    expect(s.status).toBe('active');
    const t = read();
    expect(RESTING.has(t.state), `rests in a resting state, not ${t.state}`).toBe(true);
    expect((t.reply.match(/\?/g) ?? []).length, `one question at most: ${t.reply}`).toBeLessThanOrEqual(1);
    for (const o of t.options) expect(world.searched.has(`${o.provider_id}@${o.start_at}`), 'an option the search returned').toBe(true);
    expect(t.options.length).toBeLessThanOrEqual(5);
    expect(() => JSON.stringify(actor.getPersistedSnapshot())).not.toThrow();
    // a key added or left undefined after the start makes every later assign copy a slow dictionary-mode object
    const context = actor.getSnapshot().context;
    expect(Object.keys(context), 'the context has initialContext keys, in its order').toEqual(Object.keys(initialContext(input)));
    expect(Object.keys(context).filter((k) => context[k as keyof typeof context] === undefined), 'no key undefined').toEqual([]);
    expect(Object.keys(context.facts).sort(), 'the facts have emptyFacts keys').toEqual(Object.keys(emptyFacts()).sort());
    return t;
  }

  return {
    actor,
    /** the instant of the next turns */
    at(instant: string) {
      now = instant;
    },
    /** a reminder of one of the patient's appointments, as the runtime sends it (a turn the clinic starts) */
    remind(appointmentId: string): Promise<Turn> {
      return turn({ type: 'REMIND', appointmentId, now });
    },
    say(text: string): Promise<Turn> {
      return turn({ type: 'MESSAGE', text, now });
    },
    release() {
      actor.send({ type: 'RELEASE' });
      return read();
    },
    persisted() {
      return JSON.parse(JSON.stringify(actor.getPersistedSnapshot())) as Snapshot<unknown>;
    },
    stop() {
      actor.stop();
    },
  };
}

/** The numbered option lines of an offer ("1) 08:30 com …"). */
export function optionLines(reply: string): string[] {
  return reply.split('\n').filter((l) => /^\d\) /.test(l));
}

/** A world where the patient has Dra. Ana Souza on Wednesday 25/11 at 09:00 and Dr. Rui Alves on Friday 27/11 at 15:00. */
export function twoAppointments(c: Catalog) {
  const world = new FakeWorld(c);
  const ana = world.addAppointment({ provider: 'Dra. Ana Souza', date: '2026-11-25', time: '09:00' });
  const rui = world.addAppointment({ provider: 'Dr. Rui Alves', date: '2026-11-27', time: '15:00' });
  return { world, ana, rui };
}
