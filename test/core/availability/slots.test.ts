import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { ScheduleOverride, ScheduleTemplate } from '../../../src/core/model';
import { workingWindows, type WorkingWindow } from '../../../src/core/availability/windows';
import { busiestCount, busiestInBuffers, hhmm, localMinutes, providerSlots, slotList, type BusyTime, type SlotRules } from '../../../src/core/availability/slots';

const SP = 'America/Sao_Paulo';
const MANAUS = 'America/Manaus';
const ZONES = new Map([
  ['sp', SP],
  ['manaus', MANAUS],
]);
const TYPE = 'type-1';
const MIN = 60_000;

function template(day: number, start: string, end: string, extra: Partial<ScheduleTemplate> = {}): ScheduleTemplate {
  return {
    id: `t-${day}-${start}`,
    provider_id: 'p',
    day_of_week: day,
    start_time: start,
    end_time: end,
    location_id: 'sp',
    slot_interval_minutes: null,
    effective_from: null,
    effective_until: null,
    appointment_type_ids: [],
    is_active: true,
    created_at: '',
    updated_at: '',
    ...extra,
  };
}

function override(date: string, type: ScheduleOverride['type'], start: string | null, end: string | null, location: string | null = 'sp'): ScheduleOverride {
  return { id: `o-${date}-${type}-${start}`, provider_id: 'p', date, type, start_time: start, end_time: end, location_id: location, reason: null, created_at: '' };
}

const rules = (extra: Partial<SlotRules> = {}): SlotRules => ({ durationMinutes: 30, bufferMinutes: 0, maxConcurrent: 1, maxDaily: null, ...extra });
const at = (iso: string) => Date.parse(iso);
const busy = (start: string, end: string): BusyTime => ({ start: at(start), end: at(end) });
const iso = (ms: number) => new Date(ms).toISOString();

function slotsOf(windows: WorkingWindow[], opts: { busy?: BusyTime[]; daily?: Record<string, number>; rules?: Partial<SlotRules>; notBefore?: string; location?: string } = {}) {
  const result = providerSlots({
    windows,
    appointmentTypeId: TYPE,
    locationId: opts.location,
    busy: opts.busy ?? [],
    dailyCounts: new Map(Object.entries(opts.daily ?? {})),
    rules: rules(opts.rules),
    notBefore: at(opts.notBefore ?? '2026-01-01T00:00:00Z'),
  });
  return { slots: slotList(result), days: result.days };
}

// 2026-12-01 is a Tuesday; São Paulo is UTC-3 (08:00 = 11:00Z), Manaus UTC-4 (08:00 = 12:00Z).
const TUESDAY = '2026-12-01';

describe('providerSlots', () => {
  it('steps the window by the duration when the template has no interval', () => {
    const windows = workingWindows({ templates: [template(2, '08:00', '10:00')], overrides: [], timezones: ZONES }, TUESDAY, TUESDAY);
    const { slots, days } = slotsOf(windows);
    expect(slots.map((s) => iso(s.start))).toEqual([
      '2026-12-01T11:00:00.000Z',
      '2026-12-01T11:30:00.000Z',
      '2026-12-01T12:00:00.000Z',
      '2026-12-01T12:30:00.000Z',
    ]);
    expect(slots.every((s) => s.end - s.start === 30 * MIN)).toBe(true);
    expect(days.get(TUESDAY)).toEqual({ total: 4, free: 4 });
  });

  it('steps by slot_interval_minutes, and the last slot ends by the window end', () => {
    const windows = workingWindows(
      { templates: [template(2, '08:00', '09:00', { slot_interval_minutes: 20 })], overrides: [], timezones: ZONES },
      TUESDAY,
      TUESDAY,
    );
    const { slots } = slotsOf(windows, { rules: { durationMinutes: 30 } });
    expect(slots.map((s) => hhmm(localMinutes(s.window, s.start, SP)))).toEqual(['08:00', '08:20']);
  });

  it('keeps the grid of the window when blocked hours cut it', () => {
    const windows = workingWindows(
      {
        templates: [template(2, '08:00', '11:00', { slot_interval_minutes: 45 })],
        overrides: [override(TUESDAY, 'blocked', '08:10', '08:40')],
        timezones: ZONES,
      },
      TUESDAY,
      TUESDAY,
    );
    const { slots } = slotsOf(windows);
    // grid 08:00, 08:45, 09:30, 10:15: 08:00 would cross the block
    expect(slots.map((s) => hhmm(localMinutes(s.window, s.start, SP)))).toEqual(['08:45', '09:30', '10:15']);
  });

  it('leaves out slots before now + notice', () => {
    const windows = workingWindows({ templates: [template(2, '08:00', '10:00')], overrides: [], timezones: ZONES }, TUESDAY, TUESDAY);
    const { slots, days } = slotsOf(windows, { notBefore: '2026-12-01T11:40:00Z' });
    expect(slots.map((s) => iso(s.start))).toEqual(['2026-12-01T12:00:00.000Z', '2026-12-01T12:30:00.000Z']);
    expect(days.get(TUESDAY)).toEqual({ total: 2, free: 2 });
  });

  it('keeps the buffer free on both sides of a booking', () => {
    const windows = workingWindows({ templates: [template(2, '08:00', '11:00')], overrides: [], timezones: ZONES }, TUESDAY, TUESDAY);
    // booked 09:00–09:30 local, buffer 15: 08:30 (ends 09:00 + 15) and 09:30 (starts 09:30 − 15) are out
    const { slots, days } = slotsOf(windows, { busy: [busy('2026-12-01T12:00:00Z', '2026-12-01T12:30:00Z')], rules: { bufferMinutes: 15 } });
    expect(slots.map((s) => hhmm(localMinutes(s.window, s.start, SP)))).toEqual(['08:00', '10:00', '10:30']);
    expect(days.get(TUESDAY)).toEqual({ total: 6, free: 3 });
  });

  it("with two places, a slot inside a booking's buffer leaves that booking's place free", () => {
    const windows = workingWindows({ templates: [template(2, '08:00', '11:00', { slot_interval_minutes: 5 })], overrides: [], timezones: ZONES }, TUESDAY, TUESDAY);
    // 09:05–09:35 and 09:35–10:05 local, buffer 10: a third 09:35 lies in 09:05–09:35's buffer beside
    // 09:35–10:05, so the booking guard refuses it (and would refuse 09:05 booked last); 09:45 is free
    const booked = [busy('2026-12-01T12:05:00Z', '2026-12-01T12:35:00Z'), busy('2026-12-01T12:35:00Z', '2026-12-01T13:05:00Z')];
    const { slots } = slotsOf(windows, { busy: booked, rules: { maxConcurrent: 2, bufferMinutes: 10 } });
    const starts = slots.map((s) => hhmm(localMinutes(s.window, s.start, SP)));
    expect(starts).not.toContain('09:35');
    expect(starts).not.toContain('09:40');
    expect(starts).toContain('09:45');
    // 08:35–09:05 ends where 09:05–09:35 begins: it lies in that one's buffer with nothing else there
    expect(starts).toContain('08:35');
  });

  it('counts max concurrent at the busiest instant, not by overlapping bookings', () => {
    const windows = workingWindows({ templates: [template(2, '08:00', '10:00', { slot_interval_minutes: 60 })], overrides: [], timezones: ZONES }, TUESDAY, TUESDAY);
    // two bookings inside 08:00–09:00 that do not overlap each other: at most one at any instant
    const apart = [busy('2026-12-01T11:00:00Z', '2026-12-01T11:20:00Z'), busy('2026-12-01T11:30:00Z', '2026-12-01T11:50:00Z')];
    const two = slotsOf(windows, { busy: apart, rules: { maxConcurrent: 2, durationMinutes: 60 } });
    expect(two.slots.map((s) => hhmm(localMinutes(s.window, s.start, SP)))).toEqual(['08:00', '09:00']);
    // two that overlap each other fill 08:00 for max 2
    const together = [busy('2026-12-01T11:00:00Z', '2026-12-01T11:40:00Z'), busy('2026-12-01T11:30:00Z', '2026-12-01T11:50:00Z')];
    const full = slotsOf(windows, { busy: together, rules: { maxConcurrent: 2, durationMinutes: 60 } });
    expect(full.slots.map((s) => hhmm(localMinutes(s.window, s.start, SP)))).toEqual(['09:00']);
    // and one is enough for max 1
    const one = slotsOf(windows, { busy: apart.slice(0, 1), rules: { maxConcurrent: 1, durationMinutes: 60 } });
    expect(one.slots.map((s) => hhmm(localMinutes(s.window, s.start, SP)))).toEqual(['09:00']);
  });

  it('closes a day that reached max daily, whatever the time', () => {
    const windows = workingWindows({ templates: [template(2, '08:00', '09:00'), template(3, '08:00', '09:00')], overrides: [], timezones: ZONES }, TUESDAY, '2026-12-02');
    const { slots, days } = slotsOf(windows, { daily: { [TUESDAY]: 2 }, rules: { maxDaily: 2 } });
    expect(slots.map((s) => s.window.date)).toEqual(['2026-12-02', '2026-12-02']);
    expect(days.get(TUESDAY)).toEqual({ total: 2, free: 0 });
  });

  it('only uses windows for the type, and at the location asked', () => {
    const windows = workingWindows(
      {
        templates: [
          template(2, '08:00', '09:00', { appointment_type_ids: ['other-type'] }),
          template(2, '10:00', '11:00', { location_id: 'manaus' }),
        ],
        overrides: [],
        timezones: ZONES,
      },
      TUESDAY,
      TUESDAY,
    );
    expect(slotsOf(windows).slots.map((s) => iso(s.start))).toEqual(['2026-12-01T14:00:00.000Z', '2026-12-01T14:30:00.000Z']);
    expect(slotsOf(windows, { location: 'sp' }).slots).toEqual([]);
  });

  it('offers a start once when an added window overlaps a template window', () => {
    const windows = workingWindows(
      { templates: [template(2, '08:00', '09:00')], overrides: [override(TUESDAY, 'added', '08:30', '09:30')], timezones: ZONES },
      TUESDAY,
      TUESDAY,
    );
    const starts = slotsOf(windows).slots.map((s) => hhmm(localMinutes(s.window, s.start, SP)));
    expect(starts).toEqual(['08:00', '08:30', '09:00']);
  });

  it('gives local times across the 2018 São Paulo DST change', () => {
    // 2018-11-04 (Sunday): 00:00 local did not exist, clocks went to 01:00 (UTC-2)
    const windows = workingWindows({ templates: [template(0, '00:00', '02:00')], overrides: [], timezones: ZONES }, '2018-11-04', '2018-11-04');
    const { slots } = slotsOf(windows, { notBefore: '2018-01-01T00:00:00Z' });
    expect(slots.map((s) => [iso(s.start), hhmm(localMinutes(s.window, s.start, SP)), hhmm(localMinutes(s.window, s.end, SP))])).toEqual([
      ['2018-11-04T03:00:00.000Z', '01:00', '01:30'],
      ['2018-11-04T03:30:00.000Z', '01:30', '02:00'],
    ]);
  });
});

describe('busiestInBuffers', () => {
  const b = (s: number, e: number): BusyTime => ({ start: s, end: e });
  it("is the most held at one instant of [from, to) inside a booking's buffer; -1 when none is", () => {
    expect(busiestInBuffers([], 0, 10, 5)).toBe(-1);
    expect(busiestInBuffers([b(20, 30)], 0, 10, 5)).toBe(-1);
    // 10 minutes after b(−20, −5) and a booking held across it
    expect(busiestInBuffers([b(-20, -5), b(-10, 8)], 0, 10, 10)).toBe(1);
    expect(busiestInBuffers([b(-20, -5), b(-10, 8), b(2, 12)], 0, 10, 10)).toBe(2);
    // the buffer before a booking starting at 12
    expect(busiestInBuffers([b(12, 20), b(0, 30)], 0, 10, 5)).toBe(1);
  });

  it('agrees with a minute-by-minute count', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 100 }), fc.integer({ min: 1, max: 40 })), { maxLength: 10 }),
        fc.integer({ min: 0, max: 100 }),
        fc.integer({ min: 1, max: 60 }),
        fc.integer({ min: 1, max: 20 }),
        (raw, from, length, buffer) => {
          const list = raw.map(([s, l]) => b(s, s + l));
          let most = -1;
          for (let t = from; t < from + length; t++) {
            if (list.some((x) => (x.start - buffer <= t && t < x.start) || (x.end <= t && t < x.end + buffer))) {
              most = Math.max(most, list.filter((x) => x.start <= t && x.end > t).length);
            }
          }
          expect(busiestInBuffers(list, from, from + length, buffer)).toBe(most);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('busiestCount', () => {
  const b = (s: number, e: number): BusyTime => ({ start: s, end: e });
  it('is the most held at one instant of [from, to)', () => {
    expect(busiestCount([], 0, 10)).toBe(0);
    expect(busiestCount([b(0, 5), b(5, 10)], 0, 10)).toBe(1);
    expect(busiestCount([b(0, 6), b(5, 10)], 0, 10)).toBe(2);
    expect(busiestCount([b(-5, 1), b(2, 4), b(3, 12)], 0, 10)).toBe(2);
    // touching ends do not overlap
    expect(busiestCount([b(-5, 0), b(10, 20)], 0, 10)).toBe(0);
  });

  it('agrees with a minute-by-minute count', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 100 }), fc.integer({ min: 1, max: 40 })), { maxLength: 12 }),
        fc.integer({ min: 0, max: 100 }),
        fc.integer({ min: 1, max: 60 }),
        (raw, from, length) => {
          const list = raw.map(([s, l]) => b(s, s + l)).sort((x, y) => x.start - y.start);
          let most = 0;
          for (let t = from; t < from + length; t++) most = Math.max(most, list.filter((x) => x.start <= t && x.end > t).length);
          expect(busiestCount(list, from, from + length)).toBe(most);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('providerSlots: invariants over random schedules', () => {
  const time = fc.integer({ min: 0, max: 23 * 4 }).map((q) => q * 15);
  const WEEK = ['2026-11-30', '2026-12-01', '2026-12-02', '2026-12-03', '2026-12-04', '2026-12-05', '2026-12-06'];
  const span = fc.tuple(time, fc.integer({ min: 1, max: 16 }).map((n) => n * 15)).filter(([s, l]) => s + l < 24 * 60);

  it('every slot is inside one window, on its grid, after the notice, within the rules', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 6 }), span, fc.constantFrom(null, 10, 15, 30), fc.constantFrom('sp', 'manaus')), { maxLength: 6 }),
        fc.array(fc.tuple(fc.integer({ min: 0, max: 6 }), fc.constantFrom<ScheduleOverride['type']>('blocked', 'modified', 'added'), span, fc.boolean()), { maxLength: 4 }),
        fc.array(fc.tuple(fc.integer({ min: 0, max: 6 * 24 * 4 }), fc.integer({ min: 1, max: 8 })), { maxLength: 10 }),
        fc.record({
          durationMinutes: fc.constantFrom(15, 20, 30, 45, 60),
          bufferMinutes: fc.constantFrom(0, 5, 15),
          maxConcurrent: fc.integer({ min: 1, max: 3 }),
          maxDaily: fc.option(fc.integer({ min: 1, max: 4 }), { nil: null }),
        }),
        fc.integer({ min: 0, max: 3 * 24 * 4 }),
        (rawTemplates, rawOverrides, rawBusy, slotRules, noticeQuarter) => {
          const dateFrom = '2026-11-30';
          const dateTo = '2026-12-06';
          const templates: ScheduleTemplate[] = rawTemplates.map(([day, [s, l], interval, location], i) =>
            template(day, hhmm(s), hhmm(s + l), { id: `t${i}`, slot_interval_minutes: interval, location_id: location }),
          );
          const overrides: ScheduleOverride[] = rawOverrides.map(([d, type, [s, l], allLocations], i) => ({
            ...override(WEEK[d]!, type, hhmm(s), hhmm(s + l), type !== 'added' && allLocations ? null : 'sp'),
            id: `o${i}`,
          }));
          const base = at('2026-11-30T03:00:00Z');
          const busyTimes = rawBusy.map(([q, n]) => ({ start: base + q * 15 * MIN, end: base + (q + n) * 15 * MIN }));
          const daily = new Map<string, number>();
          const windows = workingWindows({ templates, overrides, timezones: ZONES }, dateFrom, dateTo);
          const notBefore = base + noticeQuarter * 15 * MIN;
          const slots = slotList(providerSlots({ windows, appointmentTypeId: TYPE, busy: busyTimes, dailyCounts: daily, rules: slotRules, notBefore }));
          const seen = new Set<string>();
          for (const s of slots) {
            const w = s.window;
            expect(s.start).toBeGreaterThanOrEqual(w.start_utc.getTime());
            expect(s.end).toBeLessThanOrEqual(w.end_utc.getTime());
            expect(s.end - s.start).toBe(slotRules.durationMinutes * MIN);
            expect(s.start).toBeGreaterThanOrEqual(notBefore);
            const step = (w.slot_interval_minutes ?? slotRules.durationMinutes) * MIN;
            expect((s.start - w.grid_start_utc.getTime()) % step).toBe(0);
            const b = slotRules.bufferMinutes * MIN;
            let most = 0;
            for (let t = s.start - b; t < s.end + b; t += MIN) most = Math.max(most, busyTimes.filter((x) => x.start <= t && x.end > t).length);
            expect(most).toBeLessThan(slotRules.maxConcurrent);
            // and every booking within a buffer of it, extended, still meets fewer than the limit with it
            for (const x of busyTimes) {
              let near = 0;
              for (let t = x.start - b; t < x.end + b; t += MIN) {
                near = Math.max(near, [...busyTimes, s].filter((y) => y !== x && y.start <= t && y.end > t).length);
              }
              const before = busyTimes.filter((y) => y !== x);
              let was = 0;
              for (let t = x.start - b; t < x.end + b; t += MIN) was = Math.max(was, before.filter((y) => y.start <= t && y.end > t).length);
              // only where the slot made it worse: random bookings may already break the rule among themselves
              if (near > was) expect(near).toBeLessThan(slotRules.maxConcurrent);
            }
            const key = `${w.location_id}|${s.start}`;
            expect(seen.has(key)).toBe(false);
            seen.add(key);
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});
