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
  return t.rows<Record<string, unknown>>('SELECT * FROM waitlist_offers ORDER BY rowid');
}

export function messages(t: TestApp) {
  return t.rows<Record<string, unknown>>('SELECT * FROM outbound_messages ORDER BY rowid');
}

export async function events(t: TestApp, type?: string) {
  const rows = await t.rows<{ event_type: string; aggregate_id: string; payload: string; tenant_id: string }>(
    'SELECT event_type, aggregate_id, payload, tenant_id FROM outbox ORDER BY rowid',
  );
  return rows
    .filter((r) => type === undefined || r.event_type === type)
    .map((r) => ({ ...r, payload: JSON.parse(r.payload) as Record<string, any> }));
}

export async function entryStatus(t: TestApp, id: string): Promise<string> {
  return (await t.row<{ status: string }>('SELECT status FROM waitlist_entries WHERE id = ?', id))!.status;
}
