import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/app';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(() => t.close());

const DOCTOR = '6c1d9e2f-3a4b-4c5d-8e6f-7a8b9c0d1e2f';
const doctor = () => crypto.randomUUID();

async function location(name = 'Unidade Centro') {
  return t.core.locations.create(t.tenant.tenantId, { name });
}

async function names(path: string): Promise<string[]> {
  const res = await t.api('GET', path);
  expect(res.status, path).toBe(200);
  return res.body.data.map((p: { name: string }) => p.name);
}

describe('providers: what works', () => {
  it('creates a profile with only doctor_id, filling the reference defaults', async () => {
    const res = await t.api('POST', '/providers', { doctor_id: DOCTOR });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      id: expect.any(String),
      doctor_id: DOCTOR,
      name: null,
      default_appointment_duration_minutes: 30,
      buffer_between_appointments_minutes: 0,
      max_daily_appointments: null,
      max_concurrent_appointments: 1,
      primary_location_id: null,
      specialties: [],
      is_accepting_new_patients: true,
      metadata: {},
      is_active: true,
      created_at: '2026-11-25T12:00:00.000Z',
      updated_at: '2026-11-25T12:00:00.000Z',
    });
    const got = await t.api('GET', `/providers/${res.body.id}`);
    expect(got.status).toBe(200);
    expect(got.body).toEqual(res.body);
  });

  it('keeps every optional field, trimming and de-duplicating specialties', async () => {
    const loc = await location();
    const res = await t.api('POST', '/providers', {
      doctor_id: DOCTOR,
      name: ' Dra. Ana Souza ',
      default_appointment_duration_minutes: 45,
      buffer_between_appointments_minutes: 10,
      max_daily_appointments: 12,
      max_concurrent_appointments: 2,
      primary_location_id: loc.id,
      specialties: [' Cardiologia ', 'Clínica Geral', 'Cardiologia'],
      is_accepting_new_patients: false,
      metadata: { crm: 'CRM-MG 12345', nested: { a: [1, 2] } },
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      name: 'Dra. Ana Souza',
      default_appointment_duration_minutes: 45,
      buffer_between_appointments_minutes: 10,
      max_daily_appointments: 12,
      max_concurrent_appointments: 2,
      primary_location_id: loc.id,
      specialties: ['Cardiologia', 'Clínica Geral'],
      is_accepting_new_patients: false,
      metadata: { crm: 'CRM-MG 12345', nested: { a: [1, 2] } },
    });
    expect(res.body).not.toHaveProperty('tenant_id');
    expect((await t.api('GET', `/providers/${res.body.id}`)).body).toEqual(res.body);
  });

  it('drops a specialty that differs from one before it only in case or accents, as the specialty filter folds them', async () => {
    const res = await t.api('POST', '/providers', { doctor_id: DOCTOR, specialties: ['Cardiologia', 'cardiologia', ' CARDIOLOGÍA ', 'Clínica Geral', 'clinica geral'] });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.specialties).toEqual(['Cardiologia', 'Clínica Geral']);
    const updated = await t.api('PUT', `/providers/${res.body.id}`, { specialties: ['pediatria', 'Pediatria'] });
    expect(updated.body.specialties).toEqual(['pediatria']);
  });

  it('accepts the edges of every range', async () => {
    for (const body of [
      { default_appointment_duration_minutes: 5, buffer_between_appointments_minutes: 0, max_concurrent_appointments: 1, max_daily_appointments: 1 },
      { default_appointment_duration_minutes: 480, buffer_between_appointments_minutes: 240, max_concurrent_appointments: 100, max_daily_appointments: null },
    ]) {
      const res = await t.api('POST', '/providers', { doctor_id: doctor(), ...body });
      expect(res.status, JSON.stringify(body)).toBe(201);
      expect(res.body).toMatchObject(body);
    }
  });

  it('PUT changes only the given fields; unknown and read-only fields are ignored', async () => {
    const loc = await location();
    const created = await t.api('POST', '/providers', {
      doctor_id: DOCTOR,
      name: 'Dr. João',
      max_daily_appointments: 10,
      primary_location_id: loc.id,
      specialties: ['Pediatria'],
    });
    t.clock.advance(60_000);
    const res = await t.api('PUT', `/providers/${created.body.id}`, {
      buffer_between_appointments_minutes: 15,
      max_daily_appointments: null,
      primary_location_id: null,
      specialties: ['Pediatria', 'Neonatologia'],
      id: '00000000-0000-4000-8000-000000000000',
      created_at: '2000-01-01T00:00:00.000Z',
      updated_at: '2000-01-01T00:00:00.000Z',
      tenant_id: t.other.tenantId,
      whatever: 1,
    });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      ...created.body,
      buffer_between_appointments_minutes: 15,
      max_daily_appointments: null,
      primary_location_id: null,
      specialties: ['Pediatria', 'Neonatologia'],
      updated_at: '2026-11-25T12:01:00.000Z',
    });
    expect((await t.api('GET', `/providers/${created.body.id}`)).body).toEqual(res.body);
  });

  it('PUT with an empty body changes nothing but updated_at', async () => {
    const created = await t.api('POST', '/providers', { doctor_id: DOCTOR, name: 'A' });
    const res = await t.api('PUT', `/providers/${created.body.id}`, {});
    expect(res.status).toBe(200);
    expect(res.body).toEqual(created.body);
  });

  it('soft-deletes: GET still answers, lists hide it unless include_inactive, PUT is_active reactivates', async () => {
    const a = await t.api('POST', '/providers', { doctor_id: doctor(), name: 'A' });
    await t.api('POST', '/providers', { doctor_id: doctor(), name: 'B' });
    expect((await t.api('DELETE', `/providers/${a.body.id}`)).status).toBe(204);
    const got = await t.api('GET', `/providers/${a.body.id}`);
    expect(got.status).toBe(200);
    expect(got.body.is_active).toBe(false);
    expect(await names('/providers')).toEqual(['B']);
    expect(await names('/providers?include_inactive=true')).toEqual(['A', 'B']);
    expect((await t.api('DELETE', `/providers/${a.body.id}`)).status).toBe(204);
    const back = await t.api('PUT', `/providers/${a.body.id}`, { is_active: true });
    expect(back.body.is_active).toBe(true);
    expect(await names('/providers')).toEqual(['A', 'B']);
  });

  it('filters by specialty ignoring case and accents', async () => {
    await t.api('POST', '/providers', { doctor_id: doctor(), name: 'Cardio', specialties: ['Cardiologia'] });
    await t.api('POST', '/providers', { doctor_id: doctor(), name: 'Geral', specialties: ['Clínica Geral', 'Geriatria'] });
    await t.api('POST', '/providers', { doctor_id: doctor(), name: 'Orto', specialties: ['ORTOPEDIA E TRAUMATOLOGIA'] });
    await t.api('POST', '/providers', { doctor_id: doctor(), name: 'Gineco', specialties: ['Ginecologia e Obstetrícia'] });
    expect(await names('/providers?specialty=cardiologia')).toEqual(['Cardio']);
    expect(await names('/providers?specialty=CARDIOLOGIA')).toEqual(['Cardio']);
    expect(await names(`/providers?specialty=${encodeURIComponent('clinica geral')}`)).toEqual(['Geral']);
    expect(await names(`/providers?specialty=${encodeURIComponent('CLÍNICA GERAL')}`)).toEqual(['Geral']);
    expect(await names(`/providers?specialty=${encodeURIComponent(' Clínica Geral ')}`)).toEqual(['Geral']);
    // decomposed accents (NFD) in the query match the stored composed form
    expect(await names(`/providers?specialty=${encodeURIComponent('Clínica Geral'.normalize('NFD'))}`)).toEqual(['Geral']);
    expect(await names(`/providers?specialty=${encodeURIComponent('ortopedia e traumatologia')}`)).toEqual(['Orto']);
    expect(await names(`/providers?specialty=${encodeURIComponent('ginecologia e obstetricia')}`)).toEqual(['Gineco']);
    expect(await names('/providers?specialty=geriatria')).toEqual(['Geral']);
    expect(await names('/providers?specialty=cardio')).toEqual([]);
    expect(await names('/providers?specialty=pediatria')).toEqual([]);
  });

  it('folds every Portuguese accented letter, in either case, on both sides', async () => {
    const accented = 'áàâãäéèêëíìîïóòôõöúùûüçñ';
    await t.api('POST', '/providers', { doctor_id: doctor(), name: 'lower', specialties: [`x${accented}x`] });
    await t.api('POST', '/providers', { doctor_id: doctor(), name: 'upper', specialties: [`X${accented.toUpperCase()}X`] });
    const plain = 'xaaaaaeeeeiiiiooooouuuucnx';
    expect(await names(`/providers?specialty=${plain}`)).toEqual(['lower', 'upper']);
    expect(await names(`/providers?specialty=${encodeURIComponent(`X${accented.toUpperCase()}X`)}`)).toEqual(['lower', 'upper']);
  });

  it('matches a specialty stored with decomposed accents', async () => {
    await t.api('POST', '/providers', { doctor_id: doctor(), name: 'NFD', specialties: ['Clínica Médica'.normalize('NFD')] });
    const [stored] = (await t.api('GET', '/providers')).body.data;
    expect(stored.specialties).toEqual(['Clínica Médica'.normalize('NFC')]);
    expect(await names(`/providers?specialty=${encodeURIComponent('clinica medica')}`)).toEqual(['NFD']);
  });

  it('pages correctly through a specialty filter (filtered in SQL)', async () => {
    const expected: string[] = [];
    for (let i = 0; i < 9; i++) {
      const cardio = i % 3 !== 0;
      await t.api('POST', '/providers', { doctor_id: doctor(), name: `P${i}`, specialties: [cardio ? 'Cardiologia' : 'Dermatologia'] });
      if (cardio) expected.push(`P${i}`);
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res: any = await t.api('GET', `/providers?specialty=cardiologia&limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      expect(res.status).toBe(200);
      expect(res.body.data.length).toBeLessThanOrEqual(2);
      if (res.body.next_cursor) expect(res.body.data).toHaveLength(2);
      seen.push(...res.body.data.map((p: { name: string }) => p.name));
      cursor = res.body.next_cursor;
      pages++;
    } while (cursor);
    expect(seen).toEqual(expected);
    expect(pages).toBe(3);
  });

  it('filters by location: primary location or an active template there', async () => {
    const centro = await location('Centro');
    const savassi = await location('Savassi');
    const primary = await t.api('POST', '/providers', { doctor_id: doctor(), name: 'Primary', primary_location_id: centro.id });
    const templated = await t.api('POST', '/providers', { doctor_id: doctor(), name: 'Templated', primary_location_id: savassi.id });
    const retired = await t.api('POST', '/providers', { doctor_id: doctor(), name: 'Retired' });
    await t.api('POST', '/providers', { doctor_id: doctor(), name: 'Elsewhere', primary_location_id: savassi.id });
    const window = { day_of_week: 1, start_time: '08:00', end_time: '12:00', location_id: centro.id };
    expect((await t.api('POST', `/providers/${templated.body.id}/templates`, window)).status).toBe(201);
    const old = await t.api('POST', `/providers/${retired.body.id}/templates`, window);
    expect((await t.api('DELETE', `/providers/${retired.body.id}/templates/${old.body.id}`)).status).toBe(204);
    expect(await names(`/providers?location_id=${centro.id}`)).toEqual(['Primary', 'Templated']);
    expect(await names(`/providers?location_id=${savassi.id}`)).toEqual(['Templated', 'Elsewhere']);
    expect(await names(`/providers?location_id=${centro.id}&specialty=x`)).toEqual([]);
    expect(primary.status).toBe(201);
  });

  it('pages through a list in a stable order with cursors', async () => {
    const all: string[] = [];
    for (let i = 0; i < 7; i++) {
      all.push(`P${i}`);
      await t.api('POST', '/providers', { doctor_id: doctor(), name: `P${i}` });
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res: any = await t.api('GET', `/providers?limit=3${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      seen.push(...res.body.data.map((p: { name: string }) => p.name));
      cursor = res.body.next_cursor;
    } while (cursor);
    expect(seen).toEqual(all);
  });

  it('replays a create with the same Idempotency-Key and body', async () => {
    const headers = { 'idempotency-key': 'prov-1' };
    const first = await t.api('POST', '/providers', { doctor_id: DOCTOR }, { headers });
    const second = await t.api('POST', '/providers', { doctor_id: DOCTOR }, { headers });
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.body).toEqual(first.body);
    expect(second.headers.get('idempotent-replayed')).toBe('true');
  });

  it('documents all twelve operations with summaries, examples, errors and the defaults', async () => {
    const res = await t.app.request('/openapi.json');
    const doc: any = await res.json();
    const ops: Array<[string, string]> = [
      ['/v1/scheduling/providers', 'post'],
      ['/v1/scheduling/providers', 'get'],
      ['/v1/scheduling/providers/{id}', 'get'],
      ['/v1/scheduling/providers/{id}', 'put'],
      ['/v1/scheduling/providers/{id}', 'delete'],
      ['/v1/scheduling/providers/{id}/templates', 'get'],
      ['/v1/scheduling/providers/{id}/templates', 'post'],
      ['/v1/scheduling/providers/{id}/templates/{tid}', 'put'],
      ['/v1/scheduling/providers/{id}/templates/{tid}', 'delete'],
      ['/v1/scheduling/providers/{id}/overrides', 'get'],
      ['/v1/scheduling/providers/{id}/overrides', 'post'],
      ['/v1/scheduling/providers/{id}/overrides/{oid}', 'delete'],
    ];
    for (const [path, method] of ops) {
      const op = doc.paths?.[path]?.[method];
      expect(op, `${method} ${path}`).toBeDefined();
      expect(op.summary, `${method} ${path}`).toBeTruthy();
      expect(Object.keys(op.responses), `${method} ${path}`).toEqual(expect.arrayContaining(['401', '403', '422']));
    }
    const schemas = doc.components.schemas;
    for (const name of ['Provider', 'ProviderCreate', 'ProviderUpdate', 'ScheduleTemplate', 'ScheduleTemplateCreate', 'ScheduleTemplateUpdate', 'ScheduleOverride', 'ScheduleOverrideCreate']) {
      expect(schemas[name]?.example, name).toBeDefined();
    }
    const create = schemas.ProviderCreate;
    expect(create.required).toEqual(['doctor_id']);
    expect(create.properties.default_appointment_duration_minutes.description).toMatch(/Default 30/);
    expect(create.properties.buffer_between_appointments_minutes.description).toMatch(/Default 0/);
    expect(create.properties.max_concurrent_appointments.description).toMatch(/Default 1/);
    expect(create.properties.is_accepting_new_patients.description).toMatch(/Default true/);
    expect(create.properties.specialties.description).toMatch(/Default \[\]/);
    expect(create.properties.metadata.description).toMatch(/Default \{\}/);
    expect(schemas.ScheduleTemplateCreate.required.sort()).toEqual(['day_of_week', 'end_time', 'location_id', 'start_time']);
    expect(schemas.ScheduleOverrideCreate.required.sort()).toEqual(['date', 'type']);
  });
});
