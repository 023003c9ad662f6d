import { scanFailure } from '../../src/http/failures.js';
import { isJsonObject, parseJsonBody, readJson } from '../../src/http/json.js';
import type { HttpClient, HttpMethod, HttpResponse } from '../../src/http/types.js';
import { ScanFailure } from '../../src/model/errors.js';
import { redactUrl, type Redactor } from '../../src/privacy/redact.js';
import type { QuotaMeter } from './quotas.js';

/**
 * The transport under @hubspot/api-client: every request the SDK's generated clients make comes
 * here (sdk.ts plugs it in as their `httpApi`) and goes out through the target's HttpClient, so the
 * rate governor, host and POST allow-lists, timeouts, size cap and redaction hold. Non-2xx answers
 * and bodies that are not JSON become coded ScanFailures here, before the SDK sees them; a 2xx
 * JSON body is handed to the SDK to deserialise.
 */
export interface TransportRequest {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: unknown;
}

export interface TransportResponse {
  status: number;
  headers: Record<string, string>;
  text: string;
}

export interface TransportOptions {
  http: HttpClient;
  redactor: Redactor;
  meter: QuotaMeter;
  signal?: AbortSignal;
}

export class HubspotTransport {
  readonly #options: TransportOptions;
  /** A 401 that stood after its retry: later 401s are not retried (the token is gone, not blinking). */
  #rejected = false;

  constructor(options: TransportOptions) {
    this.#options = options;
  }

  async send(request: TransportRequest): Promise<TransportResponse> {
    const { http, redactor, meter } = this.#options;
    const method = readMethod(request, redactor);
    const body = readBody(request, redactor);
    const what = whatIsRead(request.url);
    const exchange = async (): Promise<HttpResponse> => {
      meter.beforeSend(redactUrl(request.url));
      const response = await http.request({
        url: request.url,
        method,
        headers: request.headers,
        ...(body !== undefined ? { body } : {}),
        // The contacts search is a documented read-only POST, safe to repeat after a 429 or 503.
        ...(method === 'POST' ? { intent: 'read-only-post' as const, retry: true } : {}),
        ...(this.#options.signal ? { signal: this.#options.signal } : {}),
      });
      meter.observe(response.headers);
      return response;
    };
    let response = await exchange();
    // A private-app token cannot be refreshed, and HubSpot says a 401 is not proof that the token is
    // gone (usage guidelines, "Authentication and security"): one more try, then the 401 stands.
    if (response.status === 401 && !this.#rejected) {
      response = await exchange();
      this.#rejected = response.status === 401;
    }
    if (response.status === 429) {
      const stop = meter.throttled(errorBodyField(response, 'policyName'), redactUrl(response.finalUrl));
      if (stop) throw stop;
    }
    const json = readWithCategory(response, what, redactor);
    return {
      status: response.status,
      // readJson accepted the body as JSON, whatever its declared type; the SDK parses by content type.
      headers: { ...response.headers, 'content-type': 'application/json' },
      text: JSON.stringify(json),
    };
  }
}

/**
 * readJson's coded failure, with HubSpot's error category (MISSING_SCOPES, INVALID_AUTHENTICATION,
 * RATE_LIMIT, …) as the cause: it says which of several 403s this was.
 */
function readWithCategory(response: HttpResponse, what: string, redactor: Redactor): unknown {
  try {
    return readJson(response, what, redactor);
  } catch (err) {
    const category = response.status >= 400 ? (errorBodyField(response, 'category') ?? errorBodyField(response, 'errorType')) : undefined;
    if (err instanceof ScanFailure && category && /^[A-Z_]{1,60}$/.test(category)) throw new ScanFailure({ ...err.scanError, cause: category });
    throw err;
  }
}

/** What a request reads, for error messages. */
export function whatIsRead(url: string): string {
  const path = safePath(url);
  if (/\/crm\/v3\/objects\/contacts\/search$/.test(path)) return 'contacts search';
  if (/\/crm\/v3\/objects\/contacts$/.test(path)) return 'contacts list';
  if (/\/crm\/v3\/properties\/contacts$/.test(path)) return 'contact properties';
  return 'HubSpot API';
}

function safePath(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    return url;
  }
}

/** Only reads leave this transport: GET, and POST for the documented searches (the client checks the path). */
function readMethod(request: TransportRequest, redactor: Redactor): HttpMethod {
  const method = request.method.toUpperCase();
  if (method === 'GET' || method === 'POST') return method;
  throw scanFailure(
    { url: request.url, secrets: redactor },
    { code: 'METHOD_NOT_ALLOWED', message: `${method} is not a read: refused before sending (the scanner is read-only)`, retryable: false },
  );
}

function readBody(request: TransportRequest, redactor: Redactor): string | undefined {
  if (request.body === undefined || typeof request.body === 'string') return request.body;
  throw scanFailure(
    { url: request.url, secrets: redactor },
    { code: 'UNSUPPORTED', message: 'the SDK built a non-JSON request body (form data); not sent', retryable: false },
  );
}

/** A string member of a HubSpot error body (`policyName`, `category`), when the body is a JSON object. */
export function errorBodyField(response: HttpResponse, field: string): string | undefined {
  const parsed = parseJsonBody(response.body);
  if (!parsed.ok || !isJsonObject(parsed.value)) return undefined;
  const value = parsed.value[field];
  return typeof value === 'string' ? value : undefined;
}
