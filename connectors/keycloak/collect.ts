import { ApiReader } from '../../src/connector-kit/api-reader.js';
import { clientCredentials, type ClientAuthentication, type TokenSource } from '../../src/connector-kit/oauth-token.js';
import { StoreCollection } from '../../src/connector-kit/store-collection.js';
import type { CollectContext } from '../../src/connector.js';
import { ScanFailure, toScanError, type ScanError } from '../../src/model/errors.js';
import { observed, unknownObservation, type Observation } from '../../src/model/observation.js';
import type { SystemSnapshot } from '../../src/model/snapshot.js';
import type { UserStatsFacts } from '../../src/model/store-facts.js';
import { collectUsers } from './collect-users.js';
import { REGISTRATION_POLICY_TYPE, USER_STORAGE_TYPE } from './components.js';
import type { KeycloakTargetConfig } from './config.js';
import { browserFlowAlias, firstBrokerLoginFlowAlias, interpretKeycloak, registrationFlowAlias } from './interpret.js';
import { type Json, str } from './json.js';
import { type Grants, grantsFromToken } from './permissions.js';
import type { KeycloakRaw } from './raw.js';
import { isFullRealm } from './realm.js';
import { readAllPages, readArray, readObject, SectionReader } from './sections.js';
import { keycloakUrls, segment } from './urls.js';

/**
 * I/O only: a client-credentials token in the target realm, the roles it carries, then each
 * Admin REST API read the roles allow, then the users. Judgement happens in interpret.ts.
 * Never throws for a failing system: each failure is a coded error and the section is unknown.
 */
export async function collectKeycloak(config: KeycloakTargetConfig, ctx: CollectContext): Promise<SystemSnapshot> {
  const col = new StoreCollection(ctx.targetId, config.profiles);
  const http = ctx.http();
  const urls = keycloakUrls(config);
  const tokens = clientCredentials(http, { issuer: urls.issuer, tokenEndpoint: urls.tokenEndpoint, clientId: config.clientId, auth: clientAuth(config) }, ctx.secrets);
  const api = new ApiReader({ http, baseUrl: urls.admin, auth: tokens, redactor: ctx.secrets });
  const snapshot = (raw: KeycloakRaw, userStats: Observation<UserStatsFacts>) =>
    col.snapshot('identity-store', 'keycloak', { identityStore: interpretKeycloak(raw, userStats) }, http.stats());

  ctx.progress('token');
  const grants = await tokenGrants(tokens, config.realm);
  if ('error' in grants) {
    col.errors.push(grants.error);
    for (const name of DATASETS) col.dataset(name).failed(grants.error);
    if (col.readProfiles) col.dataset('users').failed(grants.error);
    else col.skipProfiles('users');
    const failed = unknownObservation<never>({ kind: 'collection-error', detail: `token request: ${grants.error.code}: ${grants.error.message}`, error: grants.error });
    return snapshot(emptyRaw(config, urls.issuer, failed), failed);
  }
  ctx.log.debug(grants.known ? `realm-management roles in the token: ${grants.roles.join(', ') || 'none'}` : 'the token lists no client roles: every read is tried');
  const sections = new SectionReader(col, grants);
  const raw = await readConfiguration(api, sections, config, urls.issuer, ctx);
  ctx.progress('users');
  const idpAliases: Observation<string[]> =
    raw.identityProviders.state === 'observed'
      ? observed(raw.identityProviders.value.map((i) => str(i.alias)).filter((a): a is string => !!a))
      : unknownObservation(raw.identityProviders.reason);
  const userStats = await collectUsers({ api, col, sections, config, ctx, idpAliases });
  return snapshot(raw, userStats);
}

/** Datasets of the configuration reads (users and federated-identities are added by collectUsers). */
const DATASETS = [
  'realm',
  'events-config',
  'identity-providers',
  'authentication-flows',
  'required-actions',
  'clients',
  'user-federation',
  'client-registration-policies',
  'keys',
  'user-profile',
] as const;

function clientAuth(config: KeycloakTargetConfig): ClientAuthentication {
  if (config.privateKey !== undefined) {
    return { method: 'private_key_jwt', privateKeyPem: config.privateKey, ...(config.kid ? { kid: config.kid } : {}), ...(config.keyAlgorithm ? { alg: config.keyAlgorithm } : {}) };
  }
  // client_secret_post: Keycloak's client-secret authenticator takes both forms, and the form body
  // avoids the URL-encoding ambiguity of Basic credentials with special characters.
  return { method: 'client_secret_post', secret: config.clientSecret ?? '' };
}

async function tokenGrants(tokens: TokenSource, realm: string): Promise<Grants | { error: ScanError }> {
  try {
    return grantsFromToken(await tokens.token(), realm);
  } catch (err) {
    return { error: toScanError(err) };
  }
}

function emptyRaw(config: KeycloakTargetConfig, issuer: string, failed: Observation<never>): KeycloakRaw {
  return {
    realmName: config.realm,
    issuer,
    realm: failed,
    eventsConfig: failed,
    identityProviders: failed,
    flows: new Map(),
    requiredActions: failed,
    clients: failed,
    userStorage: failed,
    registrationPolicies: failed,
    keys: failed,
    userProfile: failed,
  };
}

async function readConfiguration(api: ApiReader, sections: SectionReader, config: KeycloakTargetConfig, issuer: string, ctx: CollectContext): Promise<KeycloakRaw> {
  ctx.progress('realm settings');
  // The realm itself is the admin base URL, without a trailing slash.
  const realmUrl = api.url('/').replace(/\/$/, '');
  const realm = await sections.read('realm', 'view-realm', 'realm representation', async (t) => {
    const rep = await readObject(api, realmUrl, t, 'realm representation');
    // Without view-realm, Keycloak answers 200 with only the realm name.
    if (!isFullRealm(rep)) {
      throw new ScanFailure({ code: 'PERMISSION_DENIED', message: 'realm representation: only the realm name was returned', endpoint: realmUrl, status: 200, retryable: false });
    }
    return rep;
  });
  const eventsConfig = await sections.read('events-config', 'view-events', 'events configuration', (t) => readObject(api, '/events/config', t, 'events configuration'));
  ctx.progress('identity providers');
  const identityProviders = await sections.read('identity-providers', 'view-identity-providers', 'identity providers', (t) =>
    readAllPages(api, '/identity-provider/instances', {}, t, 'identity providers'));
  ctx.progress('authentication flows');
  const flows = await readFlows(api, sections, realm, identityProviders);
  const requiredActions = await sections.read('required-actions', 'view-realm', 'required actions', (t) => readArray(api, '/authentication/required-actions', {}, t, 'required actions'));
  ctx.progress('clients');
  const clients = await sections.read('clients', 'view-clients', 'clients', (t) => readAllPages(api, '/clients', {}, t, 'clients'));
  ctx.progress('components and keys');
  const userStorage = await sections.read('user-federation', 'view-realm', 'user federation', (t) => readArray(api, '/components', { type: USER_STORAGE_TYPE }, t, 'user federation components'));
  const registrationPolicies = await sections.read('client-registration-policies', 'view-realm', 'client registration policies', (t) =>
    readArray(api, '/components', { type: REGISTRATION_POLICY_TYPE }, t, 'client registration policies'));
  const keys = await sections.read('keys', 'view-realm', 'realm keys', (t) => readObject(api, '/keys', t, 'realm keys'));
  const userProfile = await sections.read('user-profile', 'any-admin-role', 'user profile configuration', async (t) => {
    try {
      return await readObject(api, '/users/profile', t, 'user profile configuration');
    } catch (err) {
      // Before Keycloak 24 the declarative user profile was an optional feature; without it the
      // endpoint does not exist, and no attribute can be bound to a client scope.
      if (err instanceof ScanFailure && err.scanError.code === 'NOT_FOUND') return { attributes: [] };
      throw err;
    }
  });
  return {
    realmName: config.realm,
    issuer,
    realm,
    eventsConfig,
    identityProviders,
    flows,
    requiredActions,
    clients,
    userStorage,
    registrationPolicies,
    keys,
    userProfile,
  };
}

/** The browser and registration flows, and each distinct first broker login flow of the identity providers. */
async function readFlows(api: ApiReader, sections: SectionReader, realm: Observation<Json>, idps: Observation<Json[]>): Promise<Map<string, Observation<Json[]>>> {
  const flows = new Map<string, Observation<Json[]>>();
  if (realm.state !== 'observed') {
    const detail = `the flow aliases come from the realm representation, which was not read (${realm.reason.detail})`;
    SectionReader.precondition(sections.dataset('authentication-flows'), detail);
    return flows;
  }
  const aliases = new Set<string>([browserFlowAlias(realm.value), registrationFlowAlias(realm.value)]);
  if (idps.state === 'observed') for (const idp of idps.value) aliases.add(firstBrokerLoginFlowAlias(idp, realm.value));
  for (const alias of aliases) {
    flows.set(
      alias,
      await sections.read('authentication-flows', 'view-realm', `authentication flow "${alias}"`, (t) =>
        readArray(api, `/authentication/flows/${segment(alias)}/executions`, {}, t, `authentication flow "${alias}"`)),
    );
  }
  return flows;
}
