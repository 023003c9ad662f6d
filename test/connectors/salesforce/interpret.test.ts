import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseResultsCsv } from '../../../connectors/salesforce/csv.js';
import { chooseLinkField, consentFieldsOf, describedObject, keyStrength, linkFieldCandidates, recordPlan } from '../../../connectors/salesforce/interpret-describe.js';
import { isoDate, profileFromRecord } from '../../../connectors/salesforce/interpret-records.js';
import { isSubjectShaped, LinkStatsCounter } from '../../../src/connector-kit/link-stats.js';
import { interpretSalesforce } from '../../../connectors/salesforce/interpret.js';
import type { RecordPlan, SalesforceRaw } from '../../../connectors/salesforce/raw.js';
import { observed, unknownObservation } from '../../../src/model/observation.js';
import { fixture, text } from './helpers.js';

const contactHardened = describedObject(fixture('describe-contact-hardened.json'), 'Contact');
const contactWeak = describedObject(fixture('describe-contact-weak.json'), 'Contact');
const lead = describedObject(fixture('describe-lead.json'), 'Lead');
const account = describedObject(fixture('describe-account-person.json'), 'Account');
const individual = describedObject(fixture('describe-individual.json'), 'Individual');

describe('salesforce interpret: describes', () => {
  it('keeps only the field properties the analysis uses, and picklist values only of the lifecycle picklists', () => {
    expect(contactHardened.name).toBe('Contact');
    expect(contactHardened.fields.find((f) => f.name === 'IdP_Subject__c')).toEqual({ name: 'IdP_Subject__c', label: 'IdP Subject', type: 'string', externalId: true, unique: true, custom: true });
    expect(contactHardened.fields.find((f) => f.name === 'LeadSource')?.picklist).toEqual(['Web', 'Phone Inquiry', 'Partner Referral', 'Other']);
    expect(lead.fields.find((f) => f.name === 'Status')?.picklist).toContain('Closed - Converted');
    expect(JSON.stringify(contactHardened)).not.toContain('soapType');
  });

  it.each([
    ['IdP_Subject__c', undefined, 'subject'],
    ['Okta_User_Id__c', undefined, 'okta'],
    ['auth0UserId__c', undefined, 'auth0'],
    ['Keycloak_Id__c', undefined, 'keycloak'],
    ['sub__c', undefined, 'sub'],
    ['Login_Id__c', undefined, 'login id'],
    ['CustomerId__c', undefined, 'customer id'],
    ['External_Id__c', undefined, 'external id'],
    ['Key__c', 'IAM user key', 'iam'],
  ])('%s (label %s) suggests an identity key: "%s"', (name, label, word) => {
    expect(keyStrength(name, label)?.word).toBe(word);
  });

  it.each(['ERP_Number__c', 'Subscription__c', 'Email', 'Region_Code__c'])('%s does not suggest an identity key', (name) => {
    expect(keyStrength(name)).toBeUndefined();
  });

  it('detects External ID / unique fields named like an IAM key, reports their flags, and skips other external ids', () => {
    expect(linkFieldCandidates(contactHardened, undefined)).toEqual([
      { object: 'Contact', field: 'IdP_Subject__c', label: 'IdP Subject', type: 'string', externalId: true, unique: true, source: 'detected', reason: 'External ID + unique; name or label suggests an identity key ("subject")' },
    ]);
    expect(linkFieldCandidates(contactWeak, undefined)).toEqual([expect.objectContaining({ field: 'External_Id__c', externalId: true, unique: false, source: 'detected' })]);
    expect(linkFieldCandidates(contactHardened, 'ERP_Number__c').map((f) => [f.field, f.source])).toEqual([
      ['ERP_Number__c', 'configured'],
      ['IdP_Subject__c', 'detected'],
    ]);
    expect(linkFieldCandidates(account, undefined)).toEqual([]);
  });

  it('chooses the configured field, else the strongest detected one; none when nothing qualifies', () => {
    expect(chooseLinkField(contactHardened, undefined)).toBe('IdP_Subject__c');
    expect(chooseLinkField(contactHardened, 'erp_number__c')).toBe('ERP_Number__c');
    expect(chooseLinkField(contactHardened, 'Missing__c')).toBeUndefined();
    expect(chooseLinkField(lead, undefined)).toBeUndefined();
    const both = { name: 'Contact', fields: [
      { name: 'Customer_Id__c', externalId: true, unique: true, custom: true },
      { name: 'Okta_Id__c', externalId: true, unique: false, custom: true },
      { name: 'Auth0_Id__c', externalId: true, unique: true, custom: true },
    ] };
    expect(chooseLinkField(both, undefined)).toBe('Auth0_Id__c');
  });

  it('consent fields: the opt-out flag, the Individual link and record, custom consent checkboxes, configured ones first', () => {
    expect(consentFieldsOf(contactHardened, [])).toEqual([
      { object: 'Contact', field: 'HasOptedOutOfEmail', meaning: 'opt-out' },
      { object: 'Contact', field: 'IndividualId', meaning: 'consent-record' },
      { object: 'Contact', field: 'Marketing_Consent__c', meaning: 'opt-in' },
    ]);
    expect(consentFieldsOf(contactHardened, [{ field: 'Marketing_Consent__c', meaning: 'opt-out' }])[0]).toEqual({ object: 'Contact', field: 'Marketing_Consent__c', meaning: 'opt-out' });
    expect(consentFieldsOf(individual, []).map((f) => f.field)).toEqual(['HasOptedOutTracking', 'HasOptedOutProcessing', 'HasOptedOutSolicit', 'ShouldForget']);
  });

  it('plans the SELECT from what the user can read; configured fields it cannot see are reported', () => {
    const { plan, unreadable } = recordPlan('Contact', contactHardened, undefined, [{ field: 'Marketing_Consent__c', meaning: 'opt-in' }, { field: 'Gdpr_Opt_In__c', meaning: 'opt-in' }]);
    expect(plan).toEqual({
      object: 'Contact',
      fields: ['Id', 'Email', 'Phone', 'MobilePhone', 'FirstName', 'LastName', 'HasOptedOutOfEmail', 'CreatedDate', 'LastModifiedDate', 'IdP_Subject__c', 'Marketing_Consent__c'],
      linkField: 'IdP_Subject__c',
      consent: [{ field: 'Marketing_Consent__c', meaning: 'opt-in' }, { field: 'HasOptedOutOfEmail', meaning: 'opt-out' }],
    });
    expect(unreadable).toEqual(['Gdpr_Opt_In__c']);
    // On Lead a configured key that does not exist there is not a missing permission.
    const leadPlan = recordPlan('Lead', lead, 'IdP_Subject__c', []);
    expect(leadPlan.unreadable).toEqual([]);
    expect(leadPlan.plan.fields).toContain('Status');
    expect(leadPlan.plan.linkField).toBeUndefined();
    expect(recordPlan('Contact', contactHardened, 'Okta_Id__c', []).unreadable).toEqual(['Okta_Id__c']);
  });
});

const PLAN: RecordPlan = {
  object: 'Contact',
  fields: ['Id', 'Email', 'Phone', 'MobilePhone', 'FirstName', 'LastName', 'HasOptedOutOfEmail', 'CreatedDate', 'LastModifiedDate', 'IdP_Subject__c', 'Marketing_Consent__c'],
  linkField: 'IdP_Subject__c',
  consent: [{ field: 'Marketing_Consent__c', meaning: 'opt-in' }, { field: 'HasOptedOutOfEmail', meaning: 'opt-out' }],
};

describe('salesforce interpret: records', () => {
  it('a REST record: identity attributes, the crm-key link, consent, ISO dates, filled attributes', () => {
    const record = fixture<{ records: unknown[] }>('query-contacts-page-1.json').records[2];
    expect(profileFromRecord(record, PLAN)).toEqual({
      localId: '003Hs00000Ab003AAA',
      emails: [{ address: 'chloe@example.net', primary: true }],
      phones: ['+1 202 555 0143', '+1 202 555 0199'],
      names: { given: 'Chloe', family: 'Placeholder' },
      links: [],
      status: 'active',
      lifecycle: 'customer',
      consent: { marketing: true },
      createdAt: '2023-04-02T09:15:00.000Z',
      updatedAt: '2024-11-20T16:40:12.000Z',
      filledAttributes: 5,
    });
  });

  it('a Bulk CSV row (strings, "" for null) maps the same way; a lead is lifecycle lead', () => {
    const [row] = parseResultsCsv(text('bulk-results-2.csv')).slice(1);
    expect(profileFromRecord(row, PLAN)).toMatchObject({ localId: '003Hs00000Ab005AAA', names: { family: 'Testperson' }, phones: ['+49 30 901820'], consent: { marketing: false }, links: [{ kind: 'crm-key', via: 'IdP_Subject__c', value: 'auth0|64b7f0c2e1d3a4b5c6d7e8f9' }] });
    const leadRecord = fixture<{ records: unknown[] }>('query-leads.json').records[1];
    expect(profileFromRecord(leadRecord, { object: 'Lead', fields: [], consent: [{ field: 'HasOptedOutOfEmail', meaning: 'opt-out' }] })).toMatchObject({ lifecycle: 'lead', consent: { marketing: false } });
  });

  it('the first consent field holding a value decides; none: no consent', () => {
    expect(profileFromRecord({ Id: '003x', Marketing_Consent__c: null, HasOptedOutOfEmail: true }, PLAN)?.consent).toEqual({ marketing: false });
    expect(profileFromRecord({ Id: '003x', Marketing_Consent__c: 'true', HasOptedOutOfEmail: 'true' }, PLAN)?.consent).toEqual({ marketing: true });
    expect(profileFromRecord({ Id: '003x' }, PLAN)?.consent).toBeUndefined();
  });

  it('the real recorded query answer (fixtures/real-world) maps: names only, no email, no link', () => {
    const recorded = JSON.parse(readFileSync(join(import.meta.dirname, '../../../fixtures/real-world/api/salesforce/query-contacts-recorded.json'), 'utf8')) as { records: unknown[] };
    const profiles = recorded.records.map((r) => profileFromRecord(r, { object: 'Contact', fields: ['Id', 'FirstName', 'LastName'], consent: [] }));
    expect(profiles).toHaveLength(16);
    expect(profiles[0]).toMatchObject({ localId: '0035500001H9dBLAAZ', emails: [], links: [], filledAttributes: 2 });
  });

  it('records without an Id or not objects are skipped', () => {
    expect(profileFromRecord({ Email: 'x@example.com' }, PLAN)).toBeUndefined();
    expect(profileFromRecord('003', PLAN)).toBeUndefined();
  });

  it.each([
    ['2024-01-19T10:00:00.000+0000', '2024-01-19T10:00:00.000Z'],
    ['2024-01-19T12:00:00.000+0200', '2024-01-19T10:00:00.000Z'],
    ['2024-01-19T10:00:00.000Z', '2024-01-19T10:00:00.000Z'],
    ['', undefined],
    ['not a date', undefined],
  ])('isoDate(%s) is %s', (input, out) => {
    expect(isoDate(input)).toBe(out);
  });

  it('link statistics count shapes and shared values, never keep the values', () => {
    const counter = new LinkStatsCounter();
    const add = (value: string | undefined) => counter.add(value);
    for (const v of ['3f0c2a5e-8b1d-4c7a-9e21-6d4b8a0f1c11', '00u1abcdefghijklmnop', 'google-oauth2|1234', 'a@example.com', 'a@example.com', 'a@example.com', 'x-1', 'x-1', undefined]) add(v);
    expect(counter.stats()).toEqual({ records: 9, withKey: 8, emailShaped: 3, subjectShaped: 3, sharedValues: 2 });
    expect(JSON.stringify(counter.stats())).not.toContain('example');
    expect(isSubjectShaped('00u1abcdefghijklmno')).toBe(false);
  });

  it('an unparseable CSV is a coded error that quotes no row', () => {
    expect(() => parseResultsCsv('"Id","Email"\n"003x","secret@example.com"\n"003y","unterminated@example.com\n')).toThrow(/could not be parsed/);
    try {
      parseResultsCsv('"Id","Email"\n"003y","unterminated@example.com\n');
    } catch (err) {
      expect(String((err as Error).message)).not.toContain('example.com');
    }
  });
});

function raw(overrides: Partial<SalesforceRaw> = {}): SalesforceRaw {
  return {
    instanceUrl: 'https://acme.my.salesforce.com',
    apiVersion: '62.0',
    customerObjects: ['Contact'],
    configuredConsent: [],
    describes: { Contact: observed(contactHardened), Lead: observed(lead), Account: observed(account), Individual: observed(individual) },
    totals: { Contact: observed(7) },
    linked: { Contact: { field: 'IdP_Subject__c', count: observed(5) } },
    read: { Contact: 7 },
    duplicateRules: observed(fixture<{ records: Array<Record<string, unknown>> }>('duplicate-rules-inactive.json').records),
    linkStats: observed({ records: 7, withKey: 5, emailShaped: 0, subjectShaped: 5, sharedValues: 0 }),
    ...overrides,
  };
}

describe('salesforce interpret: facts', () => {
  it('a whole org: objects with counts, the link field with its COUNT, consent, duplicate rules, lifecycle, link stats', () => {
    const facts = interpretSalesforce(raw({ customerObjects: ['Contact', 'Account'] }));
    expect(facts.objects).toEqual(observed([
      { name: 'Contact', total: 7, read: 7, linked: { field: 'IdP_Subject__c', count: 5 }, customerObject: true },
      { name: 'Lead', read: 0, customerObject: false },
      { name: 'Account', read: 0, customerObject: true },
      { name: 'Individual', read: 0, customerObject: false },
    ]));
    expect(facts.identityLinkFields).toMatchObject({ state: 'observed', value: [{ field: 'IdP_Subject__c', reason: expect.stringContaining('5 of 7 Contact records hold a value') }] });
    expect(facts.duplicateRules).toEqual(observed([{ object: 'Contact', name: 'Standard_Contact_Duplicate_Rule', active: false }]));
    expect(facts.lifecycle).toMatchObject({ state: 'observed', value: { field: 'object (Lead → Contact conversion)', customerValues: ['Contact', 'Account'] } });
    expect(facts.linkStats).toEqual(observed({ records: 7, withKey: 5, emailShaped: 0, subjectShaped: 5, sharedValues: 0 }));
  });

  it('an unknown Contact describe makes every Contact-based section unknown with the same reason', () => {
    const denied = unknownObservation<never>({ kind: 'no-permission', detail: 'describe Contact: access denied', permission: 'Read on Contact' });
    const facts = interpretSalesforce(raw({ describes: { Contact: denied, Lead: observed(lead), Account: observed(null), Individual: observed(null) } }));
    for (const section of ['objects', 'identityLinkFields', 'consentFields', 'lifecycle'] as const) expect(facts[section]).toEqual(denied);
    expect(facts.duplicateRules?.state).toBe('observed');
  });

  it('a COUNT that failed is said in the link field reason; absent link stats stay absent', () => {
    const facts = interpretSalesforce(raw({ linked: { Contact: { field: 'IdP_Subject__c', count: unknownObservation({ kind: 'collection-error', detail: 'SERVER_ERROR' }) } }, linkStats: undefined }));
    expect(facts.identityLinkFields).toMatchObject({ value: [{ reason: expect.stringContaining('count of Contact records holding a value unknown (SERVER_ERROR)') }] });
    expect(facts.linkStats).toBeUndefined();
  });
});
