import rule from '../../../rules/crm/crm-duplicates.js';
import type { CrmDuplicateRule, CrmFacts, CrmObjectFacts } from '../../../src/model/crm-facts.js';
import type { DuplicateStats } from '../../../src/model/identity.js';
import type { RegistrationFacts } from '../../../src/model/store-facts.js';
import { testRule } from '../../support/rule-tester.js';
import { noPermission, ok } from '../../support/store-inventory.js';
import { crm, emptyProfiles, graphOf, NOT_BUILT, scan, store } from '../graph-support.js';

const OBJECTS: CrmObjectFacts[] = [
  { name: 'Contact', read: 1000, customerObject: true },
  { name: 'Lead', read: 200, customerObject: false },
];
const sf = (rules: CrmDuplicateRule[] | null, extra: Partial<CrmFacts> = {}) => ({
  targetId: 'sf',
  crm: { objects: ok(OBJECTS), duplicateRules: rules ? ok(rules) : noPermission<CrmDuplicateRule[]>('View Setup and Configuration'), ...extra },
});
const HUBSPOT = { targetId: 'hubspot', product: 'hubspot', crm: { objects: ok([{ name: 'contacts', read: 1000, customerObject: true, withSecondaryEmail: 37 }]), duplicateRules: ok([{ object: 'contacts', name: 'email (native)', active: true, native: true }]) } };
const ACTIVE = { object: 'Contact', name: 'Standard_Contact_Duplicate_Rule', active: true };
const dup = (targetId: string, profilesInClusters: number): DuplicateStats => ({ targetId, clusters: Math.ceil(profilesInClusters / 2), profilesInClusters, share: profilesInClusters / 1000, sizes: {}, topReasons: [] });
const rated = (...stats: DuplicateStats[]) => graphOf([store('kc', 1200), crm('sf', 1000), crm('hubspot', 1000)], { duplicates: stats });
const KC_REG = { targetId: 'kc', facts: { registration: ok<RegistrationFacts>({ selfService: true, botProtection: true, emailVerification: 'required', duplicateEmailsAllowed: false, progressiveProfiling: { enabled: false } }) } };

// Catalog §11 CRM-DUPLICATES: per CRM, an active duplicate rule on the customer object (or native
// de-duplication) and the duplicate rate of its contacts from the identity graph: FAIL without an active
// rule above 5 %, WARN from 2 % or without an active rule, PASS otherwise (options); identity-store
// duplicateEmailsAllowed as evidence.
testRule(rule, [
  {
    name: 'an active rule on Contact and 1 % duplicates: pass, with the identity-store side as evidence',
    inventory: scan({ stores: [KC_REG], crms: [sf([ACTIVE])] }),
    graph: rated(dup('sf', 10)),
    expected: [
      {
        targetId: 'sf',
        subject: 'crm sf',
        outcome: 'pass',
        messageId: 'prevented',
        severity: 'medium',
        messageIncludes: ['Contact.Standard_Contact_Duplicate_Rule', '1 % of the 1000 contact(s)'],
        evidence: { activeOnCustomerObject: 1, duplicateRate: 0.01, identityStores: [{ targetId: 'kc', duplicateEmailsAllowed: false }] },
      },
    ],
  },
  {
    name: 'only an inactive rule and 1 % duplicates: warn (no active rule)',
    inventory: scan({ crms: [sf([{ ...ACTIVE, active: false }])] }),
    graph: rated(dup('sf', 10)),
    expected: [{ targetId: 'sf', outcome: 'warn', messageId: 'noActiveRule', messageIncludes: ['(Contact.Standard_Contact_Duplicate_Rule (inactive))'] }],
  },
  {
    name: 'no rule and exactly 5 %: warn; a rule on Lead only does not cover Contact',
    inventory: scan({ crms: [sf([{ object: 'Lead', name: 'Lead_Rule', active: true }])] }),
    graph: rated(dup('sf', 50)),
    expected: [{ targetId: 'sf', outcome: 'warn', messageId: 'noActiveRule', messageIncludes: ['none configured', '5 %'] }],
  },
  {
    name: 'no rule and above 5 %: fail',
    inventory: scan({ crms: [sf([])] }),
    graph: rated(dup('sf', 51)),
    expected: [{ targetId: 'sf', outcome: 'fail', messageId: 'unprevented', messageIncludes: ['5.1 %', 'above 5 %'] }],
  },
  {
    name: 'active prevention but 2 % or more duplicates: warn (HubSpot native at exactly 2 %, Salesforce at 8 %)',
    inventory: scan({ crms: [HUBSPOT, sf([ACTIVE])] }),
    graph: rated(dup('hubspot', 20), dup('sf', 80)),
    expected: [
      { targetId: 'hubspot', outcome: 'warn', messageId: 'duplicateRate', messageIncludes: ['2 % of the 1000', 'although duplicate prevention is active (contacts: email (native))'], evidence: { recordsWithSecondaryEmail: 37 } },
      { targetId: 'sf', outcome: 'warn', messageId: 'duplicateRate', messageIncludes: ['8 %'] },
    ],
  },
  {
    name: 'rules not readable: 3 % is a warning either way, 1 % cannot be judged',
    inventory: scan({ crms: [{ ...HUBSPOT, crm: { ...HUBSPOT.crm, duplicateRules: noPermission<CrmDuplicateRule[]>('crm.schemas.contacts.read') } }, sf(null)] }),
    graph: rated(dup('hubspot', 10), dup('sf', 30)),
    expected: [
      { targetId: 'hubspot', outcome: 'unknown', messageId: 'notObserved', messageIncludes: ['1 % of the contacts are duplicates, but whether a duplicate rule is active is not observed'] },
      { targetId: 'sf', outcome: 'warn', messageId: 'duplicateRate', messageIncludes: ['3 %', 'whether a duplicate rule is active was not observed'] },
    ],
  },
  {
    name: 'options: warn from 1 %, fail above 2 %',
    inventory: scan({ crms: [sf([])] }),
    graph: rated(dup('sf', 30)),
    options: { warnRate: 0.01, failRate: 0.02 },
    expected: [{ targetId: 'sf', outcome: 'fail', messageId: 'unprevented', messageIncludes: ['above 2 %'] }],
  },
  {
    name: 'contacts read and none there: N/A',
    inventory: scan({ crms: [{ ...sf([ACTIVE]), datasets: [emptyProfiles('records Contact')] }] }),
    graph: graphOf([store('kc', 1200)], { duplicates: [] }),
    expected: [{ targetId: 'sf', outcome: 'n/a', messageId: 'noContacts' }],
  },
  {
    name: 'graph not built: the rate is unknown, so is the outcome (rules listed)',
    inventory: scan({ crms: [sf([ACTIVE])] }),
    graph: NOT_BUILT,
    expected: [{ targetId: 'sf', outcome: 'unknown', messageId: 'notObserved', messageIncludes: ['duplicate rate is not observed', 'identity graph was not built', 'duplicate rules: Contact.Standard_Contact_Duplicate_Rule'] }],
  },
]);
