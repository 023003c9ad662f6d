import { readJson } from '../http/json.js';
import type { HttpClient, HttpResponse, RequestIntent } from '../http/types.js';
import type { ScanFailure} from '../model/errors.js';
import { isScanFailure } from '../model/errors.js';
import type { Redactor } from '../privacy/redact.js';
import type { TokenSource } from './oauth-token.js';

export type Query = Record<string, string | number | boolean | undefined>;

export interface ApiResponse<T = unknown> {
  json: T;
  status: number;
  headers: Record<string, string>;
  url: string;
}

export interface ApiReaderOptions {
  http: HttpClient;
  /** Base URL every relative path is resolved against (no trailing slash needed). */
  baseUrl: string;
  /** Bearer tokens from a token source, or a fixed Authorization header value (e.g. `SSWS <token>`). */
  auth?: TokenSource | { authorization: string };
  redactor: Redactor;
  headers?: Record<string, string>;
}

/**
 * JSON reads from an admin API: authenticated, relative to a base URL, errors coded by status. A
 * 401 in the middle of a long scan (token expired or revoked) gets one fresh token and one retry.
 */
export class ApiReader {
  readonly #options: ApiReaderOptions;

  constructor(options: ApiReaderOptions) {
    this.#options = options;
  }

  url(path: string, query: Query = {}): string {
    const base = this.#options.baseUrl.replace(/\/+$/, '');
    const url = new URL(/^https?:\/\//.test(path) ? path : `${base}${path.startsWith('/') ? '' : '/'}${path}`);
    for (const [key, value] of Object.entries(query)) if (value !== undefined) url.searchParams.set(key, String(value));
    return url.toString();
  }

  async get<T = unknown>(path: string, query: Query = {}, what = path): Promise<ApiResponse<T>> {
    return this.#send<T>({ url: this.url(path, query), method: 'GET' }, what);
  }

  /** A documented read-only POST (a search, an export job, a bulk query job). */
  async post<T = unknown>(path: string, body: unknown, what = path, intent: RequestIntent = 'read-only-post'): Promise<ApiResponse<T>> {
    return this.#send<T>({ url: this.url(path), method: 'POST', body: JSON.stringify(body), intent, headers: { 'Content-Type': 'application/json' } }, what);
  }

  /** The raw response (for callers that read headers or stream-free binary bodies); status errors are not thrown. */
  async raw(path: string, query: Query = {}): Promise<HttpResponse> {
    return this.#exchange({ url: this.url(path, query), method: 'GET' });
  }

  async #send<T>(request: { url: string; method: 'GET' | 'POST'; body?: string; intent?: RequestIntent; headers?: Record<string, string> }, what: string): Promise<ApiResponse<T>> {
    const response = await this.#exchange(request);
    const json = readJson(response, what, this.#options.redactor) as T;
    return { json, status: response.status, headers: response.headers, url: response.finalUrl };
  }

  async #exchange(request: { url: string; method: 'GET' | 'POST'; body?: string; intent?: RequestIntent; headers?: Record<string, string> }): Promise<HttpResponse> {
    const send = async () =>
      this.#options.http.request({
        ...request,
        headers: { Accept: 'application/json', ...(this.#options.headers ?? {}), ...(request.headers ?? {}), ...(await this.#authorization()) },
      });
    let response = await send();
    const auth = this.#options.auth;
    if (response.status === 401 && auth && 'invalidate' in auth) {
      auth.invalidate();
      response = await send();
    }
    return response;
  }

  async #authorization(): Promise<Record<string, string>> {
    const auth = this.#options.auth;
    if (!auth) return {};
    if ('authorization' in auth) return { Authorization: auth.authorization };
    return { Authorization: `Bearer ${await auth.token()}` };
  }
}

/** True when a failure means "this credential may not read that" (the section becomes unknown). */
export function isPermissionFailure(err: unknown): err is ScanFailure {
  return isScanFailure(err) && (err.scanError.code === 'PERMISSION_DENIED' || err.scanError.code === 'AUTH_FAILED');
}
