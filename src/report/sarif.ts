/**
 * SARIF 2.1.0 (OASIS), written by hand: one run, the rules that were evaluated, and a result for
 * every `fail` and `warn` (what a code-scanning dashboard should show; pass/info/n-a/unknown are not
 * alerts). Scan errors become tool execution notifications. Members are emitted in a fixed order and
 * arrays are sorted, so the same report gives the same bytes.
 */
import type { ScanError } from '../model/errors.js';
import type { Severity } from '../model/outcome.js';
import type { ReportRule, ScanReport } from '../model/report.js';
import type { RuleResult } from '../model/result.js';
import { escapeMarkdown, isSafeLinkUrl } from './escape.js';
import { compareByIdentity, compareStrings, referenceLabel, severityRankDesc, sortKeysDeep } from './shared.js';

export const SARIF_VERSION = '2.1.0';
export const SARIF_SCHEMA = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';
/** The key of our fingerprint in `partialFingerprints`; bump the suffix if its definition changes. */
export const FINGERPRINT_KEY = 'ciamscan/v1';

type SarifLevel = 'error' | 'warning' | 'note' | 'none';

/** A rule's default level: what its failures are. */
export function levelForSeverity(severity: Severity): SarifLevel {
  switch (severity) {
    case 'critical':
    case 'high':
      return 'error';
    case 'medium':
      return 'warning';
    default:
      return 'note';
  }
}

/** A warning is one step softer than a failure and never an error. */
export function levelForResult(result: RuleResult): SarifLevel {
  if (result.outcome === 'fail') return levelForSeverity(result.severity);
  return result.severity === 'low' || result.severity === 'info' ? 'note' : 'warning';
}

/**
 * GitHub code scanning ranks alerts by `security-severity` (a CVSS-like 0.0–10.0 string); the
 * values sit in the middle of each CVSS band.
 */
const SECURITY_SEVERITY: Record<Severity, string> = {
  critical: '9.5',
  high: '8.0',
  medium: '5.5',
  low: '3.0',
  info: '0.0',
};

/** `OIDC-PKCE-S256` -> `OidcPkceS256`: SARIF wants a human-readable identifier as the name. */
function ruleName(id: string): string {
  const name = id
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1).toLowerCase())
    .join('');
  return name || id;
}

function helpText(rule: ReportRule): { text: string; markdown: string } {
  const refs = rule.references.map((r) => ({ label: referenceLabel(r), url: r.url }));
  const textRefs = refs.map((r) => (r.url ? `${r.label} (${r.url})` : r.label));
  // The markdown help is shown by viewers such as GitHub: only safe http(s) URLs become links, and
  // rule text is set as plain text in a code-free paragraph (our own rule metadata, not scanned data).
  const mdRefs = refs.map((r) => (isSafeLinkUrl(r.url) ? `- [${escapeMarkdown(r.label)}](<${r.url}>)` : `- ${escapeMarkdown(r.label)}`));
  return {
    text: [rule.remediation, ...(textRefs.length > 0 ? ['', 'References:', ...textRefs.map((r) => `- ${r}`)] : [])].join('\n'),
    markdown: [escapeMarkdown(rule.remediation), ...(mdRefs.length > 0 ? ['', '**References**', '', ...mdRefs] : [])].join('\n'),
  };
}

function sarifRule(rule: ReportRule): Record<string, unknown> {
  const firstUrl = rule.references.map((r) => r.url).find((u) => isSafeLinkUrl(u));
  return {
    id: rule.id,
    name: ruleName(rule.id),
    shortDescription: { text: rule.title },
    fullDescription: { text: rule.rationale || rule.title },
    ...(firstUrl ? { helpUri: firstUrl } : {}),
    help: helpText(rule),
    defaultConfiguration: { level: levelForSeverity(rule.severity) },
    properties: {
      tags: ['security', 'ciam', `process:${rule.process}`, `area:${rule.area}`, `tier:${rule.tier}`, `severity:${rule.severity}`],
      'security-severity': SECURITY_SEVERITY[rule.severity] ?? '0.0',
      severity: rule.severity,
      process: rule.process,
      area: rule.area,
      tier: rule.tier,
    },
  };
}

/**
 * Percent-encode what RFC 3986 does not allow in a path, query or fragment. WHATWG URL parsing
 * leaves some of it as is (`|`, `^`, `{`, a stray `%`), and SARIF wants an RFC 3986 URI.
 */
function strictUriPart(part: string): string {
  return part
    .replace(/%(?![0-9A-Fa-f]{2})/g, '%25')
    .replace(/[^A-Za-z0-9\-._~:/?#@!$&'()*+,;=%]/g, (c) => encodeURIComponent(c));
}

/**
 * A location URI for a target: a parseable absolute URL, normalised by WHATWG URL and then made
 * strict. User info is left out: a location is stored without secrets, and a URI in a SARIF log
 * is no place for them either.
 */
function targetUri(location: string | undefined): string | undefined {
  if (!location || !URL.canParse(location)) return undefined;
  const url = new URL(location);
  const rest = `${url.pathname}${url.search}${url.hash}`;
  if (url.host || url.protocol === 'file:') return `${url.protocol}//${url.host}${strictUriPart(rest)}`;
  return `${url.protocol}${strictUriPart(rest)}`;
}

function sarifResult(result: RuleResult, ruleIndex: number | undefined, location: string | undefined): Record<string, unknown> {
  const uri = targetUri(location);
  const loc: Record<string, unknown> = {
    ...(uri ? { physicalLocation: { artifactLocation: { uri } } } : {}),
    logicalLocations: [
      {
        name: result.subject,
        fullyQualifiedName: `${result.targetId}/${result.subject}`,
        kind: 'resource',
      },
    ],
  };
  return {
    ruleId: result.ruleId,
    ...(ruleIndex === undefined ? {} : { ruleIndex }),
    kind: 'fail',
    level: levelForResult(result),
    message: { text: result.message || result.ruleId },
    locations: [loc],
    partialFingerprints: { [FINGERPRINT_KEY]: result.fingerprint },
    properties: {
      targetId: result.targetId,
      subject: result.subject,
      outcome: result.outcome,
      severity: result.severity,
      process: result.process,
      tier: result.tier,
      evidence: sortKeysDeep(result.evidence),
    },
  };
}

function notification(targetId: string, error: ScanError): Record<string, unknown> {
  const text = `${targetId}: ${error.message}${error.remediation ? ` (${error.remediation})` : ''}`;
  return {
    descriptor: { id: error.code },
    level: error.code === 'PARTIAL_READ' || error.retryable ? 'warning' : 'error',
    message: { text },
    properties: {
      targetId,
      retryable: error.retryable,
      ...(error.endpoint ? { endpoint: error.endpoint } : {}),
      ...(error.status === undefined ? {} : { status: error.status }),
    },
  };
}

/** SARIF times must be RFC 3339 date-times: a time that does not parse is left out, not copied. */
function utc(key: string, value: string): Record<string, string> {
  const ms = Date.parse(value);
  return Number.isFinite(ms) ? { [key]: new Date(ms).toISOString() } : {};
}

export function renderSarif(report: ScanReport): string {
  const rules = [...report.rules].sort((a, b) => compareStrings(a.id, b.id)).filter((r, i, all) => i === 0 || all[i - 1]?.id !== r.id);
  const ruleIndex = new Map(rules.map((r, i) => [r.id, i]));
  const locations = new Map(report.targets.map((t) => [t.id, t.location]));
  const results = report.results
    .filter((r) => r.outcome === 'fail' || r.outcome === 'warn')
    .sort((a, b) => severityRankDesc(a.severity) - severityRankDesc(b.severity) || compareByIdentity(a, b) || compareStrings(a.outcome, b.outcome));
  const notifications = [...report.targets]
    .sort((a, b) => compareStrings(a.id, b.id))
    .flatMap((t) =>
      [...t.errors]
        .sort((a, b) => compareStrings(a.code, b.code) || compareStrings(a.endpoint ?? '', b.endpoint ?? '') || compareStrings(a.message, b.message))
        .map((e) => notification(t.id, e)),
    );

  const log = {
    $schema: SARIF_SCHEMA,
    version: SARIF_VERSION,
    runs: [
      {
        tool: {
          driver: {
            name: report.tool.name,
            version: report.tool.version,
            ...(/^\d+\.\d+\.\d+/.test(report.tool.version) ? { semanticVersion: report.tool.version } : {}),
            rules: rules.map(sarifRule),
          },
        },
        invocations: [
          {
            // An incomplete scan did not finish its work: some targets could not be fully read.
            executionSuccessful: report.summary.complete,
            ...utc('startTimeUtc', report.startedAt),
            ...utc('endTimeUtc', report.finishedAt),
            toolExecutionNotifications: notifications,
          },
        ],
        results: results.map((r) => sarifResult(r, ruleIndex.get(r.ruleId), locations.get(r.targetId))),
        properties: {
          schemaVersion: report.schemaVersion,
          profile: report.settings.profile,
          ...(report.settings.failOn ? { failOn: report.settings.failOn } : {}),
          complete: report.summary.complete,
          maturity: {
            level: report.maturity.overall.level,
            name: report.maturity.overall.name,
            confidence: report.maturity.overall.confidence,
          },
        },
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}
