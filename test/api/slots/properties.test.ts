/**
 * Property tests: random templates, overrides, provider limits and bookings, built through the API;
 * then every slot GET /slots returns is checked against the raw schedule (an oracle written from the
 * booking guard's rules, not from the slot engine), and every one of them is booked (then cancelled
 * again) and must answer 201; pages of a few walk the same list; finally slots are booked in turn,
 * searching again after each, and each must answer 201.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DateTime } from 'luxon';
import { createTestApp, TEST_NOW, type TestApp } from '../../helpers/app';
import { searchSlots } from './helpers';

const ZONES = { sp: 'America/Sao_Paulo', manaus: 'America/Manaus' } as const;
type Loc = keyof typeof ZONES;
// Wednesday 2026-11-25 (today: 09:00 in São Paulo) to Thursday 2026-12-10: 16 days, across a month
// end, and more than the 7 days the search computes at a time
const DATES = Array.from({ length: 16 }, (_, i) => new Date(Date.UTC(2026, 10, 25 + i)).toISOString().slice(0, 10));
/** At most this many slots per run are booked one by one (spread over the list). */
const MAX_PROBES = 60;
const NOTICE_MS = 60 * 60_000;
const ACTIVE = ['requested', 'confirmed', 'checked_in', 'in_progress'];

const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
const quarters = (fromHour: number, toHour: number) => fc.integer({ min: fromHour * 4, max: toHour * 4 }).map((q) => q * 15);

const templateArb = fc.record({
  weekday: fc.integer({ min: 0, max: 6 }),
  half: fc.constantFrom('am' as const, 'pm' as const),
  offset: fc.integer({ min: 0, max: 16 }).map((q) => q * 15),
  length: fc.integer({ min: 2, max: 20 }).map((q) => q * 15),
  loc: fc.constantFrom<Loc>('sp', 'manaus'),
  interval: fc.constantFrom(null, null, 15, 20, 30),
  otherTypeOnly: fc.constantFrom(false, false, false, true),
});

const overrideArb = fc.record({
  day: fc.integer({ min: 0, max: DATES.length - 1 }),
  type: fc.constantFrom('blocked' as const, 'modified' as const, 'added' as const),
  start: quarters(6, 19),
  length: fc.integer({ min: 1, max: 12 }).map((q) => q * 15),
  loc: fc.constantFrom<Loc | null>('sp', 'manaus', null),
  wholeDay: fc.boolean(),
});

const scenarioArb = fc.record({
  provider: fc.record({
    buffer: fc.constantFrom(0, 0, 10, 15),
    maxConcurrent: fc.constantFrom(1, 1, 2),
    maxDaily: fc.constantFrom(null, null, 2, 3),
  }),
  templates: fc.array(templateArb, { minLength: 2, maxLength: 12 }),
  overrides: fc.array(overrideArb, { maxLength: 3 }),
  picks: fc.array(fc.record({ index: fc.nat(), cancel: fc.boolean() }), { maxLength: 8 }),
  query: fc.record({
    duration: fc.constantFrom(undefined, undefined, 20, 45),
    location: fc.constantFrom<Loc | undefined>(undefined, undefined, 'sp', 'manaus'),
    period: fc.constantFrom(undefined, 'manha', 'tarde'),
    time: fc.constantFrom(undefined, undefined, '09:00', '15:30'),
  }),
});
type Scenario = typeof scenarioArb extends fc.Arbitrary<infer S> ? S : never;

interface TemplateRec { weekday: number; start: string; end: string; loc: Loc; types: string[] }
interface OverrideRec { date: string; type: 'blocked' | 'modified' | 'added'; start: string | null; end: string | null; loc: Loc | null }

/** The booking guard's availability rule, transcribed from src/db/appointment-guards.ts. */
function covered(templates: TemplateRec[], overrides: OverrideRec[], date: string, loc: Loc, ls: string, le: string, typeId: string): boolean {
  const weekday = DateTime.fromISO(date, { zone: 'UTC' }).weekday % 7;
  const here = templates.filter((t) => t.loc === loc && t.weekday === weekday);
  const day = overrides.filter((o) => o.date === date);
  if (!(ls < le)) return false;
  if (day.some((o) => o.type === 'blocked' && (o.loc === null || o.loc === loc) && (o.start === null || (o.start < le && o.end! > ls)))) return false;
  const applies = (o: OverrideRec) => o.loc === loc || (o.loc === null && o.type === 'modified' && here.length > 0);
  if (day.some((o) => (o.type === 'added' || o.type === 'modified') && o.start! <= ls && o.end! >= le && applies(o))) return true;
  if (day.some((o) => o.type === 'modified' && applies(o))) return false;
  return here.some((t) => t.start <= ls && t.end >= le && (t.types.length === 0 || t.types.includes(typeId)));
}

/** Minutes from Sunday 00:00 UTC that a template covers (the zones have no daylight saving since 2019). */
function utcWeekSpan(t: TemplateRec): [number, number] {
  const minutes = (hm: string) => Number(hm.slice(0, 2)) * 60 + Number(hm.slice(3, 5));
  const offset = t.loc === 'sp' ? -180 : -240;
  const start = t.weekday * 1440 + minutes(t.start) - offset;
  return [start, start + minutes(t.end) - minutes(t.start)];
}

/** Two templates cover some of the same instants of the week (across its end too). */
function templatesOverlap(a: TemplateRec, b: TemplateRec): boolean {
  const [as, ae] = utcWeekSpan(a);
  const [bs, be] = utcWeekSpan(b);
  return [-7 * 1440, 0, 7 * 1440].some((shift) => as + shift < be && ae + shift > bs);
}

/** An earlier override the API refuses `o` for (409): the rule of POST /providers/{id}/overrides. */
function clashes(earlier: OverrideRec[], o: OverrideRec): boolean {
  return earlier.some((e) => {
    if (e.date !== o.date || e.type !== o.type) return false;
    if (o.type === 'blocked') return e.loc === o.loc && e.start === o.start && e.end === o.end;
    const meet = e.loc === o.loc || (o.type === 'modified' && (e.loc === null || o.loc === null));
    return meet && e.start! < o.end! && e.end! > o.start!;
  });
}

async function runScenario(s: Scenario): Promise<void> {
  const t: TestApp = await createTestApp();
  try {
    const ok = async (method: string, path: string, body?: unknown) => {
      const res = await t.api(method, path, body);
      expect(res.status, `${method} ${path}: ${JSON.stringify(res.body)}`).toBeLessThan(300);
      return res.body;
    };
    const locations = {
      sp: await ok('POST', '/locations', { name: 'São Paulo', timezone: ZONES.sp }),
      manaus: await ok('POST', '/locations', { name: 'Manaus', timezone: ZONES.manaus }),
    };
    const locOf = (id: string): Loc => (id === locations.sp.id ? 'sp' : 'manaus');
    const type = await ok('POST', '/appointment-types', { name: 'Consulta', duration_minutes: 30 });
    const otherType = await ok('POST', '/appointment-types', { name: 'Exame', duration_minutes: 30 });
    const provider = await ok('POST', '/providers', {
      doctor_id: randomUUID(),
      name: 'Dra. Prop',
      specialties: ['Cardiologia'],
      primary_location_id: locations.sp.id,
      buffer_between_appointments_minutes: s.provider.buffer,
      max_concurrent_appointments: s.provider.maxConcurrent,
      max_daily_appointments: s.provider.maxDaily,
    });

    const templates: TemplateRec[] = [];
    const taken = new Set<string>();
    for (const tp of s.templates) {
      if (taken.has(`${tp.weekday}${tp.half}`)) continue;
      taken.add(`${tp.weekday}${tp.half}`);
      const start = (tp.half === 'am' ? 6 * 60 : 12 * 60) + tp.offset;
      const end = Math.min(start + tp.length, tp.half === 'am' ? 12 * 60 : 23 * 60);
      const rec: TemplateRec = { weekday: tp.weekday, start: hhmm(start), end: hhmm(end), loc: tp.loc, types: tp.otherTypeOnly ? [otherType.id] : [] };
      const body = {
        day_of_week: rec.weekday,
        start_time: rec.start,
        end_time: rec.end,
        location_id: locations[rec.loc].id,
        slot_interval_minutes: tp.interval,
        appointment_type_ids: rec.types,
      };
      // the same instants covered at the other zone's location: refused (the rule of POST /providers/{id}/templates)
      if (templates.some((e) => templatesOverlap(e, rec))) {
        expect((await t.api('POST', `/providers/${provider.id}/templates`, body)).status, JSON.stringify(rec)).toBe(409);
        continue;
      }
      await ok('POST', `/providers/${provider.id}/templates`, body);
      templates.push(rec);
    }
    const overrides: OverrideRec[] = [];
    for (const o of s.overrides) {
      const whole = o.type === 'blocked' && o.wholeDay;
      const loc = o.type === 'added' ? (o.loc ?? 'sp') : o.loc;
      const rec: OverrideRec = {
        date: DATES[o.day]!,
        type: o.type,
        start: whole ? null : hhmm(o.start),
        end: whole ? null : hhmm(Math.min(o.start + o.length, 23 * 60 + 59)),
        loc,
      };
      const body = { date: rec.date, type: rec.type, start_time: rec.start, end_time: rec.end, location_id: loc === null ? null : locations[loc].id };
      if (clashes(overrides, rec)) {
        expect((await t.api('POST', `/providers/${provider.id}/overrides`, body)).status, JSON.stringify(rec)).toBe(409);
        continue;
      }
      await ok('POST', `/providers/${provider.id}/overrides`, body);
      overrides.push(rec);
    }

    let patients = 0;
    const newPatient = async () => (await ok('POST', '/patients', { name: `P${patients}`, phone: `+55119${String(70000000 + patients++)}` })).id as string;
    const query = {
      date_from: DATES[0],
      date_to: DATES.at(-1),
      appointment_type_id: type.id,
      provider_id: provider.id,
      location_id: s.query.location ? locations[s.query.location].id : undefined,
      duration_minutes: s.query.duration,
      period: s.query.period,
      time: s.query.time,
      limit: 200,
    };
    const search = async () => {
      const all: any[] = [];
      let cursor: string | undefined;
      do {
        const res = await searchSlots(t, { ...query, cursor });
        expect(res.status, JSON.stringify(res.body)).toBe(200);
        all.push(...res.body.data);
        cursor = res.body.next_cursor ?? undefined;
      } while (cursor);
      return all;
    };
    const book = (slot: any, patient: string) =>
      t.api('POST', '/appointments', {
        provider_profile_id: provider.id,
        patient_id: patient,
        appointment_type_id: type.id,
        location_id: slot.location.id,
        start_time: slot.start_at,
        end_time: slot.end_at,
      });

    // Some bookings (each by its own patient), some of them cancelled again.
    const initial = await search();
    for (const pick of s.picks) {
      if (initial.length === 0) break;
      const res = await book(initial[pick.index % initial.length], await newPatient());
      if (res.status === 201 && pick.cancel) expect((await t.api('DELETE', `/appointments/${res.body.id}`)).status).toBe(204);
    }

    const slots = await search();
    const rows = await t.rows<{ start_time: string; end_time: string; status: string; local_date: string }>(
      'SELECT start_time, end_time, status, local_date FROM appointments WHERE provider_profile_id = ?',
      provider.id,
    );
    const active = rows.filter((r) => ACTIVE.includes(r.status)).map((r) => [Date.parse(r.start_time), Date.parse(r.end_time)] as const);
    const now = Date.parse(TEST_NOW);
    const duration = (s.query.duration ?? 30) * 60_000;
    const buffer = s.provider.buffer * 60_000;

    for (const slot of slots) {
      const start = Date.parse(slot.start_at);
      const end = Date.parse(slot.end_at);
      const loc = locOf(slot.location.id);
      if (s.query.location) expect(loc).toBe(s.query.location);
      expect(end - start).toBe(duration);
      // not in the past, nor before the minimum notice
      expect(start).toBeGreaterThanOrEqual(now + NOTICE_MS);
      // the local date and times are those of the UTC instants at the location
      const local = DateTime.fromMillis(start, { zone: ZONES[loc] });
      expect([slot.date, slot.start_time]).toEqual([local.toFormat('yyyy-MM-dd'), local.toFormat('HH:mm')]);
      expect(slot.end_time).toBe(DateTime.fromMillis(end, { zone: ZONES[loc] }).toFormat('HH:mm'));
      // inside a window
      expect(covered(templates, overrides, slot.date, loc, slot.start_time, slot.end_time, type.id), JSON.stringify(slot)).toBe(true);
      // max concurrent at the busiest minute of the buffered interval (for max 1: no overlap at all)
      let most = 0;
      for (let at = start - buffer; at < end + buffer; at += 60_000) most = Math.max(most, active.filter(([a, b]) => a <= at && b > at).length);
      expect(most).toBeLessThan(s.provider.maxConcurrent);
      // and so does every booking within a buffer of it, extended, with the slot counted
      for (const booked of active) {
        const others = [...active.filter((x) => x !== booked), [start, end] as const];
        let near = 0;
        for (let at = booked[0] - buffer; at < booked[1] + buffer; at += 60_000) near = Math.max(near, others.filter(([a, b]) => a <= at && b > at).length);
        expect(near).toBeLessThan(s.provider.maxConcurrent);
      }
      // max daily
      if (s.provider.maxDaily !== null) {
        expect(rows.filter((r) => r.status !== 'cancelled' && r.local_date === slot.date).length).toBeLessThan(s.provider.maxDaily);
      }
    }

    // Pages of 7 walk the same list in the same order (the search stops early when it can).
    const paged: any[] = [];
    let cursor: string | undefined;
    do {
      const res = await searchSlots(t, { ...query, limit: 7, cursor });
      expect(res.status).toBe(200);
      paged.push(...res.body.data);
      cursor = res.body.next_cursor ?? undefined;
    } while (cursor && paged.length < 35);
    expect(paged).toEqual(slots.slice(0, paged.length));

    // Every returned slot (or, past MAX_PROBES, an even spread of them) books with 201, cancelled at
    // once so that each sees the same state.
    const prober = await newPatient();
    const every = Math.max(1, Math.ceil(slots.length / MAX_PROBES));
    for (const slot of slots.filter((_, i) => i % every === 0)) {
      const res = await book(slot, prober);
      expect(res.status, `${JSON.stringify(slot)} → ${JSON.stringify(res.body)}`).toBe(201);
      expect((await t.api('DELETE', `/appointments/${res.body.id}`)).status).toBe(204);
    }

    // And in turn: book the best slot, search again, book the best again…
    for (let i = 0; i < 4; i++) {
      const [best] = await search();
      if (!best) break;
      const res = await book(best, await newPatient());
      expect(res.status, `${JSON.stringify(best)} → ${JSON.stringify(res.body)}`).toBe(201);
    }
  } finally {
    t.close();
  }
}

describe('slots: properties', () => {
  it('every slot is inside a window, clear of bookings and buffers, within the daily limit, after the notice, and books with 201', async () => {
    await fc.assert(fc.asyncProperty(scenarioArb, runScenario), { numRuns: 25 });
  }, 180_000);
});
