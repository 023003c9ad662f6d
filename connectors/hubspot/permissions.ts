import type { PermissionRequirement } from '../../src/connector.js';

/**
 * The private-app scopes this connector needs (catalog §14.4), exactly as HubSpot names them
 * (https://developers.hubspot.com/docs/api/scopes).
 */
export const SCOPES = {
  /** Contacts list and the contacts search (totals). */
  contacts: 'crm.objects.contacts.read',
  /** Contact property definitions (hasUniqueValue, options). */
  schemas: 'crm.schemas.contacts.read',
} as const;

export type Scope = (typeof SCOPES)[keyof typeof SCOPES];

/** The pre-2021 umbrella scope: a legacy app holding it may read contacts and their properties. */
const LEGACY_CONTACTS = 'contacts';

export const REQUIRED_PERMISSIONS: PermissionRequirement[] = [
  { tier: 'T2', permission: SCOPES.schemas, purpose: 'contact property definitions: identity-link fields (hasUniqueValue), consent fields, lifecycle stages' },
  { tier: 'T2', permission: SCOPES.contacts, purpose: 'contacts (profiles: emails, phones, names, link key, lifecycle, consent, times) and the totals read with the contacts search' },
];

/**
 * What the token may read, from the token-info endpoint when it answered; `undefined` scopes mean
 * "not known": every section is tried and a 403 tells.
 */
export class Grants {
  readonly #scopes: ReadonlySet<string> | undefined;

  constructor(scopes: readonly string[] | undefined) {
    this.#scopes = scopes ? new Set(scopes) : undefined;
  }

  get known(): boolean {
    return this.#scopes !== undefined;
  }

  /** False only when the token info says the scope is missing. */
  allows(scope: Scope): boolean {
    if (!this.#scopes) return true;
    return this.#scopes.has(scope) || this.#scopes.has(LEGACY_CONTACTS);
  }
}
