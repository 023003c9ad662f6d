import { importPKCS8 } from 'jose';
import * as client from 'openid-client';
import { ScanFailure } from '../model/errors.js';
import type { HttpClient } from '../http/types.js';
import type { Redactor } from '../privacy/redact.js';
import { fetchThrough } from './fetch-adapter.js';

/**
 * Client-credentials tokens for admin APIs, obtained with openid-client through the project's HTTP
 * client (so the target's limits and allow-list hold), cached until shortly before expiry, and
 * registered with the redactor so that they never print.
 */
export type ClientAuthentication =
  | { method: 'client_secret_basic' | 'client_secret_post'; secret: string }
  | { method: 'private_key_jwt'; privateKeyPem: string; kid?: string; alg?: string };

export interface ClientCredentialsOptions {
  issuer: string;
  tokenEndpoint: string;
  clientId: string;
  auth: ClientAuthentication;
  /** Extra token-request parameters (scope, audience). */
  parameters?: Record<string, string>;
  /** `aud` of a private_key_jwt client assertion, when the server wants something else than the issuer (Okta: the token endpoint). */
  assertionAudience?: string;
}

export interface TokenSource {
  /** A valid access token; fetched or renewed as needed. */
  token(): Promise<string>;
  /** Forget the cached token (after a 401 mid-scan). */
  invalidate(): void;
  /** Scopes the server granted, when it said. */
  grantedScopes(): string[] | undefined;
}

export function clientCredentials(http: HttpClient, options: ClientCredentialsOptions, redactor: Redactor, now: () => number = Date.now): TokenSource {
  let cached: { token: string; expiresAt: number; scopes?: string[] } | undefined;
  let configuration: client.Configuration | undefined;
  const configure = async () => {
    const config = new client.Configuration(
      { issuer: options.issuer, token_endpoint: options.tokenEndpoint },
      options.clientId,
      undefined,
      await clientAuth(options.auth, options.assertionAudience),
    );
    config[client.customFetch] = fetchThrough(http, { intentForPost: 'token' });
    if (options.tokenEndpoint.startsWith('http:')) client.allowInsecureRequests(config);
    return config;
  };
  return {
    async token() {
      if (cached && cached.expiresAt > now() + 30_000) return cached.token;
      let response: Awaited<ReturnType<typeof client.clientCredentialsGrant>>;
      try {
        // Inside the try: a key that does not import is a coded token failure, not a crash.
        configuration ??= await configure();
        response = await client.clientCredentialsGrant(configuration, options.parameters ?? {});
      } catch (err) {
        throw tokenFailure(err, options.tokenEndpoint, redactor);
      }
      redactor.add(response.access_token);
      const ttl = typeof response.expires_in === 'number' ? response.expires_in * 1000 : 300_000;
      cached = { token: response.access_token, expiresAt: now() + ttl, ...(response.scope ? { scopes: response.scope.split(' ') } : {}) };
      return cached.token;
    },
    invalidate() {
      cached = undefined;
    },
    grantedScopes() {
      return cached?.scopes;
    },
  };
}

async function clientAuth(auth: ClientAuthentication, audience?: string): Promise<client.ClientAuth> {
  if (auth.method === 'private_key_jwt') {
    const key = await importPKCS8(auth.privateKeyPem, auth.alg ?? 'RS256');
    return client.PrivateKeyJwt(
      { key, ...(auth.kid ? { kid: auth.kid } : {}) },
      audience ? { [client.modifyAssertion]: (_header, payload) => void (payload.aud = audience) } : undefined,
    );
  }
  return auth.method === 'client_secret_basic' ? client.ClientSecretBasic(auth.secret) : client.ClientSecretPost(auth.secret);
}

/** openid-client errors carry the OAuth error code; keep it, drop anything secret. */
function tokenFailure(err: unknown, endpoint: string, redactor: Redactor): ScanFailure {
  if (err instanceof ScanFailure) return err;
  const e = err as { code?: string; error?: string; status?: number; message?: string; cause?: { error?: string; error_description?: string } };
  const oauthError = e.error ?? e.cause?.error;
  const status = e.status;
  const invalidClient = oauthError === 'invalid_client' || oauthError === 'unauthorized_client' || status === 401;
  return new ScanFailure({
    code: invalidClient ? 'AUTH_FAILED' : status === 403 ? 'PERMISSION_DENIED' : 'HTTP_STATUS',
    message: redactor.redact(`token request refused${oauthError ? ` (${oauthError})` : ''}${e.message ? `: ${e.message.split('\n')[0] ?? ''}` : ''}`),
    ...(oauthError ? { cause: oauthError } : {}),
    endpoint,
    ...(status !== undefined ? { status } : {}),
    retryable: false,
    remediation: invalidClient ? 'check the client id and secret (or key) of the scanner credential, and that the client may use the client-credentials grant' : 'check the token endpoint and the client configuration',
  });
}
