import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { salesforceConnector } from '../../../connectors/salesforce/index.js';
import { HARDENED, WEAK, mockOrg } from './mock-org.js';
import { TOKEN, config, context, dataset, expectReadOnly, isolate, resetNock, soqlOf } from './helpers.js';

beforeEach(isolate);
afterEach(resetNock);

describe('salesforce collect: a whole org', () => {
  it('hardened org: every section read, Contacts paged to the end over three pages, strengths in the facts, reads only', async () => {
    mockOrg(HARDENED);
    const target = config({ consentFields: ['Marketing_Consent__c'] });
    const { ctx, requests } = context(target);
    const snapshot = await salesforceConnector.collect(target, ctx);

    expect(snapshot.errors).toEqual([]);
    expect(snapshot.kind).toBe('crm');
    expect(snapshot.product).toBe('salesforce');
    expect(snapshot.coverage.missingPermissions).toEqual([]);
    expect(dataset(snapshot, 'records Contact')).toEqual({ name: 'records Contact', state: 'complete', records: 7, total: 7, pages: 3 });
    expect(snapshot.coverage.datasets.every((d) => d.state === 'complete' || d.state === 'not-applicable')).toBe(true);
    expect(snapshot.profiles?.size).toBe(7);
    expect(snapshot.profiles?.get(0)).toEqual({
      targetId: 'sf-org',
      localId: '003Hs00000Ab001AAA',
      emails: [{ address: 'ada.example@example.com', primary: true }],
      phones: ['+44 20 7946 0001'],
      names: { given: 'Ada', family: 'Example' },
      links: [{ kind: 'crm-key', via: 'IdP_Subject__c', value: '3f0c2a5e-8b1d-4c7a-9e21-6d4b8a0f1c11' }],
      status: 'active',
      lifecycle: 'customer',
      consent: { marketing: true },
      createdAt: '2023-04-02T09:15:00.000Z',
      updatedAt: '2024-11-20T16:40:12.000Z',
      filledAttributes: 5,
    });
    const crm = snapshot.facts.crm;
    expect(crm?.identityLinkFields).toEqual({
      state: 'observed',
      value: [
        {
          object: 'Contact',
          field: 'IdP_Subject__c',
          label: 'IdP Subject',
          type: 'string',
          externalId: true,
          unique: true,
          source: 'detected',
          reason: 'External ID + unique; name or label suggests an identity key ("subject"); used as the identity link: 5 of 7 Contact records hold a value (SOQL COUNT())',
        },
      ],
    });
    expect(crm?.linkStats).toEqual({ state: 'observed', value: { records: 7, withKey: 5, emailShaped: 0, subjectShaped: 5, sharedValues: 0 } });
    expect(crm?.duplicateRules).toEqual({
      state: 'observed',
      value: [
        { object: 'Account', name: 'Standard_Account_Duplicate_Rule', active: true },
        { object: 'Contact', name: 'Standard_Contact_Duplicate_Rule', active: true },
        { object: 'Lead', name: 'Standard_Lead_Duplicate_Rule', active: true },
      ],
    });
    expect(crm?.objects).toEqual({
      state: 'observed',
      value: [
        { name: 'Contact', total: 7, read: 7, linked: { field: 'IdP_Subject__c', count: 5 }, customerObject: true },
        { name: 'Lead', read: 0, customerObject: false },
        { name: 'Account', read: 0, customerObject: false },
        { name: 'Individual', read: 0, customerObject: false },
      ],
    });
    expect(crm?.consentFields).toMatchObject({
      state: 'observed',
      value: expect.arrayContaining([
        { object: 'Contact', field: 'Marketing_Consent__c', meaning: 'opt-in' },
        { object: 'Contact', field: 'HasOptedOutOfEmail', meaning: 'opt-out' },
        { object: 'Contact', field: 'IndividualId', meaning: 'consent-record' },
        { object: 'Individual', field: 'HasOptedOutSolicit', meaning: 'consent-record' },
      ]),
    });
    expect(crm?.lifecycle).toMatchObject({ state: 'observed', value: { customerValues: ['Contact'], values: expect.arrayContaining(['Contact', 'Lead', 'Account', 'Lead.Status:Closed - Converted']) } });
    expect(snapshot.coverage.quotas).toMatchObject({
      'salesforce DailyApiRequests max': 150_000,
      'salesforce DailyApiRequests remaining before': 149_000,
      'salesforce DailyApiRequests remaining after': 149_000,
      'salesforce api requests sent': requests.length,
    });
    // Only the attributes needed, owner-independent, ordered for stable paging; the ERP key is not a link.
    const select = requests.map((r) => soqlOf(r.url)).find((q) => q.startsWith('SELECT Id'));
    expect(select).toBe('SELECT Id, Email, Phone, MobilePhone, FirstName, LastName, HasOptedOutOfEmail, CreatedDate, LastModifiedDate, IdP_Subject__c, Marketing_Consent__c FROM Contact ORDER BY Id');
    expect(requests.map((r) => soqlOf(r.url)).filter(Boolean)).toContain('SELECT COUNT() FROM Contact WHERE IdP_Subject__c != null');
    expect(JSON.stringify(snapshot.facts) + JSON.stringify(snapshot.coverage) + JSON.stringify(snapshot.errors)).not.toContain(TOKEN);
    expect(JSON.stringify(snapshot.facts)).not.toMatch(/example\.(com|org|net)/);
    expectReadOnly(requests);
  });

  it('weak org: an email-valued, non-unique External ID key, shared keys and an inactive duplicate rule show in the facts', async () => {
    mockOrg(WEAK);
    const target = config();
    const { ctx, requests } = context(target);
    const snapshot = await salesforceConnector.collect(target, ctx);

    expect(snapshot.errors).toEqual([]);
    const crm = snapshot.facts.crm;
    expect(crm?.identityLinkFields).toEqual({
      state: 'observed',
      value: [
        expect.objectContaining({ object: 'Contact', field: 'External_Id__c', externalId: true, unique: false, source: 'detected', reason: expect.stringMatching(/^External ID \+ not unique; name or label suggests an identity key \("external id"\); used as the identity link: 5 of 6/) }),
      ],
    });
    expect(crm?.linkStats).toEqual({ state: 'observed', value: { records: 6, withKey: 5, emailShaped: 3, subjectShaped: 0, sharedValues: 2 } });
    expect(crm?.duplicateRules).toEqual({ state: 'observed', value: [{ object: 'Contact', name: 'Standard_Contact_Duplicate_Rule', active: false }] });
    expect(crm?.consentFields).toEqual({
      state: 'observed',
      value: [
        { object: 'Contact', field: 'HasOptedOutOfEmail', meaning: 'opt-out' },
        { object: 'Contact', field: 'IndividualId', meaning: 'consent-record' },
        { object: 'Lead', field: 'HasOptedOutOfEmail', meaning: 'opt-out' },
      ],
    });
    expect(crm?.objects).toMatchObject({ state: 'observed', value: [{ name: 'Contact', total: 6, read: 6 }, { name: 'Lead' }] });
    expect(dataset(snapshot, 'describe Account')).toMatchObject({ state: 'not-applicable' });
    // Two contacts share one address in two spellings: both are profiles (the analysis finds the duplicate).
    const emails = [...Array(snapshot.profiles?.size ?? 0).keys()].map((i) => snapshot.profiles?.emailsOf(i)[0]?.address.toLowerCase());
    expect(emails.filter((e) => e === 'gus.exemplar@example.com')).toHaveLength(2);
    expect(snapshot.profiles?.consentOf(2)).toBe(false);
    expectReadOnly(requests);
  });

  it('customerObjects with Lead: leads are read as profiles with lifecycle lead and their status values listed', async () => {
    mockOrg(HARDENED);
    const target = config({ customerObjects: ['Contact', 'Lead'] });
    const { ctx, requests } = context(target);
    const snapshot = await salesforceConnector.collect(target, ctx);
    expect(snapshot.errors).toEqual([]);
    expect(dataset(snapshot, 'records Lead')).toEqual({ name: 'records Lead', state: 'complete', records: 2, total: 2, pages: 1 });
    expect(snapshot.profiles?.size).toBe(9);
    expect(snapshot.profiles?.lifecycleOf(7)).toBe('lead');
    expect(snapshot.profiles?.consentOf(8)).toBe(false);
    expect(snapshot.facts.crm?.objects).toMatchObject({ value: expect.arrayContaining([{ name: 'Lead', total: 2, read: 2, customerObject: true }]) });
    expect(requests.map((r) => soqlOf(r.url))).toContain('SELECT Id, Email, Phone, MobilePhone, FirstName, LastName, HasOptedOutOfEmail, CreatedDate, LastModifiedDate, Status FROM Lead ORDER BY Id');
    expectReadOnly(requests);
  });

  it('a configured link field wins over detection, and one the integration user cannot see is named as missing field-level security', async () => {
    mockOrg(HARDENED);
    const target = config({ linkField: 'Okta_Id__c' });
    const { ctx, requests } = context(target);
    const snapshot = await salesforceConnector.collect(target, ctx);
    expect(snapshot.coverage.missingPermissions).toEqual(['Field-level security: Read on Contact.Okta_Id__c']);
    // Nothing is linked through a field that could not be read; the detected candidate is still reported.
    expect(snapshot.facts.crm?.linkStats).toMatchObject({ state: 'observed', value: { withKey: 0 } });
    expect(snapshot.facts.crm?.identityLinkFields).toMatchObject({ state: 'observed', value: [{ field: 'IdP_Subject__c', source: 'detected' }] });
    expect(requests.some((r) => soqlOf(r.url).includes('Okta_Id__c'))).toBe(false);
    expectReadOnly(requests);
  });
  it('progress and log lines carry counts only: no profile value, no token', async () => {
    mockOrg(HARDENED);
    const target = config({ customerObjects: ['Contact', 'Lead'] });
    const { ctx, requests } = context(target);
    const lines: string[] = [];
    const log = { error: (m: string) => lines.push(m), warn: (m: string) => lines.push(m), info: (m: string) => lines.push(m), debug: (m: string) => lines.push(m) };
    const snapshot = await salesforceConnector.collect(target, { ...ctx, progress: (m) => lines.push(m), log: { ...log, child: () => ({ ...log, child: () => ctx.log }) } });
    expect(snapshot.profiles?.size).toBe(9);
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.join('\n')).not.toMatch(/example\.(com|org|net)|Ada|Testperson|3f0c2a5e|auth0\||\+44/);
    expect(lines.join('\n')).not.toContain(TOKEN);
    expectReadOnly(requests);
  });
});

describe('salesforce collect: profile options', () => {
  it('profiles.read false: no record query and no Bulk job at all; counts and configuration still read', async () => {
    mockOrg(HARDENED);
    const target = config({ profiles: { read: false } });
    const { ctx, requests } = context(target);
    const snapshot = await salesforceConnector.collect(target, ctx);
    expect(requests.some((r) => soqlOf(r.url).startsWith('SELECT Id') || r.url.includes('/query/') || r.url.includes('/jobs/'))).toBe(false);
    expect(dataset(snapshot, 'records Contact')).toMatchObject({ state: 'not-applicable' });
    expect(snapshot.profiles).toBeUndefined();
    expect(snapshot.facts.crm?.linkStats).toMatchObject({ state: 'unknown', reason: { kind: 'not-observed' } });
    expect(snapshot.facts.crm?.objects).toMatchObject({ value: [{ name: 'Contact', total: 7, read: 0 }, { name: 'Lead' }, { name: 'Account' }, { name: 'Individual' }] });
    expect(snapshot.errors).toEqual([]);
    expectReadOnly(requests);
  });

  it('maxRecords caps the read with a SOQL LIMIT; the dataset says why and keeps the reported total', async () => {
    mockOrg(HARDENED);
    const target = config({ profiles: { maxRecords: 4 } });
    const { ctx, requests } = context(target);
    const snapshot = await salesforceConnector.collect(target, ctx);
    expect(snapshot.profiles?.size).toBe(4);
    expect(dataset(snapshot, 'records Contact')).toMatchObject({ state: 'partial', records: 4, total: 7, reason: 'stopped at maxRecords 4' });
    expect(requests.map((r) => soqlOf(r.url)).find((q) => q.startsWith('SELECT Id'))).toMatch(/ORDER BY Id LIMIT 4$/);
    expect(snapshot.errors).toEqual([]);
    expectReadOnly(requests);
  });

  it('pageSize is sent as the Sforce-Query-Options batch size, bounded to 200–2000', async () => {
    mockOrg(HARDENED);
    const target = config({ profiles: { pageSize: 50 } });
    const { ctx, requests } = context(target);
    let header: string | undefined;
    const snapshot = await salesforceConnector.collect(target, {
      ...ctx,
      http: (o) => {
        const client = ctx.http(o);
        return {
          ...client,
          request: (req) => {
            if (soqlOf(req.url).startsWith('SELECT Id')) header = req.headers?.['Sforce-Query-Options'];
            return client.request(req);
          },
        };
      },
    });
    expect(header).toBe('batchSize=200');
    expect(snapshot.errors).toEqual([]);
    expectReadOnly(requests);
  });
});
