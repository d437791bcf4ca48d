import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/app';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(() => t.close());

const names = (res: { body: { data: Array<{ name: string }> } }) => res.body.data.map((x) => x.name);

describe('patients: what works', () => {
  it('registers a patient with every field, phone stored as E.164, and reads it back', async () => {
    const res = await t.api('POST', '/patients', {
      name: '  Maria da Silva ',
      phone: '(31) 99999-8888',
      email: 'maria.silva@example.com',
      birth_date: '1987-04-12',
      preferred_channel: 'whatsapp',
      unknown_field: 'ignored',
    });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      name: 'Maria da Silva',
      phone: '+5531999998888',
      email: 'maria.silva@example.com',
      birth_date: '1987-04-12',
      preferred_channel: 'whatsapp',
      is_active: true,
      created_at: '2026-11-25T12:00:00.000Z',
      updated_at: '2026-11-25T12:00:00.000Z',
    });
    const got = await t.api('GET', `/patients/${res.body.id}`);
    expect(got.status).toBe(200);
    expect(got.body).toEqual(res.body);
    expect(await t.row('SELECT phone FROM patients')).toEqual({ phone: '+5531999998888' });
  });

  it('needs only a name; optional fields default to null', async () => {
    const res = await t.api('POST', '/patients', { name: 'João' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ name: 'João', phone: null, email: null, birth_date: null, preferred_channel: null });
    // patients without a phone do not collide with each other on the unique phone index
    expect((await t.api('POST', '/patients', { name: 'José', phone: null })).status).toBe(201);
  });

  it.each([
    ['(31) 99999-8888', '+5531999998888'],
    ['31 99999-8888', '+5531999998888'],
    ['+55 31 99999-8888', '+5531999998888'],
    ['5531999998888', '+5531999998888'],
    ['55999998888', '+5555999998888'],
    ['(11) 3222-4444', '+551132224444'],
    ['+1 415 555 2671', '+14155552671'],
  ])('accepts the phone %s as %s', async (phone, e164) => {
    const res = await t.api('POST', '/patients', { name: 'P', phone });
    expect(res.status).toBe(201);
    expect(res.body.phone).toBe(e164);
  });

  it('accepts a birth date of today and every channel', async () => {
    expect((await t.api('POST', '/patients', { name: 'Bebê', birth_date: '2026-11-25' })).status).toBe(201);
    for (const channel of ['whatsapp', 'sms', 'email', 'phone', 'web', 'terminal']) {
      const res = await t.api('POST', '/patients', { name: channel, preferred_channel: channel });
      expect(res.status, channel).toBe(201);
      expect(res.body.preferred_channel).toBe(channel);
    }
  });

  it('accepts a birth date that is already today in Fernando de Noronha although not yet in São Paulo', async () => {
    const late = await createTestApp({ now: '2026-11-26T02:30:00.000Z' });
    try {
      // 23:30 on the 25th in São Paulo, 00:30 on the 26th in Noronha
      expect((await late.api('POST', '/patients', { name: 'Recém-nascido', birth_date: '2026-11-26' })).status).toBe(201);
      expect((await late.api('POST', '/patients', { name: 'Amanhã', birth_date: '2026-11-27' })).status).toBe(422);
    } finally {
      late.close();
    }
  });

  it('updates only the fields given, ignores read-only ones, and null clears optional fields', async () => {
    const created = await t.api('POST', '/patients', {
      name: 'Maria',
      phone: '31 99999-8888',
      email: 'maria@example.com',
      birth_date: '1987-04-12',
      preferred_channel: 'sms',
    });
    t.clock.advance(60_000);
    const res = await t.api('PUT', `/patients/${created.body.id}`, {
      phone: '+55 31 98888-7777',
      id: 'ignored',
      created_at: 'ignored',
      updated_at: 'ignored',
    });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ ...created.body, phone: '+5531988887777', updated_at: '2026-11-25T12:01:00.000Z' });

    const cleared = await t.api('PUT', `/patients/${created.body.id}`, { phone: null, email: null, birth_date: null, preferred_channel: null });
    expect(cleared.status).toBe(200);
    expect(cleared.body).toMatchObject({ name: 'Maria', phone: null, email: null, birth_date: null, preferred_channel: null });

    const renamed = await t.api('PUT', `/patients/${created.body.id}`, { name: ' Maria Souza ', email: 'ms@example.com' });
    expect(renamed.body).toMatchObject({ name: 'Maria Souza', email: 'ms@example.com', phone: null });
    expect((await t.api('GET', `/patients/${created.body.id}`)).body).toEqual(renamed.body);
  });

  it('a patient may keep its own phone, written in another format', async () => {
    const created = await t.api('POST', '/patients', { name: 'Maria', phone: '31 99999-8888' });
    const res = await t.api('PUT', `/patients/${created.body.id}`, { phone: '+5531999998888', name: 'Maria S.' });
    expect(res.status).toBe(200);
    expect(res.body.phone).toBe('+5531999998888');
  });

  it('a phone freed by one patient can be taken by another', async () => {
    const a = await t.api('POST', '/patients', { name: 'A', phone: '31 99999-8888' });
    await t.api('PUT', `/patients/${a.body.id}`, { phone: '31 98888-7777' });
    const b = await t.api('POST', '/patients', { name: 'B', phone: '(31) 99999-8888' });
    expect(b.status).toBe(201);
  });

  it('soft-deletes: GET still answers, lists hide it unless include_inactive, PUT can reactivate', async () => {
    const a = await t.api('POST', '/patients', { name: 'A', phone: '31 99999-8888' });
    await t.api('POST', '/patients', { name: 'B' });
    const del = await t.api('DELETE', `/patients/${a.body.id}`);
    expect(del.status).toBe(204);
    expect(del.body).toBeNull();
    const got = await t.api('GET', `/patients/${a.body.id}`);
    expect(got.status).toBe(200);
    expect(got.body).toMatchObject({ is_active: false, phone: '+5531999998888' });
    expect(names(await t.api('GET', '/patients'))).toEqual(['B']);
    expect(names(await t.api('GET', '/patients?include_inactive=true'))).toEqual(['A', 'B']);
    expect(names(await t.api('GET', '/patients?phone=31999998888'))).toEqual([]);
    expect(names(await t.api('GET', '/patients?phone=31999998888&include_inactive=true'))).toEqual(['A']);

    expect((await t.api('PUT', `/patients/${a.body.id}`, { is_active: true })).body.is_active).toBe(true);
    expect(names(await t.api('GET', '/patients'))).toEqual(['A', 'B']);
  });

  it('filters by phone written in any accepted format', async () => {
    await t.api('POST', '/patients', { name: 'Maria', phone: '(31) 99999-8888' });
    await t.api('POST', '/patients', { name: 'João', phone: '(31) 98888-7777' });
    await t.api('POST', '/patients', { name: 'Sem telefone' });
    for (const phone of ['+5531999998888', '(31) 99999-8888', '31 99999-8888', '5531999998888', '+55 31 99999-8888']) {
      const res = await t.api('GET', `/patients?phone=${encodeURIComponent(phone)}`);
      expect(res.status, phone).toBe(200);
      expect(names(res), phone).toEqual(['Maria']);
    }
    // an unencoded + arrives as a space and still matches
    expect(names(await t.api('GET', '/patients?phone=+5531999998888'))).toEqual(['Maria']);
    expect(names(await t.api('GET', `/patients?phone=${encodeURIComponent('31 97777-6666')}`))).toEqual([]);
  });

  it('finds a patient by phone through the core, in any format', async () => {
    const created = await t.api('POST', '/patients', { name: 'Maria', phone: '(31) 99999-8888' });
    const patients = t.core.patients;
    expect(await patients.findByPhone(t.tenant.tenantId, '5531999998888')).toEqual(created.body);
    expect(await patients.findByPhone(t.tenant.tenantId, '+55 31 99999-8888')).toEqual(created.body);
    expect(await patients.findByPhone(t.tenant.tenantId, '31 98888-7777')).toBeNull();
    expect(await patients.findByPhone(t.tenant.tenantId, '28282')).toBeNull();
    expect(await patients.findByPhone(t.other.tenantId, '(31) 99999-8888')).toBeNull();
  });

  it('pages through a list in a stable order with cursors', async () => {
    const created: string[] = [];
    for (let i = 0; i < 7; i++) created.push((await t.api('POST', '/patients', { name: `P${i}` })).body.id);
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res: any = await t.api('GET', `/patients?limit=3${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      expect(res.status).toBe(200);
      seen.push(...res.body.data.map((x: { id: string }) => x.id));
      cursor = res.body.next_cursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toEqual(created);
  });

  it('documents every operation in /openapi.json with a summary, examples and error responses', async () => {
    const doc: any = await (await t.app.request('/openapi.json')).json();
    const ops = [
      ['post', '/v1/scheduling/patients', ['201', '409']],
      ['get', '/v1/scheduling/patients', ['200']],
      ['get', '/v1/scheduling/patients/{id}', ['200', '404']],
      ['put', '/v1/scheduling/patients/{id}', ['200', '404', '409']],
      ['delete', '/v1/scheduling/patients/{id}', ['204', '404']],
    ] as const;
    for (const [method, path, codes] of ops) {
      const op = doc.paths[path]?.[method];
      expect(op, `${method} ${path}`).toBeDefined();
      expect(op.summary).toBeTruthy();
      expect(Object.keys(op.responses)).toEqual(expect.arrayContaining([...codes, '401', '403', '422']));
    }
    const query = doc.paths['/v1/scheduling/patients'].get.parameters.map((p: { name: string }) => p.name);
    expect(query).toEqual(expect.arrayContaining(['limit', 'cursor', 'include_inactive', 'phone']));
    for (const name of ['Patient', 'PatientCreate', 'PatientUpdate']) {
      expect(doc.components.schemas[name]?.example, name).toBeDefined();
    }
  });

  it('every answer lists the keys in the order a create does', async () => {
    const created = await t.api('POST', '/patients', { name: 'Maria', phone: '+5531999990000', preferred_channel: 'whatsapp' });
    const order = Object.keys(created.body);
    expect(Object.keys((await t.api('GET', `/patients/${created.body.id}`)).body)).toEqual(order);
    expect(Object.keys((await t.api('GET', '/patients')).body.data[0])).toEqual(order);
    expect(Object.keys((await t.api('PUT', `/patients/${created.body.id}`, { name: 'Maria Silva' })).body)).toEqual(order);
  });
});
