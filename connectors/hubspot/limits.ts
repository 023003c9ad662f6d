import type { HttpLimits } from '../../src/http/types.js';
import type { HubspotTargetConfig } from './config.js';

/**
 * HubSpot's published API limits for private apps ("API usage guidelines and limits",
 * https://developers.hubspot.com/docs/api/usage-details, now served at
 * https://developers.hubspot.com/docs/developer-tooling/platform/usage-guidelines):
 *
 * | Tier (any Hub)          | per 10 seconds | per day (account) |
 * |-------------------------|----------------|-------------------|
 * | Free, Starter           | 100 / app      | 250,000           |
 * | Professional            | 190 / app      | 625,000           |
 * | Enterprise              | 190 / app      | 1,000,000         |
 * | API limit increase pack | 250 / app      | +1,000,000 each   |
 *
 * The CRM search endpoints have their own, lower limit (4 requests per second per token:
 * https://developers.hubspot.com/changelog/crm-search-api-rate-limit-increase) and do not send the
 * X-HubSpot-RateLimit-* headers; this connector sends two searches per scan, one after the other.
 * The daily limit resets at midnight in the account's time zone: a scan never waits for it.
 */
export const TEN_SECOND_WINDOW_MS = 10_000;

export const TEN_SECOND_LIMIT: Record<NonNullable<HubspotTargetConfig['tier']>, number> = {
  free: 100,
  starter: 100,
  professional: 190,
  enterprise: 190,
};

export const DAILY_LIMIT: Record<NonNullable<HubspotTargetConfig['tier']>, number> = {
  free: 250_000,
  starter: 250_000,
  professional: 625_000,
  enterprise: 1_000_000,
};

/** The lowest published burst limit: safe whatever the tier. */
export const DEFAULT_TEN_SECOND_LIMIT = 100;

/**
 * Connector defaults, for a target that does not say its tier: the lowest tier's window (100 per
 * 10 s). `limitsFor` raises it to the tier's allowance when `tier` is set. The bucket (10/s)
 * spreads the window evenly; one request at a time, because cursor paging is sequential and the
 * search endpoints allow only 4 per second.
 */
export const HUBSPOT_DEFAULT_LIMITS: Partial<HttpLimits> = {
  requestsPerSecond: 10,
  burst: 10,
  concurrency: 1,
  windows: [{ requests: DEFAULT_TEN_SECOND_LIMIT, perMs: TEN_SECOND_WINDOW_MS }],
  timeoutMs: 30_000,
  maxResponseBytes: 16 * 1024 * 1024,
  maxRetries: 3,
  // A 429 from HubSpot carries no Retry-After; the client waits X-HubSpot-RateLimit-Interval-Milliseconds (10 s).
  maxRetryWaitMs: 15_000,
};

/**
 * The limits the tier entitles this target to (layered over the defaults, under the target's own
 * `limits`): the 10-second window and a bucket that spreads it evenly.
 */
export function hubspotLimitsFor(config: HubspotTargetConfig): Partial<HttpLimits> {
  if (!config.tier) return {};
  const allowed = TEN_SECOND_LIMIT[config.tier];
  return { requestsPerSecond: allowed / 10, burst: allowed / 10, windows: [{ requests: allowed, perMs: TEN_SECOND_WINDOW_MS }] };
}

/** The daily limit the scan plans with: configured, else the tier's, else unknown (the headers tell). */
export function plannedDailyLimit(config: HubspotTargetConfig): number | undefined {
  return config.dailyLimit ?? (config.tier ? DAILY_LIMIT[config.tier] : undefined);
}

/**
 * A warning when the target's 10-second window does not match the tier: below it wastes the
 * account's allowance, above it earns 429s.
 */
export function windowAdvice(config: HubspotTargetConfig, limits: HttpLimits): string | undefined {
  if (!config.tier) return undefined;
  const allowed = TEN_SECOND_LIMIT[config.tier];
  const window = limits.windows.find((w) => w.perMs === TEN_SECOND_WINDOW_MS);
  if (!window) return `tier ${config.tier} allows ${allowed} requests per 10 s, but this target has no 10-second window: set limits.windows to [{ requests: ${allowed}, perMs: 10000 }]`;
  if (window.requests > allowed) return `limits.windows allows ${window.requests} requests per 10 s, above the ${allowed} HubSpot publishes for tier ${config.tier}: expect 429s`;
  if (window.requests < allowed) return `tier ${config.tier} allows ${allowed} requests per 10 s; this scan keeps ${window.requests} (set limits.windows to [{ requests: ${allowed}, perMs: 10000 }] to use the allowance)`;
  return undefined;
}
