/**
 * A customer record from any identity store or CRM, normalised. Profiles stay in memory for the run
 * only; every output refers to a person by keyed pseudonym (src/privacy).
 */
export interface Profile {
  targetId: string;
  localId: string;
  emails: ProfileEmail[];
  phones: string[];
  names: ProfileName;
  links: ExplicitLink[];
  status: 'active' | 'disabled' | 'unknown';
  lifecycle?: 'lead' | 'customer' | 'other';
  consent?: { marketing?: boolean; updatedAt?: string };
  createdAt?: string;
  lastLoginAt?: string;
  updatedAt?: string;
  /** How many identity attributes carry a value (progressive-profiling evidence). */
  filledAttributes: number;
  /** The store-local login source: a local password account or a federated/social one. */
  origin?: 'local' | 'federated';
}

export interface ProfileEmail {
  address: string;
  verified?: boolean;
  primary?: boolean;
}

export interface ProfileName {
  given?: string;
  family?: string;
  full?: string;
}

/** A certain edge between records: a federated identity, an external-id field, a CRM field holding a store key. */
export interface ExplicitLink {
  kind: 'federated-identity' | 'external-id' | 'crm-key';
  /** The provider (IdP alias, connection) or the field name. */
  via: string;
  value: string;
}
