/**
 * A clinic with a synthetic, known no-show history, imported through the core's history import (the
 * same path as `npm run cli -- import appointments`): every fourth patient is a "misser" who misses
 * 65% of appointments, the others 8%; booking 21 days or more ahead adds 15 points, and a Monday 30 (a
 * pattern the documented prior does not know, so that the model beats it on the holdout).
 */
import { expect } from 'vitest';
import type { TestApp } from '../../helpers/app';
import { createClinic, type ClinicOptions } from '../../helpers/clinic';
import { addDays, dayOfWeek } from '../../../src/core/time';
import type { ImportRow } from '../../../src/core/no-show/import';
import { prng } from '../../core/no-show/prng';

export const isMisser = (i: number) => i % 4 === 0;

export interface HistoryOptions {
  /** patients (indices into the clinic's patients) */
  patients: number[];
  perPatient: number;
  /** local dates of past appointments are drawn from [from, to] (weekdays only) */
  from: string;
  to: string;
  seed: number;
}

/**
 * Past appointments with outcomes, as file rows (by phone): for each patient, `perPatient` weekdays drawn
 * from [from, to], each booked a random 0–39 days ahead, missed with the chance `missChance` gives.
 */
function historyRows(phones: string[], options: HistoryOptions, missChance: (patient: number, date: string, lead: number) => number): ImportRow[] {
  const rand = prng(options.seed);
  const span = Math.round((Date.parse(options.to) - Date.parse(options.from)) / 86_400_000);
  const rows: ImportRow[] = [];
  for (const i of options.patients) {
    const used = new Set<string>();
    while (used.size < options.perPatient) {
      const date = addDays(options.from, Math.floor(rand() * (span + 1)));
      if (dayOfWeek(date) === 0 || dayOfWeek(date) === 6 || used.has(date)) continue;
      used.add(date);
      const lead = Math.floor(rand() * 40);
      const p = missChance(i, date, lead);
      rows.push({
        patient_phone: phones[i]!,
        scheduled_at: `${addDays(date, -lead)} 08:00`,
        start_time: `${date} 09:00`,
        status: rand() < p ? 'no_show' : 'completed',
      });
    }
  }
  return rows;
}

/** Past appointments with outcomes, following the known pattern (see the top of this file). */
export function syntheticHistory(phones: string[], options: HistoryOptions): ImportRow[] {
  return historyRows(phones, options, (i, date, lead) => (isMisser(i) ? 0.65 : 0.08) + (lead >= 21 ? 0.15 : 0) + (dayOfWeek(date) === 1 ? 0.3 : 0));
}

export async function noShowClinic(t: TestApp, options: ClinicOptions & { patients?: number } = {}) {
  const c = await createClinic(t, { patients: 40, ...options });
  const key = options.key ?? t.tenant.readWrite;
  const tenantId = key === t.other.readWrite ? t.other.tenantId : t.tenant.tenantId;
  const phones = c.patients.map((p: any) => p.phone as string);

  /** Imports rows through the core's history import; returns how many were imported. */
  async function importRows(rows: ImportRow[]): Promise<number> {
    const importer = await t.core.historyImport.start(tenantId, {
      timezone: 'America/Sao_Paulo',
      provider: c.provider.id,
      appointment_type: c.type.id,
      location: c.location.id,
    });
    let imported = 0;
    for (const row of rows) {
      const result = await importer.importRow(row);
      expect(result.status, JSON.stringify({ row, result })).not.toBe('rejected');
      if (result.status === 'imported') imported++;
    }
    return imported;
  }

  /** An active appointment of patient `i` through the API (local São Paulo time on `date`). */
  async function book(i: number, date: string, time: string) {
    const [h, m] = time.split(':').map(Number) as [number, number];
    const end = `${String(h + (m + 30 >= 60 ? 1 : 0)).padStart(2, '0')}:${String((m + 30) % 60).padStart(2, '0')}`;
    const res = await t.api('POST', '/appointments', c.booking(`${date}T${time}:00-03:00`, `${date}T${end}:00-03:00`, { patient_id: c.patients[i]!.id }), { key });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body as { id: string; patient_id: string; version: number };
  }

  return { ...c, key, tenantId, phones, importRows, book };
}

export type NoShowClinic = Awaited<ReturnType<typeof noShowClinic>>;

/**
 * Past appointments whose pattern turns around late in the history: until `turn`, the patients who
 * booked at short notice (under 10 days) missed 70% of the time and the others 5%; from `turn` on, those
 * who booked 21 days or more ahead miss 70%, as the documented prior expects. A model fitted on the
 * earlier outcomes learns the old pattern, so on the time-ordered holdout (the last 20%, after `turn`)
 * the prior ranks better than it.
 */
export function turningHistory(phones: string[], options: HistoryOptions & { turn: string }): ImportRow[] {
  return historyRows(phones, options, (_i, date, lead) => (date < options.turn ? (lead < 10 ? 0.7 : 0.05) : lead >= 21 ? 0.7 : 0.05));
}
