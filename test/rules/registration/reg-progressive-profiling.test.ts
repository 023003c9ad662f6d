import rule from '../../../rules/registration/reg-progressive-profiling.js';
import type { RegistrationFacts } from '../../../src/model/store-facts.js';
import { asInventory, ISSUER } from '../../support/oidc-inventory.js';
import { testRule } from '../../support/rule-tester.js';
import { noPermission, notRead, ok, storeInventory } from '../../support/store-inventory.js';

const reg = (progressiveProfiling: RegistrationFacts['progressiveProfiling']): RegistrationFacts => ({
  selfService: true,
  botProtection: true,
  emailVerification: 'required',
  progressiveProfiling,
});
const store = (p: RegistrationFacts['progressiveProfiling'], targetId = 'store') => ({ targetId, facts: { registration: ok(reg(p)) } });

// Catalog §9 REG-PROGRESSIVE-PROFILING (vendor behaviour; OIDC Core §5.4): PASS when a mechanism asks for
// missing attributes after sign-up, INFO otherwise.
testRule(rule, [
  {
    name: 'Okta progressive profiling enabled passes and names the mechanism',
    inventory: storeInventory(store({ enabled: true, mechanism: 'profile enrollment progressiveProfilingAction ENABLED (2 attributes)' })),
    expected: [{ outcome: 'pass', messageId: 'enabled', subject: 'realm customers', messageIncludes: ['progressiveProfilingAction ENABLED'] }],
  },
  {
    name: 'enabled without a named mechanism still passes',
    inventory: storeInventory(store({ enabled: true })),
    expected: [{ outcome: 'pass', messageId: 'enabled', messageIncludes: ['not named'] }],
  },
  {
    name: 'not enabled is INFO (info severity)',
    inventory: storeInventory(store({ enabled: false })),
    expected: [{ outcome: 'info', messageId: 'notEnabled', severity: 'info' }],
  },
  {
    name: 'Auth0 Actions not tagged by the operator: unknown',
    inventory: storeInventory({ product: 'auth0', facts: { scope: { kind: 'tenant', name: 'acme' }, registration: ok(reg({ enabled: 'unknown', mechanism: 'post-login Actions (not tagged)' })) } }),
    expected: [{ outcome: 'unknown', messageId: 'notObserved', subject: 'tenant acme', messageIncludes: ['post-login Actions (not tagged)'] }],
  },
  {
    name: 'registration facts denied or failed: unknown with the reason',
    inventory: storeInventory([{ targetId: 'a', facts: { registration: noPermission('okta.policies.read') } }, { targetId: 'b', facts: { registration: notRead() } }]),
    expected: [
      { outcome: 'unknown', messageId: 'notObserved', targetId: 'a', messageIncludes: ['HTTP 403'] },
      { outcome: 'unknown', messageId: 'notObserved', targetId: 'b', messageIncludes: ['TIMEOUT'] },
    ],
  },
  {
    name: 'an issuer without a store: unknown (no credential); a store without registration facts gives nothing',
    inventory: storeInventory({ facts: { scope: { kind: 'scim-service', name: 'scim' } } }, { extra: [asInventory({}).snapshots[0]!] }),
    expected: [{ outcome: 'unknown', messageId: 'notObserved', targetId: 'op', subject: ISSUER, messageIncludes: ['admin credential'] }],
  },
  {
    name: 'several stores judged separately',
    inventory: storeInventory([store({ enabled: true, mechanism: 'VERIFY_PROFILE' }, 'a'), store({ enabled: false }, 'b')]),
    expected: [
      { outcome: 'pass', messageId: 'enabled', targetId: 'a' },
      { outcome: 'info', messageId: 'notEnabled', targetId: 'b' },
    ],
  },
]);
