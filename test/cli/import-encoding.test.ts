/**
 * `agendador import appointments` on files as spreadsheets save them in Brazil: Excel's "CSV (separado
 * por vírgulas)" writes Windows-1252, its "Texto Unicode" UTF-16 with a BOM and tabs. Accented headers
 * must map and accented names must be stored as written, never as replacement characters. And the
 * file named as `npm run cli` is run: npm runs the CLI in the project's root, not where it was typed.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCore } from '../../src/core';
import { randomIds, systemClock } from '../../src/core/clock';
import { addDays, localDate } from '../../src/core/time';
import { migrateSqlite, openSqlite, type SqliteHandle } from '../../src/db/client.sqlite';
import { createRepositories } from '../../src/db/repos';
import { killChildren, runTs } from '../helpers/spawn';

const TIMEOUT = 60_000;
const TENANT = 'Clínica Acentuada';

describe('agendador import appointments: file encodings', () => {
  let dir: string;
  let dbPath: string;
  let handle: SqliteHandle;
  const cli = (...args: string[]) => runTs('src/cli/index.ts', args, { DATABASE_PATH: dbPath, CI: 'true' });
  const nameOf = (ref: string) =>
    (
      handle.sqlite
        .prepare('SELECT p.name FROM patients p JOIN patient_external_ids x ON x.patient_id = p.id WHERE x.external_id = ?')
        .get(ref) as { name: string } | undefined
    )?.name;

  const day = (offset: number) => addDays(localDate(new Date(), 'America/Sao_Paulo'), offset);
  const rows = (ref: string, name: string) => [
    ['Prontuário', 'Nome', 'Agendado em', 'Data da consulta', 'Situação'],
    [ref, name, `${day(-30)} 08:00`, `${day(-10)} 09:00`, 'faltou'],
  ];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'agendador-import-encoding-'));
    dbPath = join(dir, 'cli.db');
    handle = openSqlite(dbPath);
    migrateSqlite(handle);
    await buildCore(createRepositories(handle.db), systemClock, randomIds).keys.ensureTenant(TENANT);
  });

  afterAll(async () => {
    await killChildren();
    handle?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('reads a Windows-1252 file (Excel\'s "CSV (separado por vírgulas)") as such, and says so', async () => {
    const file = join(dir, 'excel.csv');
    const text = rows('W1', 'João Conceição Araújo').map((r) => r.join(';')).join('\r\n') + '\r\n';
    writeFileSync(file, Buffer.from(text, 'latin1')); // the same bytes as Windows-1252 for these letters
    const result = await cli('import', 'appointments', file, '--tenant', TENANT);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('Imported 1 appointment(s); 0 already imported; 0 rejected.');
    expect(result.stdout).toMatch(/not valid UTF-8: read as Windows-1252/);
    expect(nameOf('W1')).toBe('João Conceição Araújo');
  }, TIMEOUT);

  it('reads a UTF-16 file with a byte order mark (Excel\'s "Texto Unicode", tab-separated)', async () => {
    const file = join(dir, 'excel-unicode.txt');
    const text = rows('U1', 'Conceição Gonçalves').map((r) => r.join('\t')).join('\r\n') + '\r\n';
    writeFileSync(file, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
    const result = await cli('import', 'appointments', file, '--tenant', TENANT);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('Imported 1 appointment(s); 0 already imported; 0 rejected.');
    expect(nameOf('U1')).toBe('Conceição Gonçalves');
  }, TIMEOUT);

  it('reads a relative path from the directory npm was run in (INIT_CWD), and says plainly why a file cannot be read', async () => {
    const here = join(dir, 'exports');
    mkdirSync(here);
    writeFileSync(join(here, 'historico.csv'), `${rows('R1', 'Relativa').map((r) => r.join(',')).join('\n')}\n`);
    // what `cd exports && npm run cli -- import appointments historico.csv` runs: cwd is the project root
    const env = { DATABASE_PATH: dbPath, CI: 'true', INIT_CWD: here };
    const result = await runTs('src/cli/index.ts', ['import', 'appointments', 'historico.csv', '--tenant', TENANT], env);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain(`Tenant '${TENANT}': ${join(here, 'historico.csv')}`);
    expect(nameOf('R1')).toBe('Relativa');

    const missing = await runTs('src/cli/index.ts', ['import', 'appointments', 'historico2.csv', '--tenant', TENANT], env);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toBe(`error: cannot read ${join(here, 'historico2.csv')}: no such file\n`);
    const directory = await runTs('src/cli/index.ts', ['import', 'appointments', '.', '--tenant', TENANT], env);
    expect(directory.stderr).toBe(`error: cannot read ${here}: it is a directory\n`);
  }, TIMEOUT);

  it('refuses a file that mixes UTF-8 with another encoding, naming the first line that is not UTF-8', async () => {
    // two exports pasted together: read either way, one half's accents would be stored mangled
    const file = join(dir, 'mixed.csv');
    const [header, row] = rows('M1', 'Inês Brandão').map((r) => r.join(','));
    const latin = `M2,Conceição,${day(-30)} 08:00,${day(-10)} 09:00,faltou\n`;
    writeFileSync(file, Buffer.concat([Buffer.from(`${header}\n${row}\n`), Buffer.from(latin, 'latin1')]));
    const result = await cli('import', 'appointments', file, '--tenant', TENANT);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      `error: ${file} mixes UTF-8 with another encoding (line 3 is not UTF-8); save it again as UTF-8 (in Excel: "CSV UTF-8")\n`,
    );
    expect(nameOf('M1')).toBeUndefined();
  }, TIMEOUT);

  it('reads UTF-8 as UTF-8, with or without a BOM, without a note', async () => {
    const file = join(dir, 'utf8.csv');
    writeFileSync(file, `\ufeff${rows('T1', 'Inês Brandão').map((r) => r.join(',')).join('\n')}\n`);
    const result = await cli('import', 'appointments', file, '--tenant', TENANT);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('Imported 1 appointment(s)');
    expect(result.stdout).not.toContain('Windows-1252');
    expect(nameOf('T1')).toBe('Inês Brandão');
  }, TIMEOUT);
});
