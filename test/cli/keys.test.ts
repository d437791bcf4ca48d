/**
 * `agendador keys …` and `seed-demo`, run as real child processes on a SQLite file in a temp dir;
 * the keys they print are then checked against an app built over the same file.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_BASE, buildApp, type App } from '../../src/app';
import { randomIds, systemClock } from '../../src/core/clock';
import { KEY_CACHE_TTL_MS } from '../../src/core/keys';
import { migrateSqlite, openSqlite, type SqliteHandle } from '../../src/db/client.sqlite';
import { createRepositories } from '../../src/db/repos';
import { killChildren, runTs, type RunResult } from '../helpers/spawn';

const KEY_RE = /^agd_[A-Za-z0-9_-]{43}$/;
const TIMEOUT = 60_000;

function lastLine(text: string): string {
  const lines = text.trimEnd().split('\n');
  return lines[lines.length - 1] ?? '';
}

describe('agendador keys', () => {
  let dir: string;
  let dbPath: string;
  let handle: SqliteHandle | undefined;
  let app: App;
  const printedKeys: string[] = [];

  const cli = (...args: string[]): Promise<RunResult> => runTs('src/cli/index.ts', args, { DATABASE_PATH: dbPath });

  /** the app over the CLI's database file, opened once the CLI has created and migrated it */
  function appOverDb(): App {
    if (!handle) {
      handle = openSqlite(dbPath);
      migrateSqlite(handle);
      app = buildApp({ repos: createRepositories(handle.db), clock: systemClock, ids: randomIds, version: 'test', logLevel: 'silent' });
    }
    return app;
  }

  async function request(key: string, method = 'GET', body?: unknown): Promise<number> {
    const res = await appOverDb().request(`${API_BASE}/locations`, {
      method,
      headers: { 'x-api-key': key, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    return res.status;
  }

  async function createKey(tenant: string, scopes: string, name?: string): Promise<{ key: string; result: RunResult }> {
    const result = await cli('keys', 'create', '--tenant', tenant, '--scopes', scopes, ...(name ? ['--name', name] : []));
    expect(result.code, result.stderr).toBe(0);
    const key = lastLine(result.stdout);
    expect(key).toMatch(KEY_RE);
    printedKeys.push(key);
    return { key, result };
  }

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'agendador-cli-'));
    dbPath = join(dir, 'cli.db');
  });

  afterAll(async () => {
    await killChildren();
    handle?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  let adminKey: string;
  let readKey: string;

  it('creates a tenant and a key, printed as the last line, that authenticates', async () => {
    const { key, result } = await createKey('Clínica Horizonte', 'read,write,admin', 'integração');
    adminKey = key;
    expect(result.stdout).toContain('Clínica Horizonte');
    expect(result.stdout.endsWith(`${key}\n`)).toBe(true);
    expect(await request(key)).toBe(200);
    expect(await request(key, 'POST', { name: 'Unidade 1' })).toBe(201);
  }, TIMEOUT);

  it('adds keys to an existing tenant, and enforces their scopes', async () => {
    ({ key: readKey } = await createKey('Clínica Horizonte', 'read'));
    expect(await request(readKey)).toBe(200);
    expect(await request(readKey, 'POST', { name: 'Unidade 2' })).toBe(403);

    const { key: writeOnly } = await createKey('Clínica Horizonte', 'write');
    expect(await request(writeOnly, 'POST', { name: 'Unidade 2' })).toBe(201);
    expect(await request(writeOnly)).toBe(403);

    const tenants = handle!.sqlite.prepare('SELECT name FROM tenants').all();
    expect(tenants).toEqual([{ name: 'Clínica Horizonte' }]);
  }, TIMEOUT);

  it('lists keys with tenant, name, prefix and scopes, never the full key', async () => {
    await createKey('Outra Clínica', 'read');
    const all = await cli('keys', 'list');
    expect(all.code, all.stderr).toBe(0);
    expect(all.stdout.split('\n')[0]).toMatch(/^ID\s+TENANT\s+NAME\s+PREFIX\s+SCOPES\s+CREATED\s+REVOKED$/);
    // the label given with --name is how the operator tells keys apart; a key without one shows '-'
    expect(all.stdout).toContain(`Clínica Horizonte  integração  ${adminKey.slice(0, 12)}`);
    expect(all.stdout).toMatch(new RegExp(`Outra Clínica\\s+-\\s+${printedKeys.at(-1)!.slice(0, 12)}`));
    for (const key of printedKeys) {
      expect(all.stdout).toContain(key.slice(0, 12));
      expect(all.stdout).not.toContain(key);
    }
    expect(all.stdout).toContain('read,write,admin');
    expect(all.stdout).toContain('Outra Clínica');

    const one = await cli('keys', 'list', '--tenant', 'Outra Clínica');
    expect(one.code, one.stderr).toBe(0);
    expect(one.stdout).not.toContain('Clínica Horizonte');
    expect(one.stdout.trimEnd().split('\n')).toHaveLength(2);

    // by id too, as `model train` and `import` take it (the id `keys create` printed)
    const tenantId = (handle!.sqlite.prepare('SELECT id FROM tenants WHERE name = ?').get('Outra Clínica') as { id: string }).id;
    const byId = await cli('keys', 'list', '--tenant', tenantId);
    expect(byId.code, byId.stderr).toBe(0);
    expect(byId.stdout).toBe(one.stdout);

    const unknown = await cli('keys', 'list', '--tenant', 'Ninguém');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('Ninguém');
  }, TIMEOUT);

  it('revokes a key by its printed prefix: it then gets 401 (within the time a server trusts a key it read), and others keep working', async () => {
    const prefix = readKey.slice(0, 12);
    const result = await cli('keys', 'revoke', prefix);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('Revoked');
    // the CLI is another process: the app may have read the key just before
    await new Promise((resolve) => setTimeout(resolve, KEY_CACHE_TTL_MS));
    expect(await request(readKey)).toBe(401);
    expect(await request(adminKey)).toBe(200);

    const list = await cli('keys', 'list', '--tenant', 'Clínica Horizonte');
    const row = list.stdout.split('\n').find((line) => line.includes(prefix));
    expect(row).toMatch(/\d{4}-\d{2}-\d{2}T\S+Z$/);
  }, TIMEOUT);

  it('refuses an ambiguous prefix, listing the candidates, and an unknown one', async () => {
    const ambiguous = await cli('keys', 'revoke', 'agd_');
    expect(ambiguous.code).toBe(1);
    expect(ambiguous.stderr).toContain('matches');
    expect(ambiguous.stderr).toContain(adminKey.slice(0, 12));
    expect(ambiguous.stderr).toContain(readKey.slice(0, 12));
    expect(await request(adminKey)).toBe(200);

    const unknown = await cli('keys', 'revoke', 'agd_zzzzzzzzzzzz');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/no API key/);
  }, TIMEOUT);

  it('refuses a bad scope, or a missing option, with a one-line message and exit code 1', async () => {
    const bad = await cli('keys', 'create', '--tenant', 'Clínica Nova', '--scopes', 'read,superuser');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/scopes/);
    expect(bad.stderr).not.toMatch(/^\s+at /m);
    expect(bad.stdout).toBe('');
    const missing = await cli('keys', 'create', '--scopes', 'read');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('--tenant');
    // neither created the tenant
    const tenant = handle!.sqlite.prepare('SELECT count(*) AS n FROM tenants WHERE name = ?').get('Clínica Nova');
    expect(tenant).toEqual({ n: 0 });
  }, TIMEOUT);

  it('an invalid setting is reported by name', async () => {
    const result = await runTs('src/cli/index.ts', ['keys', 'list'], { DATABASE_PATH: dbPath, LOG_LEVEL: 'loud' });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('LOG_LEVEL');
  }, TIMEOUT);

  it('never writes a plain key to the database files', async () => {
    expect(printedKeys.length).toBeGreaterThanOrEqual(4);
    handle?.close();
    handle = undefined;
    const files = readdirSync(dir).filter((f) => f.startsWith('cli.db'));
    expect(files).toContain('cli.db');
    for (const file of files) {
      const bytes = readFileSync(join(dir, file));
      for (const key of printedKeys) {
        expect(bytes.includes(Buffer.from(key)), `${file} contains a plain key`).toBe(false);
        // not even the secret part after the visible prefix
        expect(bytes.includes(Buffer.from(key.slice(12))), `${file} contains a key's secret part`).toBe(false);
      }
    }
  }, TIMEOUT);
});

describe('agendador commands on a DATABASE_PATH where there is no database', () => {
  let dir: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'agendador-missing-db-'));
  });

  afterAll(async () => {
    await killChildren();
    rmSync(dir, { recursive: true, force: true });
  });

  it('commands that read or change what is there refuse a path with no database (a typo), and create nothing', async () => {
    const typo = join(dir, 'data', 'agendadro.db');
    const csv = join(dir, 'historico.csv');
    writeFileSync(csv, 'patient_phone,scheduled_at,start_time,status\n');
    for (const args of [['keys', 'list'], ['keys', 'revoke', 'agd_abc'], ['model', 'train'], ['import', 'appointments', csv]]) {
      const result = await runTs('src/cli/index.ts', args, { DATABASE_PATH: typo });
      expect(result.code, args.join(' ')).toBe(1);
      expect(result.stderr).toBe(`error: no database at ${typo} (DATABASE_PATH); check the path, or create one with \`keys create\` or \`npm start\`\n`);
      expect(result.stdout).toBe('');
    }
    expect(existsSync(typo)).toBe(false);
    expect(existsSync(join(dir, 'data'))).toBe(false);

    // a path that is there but is no database: the message names the path, the setting and why
    const notDb = join(dir, 'historico.csv');
    for (const [path, why] of [
      [dir, 'it is a directory, not a SQLite file'],
      [notDb, 'the file is not a SQLite database'],
    ] as const) {
      const result = await runTs('src/cli/index.ts', ['keys', 'list'], { DATABASE_PATH: path });
      expect(result.code).toBe(1);
      expect(result.stderr).toBe(`error: cannot open the database at ${path} (DATABASE_PATH): ${why}\n`);
    }

    // a path under a file (or a directory the user may not enter): still the setting, not an unexpected failure
    const underFile = join(notDb, 'x.db');
    const blocked = await runTs('src/cli/index.ts', ['keys', 'create', '--tenant', 'X', '--scopes', 'read'], { DATABASE_PATH: underFile });
    expect(blocked.code).toBe(1);
    expect(blocked.stderr).toMatch(new RegExp(`^error: cannot open the database at ${underFile} \\(DATABASE_PATH\\): \\S.*\n$`));

    // creating a key (or seeding the demo) is how a database is made from the command line
    const created = await runTs('src/cli/index.ts', ['keys', 'create', '--tenant', 'Clínica Nova', '--scopes', 'admin'], { DATABASE_PATH: typo });
    expect(created.code, created.stderr).toBe(0);
    const listed = await runTs('src/cli/index.ts', ['keys', 'list'], { DATABASE_PATH: typo });
    expect(listed.code, listed.stderr).toBe(0);
    expect(listed.stdout).toContain('Clínica Nova');
  }, TIMEOUT);
});

describe('agendador seed-demo', () => {
  let dir: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'agendador-seed-'));
  });

  afterAll(async () => {
    await killChildren();
    rmSync(dir, { recursive: true, force: true });
  });

  it('seeds an empty database once and prints a working key; later runs say so and change nothing', async () => {
    const dbPath = join(dir, 'seed.db');
    const first = await runTs('src/cli/index.ts', ['seed-demo'], { DATABASE_PATH: dbPath });
    expect(first.code, first.stderr).toBe(0);
    const key = lastLine(first.stdout).replace(/^Demo API key: /, '');
    expect(key).toMatch(KEY_RE);

    const second = await runTs('src/cli/index.ts', ['seed-demo'], { DATABASE_PATH: dbPath });
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout).toMatch(/not seeded/);
    expect(second.stdout).not.toMatch(/agd_/);

    const handle = openSqlite(dbPath);
    try {
      const app = buildApp({ repos: createRepositories(handle.db), clock: systemClock, ids: randomIds, version: 'test', logLevel: 'silent' });
      const res = await app.request(`${API_BASE}/providers`, { headers: { 'x-api-key': key } });
      expect(res.status).toBe(200);
      const body = (await res.json()) as { data: unknown[] };
      expect(body.data).toHaveLength(8);
      expect(handle.sqlite.prepare('SELECT count(*) AS n FROM tenants').get()).toEqual({ n: 1 });
    } finally {
      handle.close();
    }
  }, TIMEOUT);
});

describe('agendador keys … --sql (statements for a database the CLI cannot open, such as a Worker\'s D1)', () => {
  let dir: string;
  let handle: SqliteHandle;
  let app: App;

  const cli = (...args: string[]) => runTs('src/cli/index.ts', args, { DATABASE_PATH: join(dir, 'never-created.db') });
  const status = async (key: string) => (await app.request(`${API_BASE}/locations`, { headers: { 'x-api-key': key } })).status;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'agendador-cli-sql-'));
    // the statements are SQLite's, as D1's are: applied here to a migrated file, with the app over it
    handle = openSqlite(join(dir, 'd1-like.db'));
    migrateSqlite(handle);
    app = buildApp({ repos: createRepositories(handle.db), clock: systemClock, ids: randomIds, version: 'test', logLevel: 'silent' });
  });

  afterAll(async () => {
    await killChildren();
    handle?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('joins an existing tenant of that name, and refuses a bad scope or an empty tenant without printing SQL', async () => {
    const first = await cli('keys', 'create', '--tenant', 'Clínica Sol', '--scopes', 'admin', '--sql');
    const second = await cli('keys', 'create', '--tenant', ' Clínica Sol ', '--scopes', 'read', '--sql');
    for (const r of [first, second]) {
      expect(r.code, r.stderr).toBe(0);
      handle.sqlite.exec(r.stdout);
    }
    expect(handle.sqlite.prepare('SELECT count(*) AS n FROM tenants').get()).toEqual({ n: 1 });
    expect(await status(lastLine(first.stderr))).toBe(200);
    expect(await status(lastLine(second.stderr))).toBe(200);
    expect(existsSync(join(dir, 'never-created.db'))).toBe(false);

    for (const args of [['--tenant', 'X', '--scopes', 'root'], ['--tenant', '  ', '--scopes', 'read']]) {
      const bad = await cli('keys', 'create', ...args, '--sql');
      expect(bad.code).toBe(1);
      expect(bad.stdout).toBe('');
      expect(bad.stderr).toMatch(/^error: (invalid --scopes 'root'|--tenant must not be empty)/);
    }
  }, TIMEOUT);

  it('revokes by id or by the key itself; refuses a partial prefix; revokes nothing when a prefix names two keys', async () => {
    const made = await cli('keys', 'create', '--tenant', 'Clínica Lua', '--scopes', 'read', '--sql');
    handle.sqlite.exec(made.stdout);
    const key = lastLine(made.stderr);
    const { id } = handle.sqlite.prepare('SELECT id FROM api_keys WHERE prefix = ?').get(key.slice(0, 12)) as { id: string };

    const partial = await cli('keys', 'revoke', key.slice(0, 8), '--sql');
    expect(partial.code).toBe(1);
    expect(partial.stdout).toBe('');
    expect(partial.stderr).toMatch(/^error: with --sql, give the key's id, its whole printed prefix/);

    const byKey = await cli('keys', 'revoke', key, '--sql');
    expect(byKey.code, byKey.stderr).toBe(0);
    expect(byKey.stdout).not.toContain(key);
    handle.sqlite.exec(byKey.stdout);
    const revokedAt = (handle.sqlite.prepare('SELECT revoked_at FROM api_keys WHERE id = ?').get(id) as { revoked_at: string | null }).revoked_at;
    expect(revokedAt).toEqual(expect.any(String));
    await new Promise((resolve) => setTimeout(resolve, KEY_CACHE_TTL_MS + 50));
    expect(await status(key)).toBe(401);
    // by id, again: the first revocation stands
    const byId = await cli('keys', 'revoke', id.toUpperCase(), '--sql');
    handle.sqlite.exec(byId.stdout);
    expect(handle.sqlite.prepare('SELECT revoked_at FROM api_keys WHERE id = ?').get(id)).toEqual({ revoked_at: revokedAt });

    // two keys chosen by hand (BOOTSTRAP_API_KEY) can share their first 12 characters
    const a = await cli('keys', 'create', '--tenant', 'Clínica Lua', '--scopes', 'read', '--sql');
    handle.sqlite.exec(a.stdout);
    const twin = lastLine(a.stderr);
    handle.sqlite.prepare('UPDATE api_keys SET prefix = ? WHERE prefix = ?').run(key.slice(0, 12), twin.slice(0, 12));
    const ambiguous = await cli('keys', 'revoke', key.slice(0, 12), '--sql');
    handle.sqlite.exec(ambiguous.stdout);
    expect(handle.sqlite.prepare('SELECT count(*) AS n FROM api_keys WHERE revoked_at IS NULL AND prefix = ?').get(key.slice(0, 12))).toEqual({ n: 1 });
    expect(await status(twin)).toBe(200);
  }, TIMEOUT);
});
