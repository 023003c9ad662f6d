import rule from '../../../rules/crm/crm-link-rate.js';
import type { CrmLinkStats } from '../../../src/model/crm-facts.js';
import type { LinkRate } from '../../../src/model/identity.js';
import { testRule } from '../../support/rule-tester.js';
import { noPermission, ok } from '../../support/store-inventory.js';
import { crm, graphOf, NOT_BUILT, scan, store } from '../graph-support.js';

const KC = { targetId: 'kc' };
const kcCounted = (enabled: number) => ({ targetId: 'kc', facts: { userStats: ok({ total: enabled + 50, read: enabled + 50, enabled, disabled: 50 }) } });
const stats = (withKey: number, records = 1000): CrmLinkStats => ({ records, withKey, emailShaped: 0, subjectShaped: withKey, sharedValues: 0 });
const SF = { targetId: 'sf', crm: { linkStats: ok(stats(100)) } };
const HUBSPOT = { targetId: 'hubspot', product: 'hubspot', crm: { linkStats: ok(stats(100)) } };
const rate = (crmTargetId: string, linkedExplicit: number, customerContacts = 1000, identities = 1000): LinkRate => ({
  crmTargetId,
  customerContacts,
  linkedExplicit,
  linkedMatchOnly: 0,
  unlinked: customerContacts - linkedExplicit,
  identities,
  identitiesInCrm: linkedExplicit,
});
const withRates = (...rates: LinkRate[]) => graphOf([store('kc', 1000), crm('sf', 1000), crm('hubspot', 1000)], { linkRates: rates });

// Catalog §11 CRM-LINK-RATE: forward = linked contacts / active identities, reverse = linked / customer
// contacts; the lower rate decides: PASS ≥ 0.9, WARN 0.5–0.9, FAIL < 0.5 (options). The identity graph's
// resolving keys win over the connector's key counts when both exist.
testRule(rule, [
  {
    name: 'from the identity graph: 0.95 both ways, pass (the graph wins over the key counts)',
    inventory: scan({ stores: [KC], crms: [SF] }),
    graph: withRates(rate('sf', 950)),
    expected: [
      {
        targetId: 'sf',
        subject: 'crm sf',
        outcome: 'pass',
        messageId: 'linked',
        severity: 'medium',
        messageIncludes: ['Forward rate 0.95 (950 linked contact(s) per 1000 active identities)', 'reverse rate 0.95', 'from identity graph'],
        evidence: { source: 'identity graph', linked: 950, forwardRate: 0.95, reverseRate: 0.95 },
      },
    ],
  },
  {
    name: 'a lower rate of 0.7: warn',
    inventory: scan({ stores: [KC], crms: [SF] }),
    graph: withRates(rate('sf', 700, 800, 1000)),
    expected: [{ targetId: 'sf', outcome: 'warn', messageId: 'partlyLinked', messageIncludes: ['The lower link rate is 0.7', 'reverse 0.88'] }],
  },
  {
    name: 'two CRMs: exactly 0.9 passes, exactly 0.5 warns',
    inventory: scan({ stores: [KC], crms: [SF, HUBSPOT] }),
    graph: withRates(rate('sf', 900), rate('hubspot', 500)),
    expected: [
      { targetId: 'hubspot', outcome: 'warn', messageId: 'partlyLinked' },
      { targetId: 'sf', outcome: 'pass', messageId: 'linked' },
    ],
  },
  {
    name: 'below 0.5: fail (identity and CRM siloed)',
    inventory: scan({ stores: [KC], crms: [SF] }),
    graph: withRates(rate('sf', 400)),
    expected: [{ targetId: 'sf', outcome: 'fail', messageId: 'siloed', messageIncludes: ['below 0.5', 'siloed'] }],
  },
  {
    name: 'option passRate 0.6: 0.7 passes',
    inventory: scan({ stores: [KC], crms: [SF] }),
    graph: withRates(rate('sf', 700)),
    options: { passRate: 0.6 },
    expected: [{ targetId: 'sf', outcome: 'pass', messageId: 'linked' }],
  },
  {
    name: 'without the graph: key counts over the stores\' enabled users, pass',
    inventory: scan({ stores: [kcCounted(1000)], crms: [{ targetId: 'sf', crm: { linkStats: ok(stats(920)) } }] }),
    graph: NOT_BUILT,
    expected: [{ targetId: 'sf', outcome: 'pass', messageId: 'linked', messageIncludes: ['from stored-key counts'], evidence: { source: 'stored-key counts', linked: 920, activeIdentities: 1000, forwardRate: 0.92, reverseRate: 0.92 } }],
  },
  {
    name: 'key counts with the stores\' user counts unknown: a low reverse rate still fails, a high one is unknown',
    inventory: scan({ stores: [KC], crms: [{ targetId: 'hubspot', product: 'hubspot', crm: { linkStats: ok(stats(300)) } }, { targetId: 'sf', crm: { linkStats: ok(stats(950)) } }] }),
    graph: NOT_BUILT,
    expected: [
      { targetId: 'hubspot', outcome: 'fail', messageId: 'siloed', messageIncludes: ['forward not observed', 'reverse 0.3'] },
      { targetId: 'sf', outcome: 'unknown', messageId: 'notObserved', messageIncludes: ['the reverse rate is 0.95', 'the user counts of kc were not read'] },
    ],
  },
  {
    name: 'no customer contact: N/A',
    inventory: scan({ stores: [kcCounted(1000)], crms: [{ targetId: 'sf', crm: { linkStats: ok(stats(0, 0)) } }] }),
    graph: NOT_BUILT,
    expected: [{ targetId: 'sf', outcome: 'n/a', messageId: 'noCustomers' }],
  },
  {
    name: 'key counts not readable and the graph not built: unknown',
    inventory: scan({ stores: [kcCounted(1000)], crms: [{ targetId: 'sf', crm: { linkStats: noPermission<CrmLinkStats>('Read on Contact') } }] }),
    graph: NOT_BUILT,
    expected: [{ targetId: 'sf', outcome: 'unknown', messageId: 'notObserved', messageIncludes: ['403', 'identity graph was not built'] }],
  },
]);
