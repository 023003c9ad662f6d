import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hubspotConnector } from '../../../connectors/hubspot/index.js';
import { SCOPES } from '../../../connectors/hubspot/permissions.js';
import {
  CONTACTS,
  PROPERTIES,
  SEARCH,
  TOKEN,
  config,
  context,
  dataset,
  expectReadOnly,
  fixture,
  isolate,
  listRequests,
  mockAccount,
  pages,
  resetNock,
  type Body,
} from './helpers.js';

beforeEach(isolate);
afterEach(resetNock);

describe('hubspot collect: whole accounts', () => {
  it('hardened account: three pages to the end, every section observed, only reads, every request through our client', async () => {
    const { scope, served } = mockAccount();
    const target = config();
    const { ctx, requests } = context(target);
    const snapshot = await hubspotConnector.collect(target, ctx);

    expect(snapshot.errors).toEqual([]);
    expect(snapshot.kind).toBe('crm');
    expect(snapshot.product).toBe('hubspot');
    expect(snapshot.coverage.missingPermissions).toEqual([]);
    expect(dataset(snapshot, 'contacts')).toEqual({ name: 'contacts', state: 'complete', records: 7, total: 7, pages: 3 });
    expect(dataset(snapshot, 'contacts-with-link-key')).toEqual({ name: 'contacts-with-link-key', state: 'complete', records: 5, total: 5, pages: 3 });
    expect(dataset(snapshot, 'contact-properties')).toMatchObject({ state: 'complete', pages: 1 });
    const crm = snapshot.facts.crm;
    expect(crm?.objects).toEqual({ state: 'observed', value: [{ name: 'contacts', total: 7, read: 7, linked: { field: 'idp_subject', count: 5 }, withSecondaryEmail: 1, customerObject: true }] });
    expect(crm?.identityLinkFields).toMatchObject({ state: 'observed', value: [{ field: 'idp_subject', unique: true, externalId: true, source: 'detected' }] });
    expect(crm?.linkStats).toEqual({ state: 'observed', value: { records: 7, withKey: 5, emailShaped: 0, subjectShaped: 5, sharedValues: 0 } });
    expect(crm?.duplicateRules).toEqual({ state: 'observed', value: [{ object: 'contacts', name: 'email (native)', active: true, native: true }] });
    expect(crm?.lifecycle).toMatchObject({ state: 'observed', value: { field: 'lifecyclestage', customerValues: ['customer', 'evangelist'] } });
    expect(crm?.consentFields).toMatchObject({ state: 'observed', value: expect.arrayContaining([{ object: 'contacts', field: 'hs_marketable_status', meaning: 'subscription-status' }]) });
    expect(snapshot.profiles?.size).toBe(7);
    expect(snapshot.profiles?.get(0)).toMatchObject({
      targetId: 'hubspot-crm',
      localId: '101',
      links: [{ kind: 'crm-key', via: 'idp_subject', value: '3f6c2a1e-8b7d-4c5e-9a10-2b3c4d5e6f70' }],
      lifecycle: 'customer',
      consent: { marketing: true },
      status: 'active',
    });
    // Quota headers are kept, the lowest remaining counts.
    expect(snapshot.coverage.quotas).toEqual({
      'hubspot ten-second max': 100,
      'hubspot ten-second lowest remaining': 97,
      'hubspot interval ms': 10000,
      'hubspot daily max': 250000,
      'hubspot daily lowest remaining': 249000,
    });
    // Data minimisation: the list asks for the mapped properties only, 100 per page, never archived records.
    const first = new URL(listRequests(requests)[0]?.url ?? '');
    expect(first.searchParams.get('limit')).toBe('100');
    expect(first.searchParams.get('archived')).toBe('false');
    expect(first.searchParams.get('properties')?.split(',')).toEqual([
      'createdate', 'email', 'firstname', 'hs_additional_emails', 'hs_email_optout', 'hs_marketable_status', 'idp_subject', 'lastmodifieddate', 'lastname', 'lifecyclestage', 'mobilephone', 'phone',
    ]);
    expect(listRequests(requests)).toHaveLength(3);
    // The SDK sent nothing past our HTTP client: every answer nock gave was a request we recorded.
    expect(served.length).toBe(requests.length);
    expect(requests.map((r) => `${r.method} ${new URL(r.url).pathname}`)).toEqual([
      'POST /oauth/v2/private-apps/get/access-token-info',
      `GET ${PROPERTIES}`,
      `POST ${SEARCH}`,
      `POST ${SEARCH}`,
      `GET ${CONTACTS}`,
      `GET ${CONTACTS}`,
      `GET ${CONTACTS}`,
    ]);
    expect(JSON.stringify({ facts: snapshot.facts, coverage: snapshot.coverage, errors: snapshot.errors })).not.toContain(TOKEN);
    expectReadOnly(requests);
    scope.done();
  });

  it('weak account: a non-unique link field holding emails, a shared key, opted-out customers — all visible in the facts', async () => {
    mockAccount({ properties: 'weak', pages: pages('weak') });
    const target = config();
    const { ctx, requests } = context(target);
    const snapshot = await hubspotConnector.collect(target, ctx);
    expect(snapshot.errors).toEqual([]);
    const crm = snapshot.facts.crm;
    expect(crm?.identityLinkFields).toEqual({
      state: 'observed',
      value: [
        {
          object: 'contacts',
          field: 'customer_id',
          label: 'Customer ID',
          type: 'string',
          externalId: false,
          unique: false,
          source: 'detected',
          reason: 'not unique (hasUniqueValue false), name matches "customer id"; used for the identity links',
        },
      ],
    });
    expect(crm?.linkStats).toEqual({ state: 'observed', value: { records: 6, withKey: 5, emailShaped: 4, subjectShaped: 0, sharedValues: 1 } });
    expect(crm?.consentFields).toEqual({ state: 'observed', value: [{ object: 'contacts', field: 'hs_email_optout', meaning: 'opt-out' }] });
    const profiles = [...(snapshot.profiles ?? [])];
    expect(profiles.filter((p) => p.lifecycle === 'customer' && p.consent?.marketing === false).map((p) => p.localId)).toEqual(['201', '204']);
    expect(profiles.find((p) => p.localId === '204')?.links).toEqual([]);
    expect(dataset(snapshot, 'contacts')).toMatchObject({ state: 'complete', records: 6, total: 6, pages: 2 });
    expectReadOnly(requests);
  });

  it("HubSpot's own Postman example page (placeholder values) reads without a crash", async () => {
    const example = fixture<Body>('real-world/api/hubspot/contacts-list-official-postman-example.json');
    mockAccount({ pages: [{ ...example, paging: undefined }], total: 2 });
    const target = config();
    const { ctx } = context(target);
    const snapshot = await hubspotConnector.collect(target, ctx);
    expect(snapshot.errors).toEqual([]);
    expect(snapshot.profiles?.size).toBe(2);
    const profile = snapshot.profiles?.get(0);
    expect(profile).toMatchObject({ localId: '<string>', emails: [], links: [], status: 'active' });
    // "<dateTime>" is not a time: dropped, not guessed.
    expect(profile?.createdAt).toBeUndefined();
  });
});

describe('hubspot collect: permissions', () => {
  it('token info without crm.schemas.contacts.read: the property sections are unknown naming it, no properties request, contacts still read', async () => {
    mockAccount({ tokenInfo: fixture<Body>('hubspot/token-info-no-schemas.json') });
    const target = config({ linkProperty: 'idp_subject' });
    const { ctx, requests } = context(target);
    const snapshot = await hubspotConnector.collect(target, ctx);
    const crm = snapshot.facts.crm;
    for (const section of ['identityLinkFields', 'consentFields', 'lifecycle'] as const) {
      expect(crm?.[section], section).toMatchObject({ state: 'unknown', reason: { kind: 'no-permission', permission: SCOPES.schemas } });
    }
    expect(requests.some((r) => r.url.includes(PROPERTIES))).toBe(false);
    expect(snapshot.coverage.missingPermissions).toEqual([SCOPES.schemas]);
    expect(dataset(snapshot, 'contact-properties')).toMatchObject({ state: 'not-read', reason: expect.stringContaining(SCOPES.schemas) });
    // The configured link property still links, and its counts are real.
    expect(crm?.linkStats).toEqual({ state: 'observed', value: { records: 7, withKey: 5, emailShaped: 0, subjectShaped: 5, sharedValues: 0 } });
    expect(snapshot.errors).toEqual([]);
    expectReadOnly(requests);
  });

  it('token info missing crm.objects.contacts.read: no contact request at all, contacts unknown naming the scope', async () => {
    mockAccount({ tokenInfo: { scopes: ['crm.schemas.contacts.read'] } });
    const target = config();
    const { ctx, requests } = context(target);
    const snapshot = await hubspotConnector.collect(target, ctx);
    expect(requests.some((r) => r.url.includes(CONTACTS))).toBe(false);
    expect(snapshot.facts.crm?.objects).toMatchObject({ state: 'unknown', reason: { kind: 'no-permission', permission: SCOPES.contacts } });
    expect(snapshot.facts.crm?.linkStats).toMatchObject({ state: 'unknown', reason: { permission: SCOPES.contacts } });
    expect(snapshot.facts.crm?.identityLinkFields?.state).toBe('observed');
    expect(snapshot.coverage.missingPermissions).toEqual([SCOPES.contacts]);
  });

  it('no token info (404): every section is tried; a 403 MISSING_SCOPES on the properties names the scope, the rest is read', async () => {
    mockAccount({
      tokenInfo: { status: 404, body: { status: 'error', message: 'not found' } },
      properties: { status: 403, body: fixture<Record<string, Body>>('hubspot/errors.json').missingScopes },
    });
    const target = config();
    const { ctx, requests } = context(target);
    const snapshot = await hubspotConnector.collect(target, ctx);
    const crm = snapshot.facts.crm;
    expect(crm?.identityLinkFields).toMatchObject({
      state: 'unknown',
      reason: { kind: 'no-permission', permission: SCOPES.schemas, error: { code: 'PERMISSION_DENIED', status: 403, cause: 'MISSING_SCOPES' } },
    });
    // Without the schema and no configured property, no key can be told apart: unknown, not zero.
    expect(crm?.linkStats).toMatchObject({ state: 'unknown', reason: { kind: 'precondition', permission: SCOPES.schemas } });
    expect(crm?.objects).toMatchObject({ state: 'observed', value: [{ read: 7, total: 7 }] });
    expect(snapshot.coverage.missingPermissions).toEqual([SCOPES.schemas]);
    expect(snapshot.errors).toEqual([]);
    expect(dataset(snapshot, 'contacts')?.state).toBe('complete');
    expectReadOnly(requests);
  });
});
