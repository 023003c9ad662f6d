/**
 * The Markdown report (GitHub-flavoured): a reviewable summary for a pull request, a ticket or a
 * wiki page. Failures and warnings get one row each; what passed is counted per rule, so the report
 * stays readable for hundreds of subjects. Every value from the report goes through `escapeMarkdown`
 * (prose) or `markdownCode` (identifiers, URLs, JSON), because it may come from a scanned system.
 */
import { formatSeconds } from '../format/duration.js';
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
import {
  KIND_LABELS,
  MARKDOWN_CLUSTER_LIMIT,
  clusterExamples,
  compareAges,
  connectionVerdict,
  count,
  edgeLabel,
  formatCount,
  formatMean,
  formatNumber,
  formatShare,
  identityView,
  peopleText,
  ratio,
  sortedSizes,
  type IdentityView,
} from './identity-view.js';

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

/** `customer-idp` ↔ `legacy-shop`. */
function pairCell(a: string, b: string): string {
  return `${codeCell(a)} ↔ ${codeCell(b)}`;
}

/** `3 (45 %)`: a count and its share of a whole. */
function countShare(part: number, whole: number): string {
  const share = ratio(part, whole);
  return share === undefined ? formatCount(part) : `${formatCount(part)} (${formatShare(share)})`;
}

function reasonList(reasons: readonly { reason: string; count: number }[], limit: number): string {
  if (reasons.length === 0) return '—';
  const shown = reasons.slice(0, limit).map((r) => `${codeCell(r.reason)} ${formatCount(r.count)}`);
  if (reasons.length > limit) shown.push(`+${reasons.length - limit} more`);
  return shown.join(', ');
}

const SILO_MARK = '⚠ silo';

function overlapMatrix(view: IdentityView): string[] {
  const ids = view.systems.map((s) => s.targetId);
  const pair = new Map(view.pairs.map((p) => [`${p.a}\u0000${p.b}`, p]));
  const people = new Map(view.systems.map((s) => [s.targetId, s.people]));
  const rows = ids.map((row) => [
    `**${codeCell(row)}**`,
    ...ids.map((col) => {
      if (row === col) {
        const n = people.get(row);
        return n === undefined ? '—' : `*${formatCount(n)} people*`;
      }
      const [a, b] = compareStrings(row, col) < 0 ? [row, col] : [col, row];
      const p = pair.get(`${a}\u0000${b}`);
      if (!p) return '—';
      const cell = `${formatCount(p.shared)} (${formatShare(p.share)})`;
      return p.state === 'silo' ? `**${cell} ${SILO_MARK}**` : cell;
    }),
  ]);
  return table(['People shared', ...ids.map(codeCell)], rows, ['l', ...ids.map(() => 'r' as const)]);
}

function identityBuilt(view: IdentityView): string[] {
  const t = view.totals;
  const verdict = connectionVerdict(t);
  const out: string[] = [];
  out.push(`**${text(verdict.title)}:** ${text(verdict.text)}`, '');
  const facts = [
    `**${peopleText(t.people)}** distinct people`,
    `**${formatCount(t.profiles)}** profiles in ${t.systems} ${t.systems === 1 ? 'system' : 'systems'}`,
  ];
  if (t.duplicateShare !== undefined) facts.push(`**${formatShare(t.duplicateShare)}** of profiles are duplicates within their system`);
  facts.push(`**${t.silos}** ${t.silos === 1 ? 'silo' : 'silos'}`, `${formatCount(view.clusterCount)} multi-profile clusters`);
  out.push(`${facts.join(' · ')}.`);
  if (t.people && t.people.low !== t.people.high) {
    out.push('', 'The report counts people per system and per pair of systems, so the number of distinct people across three or more systems is given as bounds.');
  }

  out.push('', '### Systems analysed', '');
  out.push(
    ...table(
      ['System', 'Kind', 'Profiles', 'People', 'Without identifiers'],
      view.systems.map((s) => [
        codeCell(s.targetId),
        s.kind ? text(KIND_LABELS[s.kind] ?? s.kind) : '—',
        formatCount(s.profiles),
        s.people === undefined ? '—' : formatCount(s.people),
        s.withoutIdentifiers === undefined ? '—' : formatCount(s.withoutIdentifiers),
      ]),
      ['l', 'l', 'r', 'r', 'r'],
    ),
  );

  out.push('', '### Duplicates within a system', '');
  if (view.duplicates.length === 0) out.push('No duplicate statistics were reported.');
  else {
    out.push(
      ...table(
        ['System', 'Duplicate share', 'Clusters', 'Profiles in clusters', 'Cluster sizes', 'Top match reasons'],
        view.duplicates.map((d) => [
          codeCell(d.targetId),
          formatShare(d.share),
          formatCount(d.clusters),
          formatCount(d.profilesInClusters),
          sortedSizes(d.sizes).map(([size, n]) => `${text(size)}: ${formatCount(n)}`).join(' · ') || '—',
          reasonList(d.topReasons, 5),
        ]),
        ['l', 'r', 'r', 'r', 'l', 'l'],
      ),
    );
  }
  const social = view.social.filter((s) => count(s.federatedAccounts) > 0 || count(s.pairs) > 0);
  if (social.length > 0) {
    out.push(
      '',
      'A local (password) account and a social-login account of the same person, kept as two records:',
      '',
      ...table(
        ['System', 'Federated accounts', 'Local + federated pairs', 'Share of federated'],
        social.map((s) => [codeCell(s.targetId), formatCount(s.federatedAccounts), formatCount(s.pairs), formatShare(s.share)]),
        ['l', 'r', 'r', 'r'],
      ),
    );
  }

  out.push('', '### Overlap between systems', '');
  if (view.systems.length < 2) out.push('Only one system holds profiles.');
  else {
    out.push(
      'People present in both systems, and their share of the smaller system\'s people. **⚠ silo**: the two systems share customers and nothing joins them (no federation, provisioning or stored key).',
      '',
      ...overlapMatrix(view),
    );
  }
  if (view.pairs.length > 0) {
    out.push('', '#### What joins the systems', '');
    out.push(
      ...table(
        ['Systems', 'Shared people', 'Share of smaller', 'Joined by', 'Evidence'],
        view.pairs.map((p) => [
          pairCell(p.a, p.b),
          formatCount(p.shared),
          formatShare(p.share),
          p.state === 'silo' ? `**${SILO_MARK}: nothing**` : p.edges.length === 0 ? 'nothing (no shared people)' : [...new Set(p.edges.map((e) => edgeLabel(e.kind)))].map(text).join(', '),
          p.edges.length === 0 ? '—' : p.edges.map((e) => `${codeCell(e.from)}: ${text(e.detail)}`).join('<br>'),
        ]),
        ['l', 'r', 'r', 'l', 'l'],
      ),
    );
  }

  out.push('', '### CRM link rates', '');
  if (view.linkRates.length === 0) out.push('No CRM was scanned.');
  else {
    out.push(
      'Customer contacts (leads excluded) linked to an identity by a stored key, the same person by matching only, or not linked at all; and how many active identities have a contact in the CRM.',
      '',
      ...table(
        ['CRM', 'Customer contacts', 'Explicit key', 'Match only', 'Unlinked', 'Identities in the CRM'],
        view.linkRates.map((r) => {
          const contacts = count(r.customerContacts);
          return [
            codeCell(r.crmTargetId),
            formatCount(contacts),
            countShare(count(r.linkedExplicit), contacts),
            countShare(count(r.linkedMatchOnly), contacts),
            countShare(count(r.unlinked), contacts),
            `${countShare(count(r.identitiesInCrm), count(r.identities)).replace(/ \(/, ` of ${formatCount(r.identities)} (`)}`,
          ];
        }),
        ['l', 'r', 'r', 'r', 'r', 'r'],
      ),
    );
  }

  if (view.drift.length > 0) {
    out.push('', '### Lifecycle drift', '');
    out.push(
      ...table(
        ['CRM', 'Linked pairs', 'Identity disabled, contact still active', 'Keys that resolve to no identity'],
        view.drift.map((d) => [codeCell(d.crmTargetId), formatCount(d.linkedPairs), countShare(count(d.disabledButActive), count(d.linkedPairs)), formatCount(d.danglingKeys)]),
        ['l', 'r', 'r', 'r'],
      ),
    );
  }
  if (view.consent.length > 0) {
    out.push('', '### Marketing consent', '');
    out.push(
      ...table(
        ['CRM', 'Linked pairs', 'Consent stated on both sides', 'Disagree (opted out on one side, marketable on the other)'],
        view.consent.map((c) => [codeCell(c.crmTargetId), formatCount(c.linkedPairs), formatCount(c.bothKnown), countShare(count(c.disagree), count(c.bothKnown))]),
        ['l', 'r', 'r', 'r'],
      ),
    );
  }
  if (view.freshness.length > 0) {
    out.push('', '### Sync freshness (contacts linked by a stored key)', '');
    out.push(
      ...table(
        ['CRM', 'Pairs', 'Agree', 'Email differs', 'Family name differs', 'Consent differs', 'Identity changed later', 'Waiting (p95)'],
        view.freshness.map((f) => [
          codeCell(f.crmTargetId),
          formatCount(f.pairs),
          countShare(count(f.agree), count(f.pairs)),
          formatCount(f.disagreeBy.email),
          formatCount(f.disagreeBy.family),
          formatCount(f.disagreeBy.consent),
          formatCount(f.stale),
          f.p95LagSeconds === undefined ? '—' : formatSeconds(f.p95LagSeconds),
        ]),
        ['l', 'r', 'r', 'r', 'r', 'r', 'r', 'r'],
      ),
    );
  }
  out.push('', '### Email collisions', '');
  if (view.collisions.length === 0) out.push('No email is verified in one system and unverified in another.');
  else {
    out.push(
      'The same normalised email, verified in one system and unverified in the other: whoever registered the unverified account may take over the verified one where systems link by email.',
      '',
      ...table(
        ['Verified in', 'Unverified in', 'Emails'],
        view.collisions.map((c) => [codeCell(c.verifiedIn), codeCell(c.unverifiedIn), formatCount(c.count)]),
        ['l', 'l', 'r'],
      ),
    );
  }

  if (view.completeness.length > 0) {
    const ages = [...new Set(view.completeness.flatMap((c) => c.buckets.map((b) => b.age)))].sort(compareAges);
    out.push('', '### Profile completeness by account age', '');
    out.push(
      'Mean number of filled identifying attributes per profile (profiles in the bucket in brackets).',
      '',
      ...table(
        ['System', ...ages.map(text)],
        view.completeness.map((c) => [
          codeCell(c.targetId),
          ...ages.map((age) => {
            const b = c.buckets.find((x) => x.age === age);
            return b ? `${formatMean(b.meanFilled)} (${formatCount(b.profiles)})` : '—';
          }),
        ]),
        ['l', ...ages.map(() => 'r' as const)],
      ),
    );
  }

  out.push(...clusterTable(view));
  out.push(...resolutionSummary(view));
  return out;
}

function clusterTable(view: IdentityView): string[] {
  const listed = view.clusters.length;
  const shown = view.clusters.slice(0, MARKDOWN_CLUSTER_LIMIT);
  const out = ['', `### Largest clusters (${shown.length} of ${formatCount(view.clusterCount)})`, ''];
  if (shown.length === 0) return [...out, 'No person has more than one profile.'];
  out.push('One person\'s profiles across and within systems. Members are `system:pseudonym` (a keyed hash of the record id); examples are masked.', '');
  out.push(
    ...table(
      ['Fingerprint', 'Size', 'Members', 'Example', 'Match reasons'],
      shown.map((c) => [
        codeCell(c.fingerprint),
        formatCount(c.size),
        c.members.map((m) => codeCell(`${m.targetId}:${m.pseudonym}`)).join('<br>') || '—',
        clusterExamples(c).map(codeCell).join('<br>') || '—',
        reasonList(c.reasons, 8),
      ]),
      ['l', 'r', 'l', 'l', 'l'],
    ),
  );
  const notShown: string[] = [];
  if (listed > shown.length) notShown.push(`${formatCount(listed - shown.length)} more in report.json`);
  if (view.clusterCount > listed) notShown.push(`report.json lists the ${formatCount(listed)} largest of ${formatCount(view.clusterCount)} (identity.maxClusters)`);
  if (notShown.length > 0) out.push('', `${notShown.join('; ')}.`);
  return out;
}

function resolutionSummary(view: IdentityView): string[] {
  const r = view.resolution;
  if (!r) return [];
  const m = r.model;
  const out = ['', '### Resolution', ''];
  const model = [`Fellegi–Sunter, λ = ${formatNumber(m?.lambda)}`, `EM ${formatCount(m?.emIterations)} iterations, ${m?.emConverged ? 'converged' : 'not converged'}`];
  if (m?.fallback) model.push(`**fallback parameters**${m.reason ? ` (${text(m.reason)})` : ''}`);
  else if (m?.reason) model.push(text(m.reason));
  out.push(`- Model: ${model.join(', ')}; match threshold ${formatNumber(r.threshold)}.`);
  out.push(
    `- Pairs: ${formatCount(r.candidatePairs)} candidates, ${formatCount(r.acceptedPairs)} accepted, ${formatCount(r.explicitLinks)} explicit links, ${formatCount(
      r.vetoed,
    )} vetoed (conflicting given names on a shared mailbox), ${formatCount(r.chainingPrevented)} ${
      count(r.chainingPrevented) === 1 ? 'merge' : 'merges'
    } refused by the chaining guard.`,
  );
  out.push(
    r.pseudonymKey === 'configured'
      ? '- Pseudonym key: configured (`CIAMSCAN_PSEUDONYM_KEY`): pseudonyms and cluster fingerprints are stable across scans.'
      : `- Pseudonym key: ${text(r.pseudonymKey)}.`,
  );
  if (r.pseudonymKey !== 'configured') {
    out.push(
      '',
      '> **Warning:** the pseudonym key was random for this run: pseudonyms and cluster fingerprints cannot be compared with any other scan. Set `CIAMSCAN_PSEUDONYM_KEY` to keep them stable.',
    );
  }
  if (r.blocking.length > 0) {
    out.push(
      '',
      ...table(
        ['Blocking rule', 'Candidate pairs', 'Blocks', 'Oversized blocks', 'Largest skipped'],
        r.blocking.map((b) => [codeCell(b.rule), formatCount(b.pairs), formatCount(b.blocks), formatCount(b.oversized), formatCount(b.largestSkipped)]),
        ['l', 'r', 'r', 'r', 'r'],
      ),
    );
  }
  return out;
}

function identity(report: ScanReport): string[] {
  const view = identityView(report.identity);
  const out = ['## Identity', ''];
  if (!view.built) return [...out, `Identity graph not built: ${text(view.reason ?? 'no reason given')}.`];
  return [...out, ...identityBuilt(view)];
}

export function renderMarkdown(report: ScanReport): string {
  const sections = [
    header(report),
    summary(report),
    maturity(report),
    identity(report),
    targets(report),
    findings(report),
    [`---`, '', `*Rendered by ${text(report.tool.name)} ${text(report.tool.version)} from the canonical report (report.json).*`],
  ];
  // Collapse the blank lines that sections leave at their ends, so spacing is uniform.
  return `${sections
    .map((lines) => lines.join('\n').replace(/\n{3,}/g, '\n\n').trim())
    .join('\n\n')}\n`;
}
