import type { Connector } from '../../src/connector.js';
import { collectOidc, namedHostsOf } from './collect.js';
import { oidcTargetSchema, type OidcTargetConfig } from './config.js';
import { interpretOidc } from './interpret.js';
import { oidcSnapshot } from './snapshot.js';

/**
 * Outside-in scan of an OAuth 2.0 / OpenID Connect authorization server: discovery metadata in
 * both well-known forms, the JWKS, and the safe probes of catalog §14.1. No credential needed.
 */
export const oidcConnector: Connector<OidcTargetConfig> = {
  id: 'oidc',
  title: 'OAuth 2.0 / OpenID Connect authorization server',
  kind: 'authorization-server',
  configSchema: oidcTargetSchema,
  requiredPermissions: [
    { tier: 'T0', permission: 'none (public endpoints)', purpose: 'discovery documents, JWKS, response headers of the authorization and end-session endpoints, TLS handshakes' },
    { tier: 'T1', permission: 'none; operator opt-in (activeProbes: true)', purpose: 'one introspection POST with a random token; one authorization request with a random client_id' },
  ],
  defaultLimits: {
    // Catalog §14.1: at most 1 request per second and 60 requests per host per run, unauthenticated.
    requestsPerSecond: 1,
    burst: 1,
    concurrency: 1,
    maxRequestsPerHost: 60,
    timeoutMs: 15_000,
    maxResponseBytes: 1024 * 1024,
  },
  // Only the opted-in T1 introspection probe; its path comes from the metadata, so any path, intent probe only.
  allowedPosts: [{ path: /.*/, intent: 'probe', purpose: 'T1: one introspection request with a random token (activeProbes)' }],
  secretKeys: [],
  namedHosts: (config) => namedHostsOf(config),
  location: (config) => config.issuer,
  async collect(config, ctx) {
    const raw = await collectOidc(config, ctx);
    const { product, facts } = interpretOidc(raw);
    const http = ctx.http();
    return oidcSnapshot(config.id, config.product ?? product, facts, raw, http.stats());
  },
};
