/** The webhook worker's sleep on Node: a timer that a wake-up (an abort) ends early, never an error. */
import { getEventListeners } from 'node:events';
import { describe, expect, it } from 'vitest';
import { sleep } from '../../src/webhooks/node-worker';

describe('node worker sleep', () => {
  it('resolves after the time asked for', async () => {
    const t0 = performance.now();
    await sleep(30);
    expect(performance.now() - t0).toBeGreaterThanOrEqual(25);
  });

  it('resolves at once when woken, whatever the abort reason, and leaves no listener behind', async () => {
    const controller = new AbortController();
    const t0 = performance.now();
    const slept = sleep(10_000, controller.signal);
    setTimeout(() => controller.abort('woken'), 5);
    await slept;
    expect(performance.now() - t0).toBeLessThan(1_000);
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
    // a sleep that ran out takes its listener away too
    const quiet = new AbortController();
    await sleep(1, quiet.signal);
    expect(getEventListeners(quiet.signal, 'abort')).toHaveLength(0);
  });

  it('does not wait when already woken', async () => {
    const controller = new AbortController();
    controller.abort();
    const t0 = performance.now();
    await sleep(10_000, controller.signal);
    expect(performance.now() - t0).toBeLessThan(1_000);
  });
});
