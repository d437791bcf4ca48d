/** `npm run chat` as a real child process: a fresh database gets the demo clinic, lines in, replies out. */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { hashApiKey } from '../../src/core/keys';
import { buildCore } from '../../src/core';
import { randomIds, systemClock } from '../../src/core/clock';
import { migrateSqlite, openSqlite } from '../../src/db/client.sqlite';
import { createRepositories } from '../../src/db/repos';
import { childEnv, PROJECT_ROOT } from '../helpers/spawn';

const dir = mkdtempSync(join(tmpdir(), 'agendador-chat-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function chat(
  lines: string[],
  args: string[] = [],
  dbPath = join(dir, 'chat.db'),
  env: Record<string, string> = {},
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/chat.ts', ...args], {
      cwd: PROJECT_ROOT,
      env: childEnv({ DATABASE_PATH: dbPath, LOG_LEVEL: 'silent', ...env }),
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(lines.map((l) => `${l}\n`).join(''));
  });
}

describe('npm run chat', () => {
  it('seeds the demo clinic on an empty database and books in the terminal', async () => {
    const run = await chat(['oi, queria marcar cardiologista na segunda de manha', '1', 'sim', '/sair']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Clínica Demo — você é Maria Oliveira');
    expect(run.stdout).toMatch(/bot> Olá, Maria! Tenho estes horários de Cardiologia/);
    expect(run.stdout).toContain('Confirma consulta de Cardiologia');
    expect(run.stdout).toContain('está marcado');
    // the demo clinic's key is shown when the chat seeds it: a later `npm start` finds tenants and prints none
    const key = run.stdout.match(/^Demo API key: (agd_\S+)$/m)?.[1];
    expect(key).toBeDefined();
    const handle = openSqlite(join(dir, 'chat.db'));
    try {
      const row = handle.sqlite.prepare('SELECT count(*) AS n FROM api_keys WHERE key_hash = ? AND revoked_at IS NULL').get(await hashApiKey(key!));
      expect(row).toEqual({ n: 1 });
    } finally {
      handle.close();
    }
    const again = await chat(['/sair']);
    expect(again.stdout).not.toContain('Demo API key');
  }, 30_000);

  it('piped in, prints each message after its prompt, like a terminal session, and ends on a new line at EOF', async () => {
    const run = await chat(['oi', '', 'quero desmarcar']);
    expect(run.code, run.stderr).toBe(0);
    const lines = run.stdout.split('\n');
    expect(lines[1]).toBe('você> oi');
    expect(lines[2]).toMatch(/^bot> Olá, Maria!/);
    expect(run.stdout).toContain('\nvocê> quero desmarcar\nbot> ');
    expect(run.stdout).not.toMatch(/você> (bot> |você> |$)/m); // no prompt left without its message
    expect(run.stdout.endsWith('\n')).toBe(true);
  }, 30_000);

  it('SEED_DEMO=0 on an empty database seeds no demo clinic into it, and says why there is no one to talk to', async () => {
    const dbPath = join(dir, 'no-demo.db');
    const run = await chat(['oi'], [], dbPath, { SEED_DEMO: '0' });
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(`error: ${dbPath} has no clinic yet and SEED_DEMO=0, so the demo clinic was not created; unset SEED_DEMO or create a clinic\n`);
    const handle = openSqlite(dbPath);
    try {
      expect(handle.sqlite.prepare('SELECT count(*) AS n FROM tenants').get()).toEqual({ n: 0 });
    } finally {
      handle.close();
    }
  }, 30_000);

  it("without --tenant, a database whose only clinic is not the demo talks as that clinic's patient", async () => {
    const dbPath = join(dir, 'own-clinic.db');
    const handle = openSqlite(dbPath);
    try {
      migrateSqlite(handle);
      const core = buildCore(createRepositories(handle.db), systemClock, randomIds);
      const { tenant } = await core.keys.ensureTenant('Clínica Real');
      await core.patients.create(tenant.id, { name: 'Ana Paciente', phone: '+5531988887777' });
    } finally {
      handle.close();
    }
    const run = await chat(['/sair'], [], dbPath);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Clínica Real — você é Ana Paciente');
    expect(run.stdout).not.toContain('Demo API key');
  }, 30_000);

  it('a DATABASE_PATH that is not a database is named in one line, not an unexpected failure', async () => {
    const run = await chat(['oi'], [], dir);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(`error: cannot open the database at ${dir} (DATABASE_PATH): it is a directory, not a SQLite file\n`);
  }, 30_000);

  it('talks as another patient by phone, and says so when there is none', async () => {
    const other = await chat(['oi', '/sair'], ['--phone', '+55 31 99999-0002']);
    expect(other.stdout).toContain('você é João Santos');
    const none = await chat(['oi'], ['--phone', '+5531900000000']);
    expect(none.code).toBe(1);
    expect(none.stderr).toMatch(/No patient with phone/);
  }, 30_000);
});
