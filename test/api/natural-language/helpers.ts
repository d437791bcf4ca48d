/** The demo clinic in a test app, and a way to ask the language endpoint as it. */
import { seedDemoClinic } from '../../../src/demo-seed';
import type { TestApp } from '../../helpers/app';

export async function demoClinic(t: TestApp) {
  const { tenantId, apiKey } = await seedDemoClinic(t.core);
  const list = async (path: string) => (await t.api('GET', `${path}?limit=200`, undefined, { key: apiKey })).body.data as any[];
  const [providers, locations, types, patients] = await Promise.all([list('/providers'), list('/locations'), list('/appointment-types'), list('/patients')]);
  const byName = <T extends { name: string }>(rows: T[], name: string): T => {
    const row = rows.find((r) => r.name === name);
    if (!row) throw new Error(`no ${name} in the demo clinic`);
    return row;
  };
  return {
    tenantId,
    apiKey,
    providers,
    provider: (name: string) => byName(providers, name),
    location: (name: string) => byName(locations, name),
    type: (name: string) => byName(types, name),
    patient: patients[0]!,
    ask(body: Record<string, unknown>, key: string | null = apiKey) {
      return t.api('POST', '/natural-language', { patient_id: patients[0]!.id, ...body }, { key });
    },
  };
}
