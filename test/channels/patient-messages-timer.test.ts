/** Node's timers for patient messages (node-patient-messages.ts) and the repeat they run on (node-timers.ts). */
import { describe, expect, it } from 'vitest';
import { keepSendingPatientMessages } from '../../src/node-patient-messages';
import { repeatEvery } from '../../src/node-timers';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const noRun = { sent: 0, skipped: 0, failed: 0, later: 0 };

describe('keepSendingPatientMessages', () => {
  it('sends what is due often and plans reminders less often, going on after a failed run', async () => {
    const calls = { plan: 0, send: 0 };
    const warnings: string[] = [];
    const stop = keepSendingPatientMessages(
      {
        planReminders: async () => (++calls.plan, 0),
        sendDue: async () => {
          if (++calls.send === 1) throw new Error('database is locked');
          return noRun;
        },
      },
      { info: () => {}, warn: (msg) => warnings.push(msg) },
      { sendEveryMs: 5, planEveryMs: 1_000, firstAfterMs: 1 },
    );
    await sleep(80);
    await stop();
    expect(calls.send).toBeGreaterThan(3);
    expect(calls.plan).toBe(1);
    expect(warnings).toEqual(['patient messages: sending failed; the next run tries again']);
    const after = calls.send;
    await sleep(30);
    expect(calls.send).toBe(after);
  });
});

describe('repeatEvery', () => {
  it('never overlaps runs, and its stop waits for the run in progress', async () => {
    let running = 0;
    let overlapped = false;
    let ended = 0;
    const stop = repeatEvery(
      async () => {
        running++;
        if (running > 1) overlapped = true;
        await sleep(20);
        running--;
        ended++;
      },
      { intervalMs: 1, firstAfterMs: 1 },
    );
    await sleep(30);
    await stop();
    expect(overlapped).toBe(false);
    expect(running).toBe(0);
    const endedAtStop = ended;
    await sleep(40);
    expect(ended).toBe(endedAtStop);
  });
});
