/** After a 412: which fields the user changed since the version they started from, so that loading the other
 * version keeps exactly those. Compared by value (objects and arrays as JSON), at the form's top level. */
export function changedFields<V extends object>(current: V, started: V): (keyof V)[] {
  return (Object.keys(current) as (keyof V)[]).filter((key) => !sameValue(current[key], started[key]));
}

function sameValue(a: unknown, b: unknown): boolean {
  return a === b || JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}
