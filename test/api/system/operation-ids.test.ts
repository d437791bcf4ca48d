/** Every operation in /openapi.json has a unique operationId, the name client generators give its method. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/app';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('operationId', () => {
  it('names every operation once, in camelCase', async () => {
    const doc = (await (await t.app.request('/openapi.json')).json()) as { paths: Record<string, Record<string, { operationId?: string }>> };
    const unnamed: string[] = [];
    const ids: string[] = [];
    for (const [path, operations] of Object.entries(doc.paths)) {
      for (const [method, operation] of Object.entries(operations)) {
        if (operation.operationId) ids.push(operation.operationId);
        else unnamed.push(`${method.toUpperCase()} ${path}`);
      }
    }
    // a new route: name it in src/api/operation-ids.ts
    expect(unnamed).toEqual([]);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z][a-zA-Z]+$/);
    expect(doc.paths['/v1/scheduling/appointments/{id}/reschedule']!.post!.operationId).toBe('rescheduleAppointment');
    expect(doc.paths['/v1/scheduling/slots']!.get!.operationId).toBe('searchSlots');
  });
});
