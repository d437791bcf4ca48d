/**
 * `npm run cli -- <command>`: the `agendador` command line. Each command opens the SQLite file named
 * by DATABASE_PATH (migrating it; only `keys create` and `seed-demo` may create it), does its work
 * through the core, and closes it; `keys create --sql` and `keys revoke --sql` open none and print the
 * SQL statements for another database (a Worker's D1) instead. Errors print one line (or a short list) to stderr and exit with
 * code 1.
 */
import { existsSync } from 'node:fs';
import { Command } from 'commander';
import { ConfigError, coreSettings, loadConfig } from '../config';
import { buildCore } from '../core';
import { randomIds, systemClock } from '../core/clock';
import { DomainError } from '../core/errors';
import { DatabaseOpenError, openDatabase } from '../db/client.sqlite';
import { createRepositories } from '../db/repos';
import { DEMO_CLINIC, seedDemoClinic, withWriteLock } from '../demo-seed';
import { CliError, keysCommand, type CliContext, type CliRunner, type OfflineRunner } from './keys';
import { modelCommand } from './model';
import { importCommand } from './import';

function reportError(err: unknown): void {
  const known = err instanceof CliError || err instanceof ConfigError || err instanceof DomainError || err instanceof DatabaseOpenError;
  const message = err instanceof Error ? err.message : String(err);
  process.stderr.write(`error: ${known ? message : `unexpected failure: ${message}`}\n`);
  process.exitCode = 1;
}

const run: CliRunner = async (task, { createDatabase = false } = {}) => {
  let handle: CliContext['handle'] | undefined;
  try {
    const config = loadConfig();
    if (!createDatabase && config.DATABASE_PATH !== ':memory:' && !existsSync(config.DATABASE_PATH)) {
      throw new CliError(
        `no database at ${config.DATABASE_PATH} (DATABASE_PATH); check the path, or create one with \`keys create\` or \`npm start\``,
      );
    }
    handle = openDatabase(config.DATABASE_PATH);
    const repos = createRepositories(handle.db);
    const core = buildCore(repos, systemClock, randomIds, coreSettings(config));
    await task({ config, handle, repos, core, print: (line = '') => process.stdout.write(`${line}\n`) });
  } catch (err) {
    reportError(err);
  } finally {
    handle?.close();
  }
};

const offline: OfflineRunner = async (task) => {
  try {
    await task({ sql: (line = '') => process.stdout.write(`${line}\n`), say: (line = '') => process.stderr.write(`${line}\n`) });
  } catch (err) {
    reportError(err);
  }
};

const program = new Command('agendador')
  .description('agendador: scheduling API for clinics — administration commands')
  .addHelpText('after', '\nThe database is the SQLite file named by DATABASE_PATH (default ./data/agendador.db), as for the server.');

program.addCommand(keysCommand(run, offline));
program.addCommand(modelCommand(run));
program.addCommand(importCommand(run));

program
  .command('seed-demo')
  .description(`create the demo clinic ('${DEMO_CLINIC.tenant}') and print its API key, if the database is empty`)
  .action(() =>
    run(async (ctx) => {
      const seeded = await withWriteLock(ctx.handle.sqlite, async () => {
        if ((await ctx.repos.tenants.count()) > 0) return null;
        return seedDemoClinic(ctx.core);
      });
      if (!seeded) {
        ctx.print('The database already has tenants; the demo clinic was not seeded.');
        return;
      }
      ctx.print(`Seeded the demo clinic '${DEMO_CLINIC.tenant}' (${seeded.tenantId}).`);
      ctx.print(`Demo API key: ${seeded.apiKey}`);
    }, { createDatabase: true }),
  );

await program.parseAsync(process.argv);
