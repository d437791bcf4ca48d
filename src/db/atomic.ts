/**
 * The one place where a rule check and its write become one step (ARCHITECTURE.md, convention 6).
 *
 * Callers build every statement first — guards expressed in SQL (INSERT … SELECT … WHERE <rules hold>,
 * UPDATE … WHERE status = ? AND version = ?), follow-up writes guarded on the first one having
 * happened (WHERE EXISTS (… change_id = ?)) — and hand them here. On better-sqlite3 they run inside a
 * BEGIN IMMEDIATE transaction, so two processes on one file serialise (steps asked for in the same
 * turn of the event loop share one, see groupCommitter); on D1 they run as one `batch`, which D1
 * executes as a single transaction. No in-process lock is involved: the database decides. Each `run`
 * step yields its affected-row count, each `all` step its rows.
 */
import type { SQLWrapper } from 'drizzle-orm';
import type { AppDatabase } from './database';
import { isRawQuery, type RawQuery } from './raw-sql';

type Statement = RawQuery | SQLWrapper;
export type AtomicStep = { run: Statement } | { all: Statement };
export type AtomicResult = number | Record<string, unknown>[];

interface SyncClient {
  prepare(text: string): {
    run(...params: unknown[]): { changes: number };
    all(...params: unknown[]): Record<string, unknown>[];
  };
  transaction<A extends unknown[], T>(fn: (...args: A) => T): { immediate(...args: A): T };
  readonly inTransaction: boolean;
}

interface D1Client {
  prepare(text: string): { bind(...params: unknown[]): unknown };
  batch(statements: unknown[]): Promise<Array<{ results?: Record<string, unknown>[]; meta?: { changes?: number } }>>;
}

function render(db: AppDatabase, statement: Statement): { text: string; params: readonly unknown[] } {
  if (isRawQuery(statement)) return statement;
  const query = (db as unknown as { dialect: { sqlToQuery(sql: unknown): { sql: string; params: unknown[] } } }).dialect.sqlToQuery(
    (statement as SQLWrapper).getSQL(),
  );
  return { text: query.sql, params: query.params };
}

/**
 * A statement's anonymous `?` placeholders, split out once per text: the pieces between them, and the
 * texts already built from them by pattern of equal values (see `numbered`).
 */
interface Placeholders {
  pieces: string[];
  byPattern: Map<string, string>;
}

const placeholdersByText = new Map<string, Placeholders | null>();
const MAX_NUMBERED_TEXTS = 1_000;
const MAX_PATTERNS_PER_TEXT = 16;

/** The text split at its anonymous placeholders (`?` outside quotes), or null when it has none or numbers its own. */
function placeholdersOf(text: string): Placeholders | null {
  const pieces: string[] = [];
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 39 || c === 34 || c === 96) {
      // '…', "…" and `…`: a quote inside is written twice, which this skips as two quoted runs
      const close = text.indexOf(text[i]!, i + 1);
      if (close < 0) return null;
      i = close;
    } else if (c === 63) {
      const next = text.charCodeAt(i + 1);
      if (next >= 48 && next <= 57) return null; // already numbered (?NNN)
      pieces.push(text.slice(from, i));
      from = i + 1;
    }
  }
  if (pieces.length === 0) return null;
  pieces.push(text.slice(from));
  return { pieces, byPattern: new Map() };
}

/**
 * The statement with one numbered placeholder (`?1`, `?2`, …) per distinct value instead of one `?` per
 * use, and the values in that order. A booking's guards use a few ids and instants over and over: ~105
 * placeholders for ~25 values. D1 refuses a statement with more than 100 (its SQLITE_LIMIT_VARIABLE_NUMBER).
 * Equal values are interchangeable, so the statement means the same; its text depends only on which of
 * its values are equal, and is cached by that. Only the D1 path uses it: better-sqlite3 allows 32,766
 * placeholders, and what binding fewer values saves there (~3 µs for a booking's guards) is about what
 * numbering them costs (~4 µs).
 */
export function numbered(text: string, params: readonly unknown[]): { text: string; params: unknown[] } {
  if (params.length === 0) return { text, params: [] };
  let placeholders = placeholdersByText.get(text);
  if (placeholders === undefined) {
    placeholders = placeholdersOf(text);
    if (placeholdersByText.size >= MAX_NUMBERED_TEXTS) placeholdersByText.clear();
    placeholdersByText.set(text, placeholders);
  }
  if (placeholders === null || placeholders.pieces.length !== params.length + 1) return { text, params: [...params] };
  const slotOf = new Map<unknown, number>();
  const values: unknown[] = [];
  const slots: number[] = new Array(params.length);
  for (let i = 0; i < params.length; i++) {
    const value = params[i];
    let slot = slotOf.get(value);
    if (slot === undefined) {
      values.push(value);
      slot = values.length;
      slotOf.set(value, slot);
    }
    slots[i] = slot;
  }
  const pattern = slots.join(',');
  let built = placeholders.byPattern.get(pattern);
  if (built === undefined) {
    const { pieces } = placeholders;
    built = pieces[0]!;
    for (let i = 0; i < slots.length; i++) built += `?${slots[i]}${pieces[i + 1]!}`;
    if (placeholders.byPattern.size >= MAX_PATTERNS_PER_TEXT) placeholders.byPattern.clear();
    placeholders.byPattern.set(pattern, built);
  }
  return { text: built, params: values };
}

export async function runAtomic(db: AppDatabase, steps: AtomicStep[]): Promise<AtomicResult[]> {
  if (steps.length === 0) return [];
  const rendered = steps.map((s) => ({ reads: 'all' in s, ...render(db, 'all' in s ? s.all : s.run) }));
  const client = (db as unknown as { $client: SyncClient | D1Client }).$client;
  if ('batch' in client) return runBatch(client, rendered);
  return groupCommitter(client as SyncClient)(rendered);
}

type Rendered = { reads: boolean; text: string; params: readonly unknown[] };

/**
 * D1: the steps as one batch (one transaction). A write's `meta.changes` there counts the rows its
 * triggers wrote too (an appointment's insert bumps availability_revisions: 2), so each write is
 * followed in the batch by `SELECT changes()`, which counts the rows the statement itself changed,
 * as better-sqlite3's `changes` does.
 */
async function runBatch(client: D1Client, steps: Rendered[]): Promise<AtomicResult[]> {
  const statements: unknown[] = [];
  for (const s of steps) {
    const { text, params } = numbered(s.text, s.params);
    statements.push(client.prepare(text).bind(...params));
    if (!s.reads) statements.push(client.prepare('SELECT changes() AS n'));
  }
  const results = await client.batch(statements);
  const answers: AtomicResult[] = [];
  let i = 0;
  for (const s of steps) {
    const result = results[i++]!;
    if (s.reads) answers.push(result.results ?? []);
    else answers.push(Number(results[i++]!.results?.[0]?.n ?? 0));
  }
  return answers;
}

/** Taken once, so that tests faking timers cannot stall the database. */
const scheduleFlush: (run: () => void) => unknown = globalThis.setImmediate ?? ((run: () => void) => setTimeout(run, 0));

interface Pending {
  steps: Rendered[];
  resolve(results: AtomicResult[]): void;
  reject(error: unknown): void;
}

/**
 * The most steps one commit carries. Larger groups save little more (most of a commit's pages are
 * shared by the first few), hold the write lock longer, and make the first answers wait for the last.
 */
const MAX_GROUP = 8;

const committers = new WeakMap<SyncClient, (steps: Rendered[]) => Promise<AtomicResult[]>>();

function runSteps(sync: SyncClient, steps: Rendered[]): AtomicResult[] {
  return steps.map((s) => (s.reads ? sync.prepare(s.text).all(...s.params) : sync.prepare(s.text).run(...s.params).changes));
}

/**
 * Group commit. Atomic steps asked for in the same turn of the event loop (up to MAX_GROUP) run one
 * after another in one BEGIN IMMEDIATE transaction, so each sees every earlier step's writes exactly
 * as if each had had a transaction of its own, and all are answered after the one COMMIT. A commit
 * writes every page the group dirtied once, so concurrent writers share its cost. A step that throws
 * is rare (a guard refuses by affecting no rows, not by failing): the group is then rolled back and
 * every step of it runs again in its own transaction, so one step's failure is only ever that step's.
 */
function groupCommitter(sync: SyncClient): (steps: Rendered[]) => Promise<AtomicResult[]> {
  let committer = committers.get(sync);
  if (committer) return committer;
  const alone = sync.transaction((steps: Rendered[]) => runSteps(sync, steps));
  const begin = sync.prepare('BEGIN IMMEDIATE');
  const commit = sync.prepare('COMMIT');
  const rollback = sync.prepare('ROLLBACK');
  const queue: Pending[] = [];

  const eachAlone = (group: Pending[]) => {
    for (const p of group) {
      try {
        p.resolve(alone.immediate(p.steps));
      } catch (err) {
        p.reject(err);
      }
    }
  };

  const flush = () => {
    const group = queue.splice(0);
    if (group.length <= 1) return eachAlone(group);
    try {
      begin.run();
    } catch (err) {
      // Another process held the write lock past the busy timeout: every step would have failed so.
      for (const p of group) p.reject(err);
      return;
    }
    let results: AtomicResult[][];
    try {
      results = group.map((p) => runSteps(sync, p.steps));
      commit.run();
    } catch {
      if (sync.inTransaction) rollback.run();
      return eachAlone(group);
    }
    group.forEach((p, i) => p.resolve(results[i]!));
  };

  committer = (steps) =>
    new Promise<AtomicResult[]>((resolve, reject) => {
      queue.push({ steps, resolve, reject });
      // a full group goes at once, so that its answers do not wait for the rest of a crowd
      if (queue.length >= MAX_GROUP) flush();
      else if (queue.length === 1) scheduleFlush(flush);
    });
  committers.set(sync, committer);
  return committer;
}

/** Rows of one read, outside any atomic step. */
export async function readRows(db: AppDatabase, statement: Statement): Promise<Record<string, unknown>[]> {
  const { text, params } = render(db, statement);
  const client = (db as unknown as { $client: SyncClient | D1Client }).$client;
  if ('batch' in client) {
    const d1 = numbered(text, params);
    const prepared = client.prepare(d1.text).bind(...d1.params) as { all(): Promise<{ results?: Record<string, unknown>[] }> };
    return (await prepared.all()).results ?? [];
  }
  return (client as SyncClient).prepare(text).all(...params);
}
