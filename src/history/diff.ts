import type { Outcome, Severity } from '../model/outcome.js';
import { severityRank } from '../model/outcome.js';
import type { ScanReport } from '../model/report.js';
import type { RuleResult } from '../model/result.js';

export interface DiffEntry {
  fingerprint: string;
  ruleId: string;
  targetId: string;
  subject: string;
  severity: Severity;
  before?: Outcome;
  after?: Outcome;
  message: string;
}

export interface ReportDiff {
  from: { startedAt: string; version: string };
  to: { startedAt: string; version: string };
  /** Findings (fail/warn) that did not exist or were not findings before. */
  introduced: DiffEntry[];
  /** Findings that are gone or now pass. */
  resolved: DiffEntry[];
  /** Other outcome changes (e.g. fail → warn, pass → unknown). */
  changed: DiffEntry[];
  maturity: { before: number; after: number; beforeName: string; afterName: string };
  targets: Array<{ id: string; change: 'added' | 'removed' | 'became-incomplete' | 'became-complete' }>;
  /**
   * Duplicate clusters by keyed fingerprint (stable while the cluster's anchor record exists and the
   * same CIAMSCAN_PSEUDONYM_KEY is used): new, grown, shrunk, resolved. Only clusters listed in both
   * reports can be compared; `comparable` says when the keys or the lists do not allow it.
   */
  clusters: { comparable: boolean; reason?: string; new: number; grew: number; shrank: number; resolved: number; unchanged: number };
}

const FINDING: ReadonlySet<Outcome> = new Set(['fail', 'warn']);

/** Compare two reports by result fingerprint (rule, target, subject). Pure and deterministic. */
export function diffReports(before: ScanReport, after: ScanReport): ReportDiff {
  const old = new Map(before.results.map((r) => [r.fingerprint, r]));
  const cur = new Map(after.results.map((r) => [r.fingerprint, r]));
  const introduced: DiffEntry[] = [];
  const resolved: DiffEntry[] = [];
  const changed: DiffEntry[] = [];
  for (const [fp, r] of cur) {
    const prev = old.get(fp);
    if (FINDING.has(r.outcome) && (!prev || !FINDING.has(prev.outcome))) introduced.push(entry(r, prev?.outcome, r.outcome));
    else if (prev && prev.outcome !== r.outcome) {
      if (FINDING.has(prev.outcome) && !FINDING.has(r.outcome)) resolved.push(entry(r, prev.outcome, r.outcome));
      else changed.push(entry(r, prev.outcome, r.outcome));
    }
  }
  for (const [fp, prev] of old) {
    if (!cur.has(fp) && FINDING.has(prev.outcome)) resolved.push(entry(prev, prev.outcome, undefined));
  }
  const targets: ReportDiff['targets'] = [];
  const oldTargets = new Map(before.targets.map((t) => [t.id, t]));
  const newTargets = new Map(after.targets.map((t) => [t.id, t]));
  for (const [id, t] of newTargets) {
    const prev = oldTargets.get(id);
    if (!prev) targets.push({ id, change: 'added' });
    else if (prev.complete && !t.complete) targets.push({ id, change: 'became-incomplete' });
    else if (!prev.complete && t.complete) targets.push({ id, change: 'became-complete' });
  }
  for (const id of oldTargets.keys()) if (!newTargets.has(id)) targets.push({ id, change: 'removed' });
  const sort = (list: DiffEntry[]) =>
    list.sort((a, b) => severityRank(b.severity) - severityRank(a.severity) || a.ruleId.localeCompare(b.ruleId) || a.targetId.localeCompare(b.targetId) || a.subject.localeCompare(b.subject));
  return {
    from: { startedAt: before.startedAt, version: before.tool.version },
    to: { startedAt: after.startedAt, version: after.tool.version },
    introduced: sort(introduced),
    resolved: sort(resolved),
    changed: sort(changed),
    maturity: {
      before: before.maturity.overall.level,
      after: after.maturity.overall.level,
      beforeName: before.maturity.overall.name,
      afterName: after.maturity.overall.name,
    },
    targets: targets.sort((a, b) => a.id.localeCompare(b.id)),
    clusters: diffClusters(before, after),
  };
}

function diffClusters(before: ScanReport, after: ScanReport): ReportDiff['clusters'] {
  const out: ReportDiff['clusters'] = { comparable: true, new: 0, grew: 0, shrank: 0, resolved: 0, unchanged: 0 };
  const a = before.identity;
  const b = after.identity;
  if (!a.built || !b.built) return { ...out, comparable: false, reason: 'one of the reports has no identity graph' };
  if (a.resolution?.pseudonymKey !== 'configured' || b.resolution?.pseudonymKey !== 'configured') {
    return { ...out, comparable: false, reason: 'fingerprints are only stable with CIAMSCAN_PSEUDONYM_KEY set for both scans' };
  }
  const old = new Map(a.clusters.map((c) => [c.fingerprint, c.size]));
  const cur = new Map(b.clusters.map((c) => [c.fingerprint, c.size]));
  for (const [fp, size] of cur) {
    const prev = old.get(fp);
    if (prev === undefined) out.new++;
    else if (size > prev) out.grew++;
    else if (size < prev) out.shrank++;
    else out.unchanged++;
  }
  for (const fp of old.keys()) if (!cur.has(fp)) out.resolved++;
  const truncated = (a.clusterCount ?? a.clusters.length) > a.clusters.length || (b.clusterCount ?? b.clusters.length) > b.clusters.length;
  if (truncated) out.reason = 'only the clusters listed in the reports were compared (raise identity.maxClusters to compare all)';
  return out;
}

function entry(r: RuleResult, before: Outcome | undefined, after: Outcome | undefined): DiffEntry {
  return {
    fingerprint: r.fingerprint,
    ruleId: r.ruleId,
    targetId: r.targetId,
    subject: r.subject,
    severity: r.severity,
    ...(before ? { before } : {}),
    ...(after ? { after } : {}),
    message: r.message,
  };
}

/** Whether the diff introduces failures at or above the threshold (the CI regression gate). */
export function diffRegresses(diff: ReportDiff, failOn: Severity | undefined): boolean {
  if (diff.maturity.after < diff.maturity.before) return true;
  if (!failOn) return false;
  return diff.introduced.some((e) => e.after === 'fail' && severityRank(e.severity) >= severityRank(failOn));
}

export function renderDiffMarkdown(diff: ReportDiff): string {
  const lines = [
    `# ciamscan diff`,
    '',
    `From ${diff.from.startedAt} (ciamscan ${diff.from.version}) to ${diff.to.startedAt} (ciamscan ${diff.to.version}).`,
    '',
    `Maturity: level ${diff.maturity.before} (${diff.maturity.beforeName}) → level ${diff.maturity.after} (${diff.maturity.afterName}).`,
    '',
  ];
  const section = (title: string, list: DiffEntry[]) => {
    lines.push(`## ${title} (${list.length})`, '');
    if (!list.length) lines.push('None.', '');
    else {
      for (const e of list) lines.push(`- **${e.ruleId}** ${e.severity} on \`${e.targetId}\` (${e.subject.replace(/`/g, "'")}): ${e.before ?? 'absent'} → ${e.after ?? 'absent'} — ${e.message.replace(/\n/g, ' ')}`);
      lines.push('');
    }
  };
  section('Introduced findings', diff.introduced);
  section('Resolved findings', diff.resolved);
  section('Other changes', diff.changed);
  const c = diff.clusters;
  lines.push('## Duplicate clusters', '');
  lines.push(c.comparable ? `New ${c.new}, grown ${c.grew}, shrunk ${c.shrank}, resolved ${c.resolved}, unchanged ${c.unchanged}.${c.reason ? ` (${c.reason})` : ''}` : `Not comparable: ${c.reason ?? ''}.`, '');
  if (diff.targets.length) {
    lines.push('## Targets', '');
    for (const t of diff.targets) lines.push(`- \`${t.id}\`: ${t.change}`);
    lines.push('');
  }
  return lines.join('\n');
}
