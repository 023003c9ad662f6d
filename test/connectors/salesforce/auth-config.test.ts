import { generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createLocalJWKSet, decodeProtectedHeader, exportJWK, jwtVerify } from 'jose';
import nock from 'nock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { salesforceTargetSchema } from '../../../connectors/salesforce/config.js';
import { salesforceConnector } from '../../../connectors/salesforce/index.js';
import { parseYaml, validateConfig } from '../../../src/config/load.js';
import { ConfigError } from '../../../src/model/errors.js';
import { HARDENED, mockOrg } from './mock-org.js';
import { ORG, config, context, dataset, expectReadOnly, fixture, isolate, resetNock } from './helpers.js';

beforeEach(isolate);
afterEach(resetNock);

const LOGIN = 'https://login.salesforce.com';

describe('salesforce auth: JWT bearer', () => {
  it('signs an RS256 assertion (iss consumer key, sub username, aud login URL, exp ≤ 3 min), then reads the instance the token names', async () => {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const pem = privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();
    let assertion = '';
    nock(LOGIN)
      .post('/services/oauth2/token', (body: Record<string, string>) => {
        assertion = body.assertion ?? '';
        return body.grant_type === 'urn:ietf:params:oauth:grant-type:jwt-bearer' && body.client_id === undefined && body.client_secret === undefined;
      })
      .reply(200, fixture<nock.Body>('token-jwt-bearer.json'));
    mockOrg(HARDENED);
    const target = config({ auth: { method: 'jwt-bearer', loginUrl: LOGIN, clientId: '3MVG9inventedConsumerKey', username: 'integration@acme.invalid', privateKey: pem } });
    const { ctx, requests } = context(target);
    const snapshot = await salesforceConnector.collect(target, ctx);

    expect(snapshot.errors).toEqual([]);
    expect(dataset(snapshot, 'records Contact')?.state).toBe('complete');
    expect(decodeProtectedHeader(assertion).alg).toBe('RS256');
    const jwks = createLocalJWKSet({ keys: [{ ...(await exportJWK(publicKey)), alg: 'RS256' }] });
    const { payload } = await jwtVerify(assertion, jwks, { issuer: '3MVG9inventedConsumerKey', subject: 'integration@acme.invalid', audience: LOGIN });
    expect((payload.exp ?? 0) - (payload.iat ?? 0)).toBeLessThanOrEqual(180);
    // The instance (a Salesforce domain named by the token response) is reached; the key never prints.
    expect(requests.some((r) => r.url.startsWith(ORG))).toBe(true);
    expect(JSON.stringify(snapshot)).not.toContain('PRIVATE KEY');
    expect(JSON.stringify(snapshot)).not.toContain(assertion);
    expectReadOnly(requests);
  });

  it('a private key that does not parse is a configuration error, before anything is sent', async () => {
    const target = config({ auth: { method: 'jwt-bearer', loginUrl: LOGIN, clientId: 'c', username: 'u', privateKey: '-----BEGIN PRIVATE KEY-----\nnot-a-key\n-----END PRIVATE KEY-----' } });
    const { ctx, requests } = context(target);
    await expect(salesforceConnector.collect(target, ctx)).rejects.toBeInstanceOf(ConfigError);
    await expect(salesforceConnector.collect(target, ctx)).rejects.toThrow(/^auth\.privateKey: not an RSA private key/);
    expect(requests).toEqual([]);
    expectReadOnly(requests);
  });

  it('invalid_grant from the token endpoint: one AUTH_FAILED error naming the OAuth error', async () => {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    nock(LOGIN).post('/services/oauth2/token').reply(400, fixture<Record<string, unknown>>('errors.json').invalid_grant as nock.Body);
    const target = config({ auth: { method: 'jwt-bearer', loginUrl: LOGIN, clientId: 'c', username: 'u', privateKey: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString() } });
    const { ctx, requests } = context(target);
    const snapshot = await salesforceConnector.collect(target, ctx);
    expect(snapshot.errors).toEqual([expect.objectContaining({ code: 'AUTH_FAILED', cause: 'invalid_grant', message: expect.stringContaining("user hasn't approved this consumer") })]);
    expectReadOnly(requests);
  });
});

describe('salesforce config', () => {
  const base = { id: 'sf', type: 'salesforce', auth: { method: 'access-token', instanceUrl: 'https://acme.my.salesforce.com', accessToken: 'x' } };

  it('accepts the three credential kinds and every option', () => {
    expect(salesforceTargetSchema.safeParse(base).success).toBe(true);
    const full = {
      ...base,
      auth: { method: 'jwt-bearer', loginUrl: 'https://login.salesforce.com', clientId: 'c', username: 'u', privateKey: 'k', audience: 'https://test.salesforce.com' },
      apiVersion: '62.0',
      customerObjects: ['Contact', 'Lead', 'Account'],
      linkField: 'IdP_Subject__c',
      consentFields: ['Marketing_Opt_In__c', { field: 'Newsletter__c', meaning: 'opt-in' }],
      bulkThreshold: 50_000,
      bulkPollTimeoutMs: 600_000,
      maxDailyApiShare: 0.1,
      profiles: { read: true, maxRecords: 10, pageSize: 2000 },
      allowHosts: ['acme--uat.sandbox.my.salesforce.com'],
    };
    expect(salesforceTargetSchema.safeParse(full).success).toBe(true);
    expect(salesforceTargetSchema.safeParse({ ...base, auth: { method: 'client-credentials', loginUrl: 'https://acme.my.salesforce.com', clientId: 'c', clientSecret: 's' } }).success).toBe(true);
  });

  it('refuses unknown keys, non-origin or Lightning URLs, names that are not API names, and out-of-range options', () => {
    const bad = (patch: Record<string, unknown>) => salesforceTargetSchema.safeParse({ ...base, ...patch }).success;
    expect(bad({ extra: 1 })).toBe(false);
    expect(bad({ auth: { ...base.auth, instanceUrl: 'http://acme.my.salesforce.com' } })).toBe(false);
    expect(bad({ auth: { ...base.auth, instanceUrl: 'https://acme.my.salesforce.com/services/data' } })).toBe(false);
    expect(bad({ auth: { ...base.auth, instanceUrl: 'https://acme.lightning.force.com' } })).toBe(false);
    expect(bad({ linkField: 'Id FROM User --' })).toBe(false);
    expect(bad({ consentFields: ["x' OR Name != null"] })).toBe(false);
    expect(bad({ customerObjects: ['User'] })).toBe(false);
    expect(bad({ maxDailyApiShare: 0 })).toBe(false);
    expect(bad({ apiVersion: 'v62' })).toBe(false);
  });

  it('secrets must be references: a literal access token, client secret or private key is refused by the loader', () => {
    const problems = (target: Record<string, unknown>) => {
      try {
        validateConfig({ version: 1, targets: [target] }, { connectors: [salesforceConnector], rules: [], baseDir: '/tmp', source: 'ciamscan.yaml', env: {} });
        return [];
      } catch (err) {
        return err instanceof ConfigError ? err.problems : [String(err)];
      }
    };
    expect(problems(base).join('\n')).toMatch(/targets\[0\]\.auth\.accessToken: a secret is written in the config/);
    const cc = { ...base, auth: { method: 'client-credentials', loginUrl: 'https://acme.my.salesforce.com', clientId: 'c', clientSecret: 'plain' } };
    expect(problems(cc).join('\n')).toMatch(/clientSecret: a secret is written in the config/);
    expect(salesforceConnector.secretKeys).toEqual(['accessToken', 'clientSecret', 'privateKey']);
  });

  it('declares its hosts, location and exactly the token and Bulk query-job POSTs', () => {
    const parsed = salesforceTargetSchema.parse({ ...base, allowHosts: ['Files.Example.com'] });
    expect(salesforceConnector.namedHosts(parsed)).toEqual(['acme.my.salesforce.com', 'files.example.com']);
    expect(salesforceConnector.location(parsed)).toBe('https://acme.my.salesforce.com');
    const jwt = salesforceTargetSchema.parse({ ...base, auth: { method: 'jwt-bearer', loginUrl: 'https://login.salesforce.com', clientId: 'c', username: 'u', privateKey: 'k' } });
    expect(salesforceConnector.namedHosts(jwt)).toEqual(['login.salesforce.com']);
    expect(salesforceConnector.kind).toBe('crm');
    expect(salesforceConnector.allowedPosts.map((p) => [p.path.source, p.intent])).toEqual([
      ['^\\/services\\/oauth2\\/token$', 'token'],
      ['^\\/services\\/data\\/v\\d+\\.\\d+\\/jobs\\/query$', 'read-only-post'],
    ]);
  });
});

describe('salesforce README', () => {
  const readme = readFileSync(join(import.meta.dirname, '../../../connectors/salesforce/README.md'), 'utf8');

  it('its config example is a valid target (with the secret from the environment)', () => {
    const block = /```yaml\n([\s\S]*?)```/.exec(readme)?.[1] ?? '';
    const targets = parseYaml(block, 'README.md') as unknown[];
    const loaded = validateConfig({ version: 1, targets }, { connectors: [salesforceConnector], rules: [], baseDir: '/tmp', source: 'README.md', env: { SF_CLIENT_SECRET: 'from-env' } });
    expect(loaded.config.targets[0]).toMatchObject({ id: 'salesforce-prod', type: 'salesforce', auth: { method: 'client-credentials', clientSecret: 'from-env' } });
  });

  it('lists exactly the read-only POSTs the connector allows', () => {
    const documented = [...readme.matchAll(/^\| `(\^[^`]+\$)` \| `([a-z-]+)` \|/gm)].map((m) => [m[1], m[2]]);
    expect(documented).toEqual(salesforceConnector.allowedPosts.map((p) => [p.path.source.replace(/\\\//g, '/'), p.intent]));
  });
});
