import { createPrivateKey, type JsonWebKey, type KeyObject } from 'node:crypto';
import type { CollectContext } from '../../src/connector.js';
import { ApiReader } from '../../src/connector-kit/api-reader.js';
import { clientCredentials, type TokenSource } from '../../src/connector-kit/oauth-token.js';
import type { HttpClient } from '../../src/http/types.js';
import { ConfigError, isScanFailure, toScanError, type ScanError } from '../../src/model/errors.js';
import type { OktaTargetConfig } from './config.js';
import { orgOrigin } from './urls.js';

/**
 * The credential, ready to read: an ApiReader with the right Authorization, and what the credential
 * was granted. A service app's token says which scopes it carries; an API token acts with its admin's
 * role, which Okta does not reveal up front (`granted` stays undefined and a 403 per section tells).
 */
export interface OktaSession {
  reader: ApiReader;
  granted?: ReadonlySet<string>;
  /** No token could be obtained: every section is unknown with this error. */
  failure?: ScanError;
}

export async function openSession(config: OktaTargetConfig, ctx: CollectContext, http: HttpClient, scopes: string[]): Promise<OktaSession> {
  const baseUrl = orgOrigin(config.orgUrl);
  const auth = config.auth;
  if (auth.method === 'api-token') {
    ctx.secrets.add(auth.token);
    return { reader: new ApiReader({ http, baseUrl, auth: { authorization: `SSWS ${auth.token}` }, redactor: ctx.secrets }) };
  }
  const key = loadPrivateKey(auth.privateKey, auth.kid);
  ctx.secrets.add(key.pem);
  const tokenFor = (wanted: string[]): TokenSource =>
    clientCredentials(
      http,
      {
        // Okta checks the client assertion's `aud` against the token endpoint URL, and openid-client
        // puts the issuer there: the org authorization server's token endpoint stands in for it.
        issuer: tokenEndpoint(config.orgUrl),
        tokenEndpoint: tokenEndpoint(config.orgUrl),
        clientId: auth.clientId,
        auth: { method: 'private_key_jwt', privateKeyPem: key.pem, alg: key.alg, ...(key.kid ? { kid: key.kid } : {}) },
        parameters: { scope: wanted.join(' ') },
      },
      ctx.secrets,
    );
  let source = tokenFor(scopes);
  try {
    await source.token();
  } catch (err) {
    if (!isOAuthError(err, 'invalid_scope')) return { reader: readerWith(source), failure: tokenError(err, config) };
    // Okta refuses the whole request when one scope is not granted: ask scope by scope (at most a
    // dozen token requests, in their own rate-limit bucket) and keep the ones it grants.
    const granted: string[] = [];
    for (const scope of scopes) if (await grants(tokenFor([scope]))) granted.push(scope);
    if (granted.length === 0) return { reader: readerWith(source), failure: tokenError(err, config), granted: new Set() };
    source = tokenFor(granted);
    try {
      await source.token();
    } catch (retryErr) {
      return { reader: readerWith(source), failure: tokenError(retryErr, config), granted: new Set() };
    }
  }
  return { reader: readerWith(source), granted: new Set(source.grantedScopes() ?? scopes) };

  function readerWith(auth: TokenSource): ApiReader {
    return new ApiReader({ http, baseUrl, auth, redactor: ctx.secrets });
  }
}

export function tokenEndpoint(orgUrl: string): string {
  return `${orgOrigin(orgUrl)}/oauth2/v1/token`;
}

async function grants(source: TokenSource): Promise<boolean> {
  try {
    await source.token();
    return true;
  } catch {
    return false;
  }
}

function isOAuthError(err: unknown, code: string): boolean {
  return isScanFailure(err) && err.scanError.message.includes(`(${code})`);
}

/** The token request failed: say what to fix, DPoP above all (it is an app setting, not our bug). */
function tokenError(err: unknown, config: OktaTargetConfig): ScanError {
  const error = toScanError(err, tokenEndpoint(config.orgUrl));
  if (isOAuthError(err, 'invalid_dpop_proof') || isOAuthError(err, 'use_dpop_nonce')) {
    return {
      ...error,
      code: 'UNSUPPORTED',
      message: 'the service app requires DPoP-bound tokens (invalid_dpop_proof); ciamscan sends plain client-credentials requests',
      retryable: false,
      remediation:
        'in the Admin Console, open the scanner\'s API Services app > General Settings and clear "Require Demonstrating Proof of Possession (DPoP) header in token requests"',
    };
  }
  if (isOAuthError(err, 'invalid_scope')) {
    return { ...error, remediation: 'grant the okta.*.read scopes listed in the connector README to the service app (Okta API Scopes tab)' };
  }
  return error;
}

interface LoadedKey {
  pem: string;
  alg: string;
  kid?: string;
}

/** PEM (PKCS#8 or PKCS#1) or the JWK the Admin Console generates, as PKCS#8 PEM with its JWS algorithm. */
export function loadPrivateKey(text: string, kid: string | undefined): LoadedKey {
  const trimmed = text.trim();
  let key: KeyObject;
  let jwkKid: string | undefined;
  try {
    if (trimmed.startsWith('{')) {
      const jwk = JSON.parse(trimmed) as JsonWebKey & { kid?: unknown };
      jwkKid = typeof jwk.kid === 'string' ? jwk.kid : undefined;
      key = createPrivateKey({ key: jwk, format: 'jwk' });
    } else key = createPrivateKey(trimmed);
  } catch {
    // Never echo the value: it is a private key.
    throw new ConfigError(['auth.privateKey: not a private key in PEM (PKCS#8 or PKCS#1) or JWK form']);
  }
  const alg = jwsAlgorithm(key);
  if (!alg) throw new ConfigError([`auth.privateKey: unsupported key type ${key.asymmetricKeyType ?? 'unknown'} (use RSA or EC P-256/P-384/P-521)`]);
  const pem = key.export({ type: 'pkcs8', format: 'pem' }).toString();
  const chosenKid = kid ?? jwkKid;
  return { pem, alg, ...(chosenKid ? { kid: chosenKid } : {}) };
}

function jwsAlgorithm(key: KeyObject): string | undefined {
  if (key.asymmetricKeyType === 'rsa') return 'RS256';
  if (key.asymmetricKeyType !== 'ec') return undefined;
  const curve = key.asymmetricKeyDetails?.namedCurve;
  return curve === 'prime256v1' ? 'ES256' : curve === 'secp384r1' ? 'ES384' : curve === 'secp521r1' ? 'ES512' : undefined;
}
