/**
 * The HTML report: one self-contained page (inline CSS, inline SVG charts, an optional inline
 * filter script) that can be mailed, archived or opened from disk without network access.
 *
 * Safety model: every value from the report is escaped with `escapeHtml` where it is written (text
 * and quoted attributes only; never inside the style or script). The Content-Security-Policy then
 * allows nothing but the one stylesheet and the one script, pinned by hash, so even a value that
 * escaped escaping could neither run script nor load anything. Links are emitted only for
 * references whose URL is an absolute http(s) URL (`isSafeLinkUrl`); a click is a navigation chosen
 * by the reader, not a resource load. Scanned URLs (target locations, subjects, endpoints) are
 * never links, only text.
 */
import { formatSeconds } from '../format/duration.js';
import { createHash } from 'node:crypto';
import type { ScanError } from '../model/errors.js';
import { OUTCOMES, type Outcome, type Severity } from '../model/outcome.js';
import { MATURITY_LEVELS, type EvidenceRef, type ReportRule, type ReportTarget, type ScanReport } from '../model/report.js';
import type { Reference, RuleResult } from '../model/result.js';
import type { DatasetCoverage } from '../model/snapshot.js';
import { escapeHtml as esc, isSafeLinkUrl, slug, truncate } from './escape.js';
import { REPORT_CSS, REPORT_SCRIPT } from './html-assets.js';
import {
  OUTCOME_LABELS,
  OUTCOME_PRIORITY,
  SEVERITY_LABELS,
  SEVERITIES_DESC,
  compareForTriage,
  compareStrings,
  countBy,
  datasetRatio,
  failureCounts,
  formatDuration,
  formatPercent,
  outcomeCounts,
  processVerdicts,
  referenceLabel,
  referencesFor,
  ruleMap,
  sortedDatasets,
  stableJson,
} from './shared.js';
import {
  HTML_CLUSTER_LIMIT,
  KIND_LABELS,
  clusterSystems,
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
  type PairView,
} from './identity-view.js';
import {
  columnBars,
  donut,
  gauge,
  groupedColumns,
  horizontalBars,
  overlapHeatmap,
  progressBar,
  shareBars,
  stackedBars,
  type HeatmapPair,
  type HeatmapSystem,
  type StackedRow,
} from './svg.js';

/** Rows of a generic identity table shown in the page; the rest stay in report.json. */
const GENERIC_ROW_LIMIT = 200;
const GENERIC_CELL_CHARS = 200;
/** Identifiers up to this length never wrap. */
const ID_NOWRAP_MAX = 32;
/** The CMM ladder per process runs 1..5. */
const CMM_MAX = 5;

const OUTCOME_GLYPHS: Record<Outcome, string> = { fail: '✕', warn: '!', unknown: '?', info: 'i', pass: '✓', 'n/a': '–' };

function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('base64');
}

/** default-src 'none' and nothing else but our own style and script by hash. */
export function contentSecurityPolicy(): string {
  return [
    "default-src 'none'",
    `style-src 'sha256-${sha256(REPORT_CSS)}'`,
    `script-src 'sha256-${sha256(REPORT_SCRIPT)}'`,
    "img-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

function outcomeBadge(outcome: Outcome): string {
  const label = OUTCOME_LABELS[outcome] ?? outcome;
  const glyph = OUTCOME_GLYPHS[outcome] ?? '•';
  return `<span class="badge outcome-${slug(outcome)}"><span class="glyph" aria-hidden="true">${glyph}</span>${esc(label)}</span>`;
}

function severityBadge(severity: Severity): string {
  return `<span class="badge sev-${slug(severity)}">${esc(SEVERITY_LABELS[severity] ?? severity)}</span>`;
}

function confidenceBadge(confidence: string): string {
  return `<span class="badge conf-${slug(confidence)}">confidence ${esc(confidence)}</span>`;
}

function code(value: unknown): string {
  return `<code>${esc(value)}</code>`;
}

/**
 * A long scanned value (URL, subject, endpoint): break opportunities after `/`, `?`, `&`, `=` and
 * `#` so a URL wraps at its structure, not mid-word. `<wbr>` adds no text, so copying is exact.
 */
function longCode(value: string): string {
  // `#` only outside a character reference: `&#39;` (an escaped apostrophe) must stay whole.
  return `<code>${esc(value).replace(/(\/+|\?|&amp;|=|(?<!&)#)/g, '$1<wbr>')}</code>`;
}

/**
 * An identifier (rule id, target id, dataset). Short ones are kept on one line (`partner-oidc` should
 * not break at its hyphen); a long one, which a hostile system can always send, may wrap anywhere
 * rather than push the table off the page.
 */
function idCode(value: string): string {
  return Array.from(value).length <= ID_NOWRAP_MAX ? `<code class="id">${esc(value)}</code>` : longCode(value);
}

function referenceItem(ref: Reference): string {
  const label = esc(referenceLabel(ref));
  return isSafeLinkUrl(ref.url) ? `<a href="${esc(ref.url)}" rel="noopener noreferrer">${label}</a>` : label;
}

function referenceList(refs: readonly Reference[]): string {
  if (refs.length === 0) return '<p class="muted">None.</p>';
  return `<ul>${refs.map((r) => `<li>${referenceItem(r)}</li>`).join('')}</ul>`;
}

function header(report: ScanReport): string {
  const duration = formatDuration(report.startedAt, report.finishedAt);
  const meta: Array<[string, string]> = [
    ['Tool', `${esc(report.tool.name)} ${esc(report.tool.version)}`],
    ['Profile', esc(report.settings.profile)],
    ['Started', `<time datetime="${esc(report.startedAt)}">${esc(report.startedAt)}</time>`],
    ['Finished', `<time datetime="${esc(report.finishedAt)}">${esc(report.finishedAt)}</time>`],
  ];
  if (duration) meta.push(['Duration', esc(duration)]);
  if (report.settings.failOn) meta.push(['Fail on', `${esc(report.settings.failOn)} and above`]);
  meta.push(['Schema', esc(report.schemaVersion)]);
  const status = report.summary.complete ? '✓ Scan complete' : '! Scan incomplete';
  return `<header class="page-header"><div class="wrap"><div>
<p class="brand">ciamscan · customer identity scan</p>
<h1>Customer identity scan report</h1>
<dl class="meta">${meta.map(([k, v]) => `<div><dt>${k}</dt><dd>${v}</dd></div>`).join('')}</dl>
</div><div><span class="pill">${esc(status)}</span></div></div></header>`;
}

function nav(): string {
  const items = [
    ['summary', 'Summary'],
    ['maturity', 'Maturity'],
    ['identity', 'Identity'],
    ['targets', 'Targets'],
    ['findings', 'Findings'],
  ];
  return `<nav class="toc" aria-label="Sections"><div class="wrap"><ul>${items
    .map(([id, label]) => `<li><a href="#${id}">${label}</a></li>`)
    .join('')}</ul></div></nav>`;
}

function kpi(label: string, value: string, sub: string): string {
  return `<div class="card kpi"><div class="label">${label}</div><div class="value">${value}</div><div class="sub">${sub}</div></div>`;
}

function summary(report: ScanReport): string {
  const outcomes = outcomeCounts(report);
  const total = outcomes.reduce((s, o) => s + o.count, 0);
  const count = (o: Outcome) => outcomes.find((x) => x.outcome === o)?.count ?? 0;
  const failures = failureCounts(report);
  const overall = report.maturity.overall;
  const incomplete = report.targets.filter((t) => !t.complete).length;
  const failSub = failures.filter((f) => f.count > 0).map((f) => `${f.count} ${esc(f.severity)}`).join(' · ') || 'none';

  const kpis = [
    kpi('Maturity', `Level ${esc(overall.level)}`, `${esc(overall.name)} ${confidenceBadge(overall.confidence)}`),
    kpi('Failures', String(count('fail')), failSub),
    kpi('Warnings', String(count('warn')), `${count('unknown')} unknown (not decided)`),
    kpi(
      'Targets',
      String(report.targets.length),
      incomplete > 0 ? `<span class="badge bad">! ${incomplete} incomplete</span>` : report.targets.length > 0 ? 'all fully read' : 'none scanned',
    ),
  ].join('');

  const names = MATURITY_LEVELS.map((l) => l.name as string);
  const gaugeSvg = gauge({
    level: overall.level,
    names,
    label: overall.name,
    ariaLabel: `Maturity gauge: level ${overall.level} of ${names.length - 1}, ${overall.name}, confidence ${overall.confidence}`,
  });
  const outcomeItems = outcomes.map((o) => ({ key: o.outcome, label: OUTCOME_LABELS[o.outcome], value: o.count }));
  const donutSvg = donut(
    outcomeItems,
    `Outcomes of ${total} results: ${outcomes.map((o) => `${o.count} ${o.outcome}`).join(', ')}`,
    'outcome',
    total === 1 ? 'result' : 'results',
  );
  const legend = `<ul class="legend">${outcomes
    .map(
      (o) =>
        `<li><span class="swatch outcome-${slug(o.outcome)}" aria-hidden="true"></span>${esc(OUTCOME_LABELS[o.outcome])}<span class="count">${o.count}</span></li>`,
    )
    .join('')}</ul>`;
  const severitySvg = columnBars(
    failures.map((f) => ({ key: f.severity, label: SEVERITY_LABELS[f.severity], value: f.count })),
    `Failures by severity: ${failures.map((f) => `${f.count} ${f.severity}`).join(', ')}`,
    'severity',
  );
  return `<section id="summary" aria-labelledby="summary-h"><h2 id="summary-h">Summary</h2>
<div class="grid kpis">${kpis}</div>
<div class="grid charts">
<div class="card"><h3>Maturity level</h3>${gaugeSvg}<p class="muted">The highest level the evidence supports (0–4), not a certification.</p></div>
<div class="card"><h3>Outcomes</h3><div class="chart-row">${donutSvg}${legend}</div></div>
<div class="card"><h3>Failures by severity</h3>${severitySvg}</div>
</div></section>`;
}

function evidenceRefTable(caption: string, refs: readonly EvidenceRef[]): string {
  if (refs.length === 0) return `<p class="muted">${caption}: none.</p>`;
  const sorted = [...refs].sort(
    (a, b) =>
      a.level - b.level ||
      compareStrings(a.ruleId, b.ruleId) ||
      compareStrings(a.targetId, b.targetId) ||
      compareStrings(a.subject, b.subject) ||
      compareStrings(a.fingerprint, b.fingerprint),
  );
  return `<div class="table-scroll"><table><caption>${caption} (${refs.length})</caption>
<thead><tr><th scope="col" class="num">Level</th><th scope="col">Rule</th><th scope="col">Target</th><th scope="col">Subject</th><th scope="col">Outcome</th><th scope="col">Role</th></tr></thead>
<tbody>${sorted
    .map(
      (r) =>
        `<tr><td class="num">${esc(r.level)}</td><td>${idCode(r.ruleId)}</td><td>${idCode(r.targetId)}</td><td>${longCode(r.subject)}</td><td>${outcomeBadge(
          r.outcome,
        )}</td><td>${esc(r.role)}</td></tr>`,
    )
    .join('')}</tbody></table></div>`;
}

function maturity(report: ScanReport): string {
  const m = report.maturity;
  const o = m.overall;
  const blockers = [...o.blockers].sort((a, b) => a.level - b.level || compareStrings(a.kind, b.kind) || compareStrings(a.detail, b.detail));
  const blockerList =
    blockers.length === 0
      ? '<p class="muted">Nothing blocks the next level.</p>'
      : `<ul class="blockers">${blockers
          .map(
            (b) =>
              `<li><strong>Level ${esc(b.level)}</strong> · ${esc(b.kind)}: ${esc(b.detail)}${
                b.ruleIds.length > 0 ? ` <span class="muted">(${[...b.ruleIds].sort(compareStrings).map(code).join(', ')})</span>` : ''
              }</li>`,
          )
          .join('')}</ul>`;
  const notObserved =
    o.notObserved.length === 0
      ? '<p class="muted">Every rule the level depends on could be answered.</p>'
      : `<ul class="chips">${[...o.notObserved].sort(compareStrings).map((id) => `<li>${code(id)}</li>`).join('')}</ul>`;

  const processes = processVerdicts(report);
  const processChart = horizontalBars(
    processes.map(({ process, verdict }) => ({
      key: process,
      label: process,
      value: verdict ? verdict.level : Number.NaN,
      valueLabel: verdict ? `${verdict.level} · ${verdict.name}` : 'not assessed',
    })),
    CMM_MAX,
    `Maturity per process on the CMM scale 1 to ${CMM_MAX}: ${processes
      .map(({ process, verdict }) => `${process} ${verdict ? `level ${verdict.level}` : 'not assessed'}`)
      .join(', ')}`,
    'cmm',
  );
  const processRows = processes
    .map(({ process, verdict }) =>
      verdict
        ? `<tr><th scope="row">${esc(process)}</th><td class="num">${esc(verdict.level)}</td><td>${esc(verdict.name)}</td><td>${confidenceBadge(
            verdict.confidence,
          )}</td><td class="num">${formatPercent(verdict.observedShare)}</td><td class="num">${verdict.blockers.length}</td><td>${esc(
            verdict.statement,
          )}</td></tr>`
        : `<tr><th scope="row">${esc(process)}</th><td class="num">—</td><td colspan="5" class="muted">not assessed</td></tr>`,
    )
    .join('');
  const attestation =
    m.attestation.length === 0
      ? '<p class="muted">Nothing listed.</p>'
      : `<ul class="attest">${[...m.attestation].sort(compareStrings).map((a) => `<li>${esc(a)}</li>`).join('')}</ul>`;

  return `<section id="maturity" aria-labelledby="maturity-h"><h2 id="maturity-h">Maturity</h2>
<div class="card verdict">
<div>
<h3>Level ${esc(o.level)} · ${esc(o.name)}</h3>
<div class="facts">${confidenceBadge(o.confidence)}<span class="badge neutral">${esc(m.model.name)} ${esc(m.model.version)}</span></div>
<p>Evidence observed: <strong>${formatPercent(o.observedShare)}</strong></p>
${progressBar(o.observedShare, `Share of the cited evidence that could be observed: ${formatPercent(o.observedShare)}`, 'observed')}
</div>
<div>
<p class="statement">${esc(o.statement)}</p>
<h3>What blocks the next level</h3>${blockerList}
<h3>Not observed</h3>${notObserved}
</div>
</div>
<div class="grid" >
<div class="card"><h3>Per process (CMM 1–${CMM_MAX})</h3>${processChart}
<div class="table-scroll"><table><caption>Verdict per process</caption><thead><tr><th scope="col">Process</th><th scope="col" class="num">Level</th><th scope="col">Name</th><th scope="col">Confidence</th><th scope="col" class="num">Observed</th><th scope="col" class="num">Blockers</th><th scope="col">Statement</th></tr></thead><tbody>${processRows}</tbody></table></div></div>
<div class="card"><h3>Evidence for the overall level</h3>${evidenceRefTable('Supports', o.supports)}${evidenceRefTable('Contradicts', o.contradicts)}</div>
<div class="card"><h3>For attestation</h3><p class="muted">A scan cannot observe these; they are listed for a person to attest, never guessed.</p>${attestation}</div>
</div></section>`;
}

const DATASET_STATE_CLASS: Record<string, string> = {
  complete: 'outcome-pass',
  partial: 'outcome-warn',
  'not-read': 'outcome-fail',
  'not-applicable': 'outcome-n-a',
};

function datasetRow(d: DatasetCoverage): string {
  const ratio = datasetRatio(d);
  const records = ratio
    ? `<div class="coverage-cell"><span>${ratio.records} / ${ratio.total} (${formatPercent(ratio.share)})</span>${progressBar(
        ratio.share,
        `${d.name}: ${ratio.records} of ${ratio.total} records read (${formatPercent(ratio.share)})`,
      )}</div>`
    : typeof d.records === 'number'
      ? `${esc(d.records)}`
      : '<span class="muted">—</span>';
  return `<tr><td>${idCode(d.name)}</td><td><span class="badge ${DATASET_STATE_CLASS[d.state] ?? 'neutral'}">${esc(d.state)}</span></td><td>${records}</td><td class="num">${
    typeof d.pages === 'number' ? esc(d.pages) : '—'
  }</td><td>${d.reason ? esc(d.reason) : ''}</td></tr>`;
}

function sortedErrors(errors: readonly ScanError[]): ScanError[] {
  return [...errors].sort(
    (a, b) =>
      compareStrings(a.code, b.code) || compareStrings(a.endpoint ?? '', b.endpoint ?? '') || compareStrings(a.message, b.message),
  );
}

function errorItem(e: ScanError): string {
  const facts = [
    e.endpoint ? `endpoint ${longCode(e.endpoint)}` : '',
    e.status === undefined ? '' : `HTTP ${esc(e.status)}`,
    e.retryable ? 'retryable' : 'not retryable',
  ].filter(Boolean);
  return `<li><span class="badge outcome-fail">${esc(e.code)}</span> ${esc(e.message)}
<div class="muted">${facts.join(' · ')}</div>${e.remediation ? `<div><strong>What to do:</strong> ${esc(e.remediation)}</div>` : ''}${
    e.cause ? `<div class="muted">Cause: ${code(e.cause)}</div>` : ''
  }</li>`;
}

function targetCard(t: ReportTarget, results: readonly RuleResult[]): string {
  const c = t.coverage;
  const counts = countBy(results.filter((r) => r.targetId === t.id).map((r) => r.outcome));
  const findingLine =
    OUTCOME_PRIORITY.filter((o) => (counts.get(o) ?? 0) > 0)
      .map((o) => `${counts.get(o) ?? 0} ${esc(o)}`)
      .join(' · ') || 'no results';
  const datasets = sortedDatasets(c.datasets);
  const datasetTable =
    datasets.length === 0
      ? '<p class="muted">No datasets recorded.</p>'
      : `<div class="table-scroll"><table><caption>Coverage</caption><thead><tr><th scope="col">Dataset</th><th scope="col">State</th><th scope="col">Records read</th><th scope="col" class="num">Pages</th><th scope="col">Note</th></tr></thead><tbody>${datasets
          .map(datasetRow)
          .join('')}</tbody></table></div>`;
  const missing =
    c.missingPermissions.length > 0
      ? `<dt>Missing permissions</dt><dd><ul class="chips">${[...c.missingPermissions]
          .sort(compareStrings)
          .map((p) => `<li>${code(p)}</li>`)
          .join('')}</ul></dd>`
      : '';
  const quotas = c.quotas
    ? `<dt>Quotas</dt><dd>${Object.entries(c.quotas)
        .sort(([a], [b]) => compareStrings(a, b))
        .map(([k, v]) => `${esc(k)} = ${esc(v)}`)
        .join(' · ')}</dd>`
    : '';
  const errors =
    t.errors.length > 0
      ? `<div class="errors" role="group" aria-label="Scan errors"><h4>${t.errors.length} scan error${t.errors.length === 1 ? '' : 's'}</h4><ul>${sortedErrors(
          t.errors,
        )
          .map(errorItem)
          .join('')}</ul></div>`
      : '';
  return `<article class="card target" data-target="${esc(t.id)}">
<div class="target-head"><h3>${idCode(t.id)}</h3>${
    t.complete ? '<span class="badge ok">✓ complete</span>' : '<span class="badge bad">! incomplete</span>'
  }<span class="badge neutral">${esc(t.kind)}</span></div>
<dl class="props"><dt>Type</dt><dd>${esc(t.type)}</dd><dt>Product</dt><dd>${esc(t.product)}</dd><dt>Location</dt><dd>${
    t.location ? longCode(t.location) : '—'
  }</dd><dt>Findings</dt><dd>${findingLine}</dd><dt>Requests</dt><dd>${esc(c.requests)} sent · ${esc(c.retries)} retries · ${esc(
    c.throttled,
  )} throttled</dd>${missing}${quotas}</dl>
${datasetTable}${errors}
</article>`;
}

function targets(report: ScanReport): string {
  const sorted = [...report.targets].sort((a, b) => compareStrings(a.id, b.id));
  const body =
    sorted.length === 0
      ? '<p class="empty">No targets were scanned.</p>'
      : `<div class="grid targets">${sorted.map((t) => targetCard(t, report.results)).join('')}</div>`;
  return `<section id="targets" aria-labelledby="targets-h"><h2 id="targets-h">Targets</h2>${body}</section>`;
}

function findingBody(r: RuleResult, rule: ReportRule | undefined): string {
  const parts: string[] = [];
  if (r.outcome === 'unknown' || r.unknownReason) {
    const reason = r.unknownReason;
    const remedy = reason?.remediation ?? reason?.error?.remediation;
    parts.push(
      '<h4>Why it could not be decided</h4>',
      reason
        ? `<p><strong>${esc(reason.kind)}</strong>: ${esc(reason.detail)}${reason.permission ? ` (missing ${code(reason.permission)})` : ''}</p>`
        : '<p class="muted">No reason given.</p>',
    );
    if (reason?.error) parts.push(`<p class="muted">Error ${code(reason.error.code)}: ${esc(reason.error.message)}</p>`);
    if (remedy) parts.push(`<p><strong>What to do:</strong> ${esc(remedy)}</p>`);
  }
  parts.push('<h4>Evidence</h4>');
  parts.push(
    Object.keys(r.evidence).length === 0
      ? '<p class="muted">No evidence recorded.</p>'
      : `<pre><code>${esc(stableJson(r.evidence, 2))}</code></pre>`,
  );
  if (rule?.remediation) parts.push('<h4>Remediation</h4>', `<p>${esc(rule.remediation)}</p>`);
  if (rule?.rationale) parts.push('<h4>Why it matters</h4>', `<p>${esc(rule.rationale)}</p>`);
  parts.push('<h4>References</h4>', referenceList(referencesFor(rule, [r])));
  parts.push(
    `<p class="muted">Process ${esc(r.process)} · tier ${esc(r.tier)}${rule ? ` · area ${esc(rule.area)}` : ''} · fingerprint ${code(r.fingerprint)}</p>`,
  );
  return parts.join('');
}

function findingRow(r: RuleResult, rule: ReportRule | undefined): string {
  return `<tr class="outcome-row-${slug(r.outcome)}" data-outcome="${esc(r.outcome)}" data-severity="${esc(r.severity)}" data-target="${esc(
    r.targetId,
  )}"><td>${outcomeBadge(r.outcome)}</td><td>${severityBadge(r.severity)}</td><td><code class="rule-id${Array.from(r.ruleId).length <= ID_NOWRAP_MAX ? ' id' : ''}">${esc(r.ruleId)}</code>${
    rule ? `<span class="rule-title">${esc(rule.title)}</span>` : ''
  }</td><td>${idCode(r.targetId)}</td><td>${longCode(r.subject)}</td><td><details class="finding"><summary>${esc(
    r.message,
  )}</summary><div class="finding-body">${findingBody(r, rule)}</div></details></td></tr>`;
}

function filterBar(results: readonly RuleResult[]): string {
  const counts = countBy(results.map((r) => r.outcome));
  const outcomes = [
    ...OUTCOME_PRIORITY.filter((o) => counts.has(o)),
    ...[...counts.keys()].filter((o) => !OUTCOMES.includes(o)).sort(compareStrings),
  ];
  const buttons = [
    `<button type="button" data-filter-outcome="" aria-pressed="true">All <span class="mono">${results.length}</span></button>`,
    ...outcomes.map(
      (o) =>
        `<button type="button" data-filter-outcome="${esc(o)}" aria-pressed="false">${esc(OUTCOME_LABELS[o] ?? o)} <span class="mono">${
          counts.get(o) ?? 0
        }</span></button>`,
    ),
  ].join('');
  const severities = new Set(results.map((r) => r.severity));
  const severityOptions = [
    ...SEVERITIES_DESC.filter((s) => severities.has(s)),
    ...[...severities].filter((s) => !SEVERITIES_DESC.includes(s)).sort(compareStrings),
  ]
    .map((s) => `<option value="${esc(s)}">${esc(SEVERITY_LABELS[s] ?? s)}</option>`)
    .join('');
  const targetOptions = [...new Set(results.map((r) => r.targetId))]
    .sort(compareStrings)
    .map((t) => `<option value="${esc(t)}">${esc(t)}</option>`)
    .join('');
  return `<div id="filters" class="filters" role="search" aria-label="Filter findings" hidden>
<fieldset><legend>Outcome</legend>${buttons}</fieldset>
<label>Severity <select id="filter-severity"><option value="">All</option>${severityOptions}</select></label>
<label>Target <select id="filter-target"><option value="">All</option>${targetOptions}</select></label>
<label>Search <input id="filter-text" type="search" placeholder="rule, subject, message"></label>
<span id="filter-status" class="filter-status" aria-live="polite"></span>
</div>`;
}

function findings(report: ScanReport): string {
  const rules = ruleMap(report);
  const results = [...report.results].sort(compareForTriage);
  const heading = `<h2 id="findings-h">Findings</h2><p class="muted">${results.length} results from ${rules.size} rules, failures first. Open a finding to see its evidence, remediation and references.</p>`;
  if (results.length === 0) {
    return `<section id="findings" aria-labelledby="findings-h">${heading}<div class="card"><p class="empty">No results: no rule was evaluated.</p></div></section>`;
  }
  return `<section id="findings" aria-labelledby="findings-h">${heading}<div class="card">${filterBar(results)}
<div class="table-scroll"><table id="findings-table"><caption class="muted">Every finding of the scan</caption>
<thead><tr><th scope="col">Outcome</th><th scope="col">Severity</th><th scope="col">Rule</th><th scope="col">Target</th><th scope="col">Subject</th><th scope="col">Finding</th></tr></thead>
<tbody>${results.map((r) => findingRow(r, rules.get(r.ruleId))).join('')}
<tr id="filters-empty" hidden><td colspan="6" class="empty">No findings match the filters.</td></tr></tbody></table></div></div></section>`;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function genericCell(value: unknown): string {
  if (value === undefined) return '';
  if (typeof value === 'string') return esc(truncate(value, GENERIC_CELL_CHARS));
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return esc(String(value));
  return code(truncate(stableJson(value), GENERIC_CELL_CHARS));
}

/**
 * Later analyses add arrays (duplicate clusters, overlaps, link rates) whose shape this renderer
 * does not know yet: objects become a table over the union of their keys, anything else a list of
 * JSON values. Everything is escaped text.
 */
function genericArray(title: string, items: readonly unknown[]): string {
  const shown = items.slice(0, GENERIC_ROW_LIMIT);
  const more = items.length > shown.length ? `<p class="muted">${items.length - shown.length} more in report.json.</p>` : '';
  let body: string;
  if (shown.every(isPlainObject)) {
    const columns = [...new Set(shown.flatMap((o) => Object.keys(o)))].sort(compareStrings);
    body = `<div class="table-scroll"><table><thead><tr>${columns.map((c) => `<th scope="col">${esc(c)}</th>`).join('')}</tr></thead><tbody>${shown
      .map((o) => `<tr>${columns.map((c) => `<td>${genericCell(o[c])}</td>`).join('')}</tr>`)
      .join('')}</tbody></table></div>`;
  } else {
    body = `<ol>${shown.map((v) => `<li>${code(truncate(stableJson(v), GENERIC_CELL_CHARS))}</li>`).join('')}</ol>`;
  }
  return `<div class="card"><h3>${esc(title)} (${items.length})</h3>${body}${more}</div>`;
}

/** Identity members this renderer draws; any other array a newer producer adds is shown as a generic table. */
const KNOWN_IDENTITY_KEYS = new Set([
  'built',
  'reason',
  'profilesPerTarget',
  'targets',
  'duplicates',
  'socialDuplicates',
  'overlaps',
  'linkRates',
  'lifecycleDrift',
  'consent',
  'freshness',
  'emailCollisions',
  'completeness',
  'clusters',
  'clusterCount',
  'resolution',
]);

function unknownIdentityArrays(report: ScanReport): string {
  return Object.entries(report.identity as unknown as Record<string, unknown>)
    .filter((entry): entry is [string, unknown[]] => !KNOWN_IDENTITY_KEYS.has(entry[0]) && Array.isArray(entry[1]) && entry[1].length > 0)
    .sort(([a], [b]) => compareStrings(a, b))
    .map(([key, items]) => genericArray(key, items))
    .join('');
}

function countShareText(part: number, whole: number): string {
  const share = ratio(part, whole);
  return share === undefined ? formatCount(part) : `${formatCount(part)} (${formatShare(share)})`;
}

function edgeKinds(p: PairView): string {
  return [...new Set(p.edges.map((e) => edgeLabel(e.kind)))].join(', ');
}

function pairSentence(p: PairView): string {
  const what =
    p.state === 'silo'
      ? 'silo: nothing joins them'
      : p.state === 'joined'
        ? `joined by ${edgeKinds(p)}`
        : 'no shared people';
  return `${p.a} and ${p.b}: ${formatCount(p.shared)} people in both, ${formatShare(p.share)} of the smaller system; ${what}`;
}

function verdictBanner(view: IdentityView): string {
  const v = connectionVerdict(view.totals);
  const mark = v.state === 'siloed' ? '⚠' : v.state === 'connected' ? '✓' : 'i';
  return `<div class="card identity-verdict verdict-${v.state}" role="note"><span class="verdict-mark" aria-hidden="true">${mark}</span><div><p class="verdict-title">${esc(
    v.title,
  )}</p><p>${esc(v.text)}</p></div></div>`;
}

function identityTiles(view: IdentityView): string {
  const t = view.totals;
  const exact = t.people !== undefined && t.people.low === t.people.high;
  const silos =
    t.silos > 0
      ? `⚠ ${t.silos} of ${t.overlapping} ${t.overlapping === 1 ? 'pair' : 'pairs'} of systems sharing customers ${t.silos === 1 ? 'is' : 'are'} not joined`
      : t.overlapping > 0
        ? `✓ every pair of systems sharing customers is joined (${t.overlapping})`
        : 'no two systems share customers';
  return `<div class="grid kpis identity-kpis">${[
    kpi(
      'People',
      esc(peopleText(t.people)),
      t.people === undefined
        ? 'not counted per system'
        : exact
          ? `distinct people in ${t.systems} ${t.systems === 1 ? 'system' : 'systems'}`
          : `distinct people: bounds from ${t.systems} systems and their pairs`,
    ),
    kpi('Profiles', esc(formatCount(t.profiles)), `${t.systems} ${t.systems === 1 ? 'system' : 'systems'} · ${esc(formatCount(view.clusterCount))} multi-profile clusters`),
    kpi(
      'Duplicate share',
      esc(formatShare(t.duplicateShare)),
      `${esc(formatCount(t.duplicateProfiles))} profiles have a duplicate in their own system`,
    ),
    `<div class="card kpi${t.silos > 0 ? ' kpi-alert' : ''}"><div class="label">Silos</div><div class="value">${t.silos}</div><div class="sub">${silos}</div></div>`,
  ].join('')}</div>`;
}

const HEAT_LEGEND: Array<[number, string]> = [
  [1, '1–19 %'],
  [2, '20–39 %'],
  [3, '40–59 %'],
  [4, '60–79 %'],
  [5, '80–100 %'],
];

function overlapCard(view: IdentityView): string {
  const systems = view.systems;
  if (systems.length < 2) {
    return `<div class="card"><h3>Overlap between systems</h3><p class="muted">Only one system holds profiles: there is no pair to compare.</p></div>`;
  }
  const index = new Map(systems.map((s, i) => [s.targetId, i]));
  const cells: HeatmapPair[] = [];
  for (const p of view.pairs) {
    const ia = index.get(p.a);
    const ib = index.get(p.b);
    if (ia === undefined || ib === undefined) continue;
    const note = p.state === 'silo' ? '⚠ SILO' : p.state === 'joined' ? `⇄ ${edgeKinds(p)}` : '';
    cells.push({
      row: Math.max(ia, ib),
      col: Math.min(ia, ib),
      a: p.a,
      b: p.b,
      shared: p.shared,
      ...(p.share === undefined ? {} : { share: p.share }),
      state: p.state,
      value: formatCount(p.shared),
      caption: p.state === 'disjoint' ? 'no shared people' : p.share === undefined ? 'people in both' : `${formatShare(p.share)} of smaller`,
      note: Array.from(note).length > 24 ? `${Array.from(note).slice(0, 23).join('')}…` : note,
      label: pairSentence(p),
    });
  }
  const heatSystems: HeatmapSystem[] = systems.map((s) => ({
    name: s.targetId,
    value: formatCount(s.people ?? s.profiles),
    caption: s.people === undefined ? 'profiles' : 'people',
    note: s.kind ? (KIND_LABELS[s.kind] ?? s.kind) : 'system',
  }));
  const t = view.totals;
  const aria = `Overlap heatmap of ${systems.length} systems, coloured by the share of the smaller system's people: ${view.pairs
    .map((p) => `${p.a} and ${p.b} ${formatCount(p.shared)} shared (${formatShare(p.share)}), ${p.state === 'silo' ? 'silo' : p.state === 'joined' ? `joined by ${edgeKinds(p)}` : 'no overlap'}`)
    .join('; ')}. ${t.silos} ${t.silos === 1 ? 'silo' : 'silos'}.`;
  const legend = `<ul class="legend heat-legend" aria-label="Colour scale"><li class="legend-title">Share of the smaller system</li>${HEAT_LEGEND.map(
    ([level, label]) => `<li><span class="swatch heat-${level}" aria-hidden="true"></span>${label}</li>`,
  ).join('')}<li class="legend-silo"><span class="swatch silo-swatch" aria-hidden="true"></span>⚠ SILO: customers in both, nothing joins the systems</li></ul>`;
  const stateRank = { silo: 0, joined: 1, disjoint: 2 } as const;
  const items = [...view.pairs]
    .sort((x, y) => stateRank[x.state] - stateRank[y.state] || compareStrings(x.a, y.a) || compareStrings(x.b, y.b))
    .map((p) => {
      const badges =
        p.state === 'silo'
          ? '<span class="badge bad">⚠ silo</span>'
          : p.state === 'joined'
            ? [...new Set(p.edges.map((e) => e.kind))].map((k) => `<span class="badge edge-badge">⇄ ${esc(edgeLabel(k))}</span>`).join(' ')
            : '<span class="badge neutral">no overlap</span>';
      const how =
        p.state === 'silo'
          ? '<p class="pair-how">Nothing joins them: no federation, provisioning or stored key.</p>'
          : p.edges.length === 0
            ? ''
            : `<ul class="plain pair-how">${p.edges.map((e) => `<li>${idCode(e.from)}: ${esc(e.detail)}</li>`).join('')}</ul>`;
      return `<li class="pair pair-${p.state}" data-a="${esc(p.a)}" data-b="${esc(p.b)}"><div class="pair-head"><span>${idCode(p.a)} ↔ ${idCode(
        p.b,
      )}</span>${badges}</div><p class="pair-nums"><strong>${esc(formatCount(p.shared))}</strong> people in both · ${esc(formatShare(p.share))} of the smaller system</p>${how}</li>`;
    })
    .join('');
  return `<div class="card overlap-card"><h3>Overlap between systems</h3>
<p class="muted">Each cell is a pair of systems: the people present in both and their share of the smaller system. A pair that shares customers with no federation, provisioning or stored key between the systems is a <strong>silo</strong>.</p>
<div class="overlap-layout${systems.length > 4 ? ' stacked' : ''}"><div class="heatmap-wrap">${overlapHeatmap(heatSystems, cells, aria)}${legend}</div>
<div><h4 class="sub-h">What joins the systems</h4><ul class="pair-list">${items}</ul></div></div></div>`;
}

const LINK_SEGMENTS = [
  { key: 'explicit', label: 'explicit key' },
  { key: 'match-only', label: 'match only' },
  { key: 'unlinked', label: 'unlinked' },
] as const;

function linkRateCard(view: IdentityView): string {
  if (view.linkRates.length === 0) {
    return '<div class="card"><h3>CRM link rates</h3><p class="muted">No CRM was scanned: there are no contacts to link.</p></div>';
  }
  const rows: StackedRow[] = view.linkRates.map((r) => {
    const contacts = count(r.customerContacts);
    const values = { explicit: count(r.linkedExplicit), 'match-only': count(r.linkedMatchOnly), unlinked: count(r.unlinked) };
    const whole = values.explicit + values['match-only'] + values.unlinked;
    return {
      key: r.crmTargetId,
      label: `${r.crmTargetId} · ${formatCount(contacts)} customer contacts`,
      segments: LINK_SEGMENTS.map((s) => ({ key: s.key, label: s.label, value: values[s.key] })),
      caption: LINK_SEGMENTS.map((s) => `${formatCount(values[s.key])} ${s.label} (${formatShare(ratio(values[s.key], whole))})`).join(' · '),
    };
  });
  const aria = `CRM link rates: ${rows.map((r) => `${r.label}: ${r.caption}`).join('; ')}`;
  const legend = `<ul class="legend legend-inline">${LINK_SEGMENTS.map(
    (s) => `<li><span class="swatch seg-${s.key}" aria-hidden="true"></span>${esc(s.label)}</li>`,
  ).join('')}</ul>`;
  const reach = view.linkRates
    .map((r) => {
      const share = ratio(count(r.identitiesInCrm), count(r.identities));
      return `<li><div class="reach-line"><span>${idCode(r.crmTargetId)}</span><span><strong>${esc(formatCount(r.identitiesInCrm))}</strong> of ${esc(
        formatCount(r.identities),
      )} active identities (${esc(formatShare(share))})</span></div>${progressBar(
        share ?? 0,
        `${r.crmTargetId}: ${formatCount(r.identitiesInCrm)} of ${formatCount(r.identities)} active identities have a contact (${formatShare(share)})`,
        'reach',
        470,
      )}</li>`;
    })
    .join('');
  return `<div class="card"><h3>CRM link rates</h3>
<p class="muted">Customer contacts (leads excluded) linked to an identity by a <strong>stored key</strong>, the same person by <strong>matching only</strong> (breaks when the email changes), or <strong>unlinked</strong>.</p>
${stackedBars(rows, aria, 'link-rates')}${legend}
<h4 class="sub-h">Identities reaching the CRM</h4><ul class="reach">${reach}</ul></div>`;
}

/** `label ×n`; a label a hostile system made long may wrap instead of widening the table. */
function countChip(label: string, n: string): string {
  const wrap = Array.from(label).length > ID_NOWRAP_MAX ? ' wrap' : '';
  return `<span class="size-chip${wrap}">${esc(label)}<span class="chip-count">×${esc(n)}</span></span>`;
}

function reasonChips(reasons: readonly { reason: string; count: number }[], limit: number): string {
  if (reasons.length === 0) return '<span class="muted">—</span>';
  const shown = reasons
    .slice(0, limit)
    .map((r) => `<li><code>${esc(r.reason)}</code><span class="chip-count">${esc(formatCount(r.count))}</span></li>`);
  if (reasons.length > limit) shown.push(`<li class="muted">+${reasons.length - limit} more</li>`);
  return `<ul class="chips reasons">${shown.join('')}</ul>`;
}

function duplicatesCard(view: IdentityView): string {
  if (view.duplicates.length === 0) return '<div class="card"><h3>Duplicates within a system</h3><p class="muted">No duplicate statistics were reported.</p></div>';
  const chart = shareBars(
    view.duplicates.map((d) => ({
      key: d.targetId,
      label: d.targetId,
      value: count(d.share),
      valueLabel: `${formatShare(d.share)} · ${formatCount(d.profilesInClusters)} profiles`,
    })),
    `Duplicate share per system: ${view.duplicates
      .map((d) => `${d.targetId} ${formatShare(d.share)} (${formatCount(d.profilesInClusters)} profiles in ${formatCount(d.clusters)} clusters)`)
      .join(', ')}`,
    'duplicates',
  );
  const rows = view.duplicates
    .map(
      (d) =>
        `<tr><td>${idCode(d.targetId)}</td><td>${
          sortedSizes(d.sizes)
            .map(([size, n]) => countChip(size, formatCount(n)))
            .join(' ') || '<span class="muted">—</span>'
        }</td><td>${reasonChips(d.topReasons, 5)}</td></tr>`,
    )
    .join('');
  const social = view.social.filter((s) => count(s.federatedAccounts) > 0 || count(s.pairs) > 0);
  const socialTable =
    social.length === 0
      ? ''
      : `<div class="table-scroll"><table><caption>Local and social-login accounts of one person</caption><thead><tr><th scope="col">System</th><th scope="col" class="num">Federated accounts</th><th scope="col" class="num">Local + federated pairs</th><th scope="col" class="num">Share</th></tr></thead><tbody>${social
          .map(
            (x) =>
              `<tr><td>${idCode(x.targetId)}</td><td class="num">${esc(formatCount(x.federatedAccounts))}</td><td class="num">${esc(formatCount(x.pairs))}</td><td class="num">${esc(
                formatShare(x.share),
              )}</td></tr>`,
          )
          .join('')}</tbody></table></div>`;
  return `<div class="card"><h3>Duplicates within a system</h3>
<p class="muted">Profiles that belong to a person with another profile in the same system.</p>${chart}
<div class="table-scroll"><table><caption>Cluster sizes and why profiles matched</caption><thead><tr><th scope="col">System</th><th scope="col">Cluster sizes</th><th scope="col">Top match reasons</th></tr></thead><tbody>${rows}</tbody></table></div>${socialTable}</div>`;
}

function systemsCard(view: IdentityView): string {
  const rows = view.systems
    .map(
      (s) =>
        `<tr><td>${idCode(s.targetId)}</td><td>${s.kind ? `<span class="badge neutral">${esc(KIND_LABELS[s.kind] ?? s.kind)}</span>` : '—'}</td><td class="num">${esc(
          formatCount(s.profiles),
        )}</td><td class="num">${s.people === undefined ? '—' : esc(formatCount(s.people))}</td><td class="num">${
          s.withoutIdentifiers === undefined ? '—' : esc(formatCount(s.withoutIdentifiers))
        }</td></tr>`,
    )
    .join('');
  return `<div class="card"><h3>Systems analysed</h3><div class="table-scroll"><table><thead><tr><th scope="col">System</th><th scope="col">Kind</th><th scope="col" class="num">Profiles</th><th scope="col" class="num">People</th><th scope="col" class="num">Without identifiers</th></tr></thead><tbody>${rows}</tbody></table></div>
<p class="muted">People: distinct persons with at least one profile in the system. Profiles without email, phone or name cannot be matched.</p></div>`;
}

function completenessCard(view: IdentityView): string {
  if (view.completeness.length === 0) return '';
  const ages = [...new Set(view.completeness.flatMap((c) => c.buckets.map((b) => b.age)))].sort(compareAges);
  const series = view.completeness.map((c) => ({
    key: c.targetId,
    label: c.targetId,
    values: ages.map((age) => {
      const b = c.buckets.find((x) => x.age === age);
      return b && Number.isFinite(b.meanFilled) ? b.meanFilled : undefined;
    }),
  }));
  const fixed = (v: number) => formatMean(v);
  const chart = groupedColumns(
    ages,
    series,
    `Mean filled attributes by account age: ${view.completeness
      .map((c) => `${c.targetId} ${c.buckets.map((b) => `${b.age} ${fixed(count(b.meanFilled))} (${formatCount(b.profiles)} profiles)`).join(', ')}`)
      .join('; ')}`,
    'completeness',
    fixed,
  );
  const legend = `<ul class="legend legend-inline">${series
    .map((s, i) => `<li><span class="swatch series-${i % 6}" aria-hidden="true"></span>${idCode(s.label)}</li>`)
    .join('')}</ul>`;
  const table = `<div class="table-scroll"><table><caption>Mean filled attributes (profiles)</caption><thead><tr><th scope="col">System</th>${ages
    .map((a) => `<th scope="col" class="num">${esc(a)}</th>`)
    .join('')}</tr></thead><tbody>${view.completeness
    .map(
      (c) =>
        `<tr><td>${idCode(c.targetId)}</td>${ages
          .map((age) => {
            const b = c.buckets.find((x) => x.age === age);
            return `<td class="num">${b ? `${esc(fixed(count(b.meanFilled)))} <span class="muted">(${esc(formatCount(b.profiles))})</span>` : '—'}</td>`;
          })
          .join('')}</tr>`,
    )
    .join('')}</tbody></table></div>`;
  return `<div class="card"><h3>Profile completeness by account age</h3>
<p class="muted">Mean number of filled identifying attributes per profile, by how long ago the account was created.</p>${chart}${legend}${table}</div>`;
}

function lifecycleCard(view: IdentityView): string {
  const parts: string[] = [];
  if (view.drift.length > 0) {
    parts.push(
      `<div><h4 class="sub-h">Lifecycle drift</h4><div class="table-scroll"><table><thead><tr><th scope="col">CRM</th><th scope="col" class="num">Linked</th><th scope="col" class="num">Disabled, still active</th><th scope="col" class="num">Dangling keys</th></tr></thead><tbody>${view.drift
        .map(
          (d) =>
            `<tr><td>${idCode(d.crmTargetId)}</td><td class="num">${esc(formatCount(d.linkedPairs))}</td><td class="num${count(d.disabledButActive) > 0 ? ' alert' : ''}">${esc(
              countShareText(count(d.disabledButActive), count(d.linkedPairs)),
            )}</td><td class="num${count(d.danglingKeys) > 0 ? ' alert' : ''}">${esc(formatCount(d.danglingKeys))}</td></tr>`,
        )
        .join(
          '',
        )}</tbody></table></div><p class="muted note">Linked: contacts that are the same person as an identity. Disabled, still active: the identity is disabled in every store, the contact is active and marketable. Dangling: a stored key names an identity that no longer exists.</p></div>`,
    );
  }
  if (view.consent.length > 0) {
    parts.push(
      `<div><h4 class="sub-h">Marketing consent</h4><div class="table-scroll"><table><thead><tr><th scope="col">CRM</th><th scope="col" class="num">Linked</th><th scope="col" class="num">Both stated</th><th scope="col" class="num">Disagree</th></tr></thead><tbody>${view.consent
        .map(
          (c) =>
            `<tr><td>${idCode(c.crmTargetId)}</td><td class="num">${esc(formatCount(c.linkedPairs))}</td><td class="num">${esc(formatCount(c.bothKnown))}</td><td class="num${
              count(c.disagree) > 0 ? ' alert' : ''
            }">${esc(countShareText(count(c.disagree), count(c.bothKnown)))}</td></tr>`,
        )
        .join('')}</tbody></table></div><p class="muted note">Both stated: consent is recorded on both sides. Disagree: opted out on one side, marketable on the other.</p></div>`,
    );
  }
  if (view.freshness.length > 0) {
    parts.push(
      `<div><h4 class="sub-h">Sync freshness</h4><div class="table-scroll"><table><thead><tr><th scope="col">CRM</th><th scope="col" class="num">Pairs</th><th scope="col" class="num">Agree</th><th scope="col" class="num">Differ: email / name / consent</th><th scope="col" class="num">Waiting (p95)</th></tr></thead><tbody>${view.freshness
        .map(
          (f) =>
            `<tr><td>${idCode(f.crmTargetId)}</td><td class="num">${esc(formatCount(f.pairs))}</td><td class="num">${esc(countShareText(count(f.agree), count(f.pairs)))}</td><td class="num">${esc(
              `${formatCount(f.disagreeBy.email)} / ${formatCount(f.disagreeBy.family)} / ${formatCount(f.disagreeBy.consent)}`,
            )}</td><td class="num${f.p95LagSeconds !== undefined && f.p95LagSeconds >= 86_400 ? ' alert' : ''}">${esc(f.p95LagSeconds === undefined ? '—' : formatSeconds(f.p95LagSeconds))}</td></tr>`,
        )
        .join('')}</tbody></table></div><p class="muted note">Pairs: contacts holding an identity's key. Agree: email, family name and consent match wherever both sides state them. Waiting: 95th percentile over the pairs of how long a change has waited (0 for pairs that agree or whose contact changed last).</p></div>`,
    );
  }
  parts.push(
    `<div><h4 class="sub-h">Email collisions</h4>${
      view.collisions.length === 0
        ? '<p class="muted">No email is verified in one system and unverified in another.</p>'
        : `<div class="table-scroll"><table><thead><tr><th scope="col">Verified in</th><th scope="col">Unverified in</th><th scope="col" class="num">Emails</th></tr></thead><tbody>${view.collisions
            .map((c) => `<tr><td>${idCode(c.verifiedIn)}</td><td>${idCode(c.unverifiedIn)}</td><td class="num alert">${esc(formatCount(c.count))}</td></tr>`)
            .join(
              '',
            )}</tbody></table></div><p class="muted note">The same address, verified in one system and unverified in the other: whoever registered the unverified account may take over the verified one where systems link by email.</p>`
    }</div>`,
  );
  return `<div class="card"><h3>Drift, consent and email collisions</h3><div class="trio">${parts.join('')}</div></div>`;
}

function clustersCard(view: IdentityView): string {
  const shown = view.clusters.slice(0, HTML_CLUSTER_LIMIT);
  const heading = `<h3>Largest clusters</h3><p class="muted">One person's profiles across and within systems, largest first. Members are keyed pseudonyms of record ids; examples are masked. ${esc(
    `${formatCount(shown.length)} shown of ${formatCount(view.clusterCount)} multi-profile clusters`,
  )}${view.clusters.length > shown.length ? esc(`; ${formatCount(view.clusters.length - shown.length)} more in report.json`) : ''}${
    view.clusterCount > view.clusters.length ? esc(`; report.json lists the ${formatCount(view.clusters.length)} largest (identity.maxClusters)`) : ''
  }.</p>`;
  if (shown.length === 0) return `<div class="card" id="identity-clusters">${heading}<p class="empty">No person has more than one profile.</p></div>`;
  const targetIds = [...new Set(shown.flatMap((c) => c.members.map((m) => m.targetId)))].sort(compareStrings);
  const indexOf = new Map(targetIds.map((t, i) => [t, i]));
  const options = targetIds.map((t, i) => `<option value="${i}">${esc(t)}</option>`).join('');
  const filter = `<div id="cluster-filters" class="filters" role="search" aria-label="Filter clusters" hidden>
<label>System <select id="cluster-target"><option value="">All systems</option>${options}</select></label>
<label>Spans <select id="cluster-span"><option value="">Any</option><option value="multi">Several systems</option><option value="single">One system</option></select></label>
<span id="cluster-status" class="filter-status" aria-live="polite"></span>
</div>`;
  const rows = shown
    .map((c) => {
      const systems = clusterSystems(c);
      const members = c.members
        .map(
          (m) =>
            `<li${[m.targetId, m.pseudonym, m.example ?? ''].some((v) => Array.from(v).length > ID_NOWRAP_MAX) ? ' class="wrap"' : ''}>${idCode(
              m.targetId,
            )} <code class="pseudonym">${esc(m.pseudonym)}</code>${m.example ? ` <span class="example">${esc(m.example)}</span>` : ''}</li>`,
        )
        .join('');
      return `<tr data-cluster-targets="${systems.map((s) => indexOf.get(s.targetId) ?? -1).join(' ')}" data-span="${systems.length > 1 ? 'multi' : 'single'}"><td>${idCode(
        c.fingerprint,
      )}</td><td class="num">${esc(formatCount(c.size))}</td><td>${systems
        .map((s) => countChip(s.targetId, formatCount(s.profiles)))
        .join(' ')}</td><td><ul class="members">${members}</ul></td><td>${reasonChips(c.reasons, 8)}</td></tr>`;
    })
    .join('');
  return `<div class="card" id="identity-clusters">${heading}${filter}
<div class="table-scroll"><table id="clusters-table"><thead><tr><th scope="col">Fingerprint</th><th scope="col" class="num">Size</th><th scope="col">Systems</th><th scope="col">Members (system, pseudonym, masked example)</th><th scope="col">Match reasons</th></tr></thead>
<tbody>${rows}<tr id="clusters-empty" hidden><td colspan="5" class="empty">No clusters match the filter.</td></tr></tbody></table></div></div>`;
}

function resolutionDetails(view: IdentityView): string {
  const r = view.resolution;
  if (!r) return '';
  const m = r.model;
  const perRun = r.pseudonymKey !== 'configured';
  const facts: Array<[string, string]> = [
    ['Model', `Fellegi–Sunter, λ = ${esc(formatNumber(m?.lambda))}`],
    [
      'EM',
      `${esc(formatCount(m?.emIterations))} iterations, ${m?.emConverged ? 'converged' : '<strong>not converged</strong>'}${
        m?.fallback ? ' · <span class="badge outcome-warn">fallback parameters</span>' : ''
      }${m?.reason ? ` · ${esc(m.reason)}` : ''}`,
    ],
    ['Match threshold', esc(formatNumber(r.threshold))],
    ['Candidate pairs', esc(formatCount(r.candidatePairs))],
    ['Accepted pairs', esc(formatCount(r.acceptedPairs))],
    ['Explicit links', `${esc(formatCount(r.explicitLinks))} <span class="muted">(stored keys between records)</span>`],
    ['Vetoed', `${esc(formatCount(r.vetoed))} <span class="muted">(conflicting given names on a shared mailbox)</span>`],
    ['Chaining prevented', `${esc(formatCount(r.chainingPrevented))} <span class="muted">(merges refused by the chaining guard)</span>`],
    [
      'Pseudonym key',
      perRun
        ? `<span class="badge bad">⚠ ${esc(r.pseudonymKey)}</span>`
        : '<span class="badge ok">configured</span> <span class="muted">CIAMSCAN_PSEUDONYM_KEY: pseudonyms and fingerprints are stable across scans</span>',
    ],
  ];
  const warning = perRun
    ? '<p class="key-warning" role="note">⚠ The pseudonym key was random for this run: pseudonyms and cluster fingerprints cannot be compared with any other scan. Set <code>CIAMSCAN_PSEUDONYM_KEY</code> to keep them stable.</p>'
    : '';
  const blocking =
    r.blocking.length === 0
      ? '<p class="muted">No blocking statistics were reported.</p>'
      : `<div class="table-scroll"><table><caption>Blocking rules (which pairs were compared)</caption><thead><tr><th scope="col">Rule</th><th scope="col" class="num">Candidate pairs</th><th scope="col" class="num">Blocks</th><th scope="col" class="num">Oversized blocks</th><th scope="col" class="num">Largest skipped</th></tr></thead><tbody>${r.blocking
          .map(
            (b) =>
              `<tr><td>${idCode(b.rule)}</td><td class="num">${esc(formatCount(b.pairs))}</td><td class="num">${esc(formatCount(b.blocks))}</td><td class="num${
                count(b.oversized) > 0 ? ' alert' : ''
              }">${esc(formatCount(b.oversized))}</td><td class="num">${esc(formatCount(b.largestSkipped))}</td></tr>`,
          )
          .join('')}</tbody></table></div>`;
  return `<details class="card resolution" id="identity-resolution"><summary><strong>How people were matched</strong> <span class="muted">Fellegi–Sunter · threshold ${esc(
    formatNumber(r.threshold),
  )} · ${esc(formatCount(r.acceptedPairs))} of ${esc(formatCount(r.candidatePairs))} candidate pairs accepted</span>${
    perRun ? ' <span class="badge bad">⚠ per-run pseudonym key</span>' : ''
  }</summary>
${warning}<dl class="props">${facts.map(([k, v]) => `<dt>${k}</dt><dd>${v}</dd>`).join('')}</dl>${blocking}</details>`;
}

function identity(report: ScanReport): string {
  const view = identityView(report.identity);
  const open = '<section id="identity" aria-labelledby="identity-h"><h2 id="identity-h">Identity</h2>';
  const extra = unknownIdentityArrays(report);
  if (!view.built) {
    return `${open}<div class="card"><p class="empty">Identity graph not built: ${esc(view.reason ?? 'no reason given')}.</p></div>${
      extra ? `<div class="grid identity-extra">${extra}</div>` : ''
    }</section>`;
  }
  return `${open}
<p class="muted section-lead">Who is the same customer across the scanned systems: duplicates inside a system, customers shared by two systems and what joins them, and how identities reach the CRM. Counts, shares and keyed pseudonyms only.</p>
${verdictBanner(view)}
${identityTiles(view)}
${overlapCard(view)}
<div class="grid identity-two">${systemsCard(view)}${linkRateCard(view)}</div>
<div class="grid identity-two">${duplicatesCard(view)}${completenessCard(view)}</div>
${lifecycleCard(view)}
${clustersCard(view)}
${resolutionDetails(view)}${extra ? `<div class="grid identity-extra">${extra}</div>` : ''}
</section>`;
}

export function renderHtml(report: ScanReport): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${esc(contentSecurityPolicy())}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="${esc(`${report.tool.name} ${report.tool.version}`)}">
<title>${esc(`ciamscan report · ${report.startedAt}`)}</title>
<style>${REPORT_CSS}</style>
</head>
<body>
<a class="skip" href="#findings">Skip to findings</a>
${header(report)}
${nav()}
<main class="wrap">
${summary(report)}
${maturity(report)}
${identity(report)}
${targets(report)}
${findings(report)}
</main>
<footer class="wrap"><p>Rendered by ${esc(report.tool.name)} ${esc(report.tool.version)} from the canonical report (report.json, schema ${esc(
    report.schemaVersion,
  )}). This page is self-contained and loads nothing from the network; reference links lead to the public specifications.</p></footer>
<script>${REPORT_SCRIPT}</script>
</body>
</html>
`;
}
