import type { HttpExchange, JsonDocument, Observation } from './observation.js';

/**
 * What ciamscan knows about one OAuth 2.0 / OpenID Connect authorization server: its metadata as
 * published and with the defaults of OIDC Discovery §3 / RFC 8414 §2 applied, its keys, and the
 * safe probes of catalog §14.1 (and §14.2 when the operator enabled them).
 */
export interface AuthorizationServerFacts {
  /** The issuer the operator configured (or the one given offline). */
  configuredIssuer: string;
  discovery: DiscoveryFacts;
  issuer: IssuerFacts;
  /** Metadata with the catalog §1.4 defaults applied; `defaulted` lists members that were absent. */
  effective: EffectiveMetadata;
  endpoints: EndpointFact[];
  jwks: Observation<JwksFacts>;
  probes: AuthorizationServerProbes;
}

export interface DiscoveryFacts {
  /** OIDC Discovery §4: `{issuer}/.well-known/openid-configuration`. */
  oidc: Observation<JsonDocument>;
  /** RFC 8414 §3: `https://host/.well-known/oauth-authorization-server{path}`. */
  rfc8414: Observation<JsonDocument>;
  answered: 'oidc' | 'rfc8414' | 'both' | 'none';
  /** The document the facts were taken from (OIDC preferred); undefined when none was valid. */
  metadata?: Record<string, unknown>;
  /** True when evaluated from saved documents rather than fetched. */
  offline: boolean;
}

export interface IssuerFacts {
  advertised?: string;
  /**
   * exact: byte-identical; template: the advertised issuer is a multi-tenant template (Entra's
   * `{tenantid}`) that the configured issuer instantiates; mismatch; absent.
   */
  match: 'exact' | 'template' | 'mismatch' | 'absent';
  /** The placeholder of a template match, e.g. `{tenantid}`. */
  placeholder?: string;
  /** Problems with the advertised value itself (scheme, query, fragment). */
  problems: string[];
}

export interface EffectiveMetadata {
  grantTypes: string[];
  responseTypes: string[];
  responseModes: string[];
  tokenEndpointAuthMethods: string[];
  tokenEndpointAuthSigningAlgs: string[];
  revocationEndpointAuthMethods: string[];
  revocationEndpointAuthSigningAlgs: string[];
  introspectionEndpointAuthMethods: string[];
  introspectionEndpointAuthSigningAlgs: string[];
  codeChallengeMethods?: string[];
  idTokenSigningAlgs: string[];
  userinfoSigningAlgs: string[];
  requestObjectSigningAlgs: string[];
  dpopSigningAlgs?: string[];
  subjectTypes: string[];
  scopes?: string[];
  claims?: string[];
  acrValues?: string[];
  promptValues?: string[];
  requestUriParameterSupported: boolean;
  requireRequestUriRegistration: boolean;
  requestParameterSupported: boolean;
  claimsParameterSupported: boolean;
  backchannelLogoutSupported: boolean;
  backchannelLogoutSessionSupported: boolean;
  frontchannelLogoutSupported: boolean;
  frontchannelLogoutSessionSupported: boolean;
  requirePushedAuthorizationRequests: boolean;
  authorizationResponseIssParameterSupported: boolean;
  tlsClientCertificateBoundAccessTokens: boolean;
  backchannelTokenDeliveryModes?: string[];
  backchannelUserCodeParameterSupported: boolean;
  /** Members that were absent and took their specified default. */
  defaulted: string[];
  /** Members present with the wrong JSON type (e.g. a string where an array is specified); defaults apply. */
  malformed: string[];
}

/** Every URL-valued metadata member, including `mtls_endpoint_aliases.*`. */
export interface EndpointFact {
  member: string;
  url: string;
  scheme: string;
  host: string;
  /** True when the host shares the issuer host's registrable domain (public-suffix aware). */
  sameSiteAsIssuer: boolean;
  /** True when the scanner may contact this host (the target named it). */
  contactable: boolean;
  parseError?: string;
}

export interface JwksFacts {
  document: JsonDocument;
  keys: JwkFacts[];
  /** Problems of the set itself: not an object, no `keys` array, empty set. */
  problems: string[];
}

export interface JwkFacts {
  index: number;
  kid?: string;
  kty?: string;
  use?: string;
  keyOps?: string[];
  alg?: string;
  crv?: string;
  /** RSA modulus bit length, or the curve size. */
  sizeBits?: number;
  hasX5c: boolean;
  /** Whether the leaf certificate of `x5c` carries the same public key as the bare members. */
  x5cMatches?: boolean;
  x5cProblem?: string;
  /** Private or symmetric members that are present (`d`, `p`, `q`, `dp`, `dq`, `qi`, `oth`, `k`). */
  privateMembers: string[];
  /** RFC 7638 thumbprint of the public key, when computable. */
  thumbprint?: string;
  problem?: string;
}

export interface TlsVersionResult {
  version: 'TLSv1' | 'TLSv1.1' | 'TLSv1.2' | 'TLSv1.3';
  accepted: boolean;
  /** Why the handshake failed, or that this runtime cannot offer the version at all. */
  detail?: string;
  /** True when the local TLS library cannot even offer the version, so the server was not tested. */
  untestable?: boolean;
}

export interface TlsHostFacts {
  host: string;
  port: number;
  versions: TlsVersionResult[];
  certificate?: {
    subject: string;
    issuer: string;
    validFrom: string;
    validTo: string;
    daysToExpiry: number;
    /** Chain verified against the trust store (system or the target's CA). */
    trusted: boolean;
    trustError?: string;
    hostnameMatch: boolean;
  };
  error?: string;
}

export interface PlainHttpFacts {
  /** `http://host/` on port 80: redirect to https, served content, or closed. */
  behaviour: 'redirects-to-https' | 'redirects-elsewhere' | 'serves-content' | 'closed' | 'error';
  status?: number;
  location?: string;
  detail?: string;
}

export interface AuthorizationServerProbes {
  /** GET authorization_endpoint without parameters, with a synthetic Origin. */
  authorizationEndpoint: Observation<HttpExchange>;
  /** OPTIONS preflight on authorization_endpoint with a synthetic Origin. */
  authorizationPreflight: Observation<HttpExchange>;
  /** GET end_session_endpoint without parameters. */
  endSessionEndpoint: Observation<HttpExchange>;
  /** Shared Signals transmitter metadata (SSF 1.0 §6.1) and the legacy RISC document. */
  ssf: Observation<JsonDocument>;
  risc: Observation<JsonDocument>;
  /** W3C passkey endpoints well-known document. */
  passkeyEndpoints: Observation<JsonDocument>;
  tls: Observation<TlsHostFacts[]>;
  plainHttp: Observation<PlainHttpFacts>;
  /** T1: POST introspection_endpoint with a random token and no client authentication. */
  introspection: Observation<HttpExchange>;
  /** T1: authorization request with a random client_id and an `.invalid` redirect URI. */
  redirectUri: Observation<HttpExchange>;
}
