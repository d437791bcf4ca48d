/** A clinic with a waitlist: helpers to add entries and read what a cancellation wrote. */
import { expect } from 'vitest';
import type { TestApp } from '../../helpers/app';
import { createClinic, type ClinicOptions } from '../../helpers/clinic';

export async function waitlistClinic(t: TestApp, options: ClinicOptions & { key?: string } = {}) {
  const c = await createClinic(t, { patients: 4, ...options });
  const key = options.key ?? t.tenant.readWrite;

  /** a waitlist create body for patient `i` of the clinic, wanting the clinic's provider */
  const entryBody = (i: number, extra: Record<string, unknown> = {}) => ({
    patient_id: c.patients[i]!.id,
    appointment_type_id: c.type.id,
    provider_id: c.provider.id,
    ...extra,
  });

  async function addEntry(i: number, extra: Record<string, unknown> = {}) {
    const res = await t.api('POST', '/waitlist', entryBody(i, extra), { key });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body as { id: string; status: string; position: number | null };
  }

  async function book(start: string, end: string, extra: Record<string, unknown> = {}) {
    const res = await t.api('POST', '/appointments', c.booking(start, end, extra), { key });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body as { id: string; start_time: string; end_time: string };
  }

  return { ...c, key, entryBody, addEntry, book };
}

export function offers(t: TestApp) {
  return t.sqlite.prepare('SELECT * FROM waitlist_offers ORDER BY rowid').all() as Array<Record<string, unknown>>;
}

export function messages(t: TestApp) {
  return t.sqlite.prepare('SELECT * FROM outbound_messages ORDER BY rowid').all() as Array<Record<string, unknown>>;
}

export function events(t: TestApp, type?: string) {
  const rows = t.sqlite.prepare('SELECT event_type, aggregate_id, payload, tenant_id FROM outbox ORDER BY rowid').all() as Array<{
    event_type: string;
    aggregate_id: string;
    payload: string;
    tenant_id: string;
  }>;
  return rows
    .filter((r) => type === undefined || r.event_type === type)
    .map((r) => ({ ...r, payload: JSON.parse(r.payload) as Record<string, any> }));
}

export function entryStatus(t: TestApp, id: string): string {
  return (t.sqlite.prepare('SELECT status FROM waitlist_entries WHERE id = ?').get(id) as { status: string }).status;
}
