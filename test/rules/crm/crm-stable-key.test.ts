import rule from '../../../rules/crm/crm-stable-key.js';
import type { CrmLinkStats } from '../../../src/model/crm-facts.js';
import type { LinkRate } from '../../../src/model/identity.js';
import { asInventory, baseMetadata } from '../../support/oidc-inventory.js';
import { testRule } from '../../support/rule-tester.js';
import { noPermission, ok } from '../../support/store-inventory.js';
import { crm, graphOf, NOT_BUILT, scan, store } from '../graph-support.js';

const stats = (withKey: number, emailShaped: number, subjectShaped: number, records = 1000): CrmLinkStats => ({ records, withKey, emailShaped, subjectShaped, sharedValues: 2 });
const sf = (s: CrmLinkStats) => ({ targetId: 'sf', crm: { linkStats: ok(s) } });
const resolving = (linkedExplicit: number): LinkRate => ({ crmTargetId: 'sf', customerContacts: 1000, linkedExplicit, linkedMatchOnly: 0, unlinked: 1000 - linkedExplicit, identities: 1200, identitiesInCrm: linkedExplicit });
const resolved = (linkedExplicit: number) => graphOf([store('kc', 1200), crm('sf', 1000)], { linkRates: [resolving(linkedExplicit)] });
const PAIRWISE_OP = asInventory({ targetId: 'op', metadata: { ...baseMetadata(), subject_types_supported: ['pairwise'] } }).snapshots;

// Catalog §11 CRM-STABLE-KEY: per CRM, the stored link values: FAIL when most are email-shaped; PASS when
// they are not and (by the identity graph) resolve to identities by id; WARN when many do not resolve, or
// when the scan's issuers issue only pairwise subjects and the keys look like subjects; unknown without
// link statistics, or when resolution is not observed.
testRule(rule, [
  {
    name: 'subject-shaped keys that resolve to identities: pass',
    inventory: scan({ stores: [{ targetId: 'kc' }], crms: [sf(stats(900, 10, 880))] }),
    graph: resolved(870),
    expected: [
      {
        targetId: 'sf',
        subject: 'crm sf',
        outcome: 'pass',
        messageId: 'stableKey',
        severity: 'medium',
        messageIncludes: ['870 of 900 stored key(s) (96.67 %)', '1.11 % email-shaped, 97.78 % shaped like IdP subjects'],
        evidence: { withKey: 900, resolved: 870, sharedValues: 2 },
      },
    ],
  },
  {
    name: 'most keys are email addresses: fail, graph or not',
    inventory: scan({ crms: [sf(stats(900, 600, 200))] }),
    graph: NOT_BUILT,
    expected: [{ targetId: 'sf', outcome: 'fail', messageId: 'emailKeys', messageIncludes: ['600 of 900 stored key(s) (66.67 %) are email addresses'] }],
  },
  {
    name: 'exactly half email-shaped is not "most", and keys that resolve pass',
    inventory: scan({ stores: [{ targetId: 'kc' }], crms: [sf(stats(900, 450, 450))] }),
    graph: resolved(900),
    expected: [{ targetId: 'sf', outcome: 'pass', messageId: 'stableKey' }],
  },
  {
    name: 'option majority 0.4: 45 % email-shaped fails',
    inventory: scan({ stores: [{ targetId: 'kc' }], crms: [sf(stats(900, 405, 495))] }),
    graph: resolved(900),
    options: { majority: 0.4 },
    expected: [{ targetId: 'sf', outcome: 'fail', messageId: 'emailKeys' }],
  },
  {
    name: 'many keys resolve to no identity read: warn',
    inventory: scan({ stores: [{ targetId: 'kc' }], crms: [sf(stats(900, 0, 300))] }),
    graph: resolved(500),
    expected: [{ targetId: 'sf', outcome: 'warn', messageId: 'unresolvedKeys', messageIncludes: ['Only 500 of 900 stored key(s) (55.56 %)', 'below 90 %'] }],
  },
  {
    name: 'pairwise-only issuer and subject-shaped keys, resolution not observed: warn',
    inventory: scan({ crms: [sf(stats(900, 0, 880))], extra: PAIRWISE_OP }),
    graph: NOT_BUILT,
    expected: [{ targetId: 'sf', outcome: 'warn', messageId: 'pairwiseKeys', messageIncludes: ['https://login.example.com issue only pairwise subjects', 'whether the keys resolve to identities was not observed'], evidence: { pairwiseOnlyIssuers: ['https://login.example.com'] } }],
  },
  {
    name: 'pairwise-only issuer, keys that mostly do not resolve: warn (pairwise)',
    inventory: scan({ stores: [{ targetId: 'kc' }], crms: [sf(stats(900, 0, 880))], extra: PAIRWISE_OP }),
    graph: resolved(100),
    expected: [{ targetId: 'sf', outcome: 'warn', messageId: 'pairwiseKeys', messageIncludes: ['only 11.11 % of the keys resolve'] }],
  },
  {
    name: 'pairwise-only issuer, but the keys resolve by id (the store\'s own ids): pass',
    inventory: scan({ stores: [{ targetId: 'kc' }], crms: [sf(stats(900, 0, 880))], extra: PAIRWISE_OP }),
    graph: resolved(880),
    expected: [{ targetId: 'sf', outcome: 'pass', messageId: 'stableKey' }],
  },
  {
    name: 'no contact holds a key: N/A',
    inventory: scan({ crms: [sf(stats(0, 0, 0))] }),
    expected: [{ targetId: 'sf', outcome: 'n/a', messageId: 'noKeys', messageIncludes: ['None of the 1000 contact(s)'] }],
  },
  {
    name: 'subject-shaped keys but no graph to resolve them: unknown',
    inventory: scan({ crms: [sf(stats(900, 0, 880))] }),
    graph: NOT_BUILT,
    expected: [{ targetId: 'sf', outcome: 'unknown', messageId: 'notObserved', messageIncludes: ['97.78 % subject-shaped', 'whether they resolve to identities is not observed'] }],
  },
  {
    name: 'link statistics not readable, or not produced: unknown',
    inventory: scan({ crms: [{ targetId: 'hubspot', product: 'hubspot', crm: { linkStats: noPermission<CrmLinkStats>('crm.objects.contacts.read') } }, { targetId: 'sf', crm: {} }] }),
    expected: [
      { targetId: 'hubspot', outcome: 'unknown', messageId: 'notObserved', messageIncludes: ['403'] },
      { targetId: 'sf', outcome: 'unknown', messageId: 'notObserved', messageIncludes: ['did not read the identity-link values'] },
    ],
  },
]);
