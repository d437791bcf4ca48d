/**
 * A minimal SQL builder for hot write paths: a tagged template that turns values into `?` parameters
 * and inlines nested fragments. The text a code path produces is always the same, so prepared
 * statements are reused; each template (and each join) also remembers the text it built last and
 * hands back that very string while its pieces are unchanged. Building a long statement (a booking's
 * guards are ~6 KB) by concatenation, then flattening and hashing it to find its prepared statement,
 * otherwise costs more than many of the statements it builds.
 */
export interface RawQuery {
  readonly text: string;
  readonly params: readonly unknown[];
}

const RAW = Symbol('raw');

function isRawQuery(value: unknown): value is RawQuery & { [RAW]: true } {
  return typeof value === 'object' && value !== null && (value as { [RAW]?: boolean })[RAW] === true;
}

function make(text: string, params: unknown[]): RawQuery {
  return { text, params, [RAW]: true } as RawQuery;
}

/** Same strings in the same order (the pieces are usually the very same string objects). */
function sameTexts(a: readonly (string | null)[], b: readonly (string | null)[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * Per template call site: the texts it built last, with the nested fragments' texts (null for a
 * parameter) each was built from. A few are kept, newest first (the oldest goes): a guard is built both
 * over values (a booking) and over another row's columns (a standing waitlist offer, appointment-guards.ts).
 */
const templateTexts = new WeakMap<TemplateStringsArray, Array<{ nested: (string | null)[]; text: string }>>();
const TEXTS_PER_TEMPLATE = 4;

function templateText(strings: TemplateStringsArray, nested: (string | null)[]): string {
  const built = templateTexts.get(strings);
  if (built) {
    for (let i = 0; i < built.length; i++) {
      const entry = built[i]!;
      if (sameTexts(entry.nested, nested)) return entry.text;
    }
  }
  let text = strings[0]!;
  for (let i = 0; i < nested.length; i++) text += (nested[i] ?? '?') + strings[i + 1]!;
  if (built) {
    built.unshift({ nested, text });
    if (built.length > TEXTS_PER_TEMPLATE) built.pop();
  } else templateTexts.set(strings, [{ nested, text }]);
  return text;
}

export function q(strings: TemplateStringsArray, ...values: unknown[]): RawQuery {
  const params: unknown[] = [];
  const nested: (string | null)[] = new Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    if (isRawQuery(value)) {
      nested[i] = value.text;
      for (const p of value.params) params.push(p);
    } else {
      nested[i] = null;
      params.push(typeof value === 'boolean' ? (value ? 1 : 0) : value === undefined ? null : value);
    }
  }
  return make(templateText(strings, nested), params);
}

/** Literal SQL text (identifiers, keywords): never user input. */
export function raw(text: string): RawQuery {
  return make(text, []);
}

/** Joins remembered by separator and first piece; bounded, since texts come from code, not data. */
const joinedTexts = new Map<string, { separator: string; texts: string[]; text: string }>();
const MAX_JOINED_TEXTS = 1_000;

export function join(parts: RawQuery[], separator: string): RawQuery {
  const params: unknown[] = [];
  const texts: string[] = new Array(parts.length);
  for (let i = 0; i < parts.length; i++) {
    texts[i] = parts[i]!.text;
    for (const p of parts[i]!.params) params.push(p);
  }
  if (texts.length === 0) return make('', params);
  const key = texts[0]!;
  const last = joinedTexts.get(key);
  if (last && last.separator === separator && sameTexts(last.texts, texts)) return make(last.text, params);
  const text = texts.join(separator);
  if (joinedTexts.size >= MAX_JOINED_TEXTS) joinedTexts.clear();
  joinedTexts.set(key, { separator, texts, text });
  return make(text, params);
}

export { isRawQuery };
