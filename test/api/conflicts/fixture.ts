/**
 * A provider working at two locations 20 minutes apart (Centro and Savassi, São Paulo time): Centro has
 * the clinic's Monday–Friday 08:00–12:00 template, Savassi only what `added` overrides give it.
 * 2026-12-07 is a Monday; São Paulo is UTC-3 (no DST since 2019), so 08:00 local is 11:00Z.
 */
import { expect } from 'vitest';
import type { TestApp } from '../../helpers/app';
import { createClinic } from '../../helpers/clinic';

export const MONDAY = '2026-12-07';
export const TUESDAY = '2026-12-08';
export const WEDNESDAY = '2026-12-09';

export async function twoLocations(
  t: TestApp,
  options: { travel?: number | null; provider?: Record<string, unknown>; key?: string } = {},
) {
  const ownKey = options.key ?? t.tenant.readWrite;
  const c = await createClinic(t, { provider: options.provider, key: ownKey });
  const travel = options.travel === undefined ? 20 : options.travel;
  const savassi = await c.ok('POST', '/locations', {
    name: 'Unidade Savassi',
    timezone: 'America/Sao_Paulo',
    rooms: [{ name: 'Sala A' }],
    ...(travel === null ? {} : { travel_minutes: { [c.location.id]: travel } }),
  });

  /** An `added` override at `locationId` (default Savassi) on a date. */
  const added = (date: string, start: string, end: string, locationId: string = savassi.id) =>
    c.ok('POST', `/providers/${c.provider.id}/overrides`, { date, type: 'added', start_time: start, end_time: end, location_id: locationId });

  /** Books local São Paulo times on a date at a location (default Centro); returns the appointment. */
  const book = async (date: string, start: string, end: string, locationId: string = c.location.id, extra: Record<string, unknown> = {}) => {
    const body = c.booking(`${date}T${start}:00-03:00`, `${date}T${end}:00-03:00`, { location_id: locationId, ...extra });
    const res = await t.api('POST', '/appointments', body, { key: ownKey });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body as { id: string; status: string };
  };

  const conflicts = async (from: string, to: string = from, key: string = ownKey) =>
    t.api('GET', `/providers/${c.provider.id}/cross-location-conflicts?date_from=${from}&date_to=${to}`, undefined, { key });
  const schedule = async (from: string, to: string = from, key: string = ownKey) =>
    t.api('GET', `/providers/${c.provider.id}/locations-schedule?date_from=${from}&date_to=${to}`, undefined, { key });

  return { ...c, centro: c.location, savassi, added, book, conflicts, schedule };
}

/** A compact view of one conflict: kinds, locations' names, local times, gap, travel and type. */
export function brief(conflict: any): string {
  const side = (s: any) => `${s.kind}@${s.location.name.replace('Unidade ', '')} ${s.start}-${s.end}`;
  return `${conflict.date} ${side(conflict.first)} | ${side(conflict.second)} gap ${conflict.gap_minutes} travel ${conflict.travel_minutes} ${conflict.type}`;
}
