/**
 * The evaluation set (test/fixtures/nlu/*.json): patient messages with the intent and resolution they
 * must get, read against the demo clinic by the rules alone (no LLM). Thresholds are per field; raise
 * them as the rules improve, never lower them to let a change through.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoClinic } from '../../../src/demo-seed';
import { createTestApp, TEST_NOW, type TestApp } from '../../helpers/app';

const FIXTURES = join(import.meta.dirname, '../../fixtures/nlu');

interface Expectation {
  intent: string;
  specialty: string | null;
  providers: string[];
  appointment_type: string | null;
  location: string | null;
  date_from: string | null;
  date_to: string | null;
  time: string | null;
  time_from: string | null;
  time_to: string | null;
}

interface Case {
  file: string;
  message: string;
  reference_time?: string;
  expect: Expectation;
}

const FIELDS = ['intent', 'specialty', 'providers', 'appointment_type', 'location', 'date_from', 'date_to', 'time', 'time_from', 'time_to'] as const;
type Field = (typeof FIELDS)[number];

/** The share of cases each field must get right; `full` is every resolution field of a case at once. */
const THRESHOLDS: Record<Field | 'full', number> = {
  intent: 0.99,
  specialty: 0.99,
  providers: 0.99,
  appointment_type: 0.99,
  location: 0.99,
  date_from: 0.99,
  date_to: 0.99,
  time: 0.99,
  time_from: 0.99,
  time_to: 0.99,
  full: 0.99,
};

function loadCases(): Case[] {
  return readdirSync(FIXTURES)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .flatMap((file) => (JSON.parse(readFileSync(join(FIXTURES, file), 'utf8')) as Omit<Case, 'file'>[]).map((c) => ({ ...c, file })));
}

describe('language evaluation set', () => {
  let t: TestApp;
  let tenantId: string;
  let patientId: string;
  const names = new Map<string, string>();

  beforeAll(async () => {
    t = await createTestApp();
    ({ tenantId } = await seedDemoClinic(t.core));
    patientId = (await t.core.patients.list(tenantId, { includeInactive: false }, { limit: 1 })).items[0]!.id;
    for (const p of (await t.core.providers.list(tenantId, { includeInactive: false }, { limit: 200 })).items) names.set(p.id, p.name ?? p.id);
    for (const l of (await t.core.locations.list(tenantId, { includeInactive: false }, { limit: 200 })).items) names.set(l.id, l.name);
    for (const ty of (await t.core.appointmentTypes.list(tenantId, { includeInactive: false }, { limit: 200 })).items) names.set(ty.id, ty.name);
  });
  afterAll(() => t.close());

  it('has at least 300 varied cases', () => {
    const cases = loadCases();
    expect(cases.length).toBeGreaterThanOrEqual(300);
    expect(new Set(cases.map((c) => c.expect.intent)).size).toBe(10);
  });

  it('meets the per-field accuracy thresholds', async () => {
    const cases = loadCases();
    const right: Record<Field | 'full', number> = Object.fromEntries([...FIELDS, 'full'].map((f) => [f, 0])) as any;
    const failures: string[] = [];
    for (const c of cases) {
      const u = await t.core.language.understand(tenantId, {
        message: c.message,
        patient_id: patientId,
        reference_time: new Date(c.reference_time ?? TEST_NOW),
      });
      const got: Expectation = {
        intent: u.intent,
        specialty: u.resolved.specialty,
        providers: u.resolved.provider_ids.map((id) => names.get(id) ?? id).sort(),
        appointment_type: u.resolved.appointment_type_id ? (names.get(u.resolved.appointment_type_id) ?? null) : null,
        location: u.resolved.location_id ? (names.get(u.resolved.location_id) ?? null) : null,
        date_from: u.resolved.date_from,
        date_to: u.resolved.date_to,
        time: u.resolved.time,
        time_from: u.resolved.time_from,
        time_to: u.resolved.time_to,
      };
      const wrong: string[] = [];
      for (const f of FIELDS) {
        const want = f === 'providers' ? [...c.expect.providers].sort() : c.expect[f];
        if (JSON.stringify(got[f]) === JSON.stringify(want)) right[f]++;
        else wrong.push(`${f}: got ${JSON.stringify(got[f])}, want ${JSON.stringify(want)}`);
      }
      if (wrong.every((w) => w.startsWith('intent:'))) right.full++;
      if (wrong.length > 0) failures.push(`${c.file}: "${c.message}"\n    ${wrong.join('\n    ')}`);
    }
    const accuracy = Object.fromEntries(Object.entries(right).map(([f, n]) => [f, Math.round((n / cases.length) * 1000) / 1000]));
    if (process.env.NLU_REPORT) console.log(`${failures.join('\n')}\n${JSON.stringify(accuracy)}`);
    for (const [field, min] of Object.entries(THRESHOLDS)) {
      expect({ field, accuracy: accuracy[field] }, failures.slice(0, 15).join('\n')).toSatisfy(
        (r: { accuracy: number }) => r.accuracy >= min,
      );
    }
  });
});
