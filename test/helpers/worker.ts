/**
 * The Workers entry as it is deployed: `wrangler deploy --dry-run` bundles src/main.worker.ts exactly as
 * a deploy would upload it, `wrangler d1 migrations apply --local` prepares its D1 database from the
 * migrations folder, and Miniflare runs the bundle in workerd with the bindings wrangler.toml declares
 * (D1, the docs assets), plus the variables a test gives. Requests reach it through Miniflare's
 * loopback HTTP (`dispatchFetch`); the cron trigger through `scheduled`.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Miniflare } from 'miniflare';

const ROOT = new URL('../..', import.meta.url).pathname;
const WRANGLER = join(ROOT, 'node_modules/.bin/wrangler');

function wrangler(args: string[]): void {
  execFileSync(WRANGLER, args, {
    cwd: ROOT,
    env: { ...process.env, WRANGLER_SEND_METRICS: 'false', CI: 'true', NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: 120_000,
  });
}

export interface WorkerBuild {
  /** the bundle's folder and file */
  outdir: string;
  script: string;
  /** a D1 state folder with every migration applied, copied for each worker started */
  migratedState: string;
  remove(): void;
}

/** Bundles the entry and prepares a migrated database, once per test file (~10 s). */
export function buildWorker(): WorkerBuild {
  const dir = mkdtempSync(join(tmpdir(), 'agendador-worker-'));
  const outdir = join(dir, 'dist');
  wrangler(['deploy', '--dry-run', '--outdir', outdir]);
  const migratedState = join(dir, 'state');
  wrangler(['d1', 'migrations', 'apply', 'agendador', '--local', '--persist-to', migratedState]);
  return { outdir, script: join(outdir, 'main.worker.js'), migratedState, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface RunningWorker {
  /** a request to the Worker, as a client would send it */
  fetch(path: string, init?: RequestInit): Promise<Response>;
  /** fires a cron trigger: every minute's by default, or the one given (wrangler.toml's crons), as scheduled for `at` (default now) */
  cron(schedule?: string, at?: Date): Promise<unknown>;
  /** rows straight from the Worker's D1 database */
  rows(text: string, ...values: unknown[]): Promise<Record<string, unknown>[]>;
  /**
   * Runs a SQL file on the Worker's D1 database as an operator would (`wrangler d1 execute --local
   * --file`). The Worker is stopped meanwhile (two workerd processes on one local D1 file can drop each
   * other's connections) and started again on the same database: a new isolate, as after a deploy.
   */
  execute(file: string): Promise<void>;
  stop(): Promise<void>;
}

type D1Reader = { prepare(text: string): { bind(...values: unknown[]): { all(): Promise<{ results: Record<string, unknown>[] }> } } };

/** The Worker over a fresh copy of the migrated database, with these variables and secrets. */
export async function startWorker(build: WorkerBuild, vars: Record<string, string>): Promise<RunningWorker> {
  const { unstable_getMiniflareWorkerOptions } = await import('wrangler');
  const { workerOptions } = unstable_getMiniflareWorkerOptions(join(ROOT, 'wrangler.toml'));
  const state = mkdtempSync(join(tmpdir(), 'agendador-worker-state-'));
  cpSync(build.migratedState, state, { recursive: true });
  const start = () =>
    new Miniflare({
      modules: true,
      scriptPath: build.script,
      modulesRoot: build.outdir,
      compatibilityDate: workerOptions.compatibilityDate,
      compatibilityFlags: workerOptions.compatibilityFlags,
      d1Databases: workerOptions.d1Databases,
      assets: workerOptions.assets,
      d1Persist: join(state, 'v3', 'd1'),
      bindings: { LOG_LEVEL: 'error', ...vars },
    });
  let mf = start();
  let d1 = (await mf.getD1Database('DB')) as unknown as D1Reader;
  return {
    fetch: (path, init) => mf.dispatchFetch(`http://localhost${path}`, init as never) as unknown as Promise<Response>,
    // (Miniflare's Fetcher type does not declare `scheduled`, which its binding has)
    cron: async (schedule = '* * * * *', at?: Date) =>
      ((await mf.getWorker()) as unknown as { scheduled(event: { cron: string; scheduledTime?: Date }): Promise<unknown> }).scheduled({
        cron: schedule,
        ...(at ? { scheduledTime: at } : {}),
      }),
    rows: async (text, ...values) => (await d1.prepare(text).bind(...values).all()).results,
    async execute(file) {
      await mf.dispose();
      wrangler(['d1', 'execute', 'agendador', '--local', '--persist-to', state, '--file', file]);
      mf = start();
      d1 = (await mf.getD1Database('DB')) as unknown as D1Reader;
    },
    async stop() {
      await mf.dispose();
      rmSync(state, { recursive: true, force: true });
    },
  };
}
