/**
 * The messages to patients (outbound_messages), on SQLite and on D1: reminder candidates read page by
 * page, one message per dedupe key whoever writes it, a due message claimed by one lease at a time, and
 * an outcome recorded only by the lease that holds it.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { NewOutboundMessage } from '../../src/core/ports';
import { createTestApp, type TestApp } from '../helpers/app';
import { createClinic } from '../helpers/clinic';

const opened: TestApp[] = [];
afterEach(() => {
  for (const t of opened.splice(0)) t.close();
});

// TEST_NOW is Wednesday 25/11 12:00 UTC; the clinic works 08:00–12:00 local, Monday to Friday
const THU_9 = '2026-11-26T12:00:00.000Z';
const THU_10 = '2026-11-26T13:00:00.000Z';
const THU_11 = '2026-11-26T14:00:00.000Z';
const plus30 = (iso: string) => new Date(Date.parse(iso) + 30 * 60_000).toISOString();

describe.each(['sqlite', 'd1'] as const)('outbound messages on %s', (database) => {
  async function clinic() {
    const t = await createTestApp({ database, checkResponses: false });
    opened.push(t);
    const c = await createClinic(t, { patients: 3 });
    const book = async (start: string, patient: number) => {
      const res = await t.api('POST', '/appointments', c.booking(start, plus30(start), { patient_id: c.patients[patient]!.id }));
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      return res.body.id as string;
    };
    return { t, c, book, repo: t.repos.outboundMessages };
  }

  const message = (t: TestApp, patientId: string, over: Partial<NewOutboundMessage> = {}): NewOutboundMessage => ({
    id: crypto.randomUUID(),
    tenant_id: t.tenant.tenantId,
    patient_id: patientId,
    channel: 'whatsapp',
    kind: 'appointment_reminder',
    body: '',
    payload: {},
    dedupe_key: null,
    send_before: null,
    created_at: '2026-11-25T12:00:00.000Z',
    ...over,
  });

  it('reads the appointments awaiting the visit in a range, by start then id, page by page, leaving out those with a message of the key', async () => {
    const { t, c, book, repo } = await clinic();
    const first = await book(THU_9, 0);
    const cancelled = await book(THU_10, 1);
    expect((await t.api('POST', `/appointments/${cancelled}/cancel`, { reason: 'x' })).status).toBe(200);
    const second = await book(THU_10, 2);
    const third = await book(THU_11, 0);
    const start = { start_time: '2026-11-25T12:00:00.000Z', id: '' };

    const page1 = await repo.reminderCandidates(start, '2026-11-27T00:00:00.000Z', 'appointment_reminder:', 2);
    expect(page1.map((r) => r.appointment_id)).toEqual([first, second]);
    expect(page1[0]).toEqual({
      tenant_id: t.tenant.tenantId,
      appointment_id: first,
      patient_id: c.patients[0]!.id,
      channel: null,
      start_time: THU_9,
      created_at: expect.any(String),
      timezone: 'America/Sao_Paulo',
    });
    const last = page1[1]!;
    const page2 = await repo.reminderCandidates({ start_time: last.start_time, id: last.appointment_id }, '2026-11-27T00:00:00.000Z', 'appointment_reminder:', 2);
    expect(page2.map((r) => r.appointment_id)).toEqual([third]);
    // the range's end is inclusive, its start exclusive of the one read last
    expect((await repo.reminderCandidates(start, THU_10, 'appointment_reminder:', 10)).map((r) => r.appointment_id)).toEqual([first, second]);

    expect(await repo.insert([message(t, c.patients[2]!.id, { dedupe_key: `appointment_reminder:${second}` })])).toBe(1);
    expect((await repo.reminderCandidates(start, '2026-11-27T00:00:00.000Z', 'appointment_reminder:', 10)).map((r) => r.appointment_id)).toEqual([first, third]);
    // an inactive patient gets none
    expect((await t.api('DELETE', `/patients/${c.patients[0]!.id}`)).status).toBe(204);
    expect((await repo.reminderCandidates(start, '2026-11-27T00:00:00.000Z', 'appointment_reminder:', 10)).map((r) => r.appointment_id)).toEqual([]);
  });

  it('writes one message per dedupe key, whoever writes it; messages without a key are all written', async () => {
    const { t, c, repo } = await clinic();
    const patient = c.patients[0]!.id;
    expect(await repo.insert([message(t, patient, { dedupe_key: 'k1' }), message(t, patient, { dedupe_key: 'k1' }), message(t, patient)])).toBe(2);
    expect(await repo.insert([message(t, patient, { dedupe_key: 'k1' }), message(t, patient)])).toBe(1);
    expect(await t.rows('SELECT dedupe_key, status, attempts, next_attempt_at FROM outbound_messages ORDER BY dedupe_key')).toEqual([
      { dedupe_key: null, status: 'pending', attempts: 0, next_attempt_at: '2026-11-25T12:00:00.000Z' },
      { dedupe_key: null, status: 'pending', attempts: 0, next_attempt_at: '2026-11-25T12:00:00.000Z' },
      { dedupe_key: 'k1', status: 'pending', attempts: 0, next_attempt_at: '2026-11-25T12:00:00.000Z' },
    ]);
  });

  it('gives a due message to one lease at a time; a lapsed lease frees it, and only the holder records', async () => {
    const { t, c, repo } = await clinic();
    const m = message(t, c.patients[0]!.id, { payload: { offer_id: 'o1' }, send_before: '2026-11-26T12:00:00.000Z' });
    await repo.insert([m]);
    expect(await repo.claimDue('2026-11-25T11:59:00.000Z', 'early', '2026-11-25T12:01:00.000Z', 10)).toEqual([]);
    const [claimed] = await repo.claimDue('2026-11-25T12:00:00.000Z', 'a', '2026-11-25T12:02:00.000Z', 10);
    expect(claimed).toEqual({ ...m, lease: 'a', attempts: 0, dedupe_key: undefined, created_at: undefined });
    expect(await repo.claimDue('2026-11-25T12:01:00.000Z', 'b', '2026-11-25T12:03:00.000Z', 10)).toEqual([]);
    // a's claim lapsed: b takes it, and a records nothing
    expect(await repo.claimDue('2026-11-25T12:02:00.000Z', 'b', '2026-11-25T12:04:00.000Z', 10)).toHaveLength(1);
    expect(await repo.record(m.id, 'a', { status: 'sent', at: '2026-11-25T12:02:30.000Z', body: 'x' })).toBe(false);
    expect(await repo.record(m.id, 'b', { status: 'later', at: '2026-11-25T12:02:30.000Z', next: '2026-11-25T12:10:00.000Z', reason: 'answered 500', failed: true })).toBe(true);
    expect(await t.rows('SELECT status, attempts, lease, next_attempt_at, last_error FROM outbound_messages')).toEqual([
      { status: 'pending', attempts: 1, lease: null, next_attempt_at: '2026-11-25T12:10:00.000Z', last_error: 'answered 500' },
    ]);
    const [again] = await repo.claimDue('2026-11-25T12:10:00.000Z', 'c', '2026-11-25T12:12:00.000Z', 10);
    expect(again).toMatchObject({ attempts: 1, lease: 'c' });
    expect(await repo.record(m.id, 'c', { status: 'sent', at: '2026-11-25T12:10:01.000Z', body: 'Olá!' })).toBe(true);
    expect(await t.rows('SELECT status, sent_at, body, lease, next_attempt_at, last_error FROM outbound_messages')).toEqual([
      { status: 'sent', sent_at: '2026-11-25T12:10:01.000Z', body: 'Olá!', lease: null, next_attempt_at: null, last_error: null },
    ]);
    // a sent message is never claimed again, nor recorded again
    expect(await repo.claimDue('2026-11-26T00:00:00.000Z', 'd', '2026-11-26T00:02:00.000Z', 10)).toEqual([]);
    expect(await repo.record(m.id, 'c', { status: 'failed', at: '2026-11-25T12:11:00.000Z', reason: 'x' })).toBe(false);
  });
});
