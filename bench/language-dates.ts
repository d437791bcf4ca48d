/**
 * Issue #6's figures for dates and times, all in one run:
 * - extractWhen latency per typical patient message (p50/p95 µs, messages/s), beside raw
 *   `chrono.pt.casual.parse` on the same messages in the same run (its ratio);
 * - when ../shared/bench-data/ is there: the share of public corpus cases whose expected local date
 *   we read right, ours against raw chrono pt, on Duckling's pt time corpus and chrono's own pt tests.
 *
 * Scoring the corpora (their README: they measure, the contract wins where a convention differs):
 * - only cases with a date to compare: instants of day grain, and instants or intervals of hour or
 *   minute grain (for those, a reading without date words counts as today, as chrono implies it);
 * - not scored: past dates ("ontem", "terça passada", "2 minutos atrás"), which a booking request
 *   cannot mean, unless the text writes the year; years before 1; chrono's structure-only cases;
 * - where RULES.md reads a phrase otherwise, its reading is the expected date (CONTRACT_READINGS).
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as chrono from 'chrono-node';
import { extractWhen } from '../src/core/language/when';

const REFERENCE = new Date('2026-11-25T12:00:00Z');
const ZONE = 'America/Sao_Paulo';
const ZONE_OFFSET_MINUTES = -180;

/** What patients write, WhatsApp style (the same set feeds both readers). */
const MESSAGES = [
  'oi, queria marcar cardiologista amanha de manha',
  'tem horário na sexta às 14h?',
  'não posso segunda, só terça à tarde',
  'semana que vem de tarde depois das 15h',
  'bom dia! gostaria de agendar uma consulta com a dra ana dia 15 às 10h30',
  'pode ser daqui a 2 semanas, no fim da tarde',
  'quero remarcar pra próxima quinta 9 e meia',
  'boa tarde',
  'preciso desmarcar minha consulta',
  'vcs tem vaga pra dermato amanhã cedo?',
  'dia 3 de janeiro às 2 da tarde',
  'qualquer dia do mês que vem, de manhã',
  'amanhã não dá, pode ser depois de amanhã entre 14h e 16h?',
  'tem horário 15/12 meio dia?',
  'me coloca na lista de espera pro fim do mês',
  'obrigado!',
];

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;

/** Per-message latencies (µs) of `fn` over MESSAGES, in rounds, for about `seconds`, after a warm-up. */
function sample(fn: (message: string) => unknown, seconds: number): { micros: number[]; perSecond: number } {
  for (let i = 0; i < 200; i++) for (const m of MESSAGES) fn(m);
  const micros: number[] = [];
  let busy = 0;
  const until = performance.now() + seconds * 1000;
  while (micros.length < 20 * MESSAGES.length || performance.now() < until) {
    for (const m of MESSAGES) {
      const t0 = performance.now();
      fn(m);
      const dt = performance.now() - t0;
      busy += dt;
      micros.push(dt * 1000);
    }
  }
  micros.sort((a, b) => a - b);
  return { micros, perSecond: micros.length / (busy / 1000) };
}

function latency(seconds: number) {
  const ours = sample((m) => extractWhen(m, { reference: REFERENCE, timezone: ZONE }), seconds / 2);
  const raw = sample((m) => chrono.pt.casual.parse(m, { instant: REFERENCE, timezone: ZONE_OFFSET_MINUTES }), seconds / 2);
  // a 20 KB message: 380 repetitions of a short request and a final one
  const long = `${'não posso segunda, só terça de manhã. amanhã às 14h? '.repeat(380)}ok, sexta às 10h`;
  const longMs: number[] = [];
  for (let i = 0; i < 10; i++) {
    const t0 = performance.now();
    extractWhen(long, { reference: REFERENCE, timezone: ZONE });
    longMs.push(performance.now() - t0);
  }
  longMs.sort((a, b) => a - b);
  return {
    messages: MESSAGES.length,
    samples: ours.micros.length,
    ours_p50_us: round(percentile(ours.micros, 50)),
    ours_p95_us: round(percentile(ours.micros, 95)),
    ours_messages_per_s: Math.round(ours.perSecond),
    raw_chrono_p50_us: round(percentile(raw.micros, 50)),
    raw_chrono_p95_us: round(percentile(raw.micros, 95)),
    raw_chrono_messages_per_s: Math.round(raw.perSecond),
    ours_to_raw_p50: round(percentile(ours.micros, 50) / percentile(raw.micros, 50), 2),
    goal_ours_p50_us: 1000,
    long_message_chars: long.length,
    long_message_p50_ms: round(percentile(longMs, 50), 2),
  };
}

/** One corpus case reduced to what we compare: the text, its reference, the expected local date. */
interface DateCase {
  text: string;
  reference: Date;
  /** the zone for extractWhen and the offset for raw chrono at that reference */
  zone: string;
  offsetMinutes: number;
  expected: string;
  /** no date words means today (cases of hour or minute grain) */
  todayByDefault: boolean;
}

/** Where RULES.md (the contract) reads a corpus phrase otherwise: its reading is what we expect. */
const CONTRACT_READINGS: Record<string, { date: string; why: string }> = {
  'quarta que vem': { date: '2013-02-13', why: 'RULES.md: "segunda que vem" is the bare weekday, not next week’s' },
  'este final de semana': { date: '2013-02-16', why: 'RULES.md: the weekend is Saturday–Sunday (Duckling starts Friday 18:00)' },
  'este fim de semana': { date: '2013-02-16', why: 'RULES.md: the weekend is Saturday–Sunday (Duckling starts Friday 18:00)' },
  '12 de Julho às 19:00': { date: '2013-07-12', why: 'RULES.md: a date without a year is the next one on or after today (chrono takes the closest)' },
};

const localDateOf = (isoWithOffset: string) => isoWithOffset.slice(0, 10);

/** A past date cannot be asked for, unless written with its year ("31/10/1974"). */
function scoreable(text: string, expected: string, today: string): boolean {
  if (expected.startsWith('-') || expected < '0001-01-01') return false;
  return expected >= today || /\d{4}|\/\d{2}\b/.test(text);
}

interface DucklingCase {
  text: string;
  expected: { kind: string; grain?: string; value?: string; from?: string };
}

function ducklingCases(dir: URL): DateCase[] {
  const corpus = JSON.parse(readFileSync(new URL('duckling/pt_time_corpus.json', dir), 'utf8')) as {
    reference_time: string;
    cases: DucklingCase[];
  };
  const reference = new Date(corpus.reference_time);
  const today = localDateOf(corpus.reference_time);
  const cases: DateCase[] = [];
  for (const c of corpus.cases) {
    const { kind, grain, value, from } = c.expected;
    const dayGrain = kind === 'instant' && grain === 'day';
    const clockGrain = (grain === 'hour' || grain === 'minute') && (kind === 'instant' || kind === 'interval');
    const start = kind === 'instant' ? value : from;
    if ((!dayGrain && !clockGrain) || !start) continue;
    const expected = CONTRACT_READINGS[c.text]?.date ?? localDateOf(start);
    if (!scoreable(c.text, expected, today)) continue;
    // Duckling's fixed -02:00 matches São Paulo's daylight saving time on 2013-02-12
    cases.push({ text: c.text, reference, zone: ZONE, offsetMinutes: -120, expected, todayByDefault: clockGrain });
  }
  return cases;
}

interface ChronoCase {
  text: string;
  refDate: string | null;
  expected: { start?: { components?: Record<string, number>; date?: string } };
}

function chronoCases(dir: URL): DateCase[] {
  const corpus = JSON.parse(readFileSync(new URL('chrono/pt_chrono_cases.json', dir), 'utf8')) as { cases: ChronoCase[] };
  const cases: DateCase[] = [];
  for (const c of corpus.cases) {
    const components = c.expected.start?.components;
    // structure-only cases (no reference) and time-only expectations have no date to compare
    if (c.refDate === null || !components || components.day === undefined) continue;
    const { year, month, day } = components;
    if (year === undefined || month === undefined) continue;
    const written = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
    const expected = CONTRACT_READINGS[c.text]?.date ?? written;
    if (!scoreable(c.text, expected, c.refDate.slice(0, 10))) continue;
    // refDate is a naive local wall time: read it as UTC, in UTC
    cases.push({
      text: c.text,
      reference: new Date(`${c.refDate}Z`),
      zone: 'UTC',
      offsetMinutes: 0,
      expected,
      todayByDefault: components.hour !== undefined,
    });
  }
  return cases;
}

const dateOfComponents = (c: chrono.ParsedComponents) =>
  `${String(c.get('year')).padStart(4, '0')}-${String(c.get('month')).padStart(2, '0')}-${String(c.get('day')).padStart(2, '0')}`;

function oursReads(c: DateCase): string | null {
  const w = extractWhen(c.text, { reference: c.reference, timezone: c.zone });
  return w.date_from ?? (c.todayByDefault ? todayOf(c) : null);
}

function rawChronoReads(c: DateCase): string | null {
  const [first] = chrono.pt.casual.parse(c.text, { instant: c.reference, timezone: c.offsetMinutes });
  // chrono always implies a date; a result with no date words only counts where today is the default
  if (!first) return null;
  const datesSomething = first.start.isCertain('day') || first.start.isCertain('weekday');
  return datesSomething || c.todayByDefault ? dateOfComponents(first.start) : null;
}

function todayOf(c: DateCase): string {
  return new Date(c.reference.getTime() + c.offsetMinutes * 60_000).toISOString().slice(0, 10);
}

function score(cases: DateCase[]) {
  let ours = 0;
  let raw = 0;
  const oursMisses: Array<{ text: string; expected: string; got: string | null }> = [];
  for (const c of cases) {
    const got = oursReads(c);
    if (got === c.expected) ours++;
    else oursMisses.push({ text: c.text, expected: c.expected, got });
    if (rawChronoReads(c) === c.expected) raw++;
  }
  const share = (n: number) => (cases.length === 0 ? null : round((100 * n) / cases.length));
  return {
    cases: cases.length,
    ours_correct: ours,
    ours_pct: share(ours),
    raw_chrono_correct: raw,
    raw_chrono_pct: share(raw),
    ours_misses: oursMisses,
  };
}

function corpora() {
  const dir = new URL('../../shared/bench-data/', import.meta.url);
  if (!existsSync(fileURLToPath(dir))) return { skipped: `no corpora at ${fileURLToPath(dir)} (see its README in a full checkout)` };
  const duckling = ducklingCases(dir);
  const chronoOwn = chronoCases(dir);
  return {
    contract_readings: CONTRACT_READINGS,
    duckling_pt_time: {
      ...score(duckling),
      day_grain: figures(score(duckling.filter((c) => !c.todayByDefault))),
      hour_or_minute_grain: figures(score(duckling.filter((c) => c.todayByDefault))),
    },
    chrono_pt: score(chronoOwn),
  };
}

/** A score without its list of misses. */
const figures = ({ ours_misses: _misses, ...rest }: ReturnType<typeof score>) => rest;

export async function run(seconds = Number(process.env.BENCH_SECONDS ?? 5)) {
  return { name: 'language_dates', latency: latency(seconds), corpora: corpora() };
}
