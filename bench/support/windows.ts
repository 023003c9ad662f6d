/**
 * Window arithmetic over request start times (HttpStats.startTimes): how much of a vendor limit
 * "at most `requests` per `perMs`" a run used, and whether any window exceeded it. Pure.
 */
import type { WindowLimit } from '../../src/http/types.js';

export interface WindowAnalysis {
  /** Windows of `perMs` laid end to end from the first start that ended before the last start. */
  fullWindows: number;
  /** Requests per full window ÷ limit, averaged over the full windows (0 when there is none). */
  shareAvg: number;
  /** The lowest and highest share of a full window. */
  shareMin: number;
  shareMax: number;
  /** The most starts in any span of `perMs` (a sliding window, whatever its position). */
  maxInSlidingWindow: number;
  /** Sliding windows (at a start) holding more than the limit. */
  slidingOverLimit: number;
}

/** `starts` must be sorted ascending (epoch ms). */
export function analyseWindows(starts: readonly number[], limit: WindowLimit): WindowAnalysis {
  const out: WindowAnalysis = { fullWindows: 0, shareAvg: 0, shareMin: 0, shareMax: 0, maxInSlidingWindow: 0, slidingOverLimit: 0 };
  if (starts.length === 0) return out;
  const first = starts[0]!;
  const last = starts[starts.length - 1]!;
  const full = Math.floor((last - first) / limit.perMs);
  const counts = new Array<number>(full).fill(0);
  for (const t of starts) {
    const k = Math.floor((t - first) / limit.perMs);
    if (k < full) counts[k] = (counts[k] ?? 0) + 1;
  }
  if (full > 0) {
    const shares = counts.map((c) => c / limit.requests);
    out.fullWindows = full;
    out.shareAvg = shares.reduce((a, b) => a + b, 0) / full;
    out.shareMin = Math.min(...shares);
    out.shareMax = Math.max(...shares);
  }
  // Sliding: for each start i, the starts in [t_i, t_i + perMs). The maximum over all positions is
  // reached with a window that begins at a start, so checking those is exhaustive.
  let j = 0;
  for (let i = 0; i < starts.length; i++) {
    if (j < i) j = i;
    while (j < starts.length && starts[j]! < starts[i]! + limit.perMs) j++;
    const n = j - i;
    if (n > out.maxInSlidingWindow) out.maxInSlidingWindow = n;
    if (n > limit.requests) out.slidingOverLimit++;
  }
  return out;
}
