import type { UnknownReason } from './observation.js';
import type { Outcome, Process, Severity, Tier } from './outcome.js';

/** A normative reference: spec and section, e.g. `{ spec: 'RFC 9700', section: '2.1.1' }`. */
export interface Reference {
  spec: string;
  section?: string;
  url?: string;
}

/** One rule outcome for one subject (an issuer, a client, a key, a store pair) of one target. */
export interface RuleResult {
  ruleId: string;
  targetId: string;
  /** What the outcome is about, stable across scans (an issuer URL, a client id, a kid). */
  subject: string;
  outcome: Outcome;
  severity: Severity;
  process: Process;
  tier: Tier;
  messageId: string;
  message: string;
  /** Counts, flags and excerpts of published documents; never secrets or raw personal data. */
  evidence: Record<string, unknown>;
  references: Reference[];
  /** Present when `outcome` is `unknown`: why it could not be decided. */
  unknownReason?: UnknownReason;
  /** hex(SHA-256(ruleId, targetId, subject))[0..32]: the key of suppressions, history and diffs. */
  fingerprint: string;
}
