import { describe, expect, it } from 'vitest';
import { clientFacts, realmClientDefaults } from '../../../connectors/keycloak/clients.js';
import { clientRegistrationFacts, directoryFederation, signingKeyFacts } from '../../../connectors/keycloak/components.js';
import { flowTree, linkingOf, registrationCaptcha } from '../../../connectors/keycloak/flows.js';
import { interpretKeycloak } from '../../../connectors/keycloak/interpret.js';
import type { Json } from '../../../connectors/keycloak/json.js';
import type { KeycloakRaw } from '../../../connectors/keycloak/raw.js';
import { parsePasswordPolicy, passwordPolicyFacts } from '../../../connectors/keycloak/realm.js';
import { federatedIdentityLinks, userToProfile } from '../../../connectors/keycloak/users.js';
import { UserStatsCounter } from '../../../src/connector-kit/user-stats.js';
import { observed, unknownObservation, type Observation } from '../../../src/model/observation.js';
import { fixture, realWorld } from './mock-keycloak.js';

const ISSUER = 'https://sso.example.com/realms/customers';

function raw(set: 'weak' | 'hardened', overrides: Partial<KeycloakRaw> = {}): KeycloakRaw {
  const f = (name: string) => fixture(`${set}/${name}`);
  const flows = new Map<string, Observation<Json[]>>([
    ['browser', observed(f('flow-browser.json') as Json[])],
    ['registration', observed(f('flow-registration.json') as Json[])],
    ['first broker login', observed(f('flow-first-broker-login.json') as Json[])],
  ]);
  if (set === 'weak') flows.set('autolink', observed(f('flow-autolink.json') as Json[]));
  return {
    realmName: 'customers',
    issuer: ISSUER,
    realm: observed(f('realm.json') as Json),
    eventsConfig: observed(f('events-config.json') as Json),
    identityProviders: observed(f('identity-providers.json') as Json[]),
    flows,
    requiredActions: observed(f('required-actions.json') as Json[]),
    clients: observed(f('clients.json') as Json[]),
    userStorage: observed(f('components-user-storage.json') as Json[]),
    registrationPolicies: observed(f('components-client-registration.json') as Json[]),
    keys: observed(f('keys.json') as Json),
    userProfile: observed(f('user-profile.json') as Json),
    ...overrides,
  };
}

function value<T>(o: Observation<T> | undefined): T {
  expect(o?.state).toBe('observed');
  return (o as { value: T }).value;
}

const mapping = { phoneAttributes: ['phoneNumber', 'mobile'] };

describe('interpretKeycloak: the weak realm', () => {
  const facts = interpretKeycloak(raw('weak'));

  it('realm settings', () => {
    expect(value(facts.transportSecurity)).toEqual({ sslRequired: 'none' });
    expect(value(facts.bruteForce)).toMatchObject({ accountLockout: false, ipThrottling: 'unknown', botDetection: 'unknown' });
    expect(value(facts.passwordPolicy)).toMatchObject({ minLength: 6, composition: ['digits', 'upper', 'special'], expiryDays: 90, blocklist: false, breachedPasswordCheck: false });
    expect(value(facts.sessions)).toEqual({ idleSeconds: 1800, absoluteSeconds: null, rememberMe: { idleSeconds: 1800, absoluteSeconds: null } });
    expect(value(facts.tokens)).toEqual({ accessTokenSeconds: 3600, authorizationCodeSeconds: 60, refreshRotation: 'static', refreshAbsoluteSeconds: null, refreshIdleSeconds: 1800 });
    expect(value(facts.issuers)).toEqual([ISSUER]);
  });

  it('registration without CAPTCHA, verification or progressive profiling', () => {
    expect(value(facts.registration)).toEqual({
      selfService: true,
      emailAsUsername: true,
      botProtection: false,
      emailVerification: 'optional',
      duplicateEmailsAllowed: true,
      progressiveProfiling: { enabled: false, mechanism: 'no user-profile attribute is limited to a client scope' },
    });
  });

  it('events off, only the logging listener', () => {
    expect(value(facts.monitoring)).toMatchObject({ userEvents: { enabled: false, retentionDays: null, types: 'all' }, adminEvents: { enabled: false, details: false }, streams: [], listeners: ['jboss-logging'] });
    expect(value(facts.provisioning).lifecycleChannels).toEqual([]);
  });

  it('a Google OIDC broker that trusts email, auto-links and skips signature validation', () => {
    const [google, saml] = value(facts.identityProviders);
    expect(google).toEqual({
      alias: 'google',
      displayName: 'Google',
      protocol: 'oidc',
      provider: 'google',
      category: 'social',
      enabled: true,
      trustEmail: true,
      syncMode: 'IMPORT',
      validateSignature: false,
      pkce: { enabled: false },
      linking: { mode: 'automatic', matchOn: 'email', detail: expect.stringContaining('idp-auto-link') as string },
    });
    expect(saml).toMatchObject({ alias: 'partner-saml', protocol: 'saml', category: 'enterprise', wantAssertionsSigned: false, validateSignature: true, linking: { mode: 'reauthenticate' } });
  });

  it('clients: a wide-open public client and a confidential one with a service account', () => {
    const clients = value(facts.clients);
    const spa = clients.find((c) => c.id === 'storefront-spa');
    expect(spa).toMatchObject({
      type: 'public',
      appType: 'spa',
      builtIn: false,
      authMethod: 'none',
      redirectUris: ['https://*.example.com/*'],
      webOrigins: ['*'],
      pkce: { required: false },
      postLogoutRedirectUris: 'same-as-redirect',
      refreshTokens: { issued: true, rotation: 'static' },
    });
    expect(spa?.grants).toEqual(['authorization_code', 'implicit', 'password', 'refresh_token']);
    const backend = clients.find((c) => c.id === 'orders-backend');
    expect(backend).toMatchObject({ type: 'confidential', appType: 'web', authMethod: 'client_secret_basic', serviceAccount: true, lifetimes: { accessTokenSeconds: 3600, refreshAbsoluteSeconds: null, refreshIdleSeconds: 1800 } });
    expect(backend?.grants).toEqual(['authorization_code', 'client_credentials', 'refresh_token']);
    expect(clients.filter((c) => c.builtIn).map((c) => c.id)).toEqual(['account', 'account-console', 'admin-cli', 'broker', 'realm-management', 'security-admin-console']);
    expect(JSON.stringify(clients)).not.toContain('fixture-not-a-real-secret');
  });

  it('LDAP in clear text, writable; anonymous client registration without trusted hosts', () => {
    expect(value(facts.provisioning).directoryFederation).toEqual([
      { name: 'corp-ldap', vendor: 'other', connectionUrl: 'ldap://ldap.example.com:389', startTls: false, editMode: 'WRITABLE', fullSyncPeriodSeconds: -1, changedSyncPeriodSeconds: -1, enabled: true },
    ]);
    expect(value(facts.clientRegistration)).toMatchObject({ anonymousAllowed: true, restricted: false });
  });

  it('OTP only for users who set it up; password login on', () => {
    const auth = value(facts.authentication);
    expect(auth).toMatchObject({ mfaPolicy: 'optional', passwordLogin: true, adaptive: { riskBased: false, stepUp: false, mechanisms: [] } });
    expect(auth.factors).toEqual([{ type: 'otp', name: 'auth-otp-form', enabled: true, detail: 'required action CONFIGURE_TOTP enabled' }]);
    expect(auth.mfaPolicyDetail).toContain('user-opt-in (conditional-user-configured)');
    expect(auth.webauthnUserVerification).toBeUndefined();
  });

  it('signing keys: RS256 only (no HMAC or encryption keys), rotation is manual in Keycloak', () => {
    expect(value(facts.signingKeys)).toEqual({
      rotation: 'manual',
      keys: [
        { kid: 'kid-rs256-2026', status: 'active' },
        { kid: 'kid-rs256-2025', status: 'passive' },
      ],
    });
  });
});

describe('interpretKeycloak: the hardened realm', () => {
  const facts = interpretKeycloak(raw('hardened'));

  it('controls are visible', () => {
    expect(value(facts.transportSecurity).sslRequired).toBe('all');
    expect(value(facts.bruteForce)).toMatchObject({ accountLockout: true, maxAttempts: 10, permanentLockout: false, selfServiceUnlock: true });
    expect(value(facts.passwordPolicy)).toMatchObject({ minLength: 15, maxLength: 128, composition: [], blocklist: true, notUsername: true, notEmail: true });
    expect(value(facts.passwordPolicy).expiryDays).toBeUndefined();
    expect(value(facts.tokens)).toMatchObject({ refreshRotation: 'rotating', refreshReuseLimit: 0, accessTokenSeconds: 300, refreshAbsoluteSeconds: 36000 });
    expect(value(facts.registration)).toMatchObject({ botProtection: true, emailVerification: 'required', duplicateEmailsAllowed: false });
    expect(value(facts.registration).progressiveProfiling).toEqual({ enabled: true, mechanism: 'scope-bound user-profile attributes: loyaltyTier, phoneNumber; VERIFY_PROFILE enabled' });
    expect(value(facts.monitoring)).toMatchObject({ userEvents: { enabled: true, retentionDays: 90 }, adminEvents: { enabled: true, details: true }, streams: [{ name: 'siem-forwarder', type: 'event-listener', status: 'active' }] });
    expect(value(facts.provisioning).lifecycleChannels?.[0]?.events).toContain('DELETE_ACCOUNT');
    expect(value(facts.clientRegistration)).toMatchObject({ anonymousAllowed: false, restricted: true });
    expect(value(facts.provisioning).directoryFederation?.[0]).toMatchObject({ connectionUrl: 'ldaps://ldap.example.com:636', editMode: 'READ_ONLY', fullSyncPeriodSeconds: 604800 });
  });

  it('second factor required, WebAuthn with user verification, level-of-authentication step-up', () => {
    const auth = value(facts.authentication);
    expect(auth.mfaPolicy).toBe('always');
    expect(auth.webauthnUserVerification).toBe('required');
    expect(auth.adaptive).toEqual({ riskBased: false, stepUp: true, mechanisms: ['conditional-level-of-authentication', 'acr.loa.map (gold, silver)'] });
    expect(auth.factors.map((f) => [f.type, f.enabled])).toEqual([
      ['webauthn', true],
      ['otp', true],
      ['recovery-code', true],
    ]);
  });

  it('brokers verify signatures, use PKCE and never auto-link', () => {
    const [google, corp] = value(facts.identityProviders);
    expect(google).toMatchObject({ provider: 'google', protocol: 'oidc', category: 'social', trustEmail: false, linking: { mode: 'reauthenticate' } });
    expect(google?.validateSignature).toBeUndefined();
    expect(corp).toMatchObject({ category: 'enterprise', validateSignature: true, pkce: { enabled: true, method: 'S256' }, syncMode: 'FORCE' });
  });

  it('clients use PKCE S256, exact redirects, DPoP, PAR and private_key_jwt', () => {
    const clients = value(facts.clients);
    expect(clients.find((c) => c.id === 'storefront-spa')).toMatchObject({
      pkce: { required: true, method: 'S256' },
      postLogoutRedirectUris: ['https://shop.example.com/', 'https://shop.example.com/bye'],
      senderConstrained: { dpop: true, mtls: false },
      refreshTokens: { issued: true, rotation: 'rotating', reuseLimit: 0 },
    });
    expect(clients.find((c) => c.id === 'orders-backend')).toMatchObject({
      authMethod: 'private_key_jwt',
      parRequired: true,
      backchannelLogoutUri: 'https://orders.example.com/backchannel-logout',
      lifetimes: { accessTokenSeconds: 120 },
    });
  });
});

describe('interpretKeycloak: unknown sections', () => {
  it('a realm that could not be read leaves every realm-based section unknown with its reason', () => {
    const reason = { kind: 'no-permission' as const, detail: 'access denied (HTTP 403)', permission: 'view-realm' };
    const facts = interpretKeycloak(raw('weak', { realm: unknownObservation(reason), eventsConfig: unknownObservation({ kind: 'collection-error', detail: 'TIMEOUT' }) }));
    for (const section of [facts.transportSecurity, facts.passwordPolicy, facts.bruteForce, facts.sessions, facts.tokens, facts.registration, facts.authentication]) {
      expect(section).toEqual({ state: 'unknown', reason });
    }
    expect(facts.monitoring).toMatchObject({ state: 'unknown', reason: { kind: 'collection-error' } });
    // Sections with their own source are still read.
    expect(facts.clients?.state).toBe('observed');
    // Without the realm, client refresh rotation is not guessed.
    expect(value(facts.clients)[0]?.refreshTokens?.rotation).toBe('unknown');
  });

  it('without view-events the realm representation gives the events settings', () => {
    const facts = interpretKeycloak(raw('hardened', { eventsConfig: unknownObservation({ kind: 'no-permission', detail: 'x', permission: 'view-events' }) }));
    expect(value(facts.monitoring).userEvents.enabled).toBe(true);
  });

  it('an unreadable browser flow makes authentication unknown, not "no factor"', () => {
    const r = raw('weak');
    r.flows.set('browser', unknownObservation({ kind: 'collection-error', detail: 'SERVER_ERROR' }));
    const facts = interpretKeycloak(r);
    expect(facts.authentication).toMatchObject({ state: 'unknown', reason: { kind: 'collection-error' } });
    expect(value(facts.registration).botProtection).toBe(false);
  });

  it('an unreadable first broker login flow leaves linking unknown', () => {
    const r = raw('weak');
    r.flows.delete('autolink');
    expect(value(interpretKeycloak(r).identityProviders)[0]?.linking.mode).toBe('unknown');
  });
});

describe('flows', () => {
  it('CONFIGURE_TOTP as a default action makes the conditional OTP apply to everyone', () => {
    const actions = (fixture('weak/required-actions.json') as Json[]).map((a) => (a.alias === 'CONFIGURE_TOTP' ? { ...a, defaultAction: true } : a));
    const facts = interpretKeycloak(raw('weak', { requiredActions: observed(actions) }));
    expect(value(facts.authentication).mfaPolicy).toBe('always');
  });

  it('a role condition is conditional MFA and an adaptive mechanism', () => {
    const browser = (fixture('weak/flow-browser.json') as Json[]).map((e) => (e.providerId === 'conditional-user-configured' ? { ...e, providerId: 'conditional-user-role' } : e));
    const r = raw('weak');
    r.flows.set('browser', observed(browser));
    const auth = value(interpretKeycloak(r).authentication);
    expect(auth.mfaPolicy).toBe('conditional');
    expect(auth.adaptive.mechanisms).toEqual(['conditional-user-role']);
  });

  it('a passwordless WebAuthn alternative to the password form is a factor, not MFA', () => {
    const browser = [
      { providerId: 'auth-cookie', requirement: 'ALTERNATIVE', level: 0 },
      { providerId: 'webauthn-authenticator-passwordless', requirement: 'ALTERNATIVE', level: 0 },
      { displayName: 'forms', authenticationFlow: true, requirement: 'ALTERNATIVE', level: 0 },
      { providerId: 'auth-username-password-form', requirement: 'REQUIRED', level: 1 },
    ];
    const r = raw('hardened');
    r.flows.set('browser', observed(browser));
    const auth = value(interpretKeycloak(r).authentication);
    expect(auth.mfaPolicy).toBe('optional');
    expect(auth.factors).toEqual([{ type: 'passkey', name: 'webauthn-authenticator-passwordless', enabled: true, detail: 'required action webauthn-register-passwordless enabled' }]);
    expect(auth.webauthnUserVerification).toBe('required');
  });

  it('a disabled sub-flow disables what it contains', () => {
    const browser = [
      { displayName: 'forms', authenticationFlow: true, requirement: 'DISABLED', level: 0 },
      { providerId: 'auth-otp-form', requirement: 'REQUIRED', level: 1 },
    ];
    const r = raw('weak');
    r.flows.set('browser', observed(browser));
    const auth = value(interpretKeycloak(r).authentication);
    expect(auth).toMatchObject({ mfaPolicy: 'none', passwordLogin: false, factors: [{ type: 'otp', enabled: false }] });
  });

  it('linking modes of the first broker login flow', () => {
    const tree = (ids: Array<[string, string, number?]>) => flowTree(ids.map(([providerId, requirement, level]) => ({ providerId, requirement, level: level ?? 0 })));
    expect(linkingOf(tree([['idp-review-profile', 'REQUIRED'], ['idp-create-user-if-unique', 'REQUIRED']])).mode).toBe('disabled');
    expect(linkingOf(tree([['idp-confirm-link', 'REQUIRED']])).mode).toBe('confirm');
    expect(linkingOf(tree([['idp-auto-link', 'REQUIRED'], ['idp-username-password-form', 'REQUIRED']])).mode).toBe('reauthenticate');
    expect(linkingOf(tree([['idp-auto-link', 'DISABLED'], ['custom-linker', 'REQUIRED']])).mode).toBe('custom');
    expect(linkingOf(tree([])).mode).toBe('unknown');
    expect(registrationCaptcha(tree([['registration-recaptcha-enterprise', 'REQUIRED', 1]]))).toBe(true);
  });
});

describe('password policy strings', () => {
  it('splits like Keycloak and applies its defaults', () => {
    const parsed = parsePasswordPolicy('length(undefined) and regexPattern(^(?=.*[a-z]).*$) and passwordHistory and hashIterations(27500)');
    expect([...parsed.keys()]).toEqual(['length', 'regexPattern', 'passwordHistory', 'hashIterations']);
    expect(parsed.get('regexPattern')).toBe('^(?=.*[a-z]).*$');
    const facts = passwordPolicyFacts({ passwordPolicy: 'length(undefined) and regexPattern(^(?=.*[a-z]).*$) and passwordHistory' });
    expect(facts).toMatchObject({ minLength: 8, historyCount: 3, composition: ['regex'], blocklist: false });
  });

  it('no policy at all', () => {
    expect(passwordPolicyFacts({})).toEqual({ composition: [], blocklist: false, breachedPasswordCheck: false, notUsername: false, notEmail: false, source: 'realm passwordPolicy: none set' });
  });
});

describe('real published Keycloak samples (fixtures/real-world/api/keycloak)', () => {
  it('clients-master-realm.json: every client maps, built-ins are flagged, bearer-only clients get no grant', () => {
    const clients = (realWorld('clients-master-realm.json') as Json[]).map((c) => clientFacts(c, realmClientDefaults(undefined)));
    expect(clients.map((c) => c.id)).toEqual(['account', 'account-console', 'admin-cli', 'broker', 'master-realm', 'new', 'photoz-realm', 'security-admin-console']);
    expect(clients.filter((c) => c.builtIn).map((c) => c.id)).toEqual(['account', 'account-console', 'admin-cli', 'broker', 'master-realm', 'photoz-realm', 'security-admin-console']);
    expect(clients.find((c) => c.id === 'account-console')).toMatchObject({ type: 'public', authMethod: 'none', pkce: { required: true, method: 'S256' } });
    expect(clients.find((c) => c.id === 'account')).toMatchObject({ type: 'confidential', authMethod: 'client_secret_basic', pkce: { required: false }, refreshTokens: { rotation: 'unknown' } });
    expect(clients.find((c) => c.id === 'admin-cli')?.grants).toContain('password');
    // Bearer-only clients get no token whatever their flow switches say.
    expect(clients.find((c) => c.id === 'master-realm')).toMatchObject({ grants: [], rawGrants: ['bearerOnly'], pkce: { required: 'unknown' } });
    expect(clients.find((c) => c.id === 'new')).toMatchObject({ type: 'public', pkce: { required: false } });
  });

  it('users-search-username.json: a brief-like user becomes a profile; counts only in the stats', () => {
    const [user] = realWorld('users-search-username.json') as Json[];
    const profile = userToProfile(user!, [], true, mapping);
    expect(profile).toEqual({
      localId: '56b55ded-fa60-4d97-b04b-b1579d7d2af7',
      emails: [{ address: 'alice@alice.com', verified: false, primary: true }],
      phones: [],
      names: { given: 'Alice', family: 'Alice' },
      links: [],
      status: 'active',
      filledAttributes: 3,
      origin: 'local',
      createdAt: '2020-04-01T12:07:04.508Z',
    });
    const stats = new UserStatsCounter();
    stats.add(profile!);
    expect(stats.facts(1)).toEqual({ total: 1, read: 1, enabled: 1, disabled: 0, emailVerified: 0, emailUnverified: 1, withFederatedIdentity: 0, withSeveralIdentities: 0 });
    expect(stats.facts(1, { federated: false }).withFederatedIdentity).toBeUndefined();
  });
});

describe('user records', () => {
  const [full, ldap, bare] = fixture('users-full-page.json') as Json[];

  it('full representations give phones and count filled attributes (values never counted twice)', () => {
    const p = userToProfile(full!, [{ alias: 'google', subject: '' }], true, mapping);
    expect(p).toMatchObject({ phones: ['+31 20 555 0101', '+31 6 5555 0102'], filledAttributes: 6, origin: 'federated', status: 'active' });
    expect(p?.links).toEqual([{ kind: 'federated-identity', via: 'google', value: '' }]);
  });

  it('LDAP users carry their entry id as an external id; LDAP bookkeeping attributes are not profile data', () => {
    const p = userToProfile(ldap!, [], false, mapping);
    expect(p).toMatchObject({ status: 'disabled', filledAttributes: 2, emails: [{ verified: false }] });
    expect(p?.links).toEqual([{ kind: 'external-id', via: 'LDAP_ID', value: '3f0c9a6e-fixture-entry-uuid' }]);
    expect(p?.origin).toBeUndefined();
    expect(p?.names).toEqual({ given: 'Kim' });
  });

  it('a user without email or names', () => {
    expect(userToProfile(bare!, [], true, mapping)).toMatchObject({ emails: [], names: {}, filledAttributes: 0 });
    expect(userToProfile({ username: 'no-id' }, [], true, mapping)).toBeUndefined();
  });

  it('federated identities keep the provider and subject, never the upstream user name', () => {
    const links = federatedIdentityLinks(fixture('federated-identity.json') as unknown[]);
    expect(links).toEqual([
      { alias: 'google', subject: '109876543210987654321' },
      { alias: 'partner-saml', subject: 'partner-subject-0001' },
    ]);
  });
});

describe('SAML clients', () => {
  it('are listed as applications without OIDC grants or PKCE judgement', () => {
    const c = clientFacts({ clientId: 'https://sp.example.com/metadata', protocol: 'saml', enabled: true, standardFlowEnabled: true, frontchannelLogout: true, attributes: {} });
    expect(c).toMatchObject({ grants: [], rawGrants: ['saml'], pkce: { required: 'unknown' }, appType: 'web' });
    expect(c.refreshTokens).toBeUndefined();
  });
});

describe('components', () => {
  it('LDAP config values as strings or arrays', () => {
    expect(directoryFederation([{ providerId: 'ldap', name: 'x', config: { connectionUrl: 'ldap://a', startTls: 'true', enabled: 'false' } }])).toEqual([
      { name: 'x', connectionUrl: 'ldap://a', startTls: true, enabled: false },
    ]);
    expect(directoryFederation([{ providerId: 'kerberos', name: 'k', config: {} }])).toEqual([]);
  });

  it('client registration: no anonymous policy at all is open; trusted hosts restrict', () => {
    expect(clientRegistrationFacts([])).toMatchObject({ anonymousAllowed: true, restricted: false });
    expect(clientRegistrationFacts([{ providerId: 'trusted-hosts', subType: 'anonymous', config: { 'trusted-hosts': ['app.example.com'], 'host-sending-registration-request-must-match': ['true'] } }])).toMatchObject({ anonymousAllowed: true, restricted: true });
  });

  it('keys without `use` (older servers) count as signing keys unless symmetric', () => {
    expect(signingKeyFacts({ keys: [{ kid: 'a', type: 'RSA', status: 'ACTIVE' }, { kid: 'h', type: 'OCT', status: 'ACTIVE' }] }).keys).toEqual([{ kid: 'a', status: 'active' }]);
  });
});
