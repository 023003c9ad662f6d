import { describe, expect, it } from 'vitest';
import { clientFromOktaApp } from '../../../connectors/okta/interpret-apps.js';
import { identityProviderFromOkta } from '../../../connectors/okta/interpret-idps.js';
import { profileFromOktaUser } from '../../../connectors/okta/interpret-users.js';
import { UserStatsCounter } from '../../../src/connector-kit/user-stats.js';
import { interpretOkta } from '../../../connectors/okta/interpret.js';
import { withoutSecrets } from '../../../connectors/okta/json.js';
import { unknownObservation, type Observation } from '../../../src/model/observation.js';
import { HARDENED, WEAK, fixture, orgFixture, rawFromOrg } from './helpers.js';

function value<T>(o: Observation<T> | undefined): T {
  if (!o || o.state !== 'observed') throw new Error(`not observed: ${JSON.stringify(o)}`);
  return o.value;
}

describe('interpretOkta on the weak org fixture', () => {
  const facts = interpretOkta(rawFromOrg(WEAK, orgFixture('org-weak.json')));

  it('password policy: short, no blocklist, composition and expiry imposed', () => {
    const p = value(facts.passwordPolicy);
    expect(p).toMatchObject({ minLength: 6, blocklist: false, breachedPasswordCheck: 'unknown', expiryDays: 90, notUsername: false });
    expect(p.composition.sort()).toEqual(['digits', 'upper']);
    expect(p.source).toContain('00pweakpasswd01');
  });

  it('brute force: no lockout, ThreatInsight off, no self-service unlock', () => {
    expect(value(facts.bruteForce)).toMatchObject({ accountLockout: false, ipThrottling: false, botDetection: 'unknown', selfServiceUnlock: false });
  });

  it('authentication: only weak factors, security questions for sign-in, no policy requiring MFA', () => {
    const a = value(facts.authentication);
    const enabled = a.factors.filter((f) => f.enabled).map((f) => f.type).sort();
    expect(enabled).toEqual(['email', 'security-question', 'sms']);
    expect(a.factors.find((f) => f.name === 'okta_verify')).toMatchObject({ enabled: false, numberMatching: false });
    expect(a.mfaPolicy).toBe('optional');
    expect(a.adaptive).toEqual({ riskBased: false, stepUp: false, mechanisms: [] });
    expect(a.passwordLogin).toBe(true);
    expect(a.webauthnUserVerification).toBeUndefined();
  });

  it('identity provider: Google with automatic linking and no filter', () => {
    expect(value(facts.identityProviders)).toEqual([
      expect.objectContaining({ alias: 'Google', provider: 'google', category: 'social', enabled: true, linking: expect.objectContaining({ mode: 'automatic', matchOn: 'email' }) }),
    ]);
  });

  it('clients: the SPA has implicit, wildcard and http redirect URIs, no PKCE, static refresh tokens; SAML apps are not clients', () => {
    const clients = value(facts.clients);
    expect(clients).toHaveLength(1);
    expect(clients[0]).toMatchObject({
      id: '0oaweakspa0001',
      type: 'public',
      appType: 'spa',
      authMethod: 'none',
      pkce: { required: false },
      refreshTokens: { issued: true, rotation: 'static' },
      redirectUris: ['https://*.shop.example.com/callback', 'http://shop.example.com/cb'],
    });
    expect(clients[0]?.grants).toEqual(['authorization_code', 'implicit', 'refresh_token']);
  });

  it('sessions, tokens and keys: no absolute session limit, day-long access tokens, endless refresh tokens, manual rotation', () => {
    expect(value(facts.sessions)).toEqual({ idleSeconds: 720 * 60, absoluteSeconds: null });
    expect(value(facts.tokens)).toEqual({ refreshRotation: 'static', accessTokenSeconds: 86_400, refreshAbsoluteSeconds: null, refreshIdleSeconds: 10_080 * 60 });
    expect(value(facts.signingKeys)).toMatchObject({ rotation: 'manual', lastRotated: '2023-01-10T09:00:00.000Z', keys: [{ kid: 'weak-signing-kid-1', status: 'current' }] });
    expect(value(facts.issuers)).toEqual([WEAK, `${WEAK}/oauth2/default`]);
  });

  it('registration: open sign-up without email verification or progressive profiling', () => {
    expect(value(facts.registration)).toMatchObject({ selfService: true, emailVerification: 'optional', progressiveProfiling: { enabled: false }, preRegistrationHooks: 0, botProtection: 'unknown' });
  });

  it('monitoring and provisioning: no stream, no event hook, no risk analytics; the log API answers', () => {
    expect(value(facts.monitoring)).toMatchObject({ streams: [], riskAnalytics: { produced: false }, logApi: { reachable: true, recentEvents: 1 }, userEvents: { enabled: true, retentionDays: 90 } });
    expect(value(facts.provisioning)).toEqual({ lifecycleChannels: [] });
    expect(facts.scope).toEqual({ kind: 'org', name: 'weak-org.okta.com' });
  });
});

describe('interpretOkta on the hardened org fixture', () => {
  const facts = interpretOkta(rawFromOrg(HARDENED, orgFixture('org-hardened.json')));

  it('strong password, lockout, blocklist and breached-password protection', () => {
    expect(value(facts.passwordPolicy)).toMatchObject({ minLength: 15, composition: [], blocklist: true, breachedPasswordCheck: true, historyCount: 4, notUsername: true });
    expect(value(facts.passwordPolicy).expiryDays).toBeUndefined();
    expect(value(facts.bruteForce)).toMatchObject({ accountLockout: true, maxAttempts: 10, permanentLockout: false, selfServiceUnlock: true, ipThrottling: true });
    expect(value(facts.bruteForce).detail).toContain('2 active blocklist network zone(s)');
  });

  it('MFA always, phishing-resistant factor, number matching, adaptive and risk-based', () => {
    const a = value(facts.authentication);
    expect(a.mfaPolicy).toBe('always');
    expect(a.factors.find((f) => f.type === 'webauthn')?.enabled).toBe(true);
    expect(a.factors.find((f) => f.name === 'okta_verify')).toMatchObject({ enabled: true, numberMatching: true });
    expect(a.factors.find((f) => f.name === 'okta_email')).toMatchObject({ enabled: false, detail: expect.stringContaining('recovery') });
    expect(a.factors.find((f) => f.type === 'security-question')?.enabled).toBe(false);
    expect(a.webauthnUserVerification).toBe('required');
    expect(a.adaptive.riskBased).toBe(true);
    expect(a.adaptive.stepUp).toBe(true);
    expect(a.adaptive.mechanisms).toEqual(
      expect.arrayContaining(['ThreatInsight blocks suspicious IPs before authentication', 'policy rule with risk level HIGH', 'policy rule with network-zone condition', '2 behavior detection(s) active']),
    );
  });

  it('IdPs: linking disabled or restricted; enterprise IdPs validate signatures', () => {
    const idps = value(facts.identityProviders);
    expect(idps.find((i) => i.alias === 'Google')?.linking.mode).toBe('disabled');
    expect(idps.find((i) => i.alias === 'Partner SAML')).toMatchObject({ protocol: 'saml', category: 'enterprise', validateSignature: true, wantAssertionsSigned: true, linking: { mode: 'custom' } });
    expect(idps.find((i) => i.alias === 'Workforce OIDC')).toMatchObject({ protocol: 'oidc', validateSignature: true, linking: { mode: 'disabled', matchOn: 'email' } });
  });

  it('clients: PKCE required, rotating and DPoP-bound refresh tokens, private_key_jwt', () => {
    const clients = value(facts.clients);
    expect(clients.find((c) => c.appType === 'spa')).toMatchObject({ pkce: { required: true, method: 'S256' }, refreshTokens: { rotation: 'rotating' }, senderConstrained: { dpop: true } });
    expect(clients.find((c) => c.appType === 'web')).toMatchObject({ type: 'confidential', authMethod: 'private_key_jwt', grants: ['authorization_code'] });
    expect(value(facts.tokens)).toEqual({ refreshRotation: 'rotating', accessTokenSeconds: 900, refreshAbsoluteSeconds: 129_600 * 60, refreshIdleSeconds: 10_080 * 60 });
  });

  it('only active authorization servers count; automatic rotation', () => {
    expect(value(facts.issuers)).toEqual([HARDENED, `${HARDENED}/oauth2/aushardcustomer`]);
    expect(value(facts.signingKeys)).toMatchObject({ rotation: 'automatic', keys: [{ kid: 'hard-signing-kid-7', status: 'current', since: '2025-11-20T09:00:00.000Z' }] });
  });

  it('sessions bounded; sign-up verified, progressive, with a pre-registration hook', () => {
    expect(value(facts.sessions)).toEqual({ idleSeconds: 3600, absoluteSeconds: 43_200 });
    expect(value(facts.registration)).toMatchObject({
      selfService: true,
      emailVerification: 'required',
      progressiveProfiling: { enabled: true },
      preRegistrationHooks: 1,
      emailAsUsername: true,
    });
  });

  it('streams, verified lifecycle hooks and risk analytics', () => {
    expect(value(facts.monitoring)).toMatchObject({ streams: [{ name: 'SIEM via EventBridge', type: 'aws_eventbridge', status: 'active' }], riskAnalytics: { produced: true } });
    expect(value(facts.provisioning).lifecycleChannels).toEqual([
      { kind: 'event-hook', name: 'CRM lifecycle sync', active: true, verified: true, events: ['user.account.update_profile', 'user.lifecycle.create', 'user.lifecycle.delete.initiated'] },
    ]);
  });
});

describe('interpretOkta with unread sections', () => {
  it('an unread source makes the derived sections unknown for the same reason, and partial rule reads never pass', () => {
    const raw = rawFromOrg(WEAK, orgFixture('org-weak.json'));
    const denied = unknownObservation<never>({ kind: 'no-permission', detail: 'access denied (HTTP 403)', permission: 'okta.policies.read' });
    raw.policies.PASSWORD = denied;
    raw.policies.ACCESS_POLICY = denied;
    raw.policies.OKTA_SIGN_ON = denied;
    raw.logStreams = unknownObservation({ kind: 'no-permission', detail: 'x', permission: 'okta.logStreams.read' });
    const facts = interpretOkta(raw);
    expect(facts.passwordPolicy).toMatchObject({ state: 'unknown', reason: { permission: 'okta.policies.read' } });
    expect(facts.bruteForce).toMatchObject({ state: 'unknown', reason: { permission: 'okta.policies.read' } });
    expect(facts.sessions?.state).toBe('unknown');
    expect(facts.monitoring).toMatchObject({ state: 'unknown', reason: { permission: 'okta.logStreams.read' } });
    // Factors are still read; whether a policy applies them is not known.
    expect(value(facts.authentication)).toMatchObject({ mfaPolicy: 'unknown', adaptive: { riskBased: 'unknown', stepUp: 'unknown' } });
    expect(value(facts.clients)).toHaveLength(1);
  });
});

describe('real Okta samples', () => {
  it('maps the recorded OIDC IdP (fixtures/real-world/api/okta/idps-oidc.json) and never keeps its client secret', () => {
    const [idp] = fixture<Array<Record<string, unknown>>>('real-world/api/okta/idps-oidc.json');
    const stripped = withoutSecrets(idp) as Record<string, unknown>;
    expect(JSON.stringify(stripped)).not.toContain('client_secret');
    expect(identityProviderFromOkta(stripped)).toEqual({
      alias: 'testAcc_2314573173',
      displayName: 'testAcc_2314573173',
      protocol: 'oidc',
      provider: 'oidc',
      category: 'enterprise',
      enabled: true,
      linking: { mode: 'automatic', matchOn: 'email', detail: 'accountLink AUTO without a filter' },
      validateSignature: true,
      syncMode: 'provisioning AUTO',
    });
  });

  it('maps the recorded users (fixtures/real-world/api/okta/users-search.json)', () => {
    const users = fixture<unknown[]>('real-world/api/okta/users-search.json');
    const profiles = users.map((u) => profileFromOktaUser(u));
    expect(profiles).toHaveLength(3);
    expect(profiles[0]).toEqual({
      localId: '00ukwqre2mO7GsSnm1d7',
      emails: [{ address: 'john_3352527563@unknown.com', primary: true }],
      phones: [],
      names: { given: 'TestAcc', family: 'Doe' },
      links: [],
      status: 'active',
      origin: 'local',
      createdAt: '2025-03-13T23:26:50.000Z',
      updatedAt: '2025-03-13T23:26:50.000Z',
      filledAttributes: 4,
    });
  });
});

describe('profileFromOktaUser on the synthetic users', () => {
  const page = fixture<unknown[]>('okta/users-page-1.json');

  it('emails with verification from credentials.emails, phones, names, status, origin, times', () => {
    expect(profileFromOktaUser(page[0])).toMatchObject({
      localId: '00uokta0001',
      emails: [
        { address: 'casey.river@example.com', primary: true, verified: true },
        { address: 'c.river@example.net', primary: false },
      ],
      phones: ['+31 6 5550 0100'],
      names: { given: 'Casey', family: 'River' },
      status: 'active',
      origin: 'local',
      lastLoginAt: '2026-01-05T08:00:00.000Z',
      filledAttributes: 8,
    });
    expect(profileFromOktaUser(page[1])).toMatchObject({ status: 'disabled', emails: [{ verified: false }] });
  });

  it('a social user carries its upstream IdP as a federated link; linked IdPs are added', () => {
    expect(profileFromOktaUser(page[2])).toMatchObject({ origin: 'federated', links: [{ kind: 'federated-identity', via: 'Google', value: '' }] });
    expect(profileFromOktaUser(page[0], ['Google', 'Partner SAML'])?.links.map((l) => l.via)).toEqual(['Google', 'Partner SAML']);
  });

  it('user stats are counts only', () => {
    const counter = new UserStatsCounter();
    for (const u of [...page, ...fixture<unknown[]>('okta/users-page-2.json')]) {
      const p = profileFromOktaUser(u);
      if (p) counter.add(p);
    }
    expect(counter.facts()).toEqual({ total: 5, read: 5, enabled: 3, disabled: 2, emailVerified: 1, emailUnverified: 1, withFederatedIdentity: 2, withSeveralIdentities: 0 });
  });

  it('a record without an id is skipped', () => {
    expect(profileFromOktaUser({ status: 'ACTIVE' })).toBeUndefined();
  });
});

describe('clientFromOktaApp', () => {
  it('a token response type is implicit even when the grant is not listed; unknown PKCE stays unknown', () => {
    const client = clientFromOktaApp({
      id: 'x',
      status: 'INACTIVE',
      signOnMode: 'OPENID_CONNECT',
      credentials: { oauthClient: { client_id: 'cid' } },
      settings: { oauthClient: { grant_types: ['authorization_code', 'urn:ietf:params:oauth:grant-type:device_code'], response_types: ['code', 'token'], application_type: 'native' } },
    });
    expect(client).toMatchObject({ id: 'cid', enabled: false, type: 'unknown', appType: 'native', pkce: { required: 'unknown' }, deviceGrant: true });
    expect(client.grants).toEqual(['authorization_code', 'device_code', 'implicit']);
  });
});
