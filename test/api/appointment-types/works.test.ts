import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/app';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(() => t.close());

const names = (res: { body: { data: Array<{ name: string }> } }) => res.body.data.map((x) => x.name);

describe('appointment types: what works', () => {
  it('creates a type with defaults, trimmed fields, and reads it back', async () => {
    const res = await t.api('POST', '/appointment-types', {
      name: '  Retorno  ',
      duration_minutes: 20,
      specialty: ' cardiologia ',
      synonyms: [' retorno', 'consulta de retorno ', 'Retorno', 'revisão'],
      unknown_field: 'ignored',
    });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      name: 'Retorno',
      duration_minutes: 20,
      specialty: 'cardiologia',
      synonyms: ['retorno', 'consulta de retorno', 'revisão'],
      is_active: true,
      created_at: '2026-11-25T12:00:00.000Z',
      updated_at: '2026-11-25T12:00:00.000Z',
    });
    const got = await t.api('GET', `/appointment-types/${res.body.id}`);
    expect(got.status).toBe(200);
    expect(got.body).toEqual(res.body);
  });

  it('defaults specialty to null and synonyms to [] and accepts the duration limits', async () => {
    const short = await t.api('POST', '/appointment-types', { name: 'Curto', duration_minutes: 1 });
    expect(short.status).toBe(201);
    expect(short.body).toMatchObject({ specialty: null, synonyms: [] });
    const day = await t.api('POST', '/appointment-types', { name: 'Dia inteiro', duration_minutes: 1440, specialty: null });
    expect(day.status).toBe(201);
    expect(day.body.duration_minutes).toBe(1440);
  });

  it('updates only the fields given, ignores read-only ones, and null clears the specialty', async () => {
    const created = await t.api('POST', '/appointment-types', {
      name: 'Primeira consulta',
      duration_minutes: 40,
      specialty: 'cardiologia',
      synonyms: ['primeira vez'],
    });
    t.clock.advance(60_000);
    const res = await t.api('PUT', `/appointment-types/${created.body.id}`, {
      duration_minutes: 45,
      id: 'ignored',
      created_at: 'ignored',
      updated_at: 'ignored',
      tenant_id: 'ignored',
    });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ ...created.body, duration_minutes: 45, updated_at: '2026-11-25T12:01:00.000Z' });

    const cleared = await t.api('PUT', `/appointment-types/${created.body.id}`, { specialty: null, synonyms: [] });
    expect(cleared.body).toMatchObject({ name: 'Primeira consulta', duration_minutes: 45, specialty: null, synonyms: [] });

    const renamed = await t.api('PUT', `/appointment-types/${created.body.id}`, { name: ' Consulta inicial ', synonyms: ['consulta inicial'] });
    expect(renamed.body).toMatchObject({ name: 'Consulta inicial', synonyms: ['consulta inicial'], duration_minutes: 45 });
    expect((await t.api('GET', `/appointment-types/${created.body.id}`)).body).toEqual(renamed.body);
  });

  it('an empty PUT leaves every field as it was', async () => {
    const created = await t.api('POST', '/appointment-types', { name: 'A', duration_minutes: 30, specialty: 'x', synonyms: ['a'] });
    const res = await t.api('PUT', `/appointment-types/${created.body.id}`, {});
    expect(res.status).toBe(200);
    expect(res.body).toEqual(created.body);
  });

  it('soft-deletes: GET still answers, lists hide it unless include_inactive, PUT can reactivate', async () => {
    const a = await t.api('POST', '/appointment-types', { name: 'A', duration_minutes: 30 });
    await t.api('POST', '/appointment-types', { name: 'B', duration_minutes: 30 });
    t.clock.advance(1000);
    const del = await t.api('DELETE', `/appointment-types/${a.body.id}`);
    expect(del.status).toBe(204);
    expect(del.body).toBeNull();
    const got = await t.api('GET', `/appointment-types/${a.body.id}`);
    expect(got.status).toBe(200);
    expect(got.body).toMatchObject({ is_active: false, updated_at: '2026-11-25T12:00:01.000Z' });
    expect(names(await t.api('GET', '/appointment-types'))).toEqual(['B']);
    expect(names(await t.api('GET', '/appointment-types?include_inactive=true'))).toEqual(['A', 'B']);
    expect(names(await t.api('GET', '/appointment-types?include_inactive=false'))).toEqual(['B']);
    expect((await t.api('DELETE', `/appointment-types/${a.body.id}`)).status).toBe(204);

    const back = await t.api('PUT', `/appointment-types/${a.body.id}`, { is_active: true });
    expect(back.body.is_active).toBe(true);
    expect(names(await t.api('GET', '/appointment-types'))).toEqual(['A', 'B']);
  });

  it('filters by specialty, ignoring letter case, combined with include_inactive', async () => {
    await t.api('POST', '/appointment-types', { name: 'Cardio 1', duration_minutes: 30, specialty: 'Cardiologia' });
    await t.api('POST', '/appointment-types', { name: 'Derma', duration_minutes: 30, specialty: 'dermatologia' });
    const old = await t.api('POST', '/appointment-types', { name: 'Cardio 2', duration_minutes: 30, specialty: 'cardiologia' });
    await t.api('POST', '/appointment-types', { name: 'Geral', duration_minutes: 30 });
    await t.api('DELETE', `/appointment-types/${old.body.id}`);

    expect(names(await t.api('GET', '/appointment-types?specialty=cardiologia'))).toEqual(['Cardio 1']);
    expect(names(await t.api('GET', '/appointment-types?specialty=CARDIOLOGIA&include_inactive=true'))).toEqual(['Cardio 1', 'Cardio 2']);
    expect(names(await t.api('GET', '/appointment-types?specialty=Dermatologia'))).toEqual(['Derma']);
    expect(names(await t.api('GET', '/appointment-types?specialty=pediatria'))).toEqual([]);
    expect(names(await t.api('GET', '/appointment-types'))).toEqual(['Cardio 1', 'Derma', 'Geral']);
  });

  it('pages through a list in a stable order with cursors, also under a filter', async () => {
    const created: string[] = [];
    for (let i = 0; i < 7; i++) {
      const res = await t.api('POST', '/appointment-types', { name: `T${i}`, duration_minutes: 10 + i, specialty: i % 2 ? 'par' : 'impar' });
      created.push(res.body.id);
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res: any = await t.api('GET', `/appointment-types?limit=3${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      expect(res.status).toBe(200);
      expect(res.body.data.length).toBeLessThanOrEqual(3);
      seen.push(...res.body.data.map((x: { id: string }) => x.id));
      cursor = res.body.next_cursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toEqual(created);

    const first = await t.api('GET', '/appointment-types?specialty=impar&limit=2');
    expect(names(first)).toEqual(['T0', 'T2']);
    const second = await t.api('GET', `/appointment-types?specialty=impar&limit=2&cursor=${encodeURIComponent(first.body.next_cursor)}`);
    expect(names(second)).toEqual(['T4', 'T6']);
    expect(second.body.next_cursor).toBeNull();
  });

  it('lists page size 50 by default and the last page has next_cursor null', async () => {
    for (let i = 0; i < 3; i++) await t.api('POST', '/appointment-types', { name: `T${i}`, duration_minutes: 30 });
    const res = await t.api('GET', '/appointment-types');
    expect(res.body.data).toHaveLength(3);
    expect(res.body.next_cursor).toBeNull();
  });

  it('documents every operation in /openapi.json with a summary, examples and error responses', async () => {
    const res = await t.app.request('/openapi.json');
    const doc: any = await res.json();
    const ops = [
      ['post', '/v1/scheduling/appointment-types', '201'],
      ['get', '/v1/scheduling/appointment-types', '200'],
      ['get', '/v1/scheduling/appointment-types/{id}', '200'],
      ['put', '/v1/scheduling/appointment-types/{id}', '200'],
      ['delete', '/v1/scheduling/appointment-types/{id}', '204'],
    ] as const;
    for (const [method, path, ok] of ops) {
      const op = doc.paths[path]?.[method];
      expect(op, `${method} ${path}`).toBeDefined();
      expect(op.summary).toBeTruthy();
      expect(Object.keys(op.responses)).toEqual(expect.arrayContaining([ok, '401', '403', '422']));
    }
    expect(Object.keys(doc.paths['/v1/scheduling/appointment-types/{id}'].get.responses)).toContain('404');
    const query = doc.paths['/v1/scheduling/appointment-types'].get.parameters.map((p: { name: string }) => p.name);
    expect(query).toEqual(expect.arrayContaining(['limit', 'cursor', 'include_inactive', 'specialty']));
    for (const name of ['AppointmentType', 'AppointmentTypeCreate', 'AppointmentTypeUpdate']) {
      expect(doc.components.schemas[name]?.example, name).toBeDefined();
    }
  });
});
