/**
 * Ids in uppercase: UUIDs are case-insensitive (RFC 9562) and some client systems (SQL Server, .NET)
 * send GUIDs in uppercase. Every id the API accepts (path, query, JSON body, arrays, object keys and
 * form fields) names the same record as its lowercase spelling; answers keep ids lowercase. Cursors and
 * other strings that are not UUIDs are left as sent.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app';
import { createClinic } from '../helpers/clinic';
import { startFakeOpenAi, transcript, type FakeOpenAi } from '../helpers/fake-openai';
import { AUDIO, audioFixture, postVoice, transcriberAt } from './voice/helpers';

let fake: FakeOpenAi;
let t: TestApp;
let c: Awaited<ReturnType<typeof createClinic>>;
beforeAll(async () => {
  fake = await startFakeOpenAi();
});
afterAll(() => fake.close());
beforeEach(async () => {
  fake.setTranscription(transcript('Quero marcar uma consulta amanhã de manhã.'));
  t = await createTestApp({ transcriber: transcriberAt(fake) });
  c = await createClinic(t);
});
afterEach(() => t.close());

const up = (id: string) => id.toUpperCase();
const LOWERCASE_UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

// 2026-12-01 is a Tuesday, inside the clinic's default template (08:00-12:00 São Paulo)
const AT_9 = ['2026-12-01T09:00:00-03:00', '2026-12-01T09:30:00-03:00'] as const;
const AT_10 = ['2026-12-01T10:00:00-03:00', '2026-12-01T10:30:00-03:00'] as const;

/** A booking for the clinic with every id in uppercase. */
const upperBooking = (start: string, end: string, extra: Record<string, unknown> = {}) => ({
  provider_profile_id: up(c.provider.id),
  patient_id: up(c.patients[0]!.id),
  appointment_type_id: up(c.type.id),
  location_id: up(c.location.id),
  room_id: up(c.location.rooms[0].id),
  start_time: start,
  end_time: end,
  ...extra,
});

describe('uppercase ids: appointments', () => {
  it('books with uppercase provider, patient, type, location and room ids; answers them lowercase', async () => {
    const res = await t.api('POST', '/appointments', upperBooking(...AT_9));
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({
      provider_profile_id: c.provider.id,
      patient_id: c.patients[0]!.id,
      appointment_type_id: c.type.id,
      location_id: c.location.id,
      room_id: c.location.rooms[0].id,
      status: 'requested',
    });
    const row = await t.row('SELECT provider_profile_id, patient_id, location_id, room_id FROM appointments WHERE id = ?', res.body.id);
    expect(row).toEqual({
      provider_profile_id: c.provider.id,
      patient_id: c.patients[0]!.id,
      location_id: c.location.id,
      room_id: c.location.rooms[0].id,
    });
    // the same patient at an overlapping time is still the same patient
    const twice = await t.api('POST', '/appointments', c.booking(...AT_9));
    expect(twice.status).toBe(409);
  });

  it('fetches, updates, confirms, lists by filter, reschedules and cancels with the id in uppercase', async () => {
    const { id } = (await t.api('POST', '/appointments', c.booking(...AT_9))).body as { id: string };
    expect(id).toMatch(LOWERCASE_UUID);

    const got = await t.api('GET', `/appointments/${up(id)}`);
    expect(got.status).toBe(200);
    expect(got.body.id).toBe(id);

    const put = await t.api('PUT', `/appointments/${up(id)}`, { version: 1, room_id: up(c.location.rooms[1].id) });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    expect(put.body).toMatchObject({ id, room_id: c.location.rooms[1].id, version: 2 });

    const confirmed = await t.api('POST', `/appointments/${up(id)}/confirm`, { confirmed_by: 'recepcao' });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body).toMatchObject({ id, status: 'confirmed' });
    expect((await t.api('GET', `/no-show/appointments/${up(id)}/risk`)).status).toBe(200);

    const filter = `provider_id=${up(c.provider.id)}&patient_id=${up(c.patients[0]!.id)}&location_id=${up(c.location.id)}`;
    const listed = await t.api('GET', `/appointments?${filter}`);
    expect(listed.status).toBe(200);
    expect(listed.body.data.map((a: { id: string }) => a.id)).toEqual([id]);
    const byProfile = await t.api('GET', `/appointments?provider_profile_id=${up(c.provider.id)}&provider_id=${c.provider.id}`);
    expect(byProfile.status, JSON.stringify(byProfile.body)).toBe(200);
    expect(byProfile.body.data).toHaveLength(1);

    const moved = await t.api('POST', `/appointments/${up(id)}/reschedule`, {
      new_start_time: AT_10[0],
      new_end_time: AT_10[1],
      new_location_id: up(c.location.id),
      new_room_id: up(c.location.rooms[0].id),
      reason: 'Paciente pediu',
    });
    expect(moved.status, JSON.stringify(moved.body)).toBe(201);
    expect(moved.body).toMatchObject({ rescheduled_from_id: id, location_id: c.location.id, room_id: c.location.rooms[0].id });
    expect(moved.headers.get('location')).toBe(`/v1/scheduling/appointments/${moved.body.id}`);
    expect((await t.api('GET', `/appointments/${id}`)).body).toMatchObject({ status: 'cancelled', rescheduled_to_id: moved.body.id });

    expect((await t.api('DELETE', `/appointments/${up(moved.body.id)}`)).status).toBe(204);
    expect((await t.api('GET', `/appointments/${moved.body.id}`)).body.status).toBe('cancelled');
  });

  it('pages a list filtered by an uppercase id with the cursor passed unchanged; a cursor is not read case-insensitively', async () => {
    await t.api('POST', '/appointments', c.booking(...AT_9));
    await t.api('POST', '/appointments', c.booking(...AT_10));
    const first = await t.api('GET', `/appointments?provider_id=${up(c.provider.id)}&limit=1`);
    expect(first.status).toBe(200);
    const cursor = first.body.next_cursor as string;
    expect(cursor).toMatch(/[A-Z]/); // base64url: its case is part of it
    // the filter names the same provider in either spelling, so the cursor serves both
    for (const spelling of [up(c.provider.id), c.provider.id]) {
      const next = await t.api('GET', `/appointments?provider_id=${spelling}&limit=1&cursor=${encodeURIComponent(cursor)}`);
      expect(next.status, JSON.stringify(next.body)).toBe(200);
      expect(next.body.data).toHaveLength(1);
      expect(next.body.data[0].id).not.toBe(first.body.data[0].id);
    }
    for (const changed of [cursor.toUpperCase(), cursor.toLowerCase()]) {
      const refused = await t.api('GET', `/appointments?provider_id=${c.provider.id}&limit=1&cursor=${encodeURIComponent(changed)}`);
      expect(refused.status).toBe(422);
      expect(refused.body.detail).toMatch(/cursor/);
    }
  });
});

describe('uppercase ids: the other resources', () => {
  it('reads and changes locations, types, patients and providers by an uppercase id', async () => {
    for (const [path, id] of [
      ['/locations', c.location.id],
      ['/appointment-types', c.type.id],
      ['/patients', c.patients[1]!.id],
      ['/providers', c.provider.id],
    ] as const) {
      const got = await t.api('GET', `${path}/${up(id)}`);
      expect(got.status, path).toBe(200);
      expect(got.body.id).toBe(id);
      const put = await t.api('PUT', `${path}/${up(id)}`, {});
      expect(put.status, path).toBe(200);
    }
  });

  it('travel_minutes keys, template appointment_type_ids, template and override path ids', async () => {
    const other = await c.ok('POST', '/locations', { name: 'Unidade Savassi', travel_minutes: { [up(c.location.id)]: 25 } });
    expect(other.travel_minutes).toEqual({ [c.location.id]: 25 });
    const updated = await t.api('PUT', `/locations/${up(c.location.id)}`, { travel_minutes: { [up(other.id)]: 40 } });
    expect(updated.status, JSON.stringify(updated.body)).toBe(200);
    expect(updated.body.travel_minutes).toEqual({ [other.id]: 40 });
    // one location named twice, in two letter cases: which minutes were meant is unknown
    const twice = await t.api('PUT', `/locations/${c.location.id}`, { travel_minutes: { [up(other.id)]: 10, [other.id]: 20 } });
    expect(twice.status).toBe(422);
    expect(twice.body.errors).toEqual([{ path: `travel_minutes.${other.id}`, message: 'names a location already named in another letter case' }]);
    expect((await t.api('GET', `/locations/${c.location.id}`)).body.travel_minutes).toEqual({ [other.id]: 40 });

    const template = await t.api('POST', `/providers/${up(c.provider.id)}/templates`, {
      day_of_week: 6,
      start_time: '08:00',
      end_time: '12:00',
      location_id: up(other.id),
      appointment_type_ids: [up(c.type.id)],
    });
    expect(template.status, JSON.stringify(template.body)).toBe(201);
    expect(template.body).toMatchObject({ provider_id: c.provider.id, location_id: other.id, appointment_type_ids: [c.type.id] });
    expect(template.headers.get('location')).toBe(`/v1/scheduling/providers/${c.provider.id}/templates/${template.body.id}`);
    const tid = template.body.id as string;
    expect((await t.api('GET', `/providers/${up(c.provider.id)}/templates/${up(tid)}`)).status).toBe(200);
    expect((await t.api('PUT', `/providers/${up(c.provider.id)}/templates/${up(tid)}`, { end_time: '11:00' })).status).toBe(200);

    const override = await t.api('POST', `/providers/${up(c.provider.id)}/overrides`, { date: '2026-12-02', type: 'blocked', location_id: up(c.location.id) });
    expect(override.status, JSON.stringify(override.body)).toBe(201);
    expect(override.body.location_id).toBe(c.location.id);
    expect((await t.api('GET', `/providers/${up(c.provider.id)}/overrides/${up(override.body.id)}`)).status).toBe(200);
    expect((await t.api('DELETE', `/providers/${up(c.provider.id)}/overrides/${up(override.body.id)}`)).status).toBe(204);
    expect((await t.api('GET', `/providers/${up(c.provider.id)}/cross-location-conflicts?date_from=2026-12-01&date_to=2026-12-07`)).status).toBe(200);
  });

  it('slots, the waitlist and its filters', async () => {
    const slots = await t.api(
      'GET',
      `/slots?date_from=2026-12-01&date_to=2026-12-01&appointment_type_id=${up(c.type.id)}&provider_id=${up(c.provider.id)}&location_id=${up(c.location.id)}&limit=2`,
    );
    expect(slots.status, JSON.stringify(slots.body)).toBe(200);
    expect(slots.body.data).toHaveLength(2);
    expect(slots.body.data[0]).toMatchObject({ provider_id: c.provider.id, location: { id: c.location.id } });

    const entry = await t.api('POST', '/waitlist', {
      patient_id: up(c.patients[1]!.id),
      appointment_type_id: up(c.type.id),
      provider_id: up(c.provider.id),
      location_id: up(c.location.id),
    });
    expect(entry.status, JSON.stringify(entry.body)).toBe(201);
    expect(entry.body).toMatchObject({ patient_id: c.patients[1]!.id, provider_id: c.provider.id, location_id: c.location.id });
    const listed = await t.api('GET', `/waitlist?patient_id=${up(c.patients[1]!.id)}&provider_id=${up(c.provider.id)}`);
    expect(listed.body.data.map((e: { id: string }) => e.id)).toEqual([entry.body.id]);
    expect((await t.api('GET', `/waitlist/position/${up(entry.body.id)}`)).body).toMatchObject({ id: entry.body.id, position: 1 });
    expect((await t.api('DELETE', `/waitlist/${up(entry.body.id)}`)).status).toBe(204);
  });

  it('the language layer, the conversation and a voice note take an uppercase patient_id', async () => {
    const patient = c.patients[0]!.id;
    const nl = await t.api('POST', '/natural-language', { message: 'quero marcar consulta', patient_id: up(patient), location_id: up(c.location.id) });
    expect(nl.status, JSON.stringify(nl.body)).toBe(200);

    const turn = await t.api('POST', '/conversation', { patient_id: up(patient), channel: 'web', message: 'oi' });
    expect(turn.status, JSON.stringify(turn.body)).toBe(200);
    const state = await t.api('GET', `/conversation/${up(patient)}/web/state`);
    expect(state.status).toBe(200);
    expect(state.body.patient_id).toBe(patient);
    expect((await t.api('GET', `/conversation/${patient}/web/state`)).body.state).toBe(state.body.state);

    const voice = await postVoice(t, { audio: { bytes: audioFixture(AUDIO.ogg) }, patient_id: up(patient), location_id: up(c.location.id) });
    expect(voice.status, JSON.stringify(voice.body)).toBe(200);
  });

  it('webhooks and API keys by an uppercase id', async () => {
    const admin = { key: t.tenant.admin };
    const hook = await t.api('POST', '/webhooks', { url: 'https://93.184.215.14/hooks', events: ['appointment.*'] }, admin);
    expect(hook.status).toBe(201);
    expect((await t.api('GET', `/webhooks/${up(hook.body.id)}`, undefined, admin)).status).toBe(200);
    expect((await t.api('GET', `/webhooks/${up(hook.body.id)}/deliveries`, undefined, admin)).status).toBe(200);
    expect((await t.api('GET', `/webhooks/dead-letters?subscription_id=${up(hook.body.id)}`, undefined, admin)).status).toBe(200);
    const key = await t.api('POST', '/api-keys', { scopes: ['read'] }, admin);
    expect(key.status, JSON.stringify(key.body)).toBe(201);
    expect((await t.api('GET', `/api-keys/${up(key.body.id)}`, undefined, admin)).status).toBe(200);
  });
});

describe('uppercase ids: Idempotency-Key', () => {
  it('fingerprints the request as sent: a retry must repeat the ids in the same letter case', async () => {
    const headers = { 'idempotency-key': 'upper-ids-1' };
    const first = await t.api('POST', '/appointments', upperBooking(...AT_9), { headers });
    expect(first.status).toBe(201);
    const retry = await t.api('POST', '/appointments', upperBooking(...AT_9), { headers });
    expect(retry.status).toBe(201);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(retry.body).toEqual(first.body);

    const respelled = await t.api('POST', '/appointments', c.booking(...AT_9, { room_id: c.location.rooms[0].id }), { headers });
    expect(respelled.status).toBe(409);
    expect(respelled.body).toEqual({ detail: 'This Idempotency-Key was already used with a different request' });
    expect((await t.api('GET', '/appointments')).body.data).toHaveLength(1);
  });
});

describe('uppercase ids: what stays refused', () => {
  it('a malformed id is still a 422; an id of another tenant is still a 404 in any case', async () => {
    const bad = await t.api('GET', '/appointments/NOT-A-UUID');
    expect(bad.status).toBe(422);
    const { id } = (await t.api('POST', '/appointments', c.booking(...AT_9))).body as { id: string };
    const stranger = await t.api('GET', `/appointments/${up(id)}`, undefined, { key: t.other.readWrite });
    expect(stranger.status).toBe(404);
    expect(stranger.body).toEqual({ detail: expect.any(String) });
  });
});
