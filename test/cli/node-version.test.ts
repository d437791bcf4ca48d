/**
 * The Node.js floor: package.json `engines`, and the early check that `npm start`, `npm run dev`,
 * `npm run cli` and `npm run chat` preload. The scripts' own command lines run as real child processes,
 * on this Node.js and on one that says it is older (a preload before the check rewrites
 * `process.versions.node`): the old one stops at once with a one-line message, before the app is read.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { childEnv, PROJECT_ROOT } from '../helpers/spawn';

const require = createRequire(import.meta.url);
const { nodeVersionProblem, TESTED } = require('../../src/node-version-check.cjs') as {
  nodeVersionProblem(version: string): string | null;
  TESTED: string;
};
const packageJson = JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8')) as {
  engines: { node: string };
  scripts: Record<string, string>;
};

const dir = mkdtempSync(join(tmpdir(), 'agendador-node-version-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs an npm script's command line (`node …` or `tsx …`) with `preload` required first. */
function runScript(name: string, preload: string[], env: Record<string, string> = {}) {
  const words = packageJson.scripts[name]!.split(' ');
  const args = words[0] === 'node' ? words.slice(1) : ['node_modules/tsx/dist/cli.mjs', ...words.slice(1)];
  return spawnSync(process.execPath, [...preload.flatMap((p) => ['--require', p]), ...args], {
    cwd: PROJECT_ROOT,
    env: childEnv({ DATABASE_PATH: join(dir, 'never.db'), PORT: '0', HOST: '127.0.0.1', ...env }),
    encoding: 'utf8',
    timeout: 20_000,
  });
}

describe('the Node.js floor', () => {
  it('refuses versions without import attributes (before 20.10.0), accepts later ones', () => {
    for (const old of ['16.20.2', '18.19.0', '18.20.4', '20.0.0', '20.6.1', '20.9.0', 'v20.9.0']) {
      expect(nodeVersionProblem(old), old).toMatch(/^agendador needs Node\.js 20\.10\.0 or newer, and this is v[\d.]+: .*import attributes/);
    }
    for (const ok of ['20.10.0', '20.19.0', '20.20.2', '21.0.0', '22.12.0', '24.1.0', process.versions.node]) {
      expect(nodeVersionProblem(ok), ok).toBeNull();
    }
  });

  it('engines names the versions the project is tested on, which the message recommends', () => {
    expect(packageJson.engines.node).toBe('^20.19.0 || >=22.12.0');
    expect(TESTED).toBe(packageJson.engines.node);
  });

  it.each(['start', 'dev', 'cli', 'chat'])('`npm run %s` preloads the check before anything else', (name) => {
    expect(packageJson.scripts[name]).toMatch(/^(node|tsx watch) --require \.\/src\/node-version-check\.cjs /);
  });

  it('`npm start` on a Node.js that says it is 20.9.0 stops at once with the message, and serves nothing', () => {
    const fake = join(dir, 'old-node.cjs');
    writeFileSync(fake, "Object.defineProperty(process.versions, 'node', { value: '20.9.0' });\n");
    const result = runScript('start', [fake]);
    expect(result.status).toBe(1);
    expect(result.stderr).toBe(
      "agendador needs Node.js 20.10.0 or newer, and this is v20.9.0: its code imports JSON with import attributes (`with { type: 'json' }`), " +
        `which older versions cannot load. Install a current Node.js (tested: ${TESTED}, e.g. \`nvm install 22\`) and run \`npm ci\` again.\n`,
    );
    expect(result.stdout).toBe('');
  });

  it('`npm run cli` on this Node.js runs as usual', () => {
    const result = runScript('cli', [], {});
    // commander prints the help on stderr and exits 1 without a command; what matters is that it got that far
    expect(result.stderr + result.stdout).toMatch(/Usage: agendador/);
  });
});
