/**
 * Whether an update changes anything: a field of `changes` (other than `updated_at`) whose value differs
 * from the record's. Values are compared as JSON (objects and arrays by their content, in their order);
 * a field not given (`undefined`) changes nothing, and null is null. A PUT that changes nothing is no
 * write: the record keeps its `updated_at` (and `version`), and no event or history row is written.
 */
export function changesAnything(current: object, changes: object): boolean {
  const record = current as Record<string, unknown>;
  return Object.entries(changes).some(
    ([key, value]) => value !== undefined && key !== 'updated_at' && JSON.stringify(record[key] ?? null) !== JSON.stringify(value ?? null),
  );
}
