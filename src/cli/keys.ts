/**
 * `agendador keys …`: create, list and revoke API keys from the command line. A new key is printed
 * once, as the last line of the output; lists show prefixes only.
 */
import { Command } from 'commander';
import { eq, or, sql, type SQL } from 'drizzle-orm';
import type { Config } from '../config';
import type { Core } from '../core';
import { ValidationError } from '../core/errors';
import { randomIds, systemClock } from '../core/clock';
import { KEY_PREFIX, PREFIX_LENGTH, hashApiKey, keyPrefixOf, parseScopes } from '../core/keys';
import type { Scope } from '../core/model';
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

/**
 * Runs a command's task without any database (`--sql`: the statements are printed for another
 * database, e.g. a Worker's D1); errors become exit code 1 as with CliRunner.
 */
export type OfflineRunner = (task: (out: SqlOutput) => Promise<void>) => Promise<void>;

export interface SqlOutput {
  /** writes one line to stdout: the SQL, and nothing else, so that it can be redirected to a file */
  sql(line?: string): void;
  /** writes one line to stderr: what the statements do, and a new key */
  say(line?: string): void;
}

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

function scopesOption(text: string): Scope[] {
  try {
    return parseScopes(text);
  } catch (err) {
    if (err instanceof ValidationError) {
      throw new CliError(`invalid --scopes '${text}': expected a comma-separated subset of read, write, admin`);
    }
    throw err;
  }
}

async function createKey(ctx: CliContext, opts: { tenant: string; scopes: string; name?: string }): Promise<void> {
  const scopes = scopesOption(opts.scopes);
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

/** A SQLite string literal. */
function sqlString(value: string | null): string {
  return value === null ? 'NULL' : `'${value.replaceAll("'", "''")}'`;
}

/**
 * `keys create --sql`: the statements that make the tenant (unless a tenant of that name exists) and
 * the key, for a database this command cannot open (a Worker's D1: `wrangler d1 execute --file`). The
 * key is hashed here as the app hashes it (core/keys.ts: SHA-256, no setting involved) and shown on
 * stderr only. Running the statements again changes nothing: the tenant's name and the key's id and
 * hash are unique, and each insert skips a row that is there already.
 */
async function createKeySql(out: SqlOutput, opts: { tenant: string; scopes: string; name?: string }): Promise<void> {
  const tenantName = opts.tenant.trim();
  if (!tenantName) throw new CliError('--tenant must not be empty');
  const scopes = scopesOption(opts.scopes);
  const label = opts.name?.trim() || null;
  const now = systemClock.now().toISOString();
  const tenantId = randomIds.uuid();
  const keyId = randomIds.uuid();
  const secret = KEY_PREFIX + randomIds.token();
  const tenant = sqlString(tenantName);

  out.sql(`-- agendador keys create --sql: a tenant (unless one of that name exists) and API key ${keyId}; running it again changes nothing`);
  out.sql(`INSERT INTO tenants (id, name, created_at) VALUES (${sqlString(tenantId)}, ${tenant}, ${sqlString(now)})`);
  out.sql('  ON CONFLICT (name) DO NOTHING;');
  out.sql('INSERT INTO api_keys (id, tenant_id, name, prefix, key_hash, scopes, created_at, revoked_at)');
  out.sql(
    `  SELECT ${sqlString(keyId)}, id, ${sqlString(label)}, ${sqlString(keyPrefixOf(secret))}, ${sqlString(await hashApiKey(secret))}, ` +
      `${sqlString(JSON.stringify(scopes))}, ${sqlString(now)}, NULL FROM tenants WHERE name = ${tenant}`,
  );
  out.sql('  ON CONFLICT DO NOTHING;');

  out.say(`Printed the SQL that creates tenant '${tenantName}' (${tenantId}) unless a tenant of that name exists, and API key ${keyId} in it`);
  out.say(`with scopes ${scopes.join(',')}${label ? ` (${label})` : ''}.`);
  out.say('Apply it with: npx wrangler d1 execute <database> --remote --file <file> (--local for wrangler dev).');
  out.say('Store the key now: it is shown only once, and the SQL holds only its hash.');
  out.say(secret);
}

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * `keys revoke --sql`: the statement that revokes one key, by its id, its whole printed prefix or the
 * key itself (not the start of a prefix: with no database to look in, a partial one could name several
 * keys). It revokes only when exactly one key matches, and is a no-op once that key is revoked; the
 * SELECT after it shows the keys that match and when they were revoked.
 */
async function revokeKeySql(out: SqlOutput, idOrPrefix: string): Promise<void> {
  const wanted = idOrPrefix.trim();
  let match: string;
  let named: string;
  if (UUID_RE.test(wanted)) [match, named] = [`id = ${sqlString(wanted.toLowerCase())}`, `the key with id ${wanted.toLowerCase()}`];
  else if (wanted.length === PREFIX_LENGTH) [match, named] = [`prefix = ${sqlString(wanted)}`, 'the key with that prefix'];
  else if (wanted.length > PREFIX_LENGTH) [match, named] = [`key_hash = ${sqlString(await hashApiKey(wanted))}`, 'the key given'];
  else {
    throw new CliError(
      `with --sql, give the key's id, its whole printed prefix (${PREFIX_LENGTH} characters, e.g. ${KEY_PREFIX}AbCd1234) or the key itself`,
    );
  }
  out.sql(`-- agendador keys revoke --sql: revokes ${named}, only if exactly one key matches`);
  out.sql(`UPDATE api_keys SET revoked_at = ${sqlString(systemClock.now().toISOString())}`);
  out.sql(`  WHERE ${match} AND revoked_at IS NULL AND (SELECT count(*) FROM api_keys WHERE ${match}) = 1;`);
  out.sql('SELECT api_keys.id, tenants.name AS tenant, api_keys.prefix, api_keys.revoked_at FROM api_keys');
  out.sql(`  JOIN tenants ON tenants.id = api_keys.tenant_id WHERE api_keys.${match};`);
  out.say(`Printed the SQL that revokes ${named} if exactly one key matches; its last statement lists the keys that match`);
  out.say('(none: no such key; more than one: nothing was revoked, give the id).');
  out.say('Apply it with: npx wrangler d1 execute <database> --remote --file <file> (--local for wrangler dev).');
}

export function keysCommand(run: CliRunner, offline: OfflineRunner): Command {
  const keys = new Command('keys').description('create, list and revoke API keys');

  keys
    .command('create')
    .description('create an API key (and the tenant, if new); the key is printed once, as the last line')
    .requiredOption('--tenant <name>', 'tenant (clinic) name')
    .requiredOption('--scopes <list>', 'comma-separated scopes: read, write, admin')
    .option('--name <label>', 'a label to recognise the key by')
    .option('--sql', 'print SQL statements for another database (a Worker\'s D1) instead; the key goes to stderr')
    .action((opts: { tenant: string; scopes: string; name?: string; sql?: boolean }) =>
      opts.sql ? offline((out) => createKeySql(out, opts)) : run((ctx) => createKey(ctx, opts), { createDatabase: true }),
    );

  keys
    .command('list')
    .description('list API keys (name and prefix, never the key), of every tenant or of one')
    .option('--tenant <id-or-name>', 'only this tenant')
    .action((opts: { tenant?: string }) => run((ctx) => listKeys(ctx, opts)));

  keys
    .command('revoke')
    .description('revoke an API key by its id or prefix')
    .argument('<id-or-prefix>', 'the key id, or its printed prefix (or the start of it)')
    .option('--sql', 'print the SQL statement for another database (a Worker\'s D1) instead; needs the id, the whole prefix or the key')
    .action((idOrPrefix: string, opts: { sql?: boolean }) =>
      opts.sql ? offline((out) => revokeKeySql(out, idOrPrefix)) : run((ctx) => revokeKey(ctx, idOrPrefix)),
    );

  return keys;
}
