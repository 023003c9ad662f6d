import { afterEach, describe, expect, it } from 'vitest';
import { startKeycloakSimulator, type KeycloakSimulator } from '../../../bench/simulators/keycloak.js';
import type { KeycloakTargetConfig } from '../../../connectors/keycloak/config.js';
import { keycloakConnector } from '../../../connectors/keycloak/index.js';
import type { AnyConnector } from '../../../src/connector.js';
import { nonReadRequests, testCollectContext } from '../../support/collect-context.js';

let sim: KeycloakSimulator | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

describe('bench/simulators/keycloak', () => {
  it('serves N synthetic users that the connector pages through over real HTTP', async () => {
    sim = await startKeycloakSimulator({ users: 2_345 });
    const config: KeycloakTargetConfig = { id: 'sim', type: 'keycloak', baseUrl: sim.baseUrl, realm: sim.realm, clientId: 'ciamscan', clientSecret: 'bench-secret', profiles: { pageSize: 1000 } };
    const connector = keycloakConnector as unknown as AnyConnector;
    const { ctx, requests } = testCollectContext(connector, config, { secrets: ['bench-secret'] });
    const snapshot = await keycloakConnector.collect(config, ctx);
    expect(nonReadRequests(connector, requests)).toEqual([]);
    expect(snapshot.errors).toEqual([]);
    expect(snapshot.profiles?.size).toBe(2_345);
    expect(snapshot.coverage.datasets.find((d) => d.name === 'users')).toMatchObject({ state: 'complete', records: 2_345, total: 2_345, pages: 3 });
    // Only view-users is granted: the configuration sections are skipped without a request.
    expect(snapshot.coverage.missingPermissions).toEqual(['view-clients', 'view-events', 'view-identity-providers', 'view-realm']);
    const stats = snapshot.facts.identityStore?.userStats;
    expect(stats).toMatchObject({ state: 'observed', value: { total: 2_345, read: 2_345, disabled: 46 } });
    // token + count + profile + 3 pages
    expect(sim.requests()).toBe(6);
  });
});
