/**
 * `npm run dev`: the server under `tsx watch` (restarted when a source file changes, or on the Return
 * key), stopped with everything it started when npm is told to stop.
 *
 * Why not `tsx watch src/main.node.ts` as the script itself: npm runs a script through `sh -c`, and a
 * SIGTERM to npm reaches only that shell. dash (/bin/sh on Debian and Ubuntu) does not exec the command
 * nor pass the signal on: it dies of it, and `tsx watch` and the server it started were left running,
 * holding the port. `tsx watch` passes SIGTERM and SIGINT on to the server and waits for it to stop, so
 * this launcher, under the shell in its place, gives `tsx watch` the signal itself: on a SIGTERM, SIGINT
 * or SIGHUP of its own, and when its parent goes (the shell dying of npm's SIGTERM), as `npm start`'s
 * server does (src/main.node.ts). It exits with `tsx watch`'s code.
 *
 * `tsx watch` runs in a process group of its own (not on Windows, where that means a console of its
 * own): a Ctrl-C in a terminal signals the whole foreground group, and `tsx watch` takes a second signal
 * while the server is stopping as "kill it now" (SIGKILL). This way it gets one signal, from here; a
 * second Ctrl-C still reaches it as a second one. Being outside the terminal's foreground group, it
 * reads the Return key through this process (a pipe) instead of from the terminal.
 */
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';

/** How often the launcher checks that its parent (npm's shell) is still there. */
const PARENT_WATCH_INTERVAL_MS = 250;
const SIGNAL_NUMBERS: Partial<Record<NodeJS.Signals, number>> = { SIGHUP: 1, SIGINT: 2, SIGKILL: 9, SIGTERM: 15 };

const tsxCli = createRequire(import.meta.url).resolve('tsx/cli');
const watcher = spawn(process.execPath, [tsxCli, 'watch', '--require', './src/node-version-check.cjs', 'src/main.node.ts'], {
  stdio: ['pipe', 'inherit', 'inherit'],
  detached: process.platform !== 'win32',
});
watcher.stdin!.on('error', () => {}); // gone with tsx watch: nothing left to read the keys
process.stdin.pipe(watcher.stdin!);

let stopping = false;
function stop(signal: 'SIGTERM' | 'SIGINT'): void {
  if (watcher.exitCode !== null || watcher.signalCode !== null) return;
  stopping = true;
  watcher.kill(signal);
}

process.on('SIGTERM', () => stop('SIGTERM'));
process.on('SIGINT', () => stop('SIGINT'));
// the terminal closed: tsx watch, in its own group, is not told, and knows no SIGHUP
process.on('SIGHUP', () => stop('SIGTERM'));

const parent = process.ppid;
const watchParent = setInterval(() => {
  if (process.ppid === parent) return;
  clearInterval(watchParent);
  if (stopping) return;
  process.stderr.write('the process that started `npm run dev` is gone; stopping\n');
  stop('SIGTERM');
}, PARENT_WATCH_INTERVAL_MS);
watchParent.unref();

watcher.on('exit', (code, signal) => {
  clearInterval(watchParent);
  process.exit(code ?? 128 + ((signal && SIGNAL_NUMBERS[signal]) || 0));
});
