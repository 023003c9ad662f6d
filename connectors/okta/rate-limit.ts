import type { RateGovernor } from '../../src/http/governor.js';
import { resetValueToEpochMs } from '../../src/http/retry.js';

/**
 * Okta answers every call with its bucket's X-Rate-Limit-Limit / -Remaining / -Reset (epoch
 * seconds). The HTTP client already pauses the target when Remaining reaches 0; this keeps a reserve
 * for the org's own traffic (sign-ins, provisioning) by pausing until the reset as soon as Remaining
 * drops below `reserve` × Limit. Okta's rate-limit dashboard warns at a configurable share of a
 * bucket (60 % by default for customer-identity orgs): a reserve of 0.4 stays under it.
 */
export class RateLimitHeadroom {
  readonly #governor: RateGovernor;
  readonly #reserve: number;
  readonly #maxWaitMs: number;
  readonly #now: () => number;
  readonly #lowest = new Map<string, { remaining: number; limit: number }>();
  #pauses = 0;

  constructor(governor: RateGovernor, reserve: number, maxWaitMs: number, now: () => number = Date.now) {
    this.#governor = governor;
    this.#reserve = reserve;
    this.#maxWaitMs = maxWaitMs;
    this.#now = now;
  }

  /** Look at one response's headers; `bucket` names the endpoint family (e.g. /api/v1/users). */
  observe(headers: Record<string, string>, bucket: string): void {
    const limit = headerNumber(headers['x-rate-limit-limit']);
    const remaining = headerNumber(headers['x-rate-limit-remaining']);
    if (limit === undefined || remaining === undefined || limit <= 0) return;
    const seen = this.#lowest.get(bucket);
    if (!seen || remaining < seen.remaining) this.#lowest.set(bucket, { remaining, limit });
    if (remaining / limit >= this.#reserve) return;
    const now = this.#now();
    const resetHeader = headers['x-rate-limit-reset'];
    const resetAt = resetHeader === undefined ? undefined : resetValueToEpochMs(resetHeader, now);
    // Without a reset time, wait one Okta window (a minute) at most.
    const until = Math.min(resetAt ?? now + 60_000, now + this.#maxWaitMs);
    if (until > now && this.#governor.pauseUntil(until)) this.#pauses += 1;
  }

  /** Slow-downs this scan made on its own, before Okta had to refuse anything. */
  get pauses(): number {
    return this.#pauses;
  }

  /** For coverage.quotas: the lowest Remaining seen per bucket, with its Limit. */
  quotas(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const [bucket, { remaining, limit }] of [...this.#lowest.entries()].sort(([a], [b]) => a.localeCompare(b))) {
      out[`okta ${bucket} lowest remaining`] = remaining;
      out[`okta ${bucket} limit`] = limit;
    }
    if (this.#pauses > 0) out['okta reserve pauses'] = this.#pauses;
    return out;
  }
}

function headerNumber(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value.split(',')[0]?.trim());
  return Number.isFinite(n) ? n : undefined;
}
