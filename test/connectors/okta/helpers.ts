import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import nock from 'nock';
import type { OktaTargetConfig } from '../../../connectors/okta/config.js';
import { oktaConnector } from '../../../connectors/okta/index.js';
import { nonReadRequests, testCollectContext, type TestContext } from '../../support/collect-context.js';
import type { HttpLimits } from '../../../src/http/types.js';
import type { OktaRawCollection } from '../../../connectors/okta/raw.js';

/** Okta connector tests: fixtures, nock'ed orgs and a recording context over the real HTTP client. */
export const TOKEN = 'okta-test-api-token-00000000000000000000';
export const WEAK = 'https://weak-org.okta.com';
export const HARDENED = 'https://hardened-org.okta.com';

const FIXTURES = join(import.meta.dirname, '../../../fixtures');

export function fixture<T = unknown>(path: string): T {
  return JSON.parse(readFileSync(join(FIXTURES, path), 'utf8')) as T;
}

export type OrgFixture = Record<string, unknown>;

export function orgFixture(name: 'org-weak.json' | 'org-hardened.json'): OrgFixture {
  return fixture<OrgFixture>(`okta/${name}`);
}

export function config(orgUrl: string, overrides: Partial<OktaTargetConfig> = {}): OktaTargetConfig {
  return {
    id: 'okta-org',
    type: 'okta',
    orgUrl,
    auth: { method: 'api-token', token: TOKEN },
    scanAuthorizationServers: false,
    tlsProbe: false,
    ...overrides,
  };
}

export function context(target: OktaTargetConfig, limits: Partial<HttpLimits> = {}): TestContext {
  return testCollectContext(oktaConnector, target, { secrets: [TOKEN], limits: { maxRetries: 2, ...limits } });
}

export function expectReadOnly(requests: TestContext['requests']): void {
  if (nonReadRequests(oktaConnector, requests).length > 0) throw new Error(`non-read requests: ${JSON.stringify(nonReadRequests(oktaConnector, requests))}`);
}

export interface MockOptions {
  /** Keys to answer differently (status and body), e.g. a 403 on the policies. */
  override?: Record<string, { status: number; body?: unknown; headers?: Record<string, string> }>;
  /** Keys to leave out entirely. */
  skip?: string[];
  /** Users pages; default: none (an empty list); `false`: do not answer /api/v1/users at all. */
  users?: unknown[][] | false;
  /** Headers on every answer. */
  headers?: Record<string, string>;
}

/**
 * Answer every request of the org fixture once (persisting), keyed by path and query. Paths without
 * a query in the key accept any query (the connector adds `limit`).
 */
export function mockOrg(origin: string, org: OrgFixture, options: MockOptions = {}): nock.Scope {
  const scope = nock(origin).persist();
  for (const [key, body] of Object.entries(org)) {
    if (options.skip?.includes(key)) continue;
    const [path = '', search] = key.split('?');
    const interceptor = scope.get(path).query(search ? Object.fromEntries(new URLSearchParams(search)) : true);
    const override = options.override?.[key];
    if (override) interceptor.reply(override.status, (override.body ?? {}) as nock.Body, { ...options.headers, ...override.headers });
    else interceptor.reply(200, body as nock.Body, options.headers);
  }
  if (options.users !== false) mockUsers(scope, origin, options.users ?? [[]], options.headers);
  return scope;
}

/** Users pages chained by Link headers: page i links to ?after=<cursor i>. */
export function mockUsers(scope: nock.Scope, origin: string, pages: unknown[][], headers: Record<string, string> = {}): void {
  pages.forEach((page, i) => {
    const next = i + 1 < pages.length ? `<${origin}/api/v1/users?after=cursor${i + 1}&limit=200>; rel="next"` : undefined;
    const link = `<${origin}/api/v1/users?limit=200${i ? `&after=cursor${i}` : ''}>; rel="self"${next ? `, ${next}` : ''}`;
    scope
      .get('/api/v1/users')
      .query((q) => (i === 0 ? q.after === undefined : q.after === `cursor${i}`))
      .reply(200, page as nock.Body, { ...headers, Link: link });
  });
}

export function resetNock(): void {
  nock.cleanAll();
  nock.enableNetConnect();
}

export function isolate(): void {
  nock.disableNetConnect();
  nock.enableNetConnect('127.0.0.1');
}

/** The raw collection collect.ts would build from an org fixture (for the pure interpret tests). */
export function rawFromOrg(orgUrl: string, org: OrgFixture): OktaRawCollection {
  const ok = <T>(value: T) => ({ state: 'observed' as const, value });
  const listOf = (key: string) => (org[key] ?? []) as Array<Record<string, unknown>>;
  const policies = (type: string) =>
    ok(listOf(`/api/v1/policies?type=${type}`).map((policy) => {
      const rules = org[`/api/v1/policies/${String(policy.id)}/rules`];
      return rules ? { policy, rules: ok(rules as Array<Record<string, unknown>>) } : { policy };
    }));
  return {
    orgUrl,
    idps: ok(listOf('/api/v1/idps')),
    apps: ok(listOf('/api/v1/apps')),
    authenticators: ok(listOf('/api/v1/authenticators')),
    policies: {
      OKTA_SIGN_ON: policies('OKTA_SIGN_ON'),
      PASSWORD: policies('PASSWORD'),
      MFA_ENROLL: policies('MFA_ENROLL'),
      PROFILE_ENROLLMENT: policies('PROFILE_ENROLLMENT'),
      ACCESS_POLICY: policies('ACCESS_POLICY'),
    },
    threatInsight: ok(org['/api/v1/threats/configuration'] as Record<string, unknown>),
    behaviors: ok(listOf('/api/v1/behaviors')),
    zones: ok(listOf('/api/v1/zones')),
    eventHooks: ok(listOf('/api/v1/eventHooks')),
    logStreams: ok(listOf('/api/v1/logStreams')),
    logs: ok({ recentEvents: listOf('/api/v1/logs?limit=1').length }),
    authorizationServers: ok(listOf('/api/v1/authorizationServers').map((server) => {
      const base = `/api/v1/authorizationServers/${String(server.id)}`;
      const list = org[`${base}/policies`] as Array<Record<string, unknown>> | undefined;
      if (!list) return { server };
      return { server, policies: ok(list.map((policy) => ({ policy, rules: ok((org[`${base}/policies/${String(policy.id)}/rules`] ?? []) as Array<Record<string, unknown>>) }))) };
    })),
  };
}
