/** Background work on Node, run every so often by a timer (Workers run theirs from cron triggers). */

/**
 * Runs `run` every `intervalMs` after the end of the previous run (runs never overlap), the first time
 * `firstAfterMs` after the call. `run` handles its own failures. Returns the function that stops it,
 * which resolves once a run in progress has ended. The timers do not keep the process alive.
 */
export function repeatEvery(run: () => Promise<void>, { intervalMs, firstAfterMs }: { intervalMs: number; firstAfterMs: number }): () => Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running: Promise<void> | null = null;
  let stopped = false;
  const schedule = (ms: number) => {
    timer = setTimeout(() => {
      running = run()
        .catch(() => undefined)
        .finally(() => {
          running = null;
          if (!stopped) schedule(intervalMs);
        });
    }, ms);
    (timer as { unref?: () => void }).unref?.();
  };
  schedule(firstAfterMs);
  return async () => {
    stopped = true;
    if (timer !== undefined) clearTimeout(timer);
    await running;
  };
}
