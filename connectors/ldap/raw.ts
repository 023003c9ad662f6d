import type { ScanError } from '../../src/model/errors.js';
import type { UnknownReason } from '../../src/model/observation.js';
import type { LdapTransport } from './config.js';

/**
 * One directory entry in our own shape: attribute names lower-cased (LDAP names are
 * case-insensitive), every value a string (binary values hex-encoded). No ldapts type passes
 * interpret.ts; session.ts converts.
 */
export interface RawEntry {
  dn: string;
  attributes: Record<string, string[]>;
}

/** The outcome of one read: its value, the coded failure, or why it was not attempted. */
export type RawRead<T> =
  | { state: 'read'; value: T }
  | { state: 'failed'; error: ScanError }
  | { state: 'skipped'; reason: UnknownReason };

/** How reading the users ended (the entries themselves went into the ProfileStore page by page). */
export interface UsersOutcome {
  state: 'complete' | 'partial' | 'empty' | 'failed' | 'skipped';
  read: number;
  enabled: number;
  disabled: number;
  /** Why the read is not complete (a coded error, the configured cap, referrals). */
  detail?: string;
  error?: ScanError;
  reason?: UnknownReason;
  /** paged: RFC 2696 paging; single: one search with a size limit (the server lacks the control). */
  method?: 'paged' | 'single';
}

/** Everything the connector read except the profiles; interpret.ts turns it into facts. */
export interface LdapRawCollection {
  transport: LdapTransport;
  baseDn: string;
  /** The root DSE read over the bound connection. */
  rootDse: RawRead<RawEntry>;
  /** T1: the root DSE read anonymously (activeProbes). */
  anonymousRootDse: RawRead<RawEntry>;
  /** pwdPolicy entries found (or the configured one); absent when not looked for. */
  passwordPolicies?: RawRead<RawEntry[]>;
  /** The configured passwordPolicyDn, when the operator named one. */
  passwordPolicyDn?: string;
  users: UsersOutcome;
}
