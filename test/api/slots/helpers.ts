import type { ApiClient } from '../../helpers/clinic';

/** GET /slots with these query parameters (undefined ones left out). */
export function searchSlots(t: Pick<ApiClient, 'api'>, params: Record<string, string | number | undefined>, key?: string | null) {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) if (value !== undefined) query.set(name, String(value));
  return t.api('GET', `/slots?${query}`, undefined, key === undefined ? {} : { key });
}

/** `date start_time` of each slot, the way a test reads them. */
export const when = (slots: Array<{ date: string; start_time: string }>) => slots.map((s) => `${s.date} ${s.start_time}`);
