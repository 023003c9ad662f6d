import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import nock from 'nock';
import type { HubspotTargetConfig } from '../../../connectors/hubspot/config.js';
import { hubspotConnector } from '../../../connectors/hubspot/index.js';
import type { HttpLimits } from '../../../src/http/types.js';
import type { SystemSnapshot } from '../../../src/model/snapshot.js';
import { nonReadRequests, testCollectContext, type TestContext } from '../../support/collect-context.js';

/** HubSpot connector tests: fixtures, a nock'ed account and a recording context over the real HTTP client. */
export const TOKEN = 'pat-na1-0000test-0000-4000-8000-000000000000';
export const BASE = 'https://api.hubapi.com';
export const CONTACTS = '/crm/v3/objects/contacts';
export const SEARCH = '/crm/v3/objects/contacts/search';
export const PROPERTIES = '/crm/v3/properties/contacts';
export const TOKEN_INFO = '/oauth/v2/private-apps/get/access-token-info';

const FIXTURES = join(import.meta.dirname, '../../../fixtures');

export function fixture<T = unknown>(path: string): T {
  return JSON.parse(readFileSync(join(FIXTURES, path), 'utf8')) as T;
}

export type Body = Record<string, unknown>;
export const errors = fixture<Record<'missingScopes' | 'unauthorized' | 'tenSecondly' | 'daily' | 'serverError', Body>>('hubspot/errors.json');

export function pages(kind: 'hardened' | 'weak'): Body[] {
  const count = kind === 'hardened' ? 3 : 2;
  return Array.from({ length: count }, (_, i) => fixture<Body>(`hubspot/contacts-${kind}-page-${i + 1}.json`));
}

export function config(overrides: Partial<HubspotTargetConfig> = {}): HubspotTargetConfig {
  return { id: 'hubspot-crm', type: 'hubspot', accessToken: TOKEN, ...overrides };
}

export function context(target: HubspotTargetConfig, limits: Partial<HttpLimits> = {}): TestContext {
  return testCollectContext(hubspotConnector, target, { secrets: [TOKEN], limits: { maxRetries: 2, ...limits } });
}

export function expectReadOnly(requests: TestContext['requests']): void {
  const refused = nonReadRequests(hubspotConnector, requests);
  if (refused.length > 0) throw new Error(`non-read requests: ${JSON.stringify(refused)}`);
}

/** Rate-limit headers as HubSpot sends them on every private-app answer. */
export function rateHeaders(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    'Content-Type': 'application/json;charset=utf-8',
    'X-HubSpot-RateLimit-Max': '100',
    'X-HubSpot-RateLimit-Remaining': '97',
    'X-HubSpot-RateLimit-Interval-Milliseconds': '10000',
    'X-HubSpot-RateLimit-Daily': '250000',
    'X-HubSpot-RateLimit-Daily-Remaining': '249000',
    ...overrides,
  };
}

export type Reply = { status: number; body?: unknown; headers?: Record<string, string> };

export interface AccountOptions {
  properties?: 'hardened' | 'weak' | Reply;
  tokenInfo?: Body | Reply;
  /** Contact pages, chained by their paging.next.after; `false`: do not answer the list. */
  pages?: Body[] | false;
  /** Per page index, answers given before the page (e.g. a 401, a 429). */
  before?: Record<number, Reply[]>;
  /** Search totals: without filter, and with HAS_PROPERTY. */
  total?: number | Reply;
  keyed?: number | Reply;
  headers?: Record<string, string>;
}

/** One request the nock account answered (to check that each one went through our client). */
export interface Served {
  method: string;
}

/**
 * Answer a HubSpot account: token info, properties, the two searches (told apart by their filter),
 * and the contact pages keyed by `after` (the first page has none). Every answer is persisted unless
 * it is one of the `before` answers, which are served once, in order.
 */
export function mockAccount(options: AccountOptions = {}): { scope: nock.Scope; served: Served[] } {
  const headers = options.headers ?? rateHeaders();
  const served: Served[] = [];
  const scope = nock(BASE);
  scope.on('request', (req: { method: string }) => served.push({ method: req.method }));
  const reply = (interceptor: nock.Interceptor, answer: Body | Reply): void => {
    const r: Reply = 'status' in answer && typeof answer.status === 'number' ? (answer as Reply) : { status: 200, body: answer };
    interceptor.reply(r.status, (r.body ?? {}) as nock.Body, { ...headers, ...r.headers });
  };
  const persisted = nock(BASE).persist();
  persisted.on('request', (req: { method: string }) => served.push({ method: req.method }));

  reply(persisted.post(TOKEN_INFO), options.tokenInfo ?? fixture<Body>('hubspot/token-info.json'));
  const properties = options.properties ?? 'hardened';
  reply(persisted.get(PROPERTIES).query(true), typeof properties === 'string' ? fixture<Body>(`hubspot/properties-${properties}.json`) : properties);
  const list = options.pages === false ? [] : options.pages ?? pages('hardened');
  const searchAnswer = (value: number | Reply | undefined, fallback: number): Body | Reply =>
    typeof value === 'object' ? value : { ...fixture<Body>('hubspot/search-total.json'), total: value ?? fallback };
  const records = list.reduce((n, page) => n + ((page.results as unknown[] | undefined)?.length ?? 0), 0);
  // Only count searches are answered: one record at most, and no personal property asked for.
  const countSearch = (filtered: boolean) => (body: SearchBody) =>
    body.limit === 1 && JSON.stringify(body.properties) === '["hs_object_id"]' && (body.filterGroups ?? []).length > 0 === filtered;
  reply(persisted.post(SEARCH, countSearch(false)), searchAnswer(options.total, records));
  reply(persisted.post(SEARCH, countSearch(true)), searchAnswer(options.keyed, keyedCount(list)));

  let cursor: string | undefined;
  list.forEach((page, i) => {
    const after = cursor;
    const matches = (q: Record<string, unknown>): boolean => (after === undefined ? q.after === undefined : q.after === after);
    for (const early of options.before?.[i] ?? []) reply(scope.get(CONTACTS).query(matches), early);
    reply(persisted.get(CONTACTS).query(matches), page);
    cursor = ((page.paging as { next?: { after?: string } } | undefined)?.next?.after) ?? undefined;
  });
  return { scope, served };
}

interface SearchBody {
  limit?: number;
  properties?: string[];
  filterGroups?: unknown[];
}

function keyedCount(list: Body[]): number {
  let n = 0;
  for (const page of list) {
    for (const contact of (page.results as Array<{ properties?: Record<string, unknown> }> | undefined) ?? []) {
      const p = contact.properties ?? {};
      if ((typeof p.idp_subject === 'string' && p.idp_subject) || (typeof p.customer_id === 'string' && p.customer_id)) n += 1;
    }
  }
  return n;
}

export function dataset(snapshot: SystemSnapshot, name: string) {
  return snapshot.coverage.datasets.find((d) => d.name === name);
}

export function listRequests(requests: TestContext['requests']): TestContext['requests'] {
  return requests.filter((r) => new URL(r.url).pathname === CONTACTS);
}

export function resetNock(): void {
  nock.cleanAll();
  nock.enableNetConnect();
}

export function isolate(): void {
  nock.disableNetConnect();
  nock.enableNetConnect('127.0.0.1');
}
