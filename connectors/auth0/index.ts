import type { Connector } from '../../src/connector.js';
import { collectAuth0 } from './collect.js';
import { auth0NamedHosts, auth0TargetSchema, type Auth0TargetConfig } from './config.js';
import { AUTH0_PERMISSIONS } from './scopes.js';

/**
 * An Auth0 tenant read through the Management API v2 with a read-only machine-to-machine
 * credential (T2): applications, connections, attack protection, MFA, logs and streams, Actions,
 * signing keys, and the customer profiles (paged, or through the users-export job).
 */
export const auth0Connector: Connector<Auth0TargetConfig> = {
  id: 'auth0',
  title: 'Auth0 tenant (Management API)',
  kind: 'identity-store',
  configSchema: auth0TargetSchema,
  requiredPermissions: AUTH0_PERMISSIONS,
  defaultLimits: {
    // Auth0 Management API: the Free plan allows 2 requests/s (burst 2), Self Service and
    // Enterprise production tenants 16/s sustained (burst 50); non-production tenants less than 1/s.
    // https://auth0.com/docs/troubleshoot/customer-support/operational-policies/rate-limit-policy/rate-limit-configurations/free-public
    // https://auth0.com/docs/troubleshoot/customer-support/operational-policies/rate-limit-policy/management-api-endpoint-rate-limits
    // 2/s with no burst stays inside every production plan; x-ratelimit-* headers pause the target
    // if the tenant's actual limit is lower. Raise `limits.requestsPerSecond` for paid tenants.
    requestsPerSecond: 2,
    burst: 2,
    concurrency: 2,
    timeoutMs: 30_000,
    maxRetries: 4,
    maxRetryWaitMs: 60_000,
  },
  allowedPosts: [
    { path: /^\/oauth\/token$/, intent: 'token', purpose: 'client-credentials token for the Management API audience' },
    { path: /^\/api\/v2\/jobs\/users-exports$/, intent: 'read-only-post', purpose: 'users-export job: Auth0 writes a file of the users, nothing in the tenant changes' },
  ],
  secretKeys: ['clientSecret', 'privateKey'],
  namedHosts: (config) => auth0NamedHosts(config),
  location: (config) => `https://${config.domain}`,
  collect: (config, ctx) => collectAuth0(config, ctx),
};
