/**
 * A report whose every string a scanned system could influence is hostile: markup that would run
 * script, attribute break-outs, Markdown table and code-span break-outs, and a `javascript:` link.
 * A renderer that escapes correctly shows all of it as inert text.
 */
import type { ReportRule, ScanReport } from '../../src/model/report.js';
import type { RuleResult } from '../../src/model/result.js';
import { makeResult, processes, summarize, target, verdict } from './helpers.js';

export const SCRIPT = '<script>alert(1)</script>';
export const IMG = '"><img src=x onerror=alert(1)>';
/** Payloads that set a flag instead of alerting, so the browser test can tell if any ran. */
export const PWN_SCRIPT = '<script>window.__pwned="script"</script>';
export const PWN_IMG = `'"><img src=x onerror="window.__pwned='img'">`;
export const PWN_SVG = '<svg onload="window.__pwned=\'svg\'"></svg>';
export const PWN_ATTR = 'x" onmouseover="window.__pwned=\'attr\'" data-x="';
export const PIPE = 'a | b || c';
export const BACKTICKS = 'run `rm -rf /` and ``more``';
export const STYLE_BREAK = '</style><script>window.__pwned="style"</script>';
export const JS_URL = 'javascript:window.__pwned="link"';

export const HOSTILE_STRINGS = [SCRIPT, IMG, PWN_SCRIPT, PWN_IMG, PWN_SVG, PWN_ATTR, PIPE, BACKTICKS, STYLE_BREAK];

const HOSTILE_TARGET = `evil${PWN_ATTR}`;
const HOSTILE_LOCATION = `https://evil.example/${IMG}|${BACKTICKS}`;

export const HOSTILE_RULES: ReportRule[] = [
  {
    id: 'OIDC-DISCOVERY-VALID',
    title: `The discovery document is valid ${SCRIPT}`,
    severity: 'critical',
    area: 'discovery',
    process: 'authentication',
    tier: 'T0',
    rationale: `Rationale with ${PWN_IMG}`,
    remediation: `Remediate ${PWN_SCRIPT} | ${BACKTICKS}`,
    references: [
      { spec: `Spec ${SCRIPT}`, section: PIPE, url: JS_URL },
      { spec: 'RFC 8414', section: '3', url: 'https://www.rfc-editor.org/rfc/rfc8414#section-3' },
    ],
  },
  {
    id: `OIDC-${PIPE}`,
    title: `Title ${BACKTICKS}`,
    severity: 'medium',
    area: 'flows',
    process: 'authorization',
    tier: 'T0',
    rationale: STYLE_BREAK,
    remediation: `line one\nline two | ${IMG}`,
    references: [{ spec: 'RFC 9700', url: 'https://www.rfc-editor.org/rfc/rfc9700"><script>window.__pwned="ref"</script>' }],
  },
];

const inputs = [
  {
    ruleId: 'OIDC-DISCOVERY-VALID',
    targetId: HOSTILE_TARGET,
    subject: `${HOSTILE_LOCATION}`,
    outcome: 'fail' as const,
    message: `The issuer is ${PWN_SCRIPT} ${PIPE}\n# not a heading\n> not a quote`,
    evidence: {
      issuer: PWN_IMG,
      [`key ${SCRIPT}`]: [PIPE, BACKTICKS, STYLE_BREAK],
      nested: { svg: PWN_SVG, n: 1 },
    },
  },
  {
    ruleId: `OIDC-${PIPE}`,
    targetId: HOSTILE_TARGET,
    subject: BACKTICKS,
    outcome: 'warn' as const,
    message: `Warn ${IMG} \`code\``,
    evidence: { value: '`', pipe: '|', backslashPipe: 'a\\|b' },
  },
  {
    ruleId: `OIDC-${PIPE}`,
    targetId: 'plain-target',
    subject: PWN_SCRIPT,
    outcome: 'unknown' as const,
    message: `Not observed: ${PWN_IMG}`,
    unknownReason: { kind: 'collection-error' as const, detail: `detail ${SCRIPT} | ${BACKTICKS}`, remediation: `Fix ${PWN_SVG}` },
  },
  {
    ruleId: 'OIDC-DISCOVERY-VALID',
    targetId: 'plain-target',
    subject: IMG,
    outcome: 'pass' as const,
    message: `Pass ${SCRIPT}`,
  },
];

export const HOSTILE_RESULTS: RuleResult[] = inputs.map((i) => makeResult(HOSTILE_RULES, i));

const targets = [
  target({
    id: HOSTILE_TARGET,
    type: `oidc ${SCRIPT}`,
    product: PWN_IMG,
    location: HOSTILE_LOCATION,
    complete: false,
    coverage: {
      datasets: [{ name: `users ${PWN_SCRIPT}`, state: 'partial', records: 5, total: 10, reason: PWN_IMG }],
      requests: 3,
      retries: 1,
      throttled: 0,
      missingPermissions: [PWN_SVG],
      quotas: { [`quota ${SCRIPT}`]: PIPE },
    },
    errors: [
      {
        code: 'NOT_JSON',
        message: `Body started with ${PWN_SCRIPT}`,
        endpoint: `https://evil.example/${IMG}`,
        status: 200,
        retryable: false,
        remediation: `Remediate ${BACKTICKS} | ${PWN_IMG}`,
        cause: STYLE_BREAK,
      },
    ],
  }),
  target({ id: 'plain-target', location: 'customers.csv', type: 'file', kind: 'identity-store', product: 'file' }),
];

export const hostileReport: ScanReport = {
  schemaVersion: '1.0.0',
  tool: { name: 'ciamscan', version: `0.1.0${SCRIPT}` },
  startedAt: `2025-05-04T10:00:00.000Z${IMG}`,
  finishedAt: '2025-05-04T10:00:05.000Z',
  settings: { profile: `strict ${BACKTICKS}` },
  targets,
  rules: HOSTILE_RULES,
  results: HOSTILE_RESULTS,
  identity: {
    profilesPerTarget: [
      { targetId: HOSTILE_TARGET, profiles: 12 },
      { targetId: 'plain-target', profiles: 3 },
    ],
    clusters: [
      { id: `c1${SCRIPT}`, members: ['p1', PWN_IMG], reasons: [PIPE] },
      { id: 'c2', members: ['p3'], [`extra ${PWN_SVG}`]: true },
    ],
    overlaps: [PWN_SCRIPT, 42, null, [1, 2]],
    linkRates: [{ from: HOSTILE_TARGET, to: 'plain-target', rate: 0.5 }],
  } as unknown as ScanReport['identity'],
  maturity: {
    model: { name: `model ${SCRIPT}`, version: '1' },
    overall: verdict({
      level: 2,
      name: `Siloed ${PWN_IMG}`,
      statement: `Statement ${PWN_SCRIPT}\n- not a list ${PIPE}`,
      supports: [
        {
          ruleId: 'OIDC-DISCOVERY-VALID',
          targetId: HOSTILE_TARGET,
          subject: BACKTICKS,
          outcome: 'fail',
          role: 'gate',
          level: 1,
          fingerprint: '0123456789abcdef0123456789abcdef',
        },
      ],
      blockers: [{ level: 3, kind: 'missing-signals', ruleIds: [`OIDC-${PIPE}`], detail: `Detail ${PWN_SVG}` }],
      notObserved: [SCRIPT],
    }),
    processes: processes(
      { registration: 1, provisioning: 2, authentication: 3, authorization: 4, 'user-management': 5, monitoring: 1 },
      { authentication: { statement: `Process statement ${PWN_SCRIPT}` } },
    ),
    attestation: [`Attest ${PWN_IMG}`, BACKTICKS],
  },
  summary: summarize(HOSTILE_RESULTS, targets),
};
