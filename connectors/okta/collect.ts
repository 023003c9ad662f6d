import type { Query } from '../../src/connector-kit/api-reader.js';
import type { DatasetTracker } from '../../src/connector-kit/datasets.js';
import { ScanFailure } from '../../src/model/errors.js';
import type { Observation } from '../../src/model/observation.js';
import { isObject, objects, str, withoutSecrets, type JsonObject } from './json.js';
import { readPages, type PagingContext } from './paging.js';
import type { OktaSection } from './permissions.js';
import { POLICY_TYPES, TYPES_WITH_RULES, type OktaRawCollection, type PolicyType, type RawAuthorizationServer, type RawPolicy } from './raw.js';
import { readSection, type SectionContext } from './sections.js';

/**
 * I/O only: read the org's configuration, section by section, into the raw collection that
 * interpret.ts judges. Every list is paged by its Link header; credentials in the objects are
 * dropped on arrival. Users are read elsewhere (collect-users.ts), streamed, never kept here.
 */
export interface OktaReadContext extends SectionContext {
  paging: PagingContext;
  progress(message: string): void;
}

/** Okta's page-size maximum for these lists (Okta API reference, `limit` parameters). */
const LIST_LIMIT = 200;

export async function collectOktaConfig(ctx: OktaReadContext, orgUrl: string): Promise<OktaRawCollection> {
  ctx.progress('identity providers, apps, authenticators');
  const idps = await list(ctx, 'idps', 'identity-providers', '/api/v1/idps', { limit: LIST_LIMIT }, 'identity providers');
  const apps = await list(ctx, 'apps', 'apps', '/api/v1/apps', { limit: LIST_LIMIT }, 'apps');
  const authenticators = await list(ctx, 'authenticators', 'authenticators', '/api/v1/authenticators', {}, 'authenticators');
  ctx.progress('policies');
  const policies = {} as Record<PolicyType, Observation<RawPolicy[]>>;
  for (const type of POLICY_TYPES) policies[type] = await readPolicies(ctx, type);
  ctx.progress('threat protection and monitoring');
  const threatInsight = await readSection(ctx, 'threatInsight', 'threat-insight', 'ThreatInsight configuration', async (tracker) =>
    one(ctx, tracker, '/api/v1/threats/configuration', 'ThreatInsight configuration'));
  const behaviors = await list(ctx, 'behaviors', 'behaviors', '/api/v1/behaviors', {}, 'behavior detection rules');
  const zones = await list(ctx, 'zones', 'network-zones', '/api/v1/zones', {}, 'network zones');
  const eventHooks = await list(ctx, 'eventHooks', 'event-hooks', '/api/v1/eventHooks', {}, 'event hooks');
  const logStreams = await list(ctx, 'logStreams', 'log-streams', '/api/v1/logStreams', {}, 'log streams');
  const logs = await readSection(ctx, 'logs', 'system-log', 'system log', (tracker) => probeSystemLog(ctx, tracker));
  ctx.progress('authorization servers');
  const authorizationServers = await readSection(ctx, 'authorizationServers', 'authorization-servers', 'authorization servers', (tracker) => readServers(ctx, tracker));
  return { orgUrl, idps, apps, authenticators, policies, threatInsight, behaviors, zones, eventHooks, logStreams, logs, authorizationServers };
}

function list(ctx: OktaReadContext, section: OktaSection, dataset: string, path: string, query: Query, what: string): Promise<Observation<JsonObject[]>> {
  return readSection(ctx, section, dataset, what, (tracker) => pagesInto(ctx, tracker, path, query, what));
}

/** Page through a configuration list into memory (small), counting pages and records. */
async function pagesInto(ctx: OktaReadContext, tracker: DatasetTracker | undefined, path: string, query: Query, what: string): Promise<JsonObject[]> {
  const out: JsonObject[] = [];
  await readPages(ctx.paging, path, query, what, (page) => {
    const records = objects(page).map((o) => withoutSecrets(o) as JsonObject);
    out.push(...records);
    tracker?.page(records.length);
  });
  // Okta reports no totals: a list read to its last page is complete by definition.
  tracker?.total(tracker.records);
  return out;
}

async function one(ctx: OktaReadContext, tracker: DatasetTracker, path: string, what: string): Promise<JsonObject> {
  const response = await ctx.paging.reader.get(path, {}, what);
  ctx.paging.headroom.observe(response.headers, path);
  if (!isObject(response.json)) {
    throw new ScanFailure({ code: 'UNEXPECTED_SHAPE', message: `${what}: expected a JSON object`, endpoint: response.url, retryable: false });
  }
  tracker.page(1);
  return withoutSecrets(response.json) as JsonObject;
}

/**
 * `GET /api/v1/logs?limit=1`: does the log API answer, and with an event? The event names a person,
 * so only the count is kept. Not paged: the system log always offers a next link (polling).
 */
async function probeSystemLog(ctx: OktaReadContext, tracker: DatasetTracker): Promise<{ recentEvents: number }> {
  const response = await ctx.paging.reader.get('/api/v1/logs', { limit: 1 }, 'system log');
  ctx.paging.headroom.observe(response.headers, '/api/v1/logs');
  if (!Array.isArray(response.json)) {
    throw new ScanFailure({ code: 'UNEXPECTED_SHAPE', message: 'system log: expected a JSON array', endpoint: response.url, retryable: false });
  }
  tracker.page(response.json.length);
  return { recentEvents: response.json.length };
}

/** Policies of one type, and the rules of the active ones (where the settings live). */
async function readPolicies(ctx: OktaReadContext, type: PolicyType): Promise<Observation<RawPolicy[]>> {
  const oieOnly = type === 'ACCESS_POLICY' || type === 'PROFILE_ENROLLMENT';
  return readSection(
    ctx,
    'policies',
    `policies ${type}`,
    `${type} policies`,
    async (tracker) => {
      const policies = await pagesInto(ctx, tracker, '/api/v1/policies', { type }, `${type} policies`);
      const out: RawPolicy[] = [];
      for (const policy of policies) {
        const id = str(policy, 'id');
        const wantRules = TYPES_WITH_RULES.has(type) && id && str(policy, 'status') !== 'INACTIVE';
        out.push(wantRules ? { policy, rules: await readRules(ctx, `/api/v1/policies/${encodeURIComponent(id)}/rules`, `rules of ${type} policy ${id}`) } : { policy });
      }
      return out;
    },
    oieOnly ? { notApplicableOn400: `the org has no ${type} policies (an Okta Classic Engine org)` } : {},
  );
}

function readRules(ctx: OktaReadContext, path: string, what: string): Promise<Observation<JsonObject[]>> {
  return readSection(ctx, path.startsWith('/api/v1/authorizationServers') ? 'authorizationServers' : 'policies', 'policy-rules', what, (tracker) =>
    pagesInto(ctx, undefined, path, {}, what).then((rules) => {
      tracker.page(rules.length);
      return rules;
    }));
}

/** Custom authorization servers; for the active ones, their policies and rules (token lifetimes). */
async function readServers(ctx: OktaReadContext, tracker: DatasetTracker): Promise<RawAuthorizationServer[]> {
  const servers = await pagesInto(ctx, tracker, '/api/v1/authorizationServers', { limit: LIST_LIMIT }, 'authorization servers');
  const out: RawAuthorizationServer[] = [];
  for (const server of servers) {
    const id = str(server, 'id');
    if (!id || str(server, 'status') !== 'ACTIVE') {
      out.push({ server });
      continue;
    }
    const base = `/api/v1/authorizationServers/${encodeURIComponent(id)}`;
    const policies = await readSection(ctx, 'authorizationServers', 'authorization-server-policies', `policies of authorization server ${id}`, async (policyTracker) => {
      const list = await pagesInto(ctx, undefined, `${base}/policies`, {}, `policies of authorization server ${id}`);
      policyTracker.page(list.length);
      const raw: RawPolicy[] = [];
      for (const policy of list) {
        const policyId = str(policy, 'id');
        raw.push(policyId && str(policy, 'status') !== 'INACTIVE' ? { policy, rules: await readRules(ctx, `${base}/policies/${encodeURIComponent(policyId)}/rules`, `rules of authorization-server policy ${policyId}`) } : { policy });
      }
      return raw;
    });
    out.push({ server, policies });
  }
  return out;
}
