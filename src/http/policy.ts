/**
 * What may be sent at all, decided before anything touches the network: the URL scheme, the host
 * allow-list of the target (a discovery document that points elsewhere is a finding, not a place
 * to go), the literal-address guard, and the read-only method rule.
 */
import type { ScanFailure } from '../model/errors.js';
import { classifyHost, normalizeHostname } from './address-guard.js';
import { addressBlocked, hostNotAllowed, scanFailure } from './failures.js';
import type { FailureContext } from './failures.js';
import type { HttpMethod, PostAllowance, RequestIntent } from './types.js';

export interface HostPolicy {
  targetId: string;
  /** Normalised (see normalizeHostname). */
  allowedHosts: ReadonlySet<string>;
}

export function createHostPolicy(targetId: string, allowedHosts: readonly string[]): HostPolicy {
  return { targetId, allowedHosts: new Set(allowedHosts.map(normalizeHostname)) };
}

/** Parse and vet a URL; throws the ScanFailure that explains a refusal. */
export function checkUrl(raw: string, policy: HostPolicy, ctx: FailureContext, allowHostOnce?: string): URL {
  const url = parseHttpUrl(raw, ctx);
  const host = normalizeHostname(url.hostname);
  const reason = classifyHost(host);
  if (reason) throw addressBlocked(ctx, host, host, reason);
  if (policy.allowedHosts.has(host)) return url;
  if (allowHostOnce !== undefined && normalizeHostname(allowHostOnce) === host) {
    if (url.protocol !== 'https:') {
      throw hostNotAllowed(ctx, host, policy.targetId, 'a host allowed for one request must be reached over https');
    }
    return url;
  }
  throw hostNotAllowed(ctx, host, policy.targetId);
}

function parseHttpUrl(raw: string, ctx: FailureContext): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw scanFailure(ctx, { code: 'UNSUPPORTED', message: 'not a valid absolute URL', retryable: false });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw scanFailure(ctx, {
      code: 'UNSUPPORTED',
      message: `only http and https URLs are fetched, not ${url.protocol}`,
      retryable: false,
    });
  }
  return url;
}

/** Same scheme, host and port: the only redirects the client follows. */
export function sameOrigin(a: URL, b: URL): boolean {
  return a.origin === b.origin;
}

/** The intents that may carry a POST (the read-only allow-list). */
const POST_INTENTS: ReadonlySet<RequestIntent> = new Set(['token', 'read-only-post', 'probe']);

/**
 * The scanner is read-only: GET/HEAD/OPTIONS always, POST only with a declared non-read intent
 * (token request, documented read-only search/export, opted-in probe), never PUT/PATCH/DELETE.
 */
export function checkMethod(
  method: HttpMethod,
  intent: RequestIntent | undefined,
  ctx: FailureContext,
  url?: URL,
  allowedPosts?: readonly PostAllowance[],
): ScanFailure | undefined {
  if (method === 'GET' || method === 'HEAD' || method === 'OPTIONS') return undefined;
  if (method === 'POST' && intent !== undefined && POST_INTENTS.has(intent)) {
    if (!allowedPosts || (url && allowedPosts.some((a) => a.intent === intent && a.path.test(url.pathname)))) return undefined;
    return scanFailure(ctx, {
      code: 'METHOD_NOT_ALLOWED',
      message: `refused to send POST ${url?.pathname ?? ''}: not among the connector's documented read-only POSTs`,
      retryable: false,
    });
  }
  const why =
    method === 'POST'
      ? 'a POST needs the intent "token", "read-only-post" or "probe"'
      : `${method} would change the scanned system`;
  return scanFailure(ctx, {
    code: 'METHOD_NOT_ALLOWED',
    message: `refused to send ${method}: the scanner is read-only and ${why}`,
    retryable: false,
  });
}
