/**
 * `agendador import appointments` and `agendador model train`, run as real child processes on a
 * SQLite file: a file with good and broken rows, its re-import, training on what was imported.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCore } from '../../src/core';
import { randomIds, systemClock } from '../../src/core/clock';
import { addDays, localDate } from '../../src/core/time';
import { migrateSqlite, openSqlite, type SqliteHandle } from '../../src/db/client.sqlite';
import { createRepositories } from '../../src/db/repos';
import { mapHeader } from '../../src/cli/import';
import { killChildren, runTs } from '../helpers/spawn';
import { prng } from '../core/no-show/prng';

const TIMEOUT = 60_000;
const TENANT = 'Clínica Histórica';

describe('agendador import appointments / model train', () => {
  let dir: string;
  let dbPath: string;
  let csv: string;
  let handle: SqliteHandle;
  const cli = (...args: string[]) => runTs('src/cli/index.ts', args, { DATABASE_PATH: dbPath, CI: 'true' });
  const count = (sql: string) => (handle.sqlite.prepare(sql).get() as { n: number }).n;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'agendador-noshow-cli-'));
    dbPath = join(dir, 'cli.db');
    handle = openSqlite(dbPath);
    migrateSqlite(handle);
    const core = buildCore(createRepositories(handle.db), systemClock, randomIds);
    await core.keys.ensureTenant(TENANT);
    await core.keys.ensureTenant('Outra Clínica');

    // 30 patients × 8 past appointments, the last 120 days, in the clinic's words; then 6 broken rows
    const today = localDate(new Date(), 'America/Sao_Paulo');
    const rand = prng(9);
    const lines = ['id_paciente;Telefone;Nome;Data de nascimento;Agendado em;Data da consulta;Situação;Canal;Cor favorita'];
    for (let p = 1; p <= 30; p++) {
      const phone = p % 3 === 0 ? `(31) 9${String(8000_0000 + p).padStart(8, '0')}` : '';
      for (let k = 0; k < 8; k++) {
        const date = addDays(today, -(2 + k * 14 + (p % 7)));
        const lead = Math.floor(rand() * 30);
        const status = rand() < (p % 4 === 0 ? 0.6 : 0.1) ? 'faltou' : 'realizado';
        lines.push(`P${p};${phone};Paciente ${p};15/0${1 + (p % 9)}/19${50 + p};${addDays(date, -lead)} 08:00;${date} 09:${String(10 + k).padStart(2, '0')};${status};whatsapp;azul`);
      }
    }
    lines.push(
      `P31;123;;;${addDays(today, -20)} 08:00;${addDays(today, -10)} 09:00;realizado;;`,
      `P32;;;;${addDays(today, -20)};${addDays(today, -10)};realizado;;`,
      `P33;;;;${addDays(today, -20)} 08:00;${addDays(today, -10)} 09:00;remarcado;;`,
      `P34;;;;${addDays(today, -20)} 08:00;${addDays(today, 10)} 09:00;realizado;;`,
      `P36;;;31/12/1899;${addDays(today, -20)} 08:00;${addDays(today, -10)} 09:00;realizado;;`,
      `P35;"(31) 9;;;;;;;`,
    );
    csv = join(dir, 'historico.csv');
    writeFileSync(csv, `\ufeff${lines.join('\r\n')}\r\n`);
  });

  afterAll(async () => {
    await killChildren();
    handle?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('imports the good rows, reports the broken ones by line, and re-importing imports nothing new', async () => {
    const first = await cli('import', 'appointments', csv, '--tenant', TENANT);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toContain('Ignored columns: Cor favorita');
    expect(first.stdout).toContain('Imported 240 appointment(s); 0 already imported; 6 rejected.');
    expect(first.stdout).toMatch(/line 242: patient_phone: '123' is not a valid phone number/);
    expect(first.stdout).toMatch(/line 243: scheduled_at: '[\d-]+' is a date without a time of day; start_time: '[\d-]+' is a date without a time of day/);
    expect(first.stdout).toMatch(/line 244: status: 'remarcado' is not an outcome/);
    expect(first.stdout).toMatch(/line 245: start_time is in the future/);
    expect(first.stdout).toMatch(/line 246: birth_date: '31\/12\/1899' must not be before 1900-01-01/);
    expect(first.stdout).toMatch(/line 247: malformed CSV: Quote Not Closed/);
    expect(first.stdout).not.toMatch(/importing \[/); // no progress bar off a terminal
    expect(count('SELECT count(*) AS n FROM appointments')).toBe(240);
    expect(count('SELECT count(*) AS n FROM patients')).toBe(30);
    expect(count("SELECT count(*) AS n FROM appointments WHERE status = 'no_show'")).toBeGreaterThan(20);
    expect(count("SELECT count(*) AS n FROM appointments WHERE source = 'whatsapp'")).toBe(240);
    expect(count("SELECT count(*) AS n FROM patients WHERE phone LIKE '+55319800000%' AND birth_date IS NOT NULL")).toBe(10);
    expect(count('SELECT count(*) AS n FROM outbox')).toBe(0);
    expect(count('SELECT count(*) AS n FROM providers WHERE is_active = 0')).toBe(1);

    const again = await cli('import', 'appointments', csv, '--tenant', TENANT);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain('Imported 0 appointment(s); 240 already imported; 6 rejected.');
    expect(count('SELECT count(*) AS n FROM appointments')).toBe(240);
    expect(count('SELECT count(*) AS n FROM patients')).toBe(30);
    expect(count('SELECT count(*) AS n FROM providers')).toBe(1);
  }, TIMEOUT);

  it('trains each tenant: a model for the one with history, the prior for the other', async () => {
    const result = await cli('model', 'train');
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/Tenant 'Clínica Histórica': trained no-show model version 1 on 240 outcomes \(\d+ no-shows\)\. Holdout [\d-]+\.\.[\d-]+ \(\d+\): AUC 0\.\d+/);
    expect(result.stdout).toContain("Tenant 'Outra Clínica': 0 outcome(s), fewer than 200; scores keep using the documented prior.");
    expect(count('SELECT count(*) AS n FROM no_show_models')).toBe(1);
  }, TIMEOUT);

  it('refuses an unknown default provider before reading a row', async () => {
    const result = await cli('import', 'appointments', csv, '--tenant', TENANT, '--provider', 'Dr. Ninguém');
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/--provider: no provider has the id or name 'Dr. Ninguém'/);
    expect(result.stdout).toBe('');
  }, TIMEOUT);

  it('refuses a --delimiter that is not one character or tab, naming the option, before reading a row', async () => {
    for (const delimiter of [';;', '\\t', '']) {
      const result = await cli('import', 'appointments', csv, '--tenant', TENANT, '--delimiter', delimiter);
      expect(result.code, delimiter).toBe(1);
      expect(result.stderr).toBe(`error: --delimiter: expected one character, such as ',' or ';', or 'tab' (got '${delimiter}')\n`);
      expect(result.stdout).toBe('');
    }
  }, TIMEOUT);

  it('maps header names in English or Portuguese onto the columns, ignoring the unknown and repeated', () => {
    expect(mapHeader(['Telefone', 'Data de Nascimento', 'Agendado em', 'Data da consulta', 'Situação', 'Profissional', 'Cor favorita', 'phone'])).toEqual([
      'patient_phone',
      'birth_date',
      'scheduled_at',
      'start_time',
      'status',
      'provider',
      null,
      null,
    ]);
    expect(mapHeader(['patient_id', 'ScheduledDay', 'start', 'status', 'appointment_id'])).toEqual([
      'patient_external_id',
      'scheduled_at',
      'start_time',
      'status',
      'appointment_external_id',
    ]);
  });
});
