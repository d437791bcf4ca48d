/**
 * Accented letters of Portuguese (and a few neighbours) and their plain forms. Specialty matching folds
 * both sides with this one table: in SQL through nested `replace()` after SQLite's ASCII-only `lower()`
 * (foldRawText, the expression of the generated columns `providers.specialty_keys` and
 * `waitlist_entries.specialty_key`, so that statements compare plain values), in JS through `foldText`,
 * so both sides agree character for character.
 */
export const FOLD: ReadonlyArray<readonly [string, string]> = [
  ...[...'áàâãäÁÀÂÃÄ'].map((c) => [c, 'a'] as const),
  ...[...'éèêëÉÈÊË'].map((c) => [c, 'e'] as const),
  ...[...'íìîïÍÌÎÏ'].map((c) => [c, 'i'] as const),
  ...[...'óòôõöÓÒÔÕÖ'].map((c) => [c, 'o'] as const),
  ...[...'úùûüÚÙÛÜ'].map((c) => [c, 'u'] as const),
  ...[...'çÇ'].map((c) => [c, 'c'] as const),
  ...[...'ñÑ'].map((c) => [c, 'n'] as const),
];

/** The SQL text that folds the SQL expression `expr` (a column, never user input): literals only, no parameters. */
export function foldRawText(expr: string): string {
  let out = `lower(${expr})`;
  for (const [from, to] of FOLD) out = `replace(${out}, '${from}', '${to}')`;
  return out;
}
