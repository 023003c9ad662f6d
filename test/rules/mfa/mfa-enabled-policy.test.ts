import rule from '../../../rules/mfa/mfa-enabled-policy.js';
import type { AuthenticationFacts } from '../../../src/model/store-facts.js';
import { asInventory, ISSUER } from '../../support/oidc-inventory.js';
import { testRule } from '../../support/rule-tester.js';
import { noPermission, notRead, ok, storeInventory } from '../../support/store-inventory.js';

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

const store = (a: AuthenticationFacts, targetId = 'store') => ({ targetId, facts: { authentication: ok(a) } });
const opSnapshot = () => asInventory({}).snapshots[0]!;

// Catalog §8 MFA-ENABLED-POLICY (NIST SP 800-63B-4 §2.1, §2.2.1): FAIL when no non-password factor is
// enabled; WARN when factors exist but no policy requires them (optional/none); PASS when a policy applies
// them always or conditionally; the enrolment rate is evidence only.
testRule(rule, [
  {
    name: 'factors enabled and required on every login: pass, with the enrolment rate as evidence',
    inventory: storeInventory(store(auth({ enrolmentRate: 0.41237 }))),
    expected: [{ outcome: 'pass', messageId: 'enforced', subject: 'realm customers', messageIncludes: ['otp', 'webauthn (webauthn-roaming)', 'on every login'], evidence: { enrolmentRate: 0.4124, mfaPolicy: 'always' } }],
  },
  {
    name: 'a conditional policy (some apps or risks) passes and says which',
    inventory: storeInventory(store(auth({ mfaPolicy: 'conditional', mfaPolicyDetail: 'Guardian policy confidence-score' }))),
    expected: [{ outcome: 'pass', messageId: 'enforced', messageIncludes: ['conditionally (Guardian policy confidence-score)'] }],
  },
  {
    name: 'factors enabled but left to the user: warn',
    inventory: storeInventory(store(auth({ mfaPolicy: 'optional' }))),
    expected: [{ outcome: 'warn', messageId: 'optIn', messageIncludes: ['policy: optional'] }],
  },
  {
    name: 'factors enabled with no policy at all: warn',
    inventory: storeInventory(store(auth({ mfaPolicy: 'none' }))),
    expected: [{ outcome: 'warn', messageId: 'optIn', messageIncludes: ['policy: none'] }],
  },
  {
    name: 'no factor enabled (all disabled): fail',
    inventory: storeInventory(store(auth({ factors: [{ type: 'otp', name: 'otp', enabled: false }], mfaPolicy: 'none' }))),
    expected: [{ outcome: 'fail', messageId: 'noFactor', severity: 'high', evidence: { secondFactors: 0 } }],
  },
  {
    name: 'only recovery codes and security questions are not second factors: fail',
    inventory: storeInventory(store(auth({ factors: [{ type: 'recovery-code', name: 'recovery-code', enabled: true }, { type: 'security-question', name: 'security_question', enabled: true }] }))),
    expected: [{ outcome: 'fail', messageId: 'noFactor', messageIncludes: ['recovery-code', 'security-question (security_question)', 'not second factors'] }],
  },
  {
    name: 'a federation-only store (no password login, no local factor) is N/A',
    inventory: storeInventory(store(auth({ factors: [], passwordLogin: false, mfaPolicy: 'none' }))),
    expected: [{ outcome: 'n/a', messageId: 'noLocalLogin' }],
  },
  {
    name: 'the policy cannot be told: unknown (not-observed), the factors stay in the evidence',
    inventory: storeInventory(store(auth({ mfaPolicy: 'unknown' }))),
    expected: [{ outcome: 'unknown', messageId: 'notObserved', messageIncludes: ['whether any policy requires'], evidence: { secondFactors: 2 } }],
  },
  {
    name: 'authentication facts denied: unknown naming the missing scope',
    inventory: storeInventory({ facts: { authentication: noPermission('read:guardian_factors') } }),
    expected: [{ outcome: 'unknown', messageId: 'notObserved', messageIncludes: ['HTTP 403'] }],
  },
  {
    name: 'a store without authentication facts (e.g. a SCIM service) gives no finding; an authorization server without a store is unknown (no credential)',
    inventory: storeInventory({ facts: { scope: { kind: 'scim-service', name: 'scim' } } }, { extra: [opSnapshot()] }),
    expected: [{ outcome: 'unknown', messageId: 'notObserved', targetId: 'op', subject: ISSUER, messageIncludes: ['needs a read-only admin credential (T2)'] }],
  },
  {
    name: 'several stores: each judged on its own; an issuer operated by a store is not reported again',
    inventory: storeInventory(
      [
        { targetId: 'kc', facts: { authentication: ok(auth()), issuers: ok([`${ISSUER}/`]) } },
        { targetId: 'tenant', facts: { scope: { kind: 'tenant', name: 'acme' }, authentication: ok(auth({ factors: [] })) } },
        { targetId: 'broken', facts: { authentication: notRead() } },
      ],
      { extra: [opSnapshot()] },
    ),
    expected: [
      { outcome: 'unknown', messageId: 'notObserved', targetId: 'broken', messageIncludes: ['TIMEOUT'] },
      { outcome: 'pass', messageId: 'enforced', targetId: 'kc' },
      { outcome: 'fail', messageId: 'noFactor', targetId: 'tenant', subject: 'tenant acme' },
    ],
  },
]);
