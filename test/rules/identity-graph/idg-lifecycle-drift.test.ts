import rule from '../../../rules/identity-graph/idg-lifecycle-drift.js';
import type { DriftStats } from '../../../src/model/identity.js';
import { testRule } from '../../support/rule-tester.js';
import { crm, emptyProfiles, graphOf, NOT_BUILT, scan, store } from '../graph-support.js';

const KC = { targetId: 'kc' };
const SF = { targetId: 'sf' };
const HUBSPOT = { targetId: 'hubspot', product: 'hubspot' };

const drift = (crmTargetId: string, linkedPairs: number, disabledButActive: number, danglingKeys: number): DriftStats => ({ crmTargetId, linkedPairs, disabledButActive, danglingKeys });
const withDrift = (...stats: DriftStats[]) => graphOf([store('kc', 1200), crm('sf', 1000), crm('hubspot', 1000)], { lifecycleDrift: stats });

// Catalog §11b IDG-LIFECYCLE-DRIFT: per CRM, (disabled-but-active + dangling keys) / linked pairs: FAIL
// above 0.5 % (option), WARN when any, PASS none; N/A without linked pairs.
testRule(rule, [
  {
    name: 'no drift among the linked pairs: pass',
    inventory: scan({ stores: [KC], crms: [SF] }),
    graph: withDrift(drift('sf', 1000, 0, 0)),
    expected: [{ targetId: 'sf', subject: 'crm sf', outcome: 'pass', messageId: 'noDrift', messageIncludes: ['None of the 1000 linked'], evidence: { linkedPairs: 1000, driftShare: 0 } }],
  },
  {
    name: 'exactly 0.5 % drift: warn',
    inventory: scan({ stores: [KC], crms: [SF] }),
    graph: withDrift(drift('sf', 1000, 3, 2)),
    expected: [{ targetId: 'sf', outcome: 'warn', messageId: 'someDrift', severity: 'medium', messageIncludes: ['5 contact(s) drift', '(0.5 % of 1000', '3 active or marketable', '2 holding the key'] }],
  },
  {
    name: 'above 0.5 %: fail',
    inventory: scan({ stores: [KC], crms: [SF] }),
    graph: withDrift(drift('sf', 1000, 6, 0)),
    expected: [{ targetId: 'sf', outcome: 'fail', messageId: 'muchDrift', messageIncludes: ['(0.6 % of 1000 linked pairs, above the 0.5 % limit)'], evidence: { disabledButActive: 6, driftShare: 0.006 } }],
  },
  {
    name: 'option failShare 1 %: 0.6 % only warns',
    inventory: scan({ stores: [KC], crms: [SF] }),
    graph: withDrift(drift('sf', 1000, 6, 0)),
    options: { failShare: 0.01 },
    expected: [{ targetId: 'sf', outcome: 'warn', messageId: 'someDrift' }],
  },
  {
    name: 'two CRMs side by side: one passes, one fails on dangling keys',
    inventory: scan({ stores: [KC], crms: [SF, HUBSPOT] }),
    graph: withDrift(drift('sf', 1000, 0, 0), drift('hubspot', 400, 0, 40)),
    expected: [
      { targetId: 'hubspot', outcome: 'fail', messageId: 'muchDrift', messageIncludes: ['40 holding the key'] },
      { targetId: 'sf', outcome: 'pass', messageId: 'noDrift' },
    ],
  },
  {
    name: 'no linked pair: N/A; a CRM read and empty: N/A',
    inventory: scan({ stores: [KC], crms: [SF, { ...HUBSPOT, datasets: [emptyProfiles('contacts')] }] }),
    graph: graphOf([store('kc', 1200), crm('sf', 1000)], { lifecycleDrift: [drift('sf', 0, 0, 0)] }),
    expected: [
      { targetId: 'hubspot', outcome: 'n/a', messageId: 'noLinkedPairs' },
      { targetId: 'sf', outcome: 'n/a', messageId: 'noLinkedPairs' },
    ],
  },
  {
    name: 'graph not built: unknown per CRM',
    inventory: scan({ stores: [KC], crms: [SF] }),
    graph: NOT_BUILT,
    expected: [{ targetId: 'sf', outcome: 'unknown', messageId: 'notObserved', messageIncludes: ['identity graph was not built'] }],
  },
  {
    name: 'no identity-store profiles in the graph: unknown, not N/A',
    inventory: scan({ stores: [KC], crms: [SF] }),
    graph: graphOf([crm('sf', 1000)], { lifecycleDrift: [drift('sf', 0, 0, 0)] }),
    expected: [{ targetId: 'sf', outcome: 'unknown', messageId: 'notObserved', messageIncludes: ['no identity-store profiles'] }],
  },
  {
    name: 'the graph carries no drift statistics: unknown',
    inventory: scan({ stores: [KC], crms: [SF] }),
    graph: graphOf([store('kc', 1200), crm('sf', 1000)]),
    expected: [{ targetId: 'sf', outcome: 'unknown', messageId: 'notObserved', messageIncludes: ['carries no lifecycle drift'] }],
  },
]);
