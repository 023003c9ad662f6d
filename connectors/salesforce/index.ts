import type { Connector } from '../../src/connector.js';
import { StoreCollection } from '../../src/connector-kit/store-collection.js';
import type { SystemSnapshot } from '../../src/model/snapshot.js';
import { collectSalesforce } from './collect.js';
import { salesforceTargetSchema, type SalesforceTargetConfig } from './config.js';
import { interpretSalesforce } from './interpret.js';
import { API_ENABLED, SCOPE_API, VIEW_SETUP, fieldRead, objectRead } from './permissions.js';
import { configuredHosts, originOf } from './urls.js';

/**
 * Read-only scan (T2) of a Salesforce org through jsforce over the project's HTTP client: describes
 * of Contact, Lead, Account and Individual (identity-link and consent fields, person accounts,
 * lifecycle), record counts, duplicate rules, and the Contacts (and Leads) as profiles.
 */
export const salesforceConnector: Connector<SalesforceTargetConfig> = {
  id: 'salesforce',
  title: 'Salesforce org (REST and Bulk API 2.0, read-only)',
  kind: 'crm',
  configSchema: salesforceTargetSchema,
  requiredPermissions: [
    { tier: 'T2', permission: API_ENABLED, purpose: 'every REST and Bulk API 2.0 call (user permission of the integration user)' },
    { tier: 'T2', permission: SCOPE_API, purpose: 'OAuth scope of the connected app; a token without it reads nothing' },
    { tier: 'T2', permission: VIEW_SETUP, purpose: 'GET /limits (daily API allocation) and the DuplicateRule query' },
    { tier: 'T2', permission: objectRead('Contact'), purpose: 'Contact describe, counts and records (profiles)' },
    { tier: 'T2', permission: objectRead('Lead'), purpose: 'Lead describe (lifecycle); Lead records when customerObjects lists Lead' },
    { tier: 'T2', permission: objectRead('Account'), purpose: 'Account describe (person accounts, their identity-link fields)' },
    { tier: 'T2', permission: objectRead('Individual'), purpose: 'Individual describe (data-protection consent fields)' },
    { tier: 'T2', permission: fieldRead('Contact', '<link field>'), purpose: 'the identity-link field and the configured consent fields must be visible (field-level security)' },
  ],
  defaultLimits: {
    // Salesforce meters the REST API per org over a rolling 24 hours (DailyApiRequests: by edition
    // and licences) and limits concurrent requests running 20 s or longer to 25 in production orgs
    // and sandboxes (5 in Developer Edition and trial orgs); it has no per-second rate. Source:
    // "API Request Limits and Allocations", https://developer.salesforce.com/docs/atlas.en-us.salesforce_app_limits_cheatsheet.meta/salesforce_app_limits_cheatsheet/salesforce_app_limits_platform_api.htm
    // 4 in flight stays far below 25 (and below 5), 10 per second keeps a scan from crowding the org's
    // own integrations; the daily allocation is guarded separately (maxDailyApiShare, quota.ts).
    requestsPerSecond: 10,
    burst: 10,
    concurrency: 4,
    // A SOQL page of 2000 records or a describe can take long on a busy org (REST timeout: 10 min).
    timeoutMs: 120_000,
    maxResponseBytes: 32 * 1024 * 1024,
    maxRetries: 3,
    maxRetryWaitMs: 60_000,
  },
  // The token request and the Bulk API 2.0 query-job creation; nothing else is ever POSTed.
  allowedPosts: [
    { path: /^\/services\/oauth2\/token$/, intent: 'token', purpose: 'OAuth 2.0 client-credentials or JWT-bearer token request' },
    { path: /^\/services\/data\/v\d+\.\d+\/jobs\/query$/, intent: 'read-only-post', purpose: 'Bulk API 2.0: create a query job (operation "query", a SELECT)' },
  ],
  secretKeys: ['accessToken', 'clientSecret', 'privateKey'],
  namedHosts: configuredHosts,
  location: (config) => originOf(config.auth.method === 'access-token' ? config.auth.instanceUrl : config.auth.loginUrl),
  async collect(config, ctx): Promise<SystemSnapshot> {
    const collection = new StoreCollection(config.id, config.profiles);
    const { raw, wire } = await collectSalesforce(config, ctx, collection);
    const stats = wire?.stats() ?? { requests: 0, retries: 0, throttled: 0 };
    const snapshot = collection.snapshot('crm', 'salesforce', { crm: interpretSalesforce(raw) }, { ...stats, byHost: {} });
    if (wire) snapshot.coverage.quotas = wire.quota.quotas(stats.requests);
    return snapshot;
  },
};
