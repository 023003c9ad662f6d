/**
 * Builders for report fixtures: they fill the derived members (fingerprint, summary) the way the
 * engine does, so each fixture only states what matters to it.
 */
import { fingerprint } from '../../src/rules-engine/evaluate.js';
import { OUTCOMES, SEVERITIES, type Outcome, type Process, type Severity } from '../../src/model/outcome.js';
import type {
  MaturityAssessment,
  MaturityVerdict,
  ReportRule,
  ReportSummary,
  ReportTarget,
} from '../../src/model/report.js';
import type { RuleResult } from '../../src/model/result.js';
import { emptyCoverage } from '../../src/model/snapshot.js';

export type ResultInput = Omit<RuleResult, 'fingerprint' | 'severity' | 'process' | 'tier' | 'references' | 'messageId' | 'evidence'> &
  Partial<Pick<RuleResult, 'severity' | 'messageId' | 'evidence'>>;

/** A result with the rule's defaults (severity, process, tier, references) and a real fingerprint. */
export function makeResult(rules: readonly ReportRule[], input: ResultInput): RuleResult {
  const rule = rules.find((r) => r.id === input.ruleId);
  if (!rule) throw new Error(`fixture uses unknown rule ${input.ruleId}`);
  const result: RuleResult = {
    ruleId: input.ruleId,
    targetId: input.targetId,
    subject: input.subject,
    outcome: input.outcome,
    severity: input.severity ?? rule.severity,
    process: rule.process,
    tier: rule.tier,
    messageId: input.messageId ?? (input.outcome === 'unknown' ? 'notObserved' : input.outcome),
    message: input.message,
    evidence: input.evidence ?? {},
    references: rule.references,
    fingerprint: fingerprint(input.ruleId, input.targetId, input.subject),
  };
  if (input.unknownReason) result.unknownReason = input.unknownReason;
  return result;
}

export function summarize(results: readonly RuleResult[], targets: readonly ReportTarget[]): ReportSummary {
  const byOutcome = Object.fromEntries(OUTCOMES.map((o) => [o, 0])) as Record<Outcome, number>;
  const failuresBySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  for (const r of results) {
    byOutcome[r.outcome] += 1;
    if (r.outcome === 'fail') failuresBySeverity[r.severity] += 1;
  }
  return { byOutcome, failuresBySeverity, complete: targets.every((t) => t.complete) };
}

export function target(partial: Partial<ReportTarget> & Pick<ReportTarget, 'id' | 'location'>): ReportTarget {
  return {
    type: 'oidc',
    kind: 'authorization-server',
    product: 'unknown',
    complete: true,
    coverage: emptyCoverage(),
    errors: [],
    ...partial,
  };
}

export function verdict(partial: Partial<MaturityVerdict> & Pick<MaturityVerdict, 'level' | 'name'>): MaturityVerdict {
  return {
    confidence: 'medium',
    observedShare: 0.5,
    supports: [],
    contradicts: [],
    blockers: [],
    notObserved: [],
    statement: `Evidence supports level ${partial.level} (${partial.name}).`,
    ...partial,
  };
}

export const CMM_NAMES = ['Not assessed', 'Initial', 'Managed', 'Defined', 'Quantitatively managed', 'Optimizing'] as const;

export function processes(levels: Record<Process, number>, extra: Partial<Record<Process, Partial<MaturityVerdict>>> = {}): MaturityAssessment['processes'] {
  const entries = (Object.keys(levels) as Process[]).map((p) => {
    const level = levels[p];
    return [p, verdict({ level, name: CMM_NAMES[level] ?? `Level ${level}`, ...extra[p] })] as const;
  });
  return Object.fromEntries(entries) as MaturityAssessment['processes'];
}
