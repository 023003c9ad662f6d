import { describe, expect, it } from 'vitest';
import { auth0Connector } from '../../../connectors/auth0/index.js';
import type { Observation } from '../../../src/model/observation.js';
import { ALL_SCOPES, DOMAIN, SECRET, fakeTenant, target } from './fake-tenant.js';
import { paths, reason, scan, useNock, value } from './harness.js';

useNock();

describe('auth0 collect: configuration', () => {
  it('a weak tenant: every section is read and shows each weakness', async () => {
    const fake = fakeTenant({ fixture: 'weak' });
    const { snapshot, facts } = await scan(target());
    expect(snapshot.errors).toEqual([]);
    expect(snapshot.product).toBe('auth0');
    expect(snapshot.kind).toBe('identity-store');
    expect(snapshot.coverage.missingPermissions).toEqual([]);
    expect(facts.scope).toEqual({ kind: 'tenant', name: DOMAIN });
    expect(value(facts.issuers)).toEqual([`https://${DOMAIN}/`]);

    const clients = value(facts.clients);
    const spa = clients.find((c) => c.name === 'Shop SPA');
    expect(spa).toMatchObject({ type: 'public', appType: 'spa', authMethod: 'none', pkce: { required: 'unknown' } });
    expect(spa?.grants).toEqual(expect.arrayContaining(['implicit', 'password', 'refresh_token']));
    expect(spa?.redirectUris).toContain('https://*.shop.example.com/callback');
    expect(spa?.postLogoutRedirectUris).toEqual(['*']);
    expect(spa?.refreshTokens).toEqual({ issued: true, rotation: 'static' });
    expect(spa?.lifetimes).toEqual({ refreshAbsoluteSeconds: null, refreshIdleSeconds: null });
    expect(clients.find((c) => c.name === 'All Applications')?.builtIn).toBe(true);
    expect(clients.find((c) => c.name === 'Back office')).toMatchObject({ serviceAccount: true, deviceGrant: true, authMethod: 'client_secret_post' });

    expect(value(facts.identityProviders)).toEqual([expect.objectContaining({ alias: 'google-oauth2', provider: 'google', category: 'social', enabled: true })]);
    expect(value(facts.passwordPolicy)).toMatchObject({ minLength: 6, composition: [], blocklist: false, breachedPasswordCheck: false });
    expect(value(facts.bruteForce)).toMatchObject({ accountLockout: false, ipThrottling: false, botDetection: false });
    const authn = value(facts.authentication);
    expect(authn.factors.filter((f) => f.enabled).map((f) => f.type)).toEqual(['sms']);
    expect(authn.mfaPolicy).toBe('optional');
    expect(authn.adaptive.riskBased).toBe(false);
    expect(authn.passwordLogin).toBe(true);
    const monitoring = value(facts.monitoring);
    expect(monitoring.streams).toEqual([]);
    expect(monitoring.logApi).toEqual({ reachable: true, recentEvents: 1 });
    expect(monitoring.riskAnalytics.produced).toBe(false);
    expect(value(facts.provisioning)).toEqual({ lifecycleChannels: [] });
    expect(value(facts.clientRegistration)).toMatchObject({ anonymousAllowed: true, restricted: false });
    expect(value(facts.sessions)).toEqual({ idleSeconds: 168 * 3600, absoluteSeconds: 720 * 3600 });
    expect(value(facts.registration)).toMatchObject({ selfService: true, botProtection: false, emailAsUsername: true, progressiveProfiling: { enabled: false }, preRegistrationHooks: 0 });
    expect(value(facts.signingKeys)).toEqual({ rotation: 'manual', lastRotated: '2019-03-01T10:00:00.000Z', keys: [{ kid: 'weak-key-2019', status: 'current', since: '2019-03-01T10:00:00.000Z' }] });
    expect(value(facts.userStats)).toMatchObject({ total: 4, read: 4, disabled: 1, emailUnverified: 1, withSeveralIdentities: 1, withFederatedIdentity: 2 });
    expect(snapshot.profiles?.size).toBe(4);
    expect(fake.hits('POST /oauth/token')).toBe(1);
    expect(snapshot.coverage.datasets.map((d) => [d.name, d.state])).toEqual([
      ['clients', 'complete'],
      ['connections', 'complete'],
      ['database-connections', 'complete'],
      ['users', 'complete'],
    ]);
  });

  it('a hardened tenant: the same sections show the good settings', async () => {
    fakeTenant({ fixture: 'hardened' });
    const { snapshot, facts } = await scan(target());
    expect(snapshot.errors).toEqual([]);
    const portal = value(facts.clients).find((c) => c.name === 'Account portal');
    expect(portal).toMatchObject({ type: 'confidential', authMethod: 'private_key_jwt', parRequired: true, senderConstrained: { mtls: true }, backchannelLogoutUri: 'https://account.example.com/backchannel-logout' });
    expect(value(facts.clients).find((c) => c.name === 'Shop SPA')).toMatchObject({ refreshTokens: { issued: true, rotation: 'rotating' }, lifetimes: { refreshAbsoluteSeconds: 2592000, refreshIdleSeconds: 86400 } });
    expect(value(facts.identityProviders).map((p) => [p.alias, p.category, p.protocol])).toEqual([
      ['apple', 'social', 'oidc'],
      ['partner-sso', 'enterprise', 'saml'],
    ]);
    expect(value(facts.passwordPolicy)).toMatchObject({ minLength: 15, blocklist: true, breachedPasswordCheck: true, historyCount: 5, notEmail: true });
    expect(value(facts.bruteForce)).toMatchObject({ accountLockout: true, maxAttempts: 10, ipThrottling: true, botDetection: true, selfServiceUnlock: true });
    const authn = value(facts.authentication);
    expect(authn.mfaPolicy).toBe('conditional');
    expect(authn.adaptive).toMatchObject({ riskBased: true });
    expect(authn.factors.filter((f) => f.enabled).map((f) => f.type).sort()).toEqual(['otp', 'passkey', 'recovery-code', 'webauthn', 'webauthn']);
    const monitoring = value(facts.monitoring);
    expect(monitoring.streams).toEqual([
      { name: 'SIEM', type: 'http', status: 'active' },
      { name: 'Lifecycle events', type: 'eventbridge', status: 'paused' },
    ]);
    expect(monitoring.riskAnalytics).toMatchObject({ produced: true });
    expect(value(facts.provisioning).lifecycleChannels?.map((c) => c.name)).toEqual([
      'post-user-registration: Send new customer to CRM',
      'post-login: Ask for missing profile data',
      'http: SIEM',
      'eventbridge: Lifecycle events',
    ]);
    expect(value(facts.clientRegistration)).toMatchObject({ anonymousAllowed: false });
    expect(value(facts.sessions)).toEqual({ idleSeconds: 30 * 60, absoluteSeconds: 720 * 60 });
    expect(value(facts.registration)).toMatchObject({ selfService: true, botProtection: true, preRegistrationHooks: 1, progressiveProfiling: { enabled: 'unknown' } });
    expect(value(facts.signingKeys).keys.map((k) => k.status)).toEqual(['current', 'next', 'previous']);
  });

  it('never puts a secret, a token, key material or a person into the snapshot', async () => {
    fakeTenant({ fixture: 'hardened' });
    const { snapshot, test } = await scan(target());
    const printed = JSON.stringify({ facts: snapshot.facts, errors: snapshot.errors, coverage: snapshot.coverage });
    for (const secret of [SECRET, 'INVENTED-SIEM-TOKEN', 'INVENTEDCURRENT', 'BEGIN CERTIFICATE', 'ada.lovelace@example.com', 'Lovelace', '+1555']) {
      expect(printed).not.toContain(secret);
    }
    // Client secrets are never asked for.
    const clients = test.requests.find((r) => r.url.includes('/api/v2/clients'));
    expect(new URL(clients!.url).searchParams.get('fields')).not.toContain('client_secret');
    expect(new URL(clients!.url).searchParams.get('include_fields')).toBe('true');
  });
});

describe('auth0 collect: permissions', () => {
  it('does not request what the token was not granted, and names the scope', async () => {
    const granted = ALL_SCOPES.filter((s) => !['read:attack_protection', 'read:logs', 'read:connections_options'].includes(s));
    const fake = fakeTenant({ scopes: granted });
    const { snapshot, facts, test } = await scan(target());
    expect(paths(test).some((p) => p.includes('/attack-protection/') || p.endsWith('/logs'))).toBe(false);
    expect(test.requests.some((r) => r.url.includes('strategy=auth0'))).toBe(false);
    expect(reason(facts.bruteForce)).toMatchObject({ kind: 'no-permission', permission: 'read:attack_protection' });
    expect(reason(facts.passwordPolicy)).toMatchObject({ kind: 'no-permission', permission: 'read:connections_options' });
    expect(value(facts.monitoring).userEvents.enabled).toBe('unknown');
    expect(value(facts.monitoring).logApi).toBeUndefined();
    expect(value(facts.registration).botProtection).toBe('unknown');
    // Sections whose scope was granted are still read.
    expect(value(facts.clients).length).toBe(3);
    expect(value(facts.authentication).mfaPolicy).toBe('optional');
    expect(snapshot.coverage.missingPermissions).toEqual(['read:attack_protection', 'read:connections_options', 'read:logs']);
    expect(snapshot.coverage.datasets.find((d) => d.name === 'database-connections')).toBeUndefined();
    expect(snapshot.errors).toEqual([]);
    expect(fake.hits('GET /api/v2/attack-protection/brute-force-protection')).toBe(0);
  });

  it('reads the grants from the access token when the token response has no scope', async () => {
    fakeTenant({ scopes: null, tokenScopeClaim: ALL_SCOPES.filter((s) => s !== 'read:users') });
    const { snapshot, facts, test } = await scan(target());
    expect(paths(test)).not.toContain('GET /api/v2/users');
    expect(reason(facts.userStats)).toMatchObject({ kind: 'no-permission', permission: 'read:users' });
    expect(snapshot.coverage.datasets.find((d) => d.name === 'users')).toMatchObject({ state: 'not-read' });
    expect(snapshot.coverage.missingPermissions).toEqual(['read:users']);
    expect(value(facts.clients).length).toBe(3);
  });

  it('tries every section when the grants are unknown; a 403 makes that one section unknown', async () => {
    fakeTenant({
      scopes: null,
      routes: {
        'GET /api/v2/log-streams': () => [403, { statusCode: 403, error: 'Forbidden', message: 'Insufficient scope, expected any of: read:log_streams', errorCode: 'insufficient_scope' }],
      },
    });
    const { snapshot, facts } = await scan(target());
    expect(reason(facts.monitoring)).toMatchObject({ kind: 'no-permission', permission: 'read:log_streams' });
    expect(snapshot.coverage.missingPermissions).toEqual(['read:log_streams']);
    expect(snapshot.errors).toEqual([]);
    expect(value(facts.bruteForce).accountLockout).toBe(false);
    expect(value(facts.signingKeys).keys).toHaveLength(1);
    // Without the streams nothing says whether a lifecycle channel exists.
    expect(reason(facts.provisioning)).toMatchObject({ permission: 'read:log_streams' });
  });

  it('bot detection missing from the plan is "not available", not a missing scope', async () => {
    fakeTenant({ routes: { 'GET /api/v2/attack-protection/bot-detection': () => [403, { statusCode: 403, error: 'Forbidden', message: 'This feature is not enabled for this tenant.' }] } });
    const { snapshot, facts } = await scan(target());
    expect(value(facts.bruteForce).botDetection).toBe('unknown');
    expect(snapshot.coverage.missingPermissions).toEqual([]);
    expect(snapshot.errors).toEqual([]);
  });

  it('a token the tenant refuses: one coded error, every section unknown, nothing else sent', async () => {
    fakeTenant({ tokenReply: [401, { error: 'access_denied', error_description: 'Unauthorized' }] });
    const { snapshot, facts, test } = await scan(target());
    expect(paths(test)).toEqual(['POST /oauth/token']);
    expect(snapshot.errors).toHaveLength(1);
    expect(snapshot.errors[0]).toMatchObject({ code: 'AUTH_FAILED', endpoint: `https://${DOMAIN}/oauth/token` });
    expect(snapshot.errors[0]?.message.split('\n')).toHaveLength(1);
    expect(JSON.stringify(snapshot.errors)).not.toContain(SECRET);
    const sections: Array<Observation<unknown> | undefined> = [facts.clients, facts.bruteForce, facts.authentication, facts.monitoring, facts.userStats, facts.passwordPolicy];
    for (const section of sections) {
      expect(reason(section).kind).toBe('collection-error');
    }
    expect(value(facts.issuers)).toEqual([`https://${DOMAIN}/`]);
    expect(snapshot.coverage.datasets).toEqual([expect.objectContaining({ name: 'users', state: 'not-read' })]);
  });
});

describe('auth0 collect: failures stay local', () => {
  it('429 with Auth0 rate-limit headers: waited for and retried, throttling counted', async () => {
    fakeTenant({
      routes: {
        'GET /api/v2/clients': ({ hit }) =>
          hit === 0
            ? [429, { statusCode: 429, error: 'Too Many Requests', message: 'Global limit has been reached' }, { 'x-ratelimit-limit': '2', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(Math.floor(Date.now() / 1000)) }]
            : undefined,
      },
    });
    const { snapshot, facts } = await scan(target());
    expect(snapshot.errors).toEqual([]);
    expect(value(facts.clients)).toHaveLength(3);
    expect(snapshot.coverage.throttled).toBeGreaterThanOrEqual(1);
    expect(snapshot.coverage.retries).toBeGreaterThanOrEqual(1);
  });

  it('a 5xx on a later page keeps the pages read and marks the dataset partial', async () => {
    const clients = Array.from({ length: 150 }, (_, i) => ({ client_id: `InventedClient${String(i).padStart(18, '0')}`, name: `App ${i}`, app_type: 'regular_web', grant_types: ['authorization_code'], callbacks: [`https://app${i}.example.com/cb`] }));
    fakeTenant({
      routes: {
        'GET /api/v2/clients': ({ url }) =>
          url.searchParams.get('page') === '0' ? [200, { start: 0, limit: 100, length: 100, total: 150, clients: clients.slice(0, 100) }] : [500, { statusCode: 500, error: 'Internal Server Error', message: 'boom' }],
      },
    });
    const { snapshot, facts } = await scan(target());
    expect(value(facts.clients)).toHaveLength(100);
    expect(snapshot.coverage.datasets.find((d) => d.name === 'clients')).toMatchObject({ state: 'partial', records: 100, total: 150, pages: 1 });
    expect(snapshot.errors).toEqual([expect.objectContaining({ code: 'SERVER_ERROR', status: 500 })]);
    expect(value(facts.bruteForce)).toBeDefined();
  });

  it('paging through several pages of clients to the end', async () => {
    const clients = Array.from({ length: 230 }, (_, i) => ({ client_id: `InventedClient${String(i).padStart(18, '0')}`, name: `App ${i}`, app_type: 'spa', grant_types: ['authorization_code'] }));
    fakeTenant({
      routes: {
        'GET /api/v2/clients': ({ url }) => {
          const page = Number(url.searchParams.get('page'));
          const slice = clients.slice(page * 100, page * 100 + 100);
          return [200, { start: page * 100, limit: 100, length: slice.length, total: clients.length, clients: slice }];
        },
      },
    });
    const { snapshot, facts } = await scan(target());
    expect(value(facts.clients)).toHaveLength(230);
    expect(snapshot.coverage.datasets.find((d) => d.name === 'clients')).toEqual({ name: 'clients', state: 'complete', records: 230, total: 230, pages: 3 });
  });

  it('HTML instead of JSON, and a truncated document: coded errors, the scan goes on', async () => {
    fakeTenant({
      routes: {
        'GET /api/v2/tenants/settings': () => [200, '<!DOCTYPE html><html><body>Login</body></html>', { 'content-type': 'text/html' }],
        'GET /api/v2/guardian/factors': () => [200, '[{"name":"sms","enabled":tr', { 'content-type': 'application/json' }],
      },
    });
    const { snapshot, facts } = await scan(target());
    expect(reason(facts.sessions)).toMatchObject({ kind: 'collection-error' });
    expect(reason(facts.clientRegistration).error?.code).toBe('NOT_JSON');
    expect(reason(facts.authentication).error?.code).toBe('INVALID_JSON');
    expect(snapshot.errors.map((e) => e.code).sort()).toEqual(['INVALID_JSON', 'NOT_JSON']);
    for (const error of snapshot.errors) expect(error.message).not.toMatch(/\n|\s{2,}at /);
    expect(value(facts.clients)).toHaveLength(3);
    expect(value(facts.userStats).read).toBe(4);
  });

  it('a custom domain: tokens and the Management API on the canonical domain, both issuers listed', async () => {
    fakeTenant();
    const config = target({ domain: 'login.shop.example.com', managementDomain: DOMAIN });
    expect(auth0Connector.namedHosts(config)).toEqual(['example-shop.eu.auth0.com', 'login.shop.example.com']);
    const { facts, test } = await scan(config);
    expect(value(facts.issuers)).toEqual(['https://login.shop.example.com/', `https://${DOMAIN}/`]);
    expect(test.requests.every((r) => new URL(r.url).hostname === DOMAIN)).toBe(true);
    expect(value(facts.clientRegistration).detail).toContain('https://login.shop.example.com/oidc/register');
  });
});
