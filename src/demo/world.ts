import type { WorldSpec } from '../synthetic/world.js';

/**
 * The demo's customers: one synthetic population spread over the demo's systems the way a
 * company that grew by acquisition and campaigns spreads them. The account store behind the login
 * (exposed through SCIM) holds most customers, some twice; a legacy loyalty-programme directory
 * (LDAP) holds a third of them again — with other email spellings and phone formats, and no
 * federation or provisioning to the first: an identity silo. Sales runs a Salesforce org and
 * marketing a HubSpot account: both hold customers (some carrying the account store's user id in a
 * unique key field, most matching only by email or phone), marketing leads no identity store knows,
 * contacts still active for accounts the store has disabled, and consent that disagrees with the
 * account store's.
 */
export const DEMO_WORLD: WorldSpec = {
  seed: 2026,
  people: 1200,
  householdRate: 0.05,
  stores: [
    {
      id: 'customers',
      kind: 'identity-store',
      coverage: 0.85,
      duplicateRate: 0.03,
      socialLogin: true,
      disabledRate: 0.03,
    },
    {
      id: 'loyalty',
      kind: 'identity-store',
      coverage: 0.35,
      duplicateRate: 0.01,
      idStyle: 'numeric',
      disabledRate: 0,
      variants: { phoneNational: 0.8, nickname: 0.4, emailUpperCase: 0.15, altEmail: 0.1, phoneMissing: 0.1 },
    },
    {
      id: 'sales',
      kind: 'crm',
      coverage: 0.45,
      duplicateRate: 0.04,
      idStyle: 'salesforce',
      disabledRate: 0,
      consentFlipRate: 0.06,
      leads: 90,
      // Salesforce's External ID field that the login's provisioning fills for some customers.
      links: { toStore: 'customers', kind: 'crm-key', via: 'IdP_Subject__c', rate: 0.55 },
      variants: { phoneNational: 0.6, nickname: 0.35 },
    },
    {
      id: 'marketing',
      kind: 'crm',
      coverage: 0.6,
      duplicateRate: 0.05,
      disabledRate: 0,
      consentFlipRate: 0.1,
      leads: 240,
      links: { toStore: 'customers', kind: 'crm-key', via: 'idp_subject', rate: 0.25 },
      variants: { plusTag: 0.08, emailUpperCase: 0.1, phoneMissing: 0.5 },
    },
  ],
};
