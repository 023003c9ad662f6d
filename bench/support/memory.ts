/**
 * Memory readings of the scenario process. The child runs with --expose-gc, so "retained" numbers
 * are taken after a full collection: what the profile store really holds, not garbage.
 */
export const MiB = 1024 * 1024;

/** Heap in use plus memory outside the heap (typed arrays, buffers), after a full GC when possible. */
export function retainedBytes(): number {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc) {
    gc();
    gc();
  }
  const m = process.memoryUsage();
  return m.heapUsed + m.external;
}

export function round(value: number, digits = 1): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}
