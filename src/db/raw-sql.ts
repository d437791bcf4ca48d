/**
 * A minimal SQL builder for hot write paths: a tagged template that turns values into `?` parameters
 * and inlines nested fragments. It renders in one pass with no per-chunk type checks, and the text it
 * produces for a code path is always the same, so prepared statements are reused.
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

export function q(strings: TemplateStringsArray, ...values: unknown[]): RawQuery {
  let text = strings[0]!;
  const params: unknown[] = [];
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    if (isRawQuery(value)) {
      text += value.text;
      params.push(...value.params);
    } else {
      text += '?';
      params.push(typeof value === 'boolean' ? (value ? 1 : 0) : value === undefined ? null : value);
    }
    text += strings[i + 1]!;
  }
  return make(text, params);
}

/** Literal SQL text (identifiers, keywords): never user input. */
export function raw(text: string): RawQuery {
  return make(text, []);
}

export function join(parts: RawQuery[], separator: string): RawQuery {
  return make(
    parts.map((p) => p.text).join(separator),
    parts.flatMap((p) => [...p.params]),
  );
}

export { isRawQuery };
