import rule from '../../../rules/mfa/authn-password-policy.js';
import type { AuthenticationFacts, PasswordPolicyFacts } from '../../../src/model/store-facts.js';
import { asInventory, ISSUER } from '../../support/oidc-inventory.js';
import { testRule } from '../../support/rule-tester.js';
import { noPermission, ok, storeInventory } from '../../support/store-inventory.js';

function policy(overrides: Partial<PasswordPolicyFacts> = {}): PasswordPolicyFacts {
  return { minLength: 15, maxLength: 64, composition: [], blocklist: true, breachedPasswordCheck: false, notUsername: true, source: 'realm passwordPolicy', ...overrides };
}
const auth = (passwordLogin: AuthenticationFacts['passwordLogin'], mfaPolicy: AuthenticationFacts['mfaPolicy'] = 'optional'): AuthenticationFacts => ({
  factors: [{ type: 'otp', name: 'otp', enabled: true }],
  mfaPolicy,
  adaptive: { riskBased: false, stepUp: false, mechanisms: [] },
  passwordLogin,
});
const store = (p: PasswordPolicyFacts | undefined, a: AuthenticationFacts | undefined = auth(true), targetId = 'store') => ({
  targetId,
  facts: { ...(p ? { passwordPolicy: ok(p) } : {}), ...(a ? { authentication: ok(a) } : {}) },
});

// Catalog §8 AUTHN-PASSWORD-POLICY, corrected against NIST SP 800-63B-4 §3.1.1.2 (final): FAIL with no
// policy, minimum < 8, minimum < 15 where the password can be the only factor (the catalog's "SHOULD ≥ 15"
// is a SHALL for single-factor passwords in the final text), or no blocklist/breached check; composition
// rules and periodic expiry are SHALL NOT (FAIL by default, option prohibitedRulesOutcome: warn); WARN
// for 8–14 when MFA is always required, and for a maximum below 64; severity high for length/screening,
// low for composition/expiry only.
testRule(rule, [
  {
    name: '15 characters, 64 allowed, blocklist, nothing prohibited: pass',
    inventory: storeInventory(store(policy())),
    expected: [{ outcome: 'pass', messageId: 'compliant', subject: 'realm customers', messageIncludes: ['minimum length 15', 'blocklist'] }],
  },
  {
    name: 'password login without any policy: fail',
    inventory: storeInventory(store(undefined)),
    expected: [{ outcome: 'fail', messageId: 'noPolicy', severity: 'high' }],
  },
  {
    name: 'minimum length 6 and no screening: fail, high',
    inventory: storeInventory(store(policy({ minLength: 6, blocklist: false, breachedPasswordCheck: false }))),
    expected: [{ outcome: 'fail', messageId: 'violations', severity: 'high', messageIncludes: ['minimum length 6 (at least 8)', 'no blocklist and no breached-password check'] }],
  },
  {
    name: 'minimum 12 while MFA is optional: fail (15 is a SHALL for single-factor passwords)',
    inventory: storeInventory(store(policy({ minLength: 12 }))),
    expected: [{ outcome: 'fail', messageId: 'violations', severity: 'high', messageIncludes: ['minimum length 12 while the password can be the only factor (MFA policy: optional)'] }],
  },
  {
    name: 'minimum 12 with MFA on every login: warn (allowed, 15 recommended)',
    inventory: storeInventory(store(policy({ minLength: 12 }), auth(true, 'always'))),
    expected: [{ outcome: 'warn', messageId: 'weak', severity: 'high', messageIncludes: ['allowed because every login also needs a second factor'] }],
  },
  {
    name: 'composition rules only: fail at low severity (SHALL NOT)',
    inventory: storeInventory(store(policy({ composition: ['digits', 'upperCase'] }))),
    expected: [{ outcome: 'fail', messageId: 'violations', severity: 'low', messageIncludes: ['composition rules (digits, upperCase)'] }],
  },
  {
    name: 'composition and expiry with prohibitedRulesOutcome warn: warn, low',
    inventory: storeInventory(store(policy({ composition: ['specialChars'], expiryDays: 90 }))),
    options: { prohibitedRulesOutcome: 'warn' },
    expected: [{ outcome: 'warn', messageId: 'weak', severity: 'low', messageIncludes: ['periodic expiry every 90 days'] }],
  },
  {
    name: 'maximum length 32: warn, high; breached-password check alone is enough screening',
    inventory: storeInventory(store(policy({ maxLength: 32, blocklist: false, breachedPasswordCheck: true }))),
    expected: [{ outcome: 'warn', messageId: 'weak', severity: 'high', messageIncludes: ['maximum length 32'] }],
  },
  {
    name: 'password login disabled: N/A',
    inventory: storeInventory(store(policy({ minLength: 4 }), auth(false))),
    expected: [{ outcome: 'n/a', messageId: 'noPasswords' }],
  },
  {
    name: 'screening not observable (blocklist unknown, no breached check): unknown',
    inventory: storeInventory(store(policy({ blocklist: 'unknown', breachedPasswordCheck: false }))),
    expected: [{ outcome: 'unknown', messageId: 'notObserved', messageIncludes: ['blocklist'], evidence: { minLength: 15 } }],
  },
  {
    name: 'policy denied: unknown; an issuer without a store: unknown (no credential)',
    inventory: storeInventory({ facts: { passwordPolicy: noPermission('okta.policies.read') } }, { extra: [asInventory({}).snapshots[0]!] }),
    expected: [
      { outcome: 'unknown', messageId: 'notObserved', targetId: 'op', subject: ISSUER, messageIncludes: ['admin credential'] },
      { outcome: 'unknown', messageId: 'notObserved', targetId: 'store', messageIncludes: ['HTTP 403'] },
    ],
  },
  {
    name: 'several stores: a store without policy and without known password login gives nothing; the others are judged',
    inventory: storeInventory([{ targetId: 'a', facts: {} }, store(policy(), auth(true, 'always'), 'b'), store(policy({ minLength: 8, blocklist: false, breachedPasswordCheck: false }), auth('unknown', 'unknown'), 'c')]),
    expected: [
      { outcome: 'pass', messageId: 'compliant', targetId: 'b' },
      { outcome: 'fail', messageId: 'violations', targetId: 'c', messageIncludes: ['minimum length 8: below 15', 'no blocklist'] },
    ],
  },
]);
