import { generateKeyPairSync, randomBytes, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { interpretOidc } from '../../connectors/oidc/interpret.js';
import { jwkThumbprint } from '../../connectors/oidc/jwks.js';
import type { OidcRawCollection, RawExchange } from '../../connectors/oidc/raw.js';
import { oidcSnapshot } from '../../connectors/oidc/snapshot.js';
import { buildInventory, type Inventory, type KeySighting } from '../../src/inventory.js';
import type { TlsHostFacts, TlsVersionResult } from '../../src/model/as-facts.js';
import type { ScanError, ScanErrorCode } from '../../src/model/errors.js';
import { emptyCoverage, type SystemSnapshot } from '../../src/model/snapshot.js';
import { ISSUER } from '../support/oidc-inventory.js';

/**
 * Extra builders for the rule tests, next to test/support/oidc-inventory.ts: keys of every size and
 * curve (generated per run, public members only unless a test deliberately leaks private ones),
 * probe exchanges with headers, TLS host facts, offline inventories built like `--discovery-file`,
 * key sightings for KEY-ROTATION, and non-OIDC snapshots.
 */

export type Jwk = Record<string, unknown>;

export const SCANNED_AT = '2026-06-01T00:00:00.000Z';

function exportJwk(key: KeyObject): Jwk {
  return key.export({ format: 'jwk' });
}

/** A fresh RSA public key of `bits` bits (public members only). */
export function rsaKey(bits: number, extra: Jwk = {}): Jwk {
  const { publicKey } = generateKeyPairSync('rsa', { modulusLength: bits });
  return { kty: 'RSA', use: 'sig', alg: 'RS256', ...exportJwk(publicKey), ...extra };
}

/** A fresh EC public key on `curve` (public members only). */
export function ecKey(curve: 'P-256' | 'P-384' | 'P-521' | 'secp256k1', extra: Jwk = {}): Jwk {
  const { publicKey } = generateKeyPairSync('ec', { namedCurve: curve });
  return { use: 'sig', ...exportJwk(publicKey), ...extra };
}

/** A fresh OKP public key (Ed25519 / Ed448 sign, X25519 / X448 agree). */
export function okpKey(type: 'ed25519' | 'ed448' | 'x25519' | 'x448', extra: Jwk = {}): Jwk {
  const key = (() => {
    switch (type) {
      case 'ed25519':
        return generateKeyPairSync('ed25519').publicKey;
      case 'ed448':
        return generateKeyPairSync('ed448').publicKey;
      case 'x25519':
        return generateKeyPairSync('x25519').publicKey;
      case 'x448':
        return generateKeyPairSync('x448').publicKey;
    }
  })();
  return { ...exportJwk(key), ...extra };
}

/**
 * A JWK that deliberately carries its private members (for KEY-JWKS-PUBLIC-ONLY only). The key is
 * generated during the run and never written anywhere.
 */
export function leakedPrivateJwk(kind: 'rsa' | 'ec' | 'ed25519', extra: Jwk = {}): Jwk {
  const privateKey =
    kind === 'rsa'
      ? generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey
      : kind === 'ec'
        ? generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey
        : generateKeyPairSync('ed25519').privateKey;
  return { ...exportJwk(privateKey), ...extra };
}

/** A symmetric (`oct`) key with a random secret, generated during the run. */
export function octKey(extra: Jwk = {}): Jwk {
  return { kty: 'oct', k: randomBytes(32).toString('base64url'), ...extra };
}

/** Prefix a base64url integer with one zero octet (non-minimal encoding seen in real JWKS). */
export function withLeadingZeroOctet(n: string): string {
  return Buffer.concat([Buffer.from([0]), Buffer.from(n, 'base64url')]).toString('base64url');
}

/** RFC 7638 thumbprint, computed the way the connector computes it. */
export function thumbprintOf(key: Jwk): string {
  const kty = typeof key.kty === 'string' ? key.kty : undefined;
  const t = jwkThumbprint(key, kty);
  if (!t) throw new Error('no thumbprint for this key');
  return t;
}

export function sighting(key: Jwk, firstSeen: string, lastSeen: string): KeySighting {
  return { ...(typeof key.kid === 'string' ? { kid: key.kid } : {}), thumbprint: thumbprintOf(key), firstSeen, lastSeen };
}

/** The real Keycloak realm JWKS from fixtures/real-world (its x5c leaf carries the bare key). */
export function keycloakRealmJwks(): { keys: Jwk[] } {
  const url = new URL('../../fixtures/real-world/jwks/keycloak-realm.json', import.meta.url);
  return JSON.parse(readFileSync(url, 'utf8')) as { keys: Jwk[] };
}

/** One probe exchange (authorization endpoint, end-session page, introspection, SSF ...). */
export function page(url: string, headers: Record<string, string> = {}, status = 200, method = 'GET'): RawExchange {
  return { method, url, status, headers };
}

/** A JSON document exchange (SSF, RISC). */
export function jsonDocument(url: string, body: unknown, status = 200, headers: Record<string, string> = { 'content-type': 'application/json' }): RawExchange {
  return { method: 'GET', url, status, headers, body: JSON.stringify(body) };
}

export function scanError(code: ScanErrorCode, endpoint: string, message = `${code.toLowerCase()} while fetching`): ScanError {
  return { code, message, endpoint, retryable: true };
}

/** An exchange that got no answer at all (timeout, refused connection ...). */
export function failedExchange(url: string, code: ScanErrorCode = 'TIMEOUT', method = 'GET'): RawExchange {
  return { method, url, headers: {}, error: scanError(code, url) };
}

const VERSIONS: Array<TlsVersionResult['version']> = ['TLSv1', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3'];

/**
 * TLS facts of one host: by default TLS 1.2 and 1.3 accepted, legacy versions refused, a trusted
 * certificate matching the host with 200 days left.
 */
export function tlsHost(
  options: {
    host?: string;
    accepted?: Array<TlsVersionResult['version']>;
    untestable?: Array<TlsVersionResult['version']>;
    certificate?: Partial<NonNullable<TlsHostFacts['certificate']>> | null;
    error?: string;
  } = {},
): TlsHostFacts {
  const host = options.host ?? new URL(ISSUER).hostname;
  const accepted = options.accepted ?? ['TLSv1.2', 'TLSv1.3'];
  const untestable = options.untestable ?? [];
  const versions: TlsVersionResult[] = VERSIONS.map((version) => {
    if (untestable.includes(version)) return { version, accepted: false, untestable: true, detail: 'ERR_SSL_NO_PROTOCOLS_AVAILABLE' };
    if (accepted.includes(version)) return { version, accepted: true };
    return { version, accepted: false, detail: 'ERR_SSL_TLSV1_ALERT_PROTOCOL_VERSION' };
  });
  const facts: TlsHostFacts = { host, port: 443, versions };
  if (options.certificate !== null) {
    facts.certificate = {
      subject: `CN=${host}`,
      issuer: 'CN=Example Trusted CA',
      validFrom: '2026-01-01T00:00:00.000Z',
      validTo: '2026-12-18T00:00:00.000Z',
      daysToExpiry: 200,
      trusted: true,
      hostnameMatch: true,
      ...(options.certificate ?? {}),
    };
  }
  if (options.error !== undefined) facts.error = options.error;
  return facts;
}

/**
 * An inventory evaluated from saved documents, built exactly as `ciamscan oidc --discovery-file`
 * builds it (connectors/oidc/offline.ts): no status, headers, TLS or probes.
 */
export function offlineInventory(discovery: Record<string, unknown> | string, options: { jwks?: Record<string, unknown> | string; issuer?: string; targetId?: string } = {}): Inventory {
  const body = typeof discovery === 'string' ? discovery : JSON.stringify(discovery);
  const issuer = options.issuer ?? (typeof discovery === 'string' ? ISSUER : typeof discovery.issuer === 'string' ? discovery.issuer : ISSUER);
  const raw: OidcRawCollection = {
    configuredIssuer: issuer,
    offline: true,
    allowedHosts: [new URL(issuer).hostname.toLowerCase()],
    exchanges: { oidcDiscovery: { method: 'FILE', url: 'file:discovery.json', headers: {}, body } },
    skipped: { rfc8414Discovery: { kind: 'offline', detail: 'evaluated from one saved document; the other well-known form was not fetched' } },
  };
  if (options.jwks !== undefined) {
    raw.exchanges.jwks = { method: 'FILE', url: 'file:jwks.json', headers: {}, body: typeof options.jwks === 'string' ? options.jwks : JSON.stringify(options.jwks) };
  } else {
    raw.skipped.jwks = { kind: 'offline', detail: 'no JWKS file was given' };
  }
  const { product, facts } = interpretOidc(raw);
  return buildInventory([oidcSnapshot(options.targetId ?? 'op', product, facts, raw)], { scannedAt: SCANNED_AT });
}

/** A scan whose targets are not authorization servers (e.g. only a CRM). */
export function nonOidcInventory(kind: SystemSnapshot['kind'] = 'crm', product = 'hubspot'): Inventory {
  const snapshot: SystemSnapshot = { targetId: `${product}-target`, kind, product, facts: {}, coverage: emptyCoverage(), errors: [] };
  return buildInventory([snapshot], { scannedAt: SCANNED_AT });
}

/** Discovery metadata of a plain OAuth 2.0 server (RFC 8414, no OpenID Connect members). */
export function oauthMetadata(issuer = ISSUER): Record<string, unknown> {
  return {
    issuer,
    authorization_endpoint: `${issuer}/authorize`,
    token_endpoint: `${issuer}/token`,
    response_types_supported: ['code'],
    grant_types_supported: ['authorization_code', 'client_credentials'],
    token_endpoint_auth_methods_supported: ['private_key_jwt'],
    code_challenge_methods_supported: ['S256'],
  };
}

/** The exchange override that serves `metadata` as a valid RFC 8414 document. */
export function rfc8414Served(metadata: Record<string, unknown>, headers: Record<string, string> = {}): Partial<RawExchange> {
  return { status: 200, headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(metadata) };
}

/** baseMetadata with members removed. */
export function without(metadata: Record<string, unknown>, ...members: string[]): Record<string, unknown> {
  const copy = { ...metadata };
  for (const m of members) delete copy[m];
  return copy;
}
