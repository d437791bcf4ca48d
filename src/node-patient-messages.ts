/**
 * Node's timers for messages the clinic starts (channels/patient-messages.ts): what is due is sent
 * every few seconds (a waitlist offer goes out soon after the cancellation that made it), and the
 * reminders due are planned every few minutes. Workers run the same from their cron trigger.
 */
import type { PatientMessageLog, PatientMessages } from './channels/patient-messages';
import { repeatEvery } from './node-timers';

export const SEND_EVERY_MS = 10_000;
export const PLAN_EVERY_MS = 5 * 60_000;

/** Starts both timers; the function returned stops them, once the runs in progress have ended. */
export function keepSendingPatientMessages(
  messenger: Pick<PatientMessages, 'planReminders' | 'sendDue'>,
  log: PatientMessageLog,
  { sendEveryMs = SEND_EVERY_MS, planEveryMs = PLAN_EVERY_MS, firstAfterMs = 5_000 }: { sendEveryMs?: number; planEveryMs?: number; firstAfterMs?: number } = {},
): () => Promise<void> {
  const failed = (what: string) => (error: unknown) =>
    log.warn(`patient messages: ${what} failed; the next run tries again`, { error: error instanceof Error ? error.message : String(error) });
  const stopPlanning = repeatEvery(
    async () => {
      const planned = await messenger.planReminders().catch(failed('planning reminders'));
      if (planned) log.info('patient messages: reminders planned', { planned });
    },
    { intervalMs: planEveryMs, firstAfterMs },
  );
  const stopSending = repeatEvery(
    async () => {
      const run = await messenger.sendDue().catch(failed('sending'));
      if (run && run.sent + run.skipped + run.failed > 0) log.info('patient messages', { ...run });
    },
    { intervalMs: sendEveryMs, firstAfterMs },
  );
  return async () => {
    await Promise.all([stopPlanning(), stopSending()]);
  };
}
