/**
 * Metrics of a limit-compliance run: the vendor limit "at most `requests` per `perMs`", the share of
 * it the scanner used in full windows, the busiest sliding window, and the 429s the vendor sent.
 */
import type { HttpLimits, HttpStats, WindowLimit } from '../../src/http/types.js';
import type { Metrics } from '../scenarios/types.js';
import { round } from './memory.js';
import { analyseWindows } from './windows.js';

export interface ComplianceInput {
  limit: WindowLimit;
  /** How the vendor states the limit, with its source (from the connector's README/defaultLimits). */
  limitText: string;
  /** The limits the scan ran with (as a target's `limits` would set them). */
  configured: Partial<HttpLimits>;
  http: HttpStats;
  /** 429 answers counted by the simulator. */
  vendor429: number;
  seconds: number;
}

export function complianceMetrics(input: ComplianceInput): Metrics {
  const starts = input.http.startTimes ?? [];
  const w = analyseWindows(starts, input.limit);
  return {
    limit: input.limitText,
    configuredLimits: JSON.stringify(input.configured),
    requests: input.http.requests,
    seconds: round(input.seconds, 1),
    // The average rate between the first and the last start, as a share of the limit's rate.
    ratePctOverRun: starts.length > 1 ? round(((starts.length - 1) / (starts[starts.length - 1]! - starts[0]!)) * (input.limit.perMs / input.limit.requests) * 100, 1) : 0,
    fullWindows: w.fullWindows,
    sharePctAvg: round(w.shareAvg * 100, 1),
    sharePctMin: round(w.shareMin * 100, 1),
    sharePctMax: round(w.shareMax * 100, 1),
    maxInSlidingWindow: w.maxInSlidingWindow,
    slidingWindowsOverLimit: w.slidingOverLimit,
    vendor429s: input.vendor429,
    clientThrottled: input.http.throttled,
    retries: input.http.retries,
    goal: `share >= 95 % and maxInSlidingWindow <= ${input.limit.requests} and 0 x 429: ${w.fullWindows > 0 && w.shareAvg >= 0.95 && w.maxInSlidingWindow <= input.limit.requests && input.vendor429 === 0 ? 'met' : 'NOT met'}`,
  };
}
