import { describe, expect, it } from 'vitest';
import { SlotCache, keepProviderSet, MAX_PROVIDER_SETS, lowerBound, type Catalogue, type DaySlots, type ProviderDays } from '../../../src/core/availability/slot-cache';

const DAY: DaySlots = { windows: [], positions: [] };

function days(revision: number, count: number): ProviderDays {
  const map = new Map<string, DaySlots>();
  for (let i = 0; i < count; i++) map.set(`2026-12-${String(i + 1).padStart(2, '0')}`, DAY);
  return { revision, days: map };
}

describe('SlotCache', () => {
  it('never holds more than maxDays provider-days, dropping the least recently used providers first', () => {
    const cache = new SlotCache({ maxDays: 100 });
    for (let p = 0; p < 50; p++) {
      cache.setProviderDays('t', `p${p}`, 'v', days(1, 9));
      cache.providerDays('t', 'p0', 'v'); // p0 stays in use
      expect(cache.stats().days).toBeLessThanOrEqual(100);
    }
    expect(cache.providerDays('t', 'p0', 'v')).toBeDefined();
    expect(cache.providerDays('t', 'p49', 'v')).toBeDefined();
    expect(cache.providerDays('t', 'p1', 'v')).toBeUndefined();
  });

  it('counts days added to a held entry, and evicts for them', () => {
    const cache = new SlotCache({ maxDays: 30 });
    const a = days(1, 1);
    cache.setProviderDays('t', 'a', 'v', a);
    cache.setProviderDays('t', 'b', 'v', days(1, 10));
    cache.providerDays('t', 'a', 'v');
    for (let i = 0; i < 25; i++) a.days.set(`2027-01-${String(i + 1).padStart(2, '0')}`, DAY);
    cache.grew('t', 'a', 'v', a);
    expect(cache.stats().days).toBeLessThanOrEqual(30);
    expect(cache.providerDays('t', 'a', 'v')).toBe(a);
    expect(cache.providerDays('t', 'b', 'v')).toBeUndefined();
  });

  it('keeps the later revision, drops variants of earlier ones, and never answers for another tenant', () => {
    const cache = new SlotCache({ maxDays: 1000 });
    const newer = days(5, 2);
    cache.setProviderDays('t', 'p', 'a', days(4, 2));
    cache.setProviderDays('t', 'p', 'b', newer);
    expect(cache.providerDays('t', 'p', 'a')).toBeUndefined();
    cache.setProviderDays('t', 'p', 'b', days(3, 2));
    expect(cache.providerDays('t', 'p', 'b')).toBe(newer);
    expect(cache.providerDays('other', 'p', 'b')).toBeUndefined();
  });

  it('holds nothing with maxDays 0, and at most maxTenants catalogues', () => {
    const off = new SlotCache({ maxDays: 0 });
    off.setProviderDays('t', 'p', 'v', days(1, 1));
    off.setCatalogue('t', { revision: 1 } as Catalogue);
    expect(off.enabled).toBe(false);
    expect(off.stats()).toEqual({ tenants: 0, providers: 0, days: 0 });
    const on = new SlotCache({ maxDays: 10, maxTenants: 3 });
    for (let i = 0; i < 10; i++) on.setCatalogue(`t${i}`, { revision: i } as Catalogue);
    expect(on.stats().tenants).toBe(3);
    expect(on.catalogue('t9')?.revision).toBe(9);
    expect(on.catalogue('t0')).toBeUndefined();
  });

  it('bounds the provider filters a catalogue remembers', () => {
    const catalogue = { providerSets: new Map() } as Catalogue;
    for (let i = 0; i < MAX_PROVIDER_SETS * 3; i++) keepProviderSet(catalogue, `s${i}`, []);
    expect(catalogue.providerSets.size).toBeLessThanOrEqual(MAX_PROVIDER_SETS);
  });

  it('lowerBound finds the first value at or after a point', () => {
    expect(lowerBound([], 5)).toBe(0);
    expect(lowerBound([1, 3, 3, 7], 3)).toBe(1);
    expect(lowerBound([1, 3, 3, 7], 4)).toBe(3);
    expect(lowerBound([1, 3, 3, 7], 8)).toBe(4);
    expect(lowerBound([1, 3, 3, 7], -Infinity)).toBe(0);
  });
});
