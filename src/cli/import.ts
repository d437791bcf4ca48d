/**
 * `agendador import appointments FILE.csv`: a clinic's past appointments and their outcomes, for the
 * no-show model (src/core/no-show/import.ts has the rules). The CSV is read here: its encoding (UTF-8,
 * UTF-16 with a BOM, else Windows-1252), delimiter (`,` `;` or tab, detected from the header unless
 * given), a header row whose names map onto our columns (English or Portuguese, any case or accents;
 * unknown columns are ignored and named), then each row goes through the core. Prints a summary: imported, already imported, rejected with line and reasons.
 * A progress bar is drawn on stderr when it is a terminal (never under CI=true).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Command } from 'commander';
import { parse } from 'csv-parse/sync';
import { SingleBar, Presets } from 'cli-progress';
import { IMPORT_HEADERS_PT } from '../../locales/pt-BR/history-import';
import { ValidationError } from '../core/errors';
import { IMPORT_COLUMNS, type ImportColumn, type ImportRow } from '../core/no-show/import';
import { allTenants, findTenant } from './model';
import { CliError, type CliContext, type CliRunner } from './keys';

const HEADERS_EN: Record<ImportColumn, readonly string[]> = {
  patient_external_id: ['patient_id', 'patientid', 'external_id', 'patient_ref'],
  patient_phone: ['phone', 'mobile', 'patient_mobile'],
  patient_name: ['name', 'patient'],
  birth_date: ['birthdate', 'date_of_birth', 'dob'],
  scheduled_at: ['scheduledday', 'scheduled_day', 'booked_at', 'booking_time', 'created_at'],
  start_time: ['start', 'starts_at', 'appointment_start', 'appointment_time', 'appointment_datetime'],
  end_time: ['end', 'ends_at', 'appointment_end'],
  status: ['outcome'],
  provider: ['provider_id', 'provider_name', 'doctor', 'provider_profile_id'],
  appointment_type: ['type', 'appointment_type_id'],
  location: ['location_id', 'unit', 'location_name'],
  channel: ['source', 'booking_channel'],
  appointment_external_id: ['appointment_id', 'external_reference', 'appointmentid'],
};

/** Header text as compared: no case, accents, or punctuation differences ("Data de Nascimento" = data_de_nascimento). */
const headerKey = (text: string) =>
  text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_|_$/g, '');

const ALIASES = new Map<string, ImportColumn>();
for (const column of IMPORT_COLUMNS) {
  for (const name of [column, ...HEADERS_EN[column], ...(IMPORT_HEADERS_PT[column] ?? [])]) ALIASES.set(headerKey(name), column);
}

/** Our column for each header cell (null: ignored). */
export function mapHeader(header: string[]): Array<ImportColumn | null> {
  const seen = new Set<ImportColumn>();
  return header.map((cell) => {
    const column = ALIASES.get(headerKey(cell)) ?? null;
    if (column === null || seen.has(column)) return null;
    seen.add(column);
    return column;
  });
}

/**
 * The text of a CSV file as spreadsheets save it: UTF-16 when it starts with its byte order mark (Excel's
 * "Texto Unicode"), else UTF-8 when it is valid UTF-8, else Windows-1252 (Excel's "CSV (separado por
 * vírgulas)" on a Brazilian Windows), rather than UTF-8 with every accented letter lost. A file that is
 * not valid UTF-8 but holds UTF-8 letters too (two exports pasted together) is `mixed`: read either way,
 * one part's accents would be stored mangled; `line` is the first line that is not UTF-8.
 */
export function decodeCsv(
  bytes: Uint8Array,
): { text: string; encoding: 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252' } | { encoding: 'mixed'; line: number } {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes), encoding: 'utf-16le' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(bytes), encoding: 'utf-16be' };
  const utf8 = new TextDecoder('utf-8', { fatal: true });
  try {
    return { text: utf8.decode(bytes), encoding: 'utf-8' };
  } catch {
    // an accented letter in UTF-8: a lead byte and its continuation bytes, which Windows-1252 text
    // (whose accented letters are single bytes) practically never has in a row
    if (/[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}/.test(Buffer.from(bytes).toString('latin1'))) {
      let start = 0;
      for (let line = 1; ; line++) {
        const end = bytes.indexOf(0x0a, start);
        try {
          utf8.decode(bytes.subarray(start, end === -1 ? bytes.length : end));
        } catch {
          return { encoding: 'mixed', line };
        }
        if (end === -1) break;
        start = end + 1;
      }
    }
    return { text: new TextDecoder('windows-1252').decode(bytes), encoding: 'windows-1252' };
  }
}

function detectDelimiter(firstLine: string): string {
  const counts = [',', ';', '\t'].map((d) => [d, firstLine.split(d).length - 1] as const);
  return counts.reduce((best, c) => (c[1] > best[1] ? c : best))[0];
}

interface ImportOptions {
  tenant?: string;
  timezone?: string;
  provider?: string;
  type?: string;
  location?: string;
  delimiter?: string;
}

const MAX_LISTED = 100;

async function importAppointments(ctx: CliContext, file: string, opts: ImportOptions): Promise<void> {
  if (opts.delimiter !== undefined && opts.delimiter !== 'tab' && [...opts.delimiter].length !== 1) {
    throw new CliError(`--delimiter: expected one character, such as ',' or ';', or 'tab' (got '${opts.delimiter}')`);
  }
  // `npm run cli` runs in the project's root; a relative path means one from where it was typed (INIT_CWD)
  file = resolve(process.env.INIT_CWD || process.cwd(), file);
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : code === 'EACCES' ? 'permission denied' : (code ?? (err as Error).message);
    throw new CliError(`cannot read ${file}: ${why}`);
  }
  const decoded = decodeCsv(bytes);
  if (decoded.encoding === 'mixed') {
    throw new CliError(`${file} mixes UTF-8 with another encoding (line ${decoded.line} is not UTF-8); save it again as UTF-8 (in Excel: "CSV UTF-8")`);
  }
  const text = decoded.text.replace(/^\ufeff/, '');

  let tenant;
  if (opts.tenant !== undefined) tenant = await findTenant(ctx, opts.tenant);
  else {
    const all = await allTenants(ctx);
    if (all.length !== 1) throw new CliError(all.length === 0 ? 'no tenants: create one with `keys create`' : 'several tenants: pass --tenant <id or name>');
    tenant = all[0]!;
  }

  const delimiter = opts.delimiter === 'tab' ? '\t' : (opts.delimiter ?? detectDelimiter(text.split(/\r?\n/, 1)[0] ?? ''));
  const malformed = new Map<number, string>();
  const records = parse(text, {
    delimiter,
    relax_column_count: true,
    skip_empty_lines: true,
    info: true,
    skip_records_with_error: true,
    on_skip: (err) => {
      const line = Number(err?.lines);
      if (err && !malformed.has(line)) malformed.set(line, err.message);
      return undefined;
    },
  }) as unknown as Array<{ record: string[]; info: { lines: number } }>;
  if (records.length === 0) throw new CliError(`${file} is empty`);

  const header = records[0]!.record;
  const columns = mapHeader(header);
  const present = new Set(columns.filter((c): c is ImportColumn => c !== null));
  const missing: string[] = [];
  if (!present.has('patient_external_id') && !present.has('patient_phone')) missing.push('patient_external_id or patient_phone');
  for (const needed of ['scheduled_at', 'start_time', 'status'] as const) if (!present.has(needed)) missing.push(needed);
  if (missing.length > 0) {
    throw new CliError(`${file} has no column for ${missing.join(', ')} (header: ${header.join(', ')}); see the README, "History import"`);
  }
  const ignored = header.filter((_, i) => columns[i] === null);

  let importer;
  try {
    importer = await ctx.core.historyImport.start(tenant.id, {
      timezone: opts.timezone ?? ctx.config.DEFAULT_TIMEZONE,
      provider: opts.provider,
      appointment_type: opts.type,
      location: opts.location,
    });
  } catch (err) {
    if (err instanceof ValidationError) throw new CliError(`--${(err.errors[0]?.path ?? '').replace('appointment_type', 'type')}: ${err.errors[0]?.message ?? err.message}`);
    throw err;
  }

  const rows = records.slice(1);
  const showBar = Boolean(process.stderr.isTTY) && !/^(1|true|yes)$/i.test(process.env.CI ?? '');
  const bar = showBar ? new SingleBar({ format: 'importing [{bar}] {value}/{total} rows', hideCursor: true }, Presets.shades_classic) : null;
  bar?.start(rows.length, 0);

  let imported = 0;
  let duplicates = 0;
  const rejected: Array<{ line: number; reasons: string[] }> = [];
  // the parser names the line where a malformed record ended; report the line it began on
  const ends = records.map((r) => r.info.lines);
  for (const [line, message] of malformed) {
    const before = ends.filter((end) => end < line);
    rejected.push({ line: before.length > 0 ? Math.max(...before) + 1 : line, reasons: [`malformed CSV: ${message}`] });
  }
  for (const { record, info } of rows) {
    const row: ImportRow = {};
    columns.forEach((column, i) => {
      const value = record[i]?.trim();
      if (column !== null && value) row[column] = value;
    });
    const result = await importer.importRow(row);
    if (result.status === 'imported') imported++;
    else if (result.status === 'duplicate') duplicates++;
    else rejected.push({ line: info.lines, reasons: result.reasons });
    bar?.increment();
  }
  bar?.stop();
  rejected.sort((a, b) => a.line - b.line);

  ctx.print(`Tenant '${tenant.name}': ${file}`);
  if (decoded.encoding === 'windows-1252') {
    ctx.print('The file is not valid UTF-8: read as Windows-1252 (as Excel saves "CSV (separado por vírgulas)").');
  }
  if (ignored.length > 0) ctx.print(`Ignored columns: ${ignored.join(', ')}`);
  ctx.print(`Imported ${imported} appointment(s); ${duplicates} already imported; ${rejected.length} rejected.`);
  for (const r of rejected.slice(0, MAX_LISTED)) ctx.print(`  line ${r.line}: ${r.reasons.join('; ')}`);
  if (rejected.length > MAX_LISTED) ctx.print(`  … and ${rejected.length - MAX_LISTED} more`);
  if (imported > 0) ctx.print('To train the no-show model on this history now: npm run cli -- model train');
}

export function importCommand(run: CliRunner): Command {
  const command = new Command('import').description('bring in data from a clinic\'s previous system');
  command
    .command('appointments')
    .description('import past appointments and their outcomes from a CSV file (see the README, "History import")')
    .argument('<file>', 'the CSV file (a relative path is read from where npm was run); header row required')
    .option('--tenant <id-or-name>', 'the tenant to import into (required when there are several)')
    .option('--timezone <zone>', 'IANA zone of date-times without an offset (default: the location\'s, else DEFAULT_TIMEZONE)')
    .option('--provider <id-or-name>', 'provider for rows without one (default: an inactive placeholder)')
    .option('--type <id-or-name>', 'appointment type for rows without one (default: an inactive placeholder)')
    .option('--location <id-or-name>', 'location for rows without one (default: an inactive placeholder)')
    .option('--delimiter <char>', "field delimiter: ',', ';' or 'tab' (default: detected from the header)")
    .action((file: string, opts: ImportOptions) => run((ctx) => importAppointments(ctx, file, opts)));
  return command;
}
