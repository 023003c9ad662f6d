import type { WorldSpec } from '../synthetic/world.js';

/**
 * The demo's customers: one synthetic population spread over the demo's systems the way a
 * company that grew by acquisition and campaigns spreads them. The account store behind the login
 * (exposed through SCIM) holds most customers, some twice; a legacy loyalty-programme directory
 * (LDAP) holds a third of them again — with other email spellings and phone formats, and no
 * federation or provisioning to the first: an identity silo.
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
  ],
};
