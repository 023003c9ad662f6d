import type { TlsHostFacts, PlainHttpFacts } from '../../src/model/as-facts.js';
import type { ScanError } from '../../src/model/errors.js';
import type { UnknownReason } from '../../src/model/observation.js';

/**
 * What collect.ts gathered from one authorization server, before any judgement: the evidence
 * bundle that interpret.ts turns into facts. Plain JSON, so it can be saved and evaluated again
 * offline (and built from files a client handed over).
 */
export interface OidcRawCollection {
  configuredIssuer: string;
  /** True when built from saved documents: HTTP artefacts (headers, status, TLS) do not exist. */
  offline: boolean;
  /** Host names this target may contact (the issuer host plus the operator's allowHosts). */
  allowedHosts: string[];
  exchanges: Partial<Record<OidcExchangeName, RawExchange>>;
  /** Why an exchange was not made (probe tier off, precondition missing, host not allowed). */
  skipped: Partial<Record<OidcExchangeName | 'tls' | 'plainHttp', UnknownReason>>;
  tls?: TlsHostFacts[];
  plainHttp?: PlainHttpFacts;
}

export const OIDC_EXCHANGES = [
  'oidcDiscovery',
  'rfc8414Discovery',
  'jwks',
  'authorizationEndpoint',
  'authorizationPreflight',
  'endSessionEndpoint',
  'ssf',
  'risc',
  'passkeyEndpoints',
  'introspection',
  'redirectUri',
] as const;
export type OidcExchangeName = (typeof OIDC_EXCHANGES)[number];

/** One HTTP exchange as collected. Bodies are kept only for the public JSON documents. */
export interface RawExchange {
  method: string;
  url: string;
  status?: number;
  /** Lower-cased names; credentials already redacted. */
  headers: Record<string, string>;
  /** UTF-8 body of public JSON documents (discovery, JWKS, SSF, passkey endpoints). */
  body?: string;
  /** A redirect to another origin that was not followed. */
  offOriginRedirect?: string;
  error?: ScanError;
}
