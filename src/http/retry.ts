/**
 * Retry and throttling arithmetic, pure: what to retry, how long a server asked us to wait, when a
 * vendor quota resets, and the backoff when nobody said. Times are epoch milliseconds; `now` is
 * passed in so the functions can be tested without a clock.
 */

/** Throttling and transient gateway failures. 500 is not here: it is usually a bug, not a blip. */
export const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([429, 502, 503, 504]);

/** Transient network failures worth another try (`socket hang up` is ECONNRESET in Node). */
const RETRYABLE_NETWORK_CODES: ReadonlySet<string> = new Set(['ECONNRESET', 'EPIPE']);

export function isRetryableStatus(status: number): boolean {
  return RETRYABLE_STATUSES.has(status);
}

export function isRetryableNetworkCode(code: string | undefined): boolean {
  return code !== undefined && RETRYABLE_NETWORK_CODES.has(code);
}

/** Safe to repeat by HTTP semantics; POST only when the caller says so (`retry: true`). */
export function isIdempotentMethod(method: string): boolean {
  return method === 'GET' || method === 'HEAD' || method === 'OPTIONS';
}

/**
 * `Retry-After` (RFC 9110 §10.2.3) as milliseconds to wait from `now`: delta-seconds or an
 * HTTP-date. A date in the past means "now" (0). Unparseable values are ignored (undefined).
 */
export function parseRetryAfter(value: string | undefined, now: number): number | undefined {
  const text = value?.trim();
  if (!text) return undefined;
  if (/^\d+(\.\d+)?$/.test(text)) return Math.ceil(Number(text) * 1000);
  // An HTTP-date names a weekday or month; without letters, Date.parse would read "-5" as a year.
  if (!/[a-z]/i.test(text)) return undefined;
  const date = Date.parse(text);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}

/** Vendor quota headers, in the order they are consulted. */
const RESET_HEADERS = ['x-ratelimit-reset', 'x-rate-limit-reset', 'ratelimit-reset'] as const;
const REMAINING_HEADERS = [
  'x-ratelimit-remaining',
  'x-rate-limit-remaining',
  'ratelimit-remaining',
  'x-hubspot-ratelimit-remaining',
] as const;

/**
 * A reset header value to an epoch-ms instant. Vendors disagree on the unit, so the size decides:
 * above 1e12 it is epoch milliseconds, above 1e9 epoch seconds (Okta, Auth0, GitHub style
 * `X-RateLimit-Reset`), otherwise delta seconds (IETF `RateLimit-Reset`).
 */
export function resetValueToEpochMs(value: string, now: number): number | undefined {
  const number = parseFirstNumber(value);
  if (number === undefined || number < 0) return undefined;
  if (number > 1e12) return Math.max(now, number);
  if (number > 1e9) return Math.max(now, number * 1000);
  return now + Math.ceil(number * 1000);
}

/**
 * When the vendor quota resets (epoch ms), from `X-RateLimit-Reset`, `X-Rate-Limit-Reset` or
 * `RateLimit-Reset`; HubSpot sends no reset but its window length, which bounds the wait.
 * Headers must have lower-case names (as in `HttpResponse`).
 */
export function parseResetHeader(headers: Record<string, string>, now: number): number | undefined {
  for (const name of RESET_HEADERS) {
    const value = headers[name];
    if (value === undefined) continue;
    const at = resetValueToEpochMs(value, now);
    if (at !== undefined) return at;
  }
  const hubspotWindow = parseFirstNumber(headers['x-hubspot-ratelimit-interval-milliseconds']);
  return hubspotWindow === undefined ? undefined : now + hubspotWindow;
}

/** The remaining requests of the vendor quota, if a header says. */
export function parseRemaining(headers: Record<string, string>): number | undefined {
  for (const name of REMAINING_HEADERS) {
    const remaining = parseFirstNumber(headers[name]);
    if (remaining !== undefined) return remaining;
  }
  return undefined;
}

/**
 * What a response says about the vendor quota when its remaining count is 0:
 * - `reset`: a fixed window that resets at an instant (X-RateLimit-Reset and kin): wait for it;
 * - `rolling`: a rolling window that only gives its length (HubSpot's
 *   X-HubSpot-RateLimit-Interval-Milliseconds): a slot frees when the oldest request in the window
 *   is that old — usually much sooner than a whole interval from now.
 */
export type QuotaExhausted = { kind: 'reset'; at: number } | { kind: 'rolling'; intervalMs: number };

export function quotaExhausted(headers: Record<string, string>, now: number): QuotaExhausted | undefined {
  const remaining = parseRemaining(headers);
  if (remaining === undefined || remaining > 0) return undefined;
  for (const name of RESET_HEADERS) {
    const value = headers[name];
    const at = value === undefined ? undefined : resetValueToEpochMs(value, now);
    if (at !== undefined) return { kind: 'reset', at };
  }
  const intervalMs = parseFirstNumber(headers['x-hubspot-ratelimit-interval-milliseconds']);
  return intervalMs === undefined ? undefined : { kind: 'rolling', intervalMs };
}

/** The epoch ms until which the quota is used up, taking a rolling window's whole length (the most it can take). */
export function quotaExhaustedUntil(headers: Record<string, string>, now: number): number | undefined {
  const exhausted = quotaExhausted(headers, now);
  if (!exhausted) return undefined;
  return exhausted.kind === 'reset' ? exhausted.at : now + exhausted.intervalMs;
}

/**
 * How long the server asked us to wait before trying again: `Retry-After` first; on a 429 without
 * it, the vendor reset header.
 */
export function serverRequestedWaitMs(status: number, headers: Record<string, string>, now: number): number | undefined {
  const retryAfter = parseRetryAfter(headers['retry-after'], now);
  if (retryAfter !== undefined) return retryAfter;
  if (status !== 429) return undefined;
  const reset = parseResetHeader(headers, now);
  return reset === undefined ? undefined : Math.max(0, reset - now);
}

export interface BackoffPolicy {
  baseMs: number;
  capMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 500, capMs: 30_000 };

/**
 * Capped exponential backoff with full jitter (uniform in [0, min(cap, base * 2^(attempt-1))]),
 * which spreads the retries of concurrent requests instead of synchronising them.
 * `attempt` is the number of the retry, starting at 1.
 */
export function backoffDelay(attempt: number, policy: BackoffPolicy = DEFAULT_BACKOFF, random: () => number = Math.random): number {
  const exponent = Math.max(0, attempt - 1);
  const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** Math.min(exponent, 30));
  return Math.floor(random() * ceiling);
}

/** The leading number of a header value (`"0"`, `"12, 10;w=1"`), or undefined. */
function parseFirstNumber(value: string | undefined): number | undefined {
  const match = value === undefined ? null : /^\s*(\d+(?:\.\d+)?)/.exec(value);
  return match ? Number(match[1]) : undefined;
}
