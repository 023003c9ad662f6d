import { interpretOidc } from '../../connectors/oidc/interpret.js';
import type { OidcRawCollection, RawExchange } from '../../connectors/oidc/raw.js';
import { oidcSnapshot } from '../../connectors/oidc/snapshot.js';
import { buildInventory, type Inventory, type PriorObservations } from '../../src/inventory.js';
import type { TlsHostFacts, PlainHttpFacts } from '../../src/model/as-facts.js';
import type { UnknownReason } from '../../src/model/observation.js';

/**
 * Builds inventories for rule tests through the real interpret step: a test states the published
 * metadata, keys and probe responses, and gets exactly the facts the connector would produce.
 */
export const ISSUER = 'https://login.example.com';

export interface AsScenario {
  targetId?: string;
  issuer?: string;
  /** The discovery document (OIDC form); `null` answers 404 on both forms. */
  metadata?: Record<string, unknown> | null;
  /** Replace the OIDC discovery exchange entirely (status, headers, raw body). */
  oidcExchange?: Partial<RawExchange>;
  rfc8414Exchange?: Partial<RawExchange>;
  jwks?: Record<string, unknown> | null;
  jwksExchange?: Partial<RawExchange>;
  exchanges?: OidcRawCollection['exchanges'];
  skipped?: OidcRawCollection['skipped'];
  tls?: TlsHostFacts[];
  plainHttp?: PlainHttpFacts;
  offline?: boolean;
  allowHosts?: string[];
}

const JSON_HEADERS = { 'content-type': 'application/json' };

export function baseMetadata(issuer = ISSUER): Record<string, unknown> {
  return {
    issuer,
    authorization_endpoint: `${issuer}/authorize`,
    token_endpoint: `${issuer}/token`,
    userinfo_endpoint: `${issuer}/userinfo`,
    jwks_uri: `${issuer}/jwks`,
    registration_endpoint: `${issuer}/register`,
    end_session_endpoint: `${issuer}/logout`,
    scopes_supported: ['openid', 'email', 'profile'],
    claims_supported: ['sub', 'email'],
    response_types_supported: ['code'],
    grant_types_supported: ['authorization_code', 'refresh_token'],
    subject_types_supported: ['public'],
    id_token_signing_alg_values_supported: ['RS256', 'PS256'],
    token_endpoint_auth_methods_supported: ['private_key_jwt', 'client_secret_basic'],
    code_challenge_methods_supported: ['S256'],
    authorization_response_iss_parameter_supported: true,
    backchannel_logout_supported: true,
    request_uri_parameter_supported: false,
  };
}

/** A 2048-bit RSA public key (generated once for the tests; public material only). */
export const RSA_2048 = {
  kty: 'RSA',
  kid: 'k1',
  use: 'sig',
  alg: 'RS256',
  e: 'AQAB',
  n: 'rCmuXU8ZOiPFIEKV09wV4zhSeB10mF5WaSJJSEaf06PjrutrrJcyldKDGRjnfMYT8ZGXhteRqKIszEs3Yg7SMBOzXtQFdH6SCtWZLJiECMDrLculqVvOh5rkOEFGIIw-Et2I3slSFQlTByMZ0tc_TnbjKOPR9zIzULlEWEXztDm1_8udeaoybI5-yZU2AWrrhgnUde6R2X_myX03sqDNJD-BJPHVvDDmfJCjLnnf39QLYFTe44ZaFDxZbhfcVmYXn5bz50_9DsDTMue2QsyqE041AlaVyYb-vMdloBFue0XU8qqKcamKtsVDsboBh1PHa_8hO6vDoyKUTLjY8Q2cWQ',
};

export function jwksOf(...keys: Array<Record<string, unknown>>): Record<string, unknown> {
  return { keys };
}

function exchange(url: string, body: unknown, overrides: Partial<RawExchange> = {}): RawExchange {
  return { method: 'GET', url, status: 200, headers: { ...JSON_HEADERS }, ...(body !== undefined ? { body: JSON.stringify(body) } : {}), ...overrides };
}

export function rawCollection(s: AsScenario = {}): OidcRawCollection {
  const issuer = s.issuer ?? ISSUER;
  const metadata = s.metadata === undefined ? baseMetadata(issuer) : s.metadata;
  const host = new URL(issuer).hostname;
  const notFound = { status: 404, headers: { 'content-type': 'text/html' }, body: undefined };
  const exchanges: OidcRawCollection['exchanges'] = {
    oidcDiscovery: metadata === null ? exchange(`${issuer}/.well-known/openid-configuration`, undefined, notFound) : exchange(`${issuer}/.well-known/openid-configuration`, metadata, s.oidcExchange),
    rfc8414Discovery: s.rfc8414Exchange ? exchange(`${issuer}/.well-known/oauth-authorization-server`, undefined, s.rfc8414Exchange) : exchange(`${issuer}/.well-known/oauth-authorization-server`, undefined, notFound),
  };
  const jwksUri = typeof metadata?.jwks_uri === 'string' ? metadata.jwks_uri : undefined;
  if (s.jwks !== null && jwksUri) exchanges.jwks = exchange(jwksUri, s.jwks ?? jwksOf(RSA_2048), s.jwksExchange);
  Object.assign(exchanges, s.exchanges ?? {});
  const notObserved: UnknownReason = { kind: 'not-observed', detail: 'not part of this test scenario' };
  return {
    configuredIssuer: issuer,
    offline: s.offline ?? false,
    allowedHosts: [host, ...(s.allowHosts ?? [])],
    exchanges,
    skipped: {
      authorizationEndpoint: notObserved,
      authorizationPreflight: notObserved,
      endSessionEndpoint: notObserved,
      ssf: notObserved,
      risc: notObserved,
      passkeyEndpoints: notObserved,
      introspection: notObserved,
      redirectUri: notObserved,
      tls: notObserved,
      plainHttp: notObserved,
      ...(s.jwks === null ? { jwks: notObserved } : {}),
      ...(s.skipped ?? {}),
    },
    ...(s.tls ? { tls: s.tls } : {}),
    ...(s.plainHttp ? { plainHttp: s.plainHttp } : {}),
  };
}

export function asInventory(scenarios: AsScenario | AsScenario[] = {}, options: { prior?: PriorObservations; profile?: 'default' | 'fapi2'; scannedAt?: string } = {}): Inventory {
  const list = Array.isArray(scenarios) ? scenarios : [scenarios];
  const snapshots = list.map((s, i) => {
    const raw = rawCollection(s);
    const { product, facts } = interpretOidc(raw);
    return oidcSnapshot(s.targetId ?? (i === 0 ? 'op' : `op-${i + 1}`), product, facts, raw);
  });
  return buildInventory(snapshots, {
    scannedAt: options.scannedAt ?? '2026-06-01T00:00:00.000Z',
    settings: { profile: options.profile ?? 'default' },
    ...(options.prior ? { prior: options.prior } : {}),
  });
}

export function emptyInventory(): Inventory {
  return buildInventory([], { scannedAt: '2026-06-01T00:00:00.000Z' });
}
