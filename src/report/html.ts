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
import { columnBars, donut, gauge, horizontalBars, progressBar } from './svg.js';

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
  return `<code>${esc(value).replace(/(\/+|\?|&amp;|=|#)/g, '$1<wbr>')}</code>`;
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
    ['targets', 'Targets'],
    ['findings', 'Findings'],
    ['identity', 'Identity'],
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

const IDENTITY_TITLES: Record<string, string> = {
  clusters: 'Duplicate clusters',
  overlaps: 'Overlaps between stores',
  linkRates: 'Link rates',
};

function identity(report: ScanReport): string {
  const id = report.identity;
  const counts = [...id.profilesPerTarget].sort((a, b) => compareStrings(a.targetId, b.targetId));
  const max = Math.max(0, ...counts.map((c) => (Number.isFinite(c.profiles) ? c.profiles : 0)));
  const profiles =
    counts.length === 0
      ? '<p class="muted">No customer profiles were read.</p>'
      : `<div class="table-scroll"><table><caption>Profiles per target</caption><thead><tr><th scope="col">Target</th><th scope="col" class="num">Profiles</th><th scope="col">Share of the largest store</th></tr></thead><tbody>${counts
          .map(
            (c) =>
              `<tr><td>${idCode(c.targetId)}</td><td class="num">${esc(c.profiles)}</td><td>${progressBar(
                max > 0 ? c.profiles / max : 0,
                `${c.targetId}: ${c.profiles} profiles`,
                'profiles',
              )}</td></tr>`,
          )
          .join('')}</tbody></table></div>`;
  const known = Object.keys(IDENTITY_TITLES);
  const rank = (key: string) => (known.includes(key) ? known.indexOf(key) : known.length);
  const arrays = Object.entries(id as unknown as Record<string, unknown>)
    .filter((entry): entry is [string, unknown[]] => entry[0] !== 'profilesPerTarget' && Array.isArray(entry[1]))
    .sort(([a], [b]) => rank(a) - rank(b) || compareStrings(a, b))
    .map(([key, items]) => ({ title: IDENTITY_TITLES[key] ?? key, items }));
  // Empty analyses are one line, not a card each: most scans read no profiles at all.
  const empty = arrays.filter((a) => a.items.length === 0);
  const emptyLine =
    empty.length > 0 ? `<p class="muted">${empty.map((a) => `${esc(a.title)}: none reported`).join(' · ')}.</p>` : '';
  const cards = arrays
    .filter((a) => a.items.length > 0)
    .map((a) => genericArray(a.title, a.items))
    .join('');
  return `<section id="identity" aria-labelledby="identity-h"><h2 id="identity-h">Identity</h2>
<div class="grid"><div class="card"><h3>Profiles</h3>${profiles}${emptyLine}</div>${cards}</div></section>`;
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
${targets(report)}
${findings(report)}
${identity(report)}
</main>
<footer class="wrap"><p>Rendered by ${esc(report.tool.name)} ${esc(report.tool.version)} from the canonical report (report.json, schema ${esc(
    report.schemaVersion,
  )}). This page is self-contained and loads nothing from the network; reference links lead to the public specifications.</p></footer>
<script>${REPORT_SCRIPT}</script>
</body>
</html>
`;
}
