import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCertificateAuthority, issueServerCertificate } from '../../../src/demo/certificates.js';
import { startScimServer, type ScimServer } from '../../../src/demo/scim-server.js';
import { dataset, paths, printable, runScim, scimRuleOutcomes, scimTarget, syntheticUsers, TOKEN } from './helpers.js';

/**
 * The connector end to end against a REAL SCIM service provider (scimmy + scimmy-routers on
 * express, src/demo/scim-server.ts) over https with a private CA, with 5,000 users.
 */
const USERS = syntheticUsers(5000);
let ca: string;
let secure: ScimServer;
let leaky: ScimServer;

beforeAll(async () => {
  const authority = await createCertificateAuthority('ciamscan scim test CA');
  const tls = await issueServerCertificate(authority, { hosts: ['127.0.0.1'] });
  ca = authority.certPem;
  secure = await startScimServer({ users: USERS, token: TOKEN, tls, maxResults: 200, groups: ['Customers', 'Staff', 'Partners'] });
  leaky = await startScimServer({ users: USERS.slice(0, 300), token: TOKEN, anonymousRead: true });
});

afterAll(async () => {
  await secure.close();
  await leaky.close();
});

describe('a real SCIM server with 5,000 users', () => {
  it('reads every user exactly once, page by page, with complete coverage', async () => {
    const { snapshot, facts, requests } = await runScim(scimTarget(secure.baseUrl), { ca });
    expect(snapshot.errors).toEqual([]);
    const profiles = snapshot.profiles!;
    expect(profiles.size).toBe(5000);
    const ids = new Set<string>();
    const emails = new Set<string>();
    for (const p of profiles) {
      ids.add(p.localId);
      for (const e of p.emails) emails.add(e.address);
    }
    expect(ids.size).toBe(5000);
    expect(emails).toEqual(new Set(USERS.map((u) => u.emails![0]!.value)));
    expect(dataset(snapshot, 'users')).toEqual({ name: 'users', state: 'complete', records: 5000, total: 5000, pages: 25 });
    expect(dataset(snapshot, 'groups')).toMatchObject({ state: 'complete', total: 3, records: 0 });
    expect(snapshot.coverage.missingPermissions).toEqual([]);
    expect(facts.userStats).toEqual({ state: 'observed', value: { total: 5000, read: 5000, enabled: 4500, disabled: 500 } });

    const userPages = paths(requests).filter((p) => p.startsWith('/Users?startIndex='));
    expect(userPages).toHaveLength(25);
    expect(userPages[1]).toBe('/Users?startIndex=201&count=200&attributes=id%2CuserName%2Cname%2Cemails%2CphoneNumbers%2Cactive%2CexternalId%2Cmeta.created%2Cmeta.lastModified');
    expect(paths(requests).slice(0, 2)).toEqual(['/ServiceProviderConfig', '/ServiceProviderConfig']);
    expect(paths(requests)).toContain('/Users?count=0&attributes=id');
    expect(paths(requests)).toContain('/Groups?count=0');
    expect(printable(snapshot)).not.toContain(TOKEN);
    expect(printable(snapshot)).not.toContain('user00042');
  });

  it('maps the users: names, external ids, status, dates', async () => {
    const { snapshot } = await runScim(scimTarget(secure.baseUrl, { profiles: { maxRecords: 12 } }), { ca });
    const twelve = [...snapshot.profiles!].find((p) => p.emails[0]?.address === 'user00012@example.test')!;
    expect(twelve).toMatchObject({
      names: { given: 'Dee', family: 'Sample' },
      phones: ['+15550000012'],
      links: [{ kind: 'external-id', via: 'scim:externalId', value: 'crm-12' }],
      status: 'active',
      createdAt: '2022-01-01T12:00:00.000Z',
      filledAttributes: 6,
    });
    const ten = [...snapshot.profiles!].find((p) => p.emails[0]?.address === 'user00010@example.test')!;
    expect(ten.status).toBe('disabled');
  });

  it('states the capabilities the server advertises (and its weaknesses: no ETag, no bulk)', async () => {
    const { facts } = await runScim(scimTarget(secure.baseUrl, { profiles: { read: false } }), { ca });
    expect(facts.scope.kind).toBe('scim-service');
    expect(facts.provisioning?.state).toBe('observed');
    if (facts.provisioning?.state !== 'observed') return;
    const scim = facts.provisioning.value.scim!;
    expect(scim).toMatchObject({ validSchema: true, patch: true, etag: false, bulk: { supported: false }, filter: { supported: true, maxResults: 200 }, authenticationSchemes: ['oauthbearertoken'] });
    expect(scim.document).toMatchObject({ valid: true, status: 200, contentType: expect.stringContaining('application/scim+json') });
    expect(scim.resourceTypes).toEqual(expect.arrayContaining(['User', 'Group']));
    expect(scim.schemas).toContain('urn:ietf:params:scim:schemas:core:2.0:User');
    expect(scim.enterpriseUser).toBe(true);
    expect(facts.provisioning.value.scimAnonymousRead).toMatchObject({ state: 'unknown', reason: { kind: 'not-observed' } });
  });

  it('profiles.read false: only the discovery endpoints are requested', async () => {
    const { snapshot, facts, requests } = await runScim(scimTarget(secure.baseUrl, { profiles: { read: false } }), { ca });
    expect(new Set(paths(requests))).toEqual(new Set(['/ServiceProviderConfig', '/ResourceTypes', '/Schemas']));
    expect(snapshot.profiles).toBeUndefined();
    expect(dataset(snapshot, 'users')).toMatchObject({ state: 'not-applicable' });
    expect(facts.userStats).toMatchObject({ state: 'unknown', reason: { kind: 'not-observed' } });
  });

  it('maxRecords stops paging and marks the users partial', async () => {
    const { snapshot, requests } = await runScim(scimTarget(secure.baseUrl, { profiles: { maxRecords: 450 } }), { ca });
    expect(snapshot.profiles!.size).toBe(450);
    expect(dataset(snapshot, 'users')).toMatchObject({ state: 'partial', records: 450, total: 5000, pages: 3, reason: 'stopped at maxRecords 450' });
    expect(paths(requests).filter((p) => p.startsWith('/Users?startIndex='))).toHaveLength(3);
  });

  it('honours maxCount and the advertised filter.maxResults', async () => {
    const small = await runScim(scimTarget(secure.baseUrl, { maxCount: 150, profiles: { maxRecords: 300 } }), { ca });
    expect(paths(small.requests).filter((p) => p.startsWith('/Users?startIndex=')).map((p) => new URLSearchParams(p.split('?')[1]).get('count'))).toEqual(['150', '150']);
    const big = await runScim(scimTarget(secure.baseUrl, { maxCount: 1000, profiles: { maxRecords: 200 } }), { ca });
    expect(paths(big.requests).find((p) => p.startsWith('/Users?startIndex='))).toContain('count=200');
  });
});

describe('authentication', () => {
  it('without a credential: discovery refused (401 kept as evidence, rules unknown), users never requested', async () => {
    const { snapshot, facts, requests } = await runScim(scimTarget(secure.baseUrl, { token: undefined }), { ca });
    // The refusal is kept as the document (PROV-SCIM-CAPABILITIES: unknown); the dataset says why.
    expect(facts.provisioning).toMatchObject({ state: 'observed', value: { scim: { document: { status: 401, valid: false, problem: 'http-status', headers: { 'www-authenticate': 'Bearer realm="scim"' } } } } });
    expect(dataset(snapshot, 'service-provider-config')).toMatchObject({ state: 'not-read', reason: expect.stringContaining('no credential is configured') });
    expect(scimRuleOutcomes(snapshot)).toEqual({ 'PROV-SCIM-CAPABILITIES': 'unknown', 'PROV-SCIM-AUTH-ENFORCED': 'unknown' });
    expect(facts.userStats).toMatchObject({ state: 'unknown', reason: { kind: 'no-credential' } });
    expect(paths(requests).some((p) => p.startsWith('/Users') || p.startsWith('/Groups'))).toBe(false);
    expect(dataset(snapshot, 'users')).toMatchObject({ state: 'not-read' });
    expect(snapshot.profiles).toBeUndefined();
  });

  it('with a wrong token: AUTH_FAILED recorded once, the permissions named', async () => {
    const { snapshot, facts } = await runScim(scimTarget(secure.baseUrl, { token: 'wrong-token-0000000000' }), { ca });
    expect(snapshot.errors.map((e) => e.code)).toEqual(['AUTH_FAILED']);
    expect(facts.provisioning).toMatchObject({ state: 'observed', value: { scim: { document: { status: 401, problem: 'http-status' } } } });
    expect(dataset(snapshot, 'service-provider-config')).toMatchObject({ state: 'not-read', reason: expect.stringContaining('AUTH_FAILED') });
    expect(facts.userStats).toMatchObject({ state: 'unknown', reason: { kind: 'no-permission', permission: 'SCIM read: GET /Users', error: { code: 'AUTH_FAILED' } } });
    expect(snapshot.coverage.missingPermissions).toEqual(['SCIM read: GET /Groups', 'SCIM read: GET /ServiceProviderConfig, /ResourceTypes, /Schemas', 'SCIM read: GET /Users']);
    expect(printable(snapshot)).not.toContain('wrong-token-0000000000');
  });

  it('the T1 probe finds a server that lets anyone read users (status 200, totalResults only)', async () => {
    const { snapshot, facts, requests } = await runScim(scimTarget(leaky.baseUrl, { token: undefined, activeProbes: true }));
    expect(facts.provisioning?.state).toBe('observed');
    if (facts.provisioning?.state !== 'observed') return;
    expect(facts.provisioning.value.scimAnonymousRead).toEqual({ state: 'observed', value: { status: 200, totalResults: 300 } });
    expect(scimRuleOutcomes(snapshot)).toEqual({ 'PROV-SCIM-CAPABILITIES': 'warn', 'PROV-SCIM-AUTH-ENFORCED': 'fail' });
    expect(requests.filter((r) => r.intent === 'probe').map((r) => paths([r])[0])).toEqual(['/Users?count=0&attributes=id']);
    // Nothing of the answer is kept: no profiles, no user value anywhere.
    expect(snapshot.profiles).toBeUndefined();
    expect(printable(snapshot)).not.toContain('example.test');
  });

  it('the T1 probe on a protected server: 401', async () => {
    const { snapshot, facts } = await runScim(scimTarget(secure.baseUrl, { activeProbes: true, profiles: { read: false } }), { ca });
    if (facts.provisioning?.state !== 'observed') throw new Error('provisioning not observed');
    expect(facts.provisioning.value.scimAnonymousRead).toEqual({ state: 'observed', value: { status: 401 } });
    // No ETag on the demo server: a warning; anonymous reads refused: a pass.
    expect(scimRuleOutcomes(snapshot)).toEqual({ 'PROV-SCIM-CAPABILITIES': 'warn', 'PROV-SCIM-AUTH-ENFORCED': 'pass' });
  });
});
