/**
 * `agendador keys …`: create, list and revoke API keys from the command line. A new key is printed
 * once, as the last line of the output; lists show prefixes only.
 */
import { Command } from 'commander';
import { eq, or, sql, type SQL } from 'drizzle-orm';
import type { Config } from '../config';
import type { Core } from '../core';
import { ValidationError } from '../core/errors';
import { KEY_PREFIX, hashApiKey, parseScopes } from '../core/keys';
import type { Repositories } from '../core/ports';
import type { SqliteHandle } from '../db/client.sqlite';
import { apiKeys, tenants } from '../db/schema';
import { withWriteLock } from '../demo-seed';

/** What a command gets: the configuration and an open, migrated database with the core over it. */
export interface CliContext {
  config: Config;
  handle: SqliteHandle;
  repos: Repositories;
  core: Core;
  /** writes one line to stdout */
  print(line?: string): void;
}

/**
 * Runs a command's task with a database that is closed afterwards; errors become exit code 1. Only a
 * command that makes a first tenant (`createDatabase`) may create the file: for the others a missing
 * file is a mistyped DATABASE_PATH, refused rather than answered from a new empty database.
 */
export type CliRunner = (task: (ctx: CliContext) => Promise<void>, options?: { createDatabase?: boolean }) => Promise<void>;

/** An error whose message is meant for the person at the terminal (printed without a stack). */
export class CliError extends Error {}

interface KeyRow {
  id: string;
  tenant: string;
  tenant_id: string;
  name: string | null;
  prefix: string;
  scopes: string[];
  created_at: string;
  revoked_at: string | null;
}

async function findKeys(ctx: CliContext, where?: SQL): Promise<KeyRow[]> {
  const query = ctx.handle.db
    .select({
      id: apiKeys.id,
      tenant: tenants.name,
      tenant_id: apiKeys.tenant_id,
      name: apiKeys.name,
      prefix: apiKeys.prefix,
      scopes: apiKeys.scopes,
      created_at: apiKeys.created_at,
      revoked_at: apiKeys.revoked_at,
    })
    .from(apiKeys)
    .innerJoin(tenants, eq(tenants.id, apiKeys.tenant_id));
  return (where ? query.where(where) : query).orderBy(tenants.name, apiKeys.created_at, apiKeys.id);
}

/** Left-aligned columns separated by two spaces. */
export function formatTable(header: string[], rows: string[][]): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => (i === cells.length - 1 ? cell : cell.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)];
}

function describeKey(key: KeyRow): string {
  const state = key.revoked_at ? `revoked ${key.revoked_at}` : 'active';
  return `${key.id}  ${key.prefix}…  tenant '${key.tenant}'${key.name ? `  '${key.name}'` : ''}  ${state}`;
}

async function createKey(ctx: CliContext, opts: { tenant: string; scopes: string; name?: string }): Promise<void> {
  let scopes;
  try {
    scopes = parseScopes(opts.scopes);
  } catch (err) {
    if (err instanceof ValidationError) {
      throw new CliError(`invalid --scopes '${opts.scopes}': expected a comma-separated subset of read, write, admin`);
    }
    throw err;
  }
  const { tenant, created, key, secret } = await withWriteLock(ctx.handle.sqlite, async () => {
    const { tenant, created } = await ctx.core.keys.ensureTenant(opts.tenant);
    const made = await ctx.core.keys.createKey(tenant.id, scopes, opts.name?.trim() || null);
    return { tenant, created, ...made };
  });
  ctx.print(created ? `Created tenant '${tenant.name}' (${tenant.id})` : `Tenant '${tenant.name}' (${tenant.id})`);
  ctx.print(`Created API key ${key.id} with scopes ${key.scopes.join(',')}${key.name ? ` (${key.name})` : ''}`);
  ctx.print('Store it now: it is shown only once and stored only as a hash.');
  ctx.print(secret);
}

async function listKeys(ctx: CliContext, opts: { tenant?: string }): Promise<void> {
  let where: SQL | undefined;
  if (opts.tenant !== undefined) {
    const wanted = opts.tenant.trim();
    const tenant = (await ctx.repos.tenants.get(wanted)) ?? (await ctx.repos.tenants.findByName(wanted));
    if (!tenant) throw new CliError(`no tenant has the id or name '${opts.tenant}'`);
    where = eq(apiKeys.tenant_id, tenant.id);
  }
  const keys = await findKeys(ctx, where);
  if (keys.length === 0) {
    ctx.print(opts.tenant !== undefined ? `No API keys for tenant '${opts.tenant}'.` : 'No API keys.');
    return;
  }
  const rows = keys.map((k) => [k.id, k.tenant, k.name ?? '-', k.prefix, k.scopes.join(','), k.created_at, k.revoked_at ?? '-']);
  for (const line of formatTable(['ID', 'TENANT', 'NAME', 'PREFIX', 'SCOPES', 'CREATED', 'REVOKED'], rows)) ctx.print(line);
}

async function revokeKey(ctx: CliContext, idOrPrefix: string): Promise<void> {
  const wanted = idOrPrefix.trim();
  if (!wanted) throw new CliError('give the id or the prefix of the key to revoke');
  // An id, the start of a printed prefix (compared case-sensitively), or the whole key itself.
  const conditions: SQL[] = [
    eq(apiKeys.id, wanted),
    sql`substr(${apiKeys.prefix}, 1, ${wanted.length}) = ${wanted}`,
  ];
  if (wanted.startsWith(KEY_PREFIX) && wanted.length > 16) conditions.push(eq(apiKeys.key_hash, await hashApiKey(wanted)));
  const matches = await findKeys(ctx, or(...conditions));

  if (matches.length === 0) throw new CliError(`no API key has the id or prefix '${wanted}'`);
  if (matches.length > 1) {
    throw new CliError(
      `'${wanted}' matches ${matches.length} keys; give a longer prefix or the id:\n` +
        matches.map((k) => `  ${describeKey(k)}`).join('\n'),
    );
  }
  const [key] = matches as [KeyRow];
  if (key.revoked_at) {
    ctx.print(`API key ${key.id} (${key.prefix}…) of tenant '${key.tenant}' was already revoked at ${key.revoked_at}.`);
    return;
  }
  await ctx.core.keys.revoke(key.tenant_id, key.id);
  ctx.print(`Revoked API key ${key.id} (${key.prefix}…) of tenant '${key.tenant}'.`);
}

export function keysCommand(run: CliRunner): Command {
  const keys = new Command('keys').description('create, list and revoke API keys');

  keys
    .command('create')
    .description('create an API key (and the tenant, if new); the key is printed once, as the last line')
    .requiredOption('--tenant <name>', 'tenant (clinic) name')
    .requiredOption('--scopes <list>', 'comma-separated scopes: read, write, admin')
    .option('--name <label>', 'a label to recognise the key by')
    .action((opts: { tenant: string; scopes: string; name?: string }) => run((ctx) => createKey(ctx, opts), { createDatabase: true }));

  keys
    .command('list')
    .description('list API keys (name and prefix, never the key), of every tenant or of one')
    .option('--tenant <id-or-name>', 'only this tenant')
    .action((opts: { tenant?: string }) => run((ctx) => listKeys(ctx, opts)));

  keys
    .command('revoke')
    .description('revoke an API key by its id or prefix')
    .argument('<id-or-prefix>', 'the key id, or its printed prefix (or the start of it)')
    .action((idOrPrefix: string) => run((ctx) => revokeKey(ctx, idOrPrefix)));

  return keys;
}
