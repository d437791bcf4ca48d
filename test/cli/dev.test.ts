/**
 * `npm run dev` as a supervisor runs it: the real npm, its shell, `tsx watch` and the server, on a
 * loopback port and a SQLite file. A SIGTERM to npm alone must stop every process under it (npm hands
 * the signal only to its `sh -c`, which on Debian and Ubuntu is dash and does not pass it on).
 * Linux only: the process tree is read from /proc.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { childEnv, PROJECT_ROOT } from '../helpers/spawn';

/** pid → [parent pid, state, command line] of every process, read from /proc. */
function processes(): Map<number, { ppid: number; state: string; cmd: string }> {
  const all = new Map<number, { ppid: number; state: string; cmd: string }>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      // the command name in parentheses may itself hold spaces and parentheses: the fields follow the last ')'
      const [state, ppid] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const cmd = readFileSync(`/proc/${name}/cmdline`, 'utf8').split('\0').join(' ').trim();
      all.set(Number(name), { ppid: Number(ppid), state: state!, cmd });
    } catch {
      // gone meanwhile
    }
  }
  return all;
}

function descendantsOf(root: number): number[] {
  const all = processes();
  const found = new Set([root]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const [pid, p] of all) if (found.has(p.ppid) && !found.has(pid)) found.add(pid), (grew = true);
  }
  found.delete(root);
  return [...found];
}

/** Running, as opposed to gone or a zombie waiting to be reaped. */
function running(pid: number): boolean {
  const p = processes().get(pid);
  return p !== undefined && p.state !== 'Z';
}

let dir: string | undefined;
let npm: ChildProcess | undefined;
let started: number[] = [];
afterEach(() => {
  for (const pid of [...started, ...(npm?.pid ? [npm.pid] : [])]) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  started = [];
  npm = undefined;
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** `npm run dev` on a fresh file and a free port, once it is serving; `group`: npm in a process group of its own, as a terminal's foreground job. */
async function startDev(group: boolean) {
  dir = mkdtempSync(join(tmpdir(), 'agendador-dev-'));
  const child = spawn('npm', ['run', 'dev'], {
    cwd: PROJECT_ROOT,
    env: childEnv({ DATABASE_PATH: join(dir, 'dev.db'), PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn', SEED_DEMO: '0' }),
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: group,
  });
  npm = child;
  let output = '';
  child.stdout!.setEncoding('utf8').on('data', (d: string) => (output += d));
  child.stderr!.setEncoding('utf8').on('data', (d: string) => (output += d));
  const port = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no "listening" line in 15 s:\n${output}`)), 15_000);
    child.stdout!.on('data', () => {
      const match = output.match(/listening on http:\/\/[^:\s]+:(\d+)/);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
    child.on('exit', () => reject(new Error(`npm exited before listening:\n${output}`)));
  });
  expect((await fetch(`http://127.0.0.1:${port}/health`)).status).toBe(200);
  started = descendantsOf(child.pid!);
  const commands = started.map((pid) => processes().get(pid)?.cmd ?? '');
  expect(commands.some((cmd) => / watch .*src\/main\.node\.ts/.test(cmd)), commands.join('\n')).toBe(true);
  expect(commands.some((cmd) => /src\/main\.node\.ts/.test(cmd) && !cmd.includes(' watch ')), commands.join('\n')).toBe(true);
  return { child, port, output: () => output };
}

/** Waits up to 8 s for every process npm started to be gone; what is left, with its command line. */
async function leftRunning(): Promise<string[]> {
  const deadline = Date.now() + 8_000;
  while (started.some(running) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  return started.filter(running).map((pid) => `${pid} ${processes().get(pid)?.cmd}`);
}

describe.runIf(existsSync('/proc/self/stat'))('npm run dev', () => {
  it('stops with everything it started when npm alone gets SIGTERM (a supervisor)', async () => {
    const dev = await startDev(false);
    dev.child.kill('SIGTERM');
    expect(await leftRunning(), dev.output()).toEqual([]);
    await expect(fetch(`http://127.0.0.1:${dev.port}/health`)).rejects.toThrow();
  }, 30_000);

  it('stops the server gently on a Ctrl-C (SIGINT to the whole group): tsx watch gets one signal, not two', async () => {
    const dev = await startDev(true);
    process.kill(-dev.child.pid!, 'SIGINT');
    expect(await leftRunning(), dev.output()).toEqual([]);
    // a second signal while the server stops makes tsx watch SIGKILL it
    expect(dev.output()).not.toMatch(/Force killing|Killing process/);
    await expect(fetch(`http://127.0.0.1:${dev.port}/health`)).rejects.toThrow();
  }, 30_000);
});
