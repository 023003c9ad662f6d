import { describe, expect, it } from 'vitest';
import rule from '../../../rules/identity-graph/idg-silo-overlap.js';
import type { ClusterSummary, IdentityGraph } from '../../../src/model/identity.js';
import { evaluateRules } from '../../../src/rules-engine/evaluate.js';
import { asInventory } from '../../support/oidc-inventory.js';
import { testRule } from '../../support/rule-tester.js';
import { crm, emptyProfiles, graphOf, NOT_BUILT, scan, store, unreadProfiles } from '../graph-support.js';

const SHOP = { targetId: 'kc-shop', facts: { scope: { kind: 'realm' as const, name: 'shop' } } };
const LOYALTY = { targetId: 'ldap-loyalty', product: 'ldap', facts: { scope: { kind: 'directory' as const, name: 'dc=loyalty' } } };
const AUTH0 = { targetId: 'auth0', product: 'auth0', facts: { scope: { kind: 'tenant' as const, name: 'acme' } } };

type Overlap = NonNullable<IdentityGraph['overlaps']>[number];
const overlap = (targetA: string, targetB: string, shared: number, edges: Overlap['edges'] = []): Overlap => ({ targetA, targetB, shared, edges });
const FEDERATION = { kind: 'federation' as const, from: 'kc-shop', detail: 'identity provider loyalty brokers ldap-loyalty' };

/** kc-shop: 4000 people, ldap-loyalty: 1000 people (the smaller store). */
const twoStores = (shared: number, edges: Overlap['edges'] = []) => graphOf([store('kc-shop', 4000), store('ldap-loyalty', 1000)], { overlaps: [overlap('kc-shop', 'ldap-loyalty', shared, edges)] });

const SHARED_CLUSTER: ClusterSummary = {
  fingerprint: 'fp-shared',
  size: 2,
  members: [
    { targetId: 'kc-shop', pseudonym: 'p-1', example: 'j***@example.com' },
    { targetId: 'ldap-loyalty', pseudonym: 'p-2', example: 'j***@example.com' },
  ],
  reasons: [{ reason: 'email', count: 1 }],
};

// Catalog §11b IDG-SILO-OVERLAP: per pair of identity stores (scan-wide, subject "A ↔ B"): FAIL when the
// pair shares ≥ 5 % of the smaller store's people and nothing joins them, WARN 1–5 %, PASS when joined or
// below 1 %; the overlap matrix in evidence. CRM pairs are left to IDG-CRM-COVERAGE.
testRule(rule, [
  {
    name: 'exactly 5 % of the smaller store shared with no edge: fail (an identity silo), with the matrix and cluster examples',
    inventory: scan({ stores: [SHOP, LOYALTY] }),
    graph: { ...twoStores(50), clusters: [SHARED_CLUSTER] },
    expected: [
      {
        targetId: '*',
        subject: 'kc-shop ↔ ldap-loyalty',
        outcome: 'fail',
        messageId: 'siloed',
        severity: 'high',
        messageIncludes: ['50 customer(s) are in both kc-shop and ldap-loyalty (5 % of the smaller store)', 'an identity silo'],
        evidence: {
          shared: 50,
          smallerStorePeople: 1000,
          shareOfSmaller: 0.05,
          edges: [],
          examples: [{ fingerprint: 'fp-shared', size: 2, pseudonyms: ['p-1', 'p-2'] }],
          matrix: [{ pair: 'kc-shop ↔ ldap-loyalty', shared: 50, shareOfSmaller: 0.05, edges: [] }],
        },
      },
    ],
  },
  {
    name: 'exactly 1 % shared with no edge: warn',
    inventory: scan({ stores: [SHOP, LOYALTY] }),
    graph: twoStores(10),
    expected: [{ targetId: '*', subject: 'kc-shop ↔ ldap-loyalty', outcome: 'warn', messageId: 'smallOverlap', messageIncludes: ['(1 % of the smaller store)'] }],
  },
  {
    name: 'below 1 %: pass (negligible)',
    inventory: scan({ stores: [SHOP, LOYALTY] }),
    graph: twoStores(9),
    expected: [{ targetId: '*', outcome: 'pass', messageId: 'negligible', messageIncludes: ['share 9 customer(s) (0.9 %', 'below the 1 % threshold'] }],
  },
  {
    name: 'a large overlap joined by federation: pass',
    inventory: scan({ stores: [SHOP, LOYALTY] }),
    graph: twoStores(800, [FEDERATION]),
    expected: [{ targetId: '*', outcome: 'pass', messageId: 'joined', messageIncludes: ['(80 % of the smaller store)', 'federation (identity provider loyalty brokers ldap-loyalty)'], evidence: { edges: [FEDERATION] } }],
  },
  {
    name: 'three stores and a CRM: one finding per store pair, the matrix of all three, the CRM pair ignored',
    inventory: scan({ stores: [SHOP, LOYALTY, AUTH0], crms: [{ targetId: 'sf' }] }),
    graph: graphOf([store('auth0', 2000), store('kc-shop', 4000), store('ldap-loyalty', 1000), crm('sf', 3000)], {
      overlaps: [overlap('auth0', 'kc-shop', 1500, [{ kind: 'provisioning', from: 'records', detail: '1500 records hold the other system\'s key in externalId' }]), overlap('auth0', 'ldap-loyalty', 0), overlap('kc-shop', 'ldap-loyalty', 200), overlap('kc-shop', 'sf', 2500)],
    }),
    expected: [
      { targetId: '*', subject: 'auth0 ↔ kc-shop', outcome: 'pass', messageId: 'joined', messageIncludes: ['(75 % of the smaller store)', 'provisioning'] },
      { targetId: '*', subject: 'auth0 ↔ ldap-loyalty', outcome: 'pass', messageId: 'negligible' },
      {
        targetId: '*',
        subject: 'kc-shop ↔ ldap-loyalty',
        outcome: 'fail',
        messageId: 'siloed',
        evidence: {
          matrix: [
            { pair: 'auth0 ↔ kc-shop', shared: 1500, shareOfSmaller: 0.75, edges: ['provisioning'] },
            { pair: 'auth0 ↔ ldap-loyalty', shared: 0, shareOfSmaller: 0, edges: [] },
            { pair: 'kc-shop ↔ ldap-loyalty', shared: 200, shareOfSmaller: 0.2, edges: [] },
          ],
        },
      },
    ],
  },
  {
    name: 'option failShare 10 %: 5 % only warns',
    inventory: scan({ stores: [SHOP, LOYALTY] }),
    graph: twoStores(50),
    options: { failShare: 0.1 },
    expected: [{ targetId: '*', outcome: 'warn', messageId: 'smallOverlap' }],
  },
  {
    name: 'one identity store in the scan: N/A, graph or not',
    inventory: scan({ stores: [SHOP], crms: [{ targetId: 'sf' }] }),
    graph: NOT_BUILT,
    expected: [{ targetId: '*', subject: 'identity stores', outcome: 'n/a', messageId: 'singleStore', messageIncludes: ['realm shop (kc-shop)'] }],
  },
  {
    name: 'two stores, one of them read and empty: N/A',
    inventory: scan({ stores: [SHOP, { ...LOYALTY, datasets: [emptyProfiles()] }] }),
    graph: graphOf([store('kc-shop', 4000)], { overlaps: [] }),
    expected: [{ targetId: '*', outcome: 'n/a', messageId: 'singleStore', evidence: { withCustomers: ['kc-shop'] } }],
  },
  {
    name: 'two stores and the graph not built: unknown once, scan-wide',
    inventory: scan({ stores: [SHOP, LOYALTY] }),
    graph: NOT_BUILT,
    expected: [{ targetId: '*', subject: 'identity stores', outcome: 'unknown', messageId: 'notObserved', messageIncludes: ['identity graph was not built'] }],
  },
  {
    name: 'the graph carries no overlaps: unknown',
    inventory: scan({ stores: [SHOP, LOYALTY] }),
    graph: graphOf([store('kc-shop', 4000), store('ldap-loyalty', 1000)]),
    expected: [{ targetId: '*', outcome: 'unknown', messageId: 'notObserved', messageIncludes: ['carries no overlap data'] }],
  },
  {
    name: 'a store whose profiles were not read and an issuer without a store credential: unknown for each, pairs of the rest judged',
    inventory: scan({ stores: [SHOP, LOYALTY, { ...AUTH0, datasets: [unreadProfiles()] }], extra: asInventory({ targetId: 'op' }).snapshots }),
    graph: twoStores(10),
    expected: [
      { targetId: '*', subject: 'kc-shop ↔ ldap-loyalty', outcome: 'warn', messageId: 'smallOverlap' },
      { targetId: 'auth0', subject: 'tenant acme', outcome: 'unknown', messageId: 'notObserved', messageIncludes: ['profiles.read is false', 'overlap with the other stores is not observed'] },
      { targetId: 'op', outcome: 'unknown', messageId: 'notObserved', messageIncludes: ['needs a read-only admin credential'] },
    ],
  },
]);

describe('IDG-SILO-OVERLAP evidence', () => {
  it('lists shared customers by cluster fingerprint and pseudonym, never by (masked) email', () => {
    const { results } = evaluateRules([rule], scan({ stores: [SHOP, LOYALTY] }), { ...twoStores(50), clusters: [SHARED_CLUSTER] });
    expect(JSON.stringify(results)).not.toContain('@');
  });
});
