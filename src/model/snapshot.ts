import type { AuthorizationServerFacts } from './as-facts.js';
import type { ScanError } from './errors.js';
import type { SystemKind } from './outcome.js';
import type { IdentityStoreFacts } from './store-facts.js';
import type { CrmFacts } from './crm-facts.js';
import type { ProfileStore } from '../identity/profile-store.js';

/**
 * What one connector read from one system. Plain data: it can be saved as an evidence bundle and
 * evaluated again offline.
 */
export interface SystemSnapshot {
  targetId: string;
  kind: SystemKind;
  /** The product as configured or detected (e.g. `keycloak`, `okta`, `oidc-provider`, `unknown`). */
  product: string;
  facts: Facts;
  /**
   * Customer profiles read from an identity store or CRM, in the compact in-memory form. Never
   * serialised: personal data stays in memory for the run and leaves only as pseudonyms and counts.
   */
  profiles?: ProfileStore;
  coverage: Coverage;
  errors: ScanError[];
}

/**
 * Normalised facts, one optional section per concern, so that the same rule reads the same shape
 * whichever product the facts came from. A section that is absent was not collected by this kind
 * of connector; a section in state `unknown` was wanted but could not be read.
 */
export interface Facts {
  /** An OIDC target holds one; an Okta org can hold several custom authorization servers. */
  authorizationServers?: AuthorizationServerFacts[];
  identityStore?: IdentityStoreFacts;
  crm?: CrmFacts;
}

export type DatasetState = 'complete' | 'partial' | 'not-read' | 'not-applicable';

/** The completeness manifest: a partial read is visible, and no rule passes on it. */
export interface DatasetCoverage {
  /** e.g. `discovery`, `jwks`, `users`, `clients`. */
  name: string;
  state: DatasetState;
  /** Records read, and the total the API reported, when the dataset is countable. */
  records?: number;
  total?: number;
  pages?: number;
  reason?: string;
}

export interface Coverage {
  datasets: DatasetCoverage[];
  /** Requests sent, retries, responses that asked us to slow down. */
  requests: number;
  retries: number;
  throttled: number;
  missingPermissions: string[];
  /** Vendor quota readings (e.g. Salesforce API calls consumed, HubSpot rate-limit headers). */
  quotas?: Record<string, number | string>;
}

export function emptyCoverage(): Coverage {
  return { datasets: [], requests: 0, retries: 0, throttled: 0, missingPermissions: [] };
}

/** A target is fully read when every dataset it wanted is complete or not applicable. */
export function isComplete(coverage: Coverage, errors: readonly ScanError[]): boolean {
  return (
    errors.length === 0 && coverage.datasets.every((d) => d.state === 'complete' || d.state === 'not-applicable')
  );
}
