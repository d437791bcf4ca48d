/**
 * Tenants and API keys. A key is `agd_` + 256 random bits, shown once; only its SHA-256 is stored.
 * (A fast hash is right here: the secret is random and long, so there is nothing to brute-force,
 * and lookup by hash is one indexed read per request.)
 */
import { createHash } from 'node:crypto';
import type { CoreDeps } from './deps';
import { NotFoundError, ValidationError } from './errors';
import type { ApiKey, PageRequest, Scope, Tenant } from './model';
import type { RenderReply, RenderSealedReply } from './ports';
import { SCOPES } from './model';

export const KEY_PREFIX = 'agd_';
/** How many of a key's first characters are stored beside its hash to recognise it in a list. */
export const PREFIX_LENGTH = KEY_PREFIX.length + 8;

export function keyPrefixOf(secret: string): string {
  return secret.slice(0, PREFIX_LENGTH);
}

/** Synchronous on purpose: WebCrypto's digest hops to a thread pool and back on every request. */
export async function hashApiKey(secret: string): Promise<string> {
  return createHash('sha256').update(secret).digest('hex');
}

export function parseScopes(text: string): Scope[] {
  const scopes = [...new Set(text.split(',').map((s) => s.trim()).filter(Boolean))];
  const unknown = scopes.filter((s) => !SCOPES.includes(s as Scope));
  if (scopes.length === 0 || unknown.length > 0) {
    throw ValidationError.field('scopes', `expected a comma-separated subset of ${SCOPES.join(', ')}`);
  }
  return scopes as Scope[];
}

/** `admin` covers everything; `write` does not imply `read`. */
export function hasScope(granted: readonly Scope[], needed: Scope): boolean {
  return granted.includes('admin') || granted.includes(needed);
}

export interface CreatedKey {
  key: ApiKey;
  /** the plain key: shown once, never stored */
  secret: string;
}

/**
 * How long a key found valid is trusted without reading it again. Every request presents its key, and
 * the read was ~4% of a booking's server CPU; a key revoked by this process is forgotten at once, one
 * revoked by another process (the CLI, a second server) stops working within this time.
 */
export const KEY_CACHE_TTL_MS = 1000;
/** Keys found valid that are remembered at most (unknown keys are never remembered). */
const KEY_CACHE_SIZE = 1000;

export function makeKeyService({ repos, clock, ids }: CoreDeps) {
  const { tenants, apiKeys } = repos;
  /** key hash → the key and until when (performance.now(), a monotonic timer, not the business clock) */
  const validKeys = new Map<string, { key: ApiKey; until: number }>();

  async function ensureTenant(name: string): Promise<{ tenant: Tenant; created: boolean }> {
    const trimmed = name.trim();
    if (!trimmed) throw ValidationError.field('tenant', 'must not be empty');
    const existing = await tenants.findByName(trimmed);
    if (existing) return { tenant: existing, created: false };
    const tenant: Tenant = { id: ids.uuid(), name: trimmed, created_at: clock.now().toISOString() };
    await tenants.insert(tenant);
    return { tenant, created: true };
  }

  /**
   * `secret`: the plain key to create (bootstrap), by default a new random one; `reply`: the response to
   * store with the key under the request's Idempotency-Key, in the insert's own step (ports: RenderReply).
   * It carries the secret, so the route passes one that seals it (ports: RenderSealedReply) before the step.
   */
  async function createKey(
    tenantId: string,
    scopes: Scope[],
    name: string | null = null,
    { secret = KEY_PREFIX + ids.token(), reply }: { secret?: string; reply?: RenderReply<CreatedKey> | RenderSealedReply<CreatedKey> } = {},
  ): Promise<CreatedKey> {
    if (!(await tenants.get(tenantId))) throw new NotFoundError('Tenant');
    const key: ApiKey = {
      id: ids.uuid(),
      tenant_id: tenantId,
      name,
      prefix: keyPrefixOf(secret),
      // a scope named twice (`read,read`) is one scope
      scopes: [...new Set(scopes)],
      created_at: clock.now().toISOString(),
      revoked_at: null,
    };
    const created = { key, secret };
    await apiKeys.insert(key, await hashApiKey(secret), await reply?.(created));
    return created;
  }

  return {
    ensureTenant,
    createKey,

    /** the key a request presents, or null when it is unknown or revoked */
    async authenticate(secret: string): Promise<ApiKey | null> {
      if (!secret) return null;
      const hash = await hashApiKey(secret);
      const now = performance.now();
      const cached = validKeys.get(hash);
      if (cached && cached.until > now) return cached.key;
      validKeys.delete(hash);
      const key = await apiKeys.findActiveByHash(hash);
      if (key) {
        if (validKeys.size >= KEY_CACHE_SIZE) validKeys.delete(validKeys.keys().next().value!);
        validKeys.set(hash, { key, until: now + KEY_CACHE_TTL_MS });
      }
      return key;
    },

    list: (tenantId: string, page: PageRequest) => apiKeys.list(tenantId, page),

    /** a key of the tenant by id, revoked or not (never its secret, which is not stored) */
    async get(tenantId: string, id: string): Promise<ApiKey> {
      const key = await apiKeys.get(tenantId, id);
      if (!key) throw new NotFoundError('API key');
      return key;
    },

    /** Revoking a key already revoked changes nothing and succeeds (a retried DELETE); only an unknown id is NotFound. */
    async revoke(tenantId: string, id: string): Promise<void> {
      if (!(await apiKeys.revoke(tenantId, id, clock.now().toISOString())) && !(await apiKeys.get(tenantId, id))) {
        throw new NotFoundError('API key');
      }
      for (const [hash, entry] of validKeys) if (entry.key.id === id) validKeys.delete(hash);
    },

    /**
     * For automation: on an empty database, a first tenant whose admin key is the given value, both in
     * one atomic step; null when there is a tenant already (made first by another process or request).
     */
    async bootstrap(secret: string, tenantName: string): Promise<Tenant | null> {
      if ((await tenants.count()) > 0) return null;
      const name = tenantName.trim();
      if (!name) throw ValidationError.field('tenant', 'must not be empty');
      const now = clock.now().toISOString();
      const tenant: Tenant = { id: ids.uuid(), name, created_at: now };
      const key: ApiKey = {
        id: ids.uuid(),
        tenant_id: tenant.id,
        name: 'bootstrap',
        prefix: keyPrefixOf(secret),
        scopes: ['read', 'write', 'admin'],
        created_at: now,
        revoked_at: null,
      };
      return (await tenants.insertFirst(tenant, key, await hashApiKey(secret))) ? tenant : null;
    },
  };
}

export type KeyService = ReturnType<typeof makeKeyService>;
