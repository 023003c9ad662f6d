import nock from 'nock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { oktaConnector } from '../../../connectors/okta/index.js';
import { READ_ONLY_ADMIN } from '../../../connectors/okta/permissions.js';
import type { SystemSnapshot } from '../../../src/model/snapshot.js';
import { HARDENED, TOKEN, WEAK, config, context, expectReadOnly, fixture, isolate, mockOrg, orgFixture, resetNock } from './helpers.js';

beforeEach(isolate);
afterEach(resetNock);

const PAGES = [fixture<unknown[]>('okta/users-page-1.json'), fixture<unknown[]>('okta/users-page-2.json'), fixture<unknown[]>('real-world/api/okta/users-search.json')];
const errors = fixture<Record<string, unknown>>('okta/errors.json');

function dataset(snapshot: SystemSnapshot, name: string) {
  return snapshot.coverage.datasets.find((d) => d.name === name);
}

describe('okta collect: a whole org', () => {
  it('weak org: every section read, users paged to the end over three pages, weaknesses in the facts, reads only', async () => {
    mockOrg(WEAK, orgFixture('org-weak.json'), { users: PAGES });
    const target = config(WEAK);
    const { ctx, requests } = context(target);
    const snapshot = await oktaConnector.collect(target, ctx);

    expect(snapshot.errors).toEqual([]);
    expect(snapshot.kind).toBe('identity-store');
    expect(snapshot.product).toBe('okta');
    expect(snapshot.coverage.missingPermissions).toEqual([]);
    expect(snapshot.coverage.datasets.every((d) => d.state === 'complete')).toBe(true);
    expect(dataset(snapshot, 'users')).toEqual({ name: 'users', state: 'complete', records: 8, total: 8, pages: 3 });
    expect(snapshot.profiles?.size).toBe(8);
    expect(snapshot.profiles?.get(0)).toMatchObject({ targetId: 'okta-org', localId: '00uokta0001', status: 'active' });
    const facts = snapshot.facts.identityStore;
    expect(facts?.userStats).toEqual({ state: 'observed', value: expect.objectContaining({ total: 8, read: 8, disabled: 2, withFederatedIdentity: 2 }) });
    expect(facts?.passwordPolicy).toMatchObject({ state: 'observed', value: { minLength: 6, blocklist: false } });
    expect(facts?.bruteForce).toMatchObject({ state: 'observed', value: { accountLockout: false, ipThrottling: false } });
    expect(facts?.authentication).toMatchObject({ state: 'observed', value: { mfaPolicy: 'optional' } });
    expect(facts?.identityProviders).toMatchObject({ state: 'observed', value: [{ linking: { mode: 'automatic' } }] });
    expect(facts?.monitoring).toMatchObject({ state: 'observed', value: { streams: [] } });
    expect(facts?.registration).toMatchObject({ state: 'observed', value: { selfService: true, emailVerification: 'optional' } });
    // API tokens are sent as SSWS and never leak into the snapshot.
    expect(JSON.stringify(snapshot.facts) + JSON.stringify(snapshot.coverage)).not.toContain(TOKEN);
    expect(JSON.stringify(snapshot.facts)).not.toMatch(/invented-client-secret|invented-hook-secret/);
    expect(requests.filter((r) => r.url.includes('/api/v1/users'))).toHaveLength(3);
    expectReadOnly(requests);
  });

  it('hardened org: the strengths show in the facts and secrets of hooks are dropped', async () => {
    mockOrg(HARDENED, orgFixture('org-hardened.json'), { users: [PAGES[0] ?? []] });
    const target = config(HARDENED);
    const { ctx, requests } = context(target);
    const snapshot = await oktaConnector.collect(target, ctx);
    expect(snapshot.errors).toEqual([]);
    const facts = snapshot.facts.identityStore;
    expect(facts?.authentication).toMatchObject({ value: { mfaPolicy: 'always', adaptive: { riskBased: true } } });
    expect(facts?.provisioning).toMatchObject({ value: { lifecycleChannels: [{ active: true, verified: true }] } });
    expect(JSON.stringify(snapshot.facts)).not.toMatch(/invented-hook-secret|invented-header-secret|invented-client-secret/);
    // Rules of the inactive authorization server are not read.
    expect(requests.some((r) => r.url.includes('aushardretired1'))).toBe(false);
    expectReadOnly(requests);
  });

  it('API token without the policies role: a 403 on /api/v1/policies makes those sections unknown, the others are read', async () => {
    const org = orgFixture('org-weak.json');
    const denied = Object.fromEntries(Object.keys(org).filter((k) => k.startsWith('/api/v1/policies')).map((k) => [k, { status: 403, body: errors.E0000006 }]));
    mockOrg(WEAK, org, { override: denied, users: [PAGES[0] ?? []] });
    const target = config(WEAK);
    const { ctx, requests } = context(target);
    const snapshot = await oktaConnector.collect(target, ctx);
    const facts = snapshot.facts.identityStore;
    for (const section of ['passwordPolicy', 'bruteForce', 'sessions', 'registration'] as const) {
      expect(facts?.[section], section).toMatchObject({ state: 'unknown', reason: { kind: 'no-permission', permission: READ_ONLY_ADMIN } });
    }
    expect(facts?.authentication).toMatchObject({ state: 'observed', value: { mfaPolicy: 'unknown' } });
    expect(facts?.clients?.state).toBe('observed');
    expect(facts?.identityProviders?.state).toBe('observed');
    expect(snapshot.coverage.missingPermissions).toEqual([READ_ONLY_ADMIN]);
    expect(dataset(snapshot, 'policies PASSWORD')).toMatchObject({ state: 'not-read', reason: expect.stringContaining('403') });
    expect(snapshot.errors).toEqual([]);
    expect(snapshot.profiles?.size).toBe(3);
    expectReadOnly(requests);
  });

  it('a Classic Engine org answers 400 for ACCESS_POLICY and PROFILE_ENROLLMENT: not applicable, not an error', async () => {
    const badType = { status: 400, body: { errorCode: 'E0000001', errorSummary: 'Api validation failed: type' } };
    mockOrg(WEAK, orgFixture('org-weak.json'), { override: { '/api/v1/policies?type=ACCESS_POLICY': badType, '/api/v1/policies?type=PROFILE_ENROLLMENT': badType } });
    const target = config(WEAK);
    const { ctx } = context(target);
    const snapshot = await oktaConnector.collect(target, ctx);
    expect(snapshot.errors).toEqual([]);
    expect(dataset(snapshot, 'policies ACCESS_POLICY')).toMatchObject({ state: 'not-applicable' });
    expect(snapshot.facts.identityStore?.registration).toMatchObject({ state: 'unknown', reason: { kind: 'precondition' } });
  });
});

describe('okta collect: failures keep the rest', () => {
  it('5xx on apps and HTML on authenticators and truncated JSON on IdPs: coded errors, no crash, other sections read', async () => {
    mockOrg(WEAK, orgFixture('org-weak.json'), {
      override: {
        '/api/v1/apps': { status: 500, body: { errorCode: 'E0000009', errorSummary: 'Internal Server Error' } },
        '/api/v1/authenticators': { status: 200, body: '<html><body>Sign in</body></html>', headers: { 'Content-Type': 'text/html' } },
        '/api/v1/idps': { status: 200, body: '[{"id":"0oa1","name":', headers: { 'Content-Type': 'application/json' } },
      },
    });
    const target = config(WEAK);
    const { ctx, requests } = context(target);
    const snapshot = await oktaConnector.collect(target, ctx);
    expect(snapshot.errors.map((e) => e.code).sort()).toEqual(['INVALID_JSON', 'NOT_JSON', 'SERVER_ERROR']);
    for (const e of snapshot.errors) expect(e.message).not.toContain('\n');
    const facts = snapshot.facts.identityStore;
    expect(facts?.clients).toMatchObject({ state: 'unknown', reason: { kind: 'collection-error' } });
    expect(facts?.authentication).toMatchObject({ state: 'unknown', reason: { kind: 'collection-error' } });
    expect(facts?.identityProviders).toMatchObject({ state: 'unknown', reason: { kind: 'collection-error' } });
    expect(facts?.passwordPolicy?.state).toBe('observed');
    expect(dataset(snapshot, 'apps')?.state).toBe('not-read');
    expectReadOnly(requests);
  });

  it('429 with X-Rate-Limit-Reset on a users page is waited out and retried; the read completes', async () => {
    mockOrg(WEAK, orgFixture('org-weak.json'), { users: false });
    const reset = String(Math.ceil(Date.now() / 1000) + 1);
    nock(WEAK)
      .get('/api/v1/users')
      .query(true)
      .reply(429, errors.E0000047 as nock.Body, { 'X-Rate-Limit-Limit': '600', 'X-Rate-Limit-Remaining': '0', 'X-Rate-Limit-Reset': reset })
      .get('/api/v1/users')
      .query(true)
      .reply(200, PAGES[0] as nock.Body, { 'X-Rate-Limit-Limit': '600', 'X-Rate-Limit-Remaining': '599', 'X-Rate-Limit-Reset': reset });
    const target = config(WEAK);
    const { ctx, requests } = context(target, { maxRetryWaitMs: 5000 });
    const snapshot = await oktaConnector.collect(target, ctx);
    expect(snapshot.errors).toEqual([]);
    expect(snapshot.coverage.throttled).toBeGreaterThanOrEqual(1);
    expect(snapshot.coverage.retries).toBeGreaterThanOrEqual(1);
    expect(dataset(snapshot, 'users')).toMatchObject({ state: 'complete', records: 3 });
    expectReadOnly(requests);
  });

  it('X-Rate-Limit-Remaining below the reserve pauses the target until the reset', async () => {
    const reset = String(Math.ceil(Date.now() / 1000) + 1);
    mockOrg(WEAK, orgFixture('org-weak.json'), { users: PAGES, headers: { 'X-Rate-Limit-Limit': '100', 'X-Rate-Limit-Remaining': '10', 'X-Rate-Limit-Reset': reset } });
    const target = config(WEAK);
    const { ctx } = context(target);
    const snapshot = await oktaConnector.collect(target, ctx);
    expect(snapshot.errors).toEqual([]);
    expect(ctx.governor.stats().pauses).toBeGreaterThanOrEqual(1);
    expect(snapshot.coverage.quotas).toMatchObject({ 'okta /api/v1/users lowest remaining': 10, 'okta /api/v1/users limit': 100, 'okta reserve pauses': expect.any(Number) });
    expect(dataset(snapshot, 'users')?.state).toBe('complete');
  });

  it('a Link loop stops the paging with an error; the pages read are kept (partial)', async () => {
    mockOrg(WEAK, orgFixture('org-weak.json'), { users: false });
    nock(WEAK)
      .get('/api/v1/users')
      .query({ limit: '200' })
      .reply(200, PAGES[0] as nock.Body, { Link: `<${WEAK}/api/v1/users?after=c1&limit=200>; rel="next"` })
      .get('/api/v1/users')
      .query({ after: 'c1', limit: '200' })
      .reply(200, PAGES[1] as nock.Body, { Link: `<${WEAK}/api/v1/users?limit=200>; rel="next"` });
    const target = config(WEAK);
    const { ctx } = context(target);
    const snapshot = await oktaConnector.collect(target, ctx);
    expect(snapshot.errors).toEqual([expect.objectContaining({ code: 'UNEXPECTED_SHAPE', message: expect.stringContaining('Link loop') })]);
    expect(dataset(snapshot, 'users')).toMatchObject({ state: 'partial', records: 5, pages: 2 });
    expect(snapshot.profiles?.size).toBe(5);
  });

  it('a next link to another origin is not followed', async () => {
    mockOrg(WEAK, orgFixture('org-weak.json'), { users: false });
    nock(WEAK).get('/api/v1/users').query(true).reply(200, PAGES[0] as nock.Body, { Link: '<https://evil.example.com/api/v1/users?after=x>; rel="next"' });
    const target = config(WEAK);
    const { ctx, requests } = context(target);
    const snapshot = await oktaConnector.collect(target, ctx);
    expect(snapshot.errors).toEqual([expect.objectContaining({ code: 'HOST_NOT_ALLOWED' })]);
    expect(dataset(snapshot, 'users')).toMatchObject({ state: 'partial', records: 3 });
    expect(requests.some((r) => r.url.includes('evil.example.com'))).toBe(false);
  });
});

describe('okta collect: profile options', () => {
  it('profiles.read false: not a single user request, the dataset is not applicable, no user stats', async () => {
    mockOrg(WEAK, orgFixture('org-weak.json'), { users: PAGES });
    const target = config(WEAK, { profiles: { read: false } });
    const { ctx, requests } = context(target);
    const snapshot = await oktaConnector.collect(target, ctx);
    expect(requests.some((r) => new URL(r.url).pathname.startsWith('/api/v1/users'))).toBe(false);
    expect(dataset(snapshot, 'users')).toMatchObject({ state: 'not-applicable' });
    expect(snapshot.profiles).toBeUndefined();
    expect(snapshot.facts.identityStore?.userStats).toBeUndefined();
    expect(snapshot.errors).toEqual([]);
  });

  it('maxRecords stops the paging; the dataset says why', async () => {
    mockOrg(WEAK, orgFixture('org-weak.json'), { users: PAGES });
    const target = config(WEAK, { profiles: { maxRecords: 4 } });
    const { ctx, requests } = context(target);
    const snapshot = await oktaConnector.collect(target, ctx);
    expect(snapshot.profiles?.size).toBe(4);
    expect(dataset(snapshot, 'users')).toMatchObject({ state: 'partial', records: 4, reason: 'stopped at maxRecords 4' });
    expect(requests.filter((r) => r.url.includes('/api/v1/users'))).toHaveLength(2);
  });

  it('pageSize is bounded by Okta\'s 200', async () => {
    mockOrg(WEAK, orgFixture('org-weak.json'), { users: [PAGES[0] ?? []] });
    const target = config(WEAK, { profiles: { pageSize: 5000 } });
    const { ctx, requests } = context(target);
    await oktaConnector.collect(target, ctx);
    expect(requests.find((r) => r.url.includes('/api/v1/users'))?.url).toContain('limit=200');
  });

  it('linkedIdps (opt-in) reads /users/{id}/idps for at most maxUsers users', async () => {
    const scope = mockOrg(WEAK, orgFixture('org-weak.json'), { users: PAGES });
    scope.get(/\/api\/v1\/users\/[^/]+\/idps/).reply(200, fixture<nock.Body>('okta/user-idps.json'));
    const target = config(WEAK, { linkedIdps: { maxUsers: 2 } });
    const { ctx, requests } = context(target);
    const snapshot = await oktaConnector.collect(target, ctx);
    expect(requests.filter((r) => r.url.endsWith('/idps'))).toHaveLength(2);
    expect(snapshot.profiles?.get(0).links).toEqual([{ kind: 'federated-identity', via: 'Google', value: '' }]);
    expect(dataset(snapshot, 'user-idp-links')).toMatchObject({ state: 'partial', records: 2, total: 8 });
  });
});

describe('okta collect: a rejected credential', () => {
  it('an invalid API token (401 everywhere): one AUTH_FAILED error, every section unknown, no permission blamed', async () => {
    const org = orgFixture('org-weak.json');
    const rejected = Object.fromEntries(Object.keys(org).map((k) => [k, { status: 401, body: errors.E0000011 }]));
    mockOrg(WEAK, org, { override: rejected, users: false });
    nock(WEAK).get('/api/v1/users').query(true).reply(401, errors.E0000011 as nock.Body);
    const target = config(WEAK);
    const { ctx, requests } = context(target);
    const snapshot = await oktaConnector.collect(target, ctx);
    expect(snapshot.errors).toEqual([expect.objectContaining({ code: 'AUTH_FAILED', remediation: expect.stringContaining('rejected') })]);
    expect(snapshot.errors[0]?.message).not.toContain(TOKEN);
    expect(snapshot.coverage.missingPermissions).toEqual([]);
    expect(snapshot.facts.identityStore?.clients).toMatchObject({ state: 'unknown', reason: { kind: 'collection-error' } });
    expect(snapshot.facts.identityStore?.userStats).toMatchObject({ state: 'unknown' });
    expectReadOnly(requests);
  });
});
