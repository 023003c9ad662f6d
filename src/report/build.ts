import { isComplete, type SystemSnapshot } from '../model/snapshot.js';
import { OUTCOMES, SEVERITIES, type Outcome, type Severity } from '../model/outcome.js';
import type { IdentityGraph } from '../model/identity.js';
import type { MaturityAssessment, ReportRule, ReportSummary, ReportTarget, ScanReport } from '../model/report.js';
import { REPORT_SCHEMA_VERSION } from '../model/report.js';
import type { RuleResult } from '../model/result.js';
import type { Rule } from '../rules-engine/define.js';
import { compareResults } from '../rules-engine/evaluate.js';
import { TOOL_VERSION } from '../version.js';

export interface TargetDescription {
  id: string;
  type: string;
  location: string;
}

export interface BuildReportInput {
  startedAt: string;
  finishedAt: string;
  profile: string;
  failOn?: Severity;
  targets: TargetDescription[];
  snapshots: SystemSnapshot[];
  rules: readonly Rule[];
  results: RuleResult[];
  graph: IdentityGraph;
  maturity: MaturityAssessment;
}

/**
 * Assemble the canonical report. Everything is sorted so that two scans of an unchanged system
 * are byte-identical apart from the times.
 */
export function buildReport(input: BuildReportInput): ScanReport {
  const byId = new Map(input.snapshots.map((s) => [s.targetId, s]));
  const targets: ReportTarget[] = input.targets
    .map((t) => {
      const snapshot = byId.get(t.id);
      if (!snapshot) throw new Error(`no snapshot for target ${t.id}`);
      return {
        id: t.id,
        type: t.type,
        kind: snapshot.kind,
        product: snapshot.product,
        location: t.location,
        complete: isComplete(snapshot.coverage, snapshot.errors),
        coverage: {
          ...snapshot.coverage,
          datasets: [...snapshot.coverage.datasets].sort((a, b) => a.name.localeCompare(b.name)),
          missingPermissions: [...snapshot.coverage.missingPermissions].sort(),
        },
        errors: [...snapshot.errors].sort((a, b) => (a.endpoint ?? '').localeCompare(b.endpoint ?? '') || a.code.localeCompare(b.code)),
      };
    })
    .sort((a, b) => a.id.localeCompare(b.id));
  const evaluated = new Set(input.results.map((r) => r.ruleId));
  const rules: ReportRule[] = input.rules
    .filter((r) => evaluated.has(r.meta.id))
    .map((r) => ({
      id: r.meta.id,
      title: r.meta.title,
      severity: r.meta.severity,
      area: r.meta.area,
      process: r.meta.process,
      tier: r.meta.tier,
      rationale: r.meta.rationale,
      remediation: r.meta.remediation,
      references: r.meta.references,
    }))
    .sort((a, b) => a.id.localeCompare(b.id));
  const results = [...input.results].sort(compareResults);
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    tool: { name: 'ciamscan', version: TOOL_VERSION },
    startedAt: input.startedAt,
    finishedAt: input.finishedAt,
    settings: { profile: input.profile, ...(input.failOn ? { failOn: input.failOn } : {}) },
    targets,
    rules,
    results,
    identity: {
      ...input.graph,
      profilesPerTarget: [...input.graph.profilesPerTarget].sort((a, b) => a.targetId.localeCompare(b.targetId)),
      clusters: input.graph.clusters ?? [],
      overlaps: input.graph.overlaps ?? [],
      linkRates: input.graph.linkRates ?? [],
    },
    maturity: input.maturity,
    summary: summarize(results, targets),
  };
}

export function summarize(results: readonly RuleResult[], targets: readonly ReportTarget[]): ReportSummary {
  const byOutcome = Object.fromEntries(OUTCOMES.map((o) => [o, 0])) as Record<Outcome, number>;
  const failuresBySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  for (const r of results) {
    byOutcome[r.outcome]++;
    if (r.outcome === 'fail') failuresBySeverity[r.severity]++;
  }
  return { byOutcome, failuresBySeverity, complete: targets.every((t) => t.complete) };
}
