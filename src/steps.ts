/**
 * Work made of steps: a generator that yields between slices of a large job (a graph, a
 * table, an index), so a server can let its event loop answer between them while a CLI runs
 * it straight through.
 */

/** One turn of the event loop: what is waiting (requests, timers) runs before the caller goes on. */
export const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** The generator's value, run straight through. */
export function drain<T>(steps: Generator<void, T>): T {
  for (let r = steps.next(); ; r = steps.next()) if (r.done) return r.value;
}

/** The generator's value, with a turn of the event loop at each of its yields. */
export async function drainAsync<T>(steps: Generator<void, T>): Promise<T> {
  for (let r = steps.next(); ; r = steps.next()) {
    if (r.done) return r.value;
    await turn();
  }
}

/**
 * A clock for steps whose cost varies (a hub node can carry thousands of sentences): `due()`
 * says, every `every` calls, whether `ms` have passed since the last time it said so.
 */
export function budget(ms = 8, every = 8): () => boolean {
  let last = performance.now();
  let n = 0;
  return () => {
    if (++n % every !== 0) return false;
    const now = performance.now();
    if (now - last < ms) return false;
    last = now;
    return true;
  };
}
