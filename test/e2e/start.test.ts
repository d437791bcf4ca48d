/**
 * The real server, started as `npm start` would (node + tsx on src/main.node.ts), on a port the OS
 * picks (PORT=0) and a fresh SQLite file.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { migrateSqlite, openSqlite } from '../../src/db/client.sqlite';
import { childEnv, killChildren, PROJECT_ROOT, runTs, spawnTs, type Spawned } from '../helpers/spawn';

const LISTENING = /agendador listening on http:\/\/localhost:(\d+)\n/;
const DEMO_KEY = /^Demo API key: (agd_[A-Za-z0-9_-]+)$/m;
const STARTUP_TIMEOUT = 20_000;

let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'agendador-e2e-'));
});

afterEach(async () => {
  await killChildren();
});

afterAll(async () => {
  await killChildren();
  rmSync(dir, { recursive: true, force: true });
});

interface Started {
  server: Spawned;
  base: string;
}

async function start(env: Record<string, string>): Promise<Started> {
  const server = spawnTs('src/main.node.ts', { PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...env });
  const [, port] = await server.waitForStdout(LISTENING, STARTUP_TIMEOUT);
  return { server, base: `http://127.0.0.1:${port}` };
}

async function getJson(url: string, key?: string): Promise<{ status: number; body: any }> {
  const res = await fetch(url, { headers: key ? { 'x-api-key': key } : {} });
  return { status: res.status, body: await res.json() };
}

function tenantCount(dbPath: string): number {
  const handle = openSqlite(dbPath);
  try {
    migrateSqlite(handle);
    return (handle.sqlite.prepare('SELECT count(*) AS n FROM tenants').get() as { n: number }).n;
  } finally {
    handle.close();
  }
}

describe('npm start on an empty database', () => {
  it('answers /health within 3 s of being spawned, then seeds and prints a demo key that works', async () => {
    // The budget is for a quiet machine. Other test files (and other work on a shared host) may be
    // spawning processes at the same time, so a slow start is retried on a fresh file, twice at most.
    const timings: number[] = [];
    let started: Started | undefined;
    for (let attempt = 1; attempt <= 3; attempt++) {
      if (started) await started.server.stop();
      started = await start({ DATABASE_PATH: join(dir, `demo-${attempt}.db`) });
      const health = await fetch(`${started.base}/health`);
      timings.push(Math.round(performance.now() - started.server.startedAt));
      expect(health.status).toBe(200);
      expect(await health.json()).toMatchObject({ status: 'ok', database: 'ok', version: expect.any(String) });
      if (timings[timings.length - 1]! < 3_000) break;
    }
    console.info(`spawn → first /health 200: ${timings.join(' ms, ')} ms`);
    expect(Math.min(...timings)).toBeLessThan(3_000);
    const { server, base } = started!;

    const match = server.stdout().match(DEMO_KEY);
    expect(match).not.toBeNull();
    const demoKey = match![1]!;
    expect(server.stdout()).toContain(`curl -H 'x-api-key: ${demoKey}'`);

    const providers = await getJson(`${base}/v1/scheduling/providers`, demoKey);
    expect(providers.status).toBe(200);
    expect(providers.body.data).toHaveLength(8);
    expect(providers.body.data.map((p: { name: string }) => p.name)).toEqual(
      expect.arrayContaining(['Dra. Ana Souza', 'Dr. Paulo Lima', 'Dr. Rui Alves']),
    );

    const locations = await getJson(`${base}/v1/scheduling/locations`, demoKey);
    expect(locations.status).toBe(200);
    expect(locations.body.data.map((l: { name: string }) => l.name).sort()).toEqual(['Unidade Centro', 'Unidade Savassi']);
    const [first, second] = locations.body.data as Array<{ id: string; travel_minutes: Record<string, number> }>;
    expect(first!.travel_minutes[second!.id]).toBe(20);
    expect(second!.travel_minutes[first!.id]).toBe(20);

    const docs = await fetch(`${base}/docs`);
    expect(docs.status).toBe(200);
    const openapi = await getJson(`${base}/openapi.json`);
    expect(openapi.status).toBe(200);
    expect(openapi.body.openapi).toBe('3.1.0');

    expect(await server.stop('SIGTERM')).toEqual({ code: 0, signal: null });
  }, 60_000);

  it('does not seed again on a second start, the first key still works, and it says how to make another', async () => {
    // On a file of its own, so that a slow first start above (a busy machine) does not fail this too.
    const dbPath = join(dir, 'restart.db');
    const first = await start({ DATABASE_PATH: dbPath });
    const [, demoKey] = await first.server.waitForStdout(DEMO_KEY, STARTUP_TIMEOUT);
    expect(await first.server.stop('SIGTERM')).toEqual({ code: 0, signal: null });

    const { server, base } = await start({ DATABASE_PATH: dbPath });
    expect(server.stdout()).not.toMatch(/agd_/);
    expect(server.stdout()).not.toContain('Demo API key');

    const providers = await getJson(`${base}/v1/scheduling/providers`, demoKey);
    expect(providers.status).toBe(200);
    expect(providers.body.data).toHaveLength(8);

    // a lost demo key: the line names the file and the command that makes another for the demo clinic
    const hint = /^Serving the tenants already in (.+); their keys were shown when made\. Another key: npm run cli -- keys create --tenant "([^"]+)" --scopes read,write,admin$/m.exec(
      server.stdout(),
    );
    expect(hint?.[1]).toBe(dbPath);
    const made = await runTs('src/cli/index.ts', ['keys', 'create', '--tenant', hint![2]!, '--scopes', 'read,write,admin'], { DATABASE_PATH: dbPath });
    expect(made.code).toBe(0);
    const newKey = made.stdout.trimEnd().split('\n').at(-1)!;
    const sameClinic = await getJson(`${base}/v1/scheduling/providers`, newKey);
    expect(sameClinic.status).toBe(200);
    expect(sameClinic.body.data).toEqual(providers.body.data);

    expect(await server.stop('SIGINT')).toEqual({ code: 0, signal: null });
    expect(tenantCount(dbPath)).toBe(1);
  }, 60_000);
});

describe('npm start under a supervisor', () => {
  it('stops cleanly when the npm process is sent SIGTERM (npm passes it to its shell, which does not pass it on)', async () => {
    const dbPath = join(dir, 'npm-start.db');
    // A process group of its own, so that whatever is left of it can be killed at the end.
    const npm = spawn('npm', ['start'], {
      cwd: PROJECT_ROOT,
      env: childEnv({ DATABASE_PATH: dbPath, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn' }),
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    try {
      let out = '';
      npm.stdout!.setEncoding('utf8');
      const port = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`npm start printed no listening line:\n${out}`)), STARTUP_TIMEOUT);
        npm.stdout!.on('data', (chunk: string) => {
          out += chunk;
          const match = out.match(LISTENING);
          if (match) {
            clearTimeout(timer);
            resolve(match[1]!);
          }
        });
      });
      const base = `http://127.0.0.1:${port}`;
      expect((await fetch(`${base}/health`)).status).toBe(200);

      npm.kill('SIGTERM');
      let answering = true;
      for (let waited = 0; answering && waited < 10_000; waited += 100) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        answering = await fetch(`${base}/health`).then(
          () => true,
          () => false,
        );
      }
      expect(answering, 'the server still answers after npm was stopped').toBe(false);
      // A clean close leaves no write-ahead log behind (a killed process would).
      for (let waited = 0; existsSync(`${dbPath}-wal`) && waited < 5_000; waited += 100) {
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(existsSync(`${dbPath}-wal`)).toBe(false);
    } finally {
      try {
        process.kill(-npm.pid!, 'SIGKILL');
      } catch {
        // the group is gone
      }
    }
  }, 60_000);
});

describe('npm start settings', () => {
  it('SEED_DEMO=0 on an empty database prints no key and creates no tenant', async () => {
    const dbPath = join(dir, 'empty.db');
    const { server, base } = await start({ DATABASE_PATH: dbPath, SEED_DEMO: '0' });
    expect(server.stdout()).not.toMatch(/agd_|Demo API key/);
    // no key can reach this server yet: it says how to make one
    expect(server.stdout()).toContain('No tenants yet: create one and its API key with npm run cli -- keys create --tenant <name> --scopes read,write,admin');
    expect((await getJson(`${base}/health`)).status).toBe(200);
    // a URL past Node's 16 KB header limit is refused before the app, with a detail like any error
    const long = await fetch(`${base}/v1/scheduling/slots?specialty=${'a'.repeat(20_000)}`);
    expect(long.status).toBe(431);
    expect(await long.json()).toEqual({ detail: expect.stringMatching(/exceed 16 KB/) });
    expect(await server.stop()).toEqual({ code: 0, signal: null });
    expect(tenantCount(dbPath)).toBe(0);
  }, 60_000);

  it('BOOTSTRAP_API_KEY on an empty database makes that value an admin key (and seeds no demo)', async () => {
    const dbPath = join(dir, 'bootstrap.db');
    const key = 'bootstrap-key-0123456789abcdefgh';
    expect(key).toHaveLength(32);
    const { server, base } = await start({ DATABASE_PATH: dbPath, BOOTSTRAP_API_KEY: key });
    expect(server.stdout()).not.toContain('Demo API key');
    expect(server.stdout()).not.toContain(key);

    const keys = await getJson(`${base}/v1/scheduling/api-keys`, key);
    expect(keys.status).toBe(200);
    expect(keys.body.data).toHaveLength(1);
    expect(keys.body.data[0].scopes).toEqual(expect.arrayContaining(['admin']));

    const created = await fetch(`${base}/v1/scheduling/locations`, {
      method: 'POST',
      headers: { 'x-api-key': key, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Matriz' }),
    });
    expect(created.status).toBe(201);

    const providers = await getJson(`${base}/v1/scheduling/providers`, key);
    expect(providers.status).toBe(200);
    expect(providers.body.data).toHaveLength(0);

    expect((await getJson(`${base}/v1/scheduling/locations`, 'agd_not-a-key')).status).toBe(401);
    expect(await server.stop()).toEqual({ code: 0, signal: null });
    expect(tenantCount(dbPath)).toBe(1);
  }, 60_000);

  it('BOOTSTRAP_API_KEY on a database that already has tenants is not taken silently: start-up says so, unless it is a key there', async () => {
    // The usual way to get here: a first plain `npm start` seeded the demo clinic, then the key is set.
    const dbPath = join(dir, 'bootstrap-late.db');
    const seeded = await start({ DATABASE_PATH: dbPath });
    expect(await seeded.server.stop()).toEqual({ code: 0, signal: null });

    const key = 'late-bootstrap-key-0123456789abcd';
    const late = await start({ DATABASE_PATH: dbPath, BOOTSTRAP_API_KEY: key });
    expect((await getJson(`${late.base}/v1/scheduling/locations`, key)).status).toBe(401);
    expect(late.server.stderr()).toMatch(/BOOTSTRAP_API_KEY was not used: the database already has tenants/);
    expect(late.server.stderr()).not.toContain(key);
    expect(await late.server.stop()).toEqual({ code: 0, signal: null });
    expect(tenantCount(dbPath)).toBe(1);

    // Set on every start of an automated deployment: once it is the database's key, nothing is said.
    const bootstrapped = join(dir, 'bootstrap-again.db');
    const first = await start({ DATABASE_PATH: bootstrapped, BOOTSTRAP_API_KEY: key });
    expect(await first.server.stop()).toEqual({ code: 0, signal: null });
    const again = await start({ DATABASE_PATH: bootstrapped, BOOTSTRAP_API_KEY: key });
    expect((await getJson(`${again.base}/v1/scheduling/locations`, key)).status).toBe(200);
    expect(again.server.stderr()).not.toContain('BOOTSTRAP_API_KEY');
    expect(await again.server.stop()).toEqual({ code: 0, signal: null });
  }, 60_000);

  it('OPENAI_BASE_URL without OPENAI_API_KEY (a local server that needs no key) is not silently left unused', async () => {
    const { server, base } = await start({ DATABASE_PATH: join(dir, 'llm.db'), SEED_DEMO: '0', OPENAI_BASE_URL: 'http://127.0.0.1:11434/v1' });
    expect(server.stderr()).toMatch(/"level":"warn".*OPENAI_BASE_URL is set but OPENAI_API_KEY is not/);
    expect((await getJson(`${base}/health`)).status).toBe(200);
    expect(await server.stop()).toEqual({ code: 0, signal: null });
  }, 60_000);

  it('bound to one address (HOST), prints URLs with that address, which answer; localhost there would not', async () => {
    // 127.0.0.2 is a loopback address of its own on Linux: bound to it, the server is not on 127.0.0.1
    const server = spawnTs('src/main.node.ts', { PORT: '0', HOST: '127.0.0.2', LOG_LEVEL: 'warn', DATABASE_PATH: join(dir, 'host.db') });
    const [, port] = await server.waitForStdout(/agendador listening on http:\/\/127\.0\.0\.2:(\d+)\n/, STARTUP_TIMEOUT);
    const [, key] = server.stdout().match(DEMO_KEY)!;
    expect(server.stdout()).toContain(`Try it: curl -H 'x-api-key: ${key}' http://127.0.0.2:${port}/v1/scheduling/providers`);
    expect((await getJson(`http://127.0.0.2:${port}/v1/scheduling/providers`, key)).status).toBe(200);
    expect(await server.stop()).toEqual({ code: 0, signal: null });
  }, 60_000);

  it('an invalid setting stops start-up with exit code 1 and a message naming it, without a stack', async () => {
    const server = spawnTs('src/main.node.ts', { PORT: 'abc', DATABASE_PATH: join(dir, 'never.db') });
    const exit = await server.exited;
    expect(exit.code).toBe(1);
    expect(server.stderr()).toContain('PORT');
    expect(server.stderr()).not.toMatch(/^\s+at /m);
    expect(server.stdout()).not.toContain('listening');
  }, 60_000);

  it('a port in use stops start-up before the demo clinic is seeded, so the next start seeds it and prints its key', async () => {
    const blocker: Server = createServer();
    const port = await new Promise<number>((resolve) => blocker.listen(0, '127.0.0.1', () => resolve((blocker.address() as { port: number }).port)));
    try {
      const dbPath = join(dir, 'port-in-use.db');
      const refused = spawnTs('src/main.node.ts', { PORT: String(port), HOST: '127.0.0.1', DATABASE_PATH: dbPath, LOG_LEVEL: 'warn' });
      expect((await refused.exited).code).toBe(1);
      expect(refused.stdout()).not.toContain('listening');
      expect(tenantCount(dbPath)).toBe(0);
      expect(refused.stderr()).toContain(`port ${port} is already in use`);
      expect(refused.stderr()).not.toMatch(/^\s+at /m);

      // The operator picks another port: this is the first start that serves, and it prints the key.
      const { server, base } = await start({ DATABASE_PATH: dbPath });
      const [, demoKey] = server.stdout().match(DEMO_KEY)!;
      expect((await getJson(`${base}/v1/scheduling/providers`, demoKey)).status).toBe(200);
      expect(await server.stop()).toEqual({ code: 0, signal: null });
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  }, 60_000);

  it('a DATABASE_PATH that is a directory stops start-up with a message saying so', async () => {
    const server = spawnTs('src/main.node.ts', { PORT: '0', HOST: '127.0.0.1', DATABASE_PATH: dir });
    expect((await server.exited).code).toBe(1);
    expect(server.stderr()).toBe(`Cannot open the database at ${dir} (DATABASE_PATH): it is a directory, not a SQLite file\n`);
  }, 60_000);

  it('a too-short BOOTSTRAP_API_KEY is refused before anything is written', async () => {
    const server = spawnTs('src/main.node.ts', { BOOTSTRAP_API_KEY: 'short', DATABASE_PATH: join(dir, 'never.db') });
    expect((await server.exited).code).toBe(1);
    expect(server.stderr()).toContain('BOOTSTRAP_API_KEY');
  }, 60_000);
});
