import rule from '../../../rules/mfa/mfa-adaptive-risk.js';
import type { AuthenticationFacts } from '../../../src/model/store-facts.js';
import { asInventory, baseMetadata, ISSUER } from '../../support/oidc-inventory.js';
import { testRule } from '../../support/rule-tester.js';
import { notRead, ok, storeInventory } from '../../support/store-inventory.js';

function auth(adaptive: AuthenticationFacts['adaptive']): AuthenticationFacts {
  return { factors: [{ type: 'otp', name: 'otp', enabled: true }], mfaPolicy: 'conditional', adaptive, passwordLogin: true };
}
const store = (adaptive: AuthenticationFacts['adaptive'], targetId = 'store') => ({ targetId, facts: { authentication: ok(auth(adaptive)) } });
const acr = { metadata: { ...baseMetadata(), acr_values_supported: ['0', '1', 'gold'] } };

// Catalog §8 MFA-ADAPTIVE-RISK (NIST SP 800-63B-4 §2; RFC 9470; OIDC Core §2, §3.1.2.1): T0 INFO "step-up
// available" (acr_values_supported / claims_parameter_supported) or INFO none; T2 PASS when a risk input
// changes the requirement, WARN when only static step-up exists, INFO otherwise.
testRule(rule, [
  {
    name: 'T0: acr_values_supported is INFO step-up available',
    inventory: asInventory(acr),
    expected: [{ outcome: 'info', messageId: 'stepUpAvailable', subject: ISSUER, messageIncludes: ['acr_values_supported: 0, 1, gold'] }],
  },
  {
    name: 'T0: the claims parameter alone is a step-up signal',
    inventory: asInventory({ metadata: { ...baseMetadata(), claims_parameter_supported: true } }),
    expected: [{ outcome: 'info', messageId: 'stepUpAvailable', messageIncludes: ['claims_parameter_supported: true'] }],
  },
  {
    name: 'T0: neither is INFO none',
    inventory: asInventory({}),
    expected: [{ outcome: 'info', messageId: 'noStepUp', evidence: { acrValues: [], claimsParameterSupported: false } }],
  },
  {
    name: 'T0: no discovery document: unknown',
    inventory: asInventory({ metadata: null }),
    expected: [{ outcome: 'unknown', messageId: 'notObserved' }],
  },
  {
    name: 'T2: a risk-based mechanism passes',
    inventory: storeInventory(store({ riskBased: true, stepUp: true, mechanisms: ['Guardian policy confidence-score'] })),
    expected: [{ outcome: 'pass', messageId: 'riskBased', subject: 'realm customers', messageIncludes: ['confidence-score'] }],
  },
  {
    name: 'T2: only static step-up warns',
    inventory: storeInventory(store({ riskBased: false, stepUp: true, mechanisms: ['acr.loa.map gold=2'] })),
    expected: [{ outcome: 'warn', messageId: 'staticStepUp', severity: 'medium', messageIncludes: ['acr.loa.map gold=2'] }],
  },
  {
    name: 'T2: neither is INFO',
    inventory: storeInventory(store({ riskBased: false, stepUp: false, mechanisms: [] })),
    expected: [{ outcome: 'info', messageId: 'noAdaptive' }],
  },
  {
    name: 'T2 and T0 side by side: the store cannot tell about step-up, its authorization server advertises acr: warn',
    inventory: storeInventory({ targetId: 'okta', facts: { scope: { kind: 'org', name: 'acme' }, authentication: ok(auth({ riskBased: false, stepUp: 'unknown', mechanisms: [] })) }, authorizationServers: [acr] }),
    expected: [
      { outcome: 'info', messageId: 'stepUpAvailable', targetId: 'okta', subject: ISSUER },
      { outcome: 'warn', messageId: 'staticStepUp', targetId: 'okta', subject: 'org acme', messageIncludes: [`${ISSUER} acr_values_supported`] },
    ],
  },
  {
    name: 'T2 and T0 side by side: the store cannot tell about step-up, its authorization server advertises none: INFO',
    inventory: storeInventory({ targetId: 'okta', facts: { scope: { kind: 'org', name: 'acme' }, authentication: ok(auth({ riskBased: false, stepUp: 'unknown', mechanisms: [] })) }, authorizationServers: [{}] }),
    expected: [
      { outcome: 'info', messageId: 'noStepUp', targetId: 'okta' },
      { outcome: 'info', messageId: 'noAdaptive', targetId: 'okta', messageIncludes: ['advertise none'] },
    ],
  },
  {
    name: 'T2: step-up unknown with no authorization server to look at: unknown',
    inventory: storeInventory(store({ riskBased: false, stepUp: 'unknown', mechanisms: [] })),
    expected: [{ outcome: 'unknown', messageId: 'notObserved', messageIncludes: ['static step-up'] }],
  },
  {
    name: 'T2: whether risk is used cannot be told: unknown; a store whose facts failed: unknown with the error',
    inventory: storeInventory([store({ riskBased: 'unknown', stepUp: false, mechanisms: [] }, 'a'), { targetId: 'b', facts: { authentication: notRead() } }]),
    expected: [
      { outcome: 'unknown', messageId: 'notObserved', targetId: 'a', messageIncludes: ['risk or context input'] },
      { outcome: 'unknown', messageId: 'notObserved', targetId: 'b', messageIncludes: ['TIMEOUT'] },
    ],
  },
]);
