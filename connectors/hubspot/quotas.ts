import { ScanFailure } from '../../src/model/errors.js';

/**
 * HubSpot answers every (non-search) call with its rate-limit state: X-HubSpot-RateLimit-Max,
 * -Remaining and -Interval-Milliseconds for the rolling 10-second window, and for private apps
 * -Daily and -Daily-Remaining (https://developers.hubspot.com/docs/api/usage-details, "Rate limit
 * headers"). The HTTP client already pauses the target when -Remaining reaches 0 (src/http/retry.ts).
 * This meter keeps the readings for coverage.quotas and guards the DAILY limit, which the account
 * shares with its other integrations: the scan stops when -Daily-Remaining falls to the reserve, or
 * when HubSpot answers 429 with policyName DAILY, and never waits for the daily reset.
 */
const HEADERS = {
  max: 'x-hubspot-ratelimit-max',
  remaining: 'x-hubspot-ratelimit-remaining',
  interval: 'x-hubspot-ratelimit-interval-milliseconds',
  daily: 'x-hubspot-ratelimit-daily',
  dailyRemaining: 'x-hubspot-ratelimit-daily-remaining',
  secondly: 'x-hubspot-ratelimit-secondly',
  secondlyRemaining: 'x-hubspot-ratelimit-secondly-remaining',
} as const;

type Reading = keyof typeof HEADERS;

/** Readings kept as the lowest value seen (remaining counts) or the last one (limits). */
const LOWEST: ReadonlySet<Reading> = new Set(['remaining', 'dailyRemaining', 'secondlyRemaining']);

const LABELS: Record<Reading, string> = {
  max: 'hubspot ten-second max',
  remaining: 'hubspot ten-second lowest remaining',
  interval: 'hubspot interval ms',
  daily: 'hubspot daily max',
  dailyRemaining: 'hubspot daily lowest remaining',
  secondly: 'hubspot secondly max',
  secondlyRemaining: 'hubspot secondly lowest remaining',
};

export interface QuotaMeterOptions {
  /** The daily limit planned with (config or tier), used until a -Daily header says otherwise. */
  dailyLimit?: number;
  /** Share of the daily limit left to the account's other integrations. */
  dailyReserve: number;
}

export class QuotaMeter {
  readonly #options: QuotaMeterOptions;
  readonly #readings = new Map<Reading, number>();
  readonly #policies = new Map<string, number>();
  /** Requests this scan sent (the daily budget when HubSpot sends no daily headers). */
  #sent = 0;
  #stop: ScanFailure | undefined;

  constructor(options: QuotaMeterOptions) {
    this.#options = options;
  }

  /** Throws the stop reason once the daily limit is used up to the reserve. */
  beforeSend(endpoint: string): void {
    if (this.#stop) throw new ScanFailure({ ...this.#stop.scanError, endpoint });
    const limit = this.#readings.get('daily') ?? this.#options.dailyLimit;
    const remaining = this.#readings.get('dailyRemaining') ?? (limit === undefined ? undefined : limit - this.#sent);
    if (remaining !== undefined) {
      const reserve = limit === undefined ? 0 : Math.floor(limit * this.#options.dailyReserve);
      if (remaining <= reserve) {
        this.#stop = dailyStop(
          endpoint,
          `HubSpot daily limit: ${remaining}${limit === undefined ? '' : ` of ${limit}`} requests left, at the reserve kept for the account's other integrations (${reserve}); the scan stops here and does not wait for the daily reset`,
        );
        throw this.#stop;
      }
    }
    this.#sent += 1;
  }

  /** Record one response's headers (lower-case names). */
  observe(headers: Record<string, string>): void {
    for (const [reading, header] of Object.entries(HEADERS) as Array<[Reading, string]>) {
      const value = headerNumber(headers[header]);
      if (value === undefined) continue;
      const seen = this.#readings.get(reading);
      this.#readings.set(reading, LOWEST.has(reading) && seen !== undefined ? Math.min(seen, value) : value);
    }
  }

  /** A 429 body named its policy (TEN_SECONDLY_ROLLING, SECONDLY, DAILY, …). DAILY stops the scan. */
  throttled(policy: string | undefined, endpoint: string): ScanFailure | undefined {
    const name = policy ?? 'unnamed';
    this.#policies.set(name, (this.#policies.get(name) ?? 0) + 1);
    if (policy !== 'DAILY') return undefined;
    this.#stop = dailyStop(endpoint, "HubSpot answered 429 DAILY: the account's daily request limit is used up; the scan stops here and does not wait for the daily reset");
    return this.#stop;
  }

  /** For coverage.quotas: every reading, and the 429 policies seen. */
  quotas(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const reading of Object.keys(HEADERS) as Reading[]) {
      const value = this.#readings.get(reading);
      if (value !== undefined) out[LABELS[reading]] = value;
    }
    for (const [policy, count] of [...this.#policies.entries()].sort(([a], [b]) => a.localeCompare(b))) out[`hubspot 429 ${policy}`] = count;
    return out;
  }

  /** The -Max reading, to compare with the configured window. */
  get tenSecondMax(): number | undefined {
    return this.#readings.get('max');
  }
}

function dailyStop(endpoint: string, message: string): ScanFailure {
  return new ScanFailure({
    code: 'RATE_LIMITED',
    message,
    endpoint,
    retryable: true,
    remediation: "scan again after the daily reset (midnight in the HubSpot account's time zone), or lower dailyReserve",
  });
}

function headerNumber(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const match = /^\s*(\d+)/.exec(value);
  return match ? Number(match[1]) : undefined;
}
