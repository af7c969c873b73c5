/** Look-ups by id made at the same moment (the rows of a page asking for their customer's name) sent as one request:
 * each ``lookup(id)`` waits for the end of the current task, then one ``fetchMany`` of up to ``max`` distinct ids
 * answers every look-up made meanwhile; an id it does not return resolves as undefined. */
export function batchedLookup<T>(
  fetchMany: (ids: string[]) => Promise<ReadonlyMap<string, T>>,
  max: number,
  later: (run: () => void) => void = (run) => void setTimeout(run, 0),
): (id: string) => Promise<T | undefined> {
  type Waiting = { resolve: (value: T | undefined) => void; reject: (error: unknown) => void };
  let pending = new Map<string, Waiting[]>();

  function flush() {
    const batch = pending;
    pending = new Map();
    const ids = [...batch.keys()];
    for (let start = 0; start < ids.length; start += max) {
      const chunk = ids.slice(start, start + max);
      fetchMany(chunk).then(
        (found) => chunk.forEach((id) => batch.get(id)!.forEach((waiting) => waiting.resolve(found.get(id)))),
        (error: unknown) => chunk.forEach((id) => batch.get(id)!.forEach((waiting) => waiting.reject(error))),
      );
    }
  }

  return (id) => new Promise<T | undefined>((resolve, reject) => {
    if (pending.size === 0) later(flush);
    pending.set(id, [...(pending.get(id) ?? []), { resolve, reject }]);
  });
}
