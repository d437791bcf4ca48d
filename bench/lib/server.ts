/** Starts the real server (`src/main.node.ts`) on a fresh SQLite file and reads what it prints. */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface RunningServer {
  url: string;
  apiKey: string | null;
  pid: number;
  /** the SQLite file it serves */
  databasePath: string;
  /** ms from spawn to the first 200 from /health */
  coldStartMs: number;
  rssMb(): number;
  /** CPU time (user + system) the server process has used so far, ms: a per-request cost that a busy machine does not distort as much as a rate */
  cpuMs(): number;
  stop(): Promise<void>;
}

/** `script`: the entry to run (default the real server). */
export async function startServer(env: Record<string, string> = {}, script = 'src/main.node.ts'): Promise<RunningServer> {
  const dir = mkdtempSync(join(tmpdir(), 'agendador-bench-'));
  const started = performance.now();
  // BENCH_PROFILE_DIR=/some/dir writes a V8 CPU profile of each server started here.
  const profile = process.env.BENCH_PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE_DIR}`] : [];
  const child: ChildProcess = spawn(process.execPath, [...profile, '--import', 'tsx', script], {
    cwd: new URL('../..', import.meta.url).pathname,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn', DATABASE_PATH: join(dir, 'bench.db'), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));

  const port = await new Promise<number>((resolve, reject) => {
    const timer = setInterval(() => {
      const m = /listening on http:\/\/[^:]+:(\d+)/.exec(output);
      if (m) {
        clearInterval(timer);
        resolve(Number(m[1]));
      }
    }, 5);
    child.once('exit', (code) => {
      clearInterval(timer);
      reject(new Error(`server exited with ${code}: ${output}`));
    });
  });
  const url = `http://127.0.0.1:${port}`;
  const probe = script === 'src/main.node.ts' ? `${url}/health` : url;
  for (;;) {
    try {
      if ((await fetch(probe)).ok) break;
    } catch {
      /* not yet */
    }
    await new Promise((r) => setTimeout(r, 5));
  }
  const coldStartMs = performance.now() - started;
  const apiKey = /Demo API key: (\S+)/.exec(output)?.[1] ?? null;
  const pid = child.pid!;
  return {
    url,
    apiKey,
    databasePath: join(dir, 'bench.db'),
    pid,
    coldStartMs,
    rssMb() {
      const status = readFileSync(`/proc/${pid}/status`, 'utf8');
      const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
      return kb / 1024;
    },
    cpuMs() {
      // fields 14 and 15 of /proc/PID/stat, in clock ticks (100 per second on Linux)
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      return (Number(fields[11]) + Number(fields[12])) * 10;
    },
    async stop() {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
