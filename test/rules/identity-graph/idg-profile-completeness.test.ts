import rule from '../../../rules/identity-graph/idg-profile-completeness.js';
import type { CompletenessStats } from '../../../src/model/identity.js';
import { asInventory } from '../../support/oidc-inventory.js';
import { testRule } from '../../support/rule-tester.js';
import { crm, emptyProfiles, graphOf, NOT_BUILT, scan, store } from '../graph-support.js';

const KC = { targetId: 'kc' };
const OKTA = { targetId: 'okta', product: 'okta', facts: { scope: { kind: 'org' as const, name: 'acme' } } };
type Bucket = CompletenessStats['buckets'][number];
const b = (age: string, profiles: number, meanFilled: number): Bucket => ({ age, profiles, meanFilled });
const curve = (targetId: string, ...buckets: Bucket[]): CompletenessStats => ({ targetId, buckets });
const one = (...buckets: Bucket[]) => graphOf([store('kc', 2000)], { completeness: [curve('kc', ...buckets)] });

// Catalog §11b IDG-PROFILE-COMPLETENESS: per identity store, the mean of filled attributes by account-age
// bucket: PASS (signal) when the oldest bucket with ≥ 30 profiles carries ≥ 0.5 more filled attributes than
// the youngest with ≥ 30 (options); INFO otherwise, with the curve.
testRule(rule, [
  {
    name: 'older accounts carry 0.6 more attributes: pass, with the curve',
    inventory: scan({ stores: [KC] }),
    graph: one(b('<1y', 500, 2), b('1-2y', 200, 2.4), b('2-5y', 100, 2.6), b('unknown', 3, 1)),
    expected: [
      {
        targetId: 'kc',
        subject: 'realm customers',
        outcome: 'pass',
        messageId: 'grows',
        severity: 'info',
        messageIncludes: ['2-5y accounts hold 2.6 filled attributes on average against 2 for <1y', '<1y: 2 (500), 1-2y: 2.4 (200), 2-5y: 2.6 (100), unknown: 1 (3)'],
        evidence: { compared: { young: '<1y', old: '2-5y', gain: 0.6 }, profilesWithoutCreationDate: 3 },
      },
    ],
  },
  {
    name: 'a gain of exactly 0.5: pass',
    inventory: scan({ stores: [KC] }),
    graph: one(b('<1y', 500, 2.1), b('1-2y', 200, 2.6)),
    expected: [{ targetId: 'kc', outcome: 'pass', messageId: 'grows', evidence: { compared: { gain: 0.5 } } }],
  },
  {
    name: 'a gain of 0.4: info (flat curve)',
    inventory: scan({ stores: [KC] }),
    graph: one(b('<1y', 500, 2.1), b('1-2y', 200, 2.5)),
    expected: [{ targetId: 'kc', outcome: 'info', messageId: 'flat', messageIncludes: ['do not grow measurably', '1-2y accounts hold 2.5'] }],
  },
  {
    name: 'a rich but small oldest bucket (under 30 profiles) is left out of the comparison',
    inventory: scan({ stores: [KC] }),
    graph: one(b('<1y', 500, 2), b('2-5y', 100, 2.2), b('5y+', 12, 6)),
    expected: [{ targetId: 'kc', outcome: 'info', messageId: 'flat', evidence: { compared: { young: '<1y', old: '2-5y' } } }],
  },
  {
    name: 'option minBucketProfiles 10 takes the small oldest bucket into account',
    inventory: scan({ stores: [KC] }),
    graph: one(b('<1y', 500, 2), b('2-5y', 100, 2.2), b('5y+', 12, 6)),
    options: { minBucketProfiles: 10 },
    expected: [{ targetId: 'kc', outcome: 'pass', messageId: 'grows', evidence: { compared: { old: '5y+', gain: 4 }, minBucketProfiles: 10 } }],
  },
  {
    name: 'only young accounts: info, growth cannot be measured yet; two stores side by side',
    inventory: scan({ stores: [KC, OKTA] }),
    graph: graphOf([store('kc', 600), store('okta', 900)], { completeness: [curve('kc', b('<1y', 590, 3), b('1-2y', 10, 5)), curve('okta', b('<1y', 400, 1), b('5y+', 500, 4))] }),
    expected: [
      { targetId: 'kc', outcome: 'info', messageId: 'tooFewAges', messageIncludes: ['hold 30 profiles or more'] },
      { targetId: 'okta', subject: 'org acme', outcome: 'pass', messageId: 'grows' },
    ],
  },
  {
    name: 'no profile carries a creation date: unknown',
    inventory: scan({ stores: [KC] }),
    graph: one(b('unknown', 2000, 3)),
    expected: [{ targetId: 'kc', outcome: 'unknown', messageId: 'notObserved', messageIncludes: ['none of the 2000 profile(s) read carries a creation date'] }],
  },
  {
    name: 'profiles read and none there: N/A; a CRM gets no finding',
    inventory: scan({ stores: [{ ...KC, datasets: [emptyProfiles()] }], crms: [{ targetId: 'sf' }] }),
    graph: graphOf([crm('sf', 100)], { completeness: [] }),
    expected: [{ targetId: 'kc', outcome: 'n/a', messageId: 'noProfiles' }],
  },
  {
    name: 'graph not built, and an issuer without a store credential: unknown',
    inventory: scan({ stores: [KC], extra: asInventory({ targetId: 'op' }).snapshots }),
    graph: NOT_BUILT,
    expected: [
      { targetId: 'kc', outcome: 'unknown', messageId: 'notObserved', messageIncludes: ['identity graph was not built'] },
      { targetId: 'op', outcome: 'unknown', messageId: 'notObserved', messageIncludes: ['needs a read-only admin credential'] },
    ],
  },
  {
    name: 'the graph carries no completeness statistics: unknown',
    inventory: scan({ stores: [KC] }),
    graph: graphOf([store('kc', 2000)]),
    expected: [{ targetId: 'kc', outcome: 'unknown', messageId: 'notObserved', messageIncludes: ['carries no completeness statistics'] }],
  },
]);
