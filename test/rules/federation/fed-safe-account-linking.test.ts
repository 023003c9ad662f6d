import rule from '../../../rules/federation/fed-safe-account-linking.js';
import type { IdentityProviderFacts } from '../../../src/model/store-facts.js';
import { asInventory } from '../../support/oidc-inventory.js';
import { testRule } from '../../support/rule-tester.js';
import { idp, noPermission, ok, storeInventory } from '../../support/store-inventory.js';
import { graphOf, store } from '../graph-support.js';

const linking = (mode: IdentityProviderFacts['linking']['mode'], matchOn: IdentityProviderFacts['linking']['matchOn'] = 'email', detail?: string) => ({ mode, matchOn, ...(detail ? { detail } : {}) });
const google = (extra: Partial<IdentityProviderFacts> = {}) => idp({ alias: 'google', provider: 'google', category: 'social', ...extra });
const STATS = { total: 1000, read: 1000, withFederatedIdentity: 300, withSeveralIdentities: 42 };

// Catalog §7 FED-SAFE-ACCOUNT-LINKING (OIDC Core §5.1, §5.7), T2 per store over enabled identity providers:
// FAIL when linking is automatic on an email that is not guaranteed verified (Keycloak trustEmail on a
// social/OIDC provider with idp-auto-link; Okta AUTO without a filter on a social provider); WARN for other
// automatic linking; PASS when linking needs confirmation or re-authentication, or is off. Custom linking
// (Auth0 Actions, Okta AUTO with a filter) is unknown, with the share of users with two or more identities.
testRule(rule, [
  {
    name: 'confirmation, re-authentication and no linking pass, with the share of linked users',
    inventory: storeInventory({
      facts: {
        identityProviders: ok([google({ linking: linking('reauthenticate') }), idp({ alias: 'corp', linking: linking('confirm') }), idp({ alias: 'partner', linking: linking('disabled', 'none') })]),
        userStats: ok(STATS),
      },
    }),
    expected: [{ targetId: 'store', subject: 'realm customers', outcome: 'pass', messageId: 'safeLinking', messageIncludes: ['all 3 enabled', '42 of 1000 users (4 %)'], evidence: { linkedIdentities: { withSeveralIdentities: 42, total: 1000 } } }],
  },
  {
    name: 'Keycloak: idp-auto-link with trustEmail on Google fails',
    inventory: storeInventory({ facts: { identityProviders: ok([google({ trustEmail: true, linking: linking('automatic', 'email', 'idp-auto-link without proof') })]) } }),
    expected: [{ outcome: 'fail', messageId: 'autoLinkUnverified', severity: 'high', messageIncludes: ['google (idp-auto-link without proof)'], evidence: { autoLinkUnverified: { ids: ['google'] } } }],
  },
  {
    name: 'Okta: AUTO without a filter on a social provider (trust not configurable) fails',
    inventory: storeInventory({ product: 'okta', facts: { identityProviders: ok([google({ linking: linking('automatic', 'email', 'accountLink AUTO without a filter') })]) } }),
    expected: [{ outcome: 'fail', messageId: 'autoLinkUnverified', messageIncludes: ['accountLink AUTO without a filter'] }],
  },
  {
    name: 'automatic linking on an enterprise SAML provider or by username warns',
    inventory: storeInventory({
      facts: {
        identityProviders: ok([
          idp({ alias: 'corp-saml', protocol: 'saml', provider: 'saml', trustEmail: false, linking: linking('automatic') }),
          google({ trustEmail: false, linking: linking('automatic', 'username') }),
        ]),
      },
    }),
    expected: [{ outcome: 'warn', messageId: 'autoLink', messageIncludes: ['2 identity provider(s)', 'corp-saml, google'] }],
  },
  {
    name: 'custom linking (Auth0 Actions; Okta AUTO limited by a filter): unknown, with the share where counted',
    inventory: storeInventory([
      { targetId: 'auth0', product: 'auth0', facts: { scope: { kind: 'tenant', name: 'acme' }, identityProviders: ok([google({ linking: { mode: 'custom', detail: 'Auth0 Actions' } })]), userStats: ok(STATS) } },
      { targetId: 'okta', product: 'okta', facts: { identityProviders: ok([google({ linking: linking('custom', 'email', 'accountLink AUTO limited by a filter (1 group(s))') })]) } },
    ]),
    expected: [
      { targetId: 'auth0', outcome: 'unknown', messageId: 'customLinking', messageIncludes: ['google (Auth0 Actions)', '42 of 1000 users (4 %) have two or more linked identities'] },
      { targetId: 'okta', outcome: 'unknown', messageId: 'customLinking', messageIncludes: ['limited by a filter'] },
    ],
  },
  {
    name: 'a provider whose linking behaviour is unknown: unknown',
    inventory: storeInventory({ facts: { identityProviders: ok([google({ linking: linking('reauthenticate') }), idp({ alias: 'corp', linking: { mode: 'unknown', detail: 'the first broker login flow has no enabled execution' } })]) } }),
    expected: [{ outcome: 'unknown', messageId: 'notObserved', messageIncludes: ['corp (the first broker login flow has no enabled execution)'] }],
  },
  {
    name: 'no enabled identity provider: N/A',
    inventory: storeInventory({ facts: { identityProviders: ok([google({ enabled: false, trustEmail: true, linking: linking('automatic') })]) } }),
    expected: [{ outcome: 'n/a', messageId: 'noUpstreamIdps' }],
  },
  {
    name: 'auto-link on an unverified email: the identity graph\'s collisions involving the store are cited (outcome unchanged)',
    inventory: storeInventory([
      { targetId: 'kc', facts: { identityProviders: ok([google({ trustEmail: true, linking: linking('automatic', 'email', 'idp-auto-link') })]) } },
      { targetId: 'kc-2', facts: { scope: { kind: 'realm', name: 'partners' }, identityProviders: ok([google({ trustEmail: true, linking: linking('automatic', 'email') })]) } },
    ]),
    graph: graphOf([store('kc', 1000), store('auth0', 500)], { emailCollisions: [{ verifiedIn: 'auth0', unverifiedIn: 'kc', count: 12 }] }),
    expected: [
      { targetId: 'kc', outcome: 'fail', messageId: 'autoLinkUnverified', messageIncludes: ['google (idp-auto-link); the identity graph shows 12 email address(es) of this store', 'IDG-EMAIL-COLLISION-TAKEOVER'], evidence: { emailCollisions: 12 } },
      // kc-2's profiles are not in the graph: the count is not observed (null), and the message says nothing.
      { targetId: 'kc-2', outcome: 'fail', messageId: 'autoLinkUnverified', evidence: { emailCollisions: null } },
    ],
  },
  {
    name: 'automatic linking on email without collisions in the graph: warn, count 0 in evidence, no note',
    inventory: storeInventory({ targetId: 'kc', facts: { identityProviders: ok([idp({ alias: 'corp', trustEmail: false, linking: linking('automatic', 'email') })]) } }),
    graph: graphOf([store('kc', 1000)], { emailCollisions: [] }),
    expected: [{ targetId: 'kc', outcome: 'warn', messageId: 'autoLink', messageIncludes: ['without the user proving they own the existing account: corp.'], evidence: { emailCollisions: 0 } }],
  },
  {
    name: 'providers not readable, and a server without any store credential: unknown',
    inventory: storeInventory({ targetId: 'kc', facts: { identityProviders: noPermission('view-identity-providers') } }, { extra: asInventory({ targetId: 'op' }).snapshots }),
    expected: [
      { targetId: 'kc', outcome: 'unknown', messageId: 'notObserved', messageIncludes: ['403'] },
      { targetId: 'op', outcome: 'unknown', messageId: 'notObserved', messageIncludes: ['needs a read-only admin credential'] },
    ],
  },
]);
