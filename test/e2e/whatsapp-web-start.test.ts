/**
 * The real server with WHATSAPP_WEB=1 on a machine where the browser is missing or broken: the
 * channel says so in the log, naming the setting, and the HTTP API keeps answering. No browser runs.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { killChildren, spawnTs, type Spawned } from '../helpers/spawn';

const LISTENING = /agendador listening on http:\/\/localhost:(\d+)\n/;

let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'agendador-wa-e2e-'));
});

afterEach(async () => {
  await killChildren();
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

async function start(name: string, browser: string): Promise<{ server: Spawned; base: string }> {
  const server = spawnTs('src/main.node.ts', {
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    DATABASE_PATH: join(dir, `${name}.db`),
    WHATSAPP_WEB: '1',
    WHATSAPP_WEB_SESSION_DIR: join(dir, `${name}-session`),
    WHATSAPP_WEB_BROWSER: browser,
  });
  const [, port] = await server.waitForStdout(LISTENING, 30_000);
  return { server, base: `http://127.0.0.1:${port}` };
}

/** waits until `check` holds, looking every 50 ms */
async function until(check: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!check()) {
    if (performance.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('npm start with WHATSAPP_WEB=1', () => {
  it('with no browser at WHATSAPP_WEB_BROWSER: logs how to install one and serves the API', async () => {
    const { server, base } = await start('missing', '/nonexistent');
    // told before the server says it listens
    expect(server.stderr()).toContain('there is no browser at /nonexistent (WHATSAPP_WEB_BROWSER)');
    expect(server.stderr()).toContain('apt-get install chromium');
    const health = await fetch(`${base}/health`);
    expect(health.status).toBe(200);
    expect(await server.stop('SIGTERM')).toEqual({ code: 0, signal: null });
  }, 60_000);

  it('with a browser that fails to launch: logs it naming WHATSAPP_WEB_BROWSER, keeps serving, and stops cleanly', async () => {
    // /bin/false starts and exits at once, as a broken Chromium would
    const { server, base } = await start('broken', '/bin/false');
    await until(() => server.stderr().includes('WHATSAPP_WEB_BROWSER'), 30_000);
    expect(server.stderr()).toMatch(/the browser \/bin\/false \(WHATSAPP_WEB_BROWSER\) could not be launched/);
    expect(server.stderr()).toContain('apt-get install chromium');
    const health = await fetch(`${base}/health`);
    expect(health.status).toBe(200);
    expect(await server.stop('SIGTERM')).toEqual({ code: 0, signal: null });
  }, 60_000);
});
