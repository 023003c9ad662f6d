/**
 * The one HTTP client every connector uses (contract in ./types.ts). A request goes through, in
 * order: method and URL policy (read-only, host allow-list, address guard) -> optional run cache
 * -> for each redirect hop, attempts with retries, where each attempt takes a concurrency slot, a
 * rate permit and a per-host budget unit before it is sent -> the body, capped and timed.
 *
 * The pieces live in their own modules (policy, agents, transport, governor, body, retry,
 * failures); this file only wires them and makes the decisions that need all of them.
 */
import dns from 'node:dns';
import type { LookupFunction } from 'node:net';
import type { Readable } from 'node:stream';
import { ScanFailure } from '../model/errors.js';
import { USER_AGENT } from '../version.js';
import { createGuardedLookup, normalizeHostname } from './address-guard.js';
import { createAgents } from './agents.js';
import { collectBody, discardBody, guardBody } from './body.js';
import { cacheKey, createResponseCache } from './cache.js';
import type { ResponseCache } from './cache.js';
import { startDeadline } from './deadline.js';
import type { Deadline } from './deadline.js';
import {
  abortedFailure,
  bodyTooLarge,
  budgetExhausted,
  oneLine,
  timeoutFailure,
  tooManyRedirects,
  transportFailure,
} from './failures.js';
import type { FailureContext } from './failures.js';
import { createRateGovernor, systemClock } from './governor.js';
import type { Clock, RateGovernor } from './governor.js';
import { checkMethod, checkUrl, createHostPolicy, sameOrigin } from './policy.js';
import type { HostPolicy } from './policy.js';
import { rateLimitedUntil } from './failures.js';
import {
  DEFAULT_BACKOFF,
  backoffDelay,
  isIdempotentMethod,
  isRetryableNetworkCode,
  isRetryableStatus,
  quotaExhausted,
  serverRequestedWaitMs,
} from './retry.js';
import { createSlots } from './slots.js';
import type { Release, Slots } from './slots.js';
import { createStatsRecorder } from './stats.js';
import type { StatsRecorder } from './stats.js';
import { createAxiosTransport } from './transport.js';
import type { RawResponse, Transport } from './transport.js';
import type {
  HttpClient,
  HttpClientOptions,
  HttpLimits,
  HttpMethod,
  HttpRequest,
  HttpResponse,
  HttpStreamResponse,
  PostAllowance,
  RedirectHop,
} from './types.js';

export interface HttpClientDeps {
  /** Share one governor between the clients of a target (all its hosts share the rate). */
  governor?: RateGovernor;
  /** Time for retry sleeps and the default governor (tests inject a fake clock). */
  clock?: Clock;
  /** Jitter source for backoff, in [0, 1). */
  random?: () => number;
  /** The DNS lookup to guard (default dns.lookup); the address guard always wraps it. */
  lookup?: LookupFunction;
}

export const MAX_REDIRECTS = 5;
export const DEFAULT_ACCEPT = 'application/json, */*;q=0.1';
const REDIRECT_STATUSES: ReadonlySet<number> = new Set([301, 302, 303, 307, 308]);

interface ClientContext {
  options: HttpClientOptions;
  limits: HttpLimits;
  policy: HostPolicy;
  allowedPosts?: readonly PostAllowance[];
  transport: Transport;
  governor: RateGovernor;
  slots: Slots;
  stats: StatsRecorder;
  cache: ResponseCache;
  clock: Clock;
  random: () => number;
  userAgent: string;
}

/** Per-request settings after defaults. */
interface Settings {
  timeoutMs: number;
  maxResponseBytes: number;
  retry: boolean;
  followRedirects: boolean;
  allowHostOnce?: string | undefined;
  signal?: AbortSignal | undefined;
}

/** One hop of a request: what is sent to one URL. */
interface Hop {
  url: URL;
  method: HttpMethod;
  headers: Record<string, string>;
  body?: string | Buffer | undefined;
}

/** A response whose (guarded) body has not been read yet. */
interface Exchange {
  status: number;
  headers: Record<string, string>;
  body: Readable;
}

/** The end of a request: the final exchange and how we got there. */
interface Outcome {
  exchange: Exchange;
  finalUrl: string;
  redirects: RedirectHop[];
  offOriginRedirect?: string | undefined;
  attempts: number;
  retryAfterMs?: number | undefined;
}

interface Tally {
  attempts: number;
}

export function createHttpClient(options: HttpClientOptions, deps: HttpClientDeps = {}): HttpClient {
  const ctx = createContext(options, deps);
  return {
    request: (req) => request(ctx, req),
    stream: (req) => stream(ctx, req),
    stats: () => ctx.stats.snapshot(),
  };
}

function createContext(options: HttpClientOptions, deps: HttpClientDeps): ClientContext {
  const clock = deps.clock ?? systemClock;
  const lookup = createGuardedLookup(deps.lookup ?? dns.lookup);
  const agents = createAgents({ connectTimeoutMs: options.limits.connectTimeoutMs, lookup, ca: options.ca });
  return {
    options,
    limits: options.limits,
    policy: createHostPolicy(options.targetId, options.allowedHosts),
    ...(options.allowedPosts ? { allowedPosts: options.allowedPosts } : {}),
    transport: createAxiosTransport(agents),
    governor: deps.governor ?? createRateGovernor(options.limits, clock),
    slots: createSlots(options.limits.concurrency),
    stats: createStatsRecorder(),
    cache: createResponseCache(),
    clock,
    random: deps.random ?? Math.random,
    userAgent: userAgentFor(options.contact),
  };
}

/** Identify ourselves (catalog §14.1): tool, version, and the operator's contact when given. */
export function userAgentFor(contact: string | undefined): string {
  const clean = contact === undefined ? '' : oneLine(contact, 200);
  return clean ? `${USER_AGENT} contact: ${clean}` : USER_AGENT;
}

function failureContext(ctx: ClientContext, url: string): FailureContext {
  return { url, secrets: ctx.options.secrets };
}

async function request(ctx: ClientContext, req: HttpRequest): Promise<HttpResponse> {
  const headers = requestHeaders(ctx, req);
  const method = req.method ?? 'GET';
  const fetchOnce = async (): Promise<HttpResponse> => {
    const outcome = await run(ctx, req, headers);
    const body = await collectBody(outcome.exchange.body);
    return toResponse(req, outcome, body);
  };
  if (!req.cache || method !== 'GET') return fetchOnce();
  return ctx.cache.through(cacheKey(method, req.url, headers), fetchOnce);
}

async function stream(ctx: ClientContext, req: HttpRequest): Promise<HttpStreamResponse> {
  const outcome = await run(ctx, req, requestHeaders(ctx, req));
  return toResponse(req, outcome, outcome.exchange.body);
}

function toResponse<B>(req: HttpRequest, outcome: Outcome, body: B): Omit<HttpResponse, 'body'> & { body: B } {
  return {
    url: req.url,
    finalUrl: outcome.finalUrl,
    status: outcome.exchange.status,
    headers: outcome.exchange.headers,
    body,
    redirects: outcome.redirects,
    ...(outcome.offOriginRedirect !== undefined ? { offOriginRedirect: outcome.offOriginRedirect } : {}),
    attempts: outcome.attempts,
    ...(outcome.retryAfterMs !== undefined ? { retryAfterMs: outcome.retryAfterMs } : {}),
    fromCache: false,
  };
}

/** Caller headers (names lower-cased) over our Accept default; our User-Agent always wins. */
function requestHeaders(ctx: ClientContext, req: HttpRequest): Record<string, string> {
  const headers: Record<string, string> = { accept: DEFAULT_ACCEPT };
  for (const [name, value] of Object.entries(req.headers ?? {})) headers[name.toLowerCase()] = value;
  headers['user-agent'] = ctx.userAgent;
  return headers;
}

function settingsFor(ctx: ClientContext, req: HttpRequest, method: HttpMethod): Settings {
  return {
    timeoutMs: req.timeoutMs ?? ctx.limits.timeoutMs,
    maxResponseBytes: req.maxResponseBytes ?? ctx.limits.maxResponseBytes,
    retry: req.retry ?? isIdempotentMethod(method),
    followRedirects: req.followRedirects ?? true,
    allowHostOnce: req.allowHostOnce,
    signal: req.signal,
  };
}

/** Policy checks, then hops until a response that is not a followed redirect. */
async function run(ctx: ClientContext, req: HttpRequest, headers: Record<string, string>): Promise<Outcome> {
  const method = req.method ?? 'GET';
  const fctx = failureContext(ctx, req.url);
  const settings = settingsFor(ctx, req, method);
  if (settings.signal?.aborted) throw abortedFailure(fctx);
  const url = checkUrl(req.url, ctx.policy, fctx, settings.allowHostOnce);
  const refused = checkMethod(method, req.intent, fctx, url, ctx.allowedPosts);
  if (refused) throw refused;
  let hop: Hop = { url, method, headers, body: req.body };
  const redirects: RedirectHop[] = [];
  const tally: Tally = { attempts: 0 };
  for (;;) {
    const { exchange, retryAfterMs } = await sendWithRetries(ctx, hop, settings, tally);
    const location = redirectLocation(hop, exchange);
    // Another origin is never followed; it is reported (also with followRedirects: false).
    const offOriginRedirect = location && !sameOrigin(location, hop.url) ? location.href : undefined;
    if (!location || offOriginRedirect !== undefined || !settings.followRedirects) {
      const outcome = { exchange, finalUrl: hop.url.href, redirects, offOriginRedirect, attempts: tally.attempts, retryAfterMs };
      return finalOutcome(ctx, hop, settings, outcome);
    }
    discardBody(exchange.body);
    if (redirects.length >= MAX_REDIRECTS) throw tooManyRedirects(fctx, MAX_REDIRECTS);
    redirects.push({ status: exchange.status, from: hop.url.href, to: location.href });
    hop = redirectedHop(ctx, hop, exchange.status, location, settings);
  }
}

/** The absolute Location of a redirect response, or undefined (not a redirect, none, unparseable). */
function redirectLocation(hop: Hop, exchange: Exchange): URL | undefined {
  const location = exchange.headers.location;
  if (!REDIRECT_STATUSES.has(exchange.status) || !location) return undefined;
  try {
    return new URL(location, hop.url);
  } catch {
    return undefined;
  }
}

/**
 * The next hop after a same-origin redirect: 303 (and 301/302 after a POST, as browsers do)
 * continue as a body-less GET; 307/308 repeat the request. The target is vetted like any URL.
 */
function redirectedHop(ctx: ClientContext, hop: Hop, status: number, location: URL, settings: Settings): Hop {
  const url = checkUrl(location.href, ctx.policy, failureContext(ctx, location.href), settings.allowHostOnce);
  const toGet = (status === 303 && hop.method !== 'HEAD') || ((status === 301 || status === 302) && hop.method === 'POST');
  if (!toGet) return { ...hop, url };
  const headers = { ...hop.headers };
  delete headers['content-type'];
  delete headers['content-length'];
  return { url, method: 'GET', headers };
}

/** Reject early when the declared length already exceeds the cap (HEAD bodies are empty). */
function finalOutcome(ctx: ClientContext, hop: Hop, settings: Settings, outcome: Outcome): Outcome {
  const declared = Number(outcome.exchange.headers['content-length']);
  if (hop.method !== 'HEAD' && Number.isFinite(declared) && declared > settings.maxResponseBytes) {
    discardBody(outcome.exchange.body);
    throw bodyTooLarge(failureContext(ctx, hop.url.href), settings.maxResponseBytes, declared);
  }
  return outcome;
}

/**
 * Attempts for one hop. Retries (if allowed for the request) on 429/502/503/504 and on transient
 * network errors, waiting what the server asked or a jittered backoff; a requested wait above
 * `maxRetryWaitMs` is not waited for but reported as `retryAfterMs`. Never throws for a status:
 * when retries run out, the last response is the answer.
 */
async function sendWithRetries(
  ctx: ClientContext,
  hop: Hop,
  settings: Settings,
  tally: Tally,
): Promise<{ exchange: Exchange; retryAfterMs?: number }> {
  const { maxRetries, maxRetryWaitMs } = ctx.limits;
  for (let attemptNo = 1; ; attemptNo += 1) {
    const canRetry = settings.retry && attemptNo <= maxRetries;
    let exchange: Exchange;
    try {
      exchange = await attempt(ctx, hop, settings, tally);
    } catch (error) {
      if (!canRetry || !isTransientNetworkFailure(error)) throw error;
      await retryPause(ctx, hop, settings, backoffDelay(attemptNo, DEFAULT_BACKOFF, ctx.random));
      continue;
    }
    const now = ctx.clock.now();
    observeThrottling(ctx, exchange, now);
    if (!isRetryableStatus(exchange.status)) return { exchange };
    const requested = serverRequestedWaitMs(exchange.status, exchange.headers, now);
    if (requested !== undefined && requested > maxRetryWaitMs) return { exchange, retryAfterMs: requested };
    if (!canRetry) return { exchange };
    discardBody(exchange.body);
    await retryPause(ctx, hop, settings, requested ?? backoffDelay(attemptNo, DEFAULT_BACKOFF, ctx.random));
  }
}

function isTransientNetworkFailure(error: unknown): boolean {
  return error instanceof ScanFailure && error.scanError.code === 'NETWORK' && isRetryableNetworkCode(error.scanError.cause);
}

async function retryPause(ctx: ClientContext, hop: Hop, settings: Settings, waitMs: number): Promise<void> {
  ctx.stats.countRetry();
  try {
    await ctx.clock.sleep(waitMs, settings.signal);
  } catch {
    throw abortedFailure(failureContext(ctx, hop.url.href));
  }
}

/**
 * A 429 pauses the whole target (the server's wait, or the backoff base when it gave none), and so
 * does a vendor quota at 0 with a known reset; pauses are capped at `maxRetryWaitMs` so a far reset
 * slows the scan down instead of stalling it (the next request then reports the 429 itself).
 */
function observeThrottling(ctx: ClientContext, exchange: Exchange, now: number): void {
  const longest = now + ctx.limits.maxRetryWaitMs;
  if (exchange.status === 429) {
    const wait = serverRequestedWaitMs(429, exchange.headers, now) ?? DEFAULT_BACKOFF.baseMs;
    // Beyond what we will wait, stop sending to this target until then instead of pausing per request.
    if (now + wait > longest) ctx.governor.refuseUntil(now + wait);
    else ctx.governor.pauseUntil(now + wait);
    ctx.stats.countThrottle();
    return;
  }
  const exhausted = quotaExhausted(exchange.headers, now);
  if (exhausted === undefined) return;
  if (exhausted.kind === 'rolling') {
    // Pausing a whole interval each time the window fills left HubSpot at ~55 % of its allowance.
    if (ctx.governor.pauseForRollingWindow(exhausted.intervalMs, now)) ctx.stats.countThrottle();
    return;
  }
  const resetAt = exhausted.at;
  if (resetAt > longest) {
    ctx.governor.refuseUntil(resetAt);
    ctx.stats.countThrottle();
  } else if (ctx.governor.pauseUntil(resetAt)) ctx.stats.countThrottle();
}

/** One attempt: slot, rate permit, budget, then the exchange (the body keeps the slot until closed). */
async function attempt(ctx: ClientContext, hop: Hop, settings: Settings, tally: Tally): Promise<Exchange> {
  const fctx = failureContext(ctx, hop.url.href);
  const refusedUntil = ctx.governor.refusedUntil(ctx.clock.now());
  if (refusedUntil !== undefined) throw rateLimitedUntil(fctx, refusedUntil);
  const release = await orAborted(ctx.slots.acquire(settings.signal), fctx);
  try {
    await orAborted(ctx.governor.acquire(settings.signal), fctx);
    const startedAt = ctx.clock.now();
    const host = normalizeHostname(hop.url.hostname);
    const budget = ctx.limits.maxRequestsPerHost;
    if (!ctx.stats.tryCountAttempt(host, startedAt, budget)) throw budgetExhausted(fctx, host, budget ?? 0);
    tally.attempts += 1;
    return await send(ctx, hop, settings, release);
  } catch (error) {
    release();
    throw error;
  }
}

/** Waiting for a slot or a permit can only fail by the caller's abort. */
async function orAborted<T>(pending: Promise<T>, fctx: FailureContext): Promise<T> {
  try {
    return await pending;
  } catch (error) {
    if (error instanceof ScanFailure) throw error;
    throw abortedFailure(fctx);
  }
}

async function send(ctx: ClientContext, hop: Hop, settings: Settings, release: Release): Promise<Exchange> {
  const fctx = failureContext(ctx, hop.url.href);
  const tctx = { ...fctx, connectTimeoutMs: ctx.limits.connectTimeoutMs };
  const deadline = startDeadline(settings.timeoutMs, settings.signal);
  const failureFor = (error: unknown): ScanFailure => attemptFailure(error, deadline, tctx);
  let raw: RawResponse;
  try {
    raw = await ctx.transport.send({ url: hop.url.href, method: hop.method, headers: hop.headers, body: hop.body, signal: deadline.signal });
  } catch (error) {
    const failure = failureFor(error);
    deadline.clear();
    throw failure;
  }
  const body = guardBody(raw.body, {
    maxBytes: settings.maxResponseBytes,
    signal: deadline.signal,
    tooLarge: () => bodyTooLarge(fctx, settings.maxResponseBytes),
    failureFor,
    onClose: () => {
      deadline.clear();
      release();
    },
  });
  return { status: raw.status, headers: raw.headers, body };
}

/** The deadline decides between TIMEOUT and ABORTED; anything else is a transport error. */
function attemptFailure(error: unknown, deadline: Deadline, tctx: FailureContext & { connectTimeoutMs: number }): ScanFailure {
  if (error instanceof ScanFailure) return error;
  const state = deadline.state();
  if (state === 'timeout') return timeoutFailure(tctx, deadline.timeoutMs);
  if (state === 'aborted') return abortedFailure(tctx);
  return transportFailure(error, tctx);
}
