import rule from '../../../rules/registration/reg-self-service-signup.js';
import type { RegistrationFacts } from '../../../src/model/store-facts.js';
import { asInventory, baseMetadata, ISSUER } from '../../support/oidc-inventory.js';
import { testRule } from '../../support/rule-tester.js';
import { noPermission, ok, storeInventory } from '../../support/store-inventory.js';

function reg(overrides: Partial<RegistrationFacts> = {}): RegistrationFacts {
  return { selfService: true, botProtection: true, emailVerification: 'required', progressiveProfiling: { enabled: false }, ...overrides };
}
const store = (r: RegistrationFacts, targetId = 'store') => ({ targetId, facts: { registration: ok(r) } });
const promptCreate = { metadata: { ...baseMetadata(), prompt_values_supported: ['none', 'login', 'consent', 'create'] } };

// Catalog §9 REG-SELF-SERVICE-SIGNUP (OpenID Connect Initiating User Registration §4.1–4.2; NIST SP
// 800-63B-4 §3.2.2): T0 INFO "standardised signup (prompt=create)"; T2 INFO sign-up off; if on, PASS when a
// bot/throttle control applies to sign-up, WARN when none does.
testRule(rule, [
  {
    name: 'T0: prompt=create advertised is INFO',
    inventory: asInventory(promptCreate),
    expected: [{ outcome: 'info', messageId: 'promptCreate', subject: ISSUER, severity: 'info' }],
  },
  {
    name: 'T0: prompt_values_supported absent is INFO none',
    inventory: asInventory({}),
    expected: [{ outcome: 'info', messageId: 'noPromptCreate', messageIncludes: ['(absent)', 'T2'] }],
  },
  {
    name: 'T0: prompt values without create are INFO none',
    inventory: asInventory({ metadata: { ...baseMetadata(), prompt_values_supported: ['none', 'login'] } }),
    expected: [{ outcome: 'info', messageId: 'noPromptCreate', messageIncludes: ['none, login'] }],
  },
  {
    name: 'T0: no discovery document: unknown',
    inventory: asInventory({ metadata: null }),
    expected: [{ outcome: 'unknown', messageId: 'notObserved' }],
  },
  {
    name: 'T2: sign-up on with bot protection passes',
    inventory: storeInventory(store(reg({ preRegistrationHooks: 1 }))),
    expected: [{ outcome: 'pass', messageId: 'protected', subject: 'realm customers', messageIncludes: ['1 pre-registration hook(s)'] }],
  },
  {
    name: 'T2: sign-up on without protection warns (medium)',
    inventory: storeInventory(store(reg({ botProtection: false }))),
    expected: [{ outcome: 'warn', messageId: 'unprotected', severity: 'medium' }],
  },
  {
    name: 'T2: sign-up off is INFO',
    inventory: storeInventory(store(reg({ selfService: false, botProtection: false }))),
    expected: [{ outcome: 'info', messageId: 'signupOff', severity: 'info', evidence: { selfService: false } }],
  },
  {
    name: 'T2: protection not observable: unknown',
    inventory: storeInventory(store(reg({ botProtection: 'unknown' }))),
    expected: [{ outcome: 'unknown', messageId: 'notObserved', messageIncludes: ['CAPTCHA'] }],
  },
  {
    name: 'T2: whether sign-up is on cannot be told: unknown; registration facts denied: unknown',
    inventory: storeInventory([store(reg({ selfService: 'unknown' }), 'a'), { targetId: 'b', facts: { registration: noPermission('okta.policies.read') } }]),
    expected: [
      { outcome: 'unknown', messageId: 'notObserved', targetId: 'a', messageIncludes: ['self-register'] },
      { outcome: 'unknown', messageId: 'notObserved', targetId: 'b', messageIncludes: ['HTTP 403'] },
    ],
  },
  {
    name: 'T0 and T2 side by side: the store notes that its authorization server advertises prompt=create',
    inventory: storeInventory({ targetId: 'okta', facts: { scope: { kind: 'org', name: 'acme' }, registration: ok(reg()) }, authorizationServers: [promptCreate] }),
    expected: [
      { outcome: 'info', messageId: 'promptCreate', targetId: 'okta', subject: ISSUER },
      { outcome: 'pass', messageId: 'protected', targetId: 'okta', subject: 'org acme', messageIncludes: ['prompt=create advertised'], evidence: { promptCreateIssuers: [ISSUER] } },
    ],
  },
]);
