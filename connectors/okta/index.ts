import type { Connector } from '../../src/connector.js';
import { StoreCollection } from '../../src/connector-kit/store-collection.js';
import type { SystemSnapshot } from '../../src/model/snapshot.js';
import { openSession, tokenEndpoint } from './auth.js';
import { collectOktaConfig, type OktaReadContext } from './collect.js';
import { scanAuthorizationServers } from './collect-servers.js';
import { collectUsers } from './collect-users.js';
import { DEFAULT_RATE_LIMIT_RESERVE, oktaTargetSchema, type OktaTargetConfig } from './config.js';
import { interpretOkta } from './interpret.js';
import { OKTA_SCOPES, READ_ONLY_ADMIN, requestedScopes } from './permissions.js';
import { RateLimitHeadroom } from './rate-limit.js';
import { orgHost, orgOrigin } from './urls.js';

/**
 * Read-only scan of an Okta org through the Management API (T2): users (streamed), identity
 * providers, apps, authenticators, policies, threat protection, event hooks, log streams, the
 * system log and the custom authorization servers, each of which is then also scanned from the
 * outside like an `oidc` target.
 */
export const oktaConnector: Connector<OktaTargetConfig> = {
  id: 'okta',
  title: 'Okta org (Management API)',
  kind: 'identity-store',
  configSchema: oktaTargetSchema,
  requiredPermissions: [
    { tier: 'T2', permission: READ_ONLY_ADMIN, purpose: 'API-token alternative to the scopes below: every read of this connector' },
    { tier: 'T2', permission: OKTA_SCOPES.users, purpose: 'users (profiles for the identity analysis) and, opt-in, their linked IdPs' },
    { tier: 'T2', permission: OKTA_SCOPES.idps, purpose: 'identity providers, account linking' },
    { tier: 'T2', permission: OKTA_SCOPES.apps, purpose: 'OIDC apps: grants, redirect URIs, PKCE, client authentication, refresh-token rotation' },
    { tier: 'T2', permission: OKTA_SCOPES.authenticators, purpose: 'authenticators (factors) and their settings' },
    { tier: 'T2', permission: OKTA_SCOPES.policies, purpose: 'sign-on, password, MFA-enrolment, profile-enrolment and authentication policies and rules' },
    { tier: 'T2', permission: OKTA_SCOPES.threatInsight, purpose: 'ThreatInsight action' },
    { tier: 'T2', permission: OKTA_SCOPES.behaviors, purpose: 'behavior detection rules' },
    { tier: 'T2', permission: OKTA_SCOPES.zones, purpose: 'network zones (blocklists, zone conditions)' },
    { tier: 'T2', permission: OKTA_SCOPES.eventHooks, purpose: 'event hooks (lifecycle channels)' },
    { tier: 'T2', permission: OKTA_SCOPES.logStreams, purpose: 'log streams (SIEM streaming)' },
    { tier: 'T2', permission: OKTA_SCOPES.logs, purpose: 'one system-log event, counted (log API reachable)' },
    { tier: 'T2', permission: OKTA_SCOPES.authorizationServers, purpose: 'custom authorization servers, signing-key rotation, token lifetimes' },
    { tier: 'T0', permission: 'none (public endpoints)', purpose: 'discovery, JWKS and headers of each active authorization server (as the oidc connector)' },
  ],
  defaultLimits: {
    // Okta management limits are per endpoint bucket and per minute, e.g. GET /api/v1/users 600/min
    // (100 on the Integrator Free Plan), /api/v1/apps 100 (20), /api/v1/logs 120/50 (20), most other
    // /api/v1 calls 1,200/600 (100): https://developer.okta.com/docs/reference/rl-global-mgmt/ .
    // API tokens and service apps get 50 % of a bucket by default. 5 requests per second (300 per
    // minute) stays within that share of the users bucket on paid plans; the X-Rate-Limit-* headers
    // slow the scan further (rate-limit.ts) where a bucket is smaller.
    requestsPerSecond: 5,
    burst: 5,
    concurrency: 2,
    timeoutMs: 30_000,
    maxResponseBytes: 16 * 1024 * 1024,
    maxRetries: 4,
    // Okta windows are one minute: waiting for a reset never needs longer.
    maxRetryWaitMs: 65_000,
  },
  // The client-credentials token request of the service app; nothing else is ever POSTed.
  allowedPosts: [{ path: /^\/oauth2\/v1\/token$/, intent: 'token', purpose: 'client-credentials token for the service app (private_key_jwt)' }],
  secretKeys: ['token', 'privateKey'],
  namedHosts: namedHostsOf,
  location: (config) => orgOrigin(config.orgUrl),
  async collect(config, ctx): Promise<SystemSnapshot> {
    const collection = new StoreCollection(config.id, config.profiles);
    const http = ctx.http();
    const session = await openSession(config, ctx, http, requestedScopes(collection.readProfiles));
    if (session.failure) collection.errors.push({ ...session.failure, endpoint: session.failure.endpoint ?? tokenEndpoint(config.orgUrl) });
    const headroom = new RateLimitHeadroom(ctx.governor, config.rateLimitReserve ?? DEFAULT_RATE_LIMIT_RESERVE, ctx.limits.maxRetryWaitMs);
    const read: OktaReadContext = {
      collection,
      authMethod: config.auth.method,
      ...(session.granted ? { granted: session.granted } : {}),
      ...(session.failure ? { failure: session.failure } : {}),
      paging: { reader: session.reader, origin: orgOrigin(config.orgUrl), headroom },
      progress: (message) => ctx.progress(message),
    };
    const raw = await collectOktaConfig(read, config.orgUrl);
    const scans = config.scanAuthorizationServers === false
      ? { servers: [], datasets: [] }
      : await scanAuthorizationServers(raw.authorizationServers, config, ctx, collection, namedHostsOf(config));
    const userStats = await collectUsers(read, config);
    const facts = interpretOkta(raw, userStats);
    const snapshot = collection.snapshot('identity-store', 'okta', { identityStore: facts, ...(scans.servers.length ? { authorizationServers: scans.servers } : {}) }, http.stats());
    snapshot.coverage.datasets = [...snapshot.coverage.datasets, ...scans.datasets].sort((a, b) => a.name.localeCompare(b.name));
    const quotas = headroom.quotas();
    if (Object.keys(quotas).length) snapshot.coverage.quotas = quotas;
    return snapshot;
  },
};

/** The org host and the operator's allowHosts (a custom-domain issuer must be listed there). */
function namedHostsOf(config: OktaTargetConfig): string[] {
  return [...new Set([orgHost(config.orgUrl), ...(config.allowHosts ?? []).map((h) => h.toLowerCase())])].sort();
}
