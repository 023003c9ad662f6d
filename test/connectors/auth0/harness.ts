/**
 * Running the connector in tests: the real HTTP client through testCollectContext, nock for the
 * network (loopback stays open for local servers), and the read-only allow-list checked on every
 * scan.
 */
import nock from 'nock';
import { afterEach, beforeEach, expect } from 'vitest';
import type { Auth0TargetConfig } from '../../../connectors/auth0/config.js';
import { auth0Connector } from '../../../connectors/auth0/index.js';
import type { AnyConnector } from '../../../src/connector.js';
import type { Observation } from '../../../src/model/observation.js';
import type { SystemSnapshot } from '../../../src/model/snapshot.js';
import type { IdentityStoreFacts } from '../../../src/model/store-facts.js';
import { nonReadRequests, testCollectContext, type TestContext } from '../../support/collect-context.js';
import { SECRET } from './fake-tenant.js';

export const connector: AnyConnector = auth0Connector;

export interface ScanResult {
  snapshot: SystemSnapshot;
  test: TestContext;
  facts: IdentityStoreFacts;
}

export async function scan(config: Auth0TargetConfig, options: Parameters<typeof testCollectContext>[2] = {}, prepare?: (test: TestContext) => void): Promise<ScanResult> {
  const test = testCollectContext(connector, config, { secrets: [SECRET], ...options });
  prepare?.(test);
  const snapshot = await auth0Connector.collect(config, test.ctx);
  expect(nonReadRequests(connector, test.requests)).toEqual([]);
  const facts = snapshot.facts.identityStore;
  if (!facts) throw new Error('no identity-store facts');
  return { snapshot, test, facts };
}

export function value<T>(o: Observation<T> | undefined): T {
  if (o?.state !== 'observed') throw new Error(`expected an observed section, got ${JSON.stringify(o)}`);
  return o.value;
}

export function reason<T>(o: Observation<T> | undefined) {
  if (o?.state !== 'unknown') throw new Error(`expected an unknown section, got ${JSON.stringify(o)}`);
  return o.reason;
}

/** Only nock answers; loopback stays reachable for the local TLS servers. */
export function useNock(): void {
  beforeEach(() => {
    nock.disableNetConnect();
    nock.enableNetConnect('127.0.0.1');
  });
  afterEach(() => {
    nock.cleanAll();
    nock.enableNetConnect();
  });
}

/** Paths requested, without the query, in order (the recorder sees every request). */
export function paths(test: TestContext): string[] {
  return test.requests.map((r) => `${r.method} ${new URL(r.url).pathname}`);
}
