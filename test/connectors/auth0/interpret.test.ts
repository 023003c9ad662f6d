import { readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { clientRegistrationFacts, interpretAuth0, sessionFacts, signingKeyFacts } from '../../../connectors/auth0/interpret.js';
import { listingItems } from '../../../connectors/auth0/json-read.js';
import { clientFacts, mapGrant } from '../../../connectors/auth0/map-clients.js';
import { connectionRecord, databaseRecord, identityProviderFacts } from '../../../connectors/auth0/map-connections.js';
import { bindingRecords, dailyStatsRecord, logProbeRecord, logStreamRecords, signingKeyRecords } from '../../../connectors/auth0/map-monitoring.js';
import { botDetectionRecord, breachedPasswordRecord, bruteForceRecord, factorRecords, ipThrottlingRecord, mfaPolicies } from '../../../connectors/auth0/map-protection.js';
import { tenantRecord } from '../../../connectors/auth0/map-tenant.js';
import { userProfile } from '../../../connectors/auth0/map-users.js';
import { UserStatsCounter } from '../../../src/connector-kit/user-stats.js';
import { ndjsonLines } from '../../../connectors/auth0/ndjson.js';
import type { Auth0Collected, DatabaseConnectionRecord } from '../../../connectors/auth0/records.js';
import { grantedScopes, scopeChecker } from '../../../connectors/auth0/scopes.js';
import { observed, unknownObservation, type Observation } from '../../../src/model/observation.js';
import { fakeJwt, fixture } from './fake-tenant.js';
import { reason, value } from './harness.js';

const REAL = new URL('../../../fixtures/real-world/api/auth0/', import.meta.url);
const real = (name: string): unknown => JSON.parse(readFileSync(new URL(name, REAL), 'utf8')) as unknown;

function defined<T>(items: Array<T | undefined>): T[] {
  return items.filter((i): i is T => i !== undefined);
}

/** What collect.ts would hand over after reading the fixture tenant `dir`. */
function collectedFrom(dir: 'weak' | 'hardened', overrides: Partial<Auth0Collected> = {}): Auth0Collected {
  const f = (name: string) => fixture(`${dir}/${name}`);
  const bindings = (trigger: string) => observed(bindingRecords(f(`bindings-${trigger}.json`)));
  return {
    tenant: observed(tenantRecord(f('tenant-settings.json'))),
    clients: observed(defined((listingItems(f('clients.json'), 'clients') ?? []).map(clientFacts))),
    connections: observed(defined((listingItems(f('connections.json'), 'connections') ?? []).map(connectionRecord))),
    databases: observed(defined((listingItems(f('connections-database.json'), 'connections') ?? []).map(databaseRecord))),
    bruteForce: observed(bruteForceRecord(f('brute-force-protection.json'))),
    ipThrottling: observed(ipThrottlingRecord(f('suspicious-ip-throttling.json'))),
    breachedPasswords: observed(breachedPasswordRecord(f('breached-password-detection.json'))),
    botDetection: observed(botDetectionRecord(f('bot-detection.json'))),
    factors: observed(factorRecords(f('guardian-factors.json'))),
    mfaPolicies: observed(mfaPolicies(f('guardian-policies.json'))),
    logStreams: observed(logStreamRecords(f('log-streams.json'))),
    logs: observed(logProbeRecord(f('logs.json'))),
    dailyStats: observed(dailyStatsRecord(f('stats-daily.json'))),
    bindings: { 'post-login': bindings('post-login'), 'post-user-registration': bindings('post-user-registration'), 'pre-user-registration': bindings('pre-user-registration') },
    signingKeys: observed(signingKeyRecords(f('keys-signing.json'))),
    userStats: unknownObservation({ kind: 'not-observed', detail: 'not part of this test' }),
    ...overrides,
  };
}

const TENANT = { tenantName: 'example-shop.eu.auth0.com', issuers: ['https://example-shop.eu.auth0.com/'], domain: 'example-shop.eu.auth0.com' };
const denied = <T>(permission: string): Observation<T> => unknownObservation({ kind: 'no-permission', permission, detail: 'access denied (HTTP 403)' });

describe('real Auth0 recordings (fixtures/real-world/api/auth0)', () => {
  it('users-list.json: the user of the go-auth0 test tenant', () => {
    const page = real('users-list.json');
    const [user] = listingItems(page, 'users') ?? [];
    const mapped = userProfile(user);
    expect(mapped).toEqual({
      identities: 1,
      profile: {
        localId: 'auth0|63d17c4c5d69f3e86d515d1c',
        emails: [{ address: 'chuck520@example.com', primary: true, verified: true }],
        phones: [],
        // `name` holds the email address: not a name.
        names: { given: 'Chuck', family: 'Sanchez' },
        links: [],
        status: 'active',
        filledAttributes: 3,
        origin: 'local',
        createdAt: '2023-01-25T19:00:28.395Z',
        updatedAt: '2023-01-25T19:00:28.395Z',
      },
    });
  });

  it('connections-by-name-database.json: options of a database connection', () => {
    const [connection] = listingItems(real('connections-by-name-database.json'), 'connections') ?? [];
    expect(databaseRecord(connection)).toEqual({
      name: 'Test-Auth0-Connection-1747381016',
      optionsRead: true,
      passwordPolicy: 'good',
      bruteForceProtection: true,
      passkey: false,
      passwordLogin: true,
    });
  });

  it('connections-by-name-oidc.json: an enterprise OIDC identity provider', () => {
    const [connection] = listingItems(real('connections-by-name-oidc.json'), 'connections') ?? [];
    const record = connectionRecord(connection);
    // `enabled_clients: []` (deprecated, often empty) proves nothing: the connection counts as in use.
    expect(record).toEqual({ name: 'Test-OIDC-Connection-1747381016', strategy: 'oidc' });
    expect(identityProviderFacts(record!)).toMatchObject({ alias: 'Test-OIDC-Connection-1747381016', protocol: 'oidc', provider: 'oidc', category: 'enterprise', enabled: true, linking: { mode: 'custom' } });
    // Its options (with the upstream client id) are never part of the record.
    expect(JSON.stringify(record)).not.toContain('client_id');
  });
});

describe('clients', () => {
  it('maps Auth0 grant names, URIs included', () => {
    expect(['password', 'http://auth0.com/oauth/grant-type/password-realm', 'implicit', 'urn:ietf:params:oauth:grant-type:device_code', 'urn:openid:params:grant-type:ciba', 'http://auth0.com/oauth/grant-type/mfa-otp'].map(mapGrant)).toEqual([
      'password',
      'password',
      'implicit',
      'device_code',
      'ciba',
      'other',
    ]);
  });

  it('the weak SPA and the hardened portal', () => {
    const weak = defined((listingItems(fixture('weak/clients.json'), 'clients') ?? []).map(clientFacts));
    expect(weak.find((c) => c.id === 'WeakShopSpa000000000000000000001')).toEqual({
      id: 'WeakShopSpa000000000000000000001',
      name: 'Shop SPA',
      enabled: true,
      type: 'public',
      appType: 'spa',
      authMethod: 'none',
      grants: ['implicit', 'authorization_code', 'refresh_token', 'password'],
      rawGrants: ['implicit', 'authorization_code', 'refresh_token', 'password', 'http://auth0.com/oauth/grant-type/password-realm'],
      redirectUris: ['https://*.shop.example.com/callback', 'http://shop.example.com/callback'],
      postLogoutRedirectUris: ['*'],
      webOrigins: ['https://shop.example.com'],
      pkce: { required: 'unknown' },
      serviceAccount: false,
      deviceGrant: false,
      ciba: false,
      refreshTokens: { issued: true, rotation: 'static' },
      lifetimes: { refreshAbsoluteSeconds: null, refreshIdleSeconds: null },
      parRequired: false,
    });
    const hardened = defined((listingItems(fixture('hardened/clients.json'), 'clients') ?? []).map(clientFacts));
    expect(hardened.find((c) => c.name === 'ciamscan (read-only)')).toMatchObject({ type: 'confidential', appType: 'machine', authMethod: 'private_key_jwt', serviceAccount: true });
  });

  it('no client id, no client; an unknown app type is "other"; no method on a web app is "unknown"', () => {
    expect(clientFacts({ name: 'nameless' })).toBeUndefined();
    expect(clientFacts({ client_id: 'x', app_type: 'sso_integration' })).toMatchObject({ appType: 'other', type: 'unknown', grants: [], redirectUris: [] });
    expect(clientFacts({ client_id: 'x', grant_types: ['refresh_token'] })?.refreshTokens).toEqual({ issued: true, rotation: 'unknown' });
  });
});

describe('password policy', () => {
  const db = (record: Partial<DatabaseConnectionRecord>): DatabaseConnectionRecord => ({ name: 'db', optionsRead: true, ...record });
  const policy = (databases: DatabaseConnectionRecord[]) => value(interpretAuth0(collectedFrom('hardened', { databases: observed(databases) }), TENANT).passwordPolicy);

  it.each([
    ['none', 1, []],
    ['low', 6, []],
    ['fair', 8, ['lower', 'upper', 'digits']],
    ['good', 8, ['3 of: lower, upper, digits, special']],
    ['excellent', 10, ['3 of: lower, upper, digits, special', 'no more than 2 identical characters in a row']],
    [undefined, 1, []],
  ])('preset %s: minimum length %i', (preset, minLength, composition) => {
    expect(policy([db(preset ? { passwordPolicy: preset } : {})])).toMatchObject({ minLength, composition });
  });

  it('min_length overrides the preset; the weakest of several connections is reported', () => {
    expect(policy([db({ passwordPolicy: 'good', minLength: 12, dictionary: true })])).toMatchObject({ minLength: 12, blocklist: true });
    const weakest = policy([db({ name: 'strong', passwordPolicy: 'excellent', minLength: 15, dictionary: true }), db({ name: 'legacy', passwordPolicy: 'low' })]);
    expect(weakest).toMatchObject({ minLength: 6, blocklist: false });
    expect(weakest.source).toContain('"legacy"');
    expect(weakest.source).toContain('the weakest of 2 database connections');
  });

  it('no options (read:connections_options missing) is unknown naming the scope; no database is no policy', () => {
    const facts = interpretAuth0(collectedFrom('hardened', { databases: observed([{ name: 'db', optionsRead: false }]) }), TENANT);
    expect(reason(facts.passwordPolicy)).toMatchObject({ kind: 'no-permission', permission: 'read:connections_options' });
    expect(interpretAuth0(collectedFrom('hardened', { databases: observed([]) }), TENANT).passwordPolicy).toBeUndefined();
  });

  it('breached-password detection that cannot be read leaves the check unknown', () => {
    const facts = interpretAuth0(collectedFrom('hardened', { breachedPasswords: denied('read:attack_protection') }), TENANT);
    expect(value(facts.passwordPolicy).breachedPasswordCheck).toBe('unknown');
  });
});

describe('attack protection and MFA', () => {
  it('a connection with brute_force_protection off defeats the tenant switch', () => {
    const collected = collectedFrom('hardened');
    const databases = value(collected.databases).map((d) => ({ ...d, bruteForceProtection: false }));
    const facts = interpretAuth0({ ...collected, databases: observed(databases) }, TENANT);
    expect(value(facts.bruteForce)).toMatchObject({ accountLockout: false, detail: expect.stringContaining('brute_force_protection off on connection(s) customers') });
  });

  it('MFA policies: all-applications is always, none enabled is none, unreadable is unknown', () => {
    const all = interpretAuth0(collectedFrom('hardened', { mfaPolicies: observed(['all-applications']) }), TENANT);
    expect(value(all.authentication).mfaPolicy).toBe('always');
    const noFactor = interpretAuth0(collectedFrom('weak', { factors: observed([]), mfaPolicies: observed([]) }), TENANT);
    expect(value(noFactor.authentication).mfaPolicy).toBe('none');
    const unread = interpretAuth0(collectedFrom('weak', { mfaPolicies: denied('read:mfa_policies') }), TENANT);
    expect(value(unread.authentication)).toMatchObject({ mfaPolicy: 'unknown', adaptive: { riskBased: 'unknown' } });
    expect(reason(interpretAuth0(collectedFrom('weak', { factors: denied('read:guardian_factors') }), TENANT).authentication)).toMatchObject({ permission: 'read:guardian_factors' });
  });

  it('bot detection in monitoring mode or never challenging is not a defence', () => {
    expect(botDetectionRecord(fixture('hardened/bot-detection.json'))).toEqual({ level: 'medium', passwordPolicy: 'when_risky', passwordlessPolicy: 'when_risky', monitoringOnly: false });
    const monitoring = interpretAuth0(collectedFrom('hardened', { botDetection: observed({ level: 'high', passwordPolicy: 'always', monitoringOnly: true }) }), TENANT);
    expect(value(monitoring.bruteForce).botDetection).toBe(false);
  });
});

describe('tenant, monitoring, keys', () => {
  it('session lifetimes: minutes win over hours', () => {
    expect(sessionFacts(tenantRecord({ session_lifetime: 24, idle_session_lifetime: 2 }))).toEqual({ absoluteSeconds: 86400, idleSeconds: 7200 });
    expect(sessionFacts(tenantRecord({ session_lifetime: 24, session_lifetime_in_minutes: 90 }))).toEqual({ absoluteSeconds: 5400 });
    expect(sessionFacts(tenantRecord({}))).toEqual({});
  });

  it('dynamic client registration', () => {
    expect(clientRegistrationFacts(tenantRecord({ flags: { enable_dynamic_client_registration: true } }), 'x.auth0.com')).toMatchObject({ anonymousAllowed: true, restricted: false });
    expect(clientRegistrationFacts(tenantRecord({ flags: {} }), 'x.auth0.com')).toMatchObject({ anonymousAllowed: false });
  });

  it('log streams keep name, type, status and filters; never the sink', () => {
    const streams = logStreamRecords(fixture('hardened/log-streams.json'));
    expect(streams).toEqual([
      { name: 'SIEM', type: 'http', status: 'active', filters: [] },
      { name: 'Lifecycle events', type: 'eventbridge', status: 'paused', filters: ['user.notification', 'management.success'] },
    ]);
    expect(JSON.stringify(streams)).not.toContain('INVENTED-SIEM-TOKEN');
  });

  it('unreadable streams make monitoring unknown rather than "no stream"', () => {
    const facts = interpretAuth0(collectedFrom('hardened', { logStreams: denied('read:log_streams') }), TENANT);
    expect(reason(facts.monitoring)).toMatchObject({ permission: 'read:log_streams' });
    // The Actions found are still evidence of lifecycle channels.
    expect(value(facts.provisioning).lifecycleChannels).toHaveLength(2);
  });

  it('daily stats are summed; the log probe counts, nothing else', () => {
    expect(dailyStatsRecord(fixture('hardened/stats-daily.json'))).toEqual({ days: 2, logins: 23916, signups: 605, leakedPasswords: 6 });
    expect(logProbeRecord([])).toEqual({ events: 0 });
    expect(logProbeRecord({ not: 'an array' })).toEqual({ events: 0 });
  });

  it('signing keys: kid and state only, manual rotation', () => {
    const keys = signingKeyRecords(fixture('hardened/keys-signing.json'));
    expect(signingKeyFacts(keys)).toEqual({
      rotation: 'manual',
      lastRotated: '2026-09-01T10:00:00.000Z',
      keys: [
        { kid: 'hard-key-2026-09', status: 'current', since: '2026-09-01T10:00:00.000Z' },
        { kid: 'hard-key-2026-12', status: 'next' },
        { kid: 'hard-key-2026-06', status: 'previous' },
      ],
    });
    expect(signingKeyRecords([{ kid: 'old', revoked: true, current: false }, { cert: 'no kid' }])).toEqual([{ kid: 'old', status: 'disabled' }]);
  });

  it('the whole weak tenant assembles without throwing on hostile shapes', () => {
    const hostile: Auth0Collected = {
      ...collectedFrom('weak'),
      tenant: observed(tenantRecord('not an object')),
      clients: observed(defined([42, null, 'x', { client_id: 7 }].map(clientFacts))),
      factors: observed(factorRecords({ unexpected: true })),
      logStreams: observed(logStreamRecords([{ type: 5 }])),
    };
    const facts = interpretAuth0(hostile, TENANT);
    expect(value(facts.clients)).toEqual([]);
    expect(value(facts.monitoring).streams).toEqual([{ name: '(unnamed)', type: 'unknown', status: 'unknown' }]);
  });
});

describe('users', () => {
  it('a social primary identity is federated; numeric upstream ids are kept as text', () => {
    const mapped = userProfile({
      user_id: 'github|4242',
      email: 'octo@example.com',
      email_verified: false,
      name: 'Octo Cat',
      identities: [{ provider: 'github', user_id: 4242, connection: 'github', isSocial: true }],
      blocked: true,
    });
    expect(mapped?.profile).toMatchObject({ origin: 'federated', status: 'disabled', links: [{ kind: 'federated-identity', via: 'github', value: 'github|4242' }], names: { full: 'Octo Cat' } });
  });

  it('counts, and nothing else', () => {
    const counter = new UserStatsCounter();
    for (const raw of (fixture('users-page.json') as { users: unknown[] }).users) {
      const mapped = userProfile(raw);
      if (mapped) counter.add(mapped.profile, mapped.identities);
    }
    expect(counter.facts(10)).toEqual({ total: 10, read: 4, enabled: 3, disabled: 1, emailVerified: 2, emailUnverified: 1, withFederatedIdentity: 2, withSeveralIdentities: 1 });
    expect(userProfile({ email: 'no-id@example.com' })).toBeUndefined();
  });

  it('export lines: gzip or plain, CRLF or LF, blank lines skipped', async () => {
    const text = '{"a":1}\r\n\r\n{"b":2}\n';
    const read = async (body: Buffer) => {
      const out: string[] = [];
      for await (const line of ndjsonLines(Readable.from([body]))) out.push(line);
      return out;
    };
    expect(await read(Buffer.from(text))).toEqual(['{"a":1}', '{"b":2}']);
    expect(await read(gzipSync(text))).toEqual(['{"a":1}', '{"b":2}']);
  });
});

describe('scopes', () => {
  it('from the token response, else the scope or permissions claim', () => {
    expect(grantedScopes(['read:users'], fakeJwt({ scope: 'read:clients' }))).toEqual(['read:users']);
    expect(grantedScopes(undefined, fakeJwt({ scope: 'read:clients  read:logs' }))).toEqual(['read:clients', 'read:logs']);
    expect(grantedScopes([], fakeJwt({ permissions: ['read:stats', 3] }))).toEqual(['read:stats']);
    expect(grantedScopes(undefined, 'not-a-jwt')).toBeUndefined();
    expect(grantedScopes(undefined, fakeJwt({}))).toBeUndefined();
  });

  it('unknown grants allow every read; known grants only those', () => {
    expect(scopeChecker(undefined)('read:users')).toBe(true);
    expect(scopeChecker(['read:clients'])('read:users')).toBe(false);
  });
});
