import type { ClientAuthMethod, ClientFacts, GrantType } from '../../src/model/store-facts.js';
import { booleanAt, isObject, numberAt, objectAt, objectsAt, present, stringAt, stringsAt, type JsonObject } from './json-read.js';

/**
 * One application of `GET /api/v2/clients` as ClientFacts. Auth0 specifics that matter:
 * - grant names are URIs for the extension grants, and `password-realm` is ROPC too;
 * - `token_endpoint_auth_method` is null when `client_authentication_methods` (private_key_jwt,
 *   mTLS) is used instead;
 * - PKCE cannot be enforced per application, so it is always `unknown` (catalog FLOW-PKCE-ENFORCED-PER-CLIENT);
 * - `jwt_configuration.lifetime_in_seconds` is the ID-token lifetime, not the access token's (that
 *   one belongs to the API, a resource server), so it is not reported as an access-token lifetime.
 */
const GRANTS: Record<string, GrantType> = {
  authorization_code: 'authorization_code',
  implicit: 'implicit',
  refresh_token: 'refresh_token',
  client_credentials: 'client_credentials',
  password: 'password',
  'http://auth0.com/oauth/grant-type/password-realm': 'password',
  'urn:ietf:params:oauth:grant-type:device_code': 'device_code',
  'urn:openid:params:grant-type:ciba': 'ciba',
  'urn:ietf:params:oauth:grant-type:token-exchange': 'token_exchange',
  'urn:ietf:params:oauth:grant-type:jwt-bearer': 'jwt_bearer',
  'urn:ietf:params:oauth:grant-type:saml2-bearer': 'saml2_bearer',
};

const APP_TYPES: Record<string, NonNullable<ClientFacts['appType']>> = {
  spa: 'spa',
  native: 'native',
  regular_web: 'web',
  non_interactive: 'machine',
};

const SECRET_METHODS: Record<string, ClientAuthMethod> = {
  none: 'none',
  client_secret_post: 'client_secret_post',
  client_secret_basic: 'client_secret_basic',
};

/** The fields requested (`fields=...&include_fields=true`): never the client secret. */
export const CLIENT_FIELDS = [
  'client_id',
  'name',
  'app_type',
  'global',
  'is_first_party',
  'grant_types',
  'token_endpoint_auth_method',
  'client_authentication_methods',
  'callbacks',
  'allowed_logout_urls',
  'web_origins',
  'oidc_logout',
  'oidc_backchannel_logout',
  'refresh_token',
  'require_pushed_authorization_requests',
  'require_proof_of_possession',
] as const;

export function mapGrant(raw: string): GrantType {
  return GRANTS[raw] ?? 'other';
}

export function clientFacts(raw: unknown): ClientFacts | undefined {
  const id = present(stringAt(raw, 'client_id'));
  if (!id || !isObject(raw)) return undefined;
  const rawGrants = stringsAt(raw, 'grant_types') ?? [];
  const grants = [...new Set(rawGrants.map(mapGrant))];
  const appType = stringAt(raw, 'app_type');
  const authMethod = clientAuthMethod(raw);
  const facts: ClientFacts = {
    id,
    enabled: true,
    type: clientType(appType, authMethod),
    grants,
    rawGrants,
    redirectUris: stringsAt(raw, 'callbacks') ?? [],
    postLogoutRedirectUris: stringsAt(raw, 'allowed_logout_urls') ?? [],
    webOrigins: stringsAt(raw, 'web_origins') ?? [],
    pkce: { required: 'unknown' },
    serviceAccount: grants.includes('client_credentials'),
    deviceGrant: grants.includes('device_code'),
    ciba: grants.includes('ciba'),
  };
  const name = present(stringAt(raw, 'name'));
  if (name) facts.name = name;
  if (appType !== undefined) facts.appType = APP_TYPES[appType] ?? 'other';
  // The "All Applications" pseudo-client carries tenant-wide settings, not a real application.
  if (booleanAt(raw, 'global') === true) facts.builtIn = true;
  if (authMethod) facts.authMethod = authMethod;
  const backchannel = backchannelLogoutUri(raw);
  if (backchannel) facts.backchannelLogoutUri = backchannel;
  Object.assign(facts, refreshTokenFacts(raw, grants));
  const par = booleanAt(raw, 'require_pushed_authorization_requests');
  if (par !== undefined) facts.parRequired = par;
  const pop = booleanAt(raw, 'require_proof_of_possession');
  if (pop !== undefined) facts.senderConstrained = { mtls: pop };
  return facts;
}

/** Asymmetric and mTLS methods (with at least one credential) win over the secret-based method. */
function clientAuthMethod(raw: JsonObject): ClientAuthMethod | undefined {
  const methods = objectAt(raw, 'client_authentication_methods');
  for (const name of ['private_key_jwt', 'tls_client_auth', 'self_signed_tls_client_auth'] as const) {
    const method = objectAt(methods, name);
    if (method && (objectsAt(method, 'credentials')?.length ?? 0) > 0) return name;
  }
  const secretMethod = stringAt(raw, 'token_endpoint_auth_method');
  if (secretMethod === undefined) return undefined;
  return SECRET_METHODS[secretMethod] ?? 'other';
}

function clientType(appType: string | undefined, method: ClientAuthMethod | undefined): ClientFacts['type'] {
  if (method === 'none') return 'public';
  if (method) return 'confidential';
  // Without a method, Auth0 treats SPAs and native apps as public clients.
  if (appType === 'spa' || appType === 'native') return 'public';
  return 'unknown';
}

function backchannelLogoutUri(raw: JsonObject): string | undefined {
  for (const key of ['oidc_logout', 'oidc_backchannel_logout']) {
    const url = stringsAt(objectAt(raw, key), 'backchannel_logout_urls')?.find((u) => u.trim() !== '');
    if (url) return url;
  }
  return undefined;
}

function refreshTokenFacts(raw: JsonObject, grants: GrantType[]): Pick<ClientFacts, 'refreshTokens' | 'lifetimes'> {
  const settings = objectAt(raw, 'refresh_token');
  const issued = grants.includes('refresh_token');
  if (!settings) return issued ? { refreshTokens: { issued, rotation: 'unknown' } } : {};
  const rotationType = stringAt(settings, 'rotation_type');
  const rotation = rotationType === 'rotating' ? 'rotating' : rotationType === 'non-rotating' ? 'static' : 'unknown';
  // `non-expiring` tokens never expire, whatever the lifetime numbers say.
  const neverExpires = stringAt(settings, 'expiration_type') === 'non-expiring';
  const absolute = neverExpires || booleanAt(settings, 'infinite_token_lifetime') === true ? null : numberAt(settings, 'token_lifetime');
  const idle = neverExpires || booleanAt(settings, 'infinite_idle_token_lifetime') === true ? null : numberAt(settings, 'idle_token_lifetime');
  const lifetimes: NonNullable<ClientFacts['lifetimes']> = {};
  if (absolute !== undefined) lifetimes.refreshAbsoluteSeconds = absolute;
  if (idle !== undefined) lifetimes.refreshIdleSeconds = idle;
  return { refreshTokens: { issued, rotation }, lifetimes };
}
