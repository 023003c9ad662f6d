/**
 * Fake clocks. Time only moves when code sleeps, so suites assert on simulated time and run
 * instantly.
 */
import type { Clock } from '../../../src/http/governor.js';

export const T0 = Date.UTC(2025, 0, 1, 0, 0, 0);

/**
 * Every sleep moves time forward at once by its duration and resolves. Good for the client, whose
 * real I/O makes a scheduler impractical; concurrent sleeps add up, so time only runs faster.
 */
export class SteppingClock implements Clock {
  #now: number;
  readonly sleeps: number[] = [];
  constructor(start = T0) {
    this.#now = start;
  }
  now(): number {
    return this.#now;
  }
  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(signal.reason as Error);
    this.sleeps.push(ms);
    this.#now += Math.max(0, ms);
    return Promise.resolve();
  }
}

interface Timer {
  at: number;
  seq: number;
  resolve(): void;
}

/**
 * A scheduler: sleeps wait until `runUntilIdle` lets every pending promise chain settle and then
 * jumps to the earliest timer, so code sees exactly the times it would see with a real clock.
 */
export class ManualClock implements Clock {
  #now: number;
  #seq = 0;
  #timers: Timer[] = [];
  constructor(start = T0) {
    this.#now = start;
  }
  now(): number {
    return this.#now;
  }
  pending(): number {
    return this.#timers.length;
  }
  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(signal.reason as Error);
    return new Promise<void>((resolve, reject) => {
      const timer: Timer = { at: this.#now + Math.max(0, ms), seq: this.#seq++, resolve };
      this.#timers.push(timer);
      signal?.addEventListener(
        'abort',
        () => {
          this.#timers = this.#timers.filter((t) => t !== timer);
          reject(signal.reason as Error);
        },
        { once: true },
      );
    });
  }
  /** Fire timers in time order until none is left (or `maxSteps`, against runaway loops). */
  async runUntilIdle(maxSteps = 1_000_000): Promise<void> {
    for (let step = 0; step < maxSteps; step += 1) {
      await settle();
      const next = this.#timers.sort((a, b) => a.at - b.at || a.seq - b.seq).shift();
      if (!next) return;
      this.#now = Math.max(this.#now, next.at);
      next.resolve();
    }
    throw new Error('ManualClock: too many steps');
  }
  /** Move time forward by `ms`, firing the timers due on the way. */
  async advance(ms: number): Promise<void> {
    const end = this.#now + ms;
    for (;;) {
      await settle();
      this.#timers.sort((a, b) => a.at - b.at || a.seq - b.seq);
      const next = this.#timers[0];
      if (!next || next.at > end) break;
      this.#timers.shift();
      this.#now = Math.max(this.#now, next.at);
      next.resolve();
    }
    this.#now = end;
    await settle();
  }
}

/** Let every queued microtask and promise chain run. */
export function settle(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
