/**
 * Ordering, grouping and wording shared by the renderers, so that Markdown, HTML and SARIF list the
 * same things in the same order. Comparisons are by code unit, never `localeCompare`: the output must
 * not depend on the locale of the machine that renders it.
 */
import type { DatasetCoverage } from '../model/snapshot.js';
import { PROCESSES, SEVERITIES, type Outcome, type Process, type Severity } from '../model/outcome.js';
import { MATURITY_LEVELS, type MaturityVerdict, type ReportRule, type ScanReport } from '../model/report.js';
import type { Reference, RuleResult } from '../model/result.js';
import { formatSeconds } from '../format/duration.js';

export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Most severe first. */
export const SEVERITIES_DESC: readonly Severity[] = [...SEVERITIES].reverse();

/** What needs attention first: failures, warnings, what could not be decided, then the rest. */
export const OUTCOME_PRIORITY: readonly Outcome[] = ['fail', 'warn', 'unknown', 'info', 'pass', 'n/a'];

export const OUTCOME_LABELS: Record<Outcome, string> = {
  fail: 'Fail',
  warn: 'Warn',
  unknown: 'Unknown',
  info: 'Info',
  pass: 'Pass',
  'n/a': 'N/A',
};

export const SEVERITY_LABELS: Record<Severity, string> = {
  critical: 'Critical',
  high: 'High',
  medium: 'Medium',
  low: 'Low',
  info: 'Info',
};

/** Index of a value in a vocabulary; values a newer producer added sort last instead of first. */
function rank<T extends string>(list: readonly T[], value: T): number {
  const index = list.indexOf(value);
  return index < 0 ? list.length : index;
}

export function outcomeRank(outcome: Outcome): number {
  return rank(OUTCOME_PRIORITY, outcome);
}

export function severityRankDesc(severity: Severity): number {
  return rank(SEVERITIES_DESC, severity);
}

/** Rule, target, subject, then fingerprint: a total order even for duplicate subjects. */
export function compareByIdentity(a: RuleResult, b: RuleResult): number {
  return (
    compareStrings(a.ruleId, b.ruleId) ||
    compareStrings(a.targetId, b.targetId) ||
    compareStrings(a.subject, b.subject) ||
    compareStrings(a.fingerprint, b.fingerprint)
  );
}

/** Findings tables: outcome priority, then most severe, then identity. */
export function compareForTriage(a: RuleResult, b: RuleResult): number {
  return (
    outcomeRank(a.outcome) - outcomeRank(b.outcome) ||
    severityRankDesc(a.severity) - severityRankDesc(b.severity) ||
    compareByIdentity(a, b)
  );
}

export function sortedResults(results: readonly RuleResult[], compare: (a: RuleResult, b: RuleResult) => number): RuleResult[] {
  return [...results].sort(compare);
}

export function ruleMap(report: ScanReport): Map<string, ReportRule> {
  const map = new Map<string, ReportRule>();
  for (const rule of [...report.rules].sort((a, b) => compareStrings(a.id, b.id))) {
    if (!map.has(rule.id)) map.set(rule.id, rule);
  }
  return map;
}

/** Group by a key; groups come back in key order (or in the given order of keys). */
export function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return new Map([...groups.entries()].sort(([a], [b]) => compareStrings(a, b)));
}

export function countBy<T extends string>(values: readonly T[]): Map<T, number> {
  const counts = new Map<T, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return counts;
}

/** The references of a group of results: the rule's own first, then any a result added; no duplicates. */
export function referencesFor(rule: ReportRule | undefined, results: readonly RuleResult[]): Reference[] {
  const seen = new Set<string>();
  const out: Reference[] = [];
  for (const ref of [...(rule?.references ?? []), ...results.flatMap((r) => r.references)]) {
    const key = `${ref.spec}\u0000${ref.section ?? ''}\u0000${ref.url ?? ''}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(ref);
  }
  return out;
}

/** `RFC 9700 §2.1.1`. */
export function referenceLabel(ref: Reference): string {
  return ref.section ? `${ref.spec} §${ref.section}` : ref.spec;
}

/** JSON with object keys sorted at every depth: evidence reads the same whatever order a rule built it in. */
export function stableJson(value: unknown, indent?: number): string {
  return JSON.stringify(sortKeysDeep(value), null, indent) ?? 'null';
}

/** A copy with object keys sorted at every depth. */
export function sortKeysDeep(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeysDeep);
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => compareStrings(a, b));
    return Object.fromEntries(entries.map(([k, v]) => [k, sortKeysDeep(v)]));
  }
  return value;
}

export function maturityLevelName(level: number): string {
  return MATURITY_LEVELS.find((l) => l.level === level)?.name ?? `Level ${level}`;
}

/** `12 min 3 s`, or undefined when either time does not parse. Computed only from the report. */
export function formatDuration(startedAt: string, finishedAt: string): string | undefined {
  const start = Date.parse(startedAt);
  const end = Date.parse(finishedAt);
  if (!Number.isFinite(start) || !Number.isFinite(end) || end < start) return undefined;
  return formatSeconds((end - start) / 1000);
}

export function formatPercent(share: number): string {
  if (!Number.isFinite(share)) return '—';
  return `${Math.round(Math.min(1, Math.max(0, share)) * 100)} %`;
}

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0;
}

/** Records read versus the total, when the dataset is countable and the total is known. */
export function datasetRatio(dataset: DatasetCoverage): { records: number; total: number; share: number } | undefined {
  if (!isCount(dataset.records) || !isCount(dataset.total)) return undefined;
  const share = dataset.total === 0 ? 1 : Math.min(1, dataset.records / dataset.total);
  return { records: dataset.records, total: dataset.total, share };
}

/** `users: partial, 120/500 records, 3 pages (rate limited)`. */
export function datasetSummary(dataset: DatasetCoverage): string {
  const parts = [`${dataset.name}: ${dataset.state}`];
  const ratio = datasetRatio(dataset);
  if (ratio) parts.push(`${ratio.records}/${ratio.total} records`);
  else if (isCount(dataset.records)) parts.push(`${dataset.records} records`);
  if (isCount(dataset.pages)) parts.push(`${dataset.pages} pages`);
  const text = parts.join(', ');
  return dataset.reason ? `${text} (${dataset.reason})` : text;
}

export function sortedDatasets(datasets: readonly DatasetCoverage[]): DatasetCoverage[] {
  return [...datasets].sort((a, b) => compareStrings(a.name, b.name) || compareStrings(a.state, b.state));
}

/** Outcome counts in priority order, from the summary when present, recounted otherwise. */
export function outcomeCounts(report: ScanReport): Array<{ outcome: Outcome; count: number }> {
  const recounted = countBy(report.results.map((r) => r.outcome));
  return OUTCOME_PRIORITY.map((outcome) => {
    const fromSummary = report.summary.byOutcome[outcome];
    return { outcome, count: isCount(fromSummary) ? fromSummary : (recounted.get(outcome) ?? 0) };
  });
}

/** Failure counts, most severe first. */
export function failureCounts(report: ScanReport): Array<{ severity: Severity; count: number }> {
  const recounted = countBy(report.results.filter((r) => r.outcome === 'fail').map((r) => r.severity));
  return SEVERITIES_DESC.map((severity) => {
    const fromSummary = report.summary.failuresBySeverity[severity];
    return { severity, count: isCount(fromSummary) ? fromSummary : (recounted.get(severity) ?? 0) };
  });
}

/**
 * The processes of the CMM ladder in the model's order. Every known process is listed (a missing
 * verdict shows as "not assessed"), plus any process a newer producer added, after them.
 */
export function processVerdicts(
  report: ScanReport,
): Array<{ process: Process; verdict: MaturityVerdict | undefined }> {
  const processes = report.maturity.processes as Partial<Record<Process, MaturityVerdict>>;
  const extra = (Object.keys(processes) as Process[]).filter((p) => !PROCESSES.includes(p)).sort(compareStrings);
  return [...PROCESSES, ...extra].map((process) => ({ process, verdict: processes[process] }));
}
