import type { ScanError } from './errors.js';
import type { Outcome, Process, Severity, SystemKind, Tier } from './outcome.js';
import type { Reference, RuleResult } from './result.js';
import type { Coverage } from './snapshot.js';
import type { IdentityGraph } from './identity.js';

/** 1.1.0: the identity section carries the identity graph (additive; clusters/overlaps/linkRates stay arrays). */
export const REPORT_SCHEMA_VERSION = '1.1.0';

/**
 * The canonical report. Every other format renders from this object only. Later versions may add
 * members; they never remove or change the meaning of one (schemaVersion follows semver).
 */
export interface ScanReport {
  schemaVersion: string;
  tool: { name: 'ciamscan'; version: string };
  startedAt: string;
  finishedAt: string;
  /** Options that change outcomes (profile, rule overrides), so that two reports can be compared. */
  settings: { profile: string; failOn?: Severity };
  targets: ReportTarget[];
  /** Metadata of every rule that was evaluated, once. */
  rules: ReportRule[];
  results: RuleResult[];
  identity: IdentitySection;
  maturity: MaturityAssessment;
  summary: ReportSummary;
}

export interface ReportTarget {
  id: string;
  type: string;
  kind: SystemKind;
  product: string;
  /** Where it was read from, with secrets removed (issuer URL, base URL, file name). */
  location: string;
  complete: boolean;
  coverage: Coverage;
  errors: ScanError[];
}

export interface ReportRule {
  id: string;
  title: string;
  severity: Severity;
  area: string;
  process: Process;
  tier: Tier;
  rationale: string;
  remediation: string;
  references: Reference[];
}

export interface ReportSummary {
  byOutcome: Record<Outcome, number>;
  /** Failures by severity. */
  failuresBySeverity: Record<Severity, number>;
  complete: boolean;
}

/**
 * The identity graph (src/model/identity.ts): counts, shares and pseudonyms; `built: false` until
 * profiles are read. `clusters`, `overlaps` and `linkRates` are always arrays (schema 1.0 compatibility).
 */
export type IdentitySection = IdentityGraph & Required<Pick<IdentityGraph, 'clusters' | 'overlaps' | 'linkRates'>>;

export const MATURITY_LEVELS = [
  { level: 0, name: 'Nonexistent' },
  { level: 1, name: 'Managed identity' },
  { level: 2, name: 'Siloed' },
  { level: 3, name: 'Connected' },
  { level: 4, name: 'Optimized' },
] as const;

export type Confidence = 'high' | 'medium' | 'low' | 'none';

/** A rule outcome cited as maturity evidence. */
export interface EvidenceRef {
  ruleId: string;
  targetId: string;
  subject: string;
  outcome: Outcome;
  /** `gate` must not fail for the level to be credited; `signal` adds positive evidence. */
  role: 'gate' | 'signal' | 'evidence';
  level: number;
  fingerprint: string;
}

export interface MaturityVerdict {
  /** The highest level the evidence supports (never a certified level). */
  level: number;
  name: string;
  confidence: Confidence;
  /** 0..1: the share of the cited gates and signals that could be observed. */
  observedShare: number;
  supports: EvidenceRef[];
  contradicts: EvidenceRef[];
  /** What keeps the next level from being credited: failed gates, missing signals, unobserved evidence. */
  blockers: MaturityBlocker[];
  /** Rules the level depends on that no scanned target could answer. */
  notObserved: string[];
  statement: string;
}

export interface MaturityBlocker {
  level: number;
  kind: 'failed-gate' | 'missing-signals' | 'not-observed';
  ruleIds: string[];
  detail: string;
}

export interface MaturityAssessment {
  model: { name: string; version: string };
  overall: MaturityVerdict;
  processes: Record<Process, MaturityVerdict>;
  /** Capabilities a scan cannot observe (governance, strategy); for attestation, never guessed. */
  attestation: string[];
}
