import type { Connector } from '../../src/connector.js';
import { StoreCollection } from '../../src/connector-kit/store-collection.js';
import { redactUrl } from '../../src/privacy/redact.js';
import { collectScim } from './collect.js';
import { scimTargetSchema, type ScimTargetConfig } from './config.js';
import { interpretScim } from './interpret.js';
import { SCIM_PERMISSIONS } from './permissions.js';

/**
 * Any SCIM 2.0 service provider (RFC 7643/7644), read with GET only: discovery, the user count
 * and the identifying attributes of every user, the group count, and the opt-in anonymous probe.
 */
export const scimConnector: Connector<ScimTargetConfig> = {
  id: 'scim',
  title: 'SCIM 2.0 service provider',
  kind: 'identity-store',
  configSchema: scimTargetSchema,
  requiredPermissions: SCIM_PERMISSIONS,
  defaultLimits: {
    // RFC 7644 defines no rate limit; each provider publishes its own. 5 requests/s stays under the
    // lowest published read limits found (the README lists them with their pages): Deel 5/s per
    // token (https://developer.deel.com/docs/rate-limits), Miro 200 GET /Users per 30 s
    // (https://developers.miro.com/reference/rate-limits), Peakon 25,000 per hour
    // (https://developer.peakon.com/reference/rate-limiting-1.md), Slack 1,000 GETs per minute per
    // org (https://docs.slack.dev/reference/scim-api/rate-limits). Paging is sequential anyway.
    requestsPerSecond: 5,
    burst: 5,
    concurrency: 2,
    timeoutMs: 30_000,
    maxRetries: 3,
  },
  // Reads only: no POST at all (not even the read-only POST /.search of RFC 7644 §3.4.3).
  allowedPosts: [],
  secretKeys: ['token', 'password'],
  namedHosts: (config) => [...new Set([new URL(config.baseUrl).hostname.toLowerCase(), ...(config.allowHosts ?? []).map((h) => h.toLowerCase())])].sort(),
  location: (config) => redactUrl(config.baseUrl),
  async collect(config, ctx) {
    const collection = new StoreCollection(config.id, config.profiles ?? {});
    const raw = await collectScim(config, ctx, collection);
    return collection.snapshot('identity-store', 'scim', { identityStore: interpretScim(raw) }, ctx.http().stats());
  },
};
