import rule from '../../../rules/crm/crm-external-id-field.js';
import type { CrmFacts, CrmLinkField, CrmObjectFacts } from '../../../src/model/crm-facts.js';
import { testRule } from '../../support/rule-tester.js';
import { noPermission, notRead, ok } from '../../support/store-inventory.js';
import { NOT_BUILT, scan } from '../graph-support.js';

const OBJECTS: CrmObjectFacts[] = [
  { name: 'Contact', total: 1000, read: 1000, customerObject: true },
  { name: 'Lead', total: 200, read: 200, customerObject: false },
];
const field = (object: string, name: string, externalId: boolean, unique: boolean, source: CrmLinkField['source'] = 'detected'): CrmLinkField => ({ object, field: name, externalId, unique, source });
const sf = (fields: CrmLinkField[], extra: Partial<CrmFacts> = {}) => ({ targetId: 'sf', crm: { objects: ok(OBJECTS), identityLinkFields: ok(fields), ...extra } });

// Catalog §11 CRM-EXTERNAL-ID-FIELD: per CRM, fields on the customer object that can hold the identity key:
// PASS a unique External ID field (configured or detected), WARN a candidate that is not unique or not an
// External ID, FAIL none; unknown when the fields were not read (permission) or the target has no CRM facts.
testRule(rule, [
  {
    name: 'a configured unique External ID field on Contact: pass',
    inventory: scan({ crms: [sf([field('Contact', 'IdP_Subject__c', true, true, 'configured')])] }),
    expected: [
      {
        targetId: 'sf',
        subject: 'crm sf',
        outcome: 'pass',
        messageId: 'uniqueKey',
        severity: 'medium',
        messageIncludes: ['Contact.IdP_Subject__c (configured)'],
        evidence: { customerObjects: ['Contact'], fields: [{ object: 'Contact', field: 'IdP_Subject__c', externalId: true, unique: true, source: 'configured' }] },
      },
    ],
  },
  {
    name: 'an External ID that is not unique, and a unique field that is not an External ID: warn',
    inventory: scan({ crms: [sf([field('Contact', 'Customer_Id__c', true, false), field('Contact', 'Login_Id__c', false, true)])] }),
    expected: [{ targetId: 'sf', outcome: 'warn', messageId: 'notUnique', messageIncludes: ['Contact.Customer_Id__c (detected): not unique', 'Contact.Login_Id__c (detected): not External ID'] }],
  },
  {
    name: 'no candidate field at all: fail',
    inventory: scan({ crms: [sf([])] }),
    expected: [{ targetId: 'sf', outcome: 'fail', messageId: 'noKeyField', messageIncludes: ['No field on the customer object (Contact)', 'match customers by email'] }],
  },
  {
    name: 'a unique key only on Lead, not on the customer object: fail, naming it',
    inventory: scan({ crms: [sf([field('Lead', 'IdP_Subject__c', true, true)])] }),
    expected: [{ targetId: 'sf', outcome: 'fail', messageId: 'noKeyField', messageIncludes: ['candidates exist only on other objects: Lead.IdP_Subject__c (detected)'] }],
  },
  {
    name: 'objects not read: every object\'s candidates count',
    inventory: scan({ crms: [sf([field('Lead', 'IdP_Subject__c', true, true)], { objects: notRead() })] }),
    expected: [{ targetId: 'sf', outcome: 'pass', messageId: 'uniqueKey', evidence: { customerObjects: null } }],
  },
  {
    name: 'HubSpot with a hasUniqueValue property passes next to a Salesforce org without one',
    inventory: scan({
      crms: [
        { targetId: 'hubspot', product: 'hubspot', crm: { objects: ok([{ name: 'contacts', read: 500, customerObject: true }]), identityLinkFields: ok([field('contacts', 'idp_user_id', true, true)]) } },
        sf([]),
      ],
    }),
    expected: [
      { targetId: 'hubspot', subject: 'crm hubspot', outcome: 'pass', messageId: 'uniqueKey', messageIncludes: ['contacts.idp_user_id'] },
      { targetId: 'sf', outcome: 'fail', messageId: 'noKeyField' },
    ],
  },
  {
    name: 'fields not readable (permission): unknown with the reason',
    inventory: scan({ crms: [{ targetId: 'sf', crm: { identityLinkFields: noPermission('Read on Contact') } }] }),
    expected: [{ targetId: 'sf', outcome: 'unknown', messageId: 'notObserved', messageIncludes: ['403'] }],
  },
  {
    name: 'a contacts export without CRM facts, and a connector that did not read the fields: unknown',
    inventory: scan({ crms: [{ targetId: 'contacts-file', product: 'file' }, { targetId: 'sf', crm: { objects: ok(OBJECTS) } }] }),
    graph: NOT_BUILT,
    expected: [
      { targetId: 'contacts-file', outcome: 'unknown', messageId: 'notObserved', messageIncludes: ['provides contacts only'] },
      { targetId: 'sf', outcome: 'unknown', messageId: 'notObserved', messageIncludes: ['did not read the fields'] },
    ],
  },
]);
