/**
 * Scripted dialogues (test/fixtures/dialogues/*.json) through the real app: POST /conversation on the
 * demo clinic over a real SQLite file, the clock fixed and moved by the script. Each turn checks the
 * state, facts in the reply and the options; each dialogue checks what it did to the database.
 */
import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { emptyFacts, initialContext } from '../../machines/booking/dialogue';
import { localToUtc } from '../../src/core/time';
import { createClinicApp, type ClinicApp } from './runtime/clinic-app';

const FIXTURES = join(import.meta.dirname, '../fixtures/dialogues');
const CONTEXT_KEYS = Object.keys(initialContext({ firstName: 'Maria', timezone: 'America/Sao_Paulo' }));
const FACT_KEYS = Object.keys(emptyFacts()).sort();

type Step =
  | {
      say: string;
      message_id?: string;
      state?: string;
      /** substrings the reply must contain */
      reply_has?: string[];
      reply_lacks?: string[];
      /** options on offer: exactly this many, or at least `min` */
      options?: number | { min: number };
      /** how many different days the options fall on */
      options_days?: number;
      /** every option's local start time within [from, to) and date within [date_from, date_to] */
      options_within?: { from?: string; to?: string; date_from?: string; date_to?: string; provider?: string; not_provider?: string; location?: string };
      /** an appointment id came back */
      booked?: boolean;
      /** the same response as the turn before (a repeated message id) */
      same_as_previous?: boolean;
      /** the bot stays quiet (empty reply) */
      quiet?: boolean;
    }
  | { clock: string }
  | { restart: true }
  /** another patient books option n (1-based) of the last offer, through the API */
  | { taken_by_other: number };

interface Dialogue {
  name: string;
  now?: string;
  patient?: number;
  /** appointments of the patient booked through the API; or another provider added (no schedule: never a free time) */
  setup?: Array<
    | { book: { provider: string; date: string; time: string; location: string; type?: string } }
    | { provider: { name: string; specialties: string[] } }
    /** a date override of a provider's schedule (blocked, modified or added hours) */
    | { override: { provider: string; date: string; type: 'blocked' | 'modified' | 'added'; start_time?: string; end_time?: string; location?: string } }
    /** another location of the clinic (one room) */
    | { location: { name: string; address: string } }
    /** a weekly schedule template of a provider (one added in the setup, too) at a location (one added in the setup, too) */
    | { template: { provider: string; day_of_week: number; start_time: string; end_time: string; location: string } }
  >;
  turns: Step[];
  effect?: {
    /** this patient's appointments by status */
    appointments?: Record<string, number>;
    /** this patient's appointments not cancelled, by provider name */
    providers?: Record<string, number>;
    waitlist?: number;
    /** this patient's waitlist entries, oldest first: each row matches the object given (periods as a list) */
    waitlist_entries?: Array<Record<string, unknown>>;
    events?: Record<string, number>;
  };
}

function loadDialogues(): Array<Dialogue & { file: string }> {
  return readdirSync(FIXTURES)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .flatMap((file) => (JSON.parse(readFileSync(join(FIXTURES, file), 'utf8')) as Dialogue[]).map((d) => ({ ...d, file })));
}

function advance(clinic: ClinicApp, by: string): void {
  const m = /^\+(\d+)([mhd])$/.exec(by);
  if (!m) throw new Error(`bad clock step ${by}`);
  clinic.clock.advance(Number(m[1]) * { m: 60_000, h: 3_600_000, d: 86_400_000 }[m[2] as 'm' | 'h' | 'd']);
}

const dialogues = loadDialogues();
let clinic: ClinicApp | undefined;
afterEach(() => {
  clinic?.close();
  clinic = undefined;
});

describe('scripted dialogues', () => {
  it('has at least 25 dialogues', () => {
    expect(dialogues.length).toBeGreaterThanOrEqual(25);
  });

  it.each(dialogues.map((d) => [`${d.file}: ${d.name}`, d] as const))('%s', async (_name, dialogue) => {
    clinic = await createClinicApp({ now: dialogue.now });
    const c = clinic;
    const patient = c.patients[dialogue.patient ?? 0];
    const other = c.patients[(dialogue.patient ?? 0) === 4 ? 3 : 4];
    const byName = (rows: any[], name: string) => {
      const row = rows.find((r) => r.name === name);
      if (!row) throw new Error(`${dialogue.name}: no ${name} in the demo clinic`);
      return row;
    };

    for (const s of dialogue.setup ?? []) {
      if ('provider' in s) {
        const res = await c.api('POST', '/providers', { doctor_id: randomUUID(), name: s.provider.name, specialties: s.provider.specialties });
        expect(res.status, `${dialogue.name}: setup provider ${JSON.stringify(res.body)}`).toBe(201);
        c.providers.push(res.body);
        continue;
      }
      if ('location' in s) {
        const res = await c.api('POST', '/locations', { name: s.location.name, address: s.location.address, timezone: 'America/Sao_Paulo', rooms: [{ name: 'Sala 1' }] });
        expect(res.status, `${dialogue.name}: setup location ${JSON.stringify(res.body)}`).toBe(201);
        c.locations.push(res.body);
        continue;
      }
      if ('template' in s) {
        const t = s.template;
        const res = await c.api('POST', `/providers/${byName(c.providers, t.provider).id}/templates`, {
          day_of_week: t.day_of_week,
          start_time: t.start_time,
          end_time: t.end_time,
          location_id: byName(c.locations, t.location).id,
        });
        expect(res.status, `${dialogue.name}: setup template ${JSON.stringify(res.body)}`).toBe(201);
        continue;
      }
      if ('override' in s) {
        const o = s.override;
        const res = await c.api('POST', `/providers/${byName(c.providers, o.provider).id}/overrides`, {
          date: o.date,
          type: o.type,
          ...(o.start_time ? { start_time: o.start_time, end_time: o.end_time } : {}),
          ...(o.location ? { location_id: byName(c.locations, o.location).id } : {}),
        });
        expect(res.status, `${dialogue.name}: setup override ${JSON.stringify(res.body)}`).toBe(201);
        continue;
      }
      const location = byName(c.locations, s.book.location);
      const type = byName(c.types, s.book.type ?? 'Consulta');
      const start = localToUtc(s.book.date, s.book.time, location.timezone);
      const res = await c.api('POST', '/appointments', {
        provider_profile_id: byName(c.providers, s.book.provider).id,
        patient_id: patient.id,
        appointment_type_id: type.id,
        location_id: location.id,
        start_time: start.toISOString(),
        end_time: new Date(start.getTime() + type.duration_minutes * 60_000).toISOString(),
      });
      expect(res.status, `${dialogue.name}: setup booking ${JSON.stringify(res.body)}`).toBe(201);
    }

    let lastOptions: any[] = [];
    let previous: any = null;
    const transcript: string[] = [];
    for (const step of dialogue.turns) {
      if ('clock' in step) {
        advance(c, step.clock);
        continue;
      }
      if ('restart' in step) {
        c.restart();
        continue;
      }
      if ('taken_by_other' in step) {
        const slot = lastOptions[step.taken_by_other - 1];
        expect(slot, `${dialogue.name}: no option ${step.taken_by_other} to take`).toBeDefined();
        const res = await c.api('POST', '/appointments', {
          provider_profile_id: slot.provider_id,
          patient_id: other.id,
          appointment_type_id: slot.appointment_type_id,
          location_id: slot.location.id,
          start_time: slot.start_at,
          end_time: slot.end_at,
        });
        expect(res.status).toBe(201);
        continue;
      }
      const res = await c.say(patient.id, step.say, step.message_id ? { message_id: step.message_id } : {});
      transcript.push(`paciente: ${step.say}`, `bot [${res.body?.state}]: ${res.body?.reply}`);
      const context = `${dialogue.name}\n${transcript.join('\n')}`;
      expect(res.status, context).toBe(200);
      const body = res.body;
      if (step.state) expect(body.state, context).toBe(step.state);
      for (const fact of step.reply_has ?? []) expect(body.reply, context).toContain(fact);
      for (const fact of step.reply_lacks ?? []) expect(body.reply, context).not.toContain(fact);
      const options = body.options ?? [];
      if (typeof step.options === 'number') expect(options.length, context).toBe(step.options);
      else if (step.options) expect(options.length, context).toBeGreaterThanOrEqual(step.options.min);
      if (step.options_days !== undefined) expect(new Set(options.map((o: any) => o.date)).size, context).toBe(step.options_days);
      if (step.options_within) {
        const w = step.options_within;
        for (const o of options) {
          if (w.from) expect(o.start_time >= w.from, `${context}\n${o.start_time} < ${w.from}`).toBe(true);
          if (w.to) expect(o.start_time < w.to, `${context}\n${o.start_time} ≥ ${w.to}`).toBe(true);
          if (w.date_from) expect(o.date >= w.date_from, `${context}\n${o.date}`).toBe(true);
          if (w.date_to) expect(o.date <= w.date_to, `${context}\n${o.date}`).toBe(true);
          if (w.provider) expect(o.provider_name, context).toBe(w.provider);
          if (w.not_provider) expect(o.provider_name, context).not.toBe(w.not_provider);
          if (w.location) expect(o.location.name, context).toBe(w.location);
        }
      }
      if (step.booked !== undefined) expect(Boolean(body.appointment_id), context).toBe(step.booked);
      if (step.same_as_previous) expect(body, context).toEqual(previous);
      if (step.quiet !== undefined) expect(body.reply === '', context).toBe(step.quiet);
      if (options.length > 0) lastOptions = options;
      previous = body;
      // the stored context and its facts keep the keys they start with (an added or deleted key makes
      // them slow dictionary-mode objects in V8, copied at every assign of the next turns)
      const stored = c.sqlite.prepare('SELECT snapshot FROM conversations WHERE patient_id = ?').get(patient.id) as { snapshot: string } | undefined;
      if (stored) {
        const saved = JSON.parse(stored.snapshot).context;
        expect(Object.keys(saved), context).toEqual(CONTEXT_KEYS);
        expect(Object.keys(saved.facts).sort(), context).toEqual(FACT_KEYS);
      }
    }

    const effect = dialogue.effect;
    if (effect?.appointments) {
      const rows = c.sqlite.prepare('SELECT status, count(*) AS n FROM appointments WHERE patient_id = ? GROUP BY status').all(patient.id) as Array<{ status: string; n: number }>;
      const counts = Object.fromEntries(rows.map((r) => [r.status, r.n]));
      expect(counts, `${dialogue.name}: appointments\n${transcript.join('\n')}`).toEqual(effect.appointments);
    }
    if (effect?.providers) {
      const rows = c.sqlite
        .prepare("SELECT p.name, count(*) AS n FROM appointments a JOIN providers p ON p.id = a.provider_profile_id WHERE a.patient_id = ? AND a.status <> 'cancelled' GROUP BY p.name")
        .all(patient.id) as Array<{ name: string; n: number }>;
      expect(Object.fromEntries(rows.map((r) => [r.name, r.n])), `${dialogue.name}: providers\n${transcript.join('\n')}`).toEqual(effect.providers);
    }
    if (effect?.waitlist !== undefined) {
      const n = (c.sqlite.prepare("SELECT count(*) AS n FROM waitlist_entries WHERE patient_id = ? AND status <> 'removed'").get(patient.id) as { n: number }).n;
      expect(n, dialogue.name).toBe(effect.waitlist);
    }
    if (effect?.waitlist_entries) {
      const rows = c.sqlite
        .prepare("SELECT specialty, provider_id, date_from, date_to, periods FROM waitlist_entries WHERE patient_id = ? AND status <> 'removed' ORDER BY created_at, id")
        .all(patient.id) as Array<Record<string, unknown>>;
      const entries = rows.map((r) => ({ ...r, periods: JSON.parse(String(r.periods)) }));
      expect(entries, `${dialogue.name}: waitlist entries`).toMatchObject(effect.waitlist_entries);
    }
    for (const [type, count] of Object.entries(effect?.events ?? {})) {
      const n = (c.sqlite.prepare('SELECT count(*) AS n FROM outbox WHERE event_type = ?').get(type) as { n: number }).n;
      expect(n, `${dialogue.name}: ${type} events`).toBe(count);
    }
  });
});
