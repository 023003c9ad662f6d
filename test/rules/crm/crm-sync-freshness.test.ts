import rule from '../../../rules/crm/crm-sync-freshness.js';
import type { ConsentStats } from '../../../src/model/identity.js';
import { testRule } from '../../support/rule-tester.js';
import { crm, graphOf, NOT_BUILT, scan, store, unreadProfiles } from '../graph-support.js';

const KC = { targetId: 'kc' };
const SF = { targetId: 'sf' };
const HUBSPOT = { targetId: 'hubspot', product: 'hubspot' };
const consent = (crmTargetId: string, linkedPairs: number, disagree: number): ConsentStats => ({ crmTargetId, linkedPairs, bothKnown: linkedPairs, disagree });
const withConsent = (...stats: ConsentStats[]) => graphOf([store('kc', 1200), crm('sf', 1000), crm('hubspot', 1000)], { consent: stats });

// Catalog §11 CRM-SYNC-FRESHNESS: PASS needs ≥ 95 % agreement and a p95 lag under the target, which the
// identity graph does not carry yet: unknown ("the identity graph does not carry update lags yet"). FAIL is
// decidable when the consent disagreement alone (a lower bound of disagreeing pairs) exceeds 20 %.
testRule(rule, [
  {
    name: 'linked pairs, little consent disagreement: unknown, lags are not carried',
    inventory: scan({ stores: [KC], crms: [SF] }),
    graph: withConsent(consent('sf', 100, 2)),
    expected: [{ targetId: 'sf', subject: 'crm sf', outcome: 'unknown', messageId: 'lagsNotCarried', messageIncludes: ['the identity graph does not carry update lags yet', '100 linked pair(s), 2 of them disagreeing'], evidence: { targets: { targetLagMinutes: 15, minAgreement: 0.95, maxDisagreement: 0.2 } } }],
  },
  {
    name: 'a third of the pairs disagree on consent alone: fail',
    inventory: scan({ stores: [KC], crms: [SF] }),
    graph: withConsent(consent('sf', 100, 30)),
    expected: [{ targetId: 'sf', outcome: 'fail', messageId: 'consentDisagreement', severity: 'low', messageIncludes: ['At least 30 of 100 linked pair(s) (30 %)', 'above the 20 % limit'], evidence: { disagreementLowerBound: 0.3 } }],
  },
  {
    name: 'exactly 20 % is not above the limit: unknown; two CRMs side by side',
    inventory: scan({ stores: [KC], crms: [SF, HUBSPOT] }),
    graph: withConsent(consent('sf', 100, 20), consent('hubspot', 100, 21)),
    expected: [
      { targetId: 'hubspot', outcome: 'fail', messageId: 'consentDisagreement' },
      { targetId: 'sf', outcome: 'unknown', messageId: 'lagsNotCarried' },
    ],
  },
  {
    name: 'option maxDisagreement 10 %: 15 % fails',
    inventory: scan({ stores: [KC], crms: [SF] }),
    graph: withConsent(consent('sf', 100, 15)),
    options: { maxDisagreement: 0.1 },
    expected: [{ targetId: 'sf', outcome: 'fail', messageId: 'consentDisagreement', messageIncludes: ['above the 10 % limit'] }],
  },
  {
    name: 'no linked pair: N/A',
    inventory: scan({ stores: [KC], crms: [SF] }),
    graph: withConsent(consent('sf', 0, 0)),
    expected: [{ targetId: 'sf', outcome: 'n/a', messageId: 'noLinkedPairs' }],
  },
  {
    name: 'a graph without consent statistics: unknown, lags not carried',
    inventory: scan({ stores: [KC], crms: [SF] }),
    graph: graphOf([store('kc', 1200), crm('sf', 1000)]),
    expected: [{ targetId: 'sf', outcome: 'unknown', messageId: 'lagsNotCarried' }],
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
    graph: graphOf([crm('sf', 1000)], { consent: [consent('sf', 0, 0)] }),
    expected: [
      { targetId: 'hubspot', outcome: 'unknown', messageId: 'notObserved', messageIncludes: ['profiles of hubspot were not read'] },
      { targetId: 'sf', outcome: 'unknown', messageId: 'notObserved', messageIncludes: ['no identity-store profiles'] },
    ],
  },
]);
