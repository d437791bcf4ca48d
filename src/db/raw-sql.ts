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

/** Per template call site: the nested fragments' texts (null for a parameter) and the text built from them. */
const templateTexts = new WeakMap<TemplateStringsArray, { nested: (string | null)[]; text: string }>();

function templateText(strings: TemplateStringsArray, nested: (string | null)[]): string {
  const last = templateTexts.get(strings);
  if (last && sameTexts(last.nested, nested)) return last.text;
  let text = strings[0]!;
  for (let i = 0; i < nested.length; i++) text += (nested[i] ?? '?') + strings[i + 1]!;
  templateTexts.set(strings, { nested, text });
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
