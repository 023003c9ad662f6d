import { describe, expect, it } from 'vitest';
import { fakeTenant, fakeUsers, target, usersPage } from './fake-tenant.js';
import { paths, reason, scan, useNock, value } from './harness.js';

useNock();

const usersCoverage = (datasets: Array<{ name: string }>) => datasets.find((d) => d.name === 'users');

describe('auth0 users: paging', () => {
  it('pages to the end with the operator page size and streams every user into the store', async () => {
    fakeTenant({ users: fakeUsers(250) });
    const { snapshot, facts, test } = await scan(target({ profiles: { pageSize: 100 } }));
    const pages = test.requests.filter((r) => r.url.includes('/api/v2/users')).map((r) => new URL(r.url).searchParams);
    expect(pages.map((p) => [p.get('page'), p.get('per_page')])).toEqual([
      ['0', '100'],
      ['1', '100'],
      ['2', '100'],
    ]);
    expect(pages[0]?.get('fields')).toBe('user_id,email,email_verified,phone_number,given_name,family_name,name,identities,blocked,created_at,updated_at,last_login');
    expect(pages[0]?.get('include_fields')).toBe('true');
    expect(pages[0]?.get('include_totals')).toBe('true');
    expect(snapshot.profiles?.size).toBe(250);
    expect(usersCoverage(snapshot.coverage.datasets)).toEqual({ name: 'users', state: 'complete', records: 250, total: 250, pages: 3 });
    expect(value(facts.userStats)).toEqual({ total: 250, read: 250, enabled: 245, disabled: 5, emailVerified: 200, emailUnverified: 50, withFederatedIdentity: 25, withSeveralIdentities: 25 });
  });

  it('the vendor maximum bounds the page size', async () => {
    fakeTenant({ users: fakeUsers(30) });
    const { test } = await scan(target({ profiles: { pageSize: 5000 } }));
    const users = test.requests.find((r) => r.url.includes('/api/v2/users'));
    expect(new URL(users!.url).searchParams.get('per_page')).toBe('100');
  });

  it('maps users to profiles: links, origin, status, no email posing as a name', async () => {
    fakeTenant();
    const { snapshot } = await scan(target());
    const store = snapshot.profiles!;
    const profiles = [...store];
    const ada = profiles.find((p) => p.localId === 'auth0|65f0a0000000000000000001');
    expect(ada).toMatchObject({
      emails: [{ address: 'ada.lovelace@example.com', verified: true, primary: true }],
      names: { given: 'Ada', family: 'Lovelace', full: 'Ada Lovelace' },
      links: [{ kind: 'federated-identity', via: 'google-oauth2', value: 'google-oauth2|100000000000000000001' }],
      origin: 'local',
      status: 'active',
      filledAttributes: 4,
    });
    expect(profiles.find((p) => p.localId.startsWith('google-oauth2|'))?.origin).toBe('federated');
    const blocked = profiles.find((p) => p.localId === 'auth0|65f0a0000000000000000003');
    expect(blocked).toMatchObject({ status: 'disabled', names: {}, filledAttributes: 1 });
    expect(profiles.find((p) => p.localId.startsWith('sms|'))).toMatchObject({ phones: ['+15550100004'], emails: [], origin: 'local', names: {} });
  });

  it('profiles.read: false sends no user request at all', async () => {
    fakeTenant();
    const { snapshot, facts, test } = await scan(target({ profiles: { read: false } }));
    expect(paths(test).filter((p) => p.includes('/users') || p.includes('/jobs'))).toEqual([]);
    expect(usersCoverage(snapshot.coverage.datasets)).toMatchObject({ state: 'not-applicable' });
    expect(reason(facts.userStats)).toMatchObject({ kind: 'not-observed' });
    expect(snapshot.profiles).toBeUndefined();
  });

  it('maxRecords stops paging and marks the dataset partial', async () => {
    fakeTenant({ users: fakeUsers(250) });
    const { snapshot, facts, test } = await scan(target({ profiles: { pageSize: 50, maxRecords: 120 } }));
    expect(snapshot.profiles?.size).toBe(120);
    expect(test.requests.filter((r) => r.url.includes('/api/v2/users'))).toHaveLength(3);
    expect(usersCoverage(snapshot.coverage.datasets)).toMatchObject({ state: 'partial', reason: 'stopped at maxRecords 120' });
    expect(value(facts.userStats)).toMatchObject({ total: 250, read: 120 });
  });

  it('a 403 on users: unknown naming read:users, the configuration is still read', async () => {
    fakeTenant({ scopes: null, routes: { 'GET /api/v2/users': () => [403, { statusCode: 403, error: 'Forbidden', message: 'Insufficient scope, expected any of: read:users' }] } });
    const { snapshot, facts } = await scan(target());
    expect(reason(facts.userStats)).toMatchObject({ kind: 'no-permission', permission: 'read:users' });
    expect(snapshot.coverage.missingPermissions).toEqual(['read:users']);
    expect(usersCoverage(snapshot.coverage.datasets)).toMatchObject({ state: 'not-read' });
    expect(snapshot.errors).toEqual([]);
    expect(value(facts.clients)).toHaveLength(3);
  });
});

describe('auth0 users: a 401 in the middle of the scan', () => {
  const users = fakeUsers(250);

  it('gets one fresh token and goes on', async () => {
    const fake = fakeTenant({
      users,
      routes: {
        'GET /api/v2/users': ({ url, authorization }) => {
          // The first token "expires" after the first page.
          const first = authorization?.split('.')[1] && JSON.parse(Buffer.from(authorization.split('.')[1]!, 'base64url').toString()).n === 1;
          if (url.searchParams.get('page') !== '0' && first) return [401, { statusCode: 401, error: 'Unauthorized', message: 'Expired token' }];
          return [200, usersPage(url, users)];
        },
      },
    });
    const { snapshot } = await scan(target({ profiles: { pageSize: 100 } }));
    expect(fake.hits('POST /oauth/token')).toBe(2);
    expect(snapshot.profiles?.size).toBe(250);
    expect(usersCoverage(snapshot.coverage.datasets)).toMatchObject({ state: 'complete' });
    expect(snapshot.errors).toEqual([]);
  });

  it('a second 401 after the refresh: the error is recorded and the read is partial', async () => {
    const fake = fakeTenant({
      users,
      routes: {
        'GET /api/v2/users': ({ url }) => (url.searchParams.get('page') === '1' ? [401, { statusCode: 401, error: 'Unauthorized', message: 'Invalid token' }] : [200, usersPage(url, users)]),
      },
    });
    const { snapshot, facts } = await scan(target({ profiles: { pageSize: 100 } }));
    expect(fake.hits('POST /oauth/token')).toBe(2);
    expect(snapshot.errors).toEqual([expect.objectContaining({ code: 'AUTH_FAILED', status: 401 })]);
    expect(usersCoverage(snapshot.coverage.datasets)).toMatchObject({ state: 'partial', records: 100, total: 250 });
    expect(value(facts.userStats)).toMatchObject({ read: 100, total: 250 });
  });
});
