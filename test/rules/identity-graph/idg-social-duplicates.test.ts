import rule from '../../../rules/identity-graph/idg-social-duplicates.js';
import type { SocialDuplicateStats } from '../../../src/model/identity.js';
import { asInventory } from '../../support/oidc-inventory.js';
import { testRule } from '../../support/rule-tester.js';
import { ok } from '../../support/store-inventory.js';
import { crm, emptyProfiles, graphOf, NOT_BUILT, scan, store, unreadProfiles } from '../graph-support.js';

const KC = { targetId: 'kc', facts: { scope: { kind: 'realm' as const, name: 'customers' } } };
const OKTA = { targetId: 'okta', product: 'okta', facts: { scope: { kind: 'org' as const, name: 'acme' } } };
const social = (targetId: string, pairs: number, federatedAccounts: number): SocialDuplicateStats => ({ targetId, pairs, federatedAccounts, share: federatedAccounts ? pairs / federatedAccounts : 0 });

// Catalog §11b IDG-SOCIAL-DUPLICATES: per identity store with federated accounts, local/federated pairs of
// one person: FAIL above 1 % of federated accounts (option), WARN any, PASS none; N/A without federated
// accounts; unknown when the store counts federated users but the profiles do not say which.
testRule(rule, [
  {
    name: 'federated accounts without a local twin: pass; a CRM gets no finding',
    inventory: scan({ stores: [KC], crms: [{ targetId: 'sf' }] }),
    graph: graphOf([store('kc', 1000), crm('sf', 800)], { socialDuplicates: [social('kc', 0, 300), social('sf', 0, 0)] }),
    expected: [{ targetId: 'kc', subject: 'realm customers', outcome: 'pass', messageId: 'noPairs', messageIncludes: ['300 federated'], evidence: { federatedAccounts: 300, pairs: 0 } }],
  },
  {
    name: 'exactly 1 % of federated accounts: warn',
    inventory: scan({ stores: [KC] }),
    graph: graphOf([store('kc', 1000)], { socialDuplicates: [social('kc', 3, 300)] }),
    expected: [{ targetId: 'kc', outcome: 'warn', messageId: 'somePairs', severity: 'medium', messageIncludes: ['3 local/federated account pair(s)', '(1 % of 300'] }],
  },
  {
    name: 'above 1 %: fail',
    inventory: scan({ stores: [KC] }),
    graph: graphOf([store('kc', 1000)], { socialDuplicates: [social('kc', 4, 300)] }),
    expected: [{ targetId: 'kc', outcome: 'fail', messageId: 'manyPairs', messageIncludes: ['1.33 %', 'above the 1 % limit'], evidence: { share: 0.0133 } }],
  },
  {
    name: 'option failShare 5 %: 4 of 300 only warns',
    inventory: scan({ stores: [KC] }),
    graph: graphOf([store('kc', 1000)], { socialDuplicates: [social('kc', 4, 300)] }),
    options: { failShare: 0.05 },
    expected: [{ targetId: 'kc', outcome: 'warn', messageId: 'somePairs' }],
  },
  {
    name: 'no federated account among the profiles: N/A; an empty store: N/A',
    inventory: scan({ stores: [KC, { ...OKTA, datasets: [emptyProfiles()] }] }),
    graph: graphOf([store('kc', 1000)], { socialDuplicates: [social('kc', 0, 0)] }),
    expected: [
      { targetId: 'kc', outcome: 'n/a', messageId: 'noFederated', messageIncludes: ['None of the 1000 profile(s)'] },
      { targetId: 'okta', outcome: 'n/a', messageId: 'noFederated' },
    ],
  },
  {
    name: 'the store counts federated users but the profiles carry no origin: unknown, not N/A',
    inventory: scan({ stores: [{ ...KC, facts: { ...KC.facts, userStats: ok({ total: 1000, read: 1000, withFederatedIdentity: 40 }) } }] }),
    graph: graphOf([store('kc', 1000)], { socialDuplicates: [social('kc', 0, 0)] }),
    expected: [{ targetId: 'kc', outcome: 'unknown', messageId: 'notObserved', messageIncludes: ['reports 40 user(s) with a federated identity'] }],
  },
  {
    name: 'two stores side by side: one warns, one fails',
    inventory: scan({ stores: [KC, OKTA] }),
    graph: graphOf([store('kc', 1000), store('okta', 5000)], { socialDuplicates: [social('kc', 1, 300), social('okta', 90, 1000)] }),
    expected: [
      { targetId: 'kc', outcome: 'warn', messageId: 'somePairs' },
      { targetId: 'okta', subject: 'org acme', outcome: 'fail', messageId: 'manyPairs', messageIncludes: ['90 local/federated', '(9 % of 1000'] },
    ],
  },
  {
    name: 'graph not built: unknown per store, and per issuer without a store credential',
    inventory: scan({ stores: [KC], extra: asInventory({ targetId: 'op' }).snapshots }),
    graph: NOT_BUILT,
    expected: [
      { targetId: 'kc', outcome: 'unknown', messageId: 'notObserved', messageIncludes: ['identity graph was not built'] },
      { targetId: 'op', outcome: 'unknown', messageId: 'notObserved', messageIncludes: ['needs a read-only admin credential'] },
    ],
  },
  {
    name: 'profiles not read, and a graph without social-duplicate statistics: unknown',
    inventory: scan({ stores: [{ ...KC, datasets: [unreadProfiles('users', 'HTTP 403: view-users missing', 'not-read')] }, OKTA] }),
    graph: graphOf([store('okta', 5000)]),
    expected: [
      { targetId: 'kc', outcome: 'unknown', messageId: 'notObserved', messageIncludes: ['view-users missing'] },
      { targetId: 'okta', outcome: 'unknown', messageId: 'notObserved', messageIncludes: ['no social-duplicate statistics'] },
    ],
  },
]);
