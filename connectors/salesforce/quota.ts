import type { ScanError } from '../../src/model/errors.js';

/**
 * The org's daily API request allocation, as far as this scan can see it. Salesforce meters the REST
 * API per org over a rolling 24 hours (Max depends on edition and licences) and has no per-second
 * rate header: `GET /limits` gives DailyApiRequests Max / Remaining, and every REST answer carries
 * `Sforce-Limit-Info: api-usage=<used>/<max>`. Once Salesforce answers REQUEST_LIMIT_EXCEEDED the
 * watch is closed and nothing more is sent (no retry storm against a 403 that has no Retry-After).
 * https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/headers_api_usage.htm
 */
export interface DailyApiReading {
  max: number;
  remaining: number;
}

export class QuotaWatch {
  #before: DailyApiReading | undefined;
  #after: DailyApiReading | undefined;
  #header: { used: number; max: number } | undefined;
  #exhausted: ScanError | undefined;
  #refusals = 0;

  /** Look at one answer's headers (lower-cased names). */
  observe(headers: Record<string, string>): void {
    const usage = parseLimitInfo(headers['sforce-limit-info']);
    if (usage) this.#header = usage;
  }

  /** The first REQUEST_LIMIT_EXCEEDED: every later request fails with it, unsent. */
  exhaust(error: ScanError): void {
    this.#exhausted ??= error;
  }

  /** The stored failure when the allocation is used up (and one more refusal counted). */
  refusal(): ScanError | undefined {
    if (this.#exhausted) this.#refusals += 1;
    return this.#exhausted;
  }

  get exhausted(): boolean {
    return this.#exhausted !== undefined;
  }

  limitsBefore(reading: DailyApiReading | undefined): void {
    this.#before = reading;
  }

  limitsAfter(reading: DailyApiReading | undefined): void {
    this.#after = reading;
  }

  /** Requests left in the 24-hour window: the freshest reading (the header of the last answer, else /limits). */
  remaining(): number | undefined {
    if (this.#header) return Math.max(0, this.#header.max - this.#header.used);
    return this.#before?.remaining;
  }

  /** For coverage.quotas. `sent`: requests this scan sent to the org. */
  quotas(sent: number): Record<string, number | string> {
    const out: Record<string, number | string> = { 'salesforce api requests sent': sent };
    const max = this.#before?.max ?? this.#after?.max ?? this.#header?.max;
    if (max !== undefined) out['salesforce DailyApiRequests max'] = max;
    if (this.#before) out['salesforce DailyApiRequests remaining before'] = this.#before.remaining;
    if (this.#after) out['salesforce DailyApiRequests remaining after'] = this.#after.remaining;
    // The difference also counts other integrations' calls in the same minutes: an upper bound of ours.
    if (this.#before && this.#after) out['salesforce DailyApiRequests consumed during scan'] = Math.max(0, this.#before.remaining - this.#after.remaining);
    if (this.#header) out['salesforce api-usage (Sforce-Limit-Info)'] = `${this.#header.used}/${this.#header.max}`;
    if (this.#exhausted) out['salesforce REQUEST_LIMIT_EXCEEDED'] = `stopped; ${this.#refusals} request(s) not sent`;
    if (max === undefined) out['salesforce DailyApiRequests'] = 'unknown';
    return out;
  }
}

/** `api-usage=18/5000` (possibly with other entries such as `per-app-api-usage=...`). */
export function parseLimitInfo(value: string | undefined): { used: number; max: number } | undefined {
  const match = value === undefined ? null : /(?:^|[\s,;])api-usage=(\d+)\/(\d+)/.exec(value);
  if (!match) return undefined;
  return { used: Number(match[1]), max: Number(match[2]) };
}

/** DailyApiRequests of a `GET /limits` answer. */
export function dailyApiRequests(limits: unknown): DailyApiReading | undefined {
  if (typeof limits !== 'object' || limits === null) return undefined;
  const daily = (limits as Record<string, unknown>).DailyApiRequests;
  if (typeof daily !== 'object' || daily === null) return undefined;
  const { Max: max, Remaining: remaining } = daily as Record<string, unknown>;
  return typeof max === 'number' && typeof remaining === 'number' ? { max, remaining } : undefined;
}

/** How many API requests a full read of `records` costs: REST pages, or a Bulk API 2.0 job. */
export function estimateCalls(records: number, plan: { bulk: boolean; pageSize: number; expectedPolls: number }): number {
  const pages = Math.max(1, Math.ceil(records / plan.pageSize));
  // Bulk: one job creation, the status polls, the result pages.
  return plan.bulk ? 1 + plan.expectedPolls + pages : pages;
}

/** Undefined when the read fits the share of what remains; otherwise why it is refused. */
export function refuseRead(estimate: number, remaining: number | undefined, share: number): string | undefined {
  if (remaining === undefined) return undefined;
  const allowed = Math.floor(remaining * share);
  if (estimate <= allowed) return undefined;
  return `an estimated ${estimate} API requests exceed ${Math.round(share * 100)} % of the ${remaining} daily API requests remaining (${allowed})`;
}
