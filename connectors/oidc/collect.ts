import { randomBytes } from 'node:crypto';
import type { CollectContext } from '../../src/connector.js';
import type { PlainHttpFacts, TlsHostFacts } from '../../src/model/as-facts.js';
import { isScanFailure, toScanError, type ScanError } from '../../src/model/errors.js';
import type { HttpClient, HttpRequest, HttpResponse } from '../../src/http/types.js';
import { classifyHost, guardedLookup } from '../../src/http/address-guard.js';
import { probeTls } from '../../src/net/tls-probe.js';
import { redactHeaders, redactUrl } from '../../src/privacy/redact.js';
import type { OidcTargetConfig } from './config.js';
import { isPlainObject } from './json-document.js';
import { stringMember } from './metadata.js';
import type { OidcExchangeName, OidcRawCollection, RawExchange } from './raw.js';
import {
  oidcDiscoveryUrl,
  passkeyEndpointsUrl,
  rfc8414DiscoveryUrl,
  riscConfigurationUrl,
  ssfConfigurationUrl,
} from './urls.js';

/** The synthetic Origin of the CORS probes (catalog §2 DISC-CORS-SCOPE); `.invalid` never resolves. */
export const CORS_PROBE_ORIGIN = 'https://cors-probe.invalid';
export const REDIRECT_PROBE_URI = 'https://redirect-probe.invalid/cb';

/** Public JSON documents are small; anything bigger than this is not a metadata document. */
const DOCUMENT_BODY_LIMIT = 512 * 1024;

/**
 * I/O only: fetch what catalog §14.1 allows (and §14.2 when enabled) and keep it raw. Judgement
 * happens in interpret.ts. Never throws for a failing system: each failure is kept on its exchange.
 */
export async function collectOidc(config: OidcTargetConfig, ctx: CollectContext): Promise<OidcRawCollection> {
  const issuer = config.issuer;
  const http = ctx.http();
  const allowedHosts = namedHostsOf(config);
  const raw: OidcRawCollection = { configuredIssuer: issuer, offline: false, allowedHosts, exchanges: {}, skipped: {} };
  const fetchInto = async (name: OidcExchangeName, request: HttpRequest, keepBody: boolean) => {
    raw.exchanges[name] = await exchange(http, request, keepBody);
  };

  ctx.progress('discovery');
  await fetchInto('oidcDiscovery', { url: oidcDiscoveryUrl(issuer), headers: { Origin: CORS_PROBE_ORIGIN }, cache: true }, true);
  await fetchInto('rfc8414Discovery', { url: rfc8414DiscoveryUrl(issuer), headers: { Origin: CORS_PROBE_ORIGIN }, cache: true }, true);
  const metadata = metadataOf(raw);

  ctx.progress('keys');
  const jwksUri = stringMember(metadata, 'jwks_uri');
  if (!metadata) raw.skipped.jwks = precondition('no valid discovery document, so no jwks_uri to fetch');
  else if (!jwksUri) raw.skipped.jwks = precondition('the metadata has no jwks_uri');
  else await fetchIfContactable(raw, 'jwks', jwksUri, allowedHosts, () =>
    fetchInto('jwks', { url: jwksUri, headers: { Origin: CORS_PROBE_ORIGIN } }, true));

  ctx.progress('endpoints');
  const authz = stringMember(metadata, 'authorization_endpoint');
  if (authz) {
    await fetchIfContactable(raw, 'authorizationEndpoint', authz, allowedHosts, () =>
      fetchInto('authorizationEndpoint', { url: authz, headers: { Origin: CORS_PROBE_ORIGIN, Accept: 'text/html,*/*;q=0.1' } }, false));
    await fetchIfContactable(raw, 'authorizationPreflight', authz, allowedHosts, () =>
      fetchInto(
        'authorizationPreflight',
        {
          url: authz,
          method: 'OPTIONS',
          headers: { Origin: CORS_PROBE_ORIGIN, 'Access-Control-Request-Method': 'GET' },
          followRedirects: false,
        },
        false,
      ));
  } else {
    raw.skipped.authorizationEndpoint = precondition('the metadata has no authorization_endpoint');
    raw.skipped.authorizationPreflight = precondition('the metadata has no authorization_endpoint');
  }
  const endSession = stringMember(metadata, 'end_session_endpoint');
  if (endSession) {
    await fetchIfContactable(raw, 'endSessionEndpoint', endSession, allowedHosts, () =>
      fetchInto('endSessionEndpoint', { url: endSession, headers: { Accept: 'text/html,*/*;q=0.1' } }, false));
  } else raw.skipped.endSessionEndpoint = precondition('the metadata has no end_session_endpoint');

  ctx.progress('well-known documents');
  await fetchInto('ssf', { url: ssfConfigurationUrl(issuer) }, true);
  await fetchInto('risc', { url: riscConfigurationUrl(issuer) }, true);
  await fetchInto('passkeyEndpoints', { url: passkeyEndpointsUrl(issuer) }, true);

  if (config.tlsProbe === false) {
    raw.skipped.tls = { kind: 'not-observed', detail: 'the TLS probe is switched off for this target (tlsProbe: false)' };
  } else {
    ctx.progress('TLS');
    raw.tls = await probeHosts(tlsHosts(issuer, metadata, allowedHosts), ctx);
  }
  await probePlainHttp(raw, http, issuer);

  if (config.activeProbes) {
    ctx.progress('active probes (T1)');
    await activeProbes(raw, metadata, allowedHosts, fetchInto);
  } else {
    const off = { kind: 'not-observed' as const, detail: 'T1 probes are off for this target', remediation: 'set activeProbes: true on the target to allow the single-request probes of catalog §14.2' };
    raw.skipped.introspection = off;
    raw.skipped.redirectUri = off;
  }
  return raw;
}

export function namedHostsOf(config: OidcTargetConfig): string[] {
  const hosts = new Set<string>([new URL(config.issuer).hostname.toLowerCase()]);
  for (const host of config.allowHosts ?? []) hosts.add(host.toLowerCase());
  return [...hosts].sort();
}

async function exchange(http: HttpClient, request: HttpRequest, keepBody: boolean): Promise<RawExchange> {
  const method = request.method ?? 'GET';
  const url = redactUrl(request.url);
  try {
    const response = await http.request({ maxResponseBytes: DOCUMENT_BODY_LIMIT, ...request });
    return fromResponse(method, url, response, keepBody);
  } catch (err) {
    return { method, url, headers: {}, error: toScanError(err, url) };
  }
}

function fromResponse(method: string, url: string, response: HttpResponse, keepBody: boolean): RawExchange {
  const out: RawExchange = { method, url, status: response.status, headers: redactHeaders(response.headers) };
  if (response.offOriginRedirect) out.offOriginRedirect = response.offOriginRedirect;
  // Only public JSON documents are kept, and only successful ones: error pages are not evidence we need.
  if (keepBody && response.status >= 200 && response.status < 300) out.body = response.body.toString('utf8');
  return out;
}

function metadataOf(raw: OidcRawCollection): Record<string, unknown> | undefined {
  for (const name of ['oidcDiscovery', 'rfc8414Discovery'] as const) {
    const ex = raw.exchanges[name];
    if (!ex?.body || ex.status !== 200) continue;
    try {
      const parsed: unknown = JSON.parse(ex.body);
      if (isPlainObject(parsed)) return parsed;
    } catch {
      // not JSON: interpret.ts records the problem
    }
  }
  return undefined;
}

function precondition(detail: string) {
  return { kind: 'precondition' as const, detail };
}

/** A document that points elsewhere is a finding, not a place to go (ARCHITECTURE, rules of the house). */
async function fetchIfContactable(
  raw: OidcRawCollection,
  name: OidcExchangeName,
  url: string,
  allowedHosts: string[],
  fetch: () => Promise<void>,
): Promise<void> {
  let host: string;
  try {
    host = new URL(url).hostname.toLowerCase();
  } catch {
    raw.skipped[name] = precondition(`${url} is not an absolute URL`);
    return;
  }
  if (!allowedHosts.includes(host)) {
    raw.skipped[name] = {
      kind: 'host-not-allowed',
      detail: `${host} is not among the hosts this target may contact (${allowedHosts.join(', ')})`,
      remediation: `if ${host} belongs to this deployment, add it to the target's allowHosts (CLI: --allow-host ${host})`,
    };
    return;
  }
  await fetch();
}

/** Distinct https hosts of the issuer and its main endpoints that the target may contact. */
function tlsHosts(issuer: string, metadata: Record<string, unknown> | undefined, allowedHosts: string[]): Array<{ host: string; port: number }> {
  const urls = [issuer, ...['authorization_endpoint', 'token_endpoint', 'jwks_uri'].map((m) => stringMember(metadata, m))];
  const seen = new Map<string, { host: string; port: number }>();
  for (const value of urls) {
    if (!value) continue;
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      continue;
    }
    if (url.protocol !== 'https:') continue;
    const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
    if (!allowedHosts.includes(url.hostname.toLowerCase())) continue;
    // The guarded lookup never runs for an IP literal: refuse metadata and link-local addresses here.
    if (classifyHost(host)) continue;
    const port = url.port ? Number(url.port) : 443;
    seen.set(`${host}:${port}`, { host, port });
  }
  return [...seen.values()];
}

async function probeHosts(hosts: Array<{ host: string; port: number }>, ctx: CollectContext): Promise<TlsHostFacts[]> {
  const out: TlsHostFacts[] = [];
  for (const { host, port } of hosts) {
    out.push(
      await probeTls(host, port, {
        connectTimeoutMs: ctx.limits.connectTimeoutMs,
        lookup: guardedLookup,
        beforeHandshake: () => ctx.governor.acquire(ctx.signal),
        ...(ctx.ca ? { ca: ctx.ca } : {}),
      }),
    );
  }
  return out;
}

/** `http://host/` on port 80: a redirect to https is expected (DISC-TLS-BASELINE). */
async function probePlainHttp(raw: OidcRawCollection, http: HttpClient, issuer: string): Promise<void> {
  const url = new URL(issuer);
  if (url.protocol !== 'https:' || url.port !== '') {
    raw.skipped.plainHttp = { kind: 'not-observed', detail: 'the issuer is not served on the default https port, so port 80 says nothing about it' };
    return;
  }
  const target = `http://${url.host}/`;
  try {
    const response = await http.request({ url: target, followRedirects: false, maxResponseBytes: 64 * 1024, retry: false });
    raw.plainHttp = plainHttpBehaviour(response, url.hostname);
  } catch (err) {
    const error: ScanError = toScanError(err, target);
    const closed = isScanFailure(err) && ['CONNECTION_REFUSED', 'CONNECT_TIMEOUT'].includes(err.scanError.code);
    raw.plainHttp = { behaviour: closed ? 'closed' : 'error', detail: `${error.code}: ${error.message}` };
  }
}

function plainHttpBehaviour(response: HttpResponse, hostname: string): PlainHttpFacts {
  const location = response.offOriginRedirect ?? response.headers.location;
  if (response.status >= 300 && response.status < 400 && location) {
    let target: URL | undefined;
    try {
      target = new URL(location, `http://${hostname}/`);
    } catch {
      target = undefined;
    }
    const toHttps = target?.protocol === 'https:' && target.hostname.toLowerCase() === hostname.toLowerCase();
    return { behaviour: toHttps ? 'redirects-to-https' : 'redirects-elsewhere', status: response.status, location };
  }
  return { behaviour: 'serves-content', status: response.status };
}

/** Catalog §14.2: single requests with dummy values, opt-in per target. */
async function activeProbes(
  raw: OidcRawCollection,
  metadata: Record<string, unknown> | undefined,
  allowedHosts: string[],
  fetchInto: (name: OidcExchangeName, request: HttpRequest, keepBody: boolean) => Promise<void>,
): Promise<void> {
  const introspection = stringMember(metadata, 'introspection_endpoint');
  if (introspection) {
    const token = randomBytes(24).toString('base64url');
    await fetchIfContactable(raw, 'introspection', introspection, allowedHosts, () =>
      fetchInto(
        'introspection',
        {
          url: introspection,
          method: 'POST',
          intent: 'probe',
          headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
          body: `token=${token}`,
          followRedirects: false,
          retry: false,
        },
        false,
      ));
  } else raw.skipped.introspection = precondition('the metadata has no introspection_endpoint');

  const authz = stringMember(metadata, 'authorization_endpoint');
  if (authz) {
    const probe = new URL(authz);
    probe.searchParams.set('client_id', `ciamscan-probe-${randomBytes(8).toString('hex')}`);
    probe.searchParams.set('redirect_uri', REDIRECT_PROBE_URI);
    probe.searchParams.set('response_type', 'code');
    await fetchIfContactable(raw, 'redirectUri', authz, allowedHosts, () =>
      fetchInto('redirectUri', { url: probe.toString(), intent: 'probe', followRedirects: false, retry: false }, false));
  } else raw.skipped.redirectUri = precondition('the metadata has no authorization_endpoint');
}
