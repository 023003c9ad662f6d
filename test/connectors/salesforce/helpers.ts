import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import nock from 'nock';
import type { SalesforceTargetConfig } from '../../../connectors/salesforce/config.js';
import { salesforceConnector } from '../../../connectors/salesforce/index.js';
import type { HttpLimits } from '../../../src/http/types.js';
import type { SystemSnapshot } from '../../../src/model/snapshot.js';
import { nonReadRequests, testCollectContext, type TestContext } from '../../support/collect-context.js';

/** Salesforce connector tests: fixtures, a nock'ed org and a recording context over the real HTTP client. */
export const TOKEN = '00Dxx0000000001!AQ4AQinvented.access.token.for.tests.0000000000';
export const SECRET = 'invented-consumer-secret-0000000000000000';
export const ORG = 'https://acme-test.my.salesforce.com';
export const V = '/services/data/v62.0';

const FIXTURES = join(import.meta.dirname, '../../../fixtures/salesforce');

export function fixture<T = unknown>(name: string): T {
  return JSON.parse(readFileSync(join(FIXTURES, name), 'utf8')) as T;
}

export function text(name: string): string {
  return readFileSync(join(FIXTURES, name), 'utf8');
}

export function config(overrides: Partial<SalesforceTargetConfig> = {}): SalesforceTargetConfig {
  return { id: 'sf-org', type: 'salesforce', auth: { method: 'access-token', instanceUrl: ORG, accessToken: TOKEN }, ...overrides };
}

export function context(target: SalesforceTargetConfig, limits: Partial<HttpLimits> = {}, extra: { ca?: string } = {}): TestContext {
  return testCollectContext(salesforceConnector, target, { secrets: [TOKEN, SECRET], limits: { maxRetries: 2, ...limits }, ...extra });
}

export function expectReadOnly(requests: TestContext['requests']): void {
  const bad = nonReadRequests(salesforceConnector, requests);
  if (bad.length > 0) throw new Error(`non-read requests: ${JSON.stringify(bad)}`);
}

export function dataset(snapshot: SystemSnapshot, name: string) {
  return snapshot.coverage.datasets.find((d) => d.name === name);
}

export function resetNock(): void {
  nock.cleanAll();
  nock.enableNetConnect();
}

export function isolate(): void {
  nock.disableNetConnect();
  nock.enableNetConnect('127.0.0.1');
}

/** The SOQL of a `/query?q=` request, decoded. */
export function soqlOf(url: string): string {
  return new URL(url).searchParams.get('q') ?? '';
}

/** A COUNT() answer: the count is the totalSize (REST API Developer Guide, "Query"). */
export function countAnswer(n: number): { totalSize: number; done: true; records: [] } {
  return { totalSize: n, done: true, records: [] };
}
