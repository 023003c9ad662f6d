import type { HttpClient, HttpRequest, HttpResponse } from '../../src/http/types.js';
import { ScanFailure } from '../../src/model/errors.js';
import type { Redactor } from '../../src/privacy/redact.js';
import type { QuotaWatch } from './quota.js';
import { checkCsvBody, checkJsonBody, describeRequest, failureFor, REQUEST_LIMIT_EXCEEDED } from './responses.js';

/**
 * Every Salesforce request of this connector goes out here, whoever builds it (jsforce's Connection
 * and OAuth2, or our own Bulk API 2.0 reads): through the project's HttpClient (rate governor,
 * host allow-list, POST allow-list, size cap, timeouts, redaction), with
 *  - one token refresh and one resend on a 401 in the middle of the scan (never more per request,
 *    and at most MAX_REFRESHES per scan, so a revoked credential cannot cause a token storm),
 *  - the org's quota watched on every answer and nothing sent after REQUEST_LIMIT_EXCEEDED,
 *  - every non-2xx answer and every unexpected body turned into a coded ScanFailure.
 */
export const MAX_REFRESHES = 3;

export type Expect = 'json' | 'csv';

export class Wire {
  /** The client in use: the login host first, then the instance host the token response named. */
  http: HttpClient;
  /** Obtains a new access token (client credentials, JWT bearer); absent for a fixed access token. */
  refresher: (() => Promise<string>) | undefined;
  readonly quota: QuotaWatch;
  readonly #redactor: Redactor;
  readonly #signal: AbortSignal | undefined;
  readonly #used = new Set<HttpClient>();
  #refreshes = 0;
  #refreshing: Promise<string> | undefined;

  constructor(options: { http: HttpClient; quota: QuotaWatch; redactor: Redactor; signal?: AbortSignal }) {
    this.http = options.http;
    this.quota = options.quota;
    this.#redactor = options.redactor;
    this.#signal = options.signal;
  }

  /** Requests, retries and throttling over every client this wire used. */
  stats(): { requests: number; retries: number; throttled: number } {
    const total = { requests: 0, retries: 0, throttled: 0 };
    for (const client of this.#used) {
      const s = client.stats();
      total.requests += s.requests;
      total.retries += s.retries;
      total.throttled += s.throttled;
    }
    return total;
  }

  async send(request: HttpRequest, expect: Expect = 'json'): Promise<HttpResponse> {
    const what = describeRequest(request.method ?? 'GET', request.url);
    const stopped = this.quota.refusal();
    if (stopped) throw new ScanFailure({ ...stopped, message: `${what}: not sent: ${stopped.message}` });
    let response = await this.#exchange(request);
    if (response.status === 401 && request.intent !== 'token' && this.refresher && this.#refreshes < MAX_REFRESHES) {
      const token = await this.#refresh();
      response = await this.#exchange({ ...request, headers: { ...request.headers, Authorization: `Bearer ${token}` } });
    }
    if (response.status < 200 || response.status >= 300) {
      const failure = failureFor(response, what, this.#redactor, request.intent === 'token');
      if (failure.scanError.cause === REQUEST_LIMIT_EXCEEDED) this.quota.exhaust(failure.scanError);
      throw failure;
    }
    if (expect === 'csv') checkCsvBody(response, what, this.#redactor);
    else if (response.status !== 204) checkJsonBody(response, what, this.#redactor);
    return response;
  }

  async #exchange(request: HttpRequest): Promise<HttpResponse> {
    this.#used.add(this.http);
    const response = await this.http.request({ ...request, ...(this.#signal ? { signal: this.#signal } : {}) });
    this.quota.observe(response.headers);
    return response;
  }

  /** One refresh at a time: concurrent 401s share it. */
  async #refresh(): Promise<string> {
    if (!this.#refreshing) {
      this.#refreshes += 1;
      const refresher = this.refresher;
      if (!refresher) throw new Error('no refresher');
      this.#refreshing = refresher().finally(() => {
        this.#refreshing = undefined;
      });
    }
    return this.#refreshing;
  }
}
