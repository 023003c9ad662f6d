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

export const HOSTILE_TARGET = `evil${PWN_ATTR}`;
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

/** A second hostile system: a CRM whose id breaks out of Markdown tables and code spans. */
export const HOSTILE_CRM = `crm ${PIPE} ${BACKTICKS}`;
export const HOSTILE_REASON = `email:${SCRIPT}`;
export const HOSTILE_EXAMPLE = `j***@${PWN_IMG}|\`x\``;

/**
 * The identity graph in its real shape, every string hostile: target ids, reasons, masked examples,
 * pseudonyms, fingerprints, edge details, blocking rules, the model's reason, age and size buckets.
 * It also carries an analysis this renderer does not know (`futureAnalysis`), shown as a generic table.
 */
export const HOSTILE_IDENTITY = {
  built: true,
  profilesPerTarget: [
    { targetId: HOSTILE_TARGET, profiles: 12 },
    { targetId: 'plain-target', profiles: 3 },
    { targetId: HOSTILE_CRM, profiles: 5 },
  ],
  targets: [
    { targetId: HOSTILE_TARGET, kind: 'identity-store', profiles: 12, people: 9, withoutIdentifiers: 1 },
    { targetId: 'plain-target', kind: 'identity-store', profiles: 3, people: 3, withoutIdentifiers: 0 },
    { targetId: HOSTILE_CRM, kind: 'crm', profiles: 5, people: 5, withoutIdentifiers: 0 },
  ],
  duplicates: [
    {
      targetId: HOSTILE_TARGET,
      clusters: 2,
      profilesInClusters: 5,
      share: 0.4167,
      sizes: { '2': 1, '3': 1, [`size ${SCRIPT}`]: 1 },
      topReasons: [
        { reason: HOSTILE_REASON, count: 3 },
        { reason: PIPE, count: 2 },
        { reason: BACKTICKS, count: 1 },
      ],
    },
  ],
  socialDuplicates: [{ targetId: HOSTILE_TARGET, pairs: 1, federatedAccounts: 4, share: 0.25 }],
  overlaps: [
    { targetA: HOSTILE_TARGET, targetB: 'plain-target', shared: 2, shareOfSmaller: 0.6667, edges: [] },
    {
      targetA: HOSTILE_CRM,
      targetB: HOSTILE_TARGET,
      shared: 4,
      shareOfSmaller: 0.8,
      edges: [{ kind: 'crm-key', from: PWN_SVG, detail: `4 records hold ${PWN_SCRIPT} in ${PIPE}` }],
    },
    { targetA: HOSTILE_CRM, targetB: 'plain-target', shared: 0, shareOfSmaller: 0, edges: [] },
  ],
  linkRates: [{ crmTargetId: HOSTILE_CRM, customerContacts: 5, linkedExplicit: 2, linkedMatchOnly: 2, unlinked: 1, identities: 11, identitiesInCrm: 4 }],
  lifecycleDrift: [{ crmTargetId: HOSTILE_CRM, linkedPairs: 4, disabledButActive: 1, danglingKeys: 2 }],
  consent: [{ crmTargetId: HOSTILE_CRM, linkedPairs: 4, bothKnown: 3, disagree: 1 }],
  emailCollisions: [{ verifiedIn: HOSTILE_TARGET, unverifiedIn: 'plain-target', count: 1 }],
  completeness: [
    {
      targetId: HOSTILE_TARGET,
      buckets: [
        { age: '<1y', profiles: 4, meanFilled: 3.25 },
        { age: `age ${PWN_IMG}`, profiles: 8, meanFilled: 2 },
      ],
    },
  ],
  clusters: [
    {
      fingerprint: `fp${PWN_ATTR}`,
      size: 3,
      members: [
        { targetId: HOSTILE_TARGET, pseudonym: PWN_SCRIPT, example: HOSTILE_EXAMPLE },
        { targetId: HOSTILE_CRM, pseudonym: `p${PIPE}`, example: `${SCRIPT}@e***.com` },
        { targetId: 'plain-target', pseudonym: BACKTICKS },
      ],
      reasons: [
        { reason: HOSTILE_REASON, count: 2 },
        { reason: STYLE_BREAK, count: 1 },
      ],
    },
    {
      fingerprint: '00000000deadbeef',
      size: 2,
      members: [
        { targetId: HOSTILE_TARGET, pseudonym: '1111111111111111', example: 'a***@b***.com' },
        { targetId: HOSTILE_TARGET, pseudonym: '2222222222222222', example: 'a***@b***.com' },
      ],
      reasons: [{ reason: PIPE, count: 1 }],
    },
  ],
  clusterCount: 7,
  resolution: {
    candidatePairs: 40,
    acceptedPairs: 9,
    explicitLinks: 4,
    vetoed: 2,
    chainingPrevented: 1,
    threshold: 0.95,
    model: { lambda: 0.0125, emIterations: 100, emConverged: false, fallback: true, reason: `EM ${PWN_SCRIPT} ${PIPE}` },
    blocking: [
      { rule: `rule ${SCRIPT}`, pairs: 30, blocks: 5, oversized: 1, largestSkipped: 5000 },
      { rule: BACKTICKS, pairs: 10, blocks: 3, oversized: 0, largestSkipped: 0 },
    ],
    pseudonymKey: 'per-run',
  },
  futureAnalysis: [{ [`column ${PWN_SVG}`]: PWN_SCRIPT, n: 1 }],
} as unknown as ScanReport['identity'];

export const hostileReport: ScanReport = {
  schemaVersion: '1.0.0',
  tool: { name: 'ciamscan', version: `0.1.0${SCRIPT}` },
  startedAt: `2025-05-04T10:00:00.000Z${IMG}`,
  finishedAt: '2025-05-04T10:00:05.000Z',
  settings: { profile: `strict ${BACKTICKS}` },
  targets,
  rules: HOSTILE_RULES,
  results: HOSTILE_RESULTS,
  identity: HOSTILE_IDENTITY,
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
