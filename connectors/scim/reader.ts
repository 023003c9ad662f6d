import { safeText } from '../../src/http/failures.js';
import { parseJsonBody, readJson, readJsonObject, statusFailure } from '../../src/http/json.js';
import type { HttpClient, HttpResponse, HttpStreamResponse, RequestIntent } from '../../src/http/types.js';
import { ScanFailure, toScanError } from '../../src/model/errors.js';
import { redactUrl, type Redactor } from '../../src/privacy/redact.js';
import type { ScimCredential } from './credentials.js';
import type { RawDocument } from './raw.js';
import { scimErrorBody, type JsonObject } from './scim-json.js';

/** RFC 7644 §3.1: SCIM speaks application/scim+json; many providers answer application/json. */
const ACCEPT = 'application/scim+json, application/json;q=0.9';

/** Headers kept with a discovery document as evidence (never a credential or a cookie). */
const KEPT_HEADERS = ['content-type', 'www-authenticate', 'strict-transport-security', 'cache-control'];

export type Query = Record<string, string | number>;

export interface ReadOptions {
  /** Send no credential (discovery tried anonymously first; the T1 probe). */
  anonymous?: boolean;
  intent?: RequestIntent;
  retry?: boolean;
}

export interface ScimReaderOptions {
  http: HttpClient;
  baseUrl: string;
  credential?: ScimCredential | undefined;
  redactor: Redactor;
  signal: AbortSignal;
}

/**
 * GETs against one SCIM service provider through the target's HTTP client. A 401 on a
 * credentialed request is sent once more: SCIM tokens are static, so there is nothing to refresh,
 * but a provider node behind a load balancer whose token cache lags answers 401 once; a second 401
 * is the answer (AUTH_FAILED).
 */
export class ScimReader {
  readonly #options: ScimReaderOptions;

  constructor(options: ScimReaderOptions) {
    this.#options = options;
  }

  get hasCredential(): boolean {
    return this.#options.credential !== undefined;
  }

  url(path: string, query: Query = {}): string {
    const url = new URL(`${this.#options.baseUrl.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`);
    for (const [key, value] of Object.entries(query)) url.searchParams.set(key, String(value));
    return url.toString();
  }

  /** The URL as it may appear in errors and evidence. */
  printable(path: string, query: Query = {}): string {
    return this.#options.redactor.redact(redactUrl(this.url(path, query)));
  }

  async exchange(path: string, query: Query = {}, options: ReadOptions = {}): Promise<HttpResponse> {
    const send = () => this.#options.http.request({ ...this.#request(path, query, options) });
    const response = await send();
    return response.status === 401 && this.#authenticated(options) ? send() : response;
  }

  /** The status and a body stream, for the probe that reads only the head of its answer. */
  async stream(path: string, query: Query, options: ReadOptions & { maxResponseBytes?: number }): Promise<HttpStreamResponse> {
    return this.#options.http.stream({
      ...this.#request(path, query, options),
      ...(options.maxResponseBytes !== undefined ? { maxResponseBytes: options.maxResponseBytes } : {}),
    });
  }

  /** The JSON object of a successful answer; otherwise a coded ScanFailure (SCIM error detail included). */
  async readObject(path: string, query: Query, what: string, options: ReadOptions = {}): Promise<JsonObject> {
    const response = await this.exchange(path, query, options);
    const failure = scimStatusFailure(response, what, this.#options.redactor);
    if (failure) throw failure;
    return readJsonObject(response, what, this.#options.redactor);
  }

  /**
   * A public configuration document, kept raw; never throws. `list`: a JSON array is fine too
   * (RFC 7643 §8.6 shows /ResourceTypes answered with a bare array).
   */
  async document(path: string, what: string, options: ReadOptions & { list?: boolean } = {}): Promise<RawDocument> {
    const authenticated = this.#authenticated(options);
    const url = this.printable(path);
    let response: HttpResponse;
    try {
      response = await this.exchange(path, {}, options);
    } catch (err) {
      return { url, authenticated, headers: {}, error: toScanError(err, url) };
    }
    const out: RawDocument = { url, authenticated, status: response.status, headers: keptHeaders(response.headers) };
    const failure = scimStatusFailure(response, what, this.#options.redactor);
    if (failure) return { ...out, error: failure.scanError };
    const body = response.body.toString('utf8');
    try {
      if (options.list) readJson(response, what, this.#options.redactor);
      else readJsonObject(response, what, this.#options.redactor);
      return { ...out, body };
    } catch (err) {
      return { ...out, body, error: toScanError(err, url) };
    }
  }

  #authenticated(options: ReadOptions): boolean {
    return !options.anonymous && this.#options.credential !== undefined;
  }

  #request(path: string, query: Query, options: ReadOptions) {
    const headers: Record<string, string> = { Accept: ACCEPT };
    const credential = this.#options.credential;
    if (credential && !options.anonymous) headers.Authorization = credential.authorization;
    return {
      url: this.url(path, query),
      method: 'GET' as const,
      headers,
      signal: this.#options.signal,
      ...(options.intent ? { intent: options.intent } : {}),
      ...(options.retry !== undefined ? { retry: options.retry } : {}),
    };
  }
}

/**
 * The coded failure a non-2xx answer stands for (src/http/json.ts), with the RFC 7644 §3.12 error
 * message's `scimType` and a short `detail` when the provider sent one.
 */
export function scimStatusFailure(response: HttpResponse, what: string, redactor: Redactor): ScanFailure | undefined {
  const failure = statusFailure(response, what, { url: response.finalUrl, secrets: redactor });
  if (!failure) return undefined;
  const parsed = parseJsonBody(response.body);
  const body = parsed.ok ? scimErrorBody(parsed.value) : undefined;
  if (!body) return failure;
  const detail = body.detail ? `: ${body.detail.slice(0, 160)}` : '';
  return new ScanFailure({
    ...failure.scanError,
    message: safeText(`${failure.scanError.message}; SCIM error ${body.scimType ? `scimType ${body.scimType}` : 'without scimType'}${detail}`, redactor),
    ...(body.scimType ? { cause: safeText(body.scimType, redactor) } : {}),
  });
}

function keptHeaders(headers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of KEPT_HEADERS) {
    const value = headers[name];
    if (value !== undefined) out[name] = value;
  }
  return out;
}
