/**
 * `npm run chat`: talk to the booking conversation from a terminal, as a patient of a clinic in the
 * local database (DATABASE_PATH). On an empty database the demo clinic is seeded first (and its API
 * key printed), unless SEED_DEMO=0, so a fresh clone can try it in a minute. The same engine as
 * POST /conversation, on the `terminal` channel.
 *
 *   npm run chat                                  # the clinic's first patient
 *   npm run chat -- --phone +5531999990002        # another patient, by phone
 *   npm run chat -- --tenant "Clínica Demo"        # by name (default: the only clinic, else the demo one)
 *
 * Lines typed are the patient's messages; `/reset` starts the conversation afresh, `/sair` (or Ctrl-D) ends.
 */
import { createInterface } from 'node:readline/promises';
import { Command } from 'commander';
import { createConversationRuntime } from '../../machines/runtime/run-turn';
import { ConfigError, loadConfig } from '../config';
import { buildCore } from '../core';
import { randomIds, systemClock } from '../core/clock';
import { DomainError } from '../core/errors';

import { DatabaseOpenError, openDatabase, type SqliteHandle } from '../db/client.sqlite';
import { tenants } from '../db/schema';
import { createRepositories } from '../db/repos';
import { DEMO_CLINIC, seedDemoClinic, withWriteLock } from '../demo-seed';
import { CHAT_BOT, CHAT_PROMPT, CHAT_RESTARTED, chatBanner } from '../../locales/pt-BR/chat';

async function allTenants(handle: SqliteHandle): Promise<Array<{ name: string }>> {
  return handle.db.select({ name: tenants.name }).from(tenants).limit(2);
}

const program = new Command('chat')
  .description('talk to the booking conversation as a patient, in the terminal')
  .option('--tenant <name>', `the clinic (tenant) name (default: the only clinic in the database, else '${DEMO_CLINIC.tenant}')`)
  .option('--phone <e164>', "the patient's phone (default: the clinic's first patient)")
  .parse(process.argv);
const options = program.opts<{ tenant?: string; phone?: string }>();

async function main(): Promise<void> {
  const config = loadConfig();
  const handle = openDatabase(config.DATABASE_PATH);
  try {
    const repos = createRepositories(handle.db);
    const core = buildCore(repos, systemClock, randomIds, { minNoticeMinutes: config.MIN_BOOKING_NOTICE_MINUTES });
    const seeded = await withWriteLock(handle.sqlite, async () => {
      if ((await repos.tenants.count()) > 0) return null;
      if (!config.SEED_DEMO) {
        throw new ConfigError(
          `${config.DATABASE_PATH} has no clinic yet and SEED_DEMO=0, so the demo clinic was not created; unset SEED_DEMO or create a clinic`,
        );
      }
      return seedDemoClinic(core);
    });
    // Shown once, as `npm start` would have: a server started later on this file finds tenants and prints no key.
    if (seeded) process.stdout.write(`Seeded the demo clinic '${DEMO_CLINIC.tenant}' in ${config.DATABASE_PATH}.\nDemo API key: ${seeded.apiKey}\n`);
    // Without --tenant: the database's only clinic (the demo one on a fresh file, or the clinic's own), else the demo.
    const only = options.tenant === undefined ? await allTenants(handle) : [];
    const wanted = options.tenant ?? (only.length === 1 ? only[0]!.name : DEMO_CLINIC.tenant);
    const tenant = await repos.tenants.findByName(wanted);
    if (!tenant) throw new ConfigError(`No clinic named '${wanted}' in ${config.DATABASE_PATH}; pass --tenant`);
    const patient = options.phone
      ? (await core.patients.list(tenant.id, { includeInactive: false, phone: options.phone }, { limit: 1 })).items[0]
      : (await core.patients.list(tenant.id, { includeInactive: false }, { limit: 1 })).items[0];
    if (!patient) throw new ConfigError(options.phone ? `No patient with phone ${options.phone}` : `'${tenant.name}' has no patients yet`);

    const runtime = createConversationRuntime({
      core,
      store: repos.conversations,
      clock: systemClock,
      ids: randomIds,
      timeoutMinutes: config.CONVERSATION_TIMEOUT_MINUTES,
    });
    process.stdout.write(`${chatBanner(tenant.name, patient.name)}\n`);

    // At a terminal the prompt waits for what is typed; with input piped in, nothing echoes it, so each
    // message is printed after its prompt instead, and the output reads as the same conversation.
    const interactive = process.stdin.isTTY === true;
    const lines = createInterface({ input: process.stdin, output: process.stdout, terminal: interactive });
    lines.setPrompt(CHAT_PROMPT);
    if (interactive) lines.prompt();
    for await (const line of lines) {
      const text = line.trim();
      if (!interactive && text) process.stdout.write(`${CHAT_PROMPT}${text}\n`);
      if (text === '/sair' || text === '/quit') break;
      if (text === '/reset') {
        await runtime.reset(tenant.id, patient.id, 'terminal').catch(() => undefined);
        process.stdout.write(`${CHAT_RESTARTED}\n`);
      } else if (text) {
        try {
          const turn = await runtime.handle(tenant.id, { patientId: patient.id, channel: 'terminal', message: text });
          if (turn.reply) process.stdout.write(`${CHAT_BOT}${turn.reply.replace(/\n/g, `\n${' '.repeat(CHAT_BOT.length)}`)}\n`);
        } catch (error) {
          if (!(error instanceof DomainError)) throw error;
          process.stdout.write(`(${error.message})\n`);
        }
      }
      if (interactive) lines.prompt();
    }
    lines.close();
    // Ctrl-D at the prompt: the shell's prompt goes on a line of its own
    if (interactive) process.stdout.write('\n');
  } finally {
    handle.close();
  }
}

main().catch((error: unknown) => {
  const known = error instanceof ConfigError || error instanceof DomainError || error instanceof DatabaseOpenError;
  process.stderr.write(`error: ${known ? (error as Error).message : `unexpected failure: ${String(error)}`}\n`);
  process.exitCode = 1;
});
