/** Node's housekeeping timer (main.node.ts): core/housekeeping.ts's forgetExpired, hourly. Workers run it from the cron trigger. */
import type { Clock } from './core/clock';
import { forgetExpired, HOUSEKEEPING_INTERVAL_MS } from './core/housekeeping';
import type { Repositories } from './core/ports';
import { repeatEvery } from './node-timers';

export interface HousekeepingLog {
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
}

/**
 * Runs forgetExpired every `intervalMs`, the first time `firstAfterMs` after the call (start-up stays
 * quick); each run's counts are logged, a failed run is logged and the next one tries again. Returns the
 * function that stops it (resolved once a run in progress ends). The timers do not keep the process alive.
 */
export function keepForgetting(
  repos: Pick<Repositories, 'idempotency' | 'conversations' | 'channelReplies'>,
  clock: Clock,
  log: HousekeepingLog,
  { intervalMs = HOUSEKEEPING_INTERVAL_MS, firstAfterMs = 60_000 }: { intervalMs?: number; firstAfterMs?: number } = {},
): () => Promise<void> {
  return repeatEvery(
    async () => {
      try {
        const forgotten = await forgetExpired(repos, clock);
        log.info('housekeeping', { ...forgotten });
      } catch (error) {
        log.warn('housekeeping failed; the next run tries again', { error: error instanceof Error ? error.message : String(error) });
      }
    },
    { intervalMs, firstAfterMs },
  );
}
