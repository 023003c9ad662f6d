import rule from '../../../rules/mfa/authn-online-guessing-limits.js';
import type { AuthenticationFacts, BruteForceFacts } from '../../../src/model/store-facts.js';
import { asInventory, ISSUER } from '../../support/oidc-inventory.js';
import { testRule } from '../../support/rule-tester.js';
import { noPermission, ok, storeInventory } from '../../support/store-inventory.js';

function bf(overrides: Partial<BruteForceFacts> = {}): BruteForceFacts {
  return { accountLockout: true, maxAttempts: 10, permanentLockout: false, selfServiceUnlock: true, ipThrottling: true, botDetection: true, ...overrides };
}
const auth = (passwordLogin: AuthenticationFacts['passwordLogin']): AuthenticationFacts => ({ factors: [], mfaPolicy: 'none', adaptive: { riskBased: false, stepUp: false, mechanisms: [] }, passwordLogin });
const store = (b: BruteForceFacts, extra: { passwordLogin?: boolean; targetId?: string } = {}) => ({
  targetId: extra.targetId ?? 'store',
  facts: { bruteForce: ok(b), ...(extra.passwordLogin !== undefined ? { authentication: ok(auth(extra.passwordLogin)) } : {}) },
});

// Catalog §8 AUTHN-ONLINE-GUESSING-LIMITS (NIST SP 800-63B-4 §3.1.1.2, §3.2.2): FAIL with no per-account
// limit (critical when password login is on) or more than 100 allowed failures; WARN without IP throttling
// or bot defence, or permanent lockout without self-service unlock; PASS otherwise.
testRule(rule, [
  {
    name: 'lockout after 10 failures with IP throttling and bot detection passes',
    inventory: storeInventory(store(bf())),
    expected: [{ outcome: 'pass', messageId: 'limited', subject: 'realm customers', messageIncludes: ['after 10 failures', 'IP throttling, bot detection'] }],
  },
  {
    name: 'exactly 100 failures is still within the limit',
    inventory: storeInventory(store(bf({ maxAttempts: 100, botDetection: false }))),
    expected: [{ outcome: 'pass', messageId: 'limited', messageIncludes: ['after 100 failures'] }],
  },
  {
    name: 'no account limit while password login is enabled: fail, critical',
    inventory: storeInventory(store(bf({ accountLockout: false }), { passwordLogin: true })),
    expected: [{ outcome: 'fail', messageId: 'noLimit', severity: 'critical', messageIncludes: ['while password login is enabled'] }],
  },
  {
    name: 'no account limit, password login not known: fail, high',
    inventory: storeInventory(store(bf({ accountLockout: false }))),
    expected: [{ outcome: 'fail', messageId: 'noLimit', severity: 'high' }],
  },
  {
    name: 'more than 100 consecutive failures allowed: fail',
    inventory: storeInventory(store(bf({ maxAttempts: 101, ipThrottling: false, botDetection: false }))),
    expected: [{ outcome: 'fail', messageId: 'tooMany', messageIncludes: ['101', 'Also: no IP-level throttling'] }],
  },
  {
    name: 'no IP throttling and no bot defence: warn (Keycloak without a WAF)',
    inventory: storeInventory(store(bf({ maxAttempts: 30, ipThrottling: false, botDetection: false }))),
    expected: [{ outcome: 'warn', messageId: 'weak', messageIncludes: ['after 30 failures', 'no IP-level throttling or bot defence'] }],
  },
  {
    name: 'permanent lockout without self-service unlock: warn (lock-out DoS)',
    inventory: storeInventory(store(bf({ permanentLockout: true, selfServiceUnlock: false }))),
    expected: [{ outcome: 'warn', messageId: 'weak', messageIncludes: ['permanent lockout', 'no self-service unlock'] }],
  },
  {
    name: 'IP throttling not observable: unknown, not a pass',
    inventory: storeInventory(store(bf({ ipThrottling: 'unknown', botDetection: 'unknown' }))),
    expected: [{ outcome: 'unknown', messageId: 'notObserved', messageIncludes: ['IP throttling or bot defence', 'ipThrottlingAttested'], evidence: { accountLockout: true, maxAttempts: 10 } }],
  },
  {
    name: 'IP throttling attested by the operator (WAF in front of Keycloak): pass',
    inventory: storeInventory(store(bf({ ipThrottling: 'unknown', botDetection: 'unknown' }), { targetId: 'kc' })),
    options: { ipThrottlingAttested: ['kc'] },
    expected: [{ outcome: 'pass', messageId: 'limited', messageIncludes: ['IP throttling attested by the operator'], evidence: { ipThrottlingAttested: true } }],
  },
  {
    name: 'a lockout whose threshold is not exposed: unknown',
    inventory: storeInventory(store(bf({ maxAttempts: undefined }))),
    expected: [{ outcome: 'unknown', messageId: 'notObserved', messageIncludes: ['how many consecutive failures'] }],
  },
  {
    name: 'brute-force settings denied: unknown; an issuer without a store: unknown (no credential)',
    inventory: storeInventory({ facts: { bruteForce: noPermission('read:attack_protection') } }, { extra: [asInventory({}).snapshots[0]!] }),
    expected: [
      { outcome: 'unknown', messageId: 'notObserved', targetId: 'op', subject: ISSUER },
      { outcome: 'unknown', messageId: 'notObserved', targetId: 'store', messageIncludes: ['HTTP 403'] },
    ],
  },
  {
    name: 'several stores, each judged',
    inventory: storeInventory([store(bf(), { targetId: 'a' }), store(bf({ accountLockout: false }), { targetId: 'b', passwordLogin: false })]),
    expected: [
      { outcome: 'pass', messageId: 'limited', targetId: 'a' },
      { outcome: 'fail', messageId: 'noLimit', targetId: 'b', severity: 'high' },
    ],
  },
]);
