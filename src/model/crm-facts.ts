import type { Observation } from './observation.js';

/**
 * Normalised facts of a CRM or marketing system (Salesforce, HubSpot, a contacts export). The
 * identity-link analysis reads the same shape whichever product it came from; the contacts
 * themselves are profiles (ProfileStore) whose `crm-key` links hold the identity key.
 */
export interface CrmFacts {
  /** The person objects read (Contact, Lead, person Account, HubSpot contacts) and their counts. */
  objects?: Observation<CrmObjectFacts[]>;
  /** Fields that hold (or could hold) an identity-store key. */
  identityLinkFields?: Observation<CrmLinkField[]>;
  /** Fields that hold marketing consent / subscription state. */
  consentFields?: Observation<CrmConsentField[]>;
  /** Duplicate prevention configured in the CRM. */
  duplicateRules?: Observation<CrmDuplicateRule[]>;
  /** Which lifecycle values mean "customer" (vs lead, subscriber, ...). */
  lifecycle?: Observation<{ field: string; customerValues: string[]; values: string[] }>;
  /** Counts about the link values that were read (never the values). */
  linkStats?: Observation<CrmLinkStats>;
}

export interface CrmObjectFacts {
  /** Contact, Lead, Account (person accounts), Individual, contacts (HubSpot). */
  name: string;
  /** Records the API reports. */
  total?: number;
  /** Records read into profiles. */
  read: number;
  /** Records whose identity-link field holds a value, as the API counts them (e.g. SOQL COUNT() … WHERE field != null). */
  linked?: { field: string; count: number };
  /** Whether this object is where customers live (as configured or detected). */
  customerObject: boolean;
  /** Records using secondary emails (HubSpot hs_additional_emails), counts only. */
  withSecondaryEmail?: number;
}

export interface CrmLinkField {
  object: string;
  /** API name (Salesforce) or property name (HubSpot). */
  field: string;
  label?: string;
  type?: string;
  externalId: boolean;
  unique: boolean;
  /** configured by the operator, or detected from names/types/uniqueness. */
  source: 'configured' | 'detected';
  /** Why it was detected (e.g. "External ID + unique, name matches /subject|idp|user_?id/"). */
  reason?: string;
}

export interface CrmConsentField {
  object: string;
  field: string;
  /** opt-out flag (HasOptedOutOfEmail), opt-in flag, subscription status, Individual consent. */
  meaning: 'opt-out' | 'opt-in' | 'subscription-status' | 'consent-record';
}

export interface CrmDuplicateRule {
  object: string;
  name: string;
  active: boolean;
  /** Native behaviour rather than a configured rule (HubSpot deduplicates contacts on email). */
  native?: boolean;
}

export interface CrmLinkStats {
  /** Contacts read. */
  records: number;
  /** Contacts whose link field holds a value. */
  withKey: number;
  /** Link values shaped like an email address (a weak key). */
  emailShaped: number;
  /** Link values shaped like known IdP subjects: Keycloak UUID, Auth0 `provider|id`, Okta `00u…`. */
  subjectShaped: number;
  /** Distinct link values held by more than one contact. */
  sharedValues: number;
}
