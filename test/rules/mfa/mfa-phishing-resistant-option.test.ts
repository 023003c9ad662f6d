import rule from '../../../rules/mfa/mfa-phishing-resistant-option.js';
import type { AuthenticationFacts } from '../../../src/model/store-facts.js';
import { asInventory, ISSUER, type AsScenario } from '../../support/oidc-inventory.js';
import { testRule } from '../../support/rule-tester.js';
import { noPermission, ok, storeInventory } from '../../support/store-inventory.js';
import { failedExchange, jsonDocument, page } from '../support.js';

const PASSKEY_URL = `${ISSUER}/.well-known/passkey-endpoints`;
const withPasskeyDoc = (exchange: NonNullable<AsScenario['exchanges']>['passkeyEndpoints']): AsScenario => ({ exchanges: { passkeyEndpoints: exchange } });

function auth(overrides: Partial<AuthenticationFacts> = {}): AuthenticationFacts {
  return {
    factors: [
      { type: 'otp', name: 'otp', enabled: true },
      { type: 'webauthn', name: 'webauthn-roaming', enabled: true },
    ],
    mfaPolicy: 'always',
    adaptive: { riskBased: false, stepUp: false, mechanisms: [] },
    passwordLogin: true,
    ...overrides,
  };
}
const store = (a: AuthenticationFacts) => ({ facts: { authentication: ok(a) } });

// Catalog §8 MFA-PHISHING-RESISTANT-OPTION (NIST SP 800-63B-4 §2.2.2, §3.2.5; W3C passkey endpoints):
// T0 INFO when /.well-known/passkey-endpoints has enroll/manage (a signal only: T0 cannot pass or fail);
// T2 PASS when WebAuthn/passkey is enabled, FAIL when not, WARN when passwordless user verification is
// not required.
testRule(rule, [
  {
    name: 'T0: a passkey endpoints document with enroll and manage is an INFO signal',
    inventory: asInventory(withPasskeyDoc(jsonDocument(PASSKEY_URL, { enroll: `${ISSUER}/passkeys/create`, manage: `${ISSUER}/account/passkeys` }))),
    expected: [{ outcome: 'info', messageId: 'passkeyEndpoints', subject: ISSUER, messageIncludes: ['enroll https://login.example.com/passkeys/create', 'cannot pass or fail'], evidence: { valid: true, manage: `${ISSUER}/account/passkeys` } }],
  },
  {
    name: 'T0: 404 is INFO (absence says nothing)',
    inventory: asInventory(withPasskeyDoc(page(PASSKEY_URL, { 'content-type': 'text/html' }, 404))),
    expected: [{ outcome: 'info', messageId: 'noPasskeyEndpoints', messageIncludes: ['HTTP 404'] }],
  },
  {
    name: 'T0: a JSON object without enroll or manage is INFO none',
    inventory: asInventory(withPasskeyDoc(jsonDocument(PASSKEY_URL, { something: 'else' }))),
    expected: [{ outcome: 'info', messageId: 'noPasskeyEndpoints', messageIncludes: ['neither "enroll" nor "manage"'] }],
  },
  {
    name: 'T0: a timeout leaves it unknown (collection error)',
    inventory: asInventory(withPasskeyDoc(failedExchange(PASSKEY_URL))),
    expected: [{ outcome: 'unknown', messageId: 'notObserved', messageIncludes: ['could not be fetched'] }],
  },
  {
    name: 'T0: the probe was not made: unknown with its reason',
    inventory: asInventory({}),
    expected: [{ outcome: 'unknown', messageId: 'notObserved', messageIncludes: ['not part of this test scenario'] }],
  },
  {
    name: 'T2: WebAuthn enabled as a second factor passes',
    inventory: storeInventory(store(auth())),
    expected: [{ outcome: 'pass', messageId: 'offered', subject: 'realm customers', messageIncludes: ['webauthn (webauthn-roaming)'], evidence: { passwordless: false } }],
  },
  {
    name: 'T2: passkeys with user verification required pass',
    inventory: storeInventory(store(auth({ factors: [{ type: 'passkey', name: 'passkey', enabled: true }], webauthnUserVerification: 'required' }))),
    expected: [{ outcome: 'pass', messageId: 'offered', messageIncludes: ['user verification required'] }],
  },
  {
    name: 'T2: passwordless with user verification "preferred" warns',
    inventory: storeInventory(store(auth({ factors: [{ type: 'passkey', name: 'webauthn-register-passwordless', enabled: true }], webauthnUserVerification: 'preferred' }))),
    expected: [{ outcome: 'warn', messageId: 'weakVerification', messageIncludes: ['"preferred"'] }],
  },
  {
    name: 'T2: passwordless with an unobserved user-verification setting is unknown, not a pass',
    inventory: storeInventory(store(auth({ factors: [{ type: 'passkey', name: 'passkey', enabled: true }], webauthnUserVerification: 'unknown' }))),
    expected: [{ outcome: 'unknown', messageId: 'notObserved', messageIncludes: ['user verification'] }],
  },
  {
    name: 'T2: only OTP, SMS and a disabled WebAuthn: fail',
    inventory: storeInventory(store(auth({ factors: [{ type: 'otp', name: 'otp', enabled: true }, { type: 'sms', name: 'sms', enabled: true }, { type: 'webauthn', name: 'webauthn', enabled: false }] }))),
    expected: [{ outcome: 'fail', messageId: 'none', severity: 'high', messageIncludes: ['enabled: otp, sms'] }],
  },
  {
    name: 'T2: a federation-only store is N/A',
    inventory: storeInventory(store(auth({ factors: [], passwordLogin: false }))),
    expected: [{ outcome: 'n/a', messageId: 'noLocalLogin' }],
  },
  {
    name: 'T0 and T2 side by side (an Okta org with its authorization server); a denied store is unknown',
    inventory: storeInventory([
      { targetId: 'okta', facts: { scope: { kind: 'org', name: 'acme' }, authentication: ok(auth()) }, authorizationServers: [withPasskeyDoc(jsonDocument(PASSKEY_URL, { enroll: `${ISSUER}/enroll` }))] },
      { targetId: 'store-2', facts: { authentication: noPermission('okta.authenticators.read') } },
    ]),
    expected: [
      { outcome: 'info', messageId: 'passkeyEndpoints', targetId: 'okta', subject: ISSUER },
      { outcome: 'pass', messageId: 'offered', targetId: 'okta', subject: 'org acme' },
      { outcome: 'unknown', messageId: 'notObserved', targetId: 'store-2' },
    ],
  },
]);
