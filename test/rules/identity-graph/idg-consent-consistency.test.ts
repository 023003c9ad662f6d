import rule from '../../../rules/identity-graph/idg-consent-consistency.js';
import type { CrmConsentField, CrmFacts } from '../../../src/model/crm-facts.js';
import type { ConsentStats } from '../../../src/model/identity.js';
import { testRule } from '../../support/rule-tester.js';
import { noPermission, ok } from '../../support/store-inventory.js';
import { crm, graphOf, NOT_BUILT, scan, store, unreadProfiles } from '../graph-support.js';

const KC = { targetId: 'kc' };
const SALESFORCE: CrmFacts = { consentFields: ok([{ object: 'Contact', field: 'HasOptedOutOfEmail', meaning: 'opt-out' }]) };
const SF = { targetId: 'sf', crm: SALESFORCE };
const HUBSPOT = { targetId: 'hubspot', product: 'hubspot', crm: { consentFields: noPermission<CrmConsentField[]>('crm.schemas.contacts.read') } };

const consent = (crmTargetId: string, linkedPairs: number, bothKnown: number, disagree: number): ConsentStats => ({ crmTargetId, linkedPairs, bothKnown, disagree });
const withConsent = (...stats: ConsentStats[]) => graphOf([store('kc', 1200), crm('sf', 1000), crm('hubspot', 1000)], { consent: stats });

// Catalog §11b IDG-CONSENT-CONSISTENCY: per CRM, disagreeing pairs among those where both sides state
// consent: FAIL above 1 % (option), WARN any, PASS none; UNKNOWN when no pair states consent on both sides.
testRule(rule, [
  {
    name: 'consent agrees on every pair where both sides state it: pass',
    inventory: scan({ stores: [KC], crms: [SF] }),
    graph: withConsent(consent('sf', 1000, 600, 0)),
    expected: [{ targetId: 'sf', subject: 'crm sf', outcome: 'pass', messageId: 'agree', messageIncludes: ['all 600 linked pair(s)', '(1000 linked pairs in all)'], evidence: { crmConsentFields: ['Contact.HasOptedOutOfEmail'] } }],
  },
  {
    name: 'exactly 1 % disagree: warn',
    inventory: scan({ stores: [KC], crms: [SF] }),
    graph: withConsent(consent('sf', 1000, 600, 6)),
    expected: [{ targetId: 'sf', outcome: 'warn', messageId: 'someDisagree', severity: 'high', messageIncludes: ['6 of 600 linked pair(s) (1 %)'] }],
  },
  {
    name: 'above 1 %: fail',
    inventory: scan({ stores: [KC], crms: [SF] }),
    graph: withConsent(consent('sf', 1000, 600, 7)),
    expected: [{ targetId: 'sf', outcome: 'fail', messageId: 'manyDisagree', messageIncludes: ['(1.17 %)', 'above the 1 % limit'], evidence: { disagree: 7, bothKnown: 600 } }],
  },
  {
    name: 'option failShare 5 %: 1.17 % only warns',
    inventory: scan({ stores: [KC], crms: [SF] }),
    graph: withConsent(consent('sf', 1000, 600, 7)),
    options: { failShare: 0.05 },
    expected: [{ targetId: 'sf', outcome: 'warn', messageId: 'someDisagree' }],
  },
  {
    name: 'no pair states consent on both sides: unknown, naming the CRM fields or why they were not read',
    inventory: scan({ stores: [KC], crms: [SF, HUBSPOT] }),
    graph: withConsent(consent('sf', 1000, 0, 0), consent('hubspot', 500, 0, 0)),
    expected: [
      { targetId: 'hubspot', outcome: 'unknown', messageId: 'notStated', messageIncludes: ['500 linked pair(s)', 'consent fields were not read (access denied (HTTP 403))'] },
      { targetId: 'sf', outcome: 'unknown', messageId: 'notStated', messageIncludes: ['1000 linked pair(s) (CRM consent fields: Contact.HasOptedOutOfEmail)'] },
    ],
  },
  {
    name: 'no linked pair: N/A',
    inventory: scan({ stores: [KC], crms: [SF] }),
    graph: withConsent(consent('sf', 0, 0, 0)),
    expected: [{ targetId: 'sf', outcome: 'n/a', messageId: 'noLinkedPairs' }],
  },
  {
    name: 'graph not built: unknown per CRM',
    inventory: scan({ stores: [KC], crms: [SF, HUBSPOT] }),
    graph: NOT_BUILT,
    expected: [
      { targetId: 'hubspot', outcome: 'unknown', messageId: 'notObserved' },
      { targetId: 'sf', outcome: 'unknown', messageId: 'notObserved', messageIncludes: ['identity graph was not built'] },
    ],
  },
  {
    name: 'no identity-store profiles, and contacts not read: unknown',
    inventory: scan({ stores: [KC], crms: [SF, { ...HUBSPOT, datasets: [unreadProfiles('contacts', 'missing scope crm.objects.contacts.read', 'not-read')] }] }),
    graph: graphOf([crm('sf', 1000)], { consent: [consent('sf', 0, 0, 0)] }),
    expected: [
      { targetId: 'hubspot', outcome: 'unknown', messageId: 'notObserved', messageIncludes: ['missing scope'] },
      { targetId: 'sf', outcome: 'unknown', messageId: 'notObserved', messageIncludes: ['no identity-store profiles'] },
    ],
  },
  {
    name: 'the graph carries no consent statistics: unknown',
    inventory: scan({ stores: [KC], crms: [SF] }),
    graph: graphOf([store('kc', 1200), crm('sf', 1000)]),
    expected: [{ targetId: 'sf', outcome: 'unknown', messageId: 'notObserved', messageIncludes: ['carries no consent statistics'] }],
  },
]);
