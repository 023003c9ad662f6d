import rule from '../../../rules/registration/reg-email-verification.js';
import type { RegistrationFacts, UserStatsFacts } from '../../../src/model/store-facts.js';
import { asInventory, ISSUER } from '../../support/oidc-inventory.js';
import { testRule } from '../../support/rule-tester.js';
import { idp, noPermission, notRead, ok, storeInventory } from '../../support/store-inventory.js';

function reg(emailVerification: RegistrationFacts['emailVerification'], extra: Partial<RegistrationFacts> = {}): RegistrationFacts {
  return { selfService: true, botProtection: true, emailVerification, progressiveProfiling: { enabled: false }, ...extra };
}
const stats: UserStatsFacts = { total: 1000, read: 1000, emailVerified: 900, emailUnverified: 100 };
const autoLink = (alias: string, enabled = true) => idp({ alias, category: 'social', provider: 'google', enabled, linking: { mode: 'automatic', matchOn: 'email' } });

// Catalog §9 REG-EMAIL-VERIFICATION (OIDC Core §5.1, §5.7): PASS when verification is required, WARN when
// optional, FAIL when unverified addresses are used for automatic account linking; the share of users with
// an unverified email is evidence.
testRule(rule, [
  {
    name: 'verification required passes, with the unverified share as evidence',
    inventory: storeInventory({ facts: { registration: ok(reg('required')), userStats: ok(stats) } }),
    expected: [{ outcome: 'pass', messageId: 'required', subject: 'realm customers', messageIncludes: ['10.0 %'], evidence: { unverifiedShare: 0.1, usersWithUnverifiedEmail: 100 } }],
  },
  {
    name: 'verification optional, no identity providers: warn',
    inventory: storeInventory({ facts: { registration: ok(reg('optional', { duplicateEmailsAllowed: true })) } }),
    expected: [{ outcome: 'warn', messageId: 'optional', severity: 'medium', evidence: { duplicateEmailsAllowed: true, identityProviders: 'none' } }],
  },
  {
    name: 'verification optional and providers that confirm links: warn',
    inventory: storeInventory({ facts: { registration: ok(reg('optional')), identityProviders: ok([idp({ alias: 'google' })]) } }),
    expected: [{ outcome: 'warn', messageId: 'optional', evidence: { autoLinkingOnEmailCount: 0 } }],
  },
  {
    name: 'verification optional and automatic linking on email: fail, naming the providers',
    inventory: storeInventory({ facts: { registration: ok(reg('optional')), identityProviders: ok([autoLink('google'), autoLink('facebook'), autoLink('old', false)]) } }),
    expected: [{ outcome: 'fail', messageId: 'usedForLinking', messageIncludes: ['2 identity provider(s)', 'google, facebook'], evidence: { autoLinkingOnEmail: ['google', 'facebook'], autoLinkingOnEmailCount: 2 } }],
  },
  {
    name: 'verification required makes automatic linking a matter for FED-SAFE-ACCOUNT-LINKING: pass',
    inventory: storeInventory({ facts: { registration: ok(reg('required')), identityProviders: ok([autoLink('google')]) } }),
    expected: [{ outcome: 'pass', messageId: 'required', evidence: { unverifiedShare: null } }],
  },
  {
    name: 'verification optional, providers not readable: warn, saying linking was not observed',
    inventory: storeInventory({ facts: { registration: ok(reg('optional')), identityProviders: notRead() } }),
    expected: [{ outcome: 'warn', messageId: 'optional', messageIncludes: ['was not observed'] }],
  },
  {
    name: 'verification setting unknown (Auth0): unknown, with the unverified share kept as evidence',
    inventory: storeInventory({ product: 'auth0', facts: { scope: { kind: 'tenant', name: 'acme' }, registration: ok(reg('unknown')), userStats: ok({ total: 40, read: 40, emailUnverified: 10 }) } }),
    expected: [{ outcome: 'unknown', messageId: 'notObserved', messageIncludes: ['auth0 facts do not tell'], evidence: { unverifiedShare: 0.25 } }],
  },
  {
    name: 'registration facts denied: unknown; an issuer without a store: unknown (no credential)',
    inventory: storeInventory({ facts: { registration: noPermission('view-realm') } }, { extra: [asInventory({}).snapshots[0]!] }),
    expected: [
      { outcome: 'unknown', messageId: 'notObserved', targetId: 'op', subject: ISSUER, messageIncludes: ['admin credential'] },
      { outcome: 'unknown', messageId: 'notObserved', targetId: 'store', messageIncludes: ['HTTP 403'] },
    ],
  },
  {
    name: 'several stores judged separately; a store without registration facts gives nothing',
    inventory: storeInventory([
      { targetId: 'a', facts: { registration: ok(reg('required')) } },
      { targetId: 'b', facts: { registration: ok(reg('optional')) } },
      { targetId: 'c', facts: { scope: { kind: 'directory', name: 'ou=customers' } } },
    ]),
    expected: [
      { outcome: 'pass', messageId: 'required', targetId: 'a' },
      { outcome: 'warn', messageId: 'optional', targetId: 'b' },
    ],
  },
]);
