/**
 * D1 counts queries per Worker invocation: 50 on the Workers Free plan, 1,000 on Paid (Cloudflare's D1
 * limits). A request that goes past it fails there, whatever it was doing. Every request below, the
 * demo clinic's booking dialogue from its first message to a cancellation, the API's booking and a
 * week's slot search, stays within the Free plan's 50, counted both as calls to D1 (a batch is one)
 * and as the statements they carry.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_BASE, buildApp } from '../../src/app';
import { buildCore } from '../../src/core';
import { fixedClock, randomIds } from '../../src/core/clock';
import { createRepositories } from '../../src/db/repos';
import { seedDemoClinic } from '../../src/demo-seed';
import { openD1Database } from '../helpers/d1';

const FREE_PLAN_QUERIES = 50;

let d1: Awaited<ReturnType<typeof openD1Database>>;
let request: (method: string, path: string, body?: unknown) => Promise<{ status: number; body: any; calls: number; statements: number }>;

beforeAll(async () => {
  d1 = await openD1Database();
  const clock = fixedClock('2026-11-25T13:00:00Z');
  const repos = createRepositories(d1.db);
  const { apiKey } = await seedDemoClinic(buildCore(repos, clock, randomIds));
  const app = buildApp({ repos, clock, ids: randomIds, version: 'test', logLevel: 'silent' });
  request = async (method, path, body) => {
    const before = { ...d1.sent };
    const res = await app.request(`${API_BASE}${path}`, {
      method,
      headers: { 'x-api-key': apiKey, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = (await res.json()) as any;
    return { status: res.status, body: json, calls: d1.sent.calls - before.calls, statements: d1.sent.statements - before.statements };
  };
}, 60_000);
afterAll(() => d1?.close());

describe('D1 queries per request', () => {
  it('each turn of a booking, a move, a cancellation and a waitlist request', async () => {
    const patient = (await request('GET', '/patients')).body.data[0].id;
    const turns: Array<[string, RegExp]> = [
      ['oi, queria marcar cardio amanha de manha', /Tenho estes horários de Cardiologia/],
      ['1', /^Confirma consulta/],
      ['sim', /está marcado/],
      ['quais consultas eu tenho?', /Cardiologia/],
      ['quero remarcar a de amanha pra sexta', /Vamos remarcar/],
      ['1', /^Confirma a mudança/],
      ['sim', /remarcada/],
      ['cancela ela', /sexta/],
      ['sim', /Desmarcada/],
      ['tem dermato semana que vem a tarde?', /Dermatologia/],
      ['me coloca na lista de espera de dermato pra segunda', /lista de espera/],
    ];
    for (const [message, reply] of turns) {
      const turn = await request('POST', '/conversation', { patient_id: patient, channel: 'whatsapp', message });
      expect(turn.status, message).toBe(200);
      expect(turn.body.reply, message).toMatch(reply);
      expect(turn.calls, message).toBeGreaterThan(0);
      expect(turn.statements, message).toBeLessThanOrEqual(FREE_PLAN_QUERIES);
    }
  }, 60_000);

  it("a booking through the API and a week's slot search of a specialty", async () => {
    const [patients, types] = await Promise.all(['patients', 'appointment-types'].map(async (r) => (await request('GET', `/${r}`)).body.data));
    const search = await request('GET', `/slots?appointment_type_id=${types[0].id}&specialty=Cardiologia&date_from=2026-11-30&date_to=2026-12-06`);
    expect(search.status, JSON.stringify(search.body)).toBe(200);
    expect(search.body.data.length).toBeGreaterThan(0);
    expect(search.statements).toBeLessThanOrEqual(FREE_PLAN_QUERIES);
    // the demo clinic's units are in São Paulo's time zone (-03:00 all year since 2019)
    const slot = search.body.data[0];
    const booked = await request('POST', '/appointments', {
      provider_profile_id: slot.provider_id,
      patient_id: patients[1].id,
      appointment_type_id: types[0].id,
      location_id: slot.location.id,
      start_time: `${slot.date}T${slot.start_time}:00-03:00`,
      end_time: `${slot.date}T${slot.end_time}:00-03:00`,
    });
    expect(booked.status, JSON.stringify(booked.body)).toBe(201);
    expect(booked.statements).toBeLessThanOrEqual(FREE_PLAN_QUERIES);
  }, 60_000);
});
