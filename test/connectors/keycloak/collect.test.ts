import { decodeJwt, decodeProtectedHeader, exportPKCS8, generateKeyPair } from 'jose';
import nock from 'nock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { keycloakConnector } from '../../../connectors/keycloak/index.js';
import type { KeycloakTargetConfig } from '../../../connectors/keycloak/config.js';
import type { AnyConnector } from '../../../src/connector.js';
import type { IdentityStoreFacts } from '../../../src/model/store-facts.js';
import type { SystemSnapshot } from '../../../src/model/snapshot.js';
import { nonReadRequests, testCollectContext, type RecordedRequest } from '../../support/collect-context.js';
import { ALL_ROLES, BASE, mockKeycloak, REALM, SECRET, userId, type MockOptions } from './mock-keycloak.js';

const connector = keycloakConnector as unknown as AnyConnector;

function target(overrides: Partial<KeycloakTargetConfig> = {}): KeycloakTargetConfig {
  return { id: 'kc', type: 'keycloak', baseUrl: BASE, realm: REALM, clientId: 'ciamscan', clientSecret: SECRET, ...overrides };
}

interface Scan {
  snapshot: SystemSnapshot;
  facts: IdentityStoreFacts;
  requests: RecordedRequest[];
  mock: ReturnType<typeof mockKeycloak>;
}

async function scan(mockOptions: MockOptions = {}, config: Partial<KeycloakTargetConfig> = {}): Promise<Scan> {
  nock.cleanAll();
  const mock = mockKeycloak(mockOptions);
  const t = target(config);
  const { ctx, requests } = testCollectContext(connector, t, { secrets: [SECRET] });
  const snapshot = await keycloakConnector.collect(t, ctx);
  // The read-only allow-list holds in every scan.
  expect(nonReadRequests(connector, requests)).toEqual([]);
  // Neither the scanner's secret nor a client secret from the API ever reaches the snapshot.
  const text = JSON.stringify({ facts: snapshot.facts, errors: snapshot.errors, coverage: snapshot.coverage });
  expect(text).not.toContain(SECRET);
  expect(text).not.toContain('fixture-not-a-real-secret');
  expect(text).not.toContain('**********');
  return { snapshot, facts: snapshot.facts.identityStore!, requests, mock };
}

function dataset(s: Scan, name: string) {
  return s.snapshot.coverage.datasets.find((d) => d.name === name);
}

function observedValue<T>(o: { state: 'observed'; value: T } | { state: 'unknown' } | undefined): T {
  expect(o?.state).toBe('observed');
  return (o as { value: T }).value;
}

beforeEach(() => {
  nock.disableNetConnect();
  nock.enableNetConnect('127.0.0.1');
});

afterEach(() => {
  nock.cleanAll();
  nock.enableNetConnect();
});

describe('keycloak collect: a weak realm, end to end', () => {
  it('reads every section, pages users to the end and shows each weakness', async () => {
    const s = await scan({ users: 250, linked: { google: [1, 2, 150], 'partner-saml': [2, 240] } });
    const f = s.facts;
    expect(s.snapshot.errors).toEqual([]);
    expect(s.snapshot.product).toBe('keycloak');
    expect(f.scope).toEqual({ kind: 'realm', name: REALM });
    expect(observedValue(f.issuers)).toEqual([`${BASE}/realms/${REALM}`]);
    expect(observedValue(f.transportSecurity).sslRequired).toBe('none');
    expect(observedValue(f.bruteForce).accountLockout).toBe(false);
    expect(observedValue(f.passwordPolicy)).toMatchObject({ minLength: 6, composition: ['digits', 'upper', 'special'], expiryDays: 90, blocklist: false });
    expect(observedValue(f.registration)).toMatchObject({ selfService: true, botProtection: false, emailVerification: 'optional', duplicateEmailsAllowed: true });
    expect(observedValue(f.monitoring).userEvents.enabled).toBe(false);
    expect(observedValue(f.tokens).refreshRotation).toBe('static');
    expect(observedValue(f.sessions).absoluteSeconds).toBeNull();
    const google = observedValue(f.identityProviders).find((i) => i.alias === 'google');
    expect(google).toMatchObject({ trustEmail: true, validateSignature: false, category: 'social', linking: { mode: 'automatic' } });
    const spa = observedValue(f.clients).find((c) => c.id === 'storefront-spa');
    expect(spa).toMatchObject({ type: 'public', pkce: { required: false }, redirectUris: ['https://*.example.com/*'] });
    expect(spa?.grants).toEqual(expect.arrayContaining(['implicit', 'password']));
    expect(observedValue(f.provisioning).directoryFederation?.[0]).toMatchObject({ connectionUrl: 'ldap://ldap.example.com:389', startTls: false, editMode: 'WRITABLE' });
    expect(observedValue(f.clientRegistration)).toMatchObject({ anonymousAllowed: true, restricted: false });
    expect(observedValue(f.authentication).mfaPolicy).toBe('optional');

    // Users: 3 pages of 100, 100, 50; the count is the total; links per identity provider.
    expect(dataset(s, 'users')).toMatchObject({ state: 'complete', records: 250, total: 250, pages: 3 });
    expect(s.mock.adminRequests('/users').filter((r) => r.path === '/users' && !r.query.has('idpAlias')).map((r) => r.query.get('first'))).toEqual(['0', '100', '200']);
    expect(s.snapshot.profiles?.size).toBe(250);
    expect(observedValue(f.userStats)).toEqual({
      total: 250,
      read: 250,
      enabled: 225,
      disabled: 25,
      emailVerified: 167,
      emailUnverified: 83,
      withFederatedIdentity: 4,
      withSeveralIdentities: 1,
    });
    const profiles = [...s.snapshot.profiles!];
    const two = profiles.find((p) => p.localId === userId(2));
    expect(two?.links).toEqual([
      { kind: 'federated-identity', via: 'google', value: '' },
      { kind: 'federated-identity', via: 'partner-saml', value: '' },
    ]);
    expect(two?.origin).toBe('federated');
    expect(profiles.find((p) => p.localId === userId(3))?.origin).toBe('local');
    expect(dataset(s, 'federated-identities')).toMatchObject({ state: 'complete', records: 5 });
    // Every page asked for the brief representation.
    expect(s.mock.adminRequests('/users').filter((r) => r.path === '/users').every((r) => r.query.get('briefRepresentation') === 'true')).toBe(true);
    expect(s.snapshot.coverage.missingPermissions).toEqual([]);
    expect(s.snapshot.coverage.datasets.every((d) => d.state === 'complete')).toBe(true);
  });

  it('a hardened realm shows its controls', async () => {
    const s = await scan({ fixtures: 'hardened', users: 3 });
    const f = s.facts;
    expect(s.snapshot.errors).toEqual([]);
    expect(observedValue(f.authentication)).toMatchObject({ mfaPolicy: 'always', webauthnUserVerification: 'required', adaptive: { stepUp: true } });
    expect(observedValue(f.registration)).toMatchObject({ botProtection: true, emailVerification: 'required', progressiveProfiling: { enabled: true } });
    expect(observedValue(f.clientRegistration).anonymousAllowed).toBe(false);
    expect(observedValue(f.monitoring).streams.map((x) => x.name)).toEqual(['siem-forwarder']);
    expect(observedValue(f.provisioning).lifecycleChannels?.map((x) => x.name)).toEqual(['siem-forwarder']);
    expect(observedValue(f.tokens).refreshRotation).toBe('rotating');
  });

  it('supports the legacy /auth context path', async () => {
    const s = await scan({ contextPath: '/auth', users: 1 }, { contextPath: '/auth' });
    expect(s.snapshot.errors).toEqual([]);
    expect(observedValue(s.facts.issuers)).toEqual([`${BASE}/auth/realms/${REALM}`]);
    expect(s.requests.every((r) => new URL(r.url).pathname.startsWith('/auth/'))).toBe(true);
  });
});

describe('keycloak collect: permissions', () => {
  it('checks the token roles first: a missing role is not requested and its section names it', async () => {
    const s = await scan({ users: 5, roles: ['view-realm', 'view-users', 'view-identity-providers'] });
    expect(s.mock.adminRequests('/clients')).toEqual([]);
    expect(s.mock.adminRequests('/events')).toEqual([]);
    expect(s.facts.clients).toMatchObject({ state: 'unknown', reason: { kind: 'no-permission', permission: 'view-clients' } });
    expect(s.snapshot.coverage.missingPermissions).toEqual(['view-clients', 'view-events']);
    expect(dataset(s, 'clients')).toMatchObject({ state: 'not-read' });
    // The realm representation carries the events settings too (view-realm): monitoring is still observed.
    expect(observedValue(s.facts.monitoring).userEvents.enabled).toBe(false);
    expect(observedValue(s.facts.passwordPolicy).minLength).toBe(6);
    expect(s.snapshot.profiles?.size).toBe(5);
  });

  it('query-users alone reads no user (it lists only users visible through fine-grained permissions)', async () => {
    const s = await scan({ users: 5, roles: ['view-realm', 'query-users'] });
    expect(s.mock.adminRequests('/users').filter((r) => r.path.startsWith('/users/count') || r.path === '/users')).toEqual([]);
    expect(s.facts.userStats).toMatchObject({ state: 'unknown', reason: { kind: 'no-permission', permission: 'view-users', detail: expect.stringContaining('query-users alone') as string } });
    expect(s.snapshot.coverage.missingPermissions).toContain('view-users');
  });

  it('manage-* roles and realm-admin allow the view reads', async () => {
    const s = await scan({ users: 2, roles: ['realm-admin'] });
    expect(s.snapshot.coverage.missingPermissions).toEqual([]);
    expect(s.facts.clients?.state).toBe('observed');
    const m = await scan({ users: 2, roles: ['manage-realm', 'manage-clients', 'manage-users', 'manage-identity-providers', 'manage-events'] });
    expect(m.snapshot.coverage.missingPermissions).toEqual([]);
  });

  it('a token without role claims: every read is tried, and a 403 names the role', async () => {
    const s = await scan({
      users: 2,
      roles: null,
      override: (req) => (req.path === '/keys' || req.path === '/events/config' ? [403, { error: 'HTTP 403 Forbidden' }] : undefined),
    });
    expect(s.facts.signingKeys).toMatchObject({ state: 'unknown', reason: { kind: 'no-permission', permission: 'view-realm' } });
    expect(s.snapshot.coverage.missingPermissions).toEqual(['view-events', 'view-realm']);
    expect(s.snapshot.errors).toEqual([]);
    expect(s.facts.clients?.state).toBe('observed');
  });

  it('a realm answered without view-realm (name only) is a missing permission, not an empty realm', async () => {
    const s = await scan({ users: 1, roles: null, override: (req) => (req.path === '' ? [200, { realm: REALM }] : undefined) });
    expect(s.facts.passwordPolicy).toMatchObject({ state: 'unknown', reason: { kind: 'no-permission', permission: 'view-realm' } });
    expect(s.facts.authentication?.state).toBe('unknown');
    expect(dataset(s, 'authentication-flows')).toMatchObject({ state: 'not-read' });
  });
});

describe('keycloak collect: failures stay local', () => {
  it('403 on one endpoint: that section is unknown, the others are read', async () => {
    const s = await scan({ users: 3, override: (req) => (req.path === '/users/profile' ? [403, {}] : undefined) });
    expect(s.facts.registration?.state).toBe('observed');
    const reg = observedValue(s.facts.registration);
    expect(reg.progressiveProfiling.enabled).toBe('unknown');
    expect(s.snapshot.coverage.missingPermissions).toEqual(['view-realm']);
    expect(s.snapshot.profiles?.size).toBe(3);
  });

  it('a Keycloak without the declarative user profile (404) has no scope-bound attributes, and that is no error', async () => {
    const s = await scan({ fixtures: 'hardened', users: 1, override: (req) => (req.path === '/users/profile' ? [404, { error: 'Not Found' }] : undefined) });
    expect(s.snapshot.errors).toEqual([]);
    expect(observedValue(s.facts.registration).progressiveProfiling.enabled).toBe(false);
  });

  it('a 401 mid-scan gets one fresh token and the scan continues', async () => {
    const s = await scan({ users: 250, override: (req) => (req.path === '/users' && req.query.get('first') === '100' && !req.query.has('idpAlias') && req.seen === 0 ? [401, {}] : undefined) });
    expect(s.mock.tokensIssued()).toBe(2);
    expect(s.snapshot.errors).toEqual([]);
    expect(dataset(s, 'users')).toMatchObject({ state: 'complete', records: 250 });
  });

  it('a second 401 is recorded and the users read so far are kept (partial)', async () => {
    const s = await scan({ users: 250, override: (req) => (req.path === '/users' && req.query.get('first') === '100' && !req.query.has('idpAlias') ? [401, {}] : undefined) });
    expect(s.snapshot.errors.map((e) => e.code)).toEqual(['AUTH_FAILED']);
    expect(dataset(s, 'users')).toMatchObject({ state: 'partial', records: 100, total: 250 });
    expect(s.snapshot.profiles?.size).toBe(100);
    expect(observedValue(s.facts.userStats)).toMatchObject({ total: 250, read: 100 });
  });

  it('429 is retried after Retry-After and counted as throttling', async () => {
    const s = await scan({ users: 2, override: (req) => (req.path === '/clients' && req.seen === 0 ? [429, { error: 'slow down' }, { 'retry-after': '0' }] : undefined) });
    expect(s.snapshot.errors).toEqual([]);
    expect(s.snapshot.coverage.throttled).toBeGreaterThanOrEqual(1);
    expect(s.facts.clients?.state).toBe('observed');
  });

  it('5xx: the section is unknown with a coded error, users still read', async () => {
    const s = await scan({ users: 4, override: (req) => (req.path === '/identity-provider/instances' ? [500, { error: 'unknown_error' }] : undefined) });
    expect(s.snapshot.errors.map((e) => e.code)).toEqual(['SERVER_ERROR']);
    expect(s.facts.identityProviders).toMatchObject({ state: 'unknown', reason: { kind: 'collection-error' } });
    expect(dataset(s, 'federated-identities')).toMatchObject({ state: 'not-read' });
    expect(s.snapshot.profiles?.size).toBe(4);
    // Without the link lookup, a user's origin is not claimed.
    expect([...s.snapshot.profiles!][0]?.origin).toBeUndefined();
    expect(observedValue(s.facts.userStats).withFederatedIdentity).toBeUndefined();
  });

  it('malformed JSON and an HTML page instead of JSON are coded errors, not crashes', async () => {
    const s = await scan({
      users: 2,
      override: (req) => {
        if (req.path === '/keys') return [200, '{"keys": [ {"kid": "a"'];
        if (req.path === '') return [200, '<!DOCTYPE html><html><body>Sign in</body></html>', { 'content-type': 'text/html' }];
        return undefined;
      },
    });
    expect(s.snapshot.errors.map((e) => e.code).sort()).toEqual(['INVALID_JSON', 'NOT_JSON']);
    expect(s.snapshot.errors.every((e) => !e.message.includes('\n'))).toBe(true);
    expect(s.facts.signingKeys?.state).toBe('unknown');
    expect(s.facts.passwordPolicy).toMatchObject({ state: 'unknown', reason: { kind: 'collection-error' } });
    expect(s.facts.clients?.state).toBe('observed');
  });

  it('a refused token request: one coded error, every section unknown, no admin request', async () => {
    const s = await scan({ users: 2, override: (req) => (req.path === 'token' ? [401, { error: 'invalid_client', error_description: 'Invalid client or Invalid client credentials' }] : undefined) });
    expect(s.snapshot.errors).toHaveLength(1);
    expect(s.snapshot.errors[0]?.code).toBe('AUTH_FAILED');
    expect(s.mock.adminRequests()).toEqual([]);
    expect(s.facts.clients?.state).toBe('unknown');
    expect(s.facts.userStats?.state).toBe('unknown');
    expect(s.snapshot.coverage.datasets.every((d) => d.state === 'not-read')).toBe(true);
  });

  it('a server that ignores idpAlias is detected: links are not guessed', async () => {
    const s = await scan({ users: 3, ignoresIdpAlias: true, linked: { google: [1] } });
    expect(s.snapshot.errors.map((e) => e.code)).toEqual(['UNSUPPORTED']);
    expect(dataset(s, 'federated-identities')).toMatchObject({ state: 'not-read' });
    expect([...s.snapshot.profiles!].every((p) => p.links.length === 0)).toBe(true);
    expect(s.mock.adminRequests('/users').filter((r) => r.query.get('idpAlias') === 'google')).toEqual([]);
  });
});

describe('keycloak collect: profile options', () => {
  it('profiles.read: false sends no user request at all', async () => {
    const s = await scan({ users: 50 }, { profiles: { read: false } });
    expect(s.mock.adminRequests('/users').filter((r) => r.path !== '/users/profile')).toEqual([]);
    expect(s.snapshot.profiles).toBeUndefined();
    expect(s.facts.userStats).toMatchObject({ state: 'unknown', reason: { kind: 'not-observed' } });
    expect(dataset(s, 'users')).toMatchObject({ state: 'not-applicable' });
    expect(s.facts.clients?.state).toBe('observed');
  });

  it('maxRecords stops paging and marks the dataset partial', async () => {
    const s = await scan({ users: 250 }, { profiles: { maxRecords: 150 } });
    expect(s.snapshot.profiles?.size).toBe(150);
    expect(dataset(s, 'users')).toMatchObject({ state: 'partial', records: 150, total: 250, reason: 'stopped at maxRecords 150' });
    expect(s.snapshot.errors).toEqual([]);
  });

  it('pageSize is bounded by the connector maximum', async () => {
    const s = await scan({ users: 30 }, { profiles: { pageSize: 5000 } });
    expect(s.mock.adminRequests('/users').find((r) => r.path === '/users' && !r.query.has('idpAlias'))?.query.get('max')).toBe('1000');
  });

  it('idpLinks per-user reads exact subjects, capped by perUserLinkLimit', async () => {
    const s = await scan({ users: 12, linked: { google: [1, 11] } }, { idpLinks: 'per-user', perUserLinkLimit: 10, profiles: { pageSize: 5 } });
    const fed = s.mock.adminRequests('/users/').filter((r) => r.path.endsWith('/federated-identity'));
    expect(fed).toHaveLength(10);
    const profiles = [...s.snapshot.profiles!];
    expect(profiles.find((p) => p.localId === userId(1))?.links).toEqual([{ kind: 'federated-identity', via: 'google', value: `sub-google-${userId(1)}` }]);
    // User 11 is beyond the cap: its link is not known, and not claimed.
    expect(profiles.find((p) => p.localId === userId(11))?.links).toEqual([]);
    expect(profiles.find((p) => p.localId === userId(11))?.origin).toBeUndefined();
    expect(dataset(s, 'federated-identities')).toMatchObject({ state: 'partial', reason: 'per-user link reading stopped at perUserLinkLimit 10' });
    expect(observedValue(s.facts.userStats).withFederatedIdentity).toBeUndefined();
    expect(JSON.stringify(profiles)).not.toContain('upstream.example.test');
  });

  it('idpLinks per-user: a failing link read stops link reading and names no user in the error', async () => {
    const s = await scan({ users: 4, linked: { google: [1] } }, { idpLinks: 'per-user', profiles: { pageSize: 2 } });
    expect(s.snapshot.errors).toEqual([]);
    const f = await scan({ users: 4, override: (req) => (req.path.endsWith('/federated-identity') ? [500, {}] : undefined) }, { idpLinks: 'per-user', profiles: { pageSize: 2 } });
    expect(f.snapshot.errors.map((e) => e.code)).toEqual(['SERVER_ERROR']);
    expect(f.snapshot.errors[0]?.endpoint).toBe(`${BASE}/admin/realms/${REALM}/users/{id}/federated-identity`);
    expect(JSON.stringify(f.snapshot.errors)).not.toContain('u-0000');
    expect(dataset(f, 'federated-identities')).toMatchObject({ state: 'not-read' });
    // The first page's two reads ran in parallel; nothing is asked after the failure.
    expect(f.mock.adminRequests().filter((r) => r.path.endsWith('/federated-identity'))).toHaveLength(2);
    expect(f.snapshot.profiles?.size).toBe(4);
  });

  it('idpLinks none reads no links', async () => {
    const s = await scan({ users: 3, linked: { google: [1] } }, { idpLinks: 'none' });
    expect(s.mock.adminRequests('/users').filter((r) => r.query.has('idpAlias') || r.path.endsWith('/federated-identity'))).toEqual([]);
    expect(dataset(s, 'federated-identities')).toMatchObject({ state: 'not-applicable' });
  });

  it('readUserAttributes asks for full representations', async () => {
    const s = await scan({ users: 2 }, { readUserAttributes: true });
    expect(s.mock.adminRequests('/users').filter((r) => r.path === '/users' && !r.query.has('idpAlias')).every((r) => r.query.get('briefRepresentation') === 'false')).toBe(true);
  });

  it('client-jwt: the token request carries a signed assertion and no secret', async () => {
    const { privateKey } = await generateKeyPair('RS256', { extractable: true });
    const pem = await exportPKCS8(privateKey);
    const bodies: string[] = [];
    const mock = mockKeycloak({ users: 1, onTokenRequest: (b) => bodies.push(b) });
    const t: KeycloakTargetConfig = { id: 'kc', type: 'keycloak', baseUrl: BASE, realm: REALM, clientId: 'ciamscan', privateKey: pem, kid: 'ciamscan-1' };
    const { ctx, requests } = testCollectContext(connector, t, { secrets: [pem] });
    const snapshot = await keycloakConnector.collect(t, ctx);
    expect(nonReadRequests(connector, requests)).toEqual([]);
    expect(snapshot.errors).toEqual([]);
    expect(mock.tokensIssued()).toBe(1);
    const form = new URLSearchParams(bodies[0]);
    expect(form.get('grant_type')).toBe('client_credentials');
    expect(form.get('client_assertion_type')).toBe('urn:ietf:params:oauth:client-assertion-type:jwt-bearer');
    expect(form.get('client_secret')).toBeNull();
    const assertion = form.get('client_assertion') ?? '';
    expect(decodeProtectedHeader(assertion)).toMatchObject({ alg: 'RS256', kid: 'ciamscan-1' });
    expect(decodeJwt(assertion)).toMatchObject({ iss: 'ciamscan', sub: 'ciamscan' });
  });

  it('every request names the scanner and only the POST is the token request', async () => {
    const s = await scan({ users: 1 });
    const posts = s.requests.filter((r) => r.method === 'POST');
    expect(posts).toHaveLength(1);
    expect(posts[0]).toMatchObject({ intent: 'token', url: `${BASE}/realms/${REALM}/protocol/openid-connect/token` });
    expect(ALL_ROLES.length).toBeGreaterThan(0);
  });
});
