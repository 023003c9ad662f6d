import type { Connector } from '../../src/connector.js';
import { collectKeycloak } from './collect.js';
import { keycloakTargetSchema, type KeycloakTargetConfig } from './config.js';
import { keycloakUrls, TOKEN_PATH } from './urls.js';

/**
 * A Keycloak realm read through the Admin REST API with a read-only service account (T2): realm
 * settings, authentication flows, identity providers, clients, user federation, keys, events
 * configuration, and the customer profiles. The official @keycloak/keycloak-admin-client is not
 * used: it sends through the global fetch with its own request handling, around this project's
 * rate governor, host allow-list and POST allow-list.
 */
export const keycloakConnector: Connector<KeycloakTargetConfig> = {
  id: 'keycloak',
  title: 'Keycloak realm (Admin REST API)',
  kind: 'identity-store',
  configSchema: keycloakTargetSchema,
  requiredPermissions: [
    { tier: 'T2', permission: 'view-realm', purpose: 'realm settings (password policy, brute force, sessions, tokens, registration, events), authentication flows, required actions, user federation and client-registration components, keys, user profile' },
    { tier: 'T2', permission: 'view-clients', purpose: 'clients: grants, redirect URIs, PKCE, client authentication, logout, token settings' },
    { tier: 'T2', permission: 'view-identity-providers', purpose: 'identity providers: trust email, signature validation, PKCE, first broker login flow' },
    { tier: 'T2', permission: 'view-events', purpose: 'events configuration: user and admin events, retention, event listeners' },
    { tier: 'T2', permission: 'view-users', purpose: 'user count, user list (profiles for the identity analysis) and their federated-identity links' },
  ],
  defaultLimits: {
    // Keycloak publishes no rate limit for its Admin REST API (it leaves throttling to a proxy or WAF in
    // front: keycloak/keycloak#48389), and admin reads hit the database of a shared production server.
    // Conservative: 10 requests/s, 2 in flight. See README "Limits".
    requestsPerSecond: 10,
    burst: 10,
    concurrency: 2,
    timeoutMs: 30_000,
    maxResponseBytes: 16 * 1024 * 1024,
  },
  allowedPosts: [{ path: TOKEN_PATH, intent: 'token', purpose: 'client-credentials token request at the realm token endpoint' }],
  secretKeys: ['clientSecret', 'privateKey'],
  namedHosts: (config) => [...new Set([new URL(config.baseUrl).hostname.toLowerCase(), ...(config.allowHosts ?? []).map((h) => h.toLowerCase())])].sort(),
  location: (config) => keycloakUrls(config).issuer,
  collect: (config, ctx) => collectKeycloak(config, ctx),
};
