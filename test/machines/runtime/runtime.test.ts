/**
 * The conversation runtime through the real app: persistence with revisions, message-id dedupe, turns
 * of one conversation one at a time and in order (in one process and across two app instances on one
 * database file), restart, inactivity timeout by the stored deadline, reset.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createClinicApp, type ClinicApp } from './clinic-app';

let clinic: ClinicApp;
afterEach(() => clinic?.close());

const revision = (c: ClinicApp, patientId: string) =>
  (c.sqlite.prepare("SELECT revision FROM conversations WHERE patient_id = ? AND channel = 'whatsapp'").get(patientId) as { revision: number } | undefined)
    ?.revision ?? 0;

/**
 * A second app instance over the clinic's database file, standing for a second server process (with
 * `requestScopedIo`, for a Worker): `say` sends one patient message to it over its own connection.
 */
async function secondInstance(c: ClinicApp, patientId: string, options: { requestScopedIo?: boolean } = {}) {
  const { buildApp, API_BASE } = await import('../../../src/app');
  const { openSqlite } = await import('../../../src/db/client.sqlite');
  const { createRepositories } = await import('../../../src/db/repos');
  const { randomIds } = await import('../../../src/core/clock');
  const handle = openSqlite(c.path);
  const app = buildApp({ repos: createRepositories(handle.db), clock: c.clock, ids: randomIds, version: 'test', logLevel: 'silent', ...options });
  const say = (message: string, messageId?: string) =>
    Promise.resolve(
      app.request(`${API_BASE}/conversation`, {
        method: 'POST',
        headers: { 'x-api-key': c.apiKey, 'content-type': 'application/json' },
        body: JSON.stringify({ patient_id: patientId, channel: 'whatsapp', message, ...(messageId ? { message_id: messageId } : {}) }),
      }),
    );
  return { say, close: () => handle.close() };
}

describe('conversation runtime', () => {
  it('answers a repeated message id with the first reply and does not advance the machine', async () => {
    clinic = await createClinicApp();
    const p = clinic.patients[0].id;
    const first = await clinic.say(p, 'oi, queria marcar cardiologista amanha de manha', { message_id: 'wamid-1' });
    expect(first.status).toBe(200);
    expect(revision(clinic, p)).toBe(1);
    const again = await clinic.say(p, 'oi, queria marcar cardiologista amanha de manha', { message_id: 'wamid-1' });
    expect(again.body).toEqual(first.body);
    expect(revision(clinic, p)).toBe(1);
    // the same id from another patient is another message
    const other = await clinic.say(clinic.patients[1].id, 'oi', { message_id: 'wamid-1' });
    expect(other.body.reply).not.toEqual(first.body.reply);
  });

  it('runs 10 concurrent messages of one conversation one at a time, each saved as a revision', async () => {
    clinic = await createClinicApp();
    const p = clinic.patients[0].id;
    const replies = await Promise.all(Array.from({ length: 10 }, (_, i) => clinic.say(p, i % 2 === 0 ? 'oi' : 'bom dia', { message_id: `m${i}` })));
    expect(replies.map((r) => r.status)).toEqual(Array(10).fill(200));
    expect(revision(clinic, p)).toBe(10);
    const turns = (clinic.sqlite.prepare('SELECT count(*) AS n FROM conversation_turns WHERE patient_id = ?').get(p) as { n: number }).n;
    expect(turns).toBe(10);
  });

  it('keeps turns of two app instances on one database file apart (the lease), with no stale write lost', async () => {
    clinic = await createClinicApp();
    const p = clinic.patients[0].id;
    // a second app instance over the same file stands for a second server process
    const second = await secondInstance(clinic, p);
    try {
      const results = await Promise.all([
        clinic.say(p, 'oi'),
        second.say('bom dia').then((r) => ({ status: r.status })),
        clinic.say(p, 'quero marcar'),
        second.say('dermato').then((r) => ({ status: r.status })),
      ]);
      expect(results.map((r) => r.status)).toEqual([200, 200, 200, 200]);
      expect(revision(clinic, p)).toBe(4);
    } finally {
      second.close();
    }
  });

  it('answers messages that wait for the lease in the order they arrived, across turns that each hold it as their own (Workers) and across instances', async () => {
    clinic = await createClinicApp();
    const p = clinic.patients[0].id;
    // turns of a request-scoped instance have no queue in the process: only the database orders them
    const scoped = await secondInstance(clinic, p, { requestScopedIo: true });
    try {
      // another process's turn holds the conversation while six messages arrive, 150 ms apart
      clinic.sqlite
        .prepare("INSERT INTO conversation_leases (tenant_id, patient_id, channel, holder, until) SELECT tenant_id, id, 'whatsapp', 'elsewhere', '9999-12-31T00:00:00.000Z' FROM patients WHERE id = ?")
        .run(p);
      const arrived: Promise<Response>[] = [];
      for (let i = 0; i < 6; i++) {
        arrived.push(scoped.say('oi', `m${i}`));
        await new Promise((resolve) => setTimeout(resolve, 150));
      }
      clinic.sqlite.prepare("UPDATE conversation_leases SET until = '' WHERE patient_id = ?").run(p);
      expect((await Promise.all(arrived)).map((r) => r.status)).toEqual(Array(6).fill(200));
      const answered = clinic.sqlite.prepare('SELECT message_id FROM conversation_turns WHERE patient_id = ? ORDER BY rowid').all(p);
      expect(answered.map((r) => (r as { message_id: string }).message_id)).toEqual(['m0', 'm1', 'm2', 'm3', 'm4', 'm5']);
      // the line is empty again
      expect(clinic.sqlite.prepare('SELECT count(*) AS n FROM conversation_waiters').get()).toEqual({ n: 0 });
    } finally {
      scoped.close();
    }
  });

  it('survives a restart: a new app instance continues the same dialogue', async () => {
    clinic = await createClinicApp();
    const p = clinic.patients[0].id;
    const offer = await clinic.say(p, 'oi, queria marcar cardiologista amanha de manha');
    expect(offer.body.state).toBe('offering');
    clinic.restart();
    const pick = await clinic.say(p, '1');
    expect(pick.body.state).toBe('confirming');
    const done = await clinic.say(p, 'sim');
    expect(done.body).toMatchObject({ state: 'done', appointment_id: expect.any(String) });
    expect(done.body.appointment_id).toBeTruthy();
  });

  it('continues a conversation saved by an older version, whose context lacks keys added since', async () => {
    clinic = await createClinicApp();
    const p = clinic.patients[0].id;
    expect((await clinic.say(p, 'oi, queria marcar cardiologista amanha de manha')).body.state).toBe('offering');
    const stored = () => JSON.parse((clinic.sqlite.prepare('SELECT snapshot FROM conversations WHERE patient_id = ?').get(p) as { snapshot: string }).snapshot);
    const before = stored();
    const keys = Object.keys(before.context);
    const factKeys = Object.keys(before.context.facts).sort();
    // as a version before these keys existed saved it
    for (const key of ['specialtyChecked', 'queueToAnnounce', 'optionsDeclined']) delete before.context[key];
    for (const facts of [before.context.facts, before.context.query.facts]) {
      delete facts.exclude_provider_ids;
      delete facts.dates;
      delete facts.any_date;
    }
    clinic.sqlite.prepare('UPDATE conversations SET snapshot = ? WHERE patient_id = ?').run(JSON.stringify(before), p);

    const later = await clinic.say(p, 'tem mais tarde?');
    expect(later.status).toBe(200);
    expect(later.body.state).toBe('offering');
    // every key is back, in the machine's order (else each later assign copies a slow dictionary-mode object)
    const after = stored().context;
    expect(Object.keys(after)).toEqual(keys);
    expect(Object.keys(after.facts).sort()).toEqual(factKeys);
    expect(Object.keys(after.query.facts).sort()).toEqual(factKeys);
    expect((await clinic.say(p, '1')).body.state).toBe('confirming');
  });

  it('starts afresh after the inactivity deadline stored with the conversation', async () => {
    clinic = await createClinicApp({ timeoutMinutes: 30 });
    const p = clinic.patients[0].id;
    await clinic.say(p, 'oi, queria marcar cardiologista amanha de manha');
    clinic.clock.advance(29 * 60_000);
    expect((await clinic.say(p, 'tem mais tarde?')).body.state).not.toBe('idle');
    clinic.clock.advance(31 * 60_000);
    const fresh = await clinic.say(p, '2');
    // "2" means nothing in a fresh conversation: no option is picked
    expect(fresh.body.state).not.toBe('confirming');
    const stored = clinic.sqlite.prepare('SELECT expires_at FROM conversations WHERE patient_id = ?').get(p) as { expires_at: string };
    expect(stored.expires_at).toBe(new Date(clinic.clock.now().getTime() + 30 * 60_000).toISOString());
  });

  it('shows the state for support and forgets it on reset', async () => {
    clinic = await createClinicApp();
    const p = clinic.patients[0].id;
    const none = await clinic.api('GET', `/conversation/${p}/whatsapp/state`);
    expect(none.status).toBe(404);
    expect(none.body).toEqual({ detail: 'Conversation of this patient on this channel not found' });
    await clinic.say(p, 'quero marcar dermato');
    const state = await clinic.api('GET', `/conversation/${p}/whatsapp/state`);
    expect(state.status).toBe(200);
    expect(state.body).toMatchObject({ patient_id: p, channel: 'whatsapp', revision: 1, state: expect.any(String) });
    expect((await clinic.api('DELETE', `/conversation/${p}/whatsapp`)).status).toBe(204);
    expect((await clinic.api('GET', `/conversation/${p}/whatsapp/state`)).status).toBe(404);
    const gone = await clinic.api('DELETE', `/conversation/${p}/whatsapp`);
    expect(gone.status).toBe(404);
    expect(gone.body).toEqual({ detail: 'Conversation of this patient on this channel not found' });
  });
});

describe('conversation: what is refused', () => {
  it.each([
    [{ patient_id: undefined, channel: 'whatsapp', message: 'oi' }, 'patient_id'],
    [{ patient_id: 'x', channel: 'whatsapp', message: 'oi' }, 'patient_id'],
    [{ patient_id: '0193f7a2-8c1e-7d4a-9e7b-2c6f0d9e8a10', channel: 'whatsapp', message: 'oi' }, 'patient_id'],
    [{ channel: 'telegram', message: 'oi' }, 'channel'],
    [{ channel: 'whatsapp' }, 'message'],
    [{ channel: 'whatsapp', message: '' }, 'message'],
    [{ channel: 'whatsapp', message: '  ' }, 'message'],
    [{ channel: 'whatsapp', message: 'x'.repeat(20_000) }, 'message'],
    [{ channel: 'whatsapp', message: 'oi', message_id: '' }, 'message_id'],
  ])('a body with a wrong field (case %#) → 422 naming it', async (body, field) => {
    clinic = await createClinicApp();
    const withPatient = 'patient_id' in body ? body : { patient_id: clinic.patients[0].id, ...body };
    const res = await clinic.api('POST', '/conversation', withPatient);
    expect(res.status).toBe(422);
    expect(typeof res.body.detail).toBe('string');
    expect(JSON.stringify(res.body)).toContain(field);
    expect((clinic.sqlite.prepare('SELECT count(*) AS n FROM conversations').get() as { n: number }).n).toBe(0);
  });

  it("never touches another tenant's patient, and needs the write scope", async () => {
    clinic = await createClinicApp();
    const { tenant } = await clinic.core.keys.ensureTenant('Outra Clínica');
    const theirs = await clinic.core.patients.create(tenant.id, { name: 'Paciente de Outra', phone: '+5531988887777' });
    const res = await clinic.say(theirs.id, 'oi');
    expect(res.status).toBe(422);
    expect(JSON.stringify(res.body)).not.toContain('Paciente de Outra');
    expect((await clinic.api('GET', `/conversation/${theirs.id}/whatsapp/state`)).status).toBe(404);
    expect((await clinic.api('GET', `/conversation/${clinic.patients[0].id}/telegram/state`)).status).toBe(422);

    const readOnly = (await clinic.core.keys.createKey(clinic.tenantId, ['read'])).secret;
    const refused = await clinic.api('POST', '/conversation', { patient_id: clinic.patients[0].id, channel: 'whatsapp', message: 'oi' }, readOnly);
    expect(refused.status).toBe(403);
  });
});
