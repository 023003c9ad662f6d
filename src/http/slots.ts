/**
 * The concurrency cap (`limits.concurrency`) as slots taken from p-limit. A slot is held from
 * before the rate permit until the response body is fully read or discarded, so "in flight" means
 * what the server sees; retry sleeps do not hold a slot.
 */
import pLimit from 'p-limit';

export type Release = () => void;

export interface Slots {
  /** Resolves with the function that frees the slot (idempotent). Rejects when `signal` aborts first. */
  acquire(signal?: AbortSignal): Promise<Release>;
  inFlight(): number;
}

export function createSlots(concurrency: number): Slots {
  const limit = pLimit(Math.max(1, Math.floor(concurrency)));
  return {
    acquire: (signal) => takeSlot(limit, signal),
    inFlight: () => limit.activeCount,
  };
}

function takeSlot(limit: ReturnType<typeof pLimit>, signal: AbortSignal | undefined): Promise<Release> {
  if (signal?.aborted) return Promise.reject(signal.reason as Error);
  return new Promise<Release>((resolve, reject) => {
    let settled = false;
    const onAbort = (): void => {
      if (settled) return;
      settled = true;
      reject(signal?.reason as Error);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    // The task holds its p-limit slot until `release` is called.
    void limit(
      () =>
        new Promise<void>((release) => {
          signal?.removeEventListener('abort', onAbort);
          if (settled) {
            release(); // the caller gave up while queued: hand the slot on
            return;
          }
          settled = true;
          resolve(once(release));
        }),
    );
  });
}

function once(fn: () => void): Release {
  let called = false;
  return () => {
    if (called) return;
    called = true;
    fn();
  };
}
