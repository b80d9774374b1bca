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
