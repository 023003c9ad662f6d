import { generateKeyPairSync } from 'node:crypto';
import { importSPKI, jwtVerify } from 'jose';
import nock from 'nock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadPrivateKey } from '../../../connectors/okta/auth.js';
import { oktaConnector } from '../../../connectors/okta/index.js';
import type { OktaTargetConfig } from '../../../connectors/okta/config.js';
import { ConfigError } from '../../../src/model/errors.js';
import { WEAK, config, context, expectReadOnly, fixture, isolate, mockOrg, orgFixture, resetNock } from './helpers.js';

beforeEach(isolate);
afterEach(resetNock);

const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const PRIVATE_PEM = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
const PUBLIC_PEM = publicKey.export({ type: 'spki', format: 'pem' }).toString();
const TOKEN_URL = `${WEAK}/oauth2/v1/token`;
const ALL_SCOPES = 'okta.users.read okta.idps.read okta.apps.read okta.authenticators.read okta.policies.read okta.threatInsights.read okta.behaviors.read okta.networkZones.read okta.eventHooks.read okta.logStreams.read okta.logs.read okta.authorizationServers.read';
const PAGES = [fixture<unknown[]>('okta/users-page-1.json'), fixture<unknown[]>('okta/users-page-2.json')];
const errors = fixture<Record<string, unknown>>('okta/errors.json');

function serviceApp(overrides: Partial<OktaTargetConfig> = {}): OktaTargetConfig {
  return config(WEAK, { auth: { method: 'private-key-jwt', clientId: '0oascanner0001', privateKey: PRIVATE_PEM, kid: 'scanner-key-1' }, ...overrides });
}

interface TokenCall {
  scope: string;
  assertion: string;
}

/** The token endpoint: `answer` decides per requested scope. */
function mockTokenEndpoint(answer: (scope: string, n: number) => [number, Record<string, unknown>]): TokenCall[] {
  const calls: TokenCall[] = [];
  nock(WEAK)
    .persist()
    .post('/oauth2/v1/token')
    // nock 15 hands the reply function the request itself (a fetch Request).
    .reply(async (request: Request) => {
      const form = new URLSearchParams(await request.text());
      calls.push({ scope: form.get('scope') ?? '', assertion: form.get('client_assertion') ?? '' });
      expect(form.get('grant_type')).toBe('client_credentials');
      expect(form.get('client_assertion_type')).toBe('urn:ietf:params:oauth:client-assertion-type:jwt-bearer');
      return answer(form.get('scope') ?? '', calls.length);
    });
  return calls;
}

function granted(scope: string, n = 1): [number, Record<string, unknown>] {
  return [200, { access_token: `access-token-${n}-000000000000`, token_type: 'Bearer', expires_in: 3600, scope }];
}

describe('okta private-key-JWT service app', () => {
  it('signs a client assertion for the token endpoint, reads the granted scopes, and skips sections whose scope is missing', async () => {
    const withoutStreamsOrUsers = ALL_SCOPES.split(' ').filter((s) => s !== 'okta.logStreams.read' && s !== 'okta.users.read').join(' ');
    const calls = mockTokenEndpoint(() => granted(withoutStreamsOrUsers));
    const seen: string[] = [];
    const scope = mockOrg(WEAK, orgFixture('org-weak.json'), { users: PAGES });
    scope.on('request', (req: Request) => seen.push(req.headers.get('authorization') ?? ''));
    const target = serviceApp();
    const { ctx, requests } = context(target);
    const snapshot = await oktaConnector.collect(target, ctx);

    expect(calls).toHaveLength(1);
    expect(calls[0]?.scope).toBe(ALL_SCOPES);
    const verified = await jwtVerify(calls[0]?.assertion ?? '', await importSPKI(PUBLIC_PEM, 'RS256'), { audience: TOKEN_URL, issuer: '0oascanner0001', subject: '0oascanner0001' });
    expect(verified.protectedHeader).toMatchObject({ alg: 'RS256', kid: 'scanner-key-1' });
    expect(new Set(seen)).toEqual(new Set(['Bearer access-token-1-000000000000']));

    const facts = snapshot.facts.identityStore;
    expect(facts?.monitoring).toMatchObject({ state: 'unknown', reason: { kind: 'no-permission', permission: 'okta.logStreams.read' } });
    expect(facts?.userStats).toMatchObject({ state: 'unknown', reason: { kind: 'no-permission', permission: 'okta.users.read' } });
    expect(facts?.passwordPolicy?.state).toBe('observed');
    expect(snapshot.coverage.missingPermissions).toEqual(['okta.logStreams.read', 'okta.users.read']);
    // Checked before fetching: not a single request to the sections without a scope.
    expect(requests.some((r) => r.url.includes('/api/v1/logStreams') || r.url.includes('/api/v1/users'))).toBe(false);
    expect(JSON.stringify(snapshot)).not.toContain('access-token-1');
    expectReadOnly(requests);
  });

  it('a refused scope fails the whole token request at Okta: the scopes are then tried one by one', async () => {
    const calls = mockTokenEndpoint((scope, n) =>
      scope.split(' ').includes('okta.logs.read') ? [400, { error: 'invalid_scope', error_description: 'The requested scope is invalid, unknown, or malformed.' }] : granted(scope, n));
    mockOrg(WEAK, orgFixture('org-weak.json'), { users: PAGES });
    const target = serviceApp();
    const { ctx, requests } = context(target);
    const snapshot = await oktaConnector.collect(target, ctx);
    expect(calls).toHaveLength(1 + 12 + 1);
    expect(calls.at(-1)?.scope).not.toContain('okta.logs.read');
    expect(snapshot.facts.identityStore?.monitoring).toMatchObject({ state: 'observed', value: { userEvents: { enabled: 'unknown' } } });
    expect(snapshot.coverage.missingPermissions).toEqual(['okta.logs.read']);
    expect(snapshot.errors).toEqual([]);
    expect(snapshot.profiles?.size).toBe(5);
    expectReadOnly(requests);
  });

  it('an app that requires DPoP: one clear config error, every section unknown, no API call', async () => {
    mockTokenEndpoint(() => [400, { error: 'invalid_dpop_proof', error_description: 'The DPoP proof JWT header is missing.' }]);
    const target = serviceApp();
    const { ctx, requests } = context(target);
    const snapshot = await oktaConnector.collect(target, ctx);
    expect(snapshot.errors).toEqual([expect.objectContaining({ code: 'UNSUPPORTED', remediation: expect.stringContaining('Demonstrating Proof of Possession') })]);
    expect(snapshot.errors[0]?.message).toContain('invalid_dpop_proof');
    expect(requests.filter((r) => r.url.includes('/api/v1/'))).toEqual([]);
    const facts = snapshot.facts.identityStore;
    expect(facts?.clients).toMatchObject({ state: 'unknown', reason: { kind: 'collection-error' } });
    expect(facts?.userStats?.state).toBe('unknown');
    expect(snapshot.coverage.datasets.every((d) => d.state === 'not-read')).toBe(true);
  });

  it('401 in the middle of the users: one new token, the page is retried and the read completes', async () => {
    const calls = mockTokenEndpoint((scope, n) => granted(scope, n));
    mockOrg(WEAK, orgFixture('org-weak.json'), { users: false });
    nock(WEAK)
      .get('/api/v1/users')
      .query({ limit: '200' })
      .reply(200, PAGES[0] as nock.Body, { Link: `<${WEAK}/api/v1/users?after=c1&limit=200>; rel="next"` })
      .get('/api/v1/users')
      .query({ after: 'c1', limit: '200' })
      .reply(401, errors.E0000011 as nock.Body)
      .get('/api/v1/users')
      .query({ after: 'c1', limit: '200' })
      .reply(200, PAGES[1] as nock.Body);
    const target = serviceApp();
    const { ctx } = context(target);
    const snapshot = await oktaConnector.collect(target, ctx);
    expect(calls).toHaveLength(2);
    expect(snapshot.errors).toEqual([]);
    expect(snapshot.coverage.datasets.find((d) => d.name === 'users')).toMatchObject({ state: 'complete', records: 5 });
  });

  it('a second 401 after the new token: the error is recorded and the users read is partial', async () => {
    mockTokenEndpoint((scope, n) => granted(scope, n));
    mockOrg(WEAK, orgFixture('org-weak.json'), { users: false });
    nock(WEAK)
      .get('/api/v1/users')
      .query({ limit: '200' })
      .reply(200, PAGES[0] as nock.Body, { Link: `<${WEAK}/api/v1/users?after=c1&limit=200>; rel="next"` })
      .get('/api/v1/users')
      .query({ after: 'c1', limit: '200' })
      .twice()
      .reply(401, errors.E0000011 as nock.Body);
    const target = serviceApp();
    const { ctx } = context(target);
    const snapshot = await oktaConnector.collect(target, ctx);
    expect(snapshot.errors).toEqual([expect.objectContaining({ code: 'AUTH_FAILED', status: 401 })]);
    expect(snapshot.coverage.datasets.find((d) => d.name === 'users')).toMatchObject({ state: 'partial', records: 3 });
    expect(snapshot.facts.identityStore?.userStats).toMatchObject({ state: 'observed', value: { read: 3 } });
  });

  it('5xx on every users page attempt: retried, then a coded, retryable error; nothing read', async () => {
    mockTokenEndpoint((scope, n) => granted(scope, n));
    mockOrg(WEAK, orgFixture('org-weak.json'), { users: false });
    nock(WEAK).get('/api/v1/users').query(true).times(3).reply(503, 'upstream unavailable');
    const target = serviceApp();
    const { ctx } = context(target);
    const snapshot = await oktaConnector.collect(target, ctx);
    expect(snapshot.errors).toEqual([expect.objectContaining({ code: 'SERVER_ERROR', retryable: true })]);
    expect(snapshot.coverage.datasets.find((d) => d.name === 'users')).toMatchObject({ state: 'not-read' });
    expect(snapshot.coverage.retries).toBeGreaterThanOrEqual(2);
  });
});

describe('loadPrivateKey', () => {
  it('accepts PKCS#8, PKCS#1 and the JWK the Admin Console generates (kid taken from it)', () => {
    expect(loadPrivateKey(PRIVATE_PEM, undefined)).toMatchObject({ alg: 'RS256' });
    expect(loadPrivateKey(privateKey.export({ type: 'pkcs1', format: 'pem' }).toString(), 'k1')).toMatchObject({ alg: 'RS256', kid: 'k1' });
    const jwk = { ...privateKey.export({ format: 'jwk' }), kid: 'console-kid' };
    expect(loadPrivateKey(JSON.stringify(jwk), undefined)).toMatchObject({ alg: 'RS256', kid: 'console-kid' });
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    expect(loadPrivateKey(ec, undefined).alg).toBe('ES256');
  });

  it('a broken key is a config error that does not echo the value', () => {
    expect(() => loadPrivateKey('-----BEGIN PRIVATE KEY-----\nnot-a-key\n-----END PRIVATE KEY-----', undefined)).toThrow(ConfigError);
    try {
      loadPrivateKey('secret-material-xyz', undefined);
    } catch (err) {
      expect((err as Error).message).not.toContain('secret-material-xyz');
    }
  });
});
