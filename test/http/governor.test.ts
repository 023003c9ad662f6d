import { describe, expect, it } from 'vitest';
import { createRateGovernor, windowMarginMs } from '../../src/http/governor.js';
import type { GovernorLimits } from '../../src/http/governor.js';
import { ManualClock, T0 } from './helpers/clocks.js';

/** Start `count` acquisitions at once and return the simulated time each was granted at. */
async function grantTimes(limits: GovernorLimits, count: number, clock = new ManualClock()): Promise<number[]> {
  const governor = createRateGovernor(limits, clock);
  const times: number[] = [];
  const all = Array.from({ length: count }, () => governor.acquire().then(() => times.push(clock.now())));
  await clock.runUntilIdle();
  await Promise.all(all);
  return times;
}

/** The most starts in any half-open span of `perMs`. */
function maxInAnyWindow(times: number[], perMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let max = 0;
  let left = 0;
  for (let right = 0; right < sorted.length; right += 1) {
    while (sorted[right]! - sorted[left]! >= perMs) left += 1;
    max = Math.max(max, right - left + 1);
  }
  return max;
}

describe('token bucket', () => {
  it('lets the burst through at once, then paces at the rate', async () => {
    const times = await grantTimes({ requestsPerSecond: 10, burst: 5, windows: [] }, 15);
    expect(times.slice(0, 5)).toEqual([T0, T0, T0, T0, T0]);
    const gaps = times.slice(5).map((t, i) => t - times[i + 4]!);
    expect(gaps.every((gap) => gap >= 100 && gap <= 101)).toBe(true);
    expect(times[14]! - T0).toBeLessThanOrEqual(1_010);
  });

  it('refills while idle, up to the burst', async () => {
    const clock = new ManualClock();
    const governor = createRateGovernor({ requestsPerSecond: 1, burst: 3, windows: [] }, clock);
    for (let i = 0; i < 3; i += 1) await governor.acquire();
    await clock.advance(60_000);
    const start = clock.now();
    const times: number[] = [];
    const all = Array.from({ length: 4 }, () => governor.acquire().then(() => times.push(clock.now())));
    await clock.runUntilIdle();
    await Promise.all(all);
    expect(times).toEqual([start, start, start, start + 1_000]);
  });
});

describe('sliding windows', () => {
  // HubSpot-like: 100 per 10 s. A bucket of 20/s with burst 20 alone would allow 220 in 10 s.
  const hubspot: GovernorLimits = { requestsPerSecond: 20, burst: 20, windows: [{ requests: 100, perMs: 10_000 }] };

  it('never exceeds the window over a long simulated run, and keeps >= 95 % of its throughput', async () => {
    const times = await grantTimes(hubspot, 1_000);
    expect(times).toHaveLength(1_000);
    expect(maxInAnyWindow(times, 10_000)).toBe(100);
    // Throughput: the start `requests` later is never more than perMs / 0.95 away.
    const spans = times.slice(100).map((t, i) => t - times[i]!);
    expect(Math.min(...spans)).toBeGreaterThanOrEqual(10_000);
    expect(Math.max(...spans)).toBeLessThanOrEqual(10_000 / 0.95);
    const achieved = (100 * 10_000) / Math.max(...spans);
    expect(achieved).toBeGreaterThanOrEqual(95);
  });

  it('holds several windows at once (per second and per minute)', async () => {
    const limits: GovernorLimits = {
      requestsPerSecond: 1_000,
      burst: 1_000,
      windows: [
        { requests: 10, perMs: 1_000 },
        { requests: 50, perMs: 60_000 },
      ],
    };
    const times = await grantTimes(limits, 120);
    expect(maxInAnyWindow(times, 1_000)).toBeLessThanOrEqual(10);
    expect(maxInAnyWindow(times, 60_000)).toBeLessThanOrEqual(50);
    expect(times[50]! - times[0]!).toBeGreaterThanOrEqual(60_000);
  });

  it('adds a small safety margin, 1 % of the window up to 250 ms', () => {
    expect(windowMarginMs(10_000)).toBe(100);
    expect(windowMarginMs(60_000)).toBe(250);
    expect(windowMarginMs(1_000)).toBe(10);
  });
});

describe('pauses', () => {
  it('holds every permit until the pause ends, and never shortens it', async () => {
    const clock = new ManualClock();
    const governor = createRateGovernor({ requestsPerSecond: 100, burst: 100, windows: [] }, clock);
    expect(governor.pauseUntil(T0 + 30_000)).toBe(true);
    expect(governor.pauseUntil(T0 + 5_000)).toBe(false);
    const times: number[] = [];
    const all = [governor.acquire(), governor.acquire()].map((p) => p.then(() => times.push(clock.now())));
    await clock.runUntilIdle();
    await Promise.all(all);
    expect(times).toEqual([T0 + 30_000, T0 + 30_000]);
    expect(governor.stats()).toMatchObject({ granted: 2, pauses: 1, pausedUntil: T0 + 30_000, waiting: 0 });
  });

  it('extends a pause that is already being waited out', async () => {
    const clock = new ManualClock();
    const governor = createRateGovernor({ requestsPerSecond: 100, burst: 100, windows: [] }, clock);
    governor.pauseUntil(T0 + 1_000);
    let grantedAt = 0;
    const pending = governor.acquire().then(() => {
      grantedAt = clock.now();
    });
    await clock.advance(500);
    governor.pauseUntil(T0 + 8_000);
    await clock.runUntilIdle();
    await pending;
    expect(grantedAt).toBe(T0 + 8_000);
  });
});

describe('queueing', () => {
  it('serves waiters first come, first served', async () => {
    const clock = new ManualClock();
    const governor = createRateGovernor({ requestsPerSecond: 1, burst: 1, windows: [] }, clock);
    const order: number[] = [];
    const all = Array.from({ length: 6 }, (_, i) => governor.acquire().then(() => order.push(i)));
    await clock.runUntilIdle();
    await Promise.all(all);
    expect(order).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('drops an aborted waiter without giving away its place to nobody', async () => {
    const clock = new ManualClock();
    const governor = createRateGovernor({ requestsPerSecond: 1, burst: 1, windows: [] }, clock);
    await governor.acquire();
    const controller = new AbortController();
    const aborted = governor.acquire(controller.signal);
    const next = governor.acquire();
    controller.abort(new Error('stop'));
    await expect(aborted).rejects.toThrow('stop');
    await clock.runUntilIdle();
    await next;
    expect(governor.stats()).toMatchObject({ granted: 2, waiting: 0 });
  });

  it('rejects at once when the signal is already aborted', async () => {
    const governor = createRateGovernor({ requestsPerSecond: 1, burst: 1, windows: [] }, new ManualClock());
    await expect(governor.acquire(AbortSignal.abort(new Error('gone')))).rejects.toThrow('gone');
    expect(governor.stats().granted).toBe(0);
  });

  it('stops its timer when the last waiter gives up', async () => {
    const clock = new ManualClock();
    const governor = createRateGovernor({ requestsPerSecond: 100, burst: 100, windows: [] }, clock);
    governor.pauseUntil(T0 + 3_600_000);
    const controller = new AbortController();
    const waiting = governor.acquire(controller.signal);
    await clock.advance(1);
    expect(clock.pending()).toBe(1);
    controller.abort(new Error('cancelled'));
    await expect(waiting).rejects.toThrow('cancelled');
    await clock.advance(1);
    expect(clock.pending()).toBe(0);
  });
});

describe('a rolling window the server says is full (HubSpot: Remaining 0, an interval, no reset)', () => {
  const hubspot: GovernorLimits = { requestsPerSecond: 10, burst: 10, windows: [{ requests: 100, perMs: 10_000 }] };

  it('holds permits only until the oldest of our starts in the window leaves it, not a whole interval from now', async () => {
    const clock = new ManualClock();
    const governor = createRateGovernor(hubspot, clock);
    await governor.acquire();
    const oldest = clock.now();
    await clock.advance(6_000);
    expect(governor.pauseForRollingWindow(10_000, clock.now())).toBe(true);
    expect(governor.stats().pausedUntil).toBe(oldest + 10_000 + windowMarginMs(10_000));
    // A whole interval from now would have been 6 s later.
    expect(governor.stats().pausedUntil).toBeLessThan(clock.now() + 10_000);
  });

  it('waits a whole interval when none of our starts is in the window (the server counted others)', () => {
    const clock = new ManualClock();
    const governor = createRateGovernor(hubspot, clock);
    expect(governor.pauseForRollingWindow(10_000, clock.now())).toBe(true);
    expect(governor.stats().pausedUntil).toBe(clock.now() + 10_000);
  });

  it('with the window full on both sides, the pause costs no throughput: still 100 per 10 s, never more', async () => {
    const clock = new ManualClock();
    const governor = createRateGovernor(hubspot, clock);
    const times: number[] = [];
    // Every 100th grant, the server reports the window full, as HubSpot does.
    const all = Array.from({ length: 500 }, (_, i) =>
      governor.acquire().then(() => {
        times.push(clock.now());
        if ((i + 1) % 100 === 0) governor.pauseForRollingWindow(10_000, clock.now());
      }),
    );
    await clock.runUntilIdle();
    await Promise.all(all);
    expect(maxInAnyWindow(times, 10_000)).toBe(100);
    const spans = times.slice(100).map((t, i) => t - times[i]!);
    expect(Math.max(...spans)).toBeLessThanOrEqual(10_000 / 0.95);
  });
});
