/**
 * An OIDC-only scan of two authorization servers: one fully read, one that timed out on its JWKS
 * (incomplete, with errors). Every outcome occurs, including `unknown` with several reasons.
 */
import type { ReportRule, ScanReport } from '../../src/model/report.js';
import type { RuleResult } from '../../src/model/result.js';
import { makeResult, processes, summarize, target, verdict, type ResultInput } from './helpers.js';

export const OIDC_RULES: ReportRule[] = [
  {
    id: 'OIDC-DISCOVERY-VALID',
    title: 'The discovery document is valid JSON served over HTTPS',
    severity: 'high',
    area: 'discovery',
    process: 'authentication',
    tier: 'T0',
    rationale: 'Relying parties configure themselves from the discovery document; a broken one breaks every client.',
    remediation: 'Serve /.well-known/openid-configuration with status 200 and Content-Type application/json.',
    references: [{ spec: 'OpenID Connect Discovery 1.0', section: '4', url: 'https://openid.net/specs/openid-connect-discovery-1_0.html#ProviderConfig' }],
  },
  {
    id: 'OIDC-PKCE-S256',
    title: 'PKCE with S256 is advertised',
    severity: 'high',
    area: 'flows',
    process: 'authentication',
    tier: 'T0',
    rationale: 'PKCE binds the authorization code to the client that asked for it; plain offers no protection against interception.',
    remediation: 'Advertise code_challenge_methods_supported: ["S256"] and reject plain.',
    references: [
      { spec: 'RFC 7636', section: '4.2', url: 'https://www.rfc-editor.org/rfc/rfc7636#section-4.2' },
      { spec: 'RFC 9700', section: '2.1.1', url: 'https://www.rfc-editor.org/rfc/rfc9700#section-2.1.1' },
    ],
  },
  {
    id: 'OIDC-IMPLICIT-DISABLED',
    title: 'The implicit grant is not offered',
    severity: 'medium',
    area: 'flows',
    process: 'authentication',
    tier: 'T0',
    rationale: 'Tokens in the front channel leak through history, referrers and logs.',
    remediation: 'Remove token and id_token token from response_types_supported.',
    references: [{ spec: 'RFC 9700', section: '2.1.2', url: 'https://www.rfc-editor.org/rfc/rfc9700#section-2.1.2' }],
  },
  {
    id: 'OIDC-ISS-PARAMETER',
    title: 'Authorization responses carry iss',
    severity: 'medium',
    area: 'flows',
    process: 'authorization',
    tier: 'T0',
    rationale: 'The iss parameter defends against mix-up attacks when a client talks to several servers.',
    remediation: 'Enable the iss response parameter and advertise authorization_response_iss_parameter_supported.',
    references: [{ spec: 'RFC 9207', section: '3', url: 'https://www.rfc-editor.org/rfc/rfc9207#section-3' }],
  },
  {
    id: 'OIDC-JWKS-KEY-STRENGTH',
    title: 'Signing keys are strong enough',
    severity: 'critical',
    area: 'keys',
    process: 'authentication',
    tier: 'T0',
    rationale: 'RSA keys below 2048 bits can be factored; a forged ID token impersonates any customer.',
    remediation: 'Rotate to RSA 3072 or EC P-256 keys and retire the weak key from the JWKS.',
    references: [{ spec: 'RFC 7518', section: '3.3' }, { spec: 'NIST SP 800-57 Part 1', section: '5.6.1' }],
  },
  {
    id: 'OIDC-PAR-SUPPORTED',
    title: 'Pushed authorization requests are supported',
    severity: 'low',
    area: 'flows',
    process: 'authorization',
    tier: 'T0',
    rationale: 'PAR keeps authorization request parameters out of the browser and allows them to be authenticated.',
    remediation: 'Enable PAR and advertise pushed_authorization_request_endpoint.',
    references: [{ spec: 'RFC 9126', section: '5', url: 'https://www.rfc-editor.org/rfc/rfc9126#section-5' }],
  },
  {
    id: 'OIDC-REGISTRATION-OPEN',
    title: 'Dynamic client registration is not open to anyone',
    severity: 'medium',
    area: 'registration',
    process: 'registration',
    tier: 'T1',
    rationale: 'Open registration lets anyone create clients that phish customers with the real login page.',
    remediation: 'Require an initial access token for dynamic client registration.',
    references: [{ spec: 'RFC 7591', section: '3' }],
  },
  {
    id: 'OIDC-EVENTS-STREAMED',
    title: 'Security events are streamed to a SIEM',
    severity: 'info',
    area: 'monitoring',
    process: 'monitoring',
    tier: 'T2',
    rationale: 'Without a stream of login and admin events, account takeover goes unnoticed.',
    remediation: 'Configure an event listener or log stream to the SIEM.',
    references: [],
  },
];

const CORP = 'https://login.example.com/realms/customers';
const PARTNER = 'https://id.partner.example';

const inputs: ResultInput[] = [
  { ruleId: 'OIDC-DISCOVERY-VALID', targetId: 'corp-oidc', subject: CORP, outcome: 'pass', message: 'The discovery document is valid.', evidence: { status: 200, contentType: 'application/json' } },
  { ruleId: 'OIDC-DISCOVERY-VALID', targetId: 'partner-oidc', subject: PARTNER, outcome: 'pass', message: 'The discovery document is valid.', evidence: { status: 200, contentType: 'application/json; charset=utf-8' } },
  { ruleId: 'OIDC-PKCE-S256', targetId: 'corp-oidc', subject: CORP, outcome: 'pass', message: 'S256 is advertised.', evidence: { code_challenge_methods_supported: ['S256'] } },
  {
    ruleId: 'OIDC-PKCE-S256',
    targetId: 'partner-oidc',
    subject: PARTNER,
    outcome: 'fail',
    message: 'Only plain is advertised in code_challenge_methods_supported.',
    evidence: { code_challenge_methods_supported: ['plain'], source: `${PARTNER}/.well-known/openid-configuration` },
  },
  {
    ruleId: 'OIDC-IMPLICIT-DISABLED',
    targetId: 'corp-oidc',
    subject: CORP,
    outcome: 'warn',
    message: 'response_types_supported still lists id_token token.',
    evidence: { response_types_supported: ['code', 'id_token', 'id_token token'] },
  },
  { ruleId: 'OIDC-IMPLICIT-DISABLED', targetId: 'partner-oidc', subject: PARTNER, outcome: 'pass', message: 'Only the code flow is offered.', evidence: { response_types_supported: ['code'] } },
  { ruleId: 'OIDC-ISS-PARAMETER', targetId: 'corp-oidc', subject: CORP, outcome: 'fail', message: 'authorization_response_iss_parameter_supported is absent.', evidence: { authorization_response_iss_parameter_supported: null } },
  { ruleId: 'OIDC-ISS-PARAMETER', targetId: 'partner-oidc', subject: PARTNER, outcome: 'pass', message: 'iss is advertised.', evidence: { authorization_response_iss_parameter_supported: true } },
  {
    ruleId: 'OIDC-JWKS-KEY-STRENGTH',
    targetId: 'corp-oidc',
    subject: 'kid:rsa-2019',
    outcome: 'fail',
    message: 'RSA key rsa-2019 has 1024 bits.',
    evidence: { kid: 'rsa-2019', kty: 'RSA', bits: 1024, use: 'sig' },
  },
  { ruleId: 'OIDC-JWKS-KEY-STRENGTH', targetId: 'corp-oidc', subject: 'kid:ec-2024', outcome: 'pass', message: 'EC key ec-2024 uses P-256.', evidence: { kid: 'ec-2024', kty: 'EC', crv: 'P-256' } },
  {
    ruleId: 'OIDC-JWKS-KEY-STRENGTH',
    targetId: 'partner-oidc',
    subject: PARTNER,
    outcome: 'unknown',
    message: 'Not observed: the JWKS could not be read (timeout after 10 s).',
    unknownReason: {
      kind: 'collection-error',
      detail: 'the JWKS could not be read (timeout after 10 s)',
      error: { code: 'TIMEOUT', message: 'GET jwks_uri timed out after 10000 ms', endpoint: `${PARTNER}/jwks`, retryable: true, remediation: 'Retry later or raise the timeout.' },
    },
  },
  { ruleId: 'OIDC-PAR-SUPPORTED', targetId: 'corp-oidc', subject: CORP, outcome: 'info', message: 'PAR is not advertised.', evidence: { pushed_authorization_request_endpoint: null } },
  { ruleId: 'OIDC-PAR-SUPPORTED', targetId: 'partner-oidc', subject: PARTNER, outcome: 'fail', severity: 'low', message: 'PAR is not supported.', evidence: {} },
  { ruleId: 'OIDC-REGISTRATION-OPEN', targetId: 'corp-oidc', subject: CORP, outcome: 'n/a', message: 'No registration_endpoint is advertised.' },
  {
    ruleId: 'OIDC-REGISTRATION-OPEN',
    targetId: 'partner-oidc',
    subject: PARTNER,
    outcome: 'unknown',
    message: 'Not observed: the T1 registration probe is off.',
    unknownReason: { kind: 'not-observed', detail: 'the T1 registration probe is off', remediation: 'Run with --tier T1 to probe dynamic client registration.' },
  },
  {
    ruleId: 'OIDC-EVENTS-STREAMED',
    targetId: 'corp-oidc',
    subject: CORP,
    outcome: 'unknown',
    message: 'Not observed: no admin credential was given.',
    unknownReason: { kind: 'no-credential', detail: 'reading event listeners needs a T2 admin credential', remediation: 'Configure a read-only admin client for corp-oidc.' },
  },
  {
    ruleId: 'OIDC-EVENTS-STREAMED',
    targetId: 'partner-oidc',
    subject: PARTNER,
    outcome: 'unknown',
    message: 'Not observed: the credential lacks view-events.',
    unknownReason: { kind: 'no-permission', detail: 'the credential lacks a role', permission: 'view-events' },
  },
];

const targets = [
  target({
    id: 'corp-oidc',
    product: 'keycloak',
    location: CORP,
    coverage: {
      datasets: [
        { name: 'discovery', state: 'complete', records: 1, total: 1 },
        { name: 'jwks', state: 'complete', records: 2, total: 2 },
        { name: 'events', state: 'not-read', reason: 'no T2 credential' },
      ],
      requests: 4,
      retries: 0,
      throttled: 0,
      missingPermissions: [],
    },
  }),
  target({
    id: 'partner-oidc',
    product: 'oidc-provider',
    location: PARTNER,
    complete: false,
    coverage: {
      datasets: [
        { name: 'discovery', state: 'complete', records: 1, total: 1 },
        { name: 'jwks', state: 'not-read', reason: 'timeout' },
        { name: 'clients', state: 'partial', records: 120, total: 480, pages: 3, reason: 'rate limited' },
      ],
      requests: 9,
      retries: 3,
      throttled: 2,
      missingPermissions: ['view-events'],
    },
    errors: [
      {
        code: 'TIMEOUT',
        message: 'GET jwks_uri timed out after 10000 ms',
        endpoint: `${PARTNER}/jwks`,
        retryable: true,
        remediation: 'Retry later or raise targets[].timeoutMs.',
      },
      {
        code: 'RATE_LIMITED',
        message: 'HTTP 429 on the clients API after 3 retries',
        endpoint: `${PARTNER}/admin/clients`,
        status: 429,
        retryable: true,
        remediation: 'Lower the request rate for this target.',
        cause: 'Retry-After: 120',
      },
    ],
  }),
];

export const OIDC_RESULTS: RuleResult[] = inputs.map((i) => makeResult(OIDC_RULES, i));

const byId = (ruleId: string, targetId: string) => {
  const r = OIDC_RESULTS.find((x) => x.ruleId === ruleId && x.targetId === targetId);
  if (!r) throw new Error(`no result ${ruleId}/${targetId}`);
  return { ruleId, targetId, subject: r.subject, outcome: r.outcome, fingerprint: r.fingerprint };
};

export const oidcScanReport: ScanReport = {
  schemaVersion: '1.0.0',
  tool: { name: 'ciamscan', version: '0.1.0' },
  startedAt: '2025-05-04T09:30:00.000Z',
  finishedAt: '2025-05-04T09:31:12.480Z',
  settings: { profile: 'default', failOn: 'high' },
  targets,
  rules: OIDC_RULES,
  results: OIDC_RESULTS,
  identity: { built: false, reason: 'no identity store or CRM profiles were read', profilesPerTarget: [], clusters: [], overlaps: [], linkRates: [] },
  maturity: {
    model: { name: 'ciamscan-maturity', version: '1.0.0' },
    overall: verdict({
      level: 1,
      name: 'Managed identity',
      confidence: 'medium',
      observedShare: 0.625,
      supports: [
        { ...byId('OIDC-DISCOVERY-VALID', 'corp-oidc'), role: 'gate', level: 1 },
        { ...byId('OIDC-PKCE-S256', 'corp-oidc'), role: 'signal', level: 1 },
      ],
      contradicts: [{ ...byId('OIDC-PKCE-S256', 'partner-oidc'), role: 'gate', level: 2 }],
      blockers: [
        { level: 2, kind: 'failed-gate', ruleIds: ['OIDC-PKCE-S256', 'OIDC-ISS-PARAMETER'], detail: 'Two gates of level 2 fail.' },
        { level: 2, kind: 'not-observed', ruleIds: ['OIDC-EVENTS-STREAMED'], detail: 'Event streaming could not be observed.' },
      ],
      notObserved: ['OIDC-EVENTS-STREAMED', 'OIDC-REGISTRATION-OPEN'],
      statement: 'The evidence supports level 1 (Managed identity): customers sign in through managed authorization servers, but failed gates keep level 2 from being credited.',
    }),
    processes: processes(
      { registration: 1, provisioning: 0, authentication: 2, authorization: 2, 'user-management': 1, monitoring: 1 },
      { provisioning: { confidence: 'none', observedShare: 0, statement: 'No identity store was scanned.' }, monitoring: { confidence: 'low', observedShare: 0 } },
    ),
    attestation: ['A named owner is accountable for the customer identity roadmap.', 'Consent records are reviewed yearly.'],
  },
  summary: summarize(OIDC_RESULTS, targets),
};
