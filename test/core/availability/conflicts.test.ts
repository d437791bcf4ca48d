import { describe, expect, it } from 'vitest';
import {
  findConflicts,
  gapMinutes,
  travelMinutesBetween,
  type Commitment,
  type TravelTable,
} from '../../../src/core/availability/conflicts';
import { checkDateRange } from '../../../src/core/availability/schedule-view';
import { workingWindows } from '../../../src/core/availability/windows';
import { ValidationError } from '../../../src/core/errors';
import { localToUtc } from '../../../src/core/time';
import type { ScheduleOverride, ScheduleTemplate } from '../../../src/core/model';

const SP = 'America/Sao_Paulo';
const MANAUS = 'America/Manaus';
const ZONES: Record<string, string> = { centro: SP, savassi: SP, pampulha: SP, manaus: MANAUS };

/** A commitment at local times of its location's zone. */
function at(locationId: string, date: string, start: string, end: string, kind: Commitment['kind'] = 'appointment', id = `${locationId}-${start}`): Commitment {
  const zone = ZONES[locationId]!;
  return {
    kind,
    id,
    source: kind === 'appointment' ? 'appointment' : 'template',
    location_id: locationId,
    date,
    start,
    end,
    start_utc: localToUtc(date, start, zone),
    end_utc: localToUtc(date, end, zone),
  };
}

function table(entries: Array<[string, Record<string, number>]>): Map<string, TravelTable> {
  return new Map(entries.map(([id, travel_minutes]) => [id, { id, travel_minutes }]));
}

// Centro and Savassi are 20 minutes apart.
const TWENTY = table([
  ['centro', { savassi: 20 }],
  ['savassi', {}],
]);

const brief = (list: ReturnType<typeof findConflicts>) =>
  list.map((c) => `${c.date} ${c.first.id}|${c.second.id} gap ${c.gap_minutes} travel ${c.travel_minutes} ${c.type}`);

describe('travel minutes between two locations', () => {
  it('takes what either names, the larger when both do, else 30 (or the given default)', () => {
    const l = table([
      ['a', { b: 20, c: 15 }],
      ['b', { a: 45 }],
      ['c', {}],
      ['d', {}],
    ]);
    expect(travelMinutesBetween(l.get('a'), l.get('b'))).toBe(45);
    expect(travelMinutesBetween(l.get('b'), l.get('a'))).toBe(45);
    expect(travelMinutesBetween(l.get('a'), l.get('c'))).toBe(15);
    expect(travelMinutesBetween(l.get('c'), l.get('a'))).toBe(15);
    expect(travelMinutesBetween(l.get('c'), l.get('d'))).toBe(30);
    expect(travelMinutesBetween(l.get('c'), undefined)).toBe(30);
    expect(travelMinutesBetween(l.get('c'), l.get('d'), 10)).toBe(10);
  });

  it('keeps an entered 0 (no travel needed) rather than the default', () => {
    const l = table([
      ['a', { b: 0 }],
      ['b', {}],
    ]);
    expect(travelMinutesBetween(l.get('a'), l.get('b'))).toBe(0);
  });
});

describe('gap minutes', () => {
  it('is the later start minus the earlier end, negative by the overlap', () => {
    const a = at('centro', '2026-12-07', '11:30', '12:00');
    expect(gapMinutes(a, at('savassi', '2026-12-07', '12:10', '12:40'))).toBe(10);
    expect(gapMinutes(at('savassi', '2026-12-07', '12:10', '12:40'), a)).toBe(10);
    expect(gapMinutes(a, at('savassi', '2026-12-07', '11:45', '12:30'))).toBe(-15);
    // one inside the other: minus the inner one's length
    expect(gapMinutes(at('centro', '2026-12-07', '08:00', '12:00'), at('savassi', '2026-12-07', '09:00', '09:30'))).toBe(-30);
  });
});

describe('findConflicts', () => {
  it('back to back at locations 20 minutes apart: a 10-minute gap is insufficient, 30 minutes is fine', () => {
    const tenMinutes = [at('centro', '2026-12-07', '11:30', '12:00'), at('savassi', '2026-12-07', '12:10', '12:40')];
    expect(brief(findConflicts(tenMinutes, TWENTY))).toEqual([
      '2026-12-07 centro-11:30|savassi-12:10 gap 10 travel 20 insufficient_travel_time',
    ]);
    const thirtyMinutes = [at('centro', '2026-12-08', '11:30', '12:00'), at('savassi', '2026-12-08', '12:30', '13:00')];
    expect(findConflicts(thirtyMinutes, TWENTY)).toEqual([]);
  });

  it('the boundary: a gap equal to the travel time is fine, one minute less is not', () => {
    expect(findConflicts([at('centro', '2026-12-07', '11:30', '12:00'), at('savassi', '2026-12-07', '12:20', '12:40')], TWENTY)).toEqual([]);
    expect(findConflicts([at('centro', '2026-12-07', '11:30', '12:00'), at('savassi', '2026-12-07', '12:19', '12:40')], TWENTY)).toHaveLength(1);
  });

  it('overlaps are reported as such, with a negative gap', () => {
    const list = [at('centro', '2026-12-07', '08:00', '12:00', 'window', 'w-centro'), at('savassi', '2026-12-07', '10:00', '14:00', 'window', 'w-savassi')];
    expect(brief(findConflicts(list, TWENTY))).toEqual(['2026-12-07 w-centro|w-savassi gap -120 travel 20 overlap']);
  });

  it('with 0 travel minutes, back to back is fine and touching is not an overlap', () => {
    const zero = table([
      ['centro', { savassi: 0 }],
      ['savassi', { centro: 0 }],
    ]);
    expect(findConflicts([at('centro', '2026-12-07', '11:00', '12:00'), at('savassi', '2026-12-07', '12:00', '13:00')], zero)).toEqual([]);
    expect(brief(findConflicts([at('centro', '2026-12-07', '11:00', '12:00'), at('savassi', '2026-12-07', '11:59', '13:00')], zero))).toEqual([
      '2026-12-07 centro-11:00|savassi-11:59 gap -1 travel 0 overlap',
    ]);
  });

  it('30 minutes between locations nobody entered a travel time for', () => {
    const none = table([
      ['centro', {}],
      ['pampulha', {}],
    ]);
    const list = [at('centro', '2026-12-07', '11:00', '12:00'), at('pampulha', '2026-12-07', '12:25', '13:00'), at('centro', '2026-12-07', '13:30', '14:00')];
    expect(brief(findConflicts(list, none))).toEqual(['2026-12-07 centro-11:00|pampulha-12:25 gap 25 travel 30 insufficient_travel_time']);
    // a location absent from the table also falls back to 30
    expect(findConflicts(list, new Map())).toHaveLength(1);
  });

  it('never pairs two commitments at the same location', () => {
    const list = [
      at('centro', '2026-12-07', '08:00', '12:00', 'window'),
      at('centro', '2026-12-07', '09:00', '09:30'),
      at('centro', '2026-12-07', '09:15', '09:45'),
      at('centro', '2026-12-07', '12:05', '13:00', 'window', 'w2'),
    ];
    expect(findConflicts(list, TWENTY)).toEqual([]);
  });

  it('Manaus (UTC-4) beside São Paulo (UTC-3): instants decide, not wall clocks', () => {
    const l = table([
      ['centro', {}],
      ['manaus', {}],
    ]);
    const centro = at('centro', '2026-12-07', '08:00', '12:00', 'window', 'sp'); // 11:00Z-15:00Z
    // 11:00 in Manaus is 15:00Z: the wall clocks overlap by an hour, the instants touch.
    expect(brief(findConflicts([centro, at('manaus', '2026-12-07', '11:00', '15:00', 'window', 'mao')], l))).toEqual([
      '2026-12-07 sp|mao gap 0 travel 30 insufficient_travel_time',
    ]);
    // 11:30 in Manaus is 15:30Z: 30 minutes after São Paulo's noon, enough.
    expect(findConflicts([centro, at('manaus', '2026-12-07', '11:30', '15:00', 'window', 'mao')], l)).toEqual([]);
    // 07:00 in Manaus is 11:00Z, the same instant as 08:00 in São Paulo; 06:00-07:00 ends just as São Paulo starts.
    const early = at('manaus', '2026-12-07', '06:00', '07:00', 'window', 'mao');
    expect(early.end_utc.toISOString()).toBe('2026-12-07T11:00:00.000Z');
    const found = findConflicts([centro, early], l);
    expect(brief(found)).toEqual(['2026-12-07 mao|sp gap 0 travel 30 insufficient_travel_time']);
    expect(found[0]!.first.location_id).toBe('manaus');
  });

  it('a pair across local midnight is found and dated by its earlier side', () => {
    const list = [at('centro', '2026-12-07', '23:00', '23:50'), at('savassi', '2026-12-08', '00:05', '00:30')];
    expect(brief(findConflicts(list, TWENTY))).toEqual(['2026-12-07 centro-23:00|savassi-00:05 gap 15 travel 20 insufficient_travel_time']);
    expect(findConflicts(list, TWENTY, { dateFrom: '2026-12-08' })).toEqual([]);
    expect(findConflicts(list, TWENTY, { dateTo: '2026-12-06' })).toEqual([]);
  });

  it('reports every kind of pair, ordered by date, then first start, then second start', () => {
    const list = [
      at('savassi', '2026-12-08', '12:10', '17:00', 'window', 'w-savassi-tue'),
      at('centro', '2026-12-08', '08:00', '12:00', 'window', 'w-centro-tue'),
      at('savassi', '2026-12-07', '12:10', '12:40', 'appointment', 'a-savassi'),
      at('centro', '2026-12-07', '11:30', '12:00', 'appointment', 'a-centro'),
      at('centro', '2026-12-07', '08:00', '12:00', 'window', 'w-centro'),
      at('savassi', '2026-12-07', '12:10', '17:00', 'window', 'w-savassi'),
    ];
    expect(brief(findConflicts(list, TWENTY))).toEqual([
      '2026-12-07 w-centro|a-savassi gap 10 travel 20 insufficient_travel_time',
      '2026-12-07 w-centro|w-savassi gap 10 travel 20 insufficient_travel_time',
      '2026-12-07 a-centro|a-savassi gap 10 travel 20 insufficient_travel_time',
      '2026-12-07 a-centro|w-savassi gap 10 travel 20 insufficient_travel_time',
      '2026-12-08 w-centro-tue|w-savassi-tue gap 10 travel 20 insufficient_travel_time',
    ]);
  });

  it('finds every pair within the longest travel time, however many commitments lie between', () => {
    const far = table([
      ['centro', { savassi: 180 }],
      ['savassi', {}],
      ['pampulha', {}],
    ]);
    const list = [
      at('centro', '2026-12-07', '08:00', '08:30'),
      at('pampulha', '2026-12-07', '09:00', '09:10'), // 30 after centro: fine (default 30)
      at('pampulha', '2026-12-07', '09:30', '09:40'),
      at('savassi', '2026-12-07', '11:00', '11:30'), // 150 after centro: under 180
    ];
    expect(brief(findConflicts(list, far))).toEqual([
      '2026-12-07 centro-08:00|savassi-11:00 gap 150 travel 180 insufficient_travel_time',
    ]);
  });

  it('agrees with a brute-force check over random commitments', () => {
    let seed = 42;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const ids = ['centro', 'savassi', 'pampulha', 'manaus'];
    const travel = table([
      ['centro', { savassi: 20, pampulha: 45 }],
      ['savassi', { centro: 25 }],
      ['pampulha', {}],
      ['manaus', { centro: 90 }],
    ]);
    for (let round = 0; round < 50; round++) {
      const list: Commitment[] = [];
      for (let i = 0; i < 12; i++) {
        const start = 6 * 60 + random(14 * 60);
        const end = start + 10 + random(180);
        const clock = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
        list.push(at(ids[random(4)]!, '2026-12-07', clock(start), clock(Math.min(end, 23 * 60 + 59)), random(2) ? 'window' : 'appointment', `c${i}`));
      }
      const expected = new Set<string>();
      for (const a of list) {
        for (const b of list) {
          if (a === b || a.location_id === b.location_id) continue;
          const gap = gapMinutes(a, b);
          if (gap < travelMinutesBetween(travel.get(a.location_id), travel.get(b.location_id))) expected.add([a.id, b.id].sort().join('|'));
        }
      }
      const found = findConflicts(list, travel).map((c) => [c.first.id, c.second.id].sort().join('|'));
      expect(new Set(found)).toEqual(expected);
      expect(found).toHaveLength(expected.size);
    }
  });
});

describe('windows from templates and overrides as commitments', () => {
  it('an added override at another location beside a template gives a window–window conflict', () => {
    const template: ScheduleTemplate = {
      id: 'tpl',
      provider_id: 'p',
      day_of_week: 1,
      start_time: '08:00',
      end_time: '12:00',
      location_id: 'centro',
      slot_interval_minutes: null,
      effective_from: null,
      effective_until: null,
      appointment_type_ids: [],
      is_active: true,
      created_at: '2026-11-25T12:00:00.000Z',
      updated_at: '2026-11-25T12:00:00.000Z',
    };
    const added: ScheduleOverride = {
      id: 'ovr',
      provider_id: 'p',
      date: '2026-12-07',
      type: 'added',
      start_time: '12:10',
      end_time: '17:00',
      location_id: 'savassi',
      reason: null,
      created_at: '2026-11-25T12:00:00.000Z',
    };
    const windows = workingWindows({ templates: [template], overrides: [added], timezones: new Map(Object.entries(ZONES)) }, '2026-12-07', '2026-12-08');
    const commitments: Commitment[] = windows.map((w) => ({
      kind: 'window',
      id: w.template_id ?? 'ovr',
      source: w.source,
      location_id: w.location_id,
      date: w.date,
      start: w.start,
      end: w.end,
      start_utc: w.start_utc,
      end_utc: w.end_utc,
    }));
    expect(brief(findConflicts(commitments, TWENTY))).toEqual(['2026-12-07 tpl|ovr gap 10 travel 20 insufficient_travel_time']);
  });
});

describe('the date range of a query', () => {
  const refused = (from: string, to: string) => {
    try {
      checkDateRange(from, to);
      return null;
    } catch (e) {
      expect(e).toBeInstanceOf(ValidationError);
      return (e as ValidationError).errors[0]!.path;
    }
  };

  it('accepts one day up to 31 days, both ends included', () => {
    expect(refused('2026-12-07', '2026-12-07')).toBeNull();
    expect(refused('2026-12-01', '2026-12-31')).toBeNull();
    expect(refused('2027-02-01', '2027-03-03')).toBeNull();
  });

  it('refuses bad dates, an end before the start and more than 31 days', () => {
    expect(refused('2026-02-30', '2026-03-01')).toBe('date_from');
    expect(refused('2026-12-01', '2026-12-1')).toBe('date_to');
    expect(refused('2026-12-07', '2026-12-06')).toBe('date_to');
    expect(refused('2026-12-01', '2027-01-01')).toBe('date_to');
  });
});
