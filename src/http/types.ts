import type { Readable } from 'node:stream';

/**
 * The contract of the one HTTP client every connector uses (src/http). Connectors never import
 * axios, undici or an SDK's HTTP stack directly; SDKs are wired through this client.
 */

/** A vendor limit of the form "at most `requests` in any `perMs` window" (e.g. HubSpot 100 / 10 s). */
export interface WindowLimit {
  requests: number;
  perMs: number;
}

export interface HttpLimits {
  /** Token-bucket refill rate for this target (all hosts of the target share it). */
  requestsPerSecond: number;
  /** Token-bucket capacity. */
  burst: number;
  /** At most this many requests in flight (p-limit). */
  concurrency: number;
  /** Vendor windows enforced as sliding windows on top of the bucket, so no window is ever exceeded. */
  windows: WindowLimit[];
  /** TCP + TLS handshake must finish within this. */
  connectTimeoutMs: number;
  /** The whole exchange (headers and body) must finish within this. */
  timeoutMs: number;
  /** Bodies larger than this are cut off with BODY_TOO_LARGE. */
  maxResponseBytes: number;
  /** Retries on 429/502/503/504 and on network errors of idempotent requests. */
  maxRetries: number;
  /** A server asking us to wait longer than this is not waited for: the request fails RATE_LIMITED. */
  maxRetryWaitMs: number;
  /** Optional per-host request budget for the run (catalog §14.1: 60 per host for T0 probing). */
  maxRequestsPerHost?: number;
}

export interface HttpClientOptions {
  targetId: string;
  /** Host names (no port) the target named; anything else is refused with HOST_NOT_ALLOWED. */
  allowedHosts: string[];
  limits: HttpLimits;
  /** Extra trust anchors (PEM). Verification is always on. */
  ca?: string;
  /** Appended to the User-Agent, e.g. an operator contact address. */
  contact?: string;
  /** Values to scrub from every error message and log line (tokens, secrets). */
  secrets?: { redact(text: string): string };
  /**
   * The connector's documented POSTs. When given, a POST must match one (path pattern and intent),
   * so a connector bug cannot send a write even with a permitted intent.
   */
  allowedPosts?: PostAllowance[];
}

/** A POST a connector documents as read-only (token request, search, export or bulk query job, probe). */
export interface PostAllowance {
  /** Matched against the URL path (without query). */
  path: RegExp;
  intent: RequestIntent;
  purpose: string;
}

/**
 * Why a request is made; the read-only allow-list test asserts that every non-read request has
 * one of the permitted intents.
 */
export type RequestIntent =
  | 'read' // GET, HEAD, OPTIONS
  | 'token' // a token request needed to read (client credentials, JWT bearer)
  | 'read-only-post' // documented read-only POSTs: searches, export jobs, bulk query jobs
  | 'probe'; // a T1 single-request probe that the operator enabled

export type HttpMethod = 'GET' | 'HEAD' | 'OPTIONS' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface HttpRequest {
  url: string;
  method?: HttpMethod;
  headers?: Record<string, string>;
  body?: string | Buffer;
  intent?: RequestIntent;
  /** Follow redirects that stay on the same origin (default true); never follow off-origin ones. */
  followRedirects?: boolean;
  /** Retry on 429/502/503/504 (default: true for GET/HEAD/OPTIONS, false otherwise). */
  retry?: boolean;
  /** Serve repeated identical GETs from the run's cache (default false). */
  cache?: boolean;
  timeoutMs?: number;
  maxResponseBytes?: number;
  /**
   * A host outside the target that this one request may reach (e.g. the pre-signed download URL an
   * Auth0 export job returns). Must be https. Address checks still apply.
   */
  allowHostOnce?: string;
  signal?: AbortSignal;
}

export interface RedirectHop {
  status: number;
  from: string;
  to: string;
}

export interface HttpResponse {
  /** The URL requested. */
  url: string;
  /** The URL that produced this response after same-origin redirects. */
  finalUrl: string;
  status: number;
  /** Lower-cased header names; repeated headers joined with ", ". */
  headers: Record<string, string>;
  body: Buffer;
  redirects: RedirectHop[];
  /** Set when the server redirected to another origin and the redirect was not followed. */
  offOriginRedirect?: string;
  attempts: number;
  /** When the final response was a 429/503 whose Retry-After exceeded maxRetryWaitMs. */
  retryAfterMs?: number;
  fromCache: boolean;
}

export interface HttpStreamResponse extends Omit<HttpResponse, 'body'> {
  /** The body; errors with BODY_TOO_LARGE (a ScanFailure) once maxResponseBytes is passed. */
  body: Readable;
}

export interface HttpStats {
  requests: number;
  retries: number;
  throttled: number;
  byHost: Record<string, number>;
  /** Every request's start time (ms since epoch), for benchmarks that check window compliance. */
  startTimes?: number[];
}

export interface HttpClient {
  /**
   * Send a request. Resolves with the final response whatever its status (after retries);
   * rejects with a ScanFailure for transport problems: HOST_NOT_ALLOWED, ADDRESS_BLOCKED,
   * CONNECT_TIMEOUT, TIMEOUT, DNS, CONNECTION_REFUSED, TLS, NETWORK, BODY_TOO_LARGE,
   * TOO_MANY_REDIRECTS, BUDGET_EXHAUSTED, ABORTED.
   */
  request(req: HttpRequest): Promise<HttpResponse>;
  /** Like request, but the body is a stream (large exports). */
  stream(req: HttpRequest): Promise<HttpStreamResponse>;
  stats(): HttpStats;
}
