/**
 * `agendador model train` as a real child process on a SQLite file, for a clinic whose trained model does
 * not beat the documented prior on its holdout: the CLI says the prior is kept and why, and the API
 * (on the same file) keeps scoring with the prior.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, ON_D1, type TestApp } from '../helpers/app';
import { killChildren, runTs } from '../helpers/spawn';
import { noShowClinic, turningHistory } from '../api/no-show/setup';

const TIMEOUT = 60_000;

describe('agendador model train: a model that does not beat the prior', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
    const c = await noShowClinic(t);
    const rows = turningHistory(c.phones, {
      patients: Array.from({ length: 40 }, (_, i) => i),
      perPatient: 6,
      seed: 7,
      from: '2026-08-03',
      to: '2026-11-24',
      turn: '2026-10-26',
    });
    expect(await c.importRows(rows)).toBe(240);
  }, TIMEOUT);

  afterAll(async () => {
    await killChildren();
    t?.close();
  });

  // the CLI opens the SQLite file (DATABASE_PATH)
  it.skipIf(ON_D1)('stores the model, keeps the prior and prints the holdout AUC against the prior\'s', async () => {
    const result = await runTs('src/cli/index.ts', ['model', 'train', '--tenant', 'Clínica Teste'], { DATABASE_PATH: t.dbPath, CI: 'true' });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(
      /^Tenant 'Clínica Teste': trained no-show model version 1 on 240 outcomes \(\d+ no-shows\), but kept the documented prior: model version 1 did not beat the documented prior on its holdout \([\d-]+\.\.[\d-]+, \d+ outcomes\): AUC (0\.\d{3}) against the prior's (0\.\d{3})\. Scores keep using the prior until a retrained model beats it\.\n$/,
    );
    const [, model, prior] = result.stdout.match(/AUC (0\.\d{3}) against the prior's (0\.\d{3})/)!;
    expect(Number(model)).toBeLessThan(Number(prior));
    expect((t.sqlite.prepare('SELECT count(*) AS n FROM no_show_models').get() as { n: number }).n).toBe(1);

    const info = await t.api('GET', '/no-show/model-info');
    expect(info.body).toMatchObject({ prior: true, version: null, rejected_model: { version: 1, trigger: 'cli' } });
  }, TIMEOUT);
});
