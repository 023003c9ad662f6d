import { describe, expect, it } from 'vitest';
import { DEFAULT_CUSTOMER_STAGES, DEFAULT_LEAD_STAGES, DEFAULT_PROPERTIES } from '../../../connectors/hubspot/config.js';
import { contactToProfile, describeSchema, interpretHubspot, requestedProperties, type ContactMapping } from '../../../connectors/hubspot/interpret.js';
import { lifecycleOf, marketingOf, timeOf } from '../../../connectors/hubspot/interpret-contacts.js';
import { consentMeaning, iamTerm, words } from '../../../connectors/hubspot/interpret-properties.js';
import { isEmailShaped, isSubjectShaped, LinkStatsCounter } from '../../../src/connector-kit/link-stats.js';
import { Grants, SCOPES } from '../../../connectors/hubspot/permissions.js';
import type { RawContact, RawProperty } from '../../../connectors/hubspot/raw.js';
import { parseTokenInfo } from '../../../connectors/hubspot/token-info.js';
import { observed, unknownObservation } from '../../../src/model/observation.js';
import { fixture, pages } from './helpers.js';

/** What sdk.ts makes of a properties fixture (the SDK keeps these members). */
function rawProperties(kind: 'hardened' | 'weak'): RawProperty[] {
  const { results } = fixture<{ results: Array<Record<string, unknown>> }>(`hubspot/properties-${kind}.json`);
  return results.map((p) => ({
    name: String(p.name),
    label: String(p.label),
    type: String(p.type),
    hasUniqueValue: p.hasUniqueValue === true,
    hubspotDefined: p.hubspotDefined === true,
    calculated: p.calculated === true,
    archived: false,
    options: (p.options as Array<{ value: string }>).map((o) => o.value),
  }));
}

function rawContacts(kind: 'hardened' | 'weak'): RawContact[] {
  return pages(kind).flatMap((page) =>
    (page.results as Array<{ id: string; properties: Record<string, string>; createdAt: string; updatedAt: string }>).map((c) => ({
      id: c.id,
      properties: c.properties,
      createdAt: c.createdAt,
      updatedAt: c.updatedAt,
      archived: false,
    })),
  );
}

const schemaOptions = { consentProperty: 'hs_email_optout', lifecycleProperty: 'lifecyclestage', customerStages: DEFAULT_CUSTOMER_STAGES };

function mapping(overrides: Partial<ContactMapping> = {}): ContactMapping {
  return {
    names: { ...DEFAULT_PROPERTIES },
    linkProperty: 'idp_subject',
    marketableProperty: 'hs_marketable_status',
    customerStages: new Set(DEFAULT_CUSTOMER_STAGES),
    leadStages: new Set(DEFAULT_LEAD_STAGES),
    ...overrides,
  };
}

describe('hubspot interpret: property definitions', () => {
  it('hardened: the unique custom idp_subject is detected and chosen; loyalty_number (unique, not an IAM name) and HubSpot-defined ids are not', () => {
    const schema = describeSchema(rawProperties('hardened'), schemaOptions);
    expect(schema.linkProperty).toBe('idp_subject');
    expect(schema.identityLinkFields).toEqual([
      {
        object: 'contacts',
        field: 'idp_subject',
        label: 'IdP subject',
        type: 'string',
        externalId: true,
        unique: true,
        source: 'detected',
        reason: 'hasUniqueValue, name matches "subject"; used for the identity links',
      },
    ]);
    expect(schema.consentFields.map((f) => [f.field, f.meaning])).toEqual([
      ['hs_email_optout', 'opt-out'],
      ['hs_email_optout_81234567', 'opt-out'],
      ['hs_legal_basis', 'consent-record'],
      ['hs_marketable_status', 'subscription-status'],
      ['marketing_consent', 'opt-in'],
    ]);
    expect(schema.lifecycle).toEqual({
      field: 'lifecyclestage',
      customerValues: ['customer', 'evangelist'],
      values: ['subscriber', 'lead', 'marketingqualifiedlead', 'salesqualifiedlead', 'opportunity', 'customer', 'evangelist', 'other'],
    });
    expect(schema.names.has('hs_marketable_status')).toBe(true);
  });

  it('weak: only a non-unique customer_id; sub_region is not a subject', () => {
    const schema = describeSchema(rawProperties('weak'), schemaOptions);
    expect(schema.identityLinkFields.map((f) => [f.field, f.unique, f.source])).toEqual([['customer_id', false, 'detected']]);
    expect(schema.consentFields.map((f) => f.field)).toEqual(['hs_email_optout']);
  });

  it('a configured link property wins, and one that does not exist says so', () => {
    const props = rawProperties('hardened');
    const configured = describeSchema(props, { ...schemaOptions, linkProperty: 'loyalty_number' });
    expect(configured.linkProperty).toBe('loyalty_number');
    expect(configured.identityLinkFields[0]).toEqual({ object: 'contacts', field: 'loyalty_number', label: 'Loyalty card number', type: 'string', externalId: true, unique: true, source: 'configured' });
    expect(configured.identityLinkFields[1]).toMatchObject({ field: 'idp_subject', source: 'detected', reason: 'hasUniqueValue, name matches "subject"' });
    const missing = describeSchema(props, { ...schemaOptions, linkProperty: 'keycloak_id' });
    expect(missing.identityLinkFields[0]).toEqual({ object: 'contacts', field: 'keycloak_id', externalId: false, unique: false, source: 'configured', reason: 'configured, but no such contact property in the account' });
  });

  it('no candidate at all: no link property, an empty list', () => {
    const schema = describeSchema(rawProperties('weak').filter((p) => p.name !== 'customer_id'), schemaOptions);
    expect(schema.identityLinkFields).toEqual([]);
    expect(schema.linkProperty).toBeUndefined();
  });

  it.each([
    ['idp_subject', undefined, 'subject'],
    ['auth0UserId', undefined, 'auth0'],
    ['keycloak_id', undefined, 'keycloak'],
    ['sso_sub', undefined, 'sub'],
    ['oidc_sub', undefined, 'oidc'],
    ['userid', undefined, 'user id'],
    ['crm_ref', 'External ID (shop)', 'external id'],
    ['sub_region', 'Sub region', undefined],
    ['subscription_tier', 'Subscription tier', undefined],
    ['favourite_colour', 'Favourite colour', undefined],
  ])('iamTerm(%s, %s) → %s', (name, label, term) => {
    expect(iamTerm({ name, ...(label ? { label } : {}) })?.term).toBe(term);
  });

  it('words splits camelCase, snake_case and glued ids', () => {
    expect(words('auth0UserId')).toBe('auth0 user id');
    expect(words('Customer-ID')).toBe('customer id');
    expect(words('loginid')).toBe('login id');
  });

  it.each([
    ['hs_email_optout', 'opt-out'],
    ['newsletter_unsubscribed', 'opt-out'],
    ['marketing_consent', 'opt-in'],
  ] as const)('consentMeaning(%s) → %s', (name, meaning) => {
    expect(consentMeaning(name)).toBe(meaning);
  });
});

describe('hubspot interpret: contacts', () => {
  it('maps a contact: primary and secondary emails, phones, names, the key link, lifecycle, consent, times, filled attributes', () => {
    const [ava] = rawContacts('hardened');
    expect(contactToProfile(ava ?? { id: '', properties: {}, archived: false }, mapping())).toEqual({
      localId: '101',
      emails: [
        { address: 'ava.quill@example.com', primary: true },
        { address: 'ava.q@example.org', primary: false },
      ],
      phones: ['+1 202 555 0101'],
      names: { given: 'Ava', family: 'Quill' },
      links: [{ kind: 'crm-key', via: 'idp_subject', value: '3f6c2a1e-8b7d-4c5e-9a10-2b3c4d5e6f70' }],
      status: 'active',
      lifecycle: 'customer',
      consent: { marketing: true },
      createdAt: '2023-01-05T10:00:00.000Z',
      updatedAt: '2024-06-01T08:00:00.000Z',
      filledAttributes: 6,
    });
  });

  it('empty values are absent, not empty strings; an archived contact is disabled', () => {
    const profile = contactToProfile(
      { id: '9', properties: { email: '  ', customer_id: '', firstname: null, lifecyclestage: 'Customer' }, archived: true },
      mapping({ linkProperty: 'customer_id' }),
    );
    expect(profile).toEqual({ localId: '9', emails: [], phones: [], names: {}, links: [], status: 'disabled', lifecycle: 'customer', filledAttributes: 0 });
  });

  it('secondary emails are split on ";" and do not repeat the primary', () => {
    const profile = contactToProfile({ id: '1', properties: { email: 'a@example.com', hs_additional_emails: 'A@example.com;b@example.com; ;c@example.com' }, archived: false }, mapping());
    expect(profile.emails.map((e) => e.address)).toEqual(['a@example.com', 'b@example.com', 'c@example.com']);
  });

  it.each([
    ['customer', 'customer'],
    ['EVANGELIST', 'customer'],
    ['marketingqualifiedlead', 'lead'],
    ['other', 'other'],
    ['1234567', 'other'],
    [undefined, undefined],
  ] as const)('lifecycle %s → %s', (stage, lifecycle) => {
    expect(lifecycleOf(stage, mapping())).toBe(lifecycle);
  });

  it.each([
    ['true', 'opt-out', undefined, false],
    ['true', 'opt-out', 'true', false],
    ['false', 'opt-out', 'false', false],
    ['false', 'opt-out', undefined, true],
    [undefined, 'opt-out', 'true', true],
    [undefined, 'opt-out', undefined, undefined],
    ['true', 'opt-in', 'false', true],
    ['false', 'opt-in', 'true', false],
  ] as const)('consent flag %s (%s), marketable %s → %s', (flag, meaning, marketable, expected) => {
    expect(marketingOf(flag, meaning, marketable)).toBe(expected);
  });

  it('times: ISO and epoch milliseconds; nonsense is dropped', () => {
    expect(timeOf('2024-01-02T03:04:05.678Z')).toBe('2024-01-02T03:04:05.678Z');
    expect(timeOf('1704164645678')).toBe('2024-01-02T03:04:05.678Z');
    expect(timeOf('<dateTime>')).toBeUndefined();
  });

  it('requests the mapped properties only, sorted, once each', () => {
    expect(requestedProperties(mapping({ names: { ...DEFAULT_PROPERTIES, phone: 'email' } }))).toEqual([
      'createdate', 'email', 'firstname', 'hs_additional_emails', 'hs_email_optout', 'hs_marketable_status', 'idp_subject', 'lastmodifieddate', 'lastname', 'lifecyclestage', 'mobilephone',
    ]);
  });
});

describe('hubspot interpret: link statistics', () => {
  it('counts keys, shapes and shared values without keeping any value', () => {
    const stats = new LinkStatsCounter();
    for (const value of ['a@example.com', 'a@example.com', '3f6c2a1e-8b7d-4c5e-9a10-2b3c4d5e6f70', 'auth0|abc', '00u1a2b3c4d5e6f7g8h9', '12345', undefined, ' ', 'a@example.com']) stats.add(value);
    expect(stats.stats()).toEqual({ records: 9, withKey: 7, emailShaped: 3, subjectShaped: 3, sharedValues: 1 });
    expect(JSON.stringify(stats)).not.toContain('example.com');
  });

  it.each([
    ['samlp|corp|jdoe', true],
    ['google-oauth2|1048573920', true],
    ['00uabcdefghij1234567', true],
    ['00u123', false],
    ['not a subject', false],
    ['x@y', false],
  ])('isSubjectShaped(%s) → %s', (value, shaped) => {
    expect(isSubjectShaped(value)).toBe(shaped);
  });

  it('an email is an email', () => {
    expect(isEmailShaped('hana.berg+shop@example.com')).toBe(true);
    expect(isEmailShaped('hana.berg')).toBe(false);
  });
});

describe('hubspot interpret: facts', () => {
  const schema = describeSchema(rawProperties('hardened'), schemaOptions);

  it('assembles the CRM facts; the native email de-duplication is always there', () => {
    const facts = interpretHubspot({ schema: observed(schema), contacts: observed({ read: 7, total: 7, linkStats: { records: 7, withKey: 5, emailShaped: 0, subjectShaped: 5, sharedValues: 0 } }) });
    expect(facts.objects).toEqual(observed([{ name: 'contacts', total: 7, read: 7, customerObject: true }]));
    expect(facts.duplicateRules).toEqual(observed([{ object: 'contacts', name: 'email (native)', active: true, native: true }]));
    expect(facts.linkStats?.state).toBe('observed');
  });

  it('no link property in the account: zero keys is a fact', () => {
    const none = describeSchema(rawProperties('weak').filter((p) => p.name !== 'customer_id'), schemaOptions);
    const facts = interpretHubspot({ schema: observed(none), contacts: observed({ read: 6 }) });
    expect(facts.linkStats).toEqual(observed({ records: 6, withKey: 0, emailShaped: 0, subjectShaped: 0, sharedValues: 0 }));
  });

  it('an unknown schema makes every property section unknown with the same reason; contacts unknown carry into objects and linkStats', () => {
    const reason = { kind: 'no-permission' as const, detail: 'denied', permission: SCOPES.schemas };
    const facts = interpretHubspot({ schema: unknownObservation(reason), contacts: unknownObservation({ kind: 'not-observed', detail: 'profiles.read is false' }) });
    expect(facts.identityLinkFields).toEqual(unknownObservation(reason));
    expect(facts.lifecycle).toEqual(unknownObservation(reason));
    expect(facts.objects).toMatchObject({ state: 'unknown', reason: { kind: 'not-observed' } });
    expect(facts.linkStats).toMatchObject({ state: 'unknown', reason: { kind: 'not-observed' } });
  });

  it('an account without lifecycle property: lifecycle unknown (not observed)', () => {
    const noStage = describeSchema(rawProperties('weak').filter((p) => p.name !== 'lifecyclestage'), schemaOptions);
    expect(interpretHubspot({ schema: observed(noStage), contacts: observed({ read: 0 }) }).lifecycle).toMatchObject({ state: 'unknown', reason: { kind: 'not-observed' } });
  });
});

describe('hubspot permissions and token info', () => {
  it('reads the scopes from the token info; the legacy contacts scope covers both', () => {
    const info = parseTokenInfo(fixture('hubspot/token-info-no-schemas.json'));
    expect(info).toEqual({ scopes: ['crm.objects.contacts.read', 'oauth'], hubId: 9876543, appId: 2345678 });
    const grants = new Grants(info.scopes);
    expect(grants.allows(SCOPES.contacts)).toBe(true);
    expect(grants.allows(SCOPES.schemas)).toBe(false);
    expect(new Grants(['contacts']).allows(SCOPES.schemas)).toBe(true);
    expect(new Grants(undefined).allows(SCOPES.schemas)).toBe(true);
    expect(new Grants(undefined).known).toBe(false);
  });

  it('a token info without a scopes list is an unexpected shape', () => {
    expect(() => parseTokenInfo({ hubId: 1 })).toThrow(/no scopes list/);
    expect(() => parseTokenInfo({ scopes: [1] })).toThrow(/no scopes list/);
  });
});
