/** The HTTP layer's public API: the client, the governor, JSON reading and the pure helpers. */
export type * from './types.js';
export { createHttpClient, userAgentFor, DEFAULT_ACCEPT, MAX_REDIRECTS } from './client.js';
export type { HttpClientDeps } from './client.js';
export { createRateGovernor, systemClock, windowMarginMs } from './governor.js';
export type { Clock, GovernorLimits, GovernorStats, RateGovernor } from './governor.js';
export { readJson, readJsonObject, parseJsonBody, isJsonContentType, isJsonObject, statusFailure } from './json.js';
export type { JsonParseResult } from './json.js';
export {
  parseRetryAfter,
  parseResetHeader,
  parseRemaining,
  quotaExhaustedUntil,
  serverRequestedWaitMs,
  backoffDelay,
  isRetryableStatus,
  DEFAULT_BACKOFF,
} from './retry.js';
export type { BackoffPolicy } from './retry.js';
export { classifyAddress, classifyHost, isMetadataHostname, createGuardedLookup, guardedLookup } from './address-guard.js';
export type { BlockReason } from './address-guard.js';
