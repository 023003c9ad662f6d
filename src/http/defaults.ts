import type { HttpLimits } from './types.js';

/**
 * Safe defaults for any target; each connector lowers or raises them for its kind of system
 * (e.g. the OIDC connector keeps catalog §14.1's 1 request per second), and the config can override.
 */
export const DEFAULT_LIMITS: HttpLimits = {
  requestsPerSecond: 5,
  burst: 5,
  concurrency: 4,
  windows: [],
  connectTimeoutMs: 5_000,
  timeoutMs: 30_000,
  maxResponseBytes: 8 * 1024 * 1024,
  maxRetries: 3,
  maxRetryWaitMs: 60_000,
};

export function mergeLimits(...layers: Array<Partial<HttpLimits> | undefined>): HttpLimits {
  const out: HttpLimits = { ...DEFAULT_LIMITS };
  for (const layer of layers) {
    if (!layer) continue;
    for (const [key, value] of Object.entries(layer)) {
      if (value !== undefined) (out as unknown as Record<string, unknown>)[key] = value;
    }
  }
  return out;
}
