/** The real server (`src/main.node.ts`) as a child process on a loopback port, with an API client. */
import type { ChildProcess } from 'node:child_process';
import { API_BASE } from '../../src/app';
import { spawnTs } from './spawn';

export interface ServerProcess {
  url: string;
  child: ChildProcess;
  output(): string;
  stop(): Promise<void>;
  /** the same shape as the test app's `api` */
  api(method: string, path: string, body?: unknown, init?: { key?: string | null; headers?: Record<string, string> }): Promise<{ status: number; body: any; headers: Headers }>;
}

export async function startServerProcess(env: Record<string, string>, defaultKey: string | null = null): Promise<ServerProcess> {
  const server = spawnTs('src/main.node.ts', { PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...env });
  const [, port] = await server.waitForStdout(/listening on http:\/\/[^:\s]+:(\d+)/, 30_000);
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    child: server.child,
    output: () => server.stdout() + server.stderr(),
    async stop() {
      await server.stop();
    },
    async api(method, path, body, init = {}) {
      const headers: Record<string, string> = { ...init.headers };
      const key = init.key === undefined ? defaultKey : init.key;
      if (key) headers['x-api-key'] = key;
      if (body !== undefined) headers['content-type'] = 'application/json';
      const res = await fetch(`${url}${API_BASE}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
      const text = await res.text();
      return { status: res.status, body: text ? JSON.parse(text) : null, headers: res.headers };
    },
  };
}
