/**
 * The same requests on SQLite and on D1 (test/helpers/d1.ts) store the same kinds of values: for every
 * column of every table, the storage classes found (`typeof`) are the same on both. D1 binds every
 * JavaScript number as a REAL, so a number written where no INTEGER affinity converts it back would be
 * stored as 30.0 on D1 and 30 on SQLite (and read back as text '30.0' from a TEXT column).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app';
import { noShowClinic, syntheticHistory } from '../api/no-show/setup';

const opened: TestApp[] = [];
afterEach(() => {
  for (const t of opened.splice(0)) t.close();
});

const SP = (date: string, time: string) => `${date}T${time}:00-03:00`;

/** A tour of the writes: bookings and their lifecycle, a reschedule, a waitlist offer, an override, a webhook, an import, a conversation turn. */
async function tour(database: 'sqlite' | 'd1') {
  const t = await createTestApp({ database });
  opened.push(t);
  const c = await noShowClinic(t, { provider: { buffer_between_appointments_minutes: 10, max_concurrent_appointments: 2 } });
  expect(await c.importRows(syntheticHistory(c.phones, { patients: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9], perPatient: 3, seed: 7, from: '2026-09-01', to: '2026-11-20' }))).toBe(30);
  const a = await c.book(11, '2026-12-01', '09:00');
  const b = await c.book(12, '2026-12-01', '10:00');
  const ok = async (method: string, path: string, body?: unknown, key?: string) => {
    const res = await t.api(method, path, body, key ? { key } : {});
    expect(res.status, `${method} ${path}: ${JSON.stringify(res.body)}`).toBeLessThan(300);
    return res.body;
  };
  await ok('POST', '/waitlist', { patient_id: c.patients[13]!.id, appointment_type_id: c.type.id, provider_id: c.provider.id });
  await ok('POST', `/appointments/${a.id}/confirm`, {});
  await ok('PUT', `/appointments/${b.id}`, { version: 1, notes: 'nota', metadata: { n: 1, x: 2.5 } });
  await ok('POST', `/appointments/${b.id}/reschedule`, { new_start_time: SP('2026-12-02', '09:00') });
  await ok('POST', `/appointments/${a.id}/cancel`, { reason: 'viagem' });
  await ok('POST', `/providers/${c.provider.id}/overrides`, { date: '2026-12-03', type: 'blocked' });
  await ok('PUT', `/providers/${c.provider.id}`, { max_daily_appointments: 8 });
  await ok('POST', '/webhooks', { url: 'https://93.184.215.14/hooks', events: ['*'] }, t.tenant.admin);
  await ok('POST', '/conversation', { patient_id: c.patients[14]!.id, channel: 'whatsapp', message: 'oi' });
  await ok('GET', '/no-show/model-info');
  const columns: Record<string, string[]> = {};
  const tables = await t.rows<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '__drizzle%' AND name NOT LIKE '\\_cf\\_%' ESCAPE '\\' ORDER BY name");
  for (const { name } of tables) {
    for (const { name: column } of await t.rows<{ name: string }>(`SELECT name FROM pragma_table_info('${name}')`)) {
      const kinds = await t.rows<{ kind: string }>(`SELECT DISTINCT typeof("${column}") AS kind FROM "${name}" ORDER BY 1`);
      columns[`${name}.${column}`] = kinds.map((k) => k.kind);
    }
  }
  return columns;
}

describe('storage classes on D1 and SQLite', () => {
  it('every column holds the same kinds of values after the same requests', async () => {
    const sqlite = await tour('sqlite');
    const d1 = await tour('d1');
    const differ = Object.keys(sqlite).filter((k) => JSON.stringify(sqlite[k]) !== JSON.stringify(d1[k]));
    expect(Object.fromEntries(differ.map((k) => [k, { sqlite: sqlite[k], d1: d1[k] }]))).toEqual({});
  }, 120_000);
});
