/**
 * What slot search keeps between requests, in process memory (service.ts reads and fills it; the pure
 * functions — windows.ts, slots.ts, score.ts — know nothing of it):
 *
 * - per tenant, a catalogue: appointment types, the tenant's locations, and the candidate providers of
 *   each provider/specialty filter asked, tagged with the tenant's revision;
 * - per provider, appointment type and duration, the provider's days: each local
 *   date's free slot starts and all its slot positions, computed with no "now + minimum notice" cut
 *   (a search applies the cut when it reads them, as time moves), tagged with the provider's revision.
 *
 * The revisions live in the database (availability_revisions, bumped by triggers in the transaction
 * of every change that can alter an answer, whichever process writes), so an entry is reused only when
 * nothing it was built from has changed since. Scores are never cached: they depend on the query's
 * range and preference, and spare capacity on the cut.
 *
 * Bounded: once more than `maxDays` provider days are held in all (each variant counting one more),
 * the least recently used providers are dropped until 90% remain; catalogues, least recently used
 * first beyond `maxTenants`, each holding at most MAX_PROVIDER_SETS filters and MAX_TYPES types.
 */
import type { AvailabilityLocation, AvailabilityProvider, AvailabilityType } from '../ports';
import type { WindowSlots } from './slots';

/** A tenant's slot-search reference data at one revision of its row. */
export interface Catalogue {
  revision: number;
  /** by id; null = no such type in the tenant */
  types: Map<string, AvailabilityType | null>;
  /** by filter key (see providerSetKey), the providers the repository returned for it */
  providerSets: Map<string, AvailabilityProvider[]>;
  locations: Map<string, AvailabilityLocation> | null;
  /** zones of the active locations (inactive ones refuse bookings: they give no windows) */
  timezones: Map<string, string> | null;
  /**
   * Provider revisions read at one value of the tenant's change counter: while the counter keeps that
   * value, they are current without reading them again.
   */
  seen: { change: number; providers: Map<string, number> } | null;
}

/** One local date of one provider: its free slots by window, and every slot position (free or not). */
export interface DaySlots {
  /** windows in start order, each with its free starts (UTC ms, ascending); windows without any left out */
  windows: WindowSlots[];
  /** starts of all slot positions of the date, ascending: C (spare capacity) counts those not yet past */
  positions: number[];
}

/** A provider's computed days for one type and duration (at every location), at one revision. */
export interface ProviderDays {
  revision: number;
  /** by local date */
  days: Map<string, DaySlots>;
}

export const MAX_PROVIDER_SETS = 32;
export const MAX_TYPES = 256;
export const DEFAULT_SLOT_CACHE_MAX_DAYS = 10_000;
export const DEFAULT_SLOT_CACHE_MAX_TENANTS = 1_000;

/** A map that drops its least recently used keys beyond `capacity`. */
class Lru<V> {
  private readonly entries = new Map<string, V>();

  constructor(private readonly capacity: number) {}

  get(key: string): V | undefined {
    const value = this.entries.get(key);
    if (value === undefined) return undefined;
    // most recently used last
    this.entries.delete(key);
    this.entries.set(key, value);
    return value;
  }

  set(key: string, value: V): void {
    this.entries.delete(key);
    if (this.capacity <= 0) return;
    this.entries.set(key, value);
    for (const [oldest] of this.entries) {
      if (this.entries.size <= this.capacity) break;
      this.entries.delete(oldest);
    }
  }

  clear(): void {
    this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
  }
}

export interface SlotCacheOptions {
  /** provider days held at most, over all entries (0: keep nothing between searches) */
  maxDays: number;
  /** tenant catalogues held at most */
  maxTenants?: number;
}

export interface SlotCacheStats {
  tenants: number;
  providers: number;
  /** provider days held (each variant counts one more) */
  days: number;
}

/** One provider's variants (type and duration), the unit of eviction. */
interface ProviderEntry {
  tenantId: string;
  variants: Map<string, ProviderDays>;
  weight: number;
  used: number;
}

function weightOf(entry: ProviderEntry): number {
  let weight = 0;
  for (const v of entry.variants.values()) weight += v.days.size + 1;
  return weight;
}

export class SlotCache {
  private readonly catalogues: Lru<Catalogue>;
  private readonly providers = new Map<string, ProviderEntry>();
  private readonly maxDays: number;
  private total = 0;
  private tick = 0;
  readonly enabled: boolean;

  constructor(options: SlotCacheOptions) {
    this.maxDays = Math.max(0, options.maxDays);
    this.enabled = this.maxDays > 0;
    this.catalogues = new Lru(this.enabled ? (options.maxTenants ?? DEFAULT_SLOT_CACHE_MAX_TENANTS) : 0);
  }

  catalogue(tenantId: string): Catalogue | undefined {
    return this.catalogues.get(tenantId);
  }

  setCatalogue(tenantId: string, catalogue: Catalogue): void {
    this.catalogues.set(tenantId, catalogue);
  }

  /** The days held for a provider's variant (`variant`: type and duration). */
  providerDays(tenantId: string, providerId: string, variant: string): ProviderDays | undefined {
    const entry = this.providers.get(providerId);
    if (!entry || entry.tenantId !== tenantId) return undefined;
    entry.used = ++this.tick;
    return entry.variants.get(variant);
  }

  /**
   * Keeps `days` for a provider's variant, unless what is held there is of a later revision; variants
   * of an earlier revision are dropped (they can no longer be used).
   */
  setProviderDays(tenantId: string, providerId: string, variant: string, days: ProviderDays): void {
    if (!this.enabled) return;
    let entry = this.providers.get(providerId);
    if (entry && entry.tenantId !== tenantId) {
      this.drop(providerId);
      entry = undefined;
    }
    if (!entry) this.providers.set(providerId, (entry = { tenantId, variants: new Map(), weight: 0, used: ++this.tick }));
    const held = entry.variants.get(variant);
    if (held && held.revision > days.revision) return;
    for (const [key, v] of entry.variants) if (v.revision < days.revision) entry.variants.delete(key);
    entry.variants.set(variant, days);
    this.reweigh(providerId, entry);
  }

  /** `days` (held for this provider's variant, or not) gained days. */
  grew(tenantId: string, providerId: string, variant: string, days: ProviderDays): void {
    const entry = this.providers.get(providerId);
    if (entry && entry.tenantId === tenantId && entry.variants.get(variant) === days) this.reweigh(providerId, entry);
  }

  clear(): void {
    this.catalogues.clear();
    this.providers.clear();
    this.total = 0;
  }

  stats(): SlotCacheStats {
    return { tenants: this.catalogues.size, providers: this.providers.size, days: this.total };
  }

  private reweigh(providerId: string, entry: ProviderEntry): void {
    const weight = weightOf(entry);
    this.total += weight - entry.weight;
    entry.weight = weight;
    if (this.total > this.maxDays) this.evict(providerId);
  }

  private drop(providerId: string): void {
    const entry = this.providers.get(providerId);
    if (!entry) return;
    this.providers.delete(providerId);
    this.total -= entry.weight;
  }

  /**
   * Drops the least recently used providers until a tenth of the room is free again (so that a full
   * cache sorts its entries once per many searches, not on each); `keep` last of all.
   */
  private evict(keep: string): void {
    const target = Math.floor(this.maxDays * 0.9);
    const order = [...this.providers].sort((a, b) => (a[0] === keep ? 1 : b[0] === keep ? -1 : a[1].used - b[1].used));
    for (const [id] of order) {
      if (this.total <= target) break;
      this.drop(id);
    }
  }
}

/** Adds a filter's providers to a catalogue, forgetting the others first when it holds too many. */
export function keepProviderSet(catalogue: Catalogue, key: string, providers: AvailabilityProvider[]): void {
  if (catalogue.providerSets.size >= MAX_PROVIDER_SETS) catalogue.providerSets.clear();
  catalogue.providerSets.set(key, providers);
}

export function keepType(catalogue: Catalogue, id: string, type: AvailabilityType | null): void {
  if (catalogue.types.size >= MAX_TYPES) catalogue.types.clear();
  catalogue.types.set(id, type);
}

/** First index of `xs` (ascending) whose value is ≥ `at`. */
export function lowerBound(xs: readonly number[], at: number): number {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (xs[mid]! < at) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
