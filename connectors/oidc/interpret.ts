import type { AuthorizationServerFacts, AuthorizationServerProbes, DiscoveryFacts } from '../../src/model/as-facts.js';
import {
  observed,
  unknownObservation,
  type HttpExchange,
  type JsonDocument,
  type Observation,
  type UnknownReason,
} from '../../src/model/observation.js';
import { endpointFacts } from './endpoints.js';
import { compareIssuer } from './issuer.js';
import { keptHeaders, toJsonDocument } from './json-document.js';
import { jwksFacts } from './jwks.js';
import { effectiveMetadata } from './metadata.js';
import { detectProduct } from './product.js';
import type { OidcExchangeName, OidcRawCollection, RawExchange } from './raw.js';

/**
 * Pure: turn what collect.ts gathered (or what an operator handed over as files) into the
 * normalised facts that rules read. No I/O, no clock.
 */
export function interpretOidc(raw: OidcRawCollection): { product: string; facts: AuthorizationServerFacts } {
  const discovery = interpretDiscovery(raw);
  const metadata = discovery.metadata;
  const facts: AuthorizationServerFacts = {
    configuredIssuer: raw.configuredIssuer,
    discovery,
    issuer: compareIssuer(raw.configuredIssuer, metadata?.issuer),
    effective: effectiveMetadata(metadata),
    endpoints: endpointFacts(metadata, raw.configuredIssuer, raw.allowedHosts),
    jwks: interpretJwks(raw),
    probes: interpretProbes(raw),
  };
  return { product: detectProduct(raw.configuredIssuer, metadata), facts };
}

function interpretDiscovery(raw: OidcRawCollection): DiscoveryFacts {
  const oidc = documentObservation(raw, 'oidcDiscovery');
  const rfc8414 = documentObservation(raw, 'rfc8414Discovery');
  const oidcValid = oidc.state === 'observed' && oidc.value.valid;
  const rfcValid = rfc8414.state === 'observed' && rfc8414.value.valid;
  const answered = oidcValid && rfcValid ? 'both' : oidcValid ? 'oidc' : rfcValid ? 'rfc8414' : 'none';
  // OIDC Discovery is preferred: it carries the OIDC-specific members; RFC 8414 is the fallback.
  const source = oidcValid ? oidc : rfcValid ? rfc8414 : undefined;
  const discovery: DiscoveryFacts = { oidc, rfc8414, answered, offline: raw.offline };
  if (source?.state === 'observed' && source.value.json) discovery.metadata = source.value.json;
  return discovery;
}

function interpretJwks(raw: OidcRawCollection) {
  const doc = documentObservation(raw, 'jwks');
  if (doc.state === 'unknown') return doc;
  return observed(jwksFacts(doc.value));
}

function interpretProbes(raw: OidcRawCollection): AuthorizationServerProbes {
  return {
    authorizationEndpoint: exchangeObservation(raw, 'authorizationEndpoint'),
    authorizationPreflight: exchangeObservation(raw, 'authorizationPreflight'),
    endSessionEndpoint: exchangeObservation(raw, 'endSessionEndpoint'),
    ssf: documentObservation(raw, 'ssf'),
    risc: documentObservation(raw, 'risc'),
    passkeyEndpoints: documentObservation(raw, 'passkeyEndpoints'),
    tls: raw.tls ? observed(raw.tls) : unknownObservation(skippedReason(raw, 'tls')),
    plainHttp: raw.plainHttp ? observed(raw.plainHttp) : unknownObservation(skippedReason(raw, 'plainHttp')),
    introspection: exchangeObservation(raw, 'introspection'),
    redirectUri: exchangeObservation(raw, 'redirectUri'),
  };
}

function documentObservation(raw: OidcRawCollection, name: OidcExchangeName): Observation<JsonDocument> {
  const exchange = raw.exchanges[name];
  if (!exchange) return unknownObservation(skippedReason(raw, name));
  return observed(toJsonDocument(exchange, raw.offline));
}

function exchangeObservation(raw: OidcRawCollection, name: OidcExchangeName): Observation<HttpExchange> {
  const exchange = raw.exchanges[name];
  if (!exchange) return unknownObservation(skippedReason(raw, name));
  return observed(toHttpExchange(exchange));
}

export function toHttpExchange(exchange: RawExchange): HttpExchange {
  const headers = keptHeaders(exchange.headers);
  const out: HttpExchange = { method: exchange.method, url: exchange.url, headers };
  if (exchange.status !== undefined) out.status = exchange.status;
  if (headers['content-type'] !== undefined) out.contentType = headers['content-type'];
  const location = exchange.offOriginRedirect ?? headers.location;
  if (location !== undefined) out.location = location;
  if (exchange.error) out.error = exchange.error;
  return out;
}

function skippedReason(raw: OidcRawCollection, name: OidcExchangeName | 'tls' | 'plainHttp'): UnknownReason {
  const reason = raw.skipped[name];
  if (reason) return reason;
  if (raw.offline) {
    return { kind: 'offline', detail: 'evaluated from saved documents; this live HTTP evidence does not exist offline' };
  }
  return { kind: 'not-observed', detail: `${name} was not collected` };
}
