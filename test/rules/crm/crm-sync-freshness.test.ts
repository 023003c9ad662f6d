import rule from '../../../rules/crm/crm-sync-freshness.js';
import type { FreshnessStats } from '../../../src/model/identity.js';
import { testRule } from '../../support/rule-tester.js';
import { crm, graphOf, NOT_BUILT, scan, store, unreadProfiles } from '../graph-support.js';

const KC = { targetId: 'kc' };
const SF = { targetId: 'sf' };
const HUBSPOT = { targetId: 'hubspot', product: 'hubspot' };
const HOUR = 3600;
const DAY = 86_400;
/** `pairs` stored-key pairs of which `agree` agree; the disagreements split as given; `stale` of them with a p95 wait. */
function fresh(crmTargetId: string, pairs: number, agree: number, extra: Partial<FreshnessStats> = {}): FreshnessStats {
  return { crmTargetId, pairs, agree, disagreeBy: { email: pairs - agree, family: 0, consent: 0 }, stale: 0, ...extra };
}
const withFreshness = (...stats: FreshnessStats[]) => graphOf([store('kc', 1200), crm('sf', 1000), crm('hubspot', 1000)], { freshness: stats });

// Catalog §11 CRM-SYNC-FRESHNESS over the graph's stored-key pairs: PASS ≥ 95 % agree and p95 lag under
// the target (15 min); WARN lag above the target (hours) or agreement below 95 %; FAIL lag of days or
// more than 20 % disagreeing.
testRule(rule, [
  {
    name: '97 of 100 agree, disagreements waited 5 min at p95: pass',
    inventory: scan({ stores: [KC], crms: [SF] }),
    graph: withFreshness(fresh('sf', 100, 97, { stale: 3, p95LagSeconds: 300 })),
    expected: [{ targetId: 'sf', subject: 'crm sf', outcome: 'pass', messageId: 'inSync', messageIncludes: ['97 of 100', '(97 %)', 'a change has waited 5 min'], evidence: { pairs: 100, agree: 97, agreement: 0.97, stale: 3, p95LagSeconds: 300, targets: { targetLagMinutes: 15, minAgreement: 0.95, maxDisagreement: 0.2 } } }],
  },
  {
    name: 'exactly 95 % agree, no timestamps: pass (the lag cannot be held against it)',
    inventory: scan({ stores: [KC], crms: [SF] }),
    graph: withFreshness(fresh('sf', 100, 95)),
    expected: [{ targetId: 'sf', outcome: 'pass', messageId: 'inSync', evidence: { p95LagSeconds: null } }],
  },
  {
    name: '90 % agree, no lag measured: warn, below the agreement a connected platform keeps',
    inventory: scan({ stores: [KC], crms: [SF] }),
    graph: withFreshness(fresh('sf', 100, 90, { disagreeBy: { email: 4, family: 1, consent: 6 } })),
    expected: [{ targetId: 'sf', outcome: 'warn', messageId: 'someDisagree', messageIncludes: ['10 of 100', 'email 4, family name 1, marketing consent 6', 'below the 95 %'] }],
  },
  {
    name: 'p95 lag 3 hours: warn (hours), even with 98 % agreeing',
    inventory: scan({ stores: [KC], crms: [SF] }),
    graph: withFreshness(fresh('sf', 100, 98, { stale: 2, p95LagSeconds: 3 * HOUR })),
    expected: [{ targetId: 'sf', outcome: 'warn', messageId: 'behind', messageIncludes: ['a change has waited 3 h', 'above the 15 min target'] }],
  },
  {
    name: 'p95 lag 20 min against a 30 min target: pass; the same against 15 min: warn (two CRMs)',
    inventory: scan({ stores: [KC], crms: [SF, HUBSPOT] }),
    graph: withFreshness(fresh('sf', 100, 99, { stale: 1, p95LagSeconds: 20 * 60 }), fresh('hubspot', 100, 99, { stale: 1, p95LagSeconds: 20 * 60 })),
    options: { targetLagMinutes: 30 },
    expected: [
      { targetId: 'hubspot', outcome: 'pass', messageId: 'inSync' },
      { targetId: 'sf', outcome: 'pass', messageId: 'inSync' },
    ],
  },
  {
    name: 'p95 lag of 3 days: fail (batch or broken sync)',
    inventory: scan({ stores: [KC], crms: [SF] }),
    graph: withFreshness(fresh('sf', 200, 185, { stale: 12, p95LagSeconds: 3 * DAY })),
    expected: [{ targetId: 'sf', outcome: 'fail', messageId: 'daysBehind', severity: 'low', messageIncludes: ['12 linked contact(s)', 'waited 3 d', '15 of 200'] }],
  },
  {
    name: 'a third disagree: fail, whatever the lag; exactly 20 % is not above the limit',
    inventory: scan({ stores: [KC], crms: [SF, HUBSPOT] }),
    graph: withFreshness(fresh('sf', 100, 67, { stale: 1, p95LagSeconds: 60 }), fresh('hubspot', 100, 80)),
    expected: [
      { targetId: 'hubspot', outcome: 'warn', messageId: 'someDisagree' },
      { targetId: 'sf', outcome: 'fail', messageId: 'disagree', messageIncludes: ['33 of 100', '(33 %)', 'above the 20 % limit'], evidence: { agreement: 0.67 } },
    ],
  },
  {
    name: 'option maxDisagreement 10 %: 15 % fails',
    inventory: scan({ stores: [KC], crms: [SF] }),
    graph: withFreshness(fresh('sf', 100, 85)),
    options: { maxDisagreement: 0.1 },
    expected: [{ targetId: 'sf', outcome: 'fail', messageId: 'disagree', messageIncludes: ['above the 10 % limit'] }],
  },
  {
    name: 'no stored-key pair: N/A',
    inventory: scan({ stores: [KC], crms: [SF] }),
    graph: withFreshness(fresh('sf', 0, 0)),
    expected: [{ targetId: 'sf', outcome: 'n/a', messageId: 'noLinkedPairs' }],
  },
  {
    name: 'a graph without freshness statistics (an older analysis): unknown',
    inventory: scan({ stores: [KC], crms: [SF] }),
    graph: graphOf([store('kc', 1200), crm('sf', 1000)]),
    expected: [{ targetId: 'sf', outcome: 'unknown', messageId: 'notObserved', messageIncludes: ['carries no comparison of stored-key pairs'] }],
  },
  {
    name: 'graph not built: unknown with the graph\'s reason',
    inventory: scan({ stores: [KC], crms: [SF] }),
    graph: NOT_BUILT,
    expected: [{ targetId: 'sf', outcome: 'unknown', messageId: 'notObserved', messageIncludes: ['identity graph was not built'] }],
  },
  {
    name: 'contacts not read, and no identity-store profiles: unknown',
    inventory: scan({ stores: [KC], crms: [{ ...HUBSPOT, datasets: [unreadProfiles('contacts')] }, SF] }),
    graph: graphOf([crm('sf', 1000)], { freshness: [fresh('sf', 0, 0)] }),
    expected: [
      { targetId: 'hubspot', outcome: 'unknown', messageId: 'notObserved', messageIncludes: ['profiles of hubspot were not read'] },
      { targetId: 'sf', outcome: 'unknown', messageId: 'notObserved', messageIncludes: ['no identity-store profiles'] },
    ],
  },
]);
