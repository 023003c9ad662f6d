/**
 * The identity graph that src/identity builds from the profiles of every store and CRM: who is
 * the same customer (clusters), duplicates inside one system, customers shared by two systems and
 * what joins those systems, and how identities reach the CRMs. Counts, shares and pseudonyms only.
 * Until profiles are read it is empty (`built: false`) and the identity-graph rules answer
 * `unknown`.
 */
export interface IdentityGraph {
  built: boolean;
  /** Why it was not built, when `built` is false. */
  reason?: string;
  profilesPerTarget: Array<{ targetId: string; profiles: number }>;
  targets?: GraphTarget[];
  duplicates?: DuplicateStats[];
  socialDuplicates?: SocialDuplicateStats[];
  /** People present in both of two targets (by the identity graph), with what joins them. */
  overlaps?: Array<{ targetA: string; targetB: string; shared: number; shareOfSmaller?: number; edges?: StoreEdge[] }>;
  linkRates?: LinkRate[];
  lifecycleDrift?: DriftStats[];
  consent?: ConsentStats[];
  freshness?: FreshnessStats[];
  emailCollisions?: EmailCollision[];
  completeness?: CompletenessStats[];
  clusters?: ClusterSummary[];
  /** Multi-member clusters in all (the `clusters` list may be truncated). */
  clusterCount?: number;
  /** Distinct people across every system of the graph: clusters, singletons included. */
  people?: number;
  resolution?: ResolutionStats;
}

export interface GraphTarget {
  targetId: string;
  kind: 'identity-store' | 'crm';
  profiles: number;
  /** Distinct people (clusters) with at least one profile here. */
  people: number;
  /** Profiles with no email, phone or name: they cannot be matched. */
  withoutIdentifiers: number;
}

export interface DuplicateStats {
  targetId: string;
  /** Clusters with two or more profiles of this target. */
  clusters: number;
  profilesInClusters: number;
  /** profilesInClusters / profiles. */
  share: number;
  /** Cluster sizes: "2", "3", "4-9", "10+". */
  sizes: Record<string, number>;
  topReasons: Array<{ reason: string; count: number }>;
}

export interface SocialDuplicateStats {
  targetId: string;
  /** A local (password) and a federated account of one person, as separate records. */
  pairs: number;
  federatedAccounts: number;
  share: number;
}

export interface StoreEdge {
  kind: 'federation' | 'directory-federation' | 'provisioning' | 'external-id' | 'crm-key';
  /** From which target's configuration or data, and what it says (no personal data). */
  from: string;
  detail: string;
}

export interface LinkRate {
  crmTargetId: string;
  /** Contacts in a customer lifecycle stage (or without a stage). */
  customerContacts: number;
  /** Contacts holding a stored key that resolves to an identity. */
  linkedExplicit: number;
  /** Contacts that are the same person as an identity by matching only. */
  linkedMatchOnly: number;
  unlinked: number;
  /** Active identities across the stores, and how many of them have a contact here. */
  identities: number;
  identitiesInCrm: number;
}

export interface DriftStats {
  crmTargetId: string;
  linkedPairs: number;
  /** Identity disabled in its store, contact still active or marketable. */
  disabledButActive: number;
  /** Contacts holding a key of a scanned store that resolves to no identity. */
  danglingKeys: number;
}

export interface ConsentStats {
  crmTargetId: string;
  linkedPairs: number;
  /** Pairs where both sides state marketing consent. */
  bothKnown: number;
  /** Opted out on one side, marketable on the other. */
  disagree: number;
}

/**
 * Contact ↔ identity pairs joined by a stored key (the pairs a synchronisation maintains): whether
 * their mapped attributes agree, and how long the disagreements have waited (CRM-SYNC-FRESHNESS).
 */
export interface FreshnessStats {
  crmTargetId: string;
  pairs: number;
  /** Pairs whose email, family name and marketing consent agree wherever both sides state them. */
  agree: number;
  /** Pairs disagreeing on each attribute (no shared normalised email; another family name; opposite consent). */
  disagreeBy: { email: number; family: number; consent: number };
  /** Disagreeing pairs whose identity record changed after the contact: the change has not reached the CRM. */
  stale: number;
  /**
   * 95th percentile, over the pairs with update times on both sides, of how long a change has waited:
   * identity update time minus contact update time for stale pairs, 0 for the others. Absent when no
   * pair carries both times.
   */
  p95LagSeconds?: number;
}

export interface EmailCollision {
  /** The same normalised email verified in one target and unverified in the other. */
  verifiedIn: string;
  unverifiedIn: string;
  count: number;
}

export interface CompletenessStats {
  targetId: string;
  buckets: Array<{ age: string; profiles: number; meanFilled: number }>;
}

export interface ClusterSummary {
  /** Stable across scans while its anchor member exists: keyed hash of the lowest member key. */
  fingerprint: string;
  size: number;
  members: Array<{ targetId: string; pseudonym: string; example?: string }>;
  reasons: Array<{ reason: string; count: number }>;
}

export interface ResolutionStats {
  candidatePairs: number;
  acceptedPairs: number;
  explicitLinks: number;
  /** Pairs refused because given names conflict (shared mailboxes). */
  vetoed: number;
  /** Merges refused by the chaining guard. */
  chainingPrevented: number;
  threshold: number;
  model: { lambda: number; emIterations: number; emConverged: boolean; fallback: boolean; reason?: string };
  blocking: Array<{ rule: string; pairs: number; blocks: number; oversized: number; largestSkipped: number }>;
  /** The pseudonym key came from CIAMSCAN_PSEUDONYM_KEY (stable across scans) or was random for this run. */
  pseudonymKey: 'configured' | 'per-run';
}

export function emptyIdentityGraph(reason: string): IdentityGraph {
  return { built: false, reason, profilesPerTarget: [] };
}
