import rule from '../../../rules/discovery/disc-issuer-inventory.js';
import { asInventory, emptyInventory } from '../../support/oidc-inventory.js';
import type { IdentityGraph } from '../../../src/model/identity.js';
import { testRule } from '../../support/rule-tester.js';
import { idp, noPermission, ok, storeInventory } from '../../support/store-inventory.js';
import { nonOidcInventory } from '../support.js';

const SHOP = 'https://login.shop.example.com';
const LOYALTY = 'https://id.loyalty.example.net/realms/members';
const LEGACY = 'https://legacy-sso.example.org';
const OKTA_DEFAULT = 'https://acme.okta.com/oauth2/default';
const OKTA_B2B = 'https://acme.okta.com/oauth2/aus1partners';

/** An identity graph as the analysis will report it, with overlaps between stores (by target id). */
const graphWith = (overlaps: Array<{ targetA: string; targetB: string; shared: number }> | undefined) =>
  ({ built: true, profilesPerTarget: [{ targetId: 'kc-shop', profiles: 1000 }, { targetId: 'kc-loyalty', profiles: 400 }], ...(overlaps ? { overlaps } : {}) }) as IdentityGraph;

/** Two Keycloak realms on different hosts; the shop realm may broker the loyalty one. */
const twoRealms = (shopIdps = ok([idp({ alias: 'google', provider: 'google', category: 'social' })]), loyaltyIdps = ok([])) =>
  storeInventory([
    { targetId: 'kc-shop', facts: { scope: { kind: 'realm', name: 'shop' }, issuers: ok([SHOP]), identityProviders: shopIdps } },
    { targetId: 'kc-loyalty', facts: { scope: { kind: 'realm', name: 'members' }, issuers: ok([LOYALTY]), identityProviders: loyaltyIdps } },
  ]);

// Catalog §2 DISC-ISSUER-INVENTORY (OIDC Core §5.7): scan-wide (target '*') INFO count of independent
// customer-facing issuers. The WARN (several issuers serving the same customers without brokering)
// needs identity-store evidence this scan does not read, so more than one issuer is reported as INFO
// that says so. Unknown when the scan holds no authorization server at all.
// T2: store issuers group the issuers by identity store (all issuers of one store are one independent
// issuer); WARN only when the identity graph shows customers shared between two groups and neither
// brokers the other (an IdP in one store naming the other issuer's host). Until the graph is built, INFO.
testRule(rule, [
  {
    name: 'one issuer scanned: INFO count 1 for the whole scan',
    inventory: asInventory({ issuer: SHOP }),
    expected: [{ targetId: '*', subject: 'issuers', outcome: 'info', messageId: 'count', messageIncludes: ['1 authorization server(s)', SHOP] }],
  },
  {
    name: 'two independent issuers: one scan-wide INFO that names both',
    inventory: asInventory([{ targetId: 'shop', issuer: SHOP }, { targetId: 'loyalty', issuer: LOYALTY }]),
    expected: [
      {
        targetId: '*',
        outcome: 'info',
        messageId: 'countNoPopulation',
        messageIncludes: ['2 independent issuers', `${LOYALTY}, ${SHOP}`],
        evidence: { issuers: [LOYALTY, SHOP], targets: ['loyalty', 'shop'] },
      },
    ],
  },
  {
    name: 'two targets configured for the same issuer count once',
    inventory: asInventory([{ targetId: 'web', issuer: SHOP }, { targetId: 'app', issuer: SHOP }]),
    expected: [{ targetId: '*', outcome: 'info', messageId: 'count', messageIncludes: ['1 authorization server(s)'], evidence: { targets: ['app', 'web'] } }],
  },
  {
    name: 'an issuer whose discovery failed still counts by its configured issuer',
    inventory: asInventory([{ targetId: 'shop', issuer: SHOP }, { targetId: 'loyalty', issuer: LOYALTY }, { targetId: 'legacy', issuer: LEGACY, metadata: null }]),
    expected: [{ targetId: '*', outcome: 'info', messageId: 'countNoPopulation', messageIncludes: ['3 independent issuers', LEGACY] }],
  },
  {
    name: 'a scan without any authorization server target: unknown',
    inventory: nonOidcInventory(),
    expected: [{ targetId: '*', outcome: 'unknown', messageId: 'notObserved', messageIncludes: ['no authorization server'] }],
  },
  {
    name: 'an empty scan yields no finding',
    inventory: emptyInventory(),
    expected: [],
  },
  {
    name: 'T2: the scanned server issues the identities of the realm that was read: one independent issuer',
    inventory: storeInventory({ targetId: 'kc-shop', facts: { scope: { kind: 'realm', name: 'shop' }, issuers: ok([SHOP]) } }, { extra: asInventory({ targetId: 'shop', issuer: SHOP }).snapshots }),
    expected: [{ targetId: '*', outcome: 'info', messageId: 'oneIdentityStore', messageIncludes: [SHOP, 'realm shop (kc-shop, shop)'], evidence: { groups: [{ label: 'realm shop', targets: ['kc-shop', 'shop'] }] } }],
  },
  {
    name: 'T2: two authorization servers of one Okta org are one independent issuer',
    inventory: storeInventory({
      targetId: 'okta',
      product: 'okta',
      facts: { scope: { kind: 'org', name: 'acme' }, issuers: ok([OKTA_DEFAULT, OKTA_B2B]) },
      authorizationServers: [{ issuer: OKTA_DEFAULT }, { issuer: OKTA_B2B }],
    }),
    expected: [{ targetId: '*', outcome: 'info', messageId: 'oneIdentityStore', messageIncludes: [`${OKTA_B2B}, ${OKTA_DEFAULT}`] }],
  },
  {
    name: 'T2: two realms, identity graph not built: INFO, overlap not observed',
    inventory: twoRealms(),
    expected: [{ targetId: '*', outcome: 'info', messageId: 'countNoPopulation', messageIncludes: ['2 independent issuers', 'realm members', 'identity graph was not built'], evidence: { graphBuilt: false } }],
  },
  {
    name: 'T2: the graph is built but carries no overlap data: INFO, overlap not observed',
    inventory: twoRealms(),
    graph: graphWith(undefined),
    expected: [{ targetId: '*', outcome: 'info', messageId: 'countNoPopulation', messageIncludes: ['carries no overlap data'] }],
  },
  {
    name: 'T2: two realms share 120 customers and neither brokers the other: WARN (siloed)',
    inventory: twoRealms(),
    graph: graphWith([{ targetA: 'kc-shop', targetB: 'kc-loyalty', shared: 120 }]),
    expected: [{ targetId: '*', outcome: 'warn', messageId: 'siloed', severity: 'low', messageIncludes: ['realm shop and realm members share 120 customer(s)'] }],
  },
  {
    name: 'T2: shared customers, but the shop realm brokers the loyalty issuer: INFO separate populations',
    inventory: twoRealms(ok([idp({ alias: 'id.loyalty.example.net', provider: 'keycloak-oidc' })])),
    graph: graphWith([{ targetA: 'kc-shop', targetB: 'kc-loyalty', shared: 120 }]),
    expected: [{ targetId: '*', outcome: 'info', messageId: 'separatePopulations', messageIncludes: ['brokered: realm shop / realm members'] }],
  },
  {
    name: 'T2: shared customers, but the identity providers were not readable: INFO, brokering not observed',
    inventory: twoRealms(noPermission('view-identity-providers'), noPermission('view-identity-providers')),
    graph: graphWith([{ targetA: 'kc-shop', targetB: 'kc-loyalty', shared: 120 }]),
    expected: [{ targetId: '*', outcome: 'info', messageId: 'countNoPopulation', messageIncludes: ['identity providers that would broker them were not read'] }],
  },
  {
    name: 'T2: the issuers of a store could not be read: unknown, the count would be a guess',
    inventory: storeInventory({ targetId: 'kc-shop', facts: { issuers: noPermission('view-realm') } }, { extra: asInventory({ targetId: 'shop', issuer: SHOP }).snapshots }),
    expected: [{ targetId: '*', outcome: 'unknown', messageId: 'notObserved', messageIncludes: ['the issuers of realm customers (kc-shop) were not read'] }],
  },
]);
