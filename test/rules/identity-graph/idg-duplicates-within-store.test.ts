import { describe, expect, it } from 'vitest';
import rule from '../../../rules/identity-graph/idg-duplicates-within-store.js';
import type { ClusterSummary, DuplicateStats } from '../../../src/model/identity.js';
import { evaluateRules } from '../../../src/rules-engine/evaluate.js';
import { asInventory } from '../../support/oidc-inventory.js';
import { testRule } from '../../support/rule-tester.js';
import { crm, graphOf, NOT_BUILT, scan, store, unreadProfiles, emptyProfiles } from '../graph-support.js';

const KC = { targetId: 'kc', facts: { scope: { kind: 'realm' as const, name: 'customers' } } };
const AUTH0 = { targetId: 'auth0', product: 'auth0', facts: { scope: { kind: 'tenant' as const, name: 'acme' } } };
const SF = { targetId: 'sf' };

const dup = (targetId: string, profilesInClusters: number, clusters = Math.ceil(profilesInClusters / 2)): DuplicateStats => ({
  targetId,
  clusters,
  profilesInClusters,
  share: profilesInClusters / 1000,
  sizes: { '2': clusters },
  topReasons: profilesInClusters ? [{ reason: 'email', count: clusters }, { reason: 'phone+name', count: 1 }] : [],
});

/** Clusters as the graph lists them: members carry a pseudonym and a masked email example. */
const CLUSTERS: ClusterSummary[] = [
  {
    fingerprint: 'fp-kc-1',
    size: 2,
    members: [
      { targetId: 'kc', pseudonym: 'p-a1', example: 'a***@example.com' },
      { targetId: 'kc', pseudonym: 'p-a2', example: 'a***@example.com' },
    ],
    reasons: [{ reason: 'email', count: 1 }],
  },
  { fingerprint: 'fp-cross', size: 2, members: [{ targetId: 'kc', pseudonym: 'p-b1' }, { targetId: 'auth0', pseudonym: 'p-b2' }], reasons: [{ reason: 'email', count: 1 }] },
];

// Catalog §11b IDG-DUPLICATES-WITHIN-STORE: per identity store and per CRM, the share of profiles in
// duplicate clusters: PASS < 0.5 %, WARN up to 2 %, FAIL above (options). Profiles read and none:
// N/A; profiles not read or graph not built: unknown (never N/A, see profileState).
testRule(rule, [
  {
    name: 'no duplicate cluster: pass',
    inventory: scan({ stores: [KC] }),
    graph: graphOf([store('kc', 1000)], { duplicates: [dup('kc', 0)] }),
    expected: [{ targetId: 'kc', subject: 'realm customers', outcome: 'pass', messageId: 'noDuplicates', messageIncludes: ['1000 profile(s)'], evidence: { profiles: 1000, profilesInClusters: 0 } }],
  },
  {
    name: '0.4 % in duplicate clusters: below the warning threshold, pass',
    inventory: scan({ stores: [KC] }),
    graph: graphOf([store('kc', 1000)], { duplicates: [dup('kc', 4)] }),
    expected: [{ targetId: 'kc', outcome: 'pass', messageId: 'rare', messageIncludes: ['4 of 1000 profile(s) (0.4 %)', 'below the 0.5 %', 'email (2)'] }],
  },
  {
    name: 'exactly 0.5 %: warn, with sizes, reasons and pseudonymous cluster examples',
    inventory: scan({ stores: [KC] }),
    graph: graphOf([store('kc', 1000)], { duplicates: [{ ...dup('kc', 5, 2), sizes: { '2': 1, '3': 1 } }], clusters: CLUSTERS }),
    expected: [
      {
        targetId: 'kc',
        outcome: 'warn',
        messageId: 'duplicates',
        severity: 'medium',
        messageIncludes: ['5 of 1000 profile(s) (0.5 %)', '2 duplicate cluster(s)', 'sizes: 1× 2, 1× 3', 'email (2), phone+name (1)'],
        evidence: { clusters: 2, share: 0.005, examples: [{ fingerprint: 'fp-kc-1', size: 2, pseudonyms: ['p-a1', 'p-a2'] }] },
      },
    ],
  },
  {
    name: 'two stores: exactly 2 % warns, 2.1 % fails',
    inventory: scan({ stores: [KC, AUTH0] }),
    graph: graphOf([store('kc', 1000), store('auth0', 1000)], { duplicates: [dup('kc', 20), dup('auth0', 21)] }),
    expected: [
      { targetId: 'auth0', subject: 'tenant acme', outcome: 'fail', messageId: 'manyDuplicates', messageIncludes: ['21 of 1000 profile(s) (2.1 %)', 'above the 2 % limit'] },
      { targetId: 'kc', outcome: 'warn', messageId: 'duplicates', messageIncludes: ['(2 %)'] },
    ],
  },
  {
    name: 'a CRM is judged like a store: 3 % of contacts in clusters fails',
    inventory: scan({ stores: [KC], crms: [SF] }),
    graph: graphOf([store('kc', 1000), crm('sf', 2000)], { duplicates: [dup('kc', 0), dup('sf', 60)] }),
    expected: [
      { targetId: 'kc', outcome: 'pass', messageId: 'noDuplicates' },
      { targetId: 'sf', subject: 'crm sf', outcome: 'fail', messageId: 'manyDuplicates', messageIncludes: ['60 of 2000 profile(s) (3 %)'] },
    ],
  },
  {
    name: 'options: thresholds of 0.1 % and 0.4 % make 0.5 % a failure',
    inventory: scan({ stores: [KC] }),
    graph: graphOf([store('kc', 1000)], { duplicates: [dup('kc', 5)] }),
    options: { warnShare: 0.001, failShare: 0.004 },
    expected: [{ targetId: 'kc', outcome: 'fail', messageId: 'manyDuplicates', messageIncludes: ['above the 0.4 % limit'], evidence: { warnShare: 0.001, failShare: 0.004 } }],
  },
  {
    name: 'profiles read and none there: N/A',
    inventory: scan({ stores: [{ ...KC, datasets: [emptyProfiles()] }, AUTH0] }),
    graph: graphOf([store('auth0', 500)], { duplicates: [dup('auth0', 0)] }),
    expected: [
      { targetId: 'auth0', outcome: 'pass', messageId: 'noDuplicates' },
      { targetId: 'kc', outcome: 'n/a', messageId: 'noProfiles' },
    ],
  },
  {
    name: 'graph not built: unknown once per store and CRM, with the graph\'s reason',
    inventory: scan({ stores: [KC], crms: [SF] }),
    graph: NOT_BUILT,
    expected: [
      { targetId: 'kc', outcome: 'unknown', messageId: 'notObserved', messageIncludes: ['identity graph was not built', 'no identity store or CRM profiles were read'] },
      { targetId: 'sf', outcome: 'unknown', messageId: 'notObserved' },
    ],
  },
  {
    name: 'profiles not read (configuration only) and an issuer without a store credential: unknown, not N/A',
    inventory: scan({ stores: [{ ...KC, datasets: [unreadProfiles()] }, AUTH0], extra: asInventory({ targetId: 'op' }).snapshots }),
    graph: graphOf([store('auth0', 500)], { duplicates: [dup('auth0', 0)] }),
    expected: [
      { targetId: 'auth0', outcome: 'pass', messageId: 'noDuplicates' },
      { targetId: 'kc', outcome: 'unknown', messageId: 'notObserved', messageIncludes: ['profiles of kc were not read', 'profiles.read is false'] },
      { targetId: 'op', outcome: 'unknown', messageId: 'notObserved', messageIncludes: ['needs a read-only admin credential'] },
    ],
  },
  {
    name: 'the graph carries no duplicate statistics: unknown',
    inventory: scan({ stores: [KC] }),
    graph: graphOf([store('kc', 1000)]),
    expected: [{ targetId: 'kc', outcome: 'unknown', messageId: 'notObserved', messageIncludes: ['carries no duplicate statistics'] }],
  },
]);

describe('IDG-DUPLICATES-WITHIN-STORE evidence', () => {
  it('names people by cluster fingerprint and pseudonym only, never by (masked) email', () => {
    const { results } = evaluateRules([rule], scan({ stores: [KC] }), graphOf([store('kc', 1000)], { duplicates: [dup('kc', 30)], clusters: CLUSTERS }));
    const text = JSON.stringify(results);
    expect(text).toContain('fp-kc-1');
    expect(text).not.toContain('@');
    expect(text).not.toContain('fp-cross');
  });
});
