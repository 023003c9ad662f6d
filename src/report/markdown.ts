/**
 * The Markdown report (GitHub-flavoured): a reviewable summary for a pull request, a ticket or a
 * wiki page. Failures and warnings get one row each; what passed is counted per rule, so the report
 * stays readable for hundreds of subjects. Every value from the report goes through `escapeMarkdown`
 * (prose) or `markdownCode` (identifiers, URLs, JSON), because it may come from a scanned system.
 */
import type { EvidenceRef, MaturityVerdict, ReportRule, ReportTarget, ScanReport } from '../model/report.js';
import type { Reference, RuleResult } from '../model/result.js';
import type { ScanError } from '../model/errors.js';
import type { Severity } from '../model/outcome.js';
import { escapeMarkdown, isSafeLinkUrl, markdownCode, truncate } from './escape.js';
import {
  OUTCOME_LABELS,
  SEVERITY_LABELS,
  SEVERITIES_DESC,
  compareByIdentity,
  compareStrings,
  countBy,
  datasetSummary,
  failureCounts,
  formatDuration,
  formatPercent,
  groupBy,
  outcomeCounts,
  outcomeRank,
  processVerdicts,
  referenceLabel,
  referencesFor,
  ruleMap,
  sortedDatasets,
  stableJson,
} from './shared.js';

/** Evidence is shown compactly in a table cell; the full object is in report.json. */
const EVIDENCE_MAX_CHARS = 240;

const text = escapeMarkdown;
const codeCell = (value: unknown): string => markdownCode(value, true);
const code = (value: unknown): string => markdownCode(value, false);

/** A table cell of prose; an empty value shows as a dash so the column does not collapse. */
function cell(value: string | number | undefined): string {
  const s = value === undefined ? '' : String(value);
  return s.length === 0 ? '—' : text(s);
}

function table(headers: readonly string[], rows: readonly (readonly string[])[], align?: readonly ('l' | 'r')[]): string[] {
  const rule = headers.map((_h, i) => (align?.[i] === 'r' ? '---:' : '---'));
  return [`| ${headers.join(' | ')} |`, `| ${rule.join(' | ')} |`, ...rows.map((row) => `| ${row.join(' | ')} |`)];
}

function evidenceCell(evidence: Record<string, unknown>): string {
  if (Object.keys(evidence).length === 0) return '—';
  return codeCell(truncate(stableJson(evidence), EVIDENCE_MAX_CHARS));
}

function referenceText(ref: Reference): string {
  const label = text(referenceLabel(ref));
  // Angle-bracket destinations cannot be broken out of; isSafeLinkUrl already rejects `<`, `>`,
  // spaces and anything but http(s).
  return isSafeLinkUrl(ref.url) ? `[${label}](<${ref.url}>)` : label;
}

function header(report: ScanReport): string[] {
  const duration = formatDuration(report.startedAt, report.finishedAt);
  const settings = [`profile ${code(report.settings.profile)}`];
  if (report.settings.failOn) settings.push(`fail on ${code(report.settings.failOn)} and above`);
  return [
    '# ciamscan report',
    '',
    `**${text(report.tool.name)} ${text(report.tool.version)}** · report schema ${text(report.schemaVersion)} · ${settings.join(' · ')}`,
    '',
    `Started ${text(report.startedAt)} · finished ${text(report.finishedAt)}${duration ? ` · took ${text(duration)}` : ''}`,
  ];
}

function summary(report: ScanReport): string[] {
  const outcomes = outcomeCounts(report);
  const total = outcomes.reduce((sum, o) => sum + o.count, 0);
  const incomplete = report.targets.filter((t) => !t.complete).map((t) => t.id).sort(compareStrings);
  const completeness = report.summary.complete
    ? `**Complete:** every target (${report.targets.length}) was fully read.`
    : `**Incomplete:** ${incomplete.length} of ${report.targets.length} targets could not be fully read${
        incomplete.length > 0 ? ` (${incomplete.map(code).join(', ')})` : ''
      }. Results that depend on what was not read are \`unknown\`, never pass or fail.`;
  return [
    '## Summary',
    '',
    ...table(
      ['Outcome', 'Results'],
      [...outcomes.map((o) => [OUTCOME_LABELS[o.outcome], String(o.count)]), ['**Total**', `**${total}**`]],
      ['l', 'r'],
    ),
    '',
    ...table(
      ['Severity', 'Failures'],
      failureCounts(report).map((f) => [SEVERITY_LABELS[f.severity], String(f.count)]),
      ['l', 'r'],
    ),
    '',
    completeness,
  ];
}

function evidenceRefTable(refs: readonly EvidenceRef[]): string[] {
  const sorted = [...refs].sort(
    (a, b) =>
      a.level - b.level ||
      compareStrings(a.ruleId, b.ruleId) ||
      compareStrings(a.targetId, b.targetId) ||
      compareStrings(a.subject, b.subject) ||
      compareStrings(a.fingerprint, b.fingerprint),
  );
  return table(
    ['Level', 'Rule', 'Target', 'Subject', 'Outcome', 'Role'],
    sorted.map((r) => [String(r.level), codeCell(r.ruleId), codeCell(r.targetId), codeCell(r.subject), cell(r.outcome), cell(r.role)]),
    ['r', 'l', 'l', 'l', 'l', 'l'],
  );
}

function verdictLine(verdict: MaturityVerdict): string {
  return `**Level ${verdict.level} — ${text(verdict.name)}** · confidence **${text(verdict.confidence)}** · ${formatPercent(
    verdict.observedShare,
  )} of the cited evidence observed`;
}

function maturity(report: ScanReport): string[] {
  const m = report.maturity;
  const overall = m.overall;
  const out = [
    '## Maturity',
    '',
    verdictLine(overall),
    '',
    `Model: ${text(m.model.name)} ${text(m.model.version)}. The level is the highest one the evidence supports, not a certification.`,
    '',
    `> ${text(overall.statement)}`,
    '',
    `### Supports (${overall.supports.length})`,
    '',
    ...(overall.supports.length > 0 ? evidenceRefTable(overall.supports) : ['No cited evidence supports a level.']),
    '',
    `### Contradicts (${overall.contradicts.length})`,
    '',
    ...(overall.contradicts.length > 0 ? evidenceRefTable(overall.contradicts) : ['No cited evidence contradicts the level.']),
    '',
    `### Blockers (${overall.blockers.length})`,
    '',
  ];
  const blockers = [...overall.blockers].sort(
    (a, b) => a.level - b.level || compareStrings(a.kind, b.kind) || compareStrings(a.detail, b.detail),
  );
  if (blockers.length === 0) out.push('Nothing blocks the next level.');
  for (const b of blockers) {
    const rules = [...b.ruleIds].sort(compareStrings).map(code).join(', ');
    out.push(`- Level ${b.level}, ${text(b.kind)}${rules ? ` (${rules})` : ''}: ${text(b.detail)}`);
  }
  out.push('', `### Not observed (${overall.notObserved.length})`, '');
  if (overall.notObserved.length === 0) out.push('Every rule the level depends on could be answered.');
  else out.push([...overall.notObserved].sort(compareStrings).map(code).join(', '));

  out.push('', '### Per process', '');
  out.push(
    ...table(
      ['Process', 'Level', 'Name', 'Confidence', 'Observed', 'Blockers', 'Statement'],
      processVerdicts(report).map(({ process, verdict }) =>
        verdict
          ? [
              text(process),
              String(verdict.level),
              cell(verdict.name),
              cell(verdict.confidence),
              formatPercent(verdict.observedShare),
              String(verdict.blockers.length),
              cell(verdict.statement),
            ]
          : [text(process), '—', 'not assessed', '—', '—', '—', '—'],
      ),
      ['l', 'r', 'l', 'l', 'r', 'r', 'l'],
    ),
  );
  out.push('', '### For attestation', '');
  out.push('A scan cannot observe these; they are listed for a person to attest, never guessed.', '');
  if (m.attestation.length === 0) out.push('Nothing listed.');
  for (const item of [...m.attestation].sort(compareStrings)) out.push(`- ${text(item)}`);
  return out;
}

function coverageCell(target: ReportTarget): string {
  const c = target.coverage;
  const lines = sortedDatasets(c.datasets).map((d) => text(datasetSummary(d)));
  lines.push(`${c.requests} requests, ${c.retries} retries, ${c.throttled} throttled`);
  if (c.missingPermissions.length > 0) {
    lines.push(`missing permissions: ${[...c.missingPermissions].sort(compareStrings).map(codeCell).join(', ')}`);
  }
  return lines.join('<br>');
}

function errorRows(errors: readonly ScanError[]): string[][] {
  return sortedErrors(errors).map((e) => [
    codeCell(e.code),
    cell(e.message),
    e.endpoint ? codeCell(e.endpoint) : '—',
    e.status === undefined ? '—' : text(e.status),
    e.retryable ? 'yes' : 'no',
    cell(e.remediation),
  ]);
}

function sortedErrors(errors: readonly ScanError[]): ScanError[] {
  return [...errors].sort(
    (a, b) =>
      compareStrings(a.code, b.code) || compareStrings(a.endpoint ?? '', b.endpoint ?? '') || compareStrings(a.message, b.message),
  );
}

function targets(report: ScanReport): string[] {
  const sorted = [...report.targets].sort((a, b) => compareStrings(a.id, b.id));
  const out = ['## Targets', ''];
  if (sorted.length === 0) return [...out, 'No targets were scanned.'];
  out.push(
    ...table(
      ['ID', 'Type', 'Kind', 'Product', 'Location', 'Complete', 'Coverage', 'Errors'],
      sorted.map((t) => [
        codeCell(t.id),
        cell(t.type),
        cell(t.kind),
        cell(t.product),
        t.location ? codeCell(t.location) : '—',
        t.complete ? 'yes' : '**no**',
        coverageCell(t),
        t.errors.length === 0
          ? '0'
          : `${t.errors.length} (${[...new Set(t.errors.map((e) => e.code))].sort(compareStrings).map(codeCell).join(', ')})`,
      ]),
    ),
  );
  for (const t of sorted.filter((x) => x.errors.length > 0)) {
    out.push(
      '',
      `### Errors on ${code(t.id)} (${t.errors.length})`,
      '',
      ...table(['Code', 'Message', 'Endpoint', 'Status', 'Retryable', 'Remediation'], errorRows(t.errors)),
    );
  }
  return out;
}

function ruleHeading(ruleId: string, rule: ReportRule | undefined): string {
  return rule ? `${code(ruleId)} — ${text(rule.title)}` : code(ruleId);
}

function ruleFooter(rule: ReportRule | undefined, results: readonly RuleResult[]): string[] {
  const out: string[] = [];
  if (rule?.remediation) out.push(`**Remediation:** ${text(rule.remediation)}`, '');
  const refs = referencesFor(rule, results);
  if (refs.length > 0) out.push(`**References:** ${refs.map(referenceText).join(' · ')}`, '');
  return out;
}

function problems(report: ScanReport, rules: Map<string, ReportRule>): string[] {
  const out = ['### Failures and warnings', ''];
  const flagged = report.results.filter((r) => r.outcome === 'fail' || r.outcome === 'warn');
  if (flagged.length === 0) return [...out, 'No failures or warnings.', ''];
  const bySeverity = groupBy(flagged, (r) => r.severity);
  for (const severity of orderedSeverities(bySeverity)) {
    const group = bySeverity.get(severity) ?? [];
    const counts = countBy(group.map((r) => r.outcome));
    out.push(
      `#### ${text(SEVERITY_LABELS[severity] ?? severity)} (${counts.get('fail') ?? 0} fail, ${counts.get('warn') ?? 0} warn)`,
      '',
    );
    for (const [ruleId, results] of groupBy(group, (r) => r.ruleId)) {
      const rule = rules.get(ruleId);
      const sorted = [...results].sort((a, b) => outcomeRank(a.outcome) - outcomeRank(b.outcome) || compareByIdentity(a, b));
      out.push(`##### ${ruleHeading(ruleId, rule)}`, '');
      if (rule) {
        out.push(
          `Rule severity ${text(rule.severity)} · process ${text(rule.process)} · area ${text(rule.area)} · tier ${text(rule.tier)}`,
          '',
        );
      }
      out.push(
        ...table(
          ['Outcome', 'Target', 'Subject', 'Message', 'Evidence', 'Fingerprint'],
          sorted.map((r) => [
            `**${OUTCOME_LABELS[r.outcome] ?? text(r.outcome)}**`,
            codeCell(r.targetId),
            codeCell(r.subject),
            cell(r.message),
            evidenceCell(r.evidence),
            codeCell(r.fingerprint),
          ]),
        ),
        '',
        ...ruleFooter(rule, sorted),
      );
    }
  }
  return out;
}

/** Known severities most severe first; an unknown one from a newer producer after them. */
function orderedSeverities(groups: Map<string, unknown>): Severity[] {
  const known = SEVERITIES_DESC.filter((s) => groups.has(s));
  const extra = [...groups.keys()].filter((k) => !SEVERITIES_DESC.includes(k as Severity)).sort(compareStrings);
  return [...known, ...(extra as Severity[])];
}

function unknowns(report: ScanReport, rules: Map<string, ReportRule>): string[] {
  const out = ['### Not decided (unknown)', ''];
  const results = report.results.filter((r) => r.outcome === 'unknown').sort(compareByIdentity);
  if (results.length === 0) return [...out, 'Every rule could decide for every subject.', ''];
  out.push('An `unknown` is not a failure: the evidence could not be observed. It lowers the confidence of the maturity verdict.', '');
  out.push(
    ...table(
      ['Rule', 'Target', 'Subject', 'Reason', 'Detail', 'What to do'],
      results.map((r) => {
        const reason = r.unknownReason;
        const kind = reason ? `${reason.kind}${reason.permission ? ` (${reason.permission})` : ''}` : 'not given';
        const remedy = reason?.remediation ?? reason?.error?.remediation ?? rules.get(r.ruleId)?.remediation;
        return [codeCell(r.ruleId), codeCell(r.targetId), codeCell(r.subject), cell(kind), cell(reason?.detail ?? r.message), cell(remedy)];
      }),
    ),
    '',
  );
  return out;
}

function passed(report: ScanReport, rules: Map<string, ReportRule>): string[] {
  const out = ['### Passed, informational and not applicable', ''];
  const results = report.results.filter((r) => r.outcome === 'pass' || r.outcome === 'info' || r.outcome === 'n/a');
  if (results.length === 0) return [...out, 'None.', ''];
  const rows = [...groupBy(results, (r) => r.ruleId)].map(([ruleId, group]) => {
    const counts = countBy(group.map((r) => r.outcome));
    const targetIds = [...new Set(group.map((r) => r.targetId))].sort(compareStrings);
    return [
      codeCell(ruleId),
      cell(rules.get(ruleId)?.title),
      String(counts.get('pass') ?? 0),
      String(counts.get('info') ?? 0),
      String(counts.get('n/a') ?? 0),
      targetIds.map(codeCell).join(', '),
    ];
  });
  out.push(...table(['Rule', 'Title', 'Pass', 'Info', 'N/A', 'Targets'], rows, ['l', 'l', 'r', 'r', 'r', 'l']), '');
  return out;
}

function findings(report: ScanReport): string[] {
  const rules = ruleMap(report);
  return [
    '## Findings',
    '',
    `${report.results.length} results from ${rules.size} rules.`,
    '',
    ...problems(report, rules),
    ...unknowns(report, rules),
    ...passed(report, rules),
  ];
}

function identity(report: ScanReport): string[] {
  const id = report.identity;
  const out = ['## Identity', ''];
  const counts = [...id.profilesPerTarget].sort((a, b) => compareStrings(a.targetId, b.targetId));
  if (counts.length === 0) out.push('No customer profiles were read.');
  else out.push(...table(['Target', 'Profiles'], counts.map((c) => [codeCell(c.targetId), text(c.profiles)]), ['l', 'r']));
  out.push(
    '',
    `Duplicate clusters: ${id.clusters?.length ?? 0} · overlaps: ${id.overlaps?.length ?? 0} · link rates: ${id.linkRates?.length ?? 0} (details in report.json).`,
  );
  return out;
}

export function renderMarkdown(report: ScanReport): string {
  const sections = [
    header(report),
    summary(report),
    maturity(report),
    targets(report),
    findings(report),
    identity(report),
    [`---`, '', `*Rendered by ${text(report.tool.name)} ${text(report.tool.version)} from the canonical report (report.json).*`],
  ];
  // Collapse the blank lines that sections leave at their ends, so spacing is uniform.
  return `${sections
    .map((lines) => lines.join('\n').replace(/\n{3,}/g, '\n\n').trim())
    .join('\n\n')}\n`;
}
