import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/app';
import { createClinic } from '../../helpers/clinic';
import { brief, MONDAY, TUESDAY, twoLocations, WEDNESDAY } from './fixture';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(() => t.close());

async function templateFor(providerId: string, dayOfWeek: number): Promise<string> {
  const list = await t.api('GET', `/providers/${providerId}/templates`);
  return list.body.data.find((x: { day_of_week: number }) => x.day_of_week === dayOfWeek).id;
}

describe('cross-location conflicts: what works', () => {
  it('appointments 10 minutes apart at locations 20 minutes apart: insufficient travel time, both sides described', async () => {
    const c = await twoLocations(t);
    const savassiWindow = await c.added(MONDAY, '12:10', '17:00');
    const atCentro = await c.book(MONDAY, '11:30', '12:00');
    const atSavassi = await c.book(MONDAY, '12:10', '12:40', c.savassi.id);

    const res = await c.conflicts(MONDAY);
    expect(res.status).toBe(200);
    expect(res.body.provider_id).toBe(c.provider.id);
    expect(res.body.date_from).toBe(MONDAY);
    expect(res.body.date_to).toBe(MONDAY);
    expect(res.body.conflicts.map(brief)).toEqual([
      '2026-12-07 window@Centro 08:00-12:00 | appointment@Savassi 12:10-12:40 gap 10 travel 20 insufficient_travel_time',
      '2026-12-07 window@Centro 08:00-12:00 | window@Savassi 12:10-17:00 gap 10 travel 20 insufficient_travel_time',
      '2026-12-07 appointment@Centro 11:30-12:00 | appointment@Savassi 12:10-12:40 gap 10 travel 20 insufficient_travel_time',
      '2026-12-07 appointment@Centro 11:30-12:00 | window@Savassi 12:10-17:00 gap 10 travel 20 insufficient_travel_time',
    ]);
    const centroRef = { id: c.centro.id, name: 'Unidade Centro', timezone: 'America/Sao_Paulo' };
    const savassiRef = { id: c.savassi.id, name: 'Unidade Savassi', timezone: 'America/Sao_Paulo' };
    expect(res.body.conflicts[2]).toEqual({
      date: MONDAY,
      type: 'insufficient_travel_time',
      gap_minutes: 10,
      travel_minutes: 20,
      first: {
        kind: 'appointment',
        id: atCentro.id,
        source: 'appointment',
        status: 'requested',
        location: centroRef,
        date: MONDAY,
        start: '11:30',
        end: '12:00',
        start_utc: '2026-12-07T14:30:00.000Z',
        end_utc: '2026-12-07T15:00:00.000Z',
      },
      second: {
        kind: 'appointment',
        id: atSavassi.id,
        source: 'appointment',
        status: 'requested',
        location: savassiRef,
        date: MONDAY,
        start: '12:10',
        end: '12:40',
        start_utc: '2026-12-07T15:10:00.000Z',
        end_utc: '2026-12-07T15:40:00.000Z',
      },
    });
    // Window sides name the template or the override that gives them.
    expect(res.body.conflicts[1].first).toMatchObject({ kind: 'window', source: 'template', id: await templateFor(c.provider.id, 1), status: null, location: centroRef });
    expect(res.body.conflicts[1].second).toMatchObject({
      kind: 'window',
      source: 'added',
      id: savassiWindow.id,
      status: null,
      location: savassiRef,
      start_utc: '2026-12-07T15:10:00.000Z',
      end_utc: '2026-12-07T20:00:00.000Z',
    });
  });

  it('a 30-minute gap between locations 20 minutes apart is no conflict', async () => {
    const c = await twoLocations(t);
    await c.added(TUESDAY, '12:30', '17:00');
    await c.book(TUESDAY, '11:30', '12:00');
    await c.book(TUESDAY, '12:30', '13:00', c.savassi.id);
    const res = await c.conflicts(TUESDAY);
    expect(res.status).toBe(200);
    expect(res.body.conflicts).toEqual([]);
  });

  it('a gap exactly equal to the travel time is no conflict; a minute less is', async () => {
    const c = await twoLocations(t);
    await c.added(MONDAY, '12:20', '17:00');
    await c.added(TUESDAY, '12:19', '17:00');
    const res = await c.conflicts(MONDAY, TUESDAY);
    expect(res.body.conflicts.map(brief)).toEqual([
      '2026-12-08 window@Centro 08:00-12:00 | window@Savassi 12:19-17:00 gap 19 travel 20 insufficient_travel_time',
    ]);
  });

  it('templates cannot overlap, but an added override at another location can: window–window overlap', async () => {
    const c = await twoLocations(t);
    const overlapping = await t.api('POST', `/providers/${c.provider.id}/templates`, {
      day_of_week: 3,
      start_time: '10:00',
      end_time: '14:00',
      location_id: c.savassi.id,
    });
    expect(overlapping.status).toBe(409);
    await c.added(WEDNESDAY, '10:00', '14:00');
    const res = await c.conflicts(WEDNESDAY);
    expect(res.body.conflicts.map(brief)).toEqual([
      '2026-12-09 window@Centro 08:00-12:00 | window@Savassi 10:00-14:00 gap -120 travel 20 overlap',
    ]);
  });

  it('overlapping appointments at two locations (a provider taking two at once) are an overlap', async () => {
    const c = await twoLocations(t, { provider: { max_concurrent_appointments: 2 } });
    await c.added(WEDNESDAY, '10:00', '14:00');
    await c.book(WEDNESDAY, '10:00', '10:30');
    await c.book(WEDNESDAY, '10:15', '10:45', c.savassi.id, { patient_id: c.patients[1]!.id });
    const res = await c.conflicts(WEDNESDAY);
    expect(res.body.conflicts.map(brief)).toEqual([
      '2026-12-09 window@Centro 08:00-12:00 | window@Savassi 10:00-14:00 gap -120 travel 20 overlap',
      '2026-12-09 window@Centro 08:00-12:00 | appointment@Savassi 10:15-10:45 gap -30 travel 20 overlap',
      '2026-12-09 appointment@Centro 10:00-10:30 | window@Savassi 10:00-14:00 gap -30 travel 20 overlap',
      '2026-12-09 appointment@Centro 10:00-10:30 | appointment@Savassi 10:15-10:45 gap -15 travel 20 overlap',
    ]);
  });

  it('30 minutes when nobody entered a travel time between the two locations', async () => {
    const c = await twoLocations(t, { travel: null });
    await c.added(MONDAY, '12:20', '17:00');
    await c.added(TUESDAY, '12:30', '17:00');
    const res = await c.conflicts(MONDAY, TUESDAY);
    expect(res.body.conflicts.map(brief)).toEqual([
      '2026-12-07 window@Centro 08:00-12:00 | window@Savassi 12:20-17:00 gap 20 travel 30 insufficient_travel_time',
    ]);
  });

  it('the travel time may be entered on either location; 0 minutes allows back to back', async () => {
    const c = await twoLocations(t, { travel: null });
    await c.ok('PUT', `/locations/${c.centro.id}`, { travel_minutes: { [c.savassi.id]: 0 } });
    await c.added(MONDAY, '12:00', '17:00');
    await c.added(TUESDAY, '11:59', '17:00');
    const res = await c.conflicts(MONDAY, TUESDAY);
    expect(res.body.conflicts.map(brief)).toEqual([
      '2026-12-08 window@Centro 08:00-12:00 | window@Savassi 11:59-17:00 gap -1 travel 0 overlap',
    ]);
  });

  it('Manaus beside São Paulo: instants are compared, not wall clocks', async () => {
    const c = await createClinic(t); // Centro in São Paulo, UTC-3: Monday 08:00–12:00 is 11:00Z–15:00Z
    const manaus = await c.ok('POST', '/locations', { name: 'Unidade Manaus', timezone: 'America/Manaus' }); // UTC-4
    const add = (date: string, start: string, end: string) =>
      c.ok('POST', `/providers/${c.provider.id}/overrides`, { date, type: 'added', start_time: start, end_time: end, location_id: manaus.id });
    await add(MONDAY, '11:00', '15:00'); // 15:00Z: right after São Paulo's noon, no time to travel
    await add(TUESDAY, '11:30', '15:00'); // 15:30Z: 30 minutes later, enough (though the wall clocks overlap)
    await add(WEDNESDAY, '10:00', '14:00'); // 14:00Z: one hour of overlap, not two
    const res = await t.api('GET', `/providers/${c.provider.id}/cross-location-conflicts?date_from=${MONDAY}&date_to=${WEDNESDAY}`);
    expect(res.status).toBe(200);
    expect(res.body.conflicts.map(brief)).toEqual([
      '2026-12-07 window@Centro 08:00-12:00 | window@Manaus 11:00-15:00 gap 0 travel 30 insufficient_travel_time',
      '2026-12-09 window@Centro 08:00-12:00 | window@Manaus 10:00-14:00 gap -60 travel 30 overlap',
    ]);
    expect(res.body.conflicts[0].second).toMatchObject({
      location: { id: manaus.id, name: 'Unidade Manaus', timezone: 'America/Manaus' },
      date: MONDAY,
      start: '11:00',
      start_utc: '2026-12-07T15:00:00.000Z',
      end_utc: '2026-12-07T19:00:00.000Z',
    });
    expect(res.body.conflicts[0].first).toMatchObject({ start_utc: '2026-12-07T11:00:00.000Z', end_utc: '2026-12-07T15:00:00.000Z' });
  });

  it('cancelled appointments never count', async () => {
    const c = await twoLocations(t);
    await c.added(MONDAY, '12:10', '17:00');
    await c.book(MONDAY, '11:30', '12:00');
    const atSavassi = await c.book(MONDAY, '12:10', '12:40', c.savassi.id);
    expect((await c.conflicts(MONDAY)).body.conflicts).toHaveLength(4);
    expect((await t.api('DELETE', `/appointments/${atSavassi.id}`)).status).toBe(204);
    const res = await c.conflicts(MONDAY);
    expect(res.body.conflicts.map(brief)).toEqual([
      '2026-12-07 window@Centro 08:00-12:00 | window@Savassi 12:10-17:00 gap 10 travel 20 insufficient_travel_time',
      '2026-12-07 appointment@Centro 11:30-12:00 | window@Savassi 12:10-17:00 gap 10 travel 20 insufficient_travel_time',
    ]);
    const schedule = await c.schedule(MONDAY);
    const ids = schedule.body.days[0].locations.flatMap((l: any) => l.appointments.map((a: any) => a.id));
    expect(ids).not.toContain(atSavassi.id);
  });

  it('blocked hours are not commitments; same-location pairs are never reported; dates outside the range are left out', async () => {
    const c = await twoLocations(t);
    await c.added(MONDAY, '12:10', '17:00');
    await c.ok('POST', `/providers/${c.provider.id}/overrides`, { date: MONDAY, type: 'blocked', start_time: '11:00', end_time: '12:00', location_id: c.centro.id });
    await c.added(TUESDAY, '12:10', '17:00', c.centro.id); // Centro twice on Tuesday, 10 minutes apart: same place
    await c.added(WEDNESDAY, '12:10', '17:00');
    const res = await c.conflicts(MONDAY, TUESDAY);
    expect(res.body.conflicts).toEqual([]);
  });

  it('an empty provider has no conflicts; a 31-day range is accepted', async () => {
    const c = await twoLocations(t);
    const res = await c.conflicts('2026-12-01', '2026-12-31');
    expect(res.status).toBe(200);
    expect(res.body.conflicts).toEqual([]);
  });

  it('conflicts over several days are ordered by date, then time', async () => {
    const c = await twoLocations(t);
    await c.added(WEDNESDAY, '12:05', '17:00');
    await c.added(MONDAY, '12:10', '17:00');
    await c.added(TUESDAY, '06:00', '07:50');
    const res = await c.conflicts(MONDAY, WEDNESDAY);
    expect(res.body.conflicts.map(brief)).toEqual([
      '2026-12-07 window@Centro 08:00-12:00 | window@Savassi 12:10-17:00 gap 10 travel 20 insufficient_travel_time',
      '2026-12-08 window@Savassi 06:00-07:50 | window@Centro 08:00-12:00 gap 10 travel 20 insufficient_travel_time',
      '2026-12-09 window@Centro 08:00-12:00 | window@Savassi 12:05-17:00 gap 5 travel 20 insufficient_travel_time',
    ]);
  });
});

describe('locations schedule: what works', () => {
  it('every date of the range, per location the windows and the appointments, local and UTC', async () => {
    const c = await twoLocations(t);
    const savassiWindow = await c.added(MONDAY, '12:10', '17:00');
    await c.ok('POST', `/providers/${c.provider.id}/overrides`, { date: MONDAY, type: 'blocked', start_time: '09:00', end_time: '10:00' });
    const modified = await c.ok('POST', `/providers/${c.provider.id}/overrides`, { date: TUESDAY, type: 'modified', start_time: '13:00', end_time: '17:00', location_id: c.centro.id });
    const atCentro = await c.book(MONDAY, '11:30', '12:00', c.centro.id, { room_id: c.centro.rooms[0].id });
    const atSavassi = await c.book(MONDAY, '12:10', '12:40', c.savassi.id);
    const monday = await templateFor(c.provider.id, 1);

    const res = await c.schedule('2026-12-05', TUESDAY); // Saturday to Tuesday
    expect(res.status).toBe(200);
    expect(res.body.provider_id).toBe(c.provider.id);
    expect(res.body.date_from).toBe('2026-12-05');
    expect(res.body.date_to).toBe(TUESDAY);
    expect(res.body.days.map((d: any) => d.date)).toEqual(['2026-12-05', '2026-12-06', MONDAY, TUESDAY]);
    expect(res.body.days[0].locations).toEqual([]);
    expect(res.body.days[1].locations).toEqual([]);
    const centroRef = { id: c.centro.id, name: 'Unidade Centro', timezone: 'America/Sao_Paulo' };
    expect(res.body.days[2].locations).toEqual([
      {
        location: centroRef,
        windows: [
          { source: 'template', id: monday, start: '08:00', end: '09:00', start_utc: '2026-12-07T11:00:00.000Z', end_utc: '2026-12-07T12:00:00.000Z', appointment_type_ids: [] },
          { source: 'template', id: monday, start: '10:00', end: '12:00', start_utc: '2026-12-07T13:00:00.000Z', end_utc: '2026-12-07T15:00:00.000Z', appointment_type_ids: [] },
        ],
        appointments: [
          {
            id: atCentro.id,
            status: 'requested',
            patient_id: c.patients[0]!.id,
            appointment_type_id: c.type.id,
            room_id: c.centro.rooms[0].id,
            start: '11:30',
            end: '12:00',
            start_utc: '2026-12-07T14:30:00.000Z',
            end_utc: '2026-12-07T15:00:00.000Z',
          },
        ],
      },
      {
        location: { id: c.savassi.id, name: 'Unidade Savassi', timezone: 'America/Sao_Paulo' },
        windows: [
          { source: 'added', id: savassiWindow.id, start: '12:10', end: '17:00', start_utc: '2026-12-07T15:10:00.000Z', end_utc: '2026-12-07T20:00:00.000Z', appointment_type_ids: [] },
        ],
        appointments: [expect.objectContaining({ id: atSavassi.id, start: '12:10', end: '12:40', start_utc: '2026-12-07T15:10:00.000Z' })],
      },
    ]);
    expect(res.body.days[3].locations).toEqual([
      {
        location: centroRef,
        windows: [{ source: 'modified', id: modified.id, start: '13:00', end: '17:00', start_utc: '2026-12-08T16:00:00.000Z', end_utc: '2026-12-08T20:00:00.000Z', appointment_type_ids: [] }],
        appointments: [],
      },
    ]);
  });

  it('Manaus beside São Paulo: each location in its own zone, ordered by the first commitment of the day', async () => {
    const c = await createClinic(t);
    const manaus = await c.ok('POST', '/locations', { name: 'Unidade Manaus', timezone: 'America/Manaus' });
    await c.ok('POST', `/providers/${c.provider.id}/overrides`, { date: MONDAY, type: 'added', start_time: '06:00', end_time: '07:00', location_id: manaus.id });
    const res = await t.api('POST', '/appointments', c.booking('2026-12-07T06:00:00-04:00', '2026-12-07T06:30:00-04:00', { location_id: manaus.id }));
    expect(res.status).toBe(201);
    const schedule = await t.api('GET', `/providers/${c.provider.id}/locations-schedule?date_from=${MONDAY}&date_to=${MONDAY}`);
    const [first, second] = schedule.body.days[0].locations;
    expect(first.location).toEqual({ id: manaus.id, name: 'Unidade Manaus', timezone: 'America/Manaus' });
    expect(first.windows[0]).toMatchObject({ start: '06:00', end: '07:00', start_utc: '2026-12-07T10:00:00.000Z', end_utc: '2026-12-07T11:00:00.000Z' });
    expect(first.appointments[0]).toMatchObject({ id: res.body.id, start: '06:00', end: '06:30', start_utc: '2026-12-07T10:00:00.000Z' });
    expect(second.location.id).toBe(c.location.id);
    expect(second.windows[0]).toMatchObject({ start: '08:00', start_utc: '2026-12-07T11:00:00.000Z' });
  });

  it('shows appointments in every status but cancelled, and still answers for an inactive provider', async () => {
    const c = await twoLocations(t);
    const kept = await c.book(MONDAY, '08:00', '08:30');
    const confirmed = await c.book(MONDAY, '09:00', '09:30');
    const cancelled = await c.book(MONDAY, '10:00', '10:30');
    expect((await t.api('POST', `/appointments/${confirmed.id}/confirm`, {})).status).toBe(200);
    expect((await t.api('DELETE', `/appointments/${cancelled.id}`)).status).toBe(204);
    expect((await t.api('DELETE', `/providers/${c.provider.id}`)).status).toBe(204);
    const res = await c.schedule(MONDAY);
    expect(res.status).toBe(200);
    expect(res.body.days[0].locations[0].appointments.map((a: any) => [a.id, a.status])).toEqual([
      [kept.id, 'requested'],
      [confirmed.id, 'confirmed'],
    ]);
  });

  it('a 31-day range lists 31 days', async () => {
    const c = await twoLocations(t);
    const res = await c.schedule('2026-12-01', '2026-12-31');
    expect(res.status).toBe(200);
    expect(res.body.days).toHaveLength(31);
    expect(res.body.days.filter((d: any) => d.locations.length > 0)).toHaveLength(23); // weekdays of December 2026
  });

  it('both operations are in the OpenAPI document with the conflict defined', async () => {
    const doc = (await t.app.request('/openapi.json')).json() as Promise<any>;
    const paths = (await doc).paths;
    const conflicts = paths['/v1/scheduling/providers/{id}/cross-location-conflicts'].get;
    const schedule = paths['/v1/scheduling/providers/{id}/locations-schedule'].get;
    expect(conflicts.summary).toBe('Check cross-location conflicts');
    expect(conflicts.description).toMatch(/gap_minutes < travel_minutes/);
    expect(Object.keys(conflicts.responses).sort()).toEqual(['200', '401', '403', '404', '422', '500']);
    expect(schedule.summary).toBe('Full multi-location schedule view');
    expect(conflicts.parameters.map((p: any) => [p.name, p.in, p.required])).toEqual(
      expect.arrayContaining([['id', 'path', true], ['date_from', 'query', true], ['date_to', 'query', true]]),
    );
  });
});

describe('a location that is no longer active', () => {
  it('gives no working windows, as slot search sees it: no window conflicts there, its appointments still shown and paired', async () => {
    const c = await twoLocations(t);
    await c.added(MONDAY, '12:10', '17:00');
    const atSavassi = await c.book(MONDAY, '12:10', '12:40', c.savassi.id);
    expect((await t.api('DELETE', `/locations/${c.savassi.id}`)).status).toBe(204);

    const slots = await t.api(
      'GET',
      `/slots?appointment_type_id=${c.type.id}&provider_id=${c.provider.id}&location_id=${c.savassi.id}&date_from=${MONDAY}&date_to=${MONDAY}`,
    );
    expect(slots.body.data).toEqual([]);

    const res = await c.conflicts(MONDAY);
    expect(res.status).toBe(200);
    expect(res.body.conflicts.map(brief)).toEqual([
      '2026-12-07 window@Centro 08:00-12:00 | appointment@Savassi 12:10-12:40 gap 10 travel 20 insufficient_travel_time',
    ]);

    const schedule = await c.schedule(MONDAY);
    expect(schedule.status).toBe(200);
    const [centro, savassi] = schedule.body.days[0].locations;
    expect(centro.location.id).toBe(c.centro.id);
    expect(centro.windows).toHaveLength(1);
    expect(savassi.location.id).toBe(c.savassi.id);
    expect(savassi.windows).toEqual([]);
    expect(savassi.appointments.map((a: any) => a.id)).toEqual([atSavassi.id]);
  });
});
