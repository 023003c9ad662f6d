import nock from 'nock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { oktaConnector } from '../../../connectors/okta/index.js';
import { HARDENED, config, context, expectReadOnly, fixture, isolate, mockOrg, orgFixture, resetNock } from './helpers.js';

beforeEach(isolate);
afterEach(resetNock);

const ISSUER = `${HARDENED}/oauth2/aushardcustomer`;

/** The real Okta discovery document and JWKS (fixtures/real-world, §1.8 and §2.7), moved to this org's issuer. */
function discovery(): Record<string, unknown> {
  const text = JSON.stringify(fixture('real-world/discovery/okta-default-authz-server.json'))
    .replaceAll('https://dev-92899796.okta.com/oauth2/default', ISSUER)
    .replaceAll('dev-92899796.okta.com', 'hardened-org.okta.com');
  return JSON.parse(text) as Record<string, unknown>;
}

function mockIssuer(): void {
  const doc = discovery();
  const jwksPath = new URL(String(doc.jwks_uri)).pathname;
  nock(HARDENED)
    .persist()
    .get('/oauth2/aushardcustomer/.well-known/openid-configuration')
    .reply(200, doc)
    .get('/.well-known/oauth-authorization-server/oauth2/aushardcustomer')
    .reply(200, doc)
    .get(jwksPath)
    .reply(200, fixture<nock.Body>('real-world/jwks/okta-default-authz-server.json'))
    // Login pages, logout, SSF/RISC, passkey endpoints: whatever answers is evidence, not an error.
    .get(/.*/)
    .reply(404, '<html>Not found</html>', { 'Content-Type': 'text/html' })
    .options(/.*/)
    .reply(403, '');
  nock('http://hardened-org.okta.com').persist().get('/').reply(301, '', { Location: `${HARDENED}/` });
}

describe('okta: active authorization servers are also scanned from the outside', () => {
  it('reuses the OIDC collect + interpret on each active issuer, with the same limits and allow-list', async () => {
    const org = orgFixture('org-hardened.json');
    const servers = org['/api/v1/authorizationServers'] as Array<Record<string, unknown>>;
    // A third server on a custom domain the target does not name.
    org['/api/v1/authorizationServers'] = [...servers, { id: 'aushardcustom01', name: 'vanity', status: 'ACTIVE', issuer: 'https://id.shop.example.com/oauth2/aushardcustom01' }];
    org['/api/v1/authorizationServers/aushardcustom01/policies'] = [];
    mockOrg(HARDENED, org, { users: [[]] });
    mockIssuer();
    const target = config(HARDENED, { scanAuthorizationServers: true });
    const { ctx, requests } = context(target);
    const snapshot = await oktaConnector.collect(target, ctx);

    expect(snapshot.facts.authorizationServers).toHaveLength(1);
    const as = snapshot.facts.authorizationServers?.[0];
    expect(as?.configuredIssuer).toBe(ISSUER);
    expect(as?.issuer.match).toBe('exact');
    expect(as?.discovery.answered).toBe('both');
    expect(as?.jwks.state).toBe('observed');
    expect(snapshot.coverage.datasets.find((d) => d.name === 'authorization server customers: discovery')).toMatchObject({ state: 'complete' });
    expect(snapshot.coverage.datasets.find((d) => d.name === 'authorization server vanity: discovery')).toMatchObject({
      state: 'not-read',
      reason: expect.stringContaining('allowHosts'),
    });
    expect(requests.some((r) => r.url.includes('id.shop.example.com') || r.url.includes('aushardretired1/.well-known'))).toBe(false);
    expect(snapshot.errors).toEqual([]);
    expectReadOnly(requests);
  });

  it('scanAuthorizationServers: false leaves the issuers to the store facts only', async () => {
    mockOrg(HARDENED, orgFixture('org-hardened.json'));
    const target = config(HARDENED, { scanAuthorizationServers: false });
    const { ctx, requests } = context(target);
    const snapshot = await oktaConnector.collect(target, ctx);
    expect(snapshot.facts.authorizationServers).toBeUndefined();
    expect(snapshot.facts.identityStore?.issuers).toMatchObject({ state: 'observed', value: [HARDENED, ISSUER] });
    expect(requests.some((r) => r.url.includes('.well-known'))).toBe(false);
  });
});
