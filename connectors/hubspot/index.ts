import type { Connector } from '../../src/connector.js';
import { collectHubspot } from './collect.js';
import { basePathOf, hubspotTargetSchema, type HubspotTargetConfig } from './config.js';
import { HUBSPOT_DEFAULT_LIMITS, hubspotLimitsFor } from './limits.js';
import { REQUIRED_PERMISSIONS } from './permissions.js';

/**
 * Read-only scan (T2) of a HubSpot account's contacts through @hubspot/api-client, wired through
 * the project's HTTP client: contact property definitions (identity-link, consent and lifecycle
 * properties) and the contacts themselves (profiles for the identity analysis, link-key counts).
 */
export const hubspotConnector: Connector<HubspotTargetConfig> = {
  id: 'hubspot',
  title: 'HubSpot CRM (private app)',
  kind: 'crm',
  configSchema: hubspotTargetSchema,
  requiredPermissions: REQUIRED_PERMISSIONS,
  // Published limits (https://developers.hubspot.com/docs/api/usage-details): see limits.ts.
  defaultLimits: HUBSPOT_DEFAULT_LIMITS,
  // The tier's allowance (190 per 10 s for Professional and Enterprise) when the target names it.
  limitsFor: hubspotLimitsFor,
  // Both documented read-only POSTs; the path may sit under a proxy prefix of basePath.
  allowedPosts: [
    { path: /\/crm\/v3\/objects\/contacts\/search$/, intent: 'read-only-post', purpose: 'CRM search with limit 1: the contact total, and the count holding the identity key (HAS_PROPERTY)' },
    { path: /\/oauth\/v2\/private-apps\/get\/access-token-info$/, intent: 'read-only-post', purpose: 'the scopes granted to the private-app token, before anything is read' },
  ],
  secretKeys: ['accessToken'],
  namedHosts: (config) => [...new Set([new URL(basePathOf(config)).hostname.toLowerCase(), ...(config.allowHosts ?? []).map((h) => h.toLowerCase())])].sort(),
  location: (config) => basePathOf(config),
  collect: collectHubspot,
};
