import type { ClientAuthMethod, ClientFacts, GrantType } from '../../src/model/store-facts.js';
import { bool, configBool, configInt, configList, configValue, type Json, num, obj, str, strings } from './json.js';

/**
 * ClientRepresentation -> ClientFacts, pure. Client attributes are strings (Keycloak Admin REST
 * API reference, ClientRepresentation; attribute names from the admin console's OIDC client
 * settings). The client secret the API may include is never read.
 */

/** Clients every realm gets at creation (RealmManager.setupRealmDefaults and friends). */
export const BUILT_IN_CLIENTS = new Set(['account', 'account-console', 'admin-cli', 'broker', 'realm-management', 'security-admin-console']);

const AUTH_METHODS: Record<string, ClientAuthMethod> = {
  // Keycloak's client-secret authenticator accepts both client_secret_basic and client_secret_post.
  'client-secret': 'client_secret_basic',
  'client-secret-jwt': 'client_secret_jwt',
  'client-jwt': 'private_key_jwt',
  'client-x509': 'tls_client_auth',
};

/** Realm values a client inherits when it sets nothing of its own. */
export interface RealmClientDefaults {
  revokeRefreshToken?: boolean;
  refreshTokenMaxReuse?: number;
  accessTokenLifespan?: number;
  ssoSessionMaxLifespan?: number;
  ssoSessionIdleTimeout?: number;
}

export function realmClientDefaults(realm: Json | undefined): RealmClientDefaults | undefined {
  if (!realm) return undefined;
  const out: RealmClientDefaults = {};
  const set = <K extends keyof RealmClientDefaults>(key: K, value: RealmClientDefaults[K] | undefined) => {
    if (value !== undefined) out[key] = value;
  };
  set('revokeRefreshToken', bool(realm.revokeRefreshToken));
  set('refreshTokenMaxReuse', num(realm.refreshTokenMaxReuse));
  set('accessTokenLifespan', num(realm.accessTokenLifespan));
  set('ssoSessionMaxLifespan', num(realm.clientSessionMaxLifespan) || num(realm.ssoSessionMaxLifespan));
  set('ssoSessionIdleTimeout', num(realm.clientSessionIdleTimeout) || num(realm.ssoSessionIdleTimeout));
  return out;
}

function grantsOf(client: Json, attributes: Json): { grants: GrantType[]; raw: string[]; refresh: boolean } {
  const raw: string[] = [];
  const grants: GrantType[] = [];
  const add = (flag: boolean | undefined, name: string, grant: GrantType) => {
    if (flag !== true) return;
    raw.push(name);
    grants.push(grant);
  };
  add(bool(client.standardFlowEnabled), 'standardFlowEnabled', 'authorization_code');
  add(bool(client.implicitFlowEnabled), 'implicitFlowEnabled', 'implicit');
  add(bool(client.directAccessGrantsEnabled), 'directAccessGrantsEnabled', 'password');
  add(bool(client.serviceAccountsEnabled), 'serviceAccountsEnabled', 'client_credentials');
  add(configBool(attributes, 'oauth2.device.authorization.grant.enabled'), 'oauth2.device.authorization.grant.enabled', 'device_code');
  add(configBool(attributes, 'oidc.ciba.grant.enabled'), 'oidc.ciba.grant.enabled', 'ciba');
  add(configBool(attributes, 'standard.token.exchange.enabled'), 'standard.token.exchange.enabled', 'token_exchange');
  // Refresh tokens come with the user-facing grants unless "Use refresh tokens" is off (default on).
  const userGrants = grants.some((g) => g === 'authorization_code' || g === 'password' || g === 'device_code' || g === 'ciba');
  const refresh = userGrants && configBool(attributes, 'use.refresh.tokens') !== false;
  if (refresh) grants.push('refresh_token');
  return { grants, raw, refresh };
}

function appTypeOf(client: Json, isPublic: boolean, grants: GrantType[], redirectUris: string[]): ClientFacts['appType'] {
  if (bool(client.bearerOnly) === true) return 'other';
  if (grants.includes('client_credentials') && !grants.includes('authorization_code') && !grants.includes('implicit')) return 'machine';
  if (!isPublic) return grants.includes('authorization_code') ? 'web' : 'other';
  // Public clients: custom schemes and loopback redirects are native apps, https ones browser apps.
  const native = redirectUris.some((u) => {
    const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(u)?.[1]?.toLowerCase();
    return (scheme !== undefined && scheme !== 'http' && scheme !== 'https') || /^http:\/\/(127\.0\.0\.1|localhost|\[::1\])[:/]/i.test(u);
  });
  return native ? 'native' : 'spa';
}

/** `post.logout.redirect.uris`: "+" means "the redirect URIs", and entries are joined with "##". */
function postLogoutUris(attributes: Json, redirectUris: string[]): ClientFacts['postLogoutRedirectUris'] {
  if (configValue(attributes, 'post.logout.redirect.uris') === undefined) return undefined;
  const entries = configList(attributes, 'post.logout.redirect.uris');
  if (entries.length === 1 && entries[0] === '+') return 'same-as-redirect';
  return [...new Set(entries.flatMap((e) => (e === '+' ? redirectUris : [e])))];
}

export function clientFacts(client: Json, realm?: RealmClientDefaults): ClientFacts {
  const attributes = obj(client.attributes);
  const clientId = str(client.clientId) ?? str(client.id) ?? '';
  const redirectUris = strings(client.redirectUris);
  const saml = str(client.protocol) === 'saml';
  const isPublic = bool(client.publicClient) === true;
  // Bearer-only clients (deprecated) only accept tokens: whatever their flow switches say, they get none.
  const bearerOnly = bool(client.bearerOnly) === true;
  const noGrants = saml || bearerOnly;
  const { grants, raw, refresh } = noGrants ? { grants: [] as GrantType[], raw: [saml ? 'saml' : 'bearerOnly'], refresh: false } : grantsOf(client, attributes);
  const facts: ClientFacts = {
    id: clientId,
    enabled: bool(client.enabled) !== false,
    type: isPublic ? 'public' : 'confidential',
    // The master realm also holds one `<realm>-realm` client per realm.
    builtIn: BUILT_IN_CLIENTS.has(clientId) || (/-realm$/.test(clientId) && bearerOnly),
    grants,
    rawGrants: raw,
    redirectUris,
    pkce: noGrants ? { required: 'unknown' } : pkceOf(attributes),
    serviceAccount: bool(client.serviceAccountsEnabled) === true,
  };
  const name = str(client.name);
  if (name) facts.name = name;
  const appType = saml ? 'web' : appTypeOf(client, isPublic, grants, redirectUris);
  if (appType) facts.appType = appType;
  const post = postLogoutUris(attributes, redirectUris);
  if (post !== undefined) facts.postLogoutRedirectUris = post;
  const webOrigins = strings(client.webOrigins);
  if (webOrigins.length) facts.webOrigins = webOrigins;
  const authenticator = str(client.clientAuthenticatorType);
  if (isPublic) facts.authMethod = 'none';
  else if (authenticator) facts.authMethod = AUTH_METHODS[authenticator] ?? 'other';
  const backchannel = configValue(attributes, 'backchannel.logout.url');
  const frontchannel = configValue(attributes, 'frontchannel.logout.url');
  if (backchannel) facts.backchannelLogoutUri = backchannel;
  if (frontchannel && bool(client.frontchannelLogout) !== false) facts.frontchannelLogoutUri = frontchannel;
  if (!noGrants) {
    facts.refreshTokens = refreshOf(refresh, realm);
    facts.lifetimes = lifetimesOf(attributes, realm);
    facts.parRequired = configBool(attributes, 'require.pushed.authorization.requests') === true;
    facts.senderConstrained = {
      dpop: configBool(attributes, 'dpop.bound.access.tokens') === true,
      mtls: configBool(attributes, 'tls.client.certificate.bound.access.tokens') === true,
    };
    facts.deviceGrant = grants.includes('device_code');
    facts.ciba = grants.includes('ciba');
  }
  return facts;
}

function pkceOf(attributes: Json): ClientFacts['pkce'] {
  const method = configValue(attributes, 'pkce.code.challenge.method');
  return method === 'S256' || method === 'plain' ? { required: true, method } : { required: false };
}

/** Rotation is a realm setting in Keycloak ("Revoke refresh token"); clients cannot change it. */
function refreshOf(issued: boolean, realm: RealmClientDefaults | undefined): NonNullable<ClientFacts['refreshTokens']> {
  const revoke = realm?.revokeRefreshToken;
  const out: NonNullable<ClientFacts['refreshTokens']> = { issued, rotation: revoke === undefined ? 'unknown' : revoke ? 'rotating' : 'static' };
  if (revoke && realm?.refreshTokenMaxReuse !== undefined) out.reuseLimit = realm.refreshTokenMaxReuse;
  return out;
}

/** Client overrides (attributes, seconds, 0 or absent = inherit) over the realm values (0 = no limit). */
function lifetimesOf(attributes: Json, realm: RealmClientDefaults | undefined): NonNullable<ClientFacts['lifetimes']> {
  const own = (key: string) => {
    const v = configInt(attributes, key);
    return v !== undefined && v > 0 ? v : undefined;
  };
  const inherited = (v: number | undefined) => (v === undefined ? undefined : v > 0 ? v : null);
  const out: NonNullable<ClientFacts['lifetimes']> = {};
  const access = own('access.token.lifespan') ?? realm?.accessTokenLifespan;
  const absolute = own('client.session.max.lifespan') ?? inherited(realm?.ssoSessionMaxLifespan);
  const idle = own('client.session.idle.timeout') ?? inherited(realm?.ssoSessionIdleTimeout);
  if (access !== undefined) out.accessTokenSeconds = access;
  if (absolute !== undefined) out.refreshAbsoluteSeconds = absolute;
  if (idle !== undefined) out.refreshIdleSeconds = idle;
  return out;
}
