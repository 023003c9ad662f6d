import rule from '../../../rules/mfa/mfa-restricted-factors.js';
import type { AuthenticationFacts, FactorType } from '../../../src/model/store-facts.js';
import { asInventory, ISSUER } from '../../support/oidc-inventory.js';
import { testRule } from '../../support/rule-tester.js';
import { noPermission, ok, storeInventory } from '../../support/store-inventory.js';

type F = AuthenticationFacts['factors'][number];
const f = (type: FactorType, extra: Partial<F> = {}): F => ({ type, name: type, enabled: true, ...extra });

function auth(factors: F[]): AuthenticationFacts {
  return { factors, mfaPolicy: 'always', adaptive: { riskBased: false, stepUp: false, mechanisms: [] }, passwordLogin: true };
}
const store = (factors: F[], targetId = 'store') => ({ targetId, facts: { authentication: ok(auth(factors)) } });

// Catalog §8 MFA-RESTRICTED-FACTORS (NIST SP 800-63B-4 §3.1.3, §3.1.3.1, §3.1.3.3, §3.2.9, §3.1.1.2 item 8):
// WARN SMS/voice without a non-PSTN alternative, email as a second factor, push without number matching;
// FAIL security questions as a factor; PASS otherwise.
testRule(rule, [
  {
    name: 'WebAuthn, TOTP and number-matching push pass',
    inventory: storeInventory(store([f('webauthn'), f('otp'), f('push', { name: 'okta_verify', numberMatching: true })])),
    expected: [{ outcome: 'pass', messageId: 'unrestricted', subject: 'realm customers' }],
  },
  {
    name: 'SMS with TOTP as an alternative passes',
    inventory: storeInventory(store([f('sms'), f('otp')])),
    expected: [{ outcome: 'pass', messageId: 'unrestricted', evidence: { pstn: ['sms'], unrestrictedAlternatives: ['otp'] } }],
  },
  {
    name: 'SMS and voice as the only factors warn',
    inventory: storeInventory(store([f('sms'), f('voice', { name: 'phone_number' })])),
    expected: [{ outcome: 'warn', messageId: 'restricted', severity: 'medium', messageIncludes: ['sms, voice (phone_number) enabled without an unrestricted alternative'] }],
  },
  {
    name: 'SMS plus email is still without an unrestricted alternative, and email is a second factor: warn with both',
    inventory: storeInventory(store([f('sms'), f('email', { name: 'okta_email' })])),
    expected: [{ outcome: 'warn', messageId: 'restricted', messageIncludes: ['without an unrestricted alternative', 'email used as a second factor (email (okta_email))'] }],
  },
  {
    name: 'approve-only push warns',
    inventory: storeInventory(store([f('otp'), f('push', { name: 'push-notification', numberMatching: false })])),
    expected: [{ outcome: 'warn', messageId: 'restricted', messageIncludes: ['push without number matching'] }],
  },
  {
    name: 'security questions as a factor fail, and the other problems are named too',
    inventory: storeInventory(store([f('security-question', { name: 'security_question' }), f('sms')])),
    expected: [{ outcome: 'fail', messageId: 'securityQuestion', messageIncludes: ['security_question', 'Also: sms enabled without'] }],
  },
  {
    name: 'a disabled security question does not count',
    inventory: storeInventory(store([f('security-question', { enabled: false }), f('webauthn')])),
    expected: [{ outcome: 'pass', messageId: 'unrestricted' }],
  },
  {
    name: 'only recovery codes (or nothing) is N/A',
    inventory: storeInventory(store([f('recovery-code')])),
    expected: [{ outcome: 'n/a', messageId: 'noFactors' }],
  },
  {
    name: 'push whose number-matching setting is not exposed: unknown rather than a pass',
    inventory: storeInventory(store([f('otp'), f('push', { name: 'guardian' })])),
    expected: [{ outcome: 'unknown', messageId: 'notObserved', messageIncludes: ['number matching'], evidence: { pushNumberMatchingNotObserved: ['push (guardian)'] } }],
  },
  {
    name: 'factors denied: unknown with the scope; an issuer without a store: unknown (no credential)',
    inventory: storeInventory({ facts: { authentication: noPermission('read:guardian_factors') } }, { extra: [asInventory({}).snapshots[0]!] }),
    expected: [
      { outcome: 'unknown', messageId: 'notObserved', targetId: 'op', subject: ISSUER, messageIncludes: ['admin credential'] },
      { outcome: 'unknown', messageId: 'notObserved', targetId: 'store', messageIncludes: ['HTTP 403'] },
    ],
  },
  {
    name: 'several stores judged separately',
    inventory: storeInventory([store([f('webauthn')], 'a'), store([f('sms')], 'b')]),
    expected: [
      { outcome: 'pass', messageId: 'unrestricted', targetId: 'a' },
      { outcome: 'warn', messageId: 'restricted', targetId: 'b' },
    ],
  },
]);
