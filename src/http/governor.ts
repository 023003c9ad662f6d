/**
 * The rate governor of one target: every request start (including retries) first acquires a
 * permit here. It combines
 *  - a token bucket (`requestsPerSecond`, `burst`): smooth average rate with short bursts, and
 *  - a sliding-window log per vendor window (`windows`): at most `requests` starts in ANY span of
 *    `perMs`. A bucket alone allows `burst + rate * window` in a window, which breaks limits such
 *    as HubSpot's 100 per 10 s; the log makes the limit hold exactly.
 * plus a target-wide pause (`pauseUntil`) the client sets on 429 or an exhausted vendor quota, so a
 * throttled target is not hammered by the other in-flight requests.
 *
 * Waiters are served strictly FIFO by a single pump, so a burst of callers cannot starve an early
 * one. Time comes from an injectable clock, so tests run a simulated hour in milliseconds.
 */
import { setTimeout as sleepTimer } from 'node:timers/promises';
import type { HttpLimits, WindowLimit } from './types.js';

export interface Clock {
  /** Epoch milliseconds. */
  now(): number;
  /** Resolve after `ms`; reject when `signal` aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) => sleepTimer(ms, undefined, signal ? { signal } : undefined),
};

export interface GovernorStats {
  /** Permits handed out. */
  granted: number;
  /** Permits that had to wait for the bucket, a window or a pause. */
  delayed: number;
  /** Callers waiting now. */
  waiting: number;
  /** Times `pauseUntil` moved the pause later. */
  pauses: number;
  /** Epoch ms until which the target is paused (0 when never paused). */
  pausedUntil: number;
}

export interface RateGovernor {
  /** Wait for a permit to start one request. Rejects with the signal's reason when `signal` aborts first. */
  acquire(signal?: AbortSignal): Promise<void>;
  /** Hold every permit until `epochMs` (never shortens a pause). Returns true when it extended it. */
  pauseUntil(epochMs: number): boolean;
  /**
   * The server says its rolling window of `intervalMs` is full: hold permits until the oldest
   * request we started inside that window leaves it (as the server counts it), or a whole interval
   * when we started none. Returns true when it extended the pause.
   */
  pauseForRollingWindow(intervalMs: number, now: number): boolean;
  /**
   * The server asked for a wait longer than we will wait: requests are not sent before `epochMs`
   * at all (circuit breaker), so a 429 storm is not answered with one long pause per request.
   */
  refuseUntil(epochMs: number): void;
  /** Epoch ms until which requests are refused, when that is later than `now`. */
  refusedUntil(now: number): number | undefined;
  stats(): GovernorStats;
}

export type GovernorLimits = Pick<HttpLimits, 'requestsPerSecond' | 'burst' | 'windows'>;

/**
 * Extra spacing added to each vendor window: our start time is not the vendor's arrival time, and
 * two requests sent exactly `perMs` apart can arrive closer than that. 1 % of the window, at most
 * 250 ms, keeps throughput at ~99 % of the limit.
 */
export function windowMarginMs(perMs: number): number {
  return Math.min(250, Math.floor(perMs / 100));
}

/** Floating-point slack for the bucket, so 0.9999999 tokens after an exact sleep counts as one. */
const TOKEN_EPSILON = 1e-9;

interface Waiter {
  resolve(): void;
  reject(reason: unknown): void;
  detach(): void;
}

interface Bucket {
  tokens: number;
  updatedAt: number;
}

interface WindowLog {
  limit: WindowLimit;
  spanMs: number;
  /** Start times still inside the window, oldest first; never longer than `limit.requests`. */
  starts: number[];
}

export function createRateGovernor(limits: GovernorLimits, clock: Clock = systemClock): RateGovernor {
  const rate = limits.requestsPerSecond;
  const capacity = Math.max(1, limits.burst);
  const bucket: Bucket = { tokens: capacity, updatedAt: clock.now() };
  const logs: WindowLog[] = limits.windows
    .filter((w) => w.requests > 0 && w.perMs > 0)
    .map((limit) => ({ limit, spanMs: limit.perMs + windowMarginMs(limit.perMs), starts: [] }));
  const queue: Waiter[] = [];
  const counters = { granted: 0, delayed: 0, pauses: 0 };
  let pausedUntil = 0;
  let pumping = false;
  /** Aborts the pump's sleep when the last waiter gives up, so no timer outlives the callers. */
  let wake: AbortController | undefined;

  /** Milliseconds until every constraint allows one more start (0: now). */
  function waitNeeded(now: number): number {
    refill(bucket, rate, capacity, now);
    const waits = [pausedUntil - now, bucketWait(bucket, rate), ...logs.map((log) => windowWait(log, now))];
    return Math.max(0, ...waits);
  }

  function grant(now: number): void {
    if (Number.isFinite(rate) && rate > 0) bucket.tokens = Math.max(0, bucket.tokens - 1);
    for (const log of logs) log.starts.push(now);
    counters.granted += 1;
  }

  /** Serve the queue head first; one pump at a time, re-evaluating after every sleep. */
  async function pump(): Promise<void> {
    if (pumping) return;
    pumping = true;
    try {
      let waited = false;
      while (queue.length > 0) {
        const wait = waitNeeded(clock.now());
        if (wait > 0) {
          waited = true;
          await sleepUnlessWoken(Math.ceil(wait));
          continue;
        }
        const waiter = queue.shift();
        if (!waiter) break;
        if (waited) counters.delayed += 1;
        waited = false;
        waiter.detach();
        grant(clock.now());
        waiter.resolve();
      }
    } finally {
      pumping = false;
    }
  }

  async function sleepUnlessWoken(ms: number): Promise<void> {
    wake = new AbortController();
    try {
      await clock.sleep(ms, wake.signal);
    } catch (error) {
      if (!wake.signal.aborted) throw error;
    } finally {
      wake = undefined;
    }
  }

  function acquire(signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(abortReason(signal));
    return new Promise<void>((resolve, reject) => {
      const onAbort = (): void => {
        const index = queue.indexOf(waiter);
        if (index >= 0) queue.splice(index, 1);
        if (queue.length === 0) wake?.abort();
        reject(abortReason(signal));
      };
      const waiter: Waiter = { resolve, reject, detach: () => signal?.removeEventListener('abort', onAbort) };
      signal?.addEventListener('abort', onAbort, { once: true });
      queue.push(waiter);
      pump().catch((error: unknown) => failAll(error));
    });
  }

  /** A broken clock must not leave callers hanging forever. */
  function failAll(error: unknown): void {
    for (const waiter of queue.splice(0)) {
      waiter.detach();
      waiter.reject(error);
    }
  }

  function pauseUntil(epochMs: number): boolean {
    if (!(epochMs > pausedUntil)) return false;
    pausedUntil = epochMs;
    counters.pauses += 1;
    return true;
  }

  /** The start times we granted in the last `intervalMs` (window logs keep them; a whole interval without one). */
  function pauseForRollingWindow(intervalMs: number, now: number): boolean {
    const log = logs.find((l) => l.limit.perMs === intervalMs);
    const oldest = log?.starts.find((start) => start > now - log.spanMs);
    return pauseUntil(log && oldest !== undefined ? oldest + log.spanMs : now + intervalMs);
  }

  let refused = 0;
  return {
    acquire,
    pauseUntil,
    pauseForRollingWindow,
    refuseUntil: (epochMs) => {
      refused = Math.max(refused, epochMs);
    },
    refusedUntil: (now) => (refused > now ? refused : undefined),
    stats: () => ({ ...counters, waiting: queue.length, pausedUntil }),
  };
}

function refill(bucket: Bucket, rate: number, capacity: number, now: number): void {
  if (!Number.isFinite(rate) || rate <= 0) return;
  const elapsed = Math.max(0, now - bucket.updatedAt);
  bucket.tokens = Math.min(capacity, bucket.tokens + (elapsed * rate) / 1000);
  bucket.updatedAt = now;
}

/** A non-positive or infinite rate means "no bucket" (windows and pauses still apply). */
function bucketWait(bucket: Bucket, rate: number): number {
  if (!Number.isFinite(rate) || rate <= 0) return 0;
  if (bucket.tokens >= 1 - TOKEN_EPSILON) return 0;
  return ((1 - bucket.tokens) * 1000) / rate;
}

/** Drop starts older than the window; if it is full, wait until its oldest start leaves it. */
function windowWait(log: WindowLog, now: number): number {
  while (log.starts.length > 0 && (log.starts[0] ?? 0) <= now - log.spanMs) log.starts.shift();
  if (log.starts.length < log.limit.requests) return 0;
  const oldest = log.starts[log.starts.length - log.limit.requests] ?? now;
  return oldest + log.spanMs - now;
}

/** The signal's reason when it is an Error (as `AbortSignal.abort()` makes), else an AbortError carrying it. */
function abortReason(signal: AbortSignal | undefined): Error {
  const reason: unknown = signal?.reason;
  if (reason instanceof Error) return reason;
  return Object.assign(new Error('The operation was aborted', { cause: reason }), { name: 'AbortError' });
}
