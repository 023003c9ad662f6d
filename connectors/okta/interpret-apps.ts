import type { ClientAuthMethod, ClientFacts, GrantType } from '../../src/model/store-facts.js';
import { bool, str, strings, type JsonObject } from './json.js';

/**
 * Pure: Okta apps (GET /api/v1/apps) to ClientFacts. Only OpenID Connect apps are OAuth clients;
 * SAML, WS-Fed and bookmark apps are not, and are left out. Field paths: Okta Apps API,
 * `settings.oauthClient` (grant_types, response_types, redirect_uris, post_logout_redirect_uris,
 * application_type, refresh_token.rotation_type, dpop_bound_access_tokens, wildcard_redirect) and
 * `credentials.oauthClient` (client_id, token_endpoint_auth_method, pkce_required).
 */
const GRANTS: Record<string, GrantType> = {
  authorization_code: 'authorization_code',
  implicit: 'implicit',
  password: 'password',
  client_credentials: 'client_credentials',
  refresh_token: 'refresh_token',
  'urn:ietf:params:oauth:grant-type:device_code': 'device_code',
  'urn:openid:params:grant-type:ciba': 'ciba',
  'urn:ietf:params:oauth:grant-type:token-exchange': 'token_exchange',
  'urn:ietf:params:oauth:grant-type:jwt-bearer': 'jwt_bearer',
  'urn:ietf:params:oauth:grant-type:saml2-bearer': 'saml2_bearer',
};

const AUTH_METHODS: Record<string, ClientAuthMethod> = {
  none: 'none',
  client_secret_basic: 'client_secret_basic',
  client_secret_post: 'client_secret_post',
  client_secret_jwt: 'client_secret_jwt',
  private_key_jwt: 'private_key_jwt',
  tls_client_auth: 'tls_client_auth',
  self_signed_tls_client_auth: 'self_signed_tls_client_auth',
};

const APP_TYPES: Record<string, NonNullable<ClientFacts['appType']>> = { browser: 'spa', native: 'native', web: 'web', service: 'machine' };

export function isOidcApp(app: JsonObject): boolean {
  return str(app, 'signOnMode') === 'OPENID_CONNECT' || str(app, 'settings.oauthClient.application_type') !== undefined;
}

export function clientFromOktaApp(app: JsonObject): ClientFacts {
  const rawGrants = strings(app, 'settings.oauthClient.grant_types');
  const responseTypes = strings(app, 'settings.oauthClient.response_types');
  const grants = grantsOf(rawGrants, responseTypes);
  const authMethodRaw = str(app, 'credentials.oauthClient.token_endpoint_auth_method');
  const pkceRequired = bool(app, 'credentials.oauthClient.pkce_required');
  const client: ClientFacts = {
    id: str(app, 'credentials.oauthClient.client_id') ?? str(app, 'id') ?? '',
    enabled: str(app, 'status') === 'ACTIVE',
    type: authMethodRaw === undefined ? 'unknown' : authMethodRaw === 'none' ? 'public' : 'confidential',
    grants,
    rawGrants: [...rawGrants, ...responseTypes.map((t) => `response_type:${t}`)],
    // With wildcard_redirect SUBDOMAIN Okta matches a `*` in the host; the URIs keep it, so rules see it.
    redirectUris: strings(app, 'settings.oauthClient.redirect_uris'),
    postLogoutRedirectUris: strings(app, 'settings.oauthClient.post_logout_redirect_uris'),
    // Okta's PKCE is S256 only; an absent flag is not "off" (older apps): unknown.
    pkce: pkceRequired === undefined ? { required: 'unknown' } : pkceRequired ? { required: true, method: 'S256' } : { required: false },
    serviceAccount: grants.includes('client_credentials'),
  };
  const name = str(app, 'label') ?? str(app, 'name');
  if (name) client.name = name;
  const appType = APP_TYPES[str(app, 'settings.oauthClient.application_type') ?? ''];
  if (appType) client.appType = appType;
  if (authMethodRaw !== undefined) client.authMethod = AUTH_METHODS[authMethodRaw] ?? 'other';
  if (grants.includes('refresh_token')) client.refreshTokens = { issued: true, rotation: rotationOf(str(app, 'settings.oauthClient.refresh_token.rotation_type')) };
  if (bool(app, 'settings.oauthClient.dpop_bound_access_tokens') === true) client.senderConstrained = { dpop: true };
  const frontchannel = str(app, 'settings.oauthClient.frontchannel_logout_uri');
  if (frontchannel) client.frontchannelLogoutUri = frontchannel;
  if (grants.includes('device_code')) client.deviceGrant = true;
  if (grants.includes('ciba')) client.ciba = true;
  return client;
}

/** A response type carrying `token` returns an access token from the authorization endpoint: implicit in effect. */
function grantsOf(rawGrants: string[], responseTypes: string[]): GrantType[] {
  const grants = new Set<GrantType>(rawGrants.map((g) => GRANTS[g] ?? 'other'));
  if (responseTypes.some((t) => t.split(' ').includes('token'))) grants.add('implicit');
  return [...grants].sort();
}

function rotationOf(value: string | undefined): 'rotating' | 'static' | 'unknown' {
  if (value === 'ROTATE') return 'rotating';
  if (value === 'STATIC') return 'static';
  return 'unknown';
}
