import type { AuthorizationServerFacts } from '../../src/model/as-facts.js';
import type { ScanError, ScanErrorCode } from '../../src/model/errors.js';
import { ADDRESS_BLOCKED_ERRNO } from '../../src/http/address-guard.js';
import type { Coverage, DatasetCoverage, SystemSnapshot } from '../../src/model/snapshot.js';
import type { HttpStats } from '../../src/http/types.js';
import type { OidcRawCollection, RawExchange } from './raw.js';

/**
 * Assemble the snapshot: facts plus the completeness manifest. Transport failures (timeouts,
 * refused connections, 5xx, oversized bodies, off-origin redirects) are errors and make the read
 * partial; an answered 404 is evidence, not an error.
 */
export function oidcSnapshot(
  targetId: string,
  product: string,
  facts: AuthorizationServerFacts,
  raw: OidcRawCollection,
  stats?: HttpStats,
): SystemSnapshot {
  const errors = collectionErrors(raw);
  const coverage: Coverage = {
    datasets: [discoveryCoverage(raw), jwksCoverage(raw), probeCoverage(raw)],
    requests: stats?.requests ?? 0,
    retries: stats?.retries ?? 0,
    throttled: stats?.throttled ?? 0,
    missingPermissions: [],
  };
  return { targetId, kind: 'authorization-server', product, facts: { authorizationServers: [facts] }, coverage, errors };
}

function isTransportFailure(exchange: RawExchange | undefined): boolean {
  if (!exchange) return false;
  if (exchange.error) return true;
  if (exchange.offOriginRedirect) return true;
  return exchange.status !== undefined && (exchange.status === 429 || exchange.status >= 500);
}

function failure(exchange: RawExchange): ScanError {
  if (exchange.error) return exchange.error;
  if (exchange.offOriginRedirect) {
    let host = exchange.offOriginRedirect;
    try {
      host = new URL(exchange.offOriginRedirect, exchange.url).host;
    } catch {
      // keep the raw Location
    }
    return {
      code: 'REDIRECT_OFF_ORIGIN',
      message: `redirected to another origin (${host}); not followed`,
      endpoint: exchange.url,
      status: exchange.status,
      retryable: false,
      remediation: 'serve the document at the issuer origin, or add the other host to allowHosts if it is part of the deployment',
    };
  }
  const status = exchange.status ?? 0;
  return {
    code: status === 429 ? 'RATE_LIMITED' : 'SERVER_ERROR',
    message: `HTTP ${status} after retries`,
    endpoint: exchange.url,
    status,
    retryable: true,
    remediation: status === 429 ? 'lower requestsPerSecond for this target or scan later' : 'the server failed; scan again later',
  };
}

function collectionErrors(raw: OidcRawCollection): ScanError[] {
  const errors: ScanError[] = [];
  for (const exchange of Object.values(raw.exchanges)) {
    if (isTransportFailure(exchange)) errors.push(failure(exchange));
  }
  for (const host of raw.tls ?? []) {
    if (host.error && host.versions.every((v) => !v.accepted)) {
      const code = tlsProbeErrorCode(host.error);
      errors.push({ code, message: `no TLS handshake with ${host.host}:${host.port} succeeded (${host.error})`, endpoint: `${host.host}:${host.port}`, retryable: code !== 'ADDRESS_BLOCKED' });
    }
  }
  return errors;
}

/** The probe reports an errno code or a timeout text: a name that does not resolve or a closed port is not a TLS problem. */
function tlsProbeErrorCode(detail: string): ScanErrorCode {
  if (['ENOTFOUND', 'EAI_AGAIN', 'EAI_FAIL', 'EAI_NONAME', 'EAI_NODATA'].includes(detail)) return 'DNS';
  if (detail === 'ECONNREFUSED') return 'CONNECTION_REFUSED';
  if (detail === ADDRESS_BLOCKED_ERRNO) return 'ADDRESS_BLOCKED';
  if (detail.startsWith('no handshake within')) return 'CONNECT_TIMEOUT';
  return 'TLS';
}

function discoveryCoverage(raw: OidcRawCollection): DatasetCoverage {
  const both = [raw.exchanges.oidcDiscovery, raw.exchanges.rfc8414Discovery];
  if (raw.offline) return { name: 'discovery', state: 'complete', reason: 'saved document' };
  const failed = both.filter(isTransportFailure).length;
  if (failed === 2) return { name: 'discovery', state: 'not-read', reason: 'both well-known documents failed' };
  if (failed === 1) return { name: 'discovery', state: 'partial', reason: 'one well-known document failed' };
  return { name: 'discovery', state: 'complete' };
}

function jwksCoverage(raw: OidcRawCollection): DatasetCoverage {
  const exchange = raw.exchanges.jwks;
  const skipped = raw.skipped.jwks;
  if (exchange) return isTransportFailure(exchange) ? { name: 'jwks', state: 'not-read', reason: failure(exchange).message } : { name: 'jwks', state: 'complete' };
  if (skipped?.kind === 'precondition') return { name: 'jwks', state: 'not-applicable', reason: skipped.detail };
  if (raw.offline) return { name: 'jwks', state: 'not-read', reason: 'no JWKS file given' };
  return { name: 'jwks', state: 'not-read', reason: skipped?.detail ?? 'not fetched' };
}

function probeCoverage(raw: OidcRawCollection): DatasetCoverage {
  if (raw.offline) return { name: 'endpoint-probes', state: 'not-applicable', reason: 'offline evaluation: no live probes' };
  const probes = ['authorizationEndpoint', 'authorizationPreflight', 'endSessionEndpoint', 'ssf', 'risc', 'passkeyEndpoints', 'introspection', 'redirectUri'] as const;
  const failed = probes.filter((name) => isTransportFailure(raw.exchanges[name]));
  const tlsFailed = (raw.tls ?? []).filter((h) => h.error).length;
  if (failed.length === 0 && tlsFailed === 0) return { name: 'endpoint-probes', state: 'complete' };
  return { name: 'endpoint-probes', state: 'partial', reason: `failed: ${[...failed, ...(tlsFailed ? ['tls'] : [])].join(', ')}` };
}
