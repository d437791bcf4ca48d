/**
 * workingWindows has a fast path for days without overrides (slot search calls it for dozens of
 * providers per request). This checks it against the straightforward version it replaced, kept here
 * verbatim as the reference, over random schedules.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { ScheduleOverride, ScheduleTemplate } from '../../../src/core/model';
import { addDays, clockTime, dayOfWeek, localToUtc, minutesOfDay } from '../../../src/core/time';
import { workingWindows, type ScheduleInput, type WorkingWindow } from '../../../src/core/availability/windows';

// ---- the reference: src/core/availability/windows.ts before the fast path ----
interface Span {
  start: number;
  end: number;
}

function subtract(spans: Span[], cut: Span): Span[] {
  const out: Span[] = [];
  for (const s of spans) {
    if (cut.end <= s.start || cut.start >= s.end) {
      out.push(s);
      continue;
    }
    if (cut.start > s.start) out.push({ start: s.start, end: cut.start });
    if (cut.end < s.end) out.push({ start: cut.end, end: s.end });
  }
  return out;
}

function effectiveOn(t: ScheduleTemplate, date: string): boolean {
  return (
    t.is_active &&
    (t.effective_from === null || t.effective_from <= date) &&
    (t.effective_until === null || t.effective_until >= date)
  );
}

/** The windows of one provider from `dateFrom` to `dateTo` (local dates, inclusive), ordered by UTC start. */
function referenceWindows(input: ScheduleInput, dateFrom: string, dateTo: string): WorkingWindow[] {
  const windows: WorkingWindow[] = [];
  const overridesByDate = new Map<string, ScheduleOverride[]>();
  for (const o of input.overrides) {
    const list = overridesByDate.get(o.date) ?? [];
    list.push(o);
    overridesByDate.set(o.date, list);
  }
  const locationIds = new Set<string>([
    ...input.templates.map((t) => t.location_id),
    ...input.overrides.flatMap((o) => (o.location_id ? [o.location_id] : [])),
  ]);

  for (let date = dateFrom; date <= dateTo; date = addDays(date, 1)) {
    const weekday = dayOfWeek(date);
    const overrides = overridesByDate.get(date) ?? [];
    for (const locationId of locationIds) {
      const zone = input.timezones.get(locationId);
      if (!zone) continue;
      const here = (o: ScheduleOverride) => o.location_id === locationId;
      const templates = input.templates.filter(
        (t) => t.location_id === locationId && t.day_of_week === weekday && effectiveOn(t, date),
      );
      const blocked = overrides.filter((o) => o.type === 'blocked' && (o.location_id === null || here(o)));
      if (blocked.some((o) => o.start_time === null)) continue;

      const modified = overrides.filter(
        (o) => o.type === 'modified' && (here(o) || (o.location_id === null && templates.length > 0)),
      );
      const raw: Array<Pick<WorkingWindow, 'source' | 'template_id' | 'slot_interval_minutes' | 'appointment_type_ids'> & Span> = [];
      for (const o of overrides.filter((o) => o.type === 'added' && here(o))) {
        raw.push({ start: minutesOfDay(o.start_time!), end: minutesOfDay(o.end_time!), source: 'added', template_id: null, slot_interval_minutes: null, appointment_type_ids: [] });
      }
      if (modified.length > 0) {
        for (const o of modified) {
          raw.push({ start: minutesOfDay(o.start_time!), end: minutesOfDay(o.end_time!), source: 'modified', template_id: null, slot_interval_minutes: null, appointment_type_ids: [] });
        }
      } else {
        for (const t of templates) {
          raw.push({
            start: minutesOfDay(t.start_time),
            end: minutesOfDay(t.end_time),
            source: 'template',
            template_id: t.id,
            slot_interval_minutes: t.slot_interval_minutes,
            appointment_type_ids: t.appointment_type_ids,
          });
        }
      }
      for (const w of raw) {
        let spans: Span[] = [{ start: w.start, end: w.end }];
        for (const b of blocked) spans = subtract(spans, { start: minutesOfDay(b.start_time!), end: minutesOfDay(b.end_time!) });
        for (const span of spans) {
          if (span.end <= span.start) continue;
          const start = clockTime(span.start);
          const end = clockTime(span.end);
          windows.push({
            date,
            location_id: locationId,
            start,
            end,
            start_utc: localToUtc(date, start, zone),
            end_utc: localToUtc(date, end, zone),
            grid_start_utc: localToUtc(date, clockTime(w.start), zone),
            source: w.source,
            template_id: w.template_id,
            slot_interval_minutes: w.slot_interval_minutes,
            appointment_type_ids: w.appointment_type_ids,
          });
        }
      }
    }
  }
  return windows.sort((a, b) => a.start_utc.getTime() - b.start_utc.getTime() || a.location_id.localeCompare(b.location_id));
}

// ---- end of the reference ----

const ZONES = new Map([
  ['sp', 'America/Sao_Paulo'],
  ['manaus', 'America/Manaus'],
  ['noronha', 'America/Noronha'],
]);
const hhmm = (m: number) => clockTime(m);

describe('workingWindows', () => {
  it('gives the same windows as the reference over random schedules (including 2018 DST dates)', () => {
    const span = fc
      .tuple(fc.integer({ min: 0, max: 95 }).map((q) => q * 15), fc.integer({ min: 1, max: 40 }).map((q) => q * 15))
      .filter(([s, l]) => s + l <= 23 * 60 + 59)
      .map(([s, l]) => [hhmm(s), hhmm(Math.min(s + l, 23 * 60 + 59))] as const);
    const location = fc.constantFrom('sp', 'manaus', 'noronha', 'nowhere');
    const date = fc.constantFrom('2018-11-01', '2018-11-03', '2018-11-04', '2018-11-05', '2019-02-16', '2019-02-17', '2026-11-30', '2026-12-01', '2026-12-31', '2027-01-01');
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            day: fc.integer({ min: 0, max: 6 }),
            span,
            location,
            interval: fc.constantFrom(null, 10, 30),
            from: fc.option(date, { nil: null }),
            until: fc.option(date, { nil: null }),
            types: fc.constantFrom([] as string[], ['a'], ['a', 'b']),
            active: fc.boolean(),
          }),
          { maxLength: 8 },
        ),
        fc.array(
          fc.record({ date, type: fc.constantFrom('blocked' as const, 'modified' as const, 'added' as const), span, location: fc.option(location, { nil: null }), whole: fc.boolean() }),
          { maxLength: 5 },
        ),
        fc.constantFrom(['2018-10-30', '2018-11-06'], ['2019-02-14', '2019-02-18'], ['2026-11-28', '2027-01-02']),
        (rawTemplates, rawOverrides, [from, to]) => {
          const templates: ScheduleTemplate[] = rawTemplates.map((t, i) => ({
            id: `t${i}`,
            provider_id: 'p',
            day_of_week: t.day,
            start_time: t.span[0],
            end_time: t.span[1],
            location_id: t.location,
            slot_interval_minutes: t.interval,
            effective_from: t.from,
            effective_until: t.until,
            appointment_type_ids: t.types,
            is_active: t.active,
            created_at: '',
            updated_at: '',
          }));
          const overrides: ScheduleOverride[] = rawOverrides.map((o, i) => ({
            id: `o${i}`,
            provider_id: 'p',
            date: o.date,
            type: o.type,
            start_time: o.type === 'blocked' && o.whole ? null : o.span[0],
            end_time: o.type === 'blocked' && o.whole ? null : o.span[1],
            location_id: o.type === 'added' ? (o.location ?? 'sp') : o.location,
            reason: null,
            created_at: '',
          }));
          const input: ScheduleInput = { templates, overrides, timezones: ZONES };
          const plain = (ws: WorkingWindow[]) => ws.map((w) => ({ ...w, start_utc: w.start_utc.toISOString(), end_utc: w.end_utc.toISOString(), grid_start_utc: w.grid_start_utc.toISOString() }));
          expect(plain(workingWindows(input, from!, to!))).toEqual(plain(referenceWindows(input, from!, to!)));
        },
      ),
      { numRuns: 400 },
    );
  });
});
