import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/app';
import { createClinic } from '../../helpers/clinic';
import { entryStatus, events, messages, offers, waitlistClinic } from './setup';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(() => t.close());

const SP_9 = ['2026-12-01T09:00:00-03:00', '2026-12-01T09:30:00-03:00'] as const;

describe('waitlist: what never leaks', () => {
  it('another tenant can neither see, remove nor rank the entries', async () => {
    const c = await waitlistClinic(t);
    const a = await c.addEntry(1);
    const key = t.other.readWrite;
    expect((await t.api('GET', '/waitlist', undefined, { key })).body).toEqual({ data: [], next_cursor: null });
    expect((await t.api('GET', `/waitlist?patient_id=${c.patients[1]!.id}&status=waiting,offered,booked,removed`, undefined, { key })).body.data).toEqual([]);
    expect((await t.api('GET', `/waitlist/${a.id}`, undefined, { key })).status).toBe(404);
    expect((await t.api('GET', `/waitlist/position/${a.id}`, undefined, { key })).status).toBe(404);
    expect((await t.api('DELETE', `/waitlist/${a.id}`, undefined, { key })).status).toBe(404);
    expect(await entryStatus(t, a.id)).toBe('waiting');
    // a cursor of the first tenant's list is refused in the other's
    await c.addEntry(2);
    const cursor = (await t.api('GET', '/waitlist?limit=1')).body.next_cursor;
    expect((await t.api('GET', `/waitlist?limit=1&cursor=${encodeURIComponent(cursor)}`, undefined, { key })).status).toBe(422);
  });

  it("another tenant cannot reference the first tenant's patient, type, provider or location", async () => {
    const c = await waitlistClinic(t);
    const res = await t.api('POST', '/waitlist', c.entryBody(1, { location_id: c.location.id }), { key: t.other.readWrite });
    expect(res.status).toBe(422);
    expect(res.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['appointment_type_id', 'location_id', 'patient_id', 'provider_id']);
    expect(await t.count('waitlist_entries')).toBe(0);
  });

  it("a cancellation in one tenant never offers to another tenant's entries, even for the same specialty", async () => {
    const mine = await waitlistClinic(t);
    const waiting = await mine.addEntry(1, { provider_id: null, specialty: 'Cardiologia' });
    const theirs = await createClinic(t, { key: t.other.readWrite });
    const appointment = (await t.api('POST', '/appointments', theirs.booking(...SP_9), { key: t.other.readWrite })).body;
    // the other tenant's own entry on its provider
    const other = await t.api(
      'POST',
      '/waitlist',
      { patient_id: theirs.patients[1]!.id, appointment_type_id: theirs.type.id, specialty: 'cardiologia' },
      { key: t.other.readWrite },
    );
    expect((await t.api('DELETE', `/appointments/${appointment.id}`, undefined, { key: t.other.readWrite })).status).toBe(204);
    expect(await entryStatus(t, waiting.id)).toBe('waiting');
    expect(await entryStatus(t, other.body.id)).toBe('offered');
    expect((await offers(t)).map((o) => o.tenant_id)).toEqual([t.other.tenantId]);
    expect((await messages(t)).map((m) => m.tenant_id)).toEqual([t.other.tenantId]);
    expect((await events(t, 'waitlist.slot_available')).map((e) => e.tenant_id)).toEqual([t.other.tenantId]);
    expect((await events(t, 'waitlist.added')).map((e) => e.tenant_id)).toEqual([t.tenant.tenantId, t.other.tenantId]);
  });

  it('read keys cannot write; write keys cannot read; no key is 401', async () => {
    const c = await waitlistClinic(t);
    expect((await t.api('POST', '/waitlist', c.entryBody(1), { key: t.tenant.read })).status).toBe(403);
    const a = (await t.api('POST', '/waitlist', c.entryBody(1), { key: t.tenant.write })).body;
    expect((await t.api('GET', `/waitlist/${a.id}`, undefined, { key: t.tenant.write })).status).toBe(403);
    expect((await t.api('GET', '/waitlist', undefined, { key: t.tenant.write })).status).toBe(403);
    expect((await t.api('GET', `/waitlist/position/${a.id}`, undefined, { key: t.tenant.write })).status).toBe(403);
    expect((await t.api('DELETE', `/waitlist/${a.id}`, undefined, { key: t.tenant.read })).status).toBe(403);
    for (const [method, path] of [['GET', '/waitlist'], ['POST', '/waitlist'], ['GET', `/waitlist/${a.id}`], ['DELETE', `/waitlist/${a.id}`], ['GET', `/waitlist/position/${a.id}`]] as const) {
      const res = await t.api(method, path, method === 'POST' ? c.entryBody(1) : undefined, { key: null });
      expect(res.status, `${method} ${path}`).toBe(401);
    }
    expect(await entryStatus(t, a.id)).toBe('waiting');
  });

  it('error bodies carry no SQL or internal names', async () => {
    const c = await waitlistClinic(t);
    const bodies = [
      (await t.api('POST', '/waitlist', c.entryBody(1, { patient_id: '0193a1f2-0000-7000-8000-000000000000' }))).body,
      (await t.api('GET', '/waitlist?cursor=abc.def')).body,
      (await t.api('GET', '/waitlist/position/0193a1f2-0000-7000-8000-000000000000')).body,
    ];
    for (const body of bodies) {
      const text = JSON.stringify(body);
      expect(text).not.toMatch(/SELECT|INSERT|waitlist_entries|sqlite|stack/i);
    }
  });

  it('the OpenAPI document describes every waitlist operation', async () => {
    const doc: any = await (await t.app.request('/openapi.json')).json();
    const ops = [
      ['post', '/v1/scheduling/waitlist'],
      ['get', '/v1/scheduling/waitlist'],
      ['get', '/v1/scheduling/waitlist/{id}'],
      ['delete', '/v1/scheduling/waitlist/{id}'],
      ['get', '/v1/scheduling/waitlist/position/{id}'],
    ] as const;
    for (const [method, path] of ops) {
      const op = doc.paths[path]?.[method];
      expect(op, `${method} ${path}`).toBeDefined();
      expect(op.summary).toEqual(expect.any(String));
      expect(op.description).toEqual(expect.any(String));
      for (const code of ['401', '403', '422']) expect(Object.keys(op.responses), `${method} ${path}`).toContain(code);
    }
    expect(doc.components.schemas.WaitlistEntry.example).toBeDefined();
    expect(doc.components.schemas.WaitlistCreate.example).toBeDefined();
    expect(doc.components.schemas.WaitlistPosition.example).toBeDefined();
  });
});
