/**
 * Request accounting of one client: attempts per host (and the per-host budget), retries,
 * throttling events, and every start time (benchmarks check vendor windows against them).
 */
import type { HttpStats } from './types.js';

export interface StatsRecorder {
  /** Count one attempt if the host still has budget; false when the budget is used up. */
  tryCountAttempt(host: string, startedAt: number, budget: number | undefined): boolean;
  countRetry(): void;
  countThrottle(): void;
  snapshot(): HttpStats;
}

export function createStatsRecorder(): StatsRecorder {
  let requests = 0;
  let retries = 0;
  let throttled = 0;
  const byHost = new Map<string, number>();
  const startTimes: number[] = [];
  return {
    tryCountAttempt(host, startedAt, budget) {
      const used = byHost.get(host) ?? 0;
      if (budget !== undefined && used >= budget) return false;
      byHost.set(host, used + 1);
      requests += 1;
      startTimes.push(startedAt);
      return true;
    },
    countRetry: () => {
      retries += 1;
    },
    countThrottle: () => {
      throttled += 1;
    },
    snapshot: () => ({
      requests,
      retries,
      throttled,
      byHost: Object.fromEntries([...byHost].sort(([a], [b]) => a.localeCompare(b))),
      startTimes: [...startTimes],
    }),
  };
}
