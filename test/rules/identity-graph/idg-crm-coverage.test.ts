import rule from '../../../rules/identity-graph/idg-crm-coverage.js';
import type { LinkRate } from '../../../src/model/identity.js';
import { testRule } from '../../support/rule-tester.js';
import { crm, emptyProfiles, graphOf, NOT_BUILT, scan, store, unreadProfiles } from '../graph-support.js';

const KC = { targetId: 'kc' };
const SF = { targetId: 'sf' };
const HUBSPOT = { targetId: 'hubspot', product: 'hubspot' };

const rate = (crmTargetId: string, customerContacts: number, linkedExplicit: number, linkedMatchOnly: number, identities = 1200, identitiesInCrm = 900): LinkRate => ({
  crmTargetId,
  customerContacts,
  linkedExplicit,
  linkedMatchOnly,
  unlinked: customerContacts - linkedExplicit - linkedMatchOnly,
  identities,
  identitiesInCrm,
});
const withRates = (...rates: LinkRate[]) => graphOf([store('kc', 1200), crm('sf', 1000), crm('hubspot', 1000)], { linkRates: rates });

// Catalog §11b IDG-CRM-COVERAGE: per CRM, linked share = (explicit + match-only) / customer contacts and
// explicit share = explicit / linked: PASS ≥ 90 % linked and ≥ 80 % explicit, WARN ≥ 60 % linked, FAIL
// below (options); identities reaching the CRM are reported. Unknown without a graph, without the CRM's
// profiles or without any identity-store profiles to link to.
testRule(rule, [
  {
    name: '91 % of customer contacts linked, 93 % of them by a stored key: pass, with identities reaching the CRM',
    inventory: scan({ stores: [KC], crms: [SF] }),
    graph: withRates(rate('sf', 1000, 850, 60)),
    expected: [
      {
        targetId: 'sf',
        subject: 'crm sf',
        outcome: 'pass',
        messageId: 'covered',
        severity: 'high',
        messageIncludes: ['910 of 1000 customer contact(s) (91 %)', '93.41 % of those by a stored key', '900 of 1200 active identities (75 %)'],
        evidence: { linkedExplicit: 850, linkedMatchOnly: 60, linkedShare: 0.91, identitiesReachingCrm: 0.75 },
      },
    ],
  },
  {
    name: 'exactly 90 % linked and 80 % explicit: pass',
    inventory: scan({ stores: [KC], crms: [SF] }),
    graph: withRates(rate('sf', 1000, 720, 180)),
    expected: [{ targetId: 'sf', outcome: 'pass', messageId: 'covered' }],
  },
  {
    name: 'well linked but mostly by matching: warn, saying why',
    inventory: scan({ stores: [KC], crms: [SF] }),
    graph: withRates(rate('sf', 1000, 400, 550)),
    expected: [{ targetId: 'sf', outcome: 'warn', messageId: 'partial', messageIncludes: ['950 of 1000', 'fewer than 80 % of the links are stored keys'] }],
  },
  {
    name: 'two CRMs: exactly 60 % linked warns, 59.9 % fails',
    inventory: scan({ stores: [KC], crms: [SF, HUBSPOT] }),
    graph: withRates(rate('sf', 1000, 600, 0), rate('hubspot', 1000, 500, 99)),
    expected: [
      { targetId: 'hubspot', outcome: 'fail', messageId: 'uncovered', messageIncludes: ['Only 599 of 1000 customer contact(s) (59.9 %)', 'below 60 %'] },
      { targetId: 'sf', outcome: 'warn', messageId: 'partial', messageIncludes: ['fewer than 90 % of customer contacts are linked'] },
    ],
  },
  {
    name: 'options: pass from 50 % linked and 50 % explicit',
    inventory: scan({ stores: [KC], crms: [SF] }),
    graph: withRates(rate('sf', 1000, 300, 300)),
    options: { passLinkedShare: 0.5, passExplicitShare: 0.5, warnLinkedShare: 0.3 },
    expected: [{ targetId: 'sf', outcome: 'pass', messageId: 'covered', evidence: { thresholds: { passLinkedShare: 0.5, passExplicitShare: 0.5, warnLinkedShare: 0.3 } } }],
  },
  {
    name: 'no contact in a customer stage: N/A; a CRM read and empty: N/A',
    inventory: scan({ stores: [KC], crms: [SF, { ...HUBSPOT, datasets: [emptyProfiles('contacts')] }] }),
    graph: graphOf([store('kc', 1200), crm('sf', 300)], { linkRates: [rate('sf', 0, 0, 0)] }),
    expected: [
      { targetId: 'hubspot', outcome: 'n/a', messageId: 'noCustomers' },
      { targetId: 'sf', outcome: 'n/a', messageId: 'noCustomers' },
    ],
  },
  {
    name: 'graph not built: unknown per CRM',
    inventory: scan({ stores: [KC], crms: [SF, HUBSPOT] }),
    graph: NOT_BUILT,
    expected: [
      { targetId: 'hubspot', outcome: 'unknown', messageId: 'notObserved', messageIncludes: ['identity graph was not built'] },
      { targetId: 'sf', outcome: 'unknown', messageId: 'notObserved' },
    ],
  },
  {
    name: 'only the CRM\'s profiles are in the graph: unknown (every contact would look unlinked)',
    inventory: scan({ stores: [{ ...KC, datasets: [unreadProfiles()] }], crms: [SF] }),
    graph: graphOf([crm('sf', 1000)], { linkRates: [rate('sf', 1000, 0, 0, 0, 0)] }),
    expected: [{ targetId: 'sf', outcome: 'unknown', messageId: 'notObserved', messageIncludes: ['no identity-store profiles are in the identity graph'] }],
  },
  {
    name: 'the CRM\'s contacts were not read, and a graph without link rates: unknown',
    inventory: scan({ stores: [KC], crms: [{ ...SF, datasets: [unreadProfiles('records Contact', 'HTTP 403 on Contact', 'not-read')] }, HUBSPOT] }),
    graph: graphOf([store('kc', 1200), crm('hubspot', 1000)]),
    expected: [
      { targetId: 'hubspot', outcome: 'unknown', messageId: 'notObserved', messageIncludes: ['carries no link rates'] },
      { targetId: 'sf', outcome: 'unknown', messageId: 'notObserved', messageIncludes: ['records Contact: HTTP 403 on Contact'] },
    ],
  },
]);
