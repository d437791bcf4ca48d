/**
 * The OpenAPI document's `webhooks` section: one entry per event type the server can send, and real
 * deliveries that match what it documents (body and headers).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { EVENT_TYPES } from '../../../src/core/model';
import { createTestApp, type TestApp } from '../../helpers/app';
import { verify, type Received } from '../../helpers/webhooks';
import { SP_10, SP_9, webhookFixture } from './setup';

let t: TestApp;
const cleanup: Array<() => Promise<void>> = [];
beforeEach(async () => {
  t = await createTestApp({ allowPrivateWebhookUrls: true });
});
afterEach(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn();
  t.close();
});

async function openapi(): Promise<any> {
  const res = await t.app.request('/openapi.json');
  expect(res.status).toBe(200);
  return res.json();
}

/**
 * A validator for a schema of the document: its component refs become `$defs` refs, and every object
 * that lists its properties is closed, so a field sent but not documented fails too.
 */
function validatorFor(doc: any, schema: unknown): z.ZodType {
  const close = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(close);
    if (node === null || typeof node !== 'object') return node;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(node)) out[k] = k === 'example' ? v : close(v);
    if (out.type === 'object' && out.properties && out.additionalProperties === undefined) out.additionalProperties = false;
    return out;
  };
  const text = JSON.stringify({ ...(schema as object), $defs: doc.components.schemas }).replaceAll('#/components/schemas/', '#/$defs/');
  return z.fromJSONSchema(close(JSON.parse(text)) as any);
}

function documentedBody(doc: any, type: string): unknown {
  return doc.webhooks[type].post.requestBody.content['application/json'].schema;
}

describe('webhooks in the OpenAPI document', () => {
  it('lists one webhook per event type the server sends, each with its body, signature headers and answers', async () => {
    const doc = await openapi();
    expect(Object.keys(doc.webhooks ?? {}).sort()).toEqual([...EVENT_TYPES].sort());
    for (const type of EVENT_TYPES) {
      const op = doc.webhooks[type].post;
      expect(op, type).toBeDefined();
      expect(op.requestBody.content['application/json'].schema.$ref, type).toMatch(/^#\/components\/schemas\//);
      const headers = op.parameters.filter((p: any) => p.in === 'header' && p.required).map((p: any) => p.name);
      expect(headers.sort(), type).toEqual(['webhook-id', 'webhook-signature', 'webhook-timestamp']);
      expect(Object.keys(op.responses).sort(), type).toEqual(['2XX', '410', '429', 'default']);
      expect(op.description, type).toMatch(/Standard Webhooks/);
      // the body schema names its own type
      const body = doc.components.schemas[op.requestBody.content['application/json'].schema.$ref.split('/').pop()];
      expect(body.properties.type.enum, type).toEqual([type]);
      expect(body.required.sort(), type).toEqual(['data', 'timestamp', 'type']);
    }
    // the event data reuses the API's schemas rather than copies
    expect(doc.components.schemas.AppointmentEventData.properties.appointment.$ref).toBe('#/components/schemas/Appointment');
  });

  it('real deliveries match the documented body and headers of their event type', async () => {
    const doc = await openapi();
    const f = await webhookFixture(t, { events: ['*'] });
    cleanup.push(f.close);

    const a = await f.book(SP_9);
    await f.step(a.id, 'confirm');
    const entry = await t.api('POST', '/waitlist', {
      patient_id: f.clinic.patients[1]!.id,
      appointment_type_id: f.clinic.type.id,
      provider_id: f.clinic.provider.id,
    });
    expect(entry.status).toBe(201);
    await f.step(a.id, 'cancel', { reason: 'viagem' });
    const b = await f.book(SP_10, { patient_id: f.clinic.patients[2]!.id });
    await f.step(b.id, 'reschedule', { new_start_time: '2026-12-02T10:00:00-03:00' });
    const removed = await t.api('DELETE', `/waitlist/${entry.body.id}`);
    expect(removed.status).toBe(204);
    expect((await t.api('POST', `/webhooks/${f.subscription.id}/test`, undefined, { key: t.tenant.admin })).status).toBe(202);
    const talk = await t.api('POST', '/conversation', { patient_id: f.clinic.patients[0]!.id, channel: 'whatsapp', message: 'quero falar com um atendente' });
    expect(talk.status, JSON.stringify(talk.body)).toBe(200);
    await f.worker.settle();

    const types = f.receiver.types();
    for (const needed of ['appointment.created', 'appointment.confirmed', 'appointment.cancelled', 'appointment.rescheduled', 'waitlist.added', 'waitlist.slot_available', 'waitlist.removed', 'conversation.handoff_requested', 'webhook.test']) {
      expect(types).toContain(needed);
    }
    const check = (r: Received) => {
      verify(f.subscription.secret, r);
      const op = doc.webhooks[r.json.type]?.post;
      expect(op, `${r.json.type} is documented`).toBeDefined();
      const result = validatorFor(doc, documentedBody(doc, r.json.type)).safeParse(JSON.parse(r.body));
      expect(result.success, `${r.json.type}: ${JSON.stringify(result.error?.issues)}`).toBe(true);
      for (const p of op.parameters.filter((p: any) => p.in === 'header')) {
        const value = r.headers[p.name];
        expect(value, `${p.name} on ${r.json.type}`).toBeDefined();
        expect(validatorFor(doc, p.schema).safeParse(value).success, `${p.name}: ${value}`).toBe(true);
      }
    };
    for (const r of f.receiver.received) check(r);

    // and the validator does refuse what the server does not send
    const created = f.receiver.received.find((r) => r.json.type === 'appointment.created')!;
    const validate = (type: string, body: unknown) => validatorFor(doc, documentedBody(doc, type)).safeParse(body).success;
    const body = JSON.parse(created.body);
    expect(validate('appointment.created', body)).toBe(true);
    expect(validate('appointment.cancelled', body)).toBe(false);
    const { version: _v, ...withoutVersion } = body.data.appointment;
    expect(validate('appointment.created', { ...body, data: { appointment: withoutVersion } })).toBe(false);
    expect(validate('appointment.created', { ...body, data: { appointment: { ...body.data.appointment, status_history: [] } } })).toBe(false);
    const offer = JSON.parse(f.receiver.received.find((r) => r.json.type === 'waitlist.slot_available')!.body);
    expect(validate('waitlist.slot_available', { ...offer, data: { ...offer.data, message: undefined } })).toBe(false);
  });
});
