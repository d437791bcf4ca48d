/**
 * JSON lets a string escape half of a character: `"\ud800"` is a lone UTF-16 surrogate (a client that cut
 * an emoji in two), which is no Unicode text. Stored, it would come back as replacement characters, so
 * the answer to a create would not be what a later read gives: the body is refused (422) instead, naming
 * where the first one is. Strict UTF-8 decoding (app.ts) already keeps raw ones out; only escapes remain.
 */
import { ValidationError } from '../core/errors';

/** A `\uD800`–`\uDFFF` escape: the only way a surrogate gets into strictly decoded JSON text. */
const SURROGATE_ESCAPE = /\\u[dD][89a-fA-F][0-9a-fA-F]{2}/;
const LONE = /\p{Cs}/u;
const MAX_PATH_KEYS = 40;

function describe(text: string): string {
  const unit = text[text.search(LONE)]!.charCodeAt(0).toString(16);
  return `not valid Unicode text: a lone UTF-16 surrogate (\\u${unit}), half of a character`;
}

/** Throws a 422 ValidationError at the first string or key of `text`'s JSON value holding a lone surrogate. */
export function refuseLoneSurrogates(text: string): void {
  if (!SURROGATE_ESCAPE.test(text)) return;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return; // malformed JSON: the validator says so
  }
  // each visited node with its parent's index and its key: a path is rebuilt only for the one found, so a
  // deeply nested body costs no copying of paths
  const nodes: Array<{ value: unknown; parent: number; key: string }> = [{ value, parent: -1, key: '' }];
  const pathOf = (index: number) => {
    const keys: string[] = [];
    for (let i = index; i > 0; i = nodes[i]!.parent) keys.push(nodes[i]!.key);
    keys.reverse();
    // a path deeper than any real field is shortened, so that the answer stays readable
    return (keys.length > MAX_PATH_KEYS ? [...keys.slice(0, MAX_PATH_KEYS), '…'] : keys).join('.') || '(body)';
  };
  for (let i = 0; i < nodes.length; i++) {
    const node = nodes[i]!.value;
    if (typeof node === 'string') {
      if (LONE.test(node)) throw ValidationError.field(pathOf(i), describe(node));
    } else if (node !== null && typeof node === 'object') {
      for (const [key, child] of Object.entries(node)) {
        if (!Array.isArray(node) && LONE.test(key)) throw ValidationError.field(pathOf(i), `a key is ${describe(key)}`);
        nodes.push({ value: child, parent: i, key });
      }
    }
  }
}
