import nock from 'nock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dataset, paths, printable, runScim, scimRuleOutcomes, scimTarget, TOKEN } from './helpers.js';
import { BASE, ORIGIN, countOnly, discovery, fixture, groupCount, indexPages, scope, SCIM_JSON, userCount, usersPage, usersQuery } from './nock-helpers.js';

/** Edge cases a real server does not produce, through the real HTTP client with nock. */
beforeEach(() => {
  nock.disableNetConnect();
});

afterEach(() => {
  const pending = nock.pendingMocks();
  nock.cleanAll();
  nock.enableNetConnect();
  expect(pending).toEqual([]);
});

const target = (extra = {}) => scimTarget(BASE, { maxCount: 2, ...extra });

describe('paging guards', () => {
  it('pages to the end over several pages', async () => {
    const s = discovery(scope());
    userCount(s, 5);
    indexPages(s, 5, 2);
    groupCount(s, 1);
    const { snapshot } = await runScim(target());
    expect(snapshot.errors).toEqual([]);
    expect(dataset(snapshot, 'users')).toEqual({ name: 'users', state: 'complete', records: 5, total: 5, pages: 3 });
    expect([...snapshot.profiles!].map((p) => p.localId)).toEqual(['id-1', 'id-2', 'id-3', 'id-4', 'id-5']);
  });

  it('a server that ignores startIndex (echoes 1): UNEXPECTED_SHAPE, the first page kept, partial', async () => {
    const s = discovery(scope());
    userCount(s, 6);
    s.get('/scim/v2/Users').query(usersQuery({ startIndex: '1' })).reply(200, usersPage(1, 2, 6), SCIM_JSON);
    s.get('/scim/v2/Users').query(usersQuery({ startIndex: '3' })).reply(200, usersPage(1, 2, 6), SCIM_JSON);
    groupCount(s, 0);
    const { snapshot } = await runScim(target());
    expect(snapshot.errors.map((e) => e.code)).toEqual(['UNEXPECTED_SHAPE']);
    expect(snapshot.errors[0]!.message).toContain('ignores startIndex');
    expect(dataset(snapshot, 'users')).toMatchObject({ state: 'partial', records: 2, total: 6, pages: 1 });
    expect(snapshot.profiles!.size).toBe(2);
  });

  it('tolerates a provider that echoes startIndex 0-based but pages correctly', async () => {
    const s = discovery(scope());
    userCount(s, 3);
    s.get('/scim/v2/Users').query(usersQuery({ startIndex: '1' })).reply(200, { ...usersPage(1, 2, 3), startIndex: 0 }, SCIM_JSON);
    s.get('/scim/v2/Users').query(usersQuery({ startIndex: '3' })).reply(200, { ...usersPage(3, 1, 3), startIndex: 2 }, SCIM_JSON);
    groupCount(s, 0);
    const { snapshot } = await runScim(target());
    expect(snapshot.errors).toEqual([]);
    expect(dataset(snapshot, 'users')).toMatchObject({ state: 'complete', records: 3 });
  });

  it('a server that returns the same page again (with the startIndex asked for): UNEXPECTED_SHAPE', async () => {
    const s = discovery(scope());
    userCount(s, 6);
    s.get('/scim/v2/Users').query(usersQuery({ startIndex: '1' })).reply(200, usersPage(1, 2, 6), SCIM_JSON);
    s.get('/scim/v2/Users').query(usersQuery({ startIndex: '3' })).reply(200, { ...usersPage(1, 2, 6), startIndex: 3 }, SCIM_JSON);
    groupCount(s, 0);
    const { snapshot } = await runScim(target());
    expect(snapshot.errors[0]).toMatchObject({ code: 'UNEXPECTED_SHAPE', message: expect.stringContaining('repeats the previous page') });
    expect(dataset(snapshot, 'users')).toMatchObject({ state: 'partial', records: 2 });
  });

  it('totalResults shrinking mid-scan: UNEXPECTED_SHAPE, partial', async () => {
    const s = discovery(scope());
    userCount(s, 6);
    s.get('/scim/v2/Users').query(usersQuery({ startIndex: '1' })).reply(200, usersPage(1, 2, 6), SCIM_JSON);
    s.get('/scim/v2/Users').query(usersQuery({ startIndex: '3' })).reply(200, usersPage(3, 2, 4), SCIM_JSON);
    groupCount(s, 0);
    const { snapshot } = await runScim(target());
    expect(snapshot.errors[0]).toMatchObject({ code: 'UNEXPECTED_SHAPE', message: expect.stringContaining('totalResults changed from 6 to 4') });
    expect(dataset(snapshot, 'users')).toMatchObject({ state: 'partial', records: 2, total: 6 });
  });

  it('an empty page before the total is reached (count ignored): UNEXPECTED_SHAPE', async () => {
    const s = discovery(scope());
    userCount(s, 6);
    s.get('/scim/v2/Users').query(usersQuery({ startIndex: '1' })).reply(200, usersPage(1, 2, 6), SCIM_JSON);
    s.get('/scim/v2/Users').query(usersQuery({ startIndex: '3' })).reply(200, { ...usersPage(3, 0, 6), itemsPerPage: 0 }, SCIM_JSON);
    groupCount(s, 0);
    const { snapshot } = await runScim(target());
    expect(snapshot.errors[0]).toMatchObject({ code: 'UNEXPECTED_SHAPE', message: expect.stringContaining('empty page at startIndex 3') });
  });

  it('a ListResponse without totalResults: UNEXPECTED_SHAPE', async () => {
    const s = discovery(scope());
    userCount(s, 6);
    const page = usersPage(1, 2, 6);
    delete page.totalResults;
    s.get('/scim/v2/Users').query(usersQuery({ startIndex: '1' })).reply(200, page, SCIM_JSON);
    groupCount(s, 0);
    const { snapshot } = await runScim(target());
    expect(snapshot.errors[0]).toMatchObject({ code: 'UNEXPECTED_SHAPE', message: expect.stringContaining('no totalResults') });
    expect(dataset(snapshot, 'users')).toMatchObject({ state: 'not-read' });
  });
});

describe('cursor paging (RFC 9865)', () => {
  it('follows nextCursor when the provider advertises cursors', async () => {
    const s = discovery(scope(), fixture('spc-cursor'));
    userCount(s, 5);
    s.get('/scim/v2/Users').query(usersQuery({ cursor: '' })).reply(200, usersPage(1, 2, 5, { nextCursor: 'VZUTiy' }), SCIM_JSON);
    s.get('/scim/v2/Users').query(usersQuery({ cursor: 'VZUTiy' })).reply(200, usersPage(3, 2, 5, { nextCursor: 'YkU3OF' }), SCIM_JSON);
    s.get('/scim/v2/Users').query(usersQuery({ cursor: 'YkU3OF' })).reply(200, usersPage(5, 1, 5), SCIM_JSON);
    groupCount(s, 0);
    const { snapshot, requests } = await runScim(target());
    expect(snapshot.errors).toEqual([]);
    expect(dataset(snapshot, 'users')).toEqual({ name: 'users', state: 'complete', records: 5, total: 5, pages: 3 });
    expect(paths(requests).filter((p) => p.includes('cursor='))).toHaveLength(3);
    expect(paths(requests).some((p) => p.includes('startIndex='))).toBe(false);
  });

  it('a cursor that comes back again stops paging (UNEXPECTED_SHAPE)', async () => {
    const s = discovery(scope(), fixture('spc-cursor'));
    userCount(s, 9);
    s.get('/scim/v2/Users').query(usersQuery({ cursor: '' })).reply(200, usersPage(1, 2, 9, { nextCursor: 'c1' }), SCIM_JSON);
    s.get('/scim/v2/Users').query(usersQuery({ cursor: 'c1' })).reply(200, usersPage(3, 2, 9, { nextCursor: 'c1' }), SCIM_JSON);
    groupCount(s, 0);
    const { snapshot } = await runScim(target());
    expect(snapshot.errors[0]).toMatchObject({ code: 'UNEXPECTED_SHAPE', message: expect.stringContaining('nextCursor repeats') });
    expect(dataset(snapshot, 'users')).toMatchObject({ state: 'partial', records: 4 });
  });

  it('an expired cursor: the SCIM error scimType is in the coded error', async () => {
    const s = discovery(scope(), fixture('spc-cursor'));
    userCount(s, 5);
    s.get('/scim/v2/Users').query(usersQuery({ cursor: '' })).reply(200, usersPage(1, 2, 5, { nextCursor: 'c1' }), SCIM_JSON);
    s.get('/scim/v2/Users')
      .query(usersQuery({ cursor: 'c1' }))
      .reply(400, { schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: '400', scimType: 'expiredCursor', detail: 'The cursor has expired' }, SCIM_JSON);
    groupCount(s, 0);
    const { snapshot } = await runScim(target());
    expect(snapshot.errors[0]).toMatchObject({ code: 'HTTP_STATUS', status: 400, cause: 'expiredCursor', message: expect.stringContaining('scimType expiredCursor: The cursor has expired') });
    expect(dataset(snapshot, 'users')).toMatchObject({ state: 'partial', records: 2 });
  });
});

describe('throttling and failures', () => {
  it('429 with Retry-After: waited, retried, counted as throttled', async () => {
    const s = discovery(scope());
    userCount(s, 4);
    s.get('/scim/v2/Users').query(usersQuery({ startIndex: '1' })).reply(429, 'slow down', { 'Retry-After': '1' });
    indexPages(s, 4, 2);
    groupCount(s, 0);
    const { snapshot } = await runScim(target());
    expect(snapshot.errors).toEqual([]);
    expect(snapshot.coverage.throttled).toBeGreaterThanOrEqual(1);
    expect(snapshot.coverage.retries).toBeGreaterThanOrEqual(1);
    expect(dataset(snapshot, 'users')).toMatchObject({ state: 'complete', records: 4 });
  });

  it('429 with a vendor reset header (X-Rate-Limit-Reset, epoch seconds): waited and retried', async () => {
    const s = discovery(scope());
    userCount(s, 2);
    const reset = String(Math.ceil(Date.now() / 1000) + 1);
    s.get('/scim/v2/Users').query(usersQuery({ startIndex: '1' })).reply(429, { schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: '429' }, { 'X-Rate-Limit-Remaining': '0', 'X-Rate-Limit-Reset': reset });
    indexPages(s, 2, 2);
    groupCount(s, 0);
    const { snapshot } = await runScim(target());
    expect(snapshot.coverage.throttled).toBeGreaterThanOrEqual(1);
    expect(dataset(snapshot, 'users')).toMatchObject({ state: 'complete', records: 2 });
  });

  it('a 503 is retried; a persistent 500 mid-scan keeps the pages read (SERVER_ERROR, partial)', async () => {
    const s = discovery(scope());
    userCount(s, 6);
    s.get('/scim/v2/Users').query(usersQuery({ startIndex: '1' })).reply(503, 'unavailable');
    s.get('/scim/v2/Users').query(usersQuery({ startIndex: '1' })).reply(200, usersPage(1, 2, 6), SCIM_JSON);
    s.get('/scim/v2/Users').query(usersQuery({ startIndex: '3' })).reply(500, { schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: '500', detail: 'internal' }, SCIM_JSON);
    groupCount(s, 0);
    const { snapshot } = await runScim(target());
    expect(snapshot.errors.map((e) => e.code)).toEqual(['SERVER_ERROR']);
    expect(snapshot.errors[0]!.message).toContain('SCIM error without scimType: internal');
    expect(dataset(snapshot, 'users')).toMatchObject({ state: 'partial', records: 2, total: 6 });
    expect(snapshot.profiles!.size).toBe(2);
  });

  it('HTML instead of JSON on a users page: NOT_JSON, no crash', async () => {
    const s = discovery(scope());
    userCount(s, 4);
    s.get('/scim/v2/Users').query(usersQuery({ startIndex: '1' })).reply(200, '<!doctype html><html><body>Sign in</body></html>', { 'Content-Type': 'text/html' });
    groupCount(s, 0);
    const { snapshot, facts } = await runScim(target());
    expect(snapshot.errors[0]).toMatchObject({ code: 'NOT_JSON' });
    expect(dataset(snapshot, 'users')).toMatchObject({ state: 'not-read' });
    expect(facts.userStats).toMatchObject({ state: 'observed', value: { total: 4, read: 0 } });
  });

  it('a truncated users page: INVALID_JSON, the earlier pages kept', async () => {
    const s = discovery(scope());
    userCount(s, 4);
    s.get('/scim/v2/Users').query(usersQuery({ startIndex: '1' })).reply(200, usersPage(1, 2, 4), SCIM_JSON);
    s.get('/scim/v2/Users').query(usersQuery({ startIndex: '3' })).reply(200, JSON.stringify(usersPage(3, 2, 4)).slice(0, 120), SCIM_JSON);
    groupCount(s, 0);
    const { snapshot } = await runScim(target());
    expect(snapshot.errors[0]).toMatchObject({ code: 'INVALID_JSON', cause: 'truncated' });
    expect(dataset(snapshot, 'users')).toMatchObject({ state: 'partial', records: 2 });
  });

  it('HTML instead of the ServiceProviderConfig: kept as an invalid document (evidence), users still read', async () => {
    const s = scope()
      .get('/scim/v2/ServiceProviderConfig')
      .reply(200, '<html>portal</html>', { 'Content-Type': 'text/html' })
      .get('/scim/v2/ServiceProviderConfig')
      .reply(200, '<html>portal</html>', { 'Content-Type': 'text/html' })
      .get('/scim/v2/ResourceTypes')
      .reply(404, { schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: '404' }, SCIM_JSON)
      .get('/scim/v2/Schemas')
      .reply(404, 'not found');
    userCount(s, 1);
    indexPages(s, 1, 2);
    groupCount(s, 0);
    const { snapshot, facts } = await runScim(target());
    expect(facts.provisioning).toMatchObject({ state: 'observed', value: { scim: { validSchema: false, document: { status: 200, valid: false, problem: 'invalid-json' } } } });
    expect(snapshot.errors).toEqual([]);
    expect(dataset(snapshot, 'service-provider-config')).toMatchObject({ state: 'complete', reason: expect.stringContaining('NOT_JSON') });
    expect(scimRuleOutcomes(snapshot)['PROV-SCIM-CAPABILITIES']).toBe('fail');
    expect(dataset(snapshot, 'resource-types')).toMatchObject({ state: 'complete', records: 0 });
    expect(dataset(snapshot, 'users')).toMatchObject({ state: 'complete', records: 1 });
  });
});

describe('permissions', () => {
  it('403 on /Groups: that count unknown with the permission named, everything else read', async () => {
    const s = discovery(scope());
    userCount(s, 2);
    indexPages(s, 2, 2);
    s.get('/scim/v2/Groups').query({ count: '0' }).reply(403, { schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: '403', detail: 'insufficient scope' }, SCIM_JSON);
    const { snapshot, facts } = await runScim(target());
    expect(snapshot.errors).toEqual([]);
    expect(snapshot.coverage.missingPermissions).toEqual(['SCIM read: GET /Groups']);
    expect(dataset(snapshot, 'groups')).toMatchObject({ state: 'not-read', reason: expect.stringContaining('PERMISSION_DENIED') });
    expect(dataset(snapshot, 'users')).toMatchObject({ state: 'complete', records: 2 });
    expect(facts.provisioning?.state).toBe('observed');
  });

  it('403 on the user count: users unknown naming the permission, no user page requested, discovery and groups still read', async () => {
    const s = discovery(scope());
    s.get('/scim/v2/Users').query({ count: '0', attributes: 'id' }).reply(403, fixture('error-invalid-filter'), SCIM_JSON);
    groupCount(s, 7);
    const { snapshot, facts, requests } = await runScim(target());
    expect(facts.userStats).toMatchObject({ state: 'unknown', reason: { kind: 'no-permission', permission: 'SCIM read: GET /Users' } });
    expect(paths(requests).some((p) => p.includes('startIndex'))).toBe(false);
    expect(snapshot.coverage.missingPermissions).toEqual(['SCIM read: GET /Users']);
    expect(dataset(snapshot, 'groups')).toMatchObject({ state: 'complete', total: 7 });
    expect(facts.provisioning?.state).toBe('observed');
  });

  it('a 401 mid-scan is retried once with the same credential and paging continues', async () => {
    const s = discovery(scope());
    userCount(s, 4);
    s.get('/scim/v2/Users').query(usersQuery({ startIndex: '1' })).reply(200, usersPage(1, 2, 4), SCIM_JSON);
    s.get('/scim/v2/Users').query(usersQuery({ startIndex: '3' })).reply(401, { schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: '401' }, SCIM_JSON);
    s.get('/scim/v2/Users').query(usersQuery({ startIndex: '3' })).reply(200, usersPage(3, 2, 4), SCIM_JSON);
    groupCount(s, 0);
    const { snapshot } = await runScim(target());
    expect(snapshot.errors).toEqual([]);
    expect(dataset(snapshot, 'users')).toMatchObject({ state: 'complete', records: 4 });
  });

  it('a second 401 mid-scan: AUTH_FAILED recorded, users partial', async () => {
    const s = discovery(scope());
    userCount(s, 4);
    s.get('/scim/v2/Users').query(usersQuery({ startIndex: '1' })).reply(200, usersPage(1, 2, 4), SCIM_JSON);
    s.get('/scim/v2/Users').query(usersQuery({ startIndex: '3' })).times(2).reply(401, { schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: '401', detail: 'token revoked' }, SCIM_JSON);
    s.get('/scim/v2/Groups').query({ count: '0' }).times(2).reply(401, { schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: '401' }, SCIM_JSON);
    const { snapshot, facts } = await runScim(target());
    expect(snapshot.errors.map((e) => e.code)).toEqual(['AUTH_FAILED']);
    expect(snapshot.errors[0]!.message).toContain('token revoked');
    expect(dataset(snapshot, 'users')).toMatchObject({ state: 'partial', records: 2, total: 4 });
    expect(facts.userStats).toMatchObject({ state: 'observed', value: { total: 4, read: 2 } });
    expect(printable(snapshot)).not.toContain(TOKEN);
  });
});

describe('a store with every weakness', () => {
  it('public discovery, basic auth only, no PATCH/filter/ETag/bulk, anonymous user reads', async () => {
    const basic = `Basic ${Buffer.from('scanner:basic-secret-123456').toString('base64')}`;
    const s = discovery(scope(), fixture('spc-weak'));
    // The T1 probe, anonymous: this provider ignores count=0 and sends users anyway; nothing is kept.
    nock(ORIGIN, { badheaders: ['authorization'] }).get('/scim/v2/Users').query({ count: '0', attributes: 'id' }).reply(200, usersPage(1, 3, 3), SCIM_JSON);
    s.get('/scim/v2/Users').query({ count: '0', attributes: 'id' }).matchHeader('authorization', basic).reply(200, countOnly(3), SCIM_JSON);
    s.get('/scim/v2/Users').query(usersQuery({ startIndex: '1' })).matchHeader('authorization', basic).reply(200, usersPage(1, 3, 3), SCIM_JSON);
    s.get('/scim/v2/Groups').query({ count: '0' }).matchHeader('authorization', basic).reply(200, countOnly(0), SCIM_JSON);
    const config = target({ token: undefined, authScheme: 'basic' as const, username: 'scanner', password: 'basic-secret-123456', activeProbes: true, maxCount: 10 });
    const { snapshot, facts } = await runScim(config);
    expect(snapshot.errors).toEqual([]);
    if (facts.provisioning?.state !== 'observed') throw new Error('provisioning not observed');
    const { scim, scimAnonymousRead } = facts.provisioning.value;
    expect(scim).toMatchObject({ patch: false, filter: { supported: false }, etag: false, bulk: { supported: false }, sort: false, authenticationSchemes: ['httpbasic'] });
    expect(scim!.document).toMatchObject({ valid: true });
    expect(scimAnonymousRead).toEqual({ state: 'observed', value: { status: 200, totalResults: 3 } });
    expect(snapshot.profiles!.size).toBe(3);
    expect(scimRuleOutcomes(snapshot)).toEqual({ 'PROV-SCIM-CAPABILITIES': 'warn', 'PROV-SCIM-AUTH-ENFORCED': 'fail' });
    expect(printable(snapshot)).not.toContain('basic-secret-123456');
    expect(printable(snapshot)).not.toContain(basic.slice(6));
  });
});
