import nock from 'nock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { KeycloakTargetConfig } from '../../../connectors/keycloak/config.js';
import { keycloakConnector } from '../../../connectors/keycloak/index.js';
import type { AnyConnector } from '../../../src/connector.js';
import { nonReadRequests, testCollectContext } from '../../support/collect-context.js';
import { BASE, mockKeycloak, REALM, SECRET, syntheticUser, userId, type MockRequest } from './mock-keycloak.js';

/**
 * profiles.consent on Keycloak: the consent is a user attribute (`attributes: { name: [values] }`),
 * which only the full user representation carries, so briefRepresentation=false is asked for.
 */
const connector = keycloakConnector as unknown as AnyConnector;

/** Full representations: invented consent attributes on users 1..5 (user 5 has none). */
const ATTRIBUTES: Record<number, Record<string, string[]>> = {
  1: { marketingConsent: ['true'], marketingConsentUpdated: ['2025-03-01T10:00:00Z'], loyaltyTier: ['gold'] },
  2: { marketingConsent: ['No'], marketingConsentUpdated: ['1740823200000'] },
  3: { marketingConsent: ['pending'], marketingConsentUpdated: ['2025-03-01T10:00:00Z'] },
  4: { marketingConsent: ['yes'], marketingConsentUpdated: ['yesterday'] },
  5: { loyaltyTier: ['silver'] },
};

function fullUsers(req: MockRequest): [number, unknown] | undefined {
  if (req.path !== '/users' || req.query.has('idpAlias') || req.query.get('briefRepresentation') !== 'false') return undefined;
  return [200, [1, 2, 3, 4, 5].map((i) => ({ ...syntheticUser(i), attributes: ATTRIBUTES[i] }))];
}

async function scan(config: Partial<KeycloakTargetConfig>) {
  const mock = mockKeycloak({ users: 5, override: fullUsers });
  const target: KeycloakTargetConfig = { id: 'kc', type: 'keycloak', baseUrl: BASE, realm: REALM, clientId: 'ciamscan', clientSecret: SECRET, ...config };
  const { ctx, requests } = testCollectContext(connector, target, { secrets: [SECRET] });
  const snapshot = await keycloakConnector.collect(target, ctx);
  expect(nonReadRequests(connector, requests)).toEqual([]);
  return { snapshot, mock };
}

beforeEach(() => {
  nock.disableNetConnect();
  nock.enableNetConnect('127.0.0.1');
});

afterEach(() => {
  nock.cleanAll();
  nock.enableNetConnect();
});

describe('keycloak: marketing consent from a user attribute', () => {
  it('asks for full representations and fills Profile.consent from the first attribute value', async () => {
    const { snapshot, mock } = await scan({ profiles: { consent: { attribute: 'marketingConsent', updatedAt: 'marketingConsentUpdated' } } });
    const userPages = mock.adminRequests('/users').filter((r) => r.path === '/users' && !r.query.has('idpAlias'));
    expect(userPages.map((r) => r.query.get('briefRepresentation'))).toEqual(['false']);
    expect(snapshot.errors).toEqual([]);
    const byId = new Map([...snapshot.profiles!].map((p) => [p.localId, p]));
    expect(byId.get(userId(1))?.consent).toEqual({ marketing: true, updatedAt: '2025-03-01T10:00:00.000Z' });
    expect(byId.get(userId(2))?.consent).toEqual({ marketing: false, updatedAt: '2025-03-01T10:00:00.000Z' });
    // A value in neither list: no consent rather than a guess.
    expect(byId.get(userId(3))?.consent).toBeUndefined();
    // An unparsable timestamp is dropped; the consent stays.
    expect(byId.get(userId(4))?.consent).toEqual({ marketing: true });
    expect(byId.get(userId(5))?.consent).toBeUndefined();
    // The dataset stays complete and says what did not fit (counts and the attribute names, no value).
    const users = snapshot.coverage.datasets.find((d) => d.name === 'users');
    expect(users).toMatchObject({ state: 'complete', records: 5 });
    expect(users?.reason).toBe(
      'profiles.consent: 1 record(s) hold a value at "marketingConsent" that is in neither optedIn nor optedOut (consent left unknown). profiles.consent: 1 timestamp(s) at "marketingConsentUpdated" are not dates and were dropped',
    );
    expect(users?.reason).not.toMatch(/pending|yesterday/);
  });

  it('without profiles.consent the brief representation is kept and no profile states consent', async () => {
    const { snapshot, mock } = await scan({});
    const userPages = mock.adminRequests('/users').filter((r) => r.path === '/users' && !r.query.has('idpAlias'));
    expect(userPages.map((r) => r.query.get('briefRepresentation'))).toEqual(['true']);
    expect([...snapshot.profiles!].every((p) => p.consent === undefined)).toBe(true);
  });
});
