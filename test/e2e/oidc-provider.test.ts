/**
 * End-to-end: real oidc-provider servers (started here, in the test process, on 127.0.0.1 over
 * https with a private CA) in four configurations, scanned by the BUILT CLI as a child process.
 * The assertions follow from what each configuration publishes, so they differ between them.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAuthorizationServer, type AuthorizationServerOptions, type RunningAuthorizationServer } from '../../src/demo/authorization-server.js';
import { RULES } from '../../rules/index.js';
import type { ScanReport } from '../../src/model/report.js';
import type { RuleResult } from '../../src/model/result.js';
import {
  createTestPki,
  expectNoCrash,
  outcomeOf,
  parseReport,
  removeTempDirs,
  resultOf,
  runCli,
  tempDir,
  type CliRun,
  type TestPki,
} from './helpers.js';

type ConfigName = 'typical' | 'legacy' | 'hardened' | 'weak';

/** What each configuration publishes, and therefore what the scan must conclude. */
const CONFIGURATIONS: Record<ConfigName, Omit<AuthorizationServerOptions, 'tls'>> = {
  // oidc-provider's defaults: PKCE advertised (S256) and required for public clients, PAR optional.
  typical: {},
  // PKCE optional and not advertised, no PAR.
  legacy: { pkce: 'unadvertised', par: 'off' },
  // Everything a careful deployment turns on.
  hardened: { pkce: 'required', par: 'required', securityHeaders: true, backchannelLogout: true, dpop: true, introspection: true },
  // HS256 ID tokens and front-channel access tokens, open registration, device flow, behind a path.
  weak: { weakAlgorithms: true, openRegistration: true, deviceFlow: true, issuerPath: '/realms/customers' },
};
const NAMES = Object.keys(CONFIGURATIONS) as ConfigName[];

let pki: TestPki;
const servers = new Map<ConfigName, RunningAuthorizationServer>();
const baseline = new Map<ConfigName, { run: CliRun; report: ScanReport }>();

function issuer(name: ConfigName): string {
  const server = servers.get(name);
  if (!server) throw new Error(`server ${name} did not start`);
  return server.issuer;
}

/** `ciamscan oidc ISSUER --format json --rps 100 --ca-file CA ...extra`, with the generic checks. */
async function scan(name: ConfigName, extra: string[] = [], codes: readonly number[] = [0]): Promise<{ run: CliRun; report: ScanReport }> {
  const run = await runCli(['oidc', issuer(name), '--format', 'json', '--rps', '100', '--ca-file', pki.caFile, ...extra]);
  expectNoCrash(run, codes);
  // The provider's configured client secret and cookie key are never published, so never reported.
  for (const secret of ['demo-web-shop-secret-not-for-production', 'ciamscan-demo-cookie-key-not-secret']) {
    expect(run.stdout + run.stderr).not.toContain(secret);
  }
  return { run, report: parseReport(run) };
}

/** The documented order of results: rule id, then target id, then subject. */
function byRuleTargetSubject(a: RuleResult, b: RuleResult): number {
  return a.ruleId.localeCompare(b.ruleId) || a.targetId.localeCompare(b.targetId) || a.subject.localeCompare(b.subject);
}

function base(name: ConfigName): ScanReport {
  const entry = baseline.get(name);
  if (!entry) throw new Error(`no baseline scan of ${name}`);
  return entry.report;
}

/** The report without its clock readings: start/finish times and the KEY-ROTATION sighting dates. */
function withoutTimes(report: ScanReport): unknown {
  return JSON.parse(JSON.stringify(report).replace(/"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z"/g, '"<time>"'));
}

beforeAll(async () => {
  pki = await createTestPki(tempDir());
  await Promise.all(
    NAMES.map(async (name) => {
      servers.set(name, await startAuthorizationServer({ tls: pki.server, ...CONFIGURATIONS[name] }));
    }),
  );
  // One plain scan per configuration; the tests below add the runs that need other options.
  await Promise.all(NAMES.map(async (name) => baseline.set(name, await scan(name))));
});

afterAll(async () => {
  await Promise.all([...servers.values()].map((s) => s.close()));
  removeTempDirs();
});

describe('every configuration, plain scan', () => {
  it.each(NAMES)('%s: complete, within the request budget, exit 0, stdout is only the report', (name) => {
    const { run, report } = baseline.get(name)!;
    expect(run.code).toBe(0);
    expect(report.targets).toHaveLength(1);
    const target = report.targets[0]!;
    expect(target.location).toBe(issuer(name));
    expect(target.complete, JSON.stringify(target.errors)).toBe(true);
    expect(target.errors).toEqual([]);
    expect(target.coverage.requests).toBeGreaterThan(0);
    // Catalog §14.1: at most 60 requests per host and run.
    expect(target.coverage.requests).toBeLessThanOrEqual(60);
    expect(report.summary.complete).toBe(true);
    // One result per rule: every outside-in rule judges the server; every rule that needs an admin
    // credential (T2) or profiles says so (unknown), or gives its info, instead of guessing.
    const tierOf = new Map(RULES.map((r) => [r.meta.id, r.meta.tier]));
    expect(new Set(report.results.map((r) => r.ruleId)).size).toBe(report.results.length);
    const outsideIn = report.results.filter((r) => tierOf.get(r.ruleId) !== 'T2');
    // The outside-in rules about SCIM services and directories have no subject in an OIDC-only scan.
    const storeOnly = new Set(['PROV-DIRECTORY-TLS', 'PROV-SCIM-AUTH-ENFORCED', 'PROV-SCIM-CAPABILITIES']);
    expect(outsideIn.map((r) => r.ruleId).sort()).toEqual(RULES.filter((r) => r.meta.tier !== 'T2' && !storeOnly.has(r.meta.id)).map((r) => r.meta.id).sort());
    for (const r of report.results.filter((x) => tierOf.get(x.ruleId) === 'T2')) {
      expect(['unknown', 'info'], r.ruleId).toContain(r.outcome);
      if (r.outcome === 'unknown') expect(r.unknownReason?.detail, r.ruleId).toBeTruthy();
    }
    // stdout is exactly one JSON document; the progress and the summary went to stderr.
    expect(run.stdout.trimStart().startsWith('{')).toBe(true);
    expect(run.stdout).not.toMatch(/scanning|Results:|Maturity:/);
    expect(run.stderr).toMatch(/scanning https:\/\/127\.0\.0\.1:\d+/);
    expect(run.stderr).toMatch(/^Results: \d+ fail/m);
    expect(run.stderr).toMatch(/^Maturity: /m);
  });

  it('--quiet prints nothing on stderr; --verbose adds the collection steps', async () => {
    const quiet = await scan('typical', ['--quiet']);
    expect(quiet.run.stderr).toBe('');
    expect(quiet.report.results.length).toBeGreaterThanOrEqual(28);
    const verbose = await scan('typical', ['--verbose']);
    for (const step of ['discovery', 'keys', 'endpoints', 'well-known documents', 'TLS']) expect(verbose.run.stderr).toContain(step);
    expect(verbose.report.results).toHaveLength(quiet.report.results.length);
  });

  it('the issuer path is kept: discovery, issuer and endpoints live under /realms/customers', () => {
    const report = base('weak');
    expect(issuer('weak')).toMatch(/\/realms\/customers$/);
    expect(outcomeOf(report, 'DISC-ISSUER-EXACT')).toBe('DISC-ISSUER-EXACT pass exact');
    expect(outcomeOf(report, 'DISC-METADATA-PUBLISHED')).toBe('DISC-METADATA-PUBLISHED pass published');
    expect(outcomeOf(report, 'DISC-HTTPS-ENDPOINTS')).toMatch(/ pass /);
  });
});

describe('PKCE (OIDC-PKCE-S256)', () => {
  it('fails when code_challenge_methods_supported is not published (pkce: unadvertised)', () => {
    const r = resultOf(base('legacy'), 'OIDC-PKCE-S256');
    expect([r.outcome, r.messageId]).toEqual(['fail', 'absent']);
    expect(r.evidence).toEqual({ codeChallengeMethods: null });
  });

  it.each(['typical', 'hardened', 'weak'] as const)('passes when S256 is advertised (%s)', (name) => {
    const r = resultOf(base(name), 'OIDC-PKCE-S256');
    expect([r.outcome, r.messageId]).toEqual(['pass', 's256Only']);
    expect(r.evidence).toEqual({ codeChallengeMethods: ['S256'] });
  });
});

describe('PAR (FLOW-PAR), default and FAPI 2.0 profiles', () => {
  it('par required: info "enforced", and pass under --profile fapi2', async () => {
    expect(outcomeOf(base('hardened'), 'FLOW-PAR')).toBe('FLOW-PAR info enforced');
    const { report } = await scan('hardened', ['--profile', 'fapi2']);
    expect(report.settings.profile).toBe('fapi2');
    expect(outcomeOf(report, 'FLOW-PAR')).toBe('FLOW-PAR pass enforced');
  });

  it('par on: info "available"; par off: info "unavailable"', () => {
    expect(outcomeOf(base('typical'), 'FLOW-PAR')).toBe('FLOW-PAR info available');
    expect(outcomeOf(base('legacy'), 'FLOW-PAR')).toBe('FLOW-PAR info unavailable');
  });

  it('par off: fails with high severity under --profile fapi2 (and --fail-on high exits 1)', async () => {
    const { run, report } = await scan('legacy', ['--profile', 'fapi2', '--fail-on', 'high'], [1]);
    expect(run.code).toBe(1);
    const r = resultOf(report, 'FLOW-PAR');
    expect([r.outcome, r.severity, r.messageId]).toEqual(['fail', 'high', 'fapiNotEnforced']);
    expect(r.message).toContain('not offered');
  });
});

describe('weak algorithms and front-channel tokens', () => {
  it('KEY-ID-TOKEN-ALGS warns about HS256 only where it is enabled', () => {
    const weak = resultOf(base('weak'), 'KEY-ID-TOKEN-ALGS');
    expect([weak.outcome, weak.messageId]).toEqual(['warn', 'weak']);
    expect(weak.message).toContain('HS256');
    for (const name of ['typical', 'legacy', 'hardened'] as const) {
      expect(outcomeOf(base(name), 'KEY-ID-TOKEN-ALGS')).toBe('KEY-ID-TOKEN-ALGS pass safe');
    }
  });

  it('FLOW-NO-IMPLICIT names the token response types only where they are enabled', () => {
    const weak = resultOf(base('weak'), 'FLOW-NO-IMPLICIT');
    expect([weak.outcome, weak.messageId]).toEqual(['warn', 'advertised']);
    expect(weak.evidence.tokenResponseTypes).toEqual(expect.arrayContaining(['code token', 'code id_token token']));
    expect(weak.message).toContain('code token');
    // oidc-provider lists the implicit grant in every configuration (it supports `id_token`), so
    // the others warn too, but without a response type that returns an access token.
    const typical = resultOf(base('typical'), 'FLOW-NO-IMPLICIT');
    expect(typical.evidence.tokenResponseTypes).toEqual([]);
    expect(typical.message).not.toContain('code token');
  });

  it('open registration and the device flow are reported where enabled', () => {
    expect(outcomeOf(base('weak'), 'DISC-DCR-EXPOSURE')).toBe('DISC-DCR-EXPOSURE info advertised');
    expect(outcomeOf(base('typical'), 'DISC-DCR-EXPOSURE')).toBe('DISC-DCR-EXPOSURE n/a notAdvertised');
    expect(outcomeOf(base('weak'), 'FLOW-CROSS-DEVICE')).toBe('FLOW-CROSS-DEVICE info available');
    expect(outcomeOf(base('typical'), 'FLOW-CROSS-DEVICE')).toBe('FLOW-CROSS-DEVICE info none');
  });
});

describe('security headers, logout, sender-constrained tokens', () => {
  it('securityHeaders: DISC-ANTI-FRAMING and DISC-TLS-BASELINE pass; without them: fail and warn (no HSTS)', () => {
    expect(outcomeOf(base('hardened'), 'DISC-ANTI-FRAMING')).toBe('DISC-ANTI-FRAMING pass protected');
    expect(outcomeOf(base('hardened'), 'DISC-TLS-BASELINE')).toBe('DISC-TLS-BASELINE pass baseline');
    expect(outcomeOf(base('typical'), 'DISC-ANTI-FRAMING')).toBe('DISC-ANTI-FRAMING fail unprotected');
    const tls = resultOf(base('typical'), 'DISC-TLS-BASELINE');
    expect([tls.outcome, tls.messageId]).toEqual(['warn', 'weak']);
    expect(tls.message).toContain('no HSTS on authorization_endpoint');
    // The handshakes themselves were judged: TLS 1.0/1.1 refused, the private CA trusted.
    const hosts = tls.evidence.hosts as Array<{ accepted: string[]; certificate: { trusted: boolean; hostnameMatch: boolean } }>;
    expect(hosts).toHaveLength(1);
    expect(hosts[0]!.accepted).not.toContain('TLSv1');
    expect(hosts[0]!.accepted).toContain('TLSv1.3');
    expect(hosts[0]!.certificate).toMatchObject({ trusted: true, hostnameMatch: true });
  });

  it('backchannelLogout: SESS-BACKCHANNEL-LOGOUT passes; otherwise info "none"', () => {
    expect(outcomeOf(base('hardened'), 'SESS-BACKCHANNEL-LOGOUT')).toBe('SESS-BACKCHANNEL-LOGOUT pass backchannel');
    expect(outcomeOf(base('typical'), 'SESS-BACKCHANNEL-LOGOUT')).toBe('SESS-BACKCHANNEL-LOGOUT info none');
  });

  it('dpop: TOKEN-SENDER-CONSTRAINED passes; otherwise warn "bearerOnly"', () => {
    const bound = resultOf(base('hardened'), 'TOKEN-SENDER-CONSTRAINED');
    expect([bound.outcome, bound.messageId]).toEqual(['pass', 'bound']);
    expect(bound.message).toContain('DPoP');
    expect(outcomeOf(base('typical'), 'TOKEN-SENDER-CONSTRAINED')).toBe('TOKEN-SENDER-CONSTRAINED warn bearerOnly');
  });
});

describe('T1 probes', () => {
  it('CAUTH-INTROSPECTION-PROTECTED is unknown without --active-probes and passes with them', async () => {
    const off = resultOf(base('hardened'), 'CAUTH-INTROSPECTION-PROTECTED');
    expect(off.outcome).toBe('unknown');
    expect(off.unknownReason?.detail).toContain('T1 probes are off');
    const { report } = await scan('hardened', ['--active-probes']);
    const on = resultOf(report, 'CAUTH-INTROSPECTION-PROTECTED');
    expect([on.outcome, on.messageId]).toEqual(['pass', 'protected']);
    expect([400, 401, 403]).toContain(on.evidence.status);
    const target = report.targets[0]!;
    expect(target.complete).toBe(true);
    // Two more requests than the plain scan: the introspection POST and the redirect-URI probe.
    expect(target.coverage.requests).toBe(base('hardened').targets[0]!.coverage.requests + 2);
  });
});

describe('exit codes', () => {
  it('0 without --fail-on although something fails; 1 with --fail-on low', async () => {
    expect(base('typical').results.some((r) => r.outcome === 'fail')).toBe(true);
    expect(baseline.get('typical')!.run.code).toBe(0);
    const { run, report } = await scan('typical', ['--fail-on', 'low'], [1]);
    expect(run.code).toBe(1);
    expect(report.settings.failOn).toBe('low');
    expect(run.stderr).toMatch(/^ {2}FAIL /m);
  });

  it('0 with --fail-on low when nothing fails (hardened)', async () => {
    expect(base('hardened').results.filter((r) => r.outcome === 'fail')).toEqual([]);
    const { run } = await scan('hardened', ['--fail-on', 'low']);
    expect(run.code).toBe(0);
  });
});

describe('report determinism', () => {
  it('results are sorted, fingerprints unique, and two scans of the same server differ only in times', async () => {
    const first = base('typical');
    const { report: second } = await scan('typical');
    for (const report of [first, second]) {
      expect([...report.results].sort(byRuleTargetSubject).map((r) => r.fingerprint)).toEqual(report.results.map((r) => r.fingerprint));
      for (const r of report.results) expect(r.fingerprint).toMatch(/^[0-9a-f]{32}$/);
      expect(new Set(report.results.map((r) => r.fingerprint)).size).toBe(report.results.length);
    }
    expect(second.results.map((r) => r.fingerprint)).toEqual(first.results.map((r) => r.fingerprint));
    expect(withoutTimes(second)).toEqual(withoutTimes(first));
  });
});

describe('output files, history and diff', () => {
  it('--out DIR --format json,md,html,sarif writes the four files and nothing to stdout', async () => {
    const out = join(tempDir(), 'reports');
    const run = await runCli(['oidc', issuer('typical'), '--rps', '100', '--ca-file', pki.caFile, '--out', out, '--format', 'json,md,html,sarif']);
    expectNoCrash(run, [0]);
    expect(run.stdout).toBe('');
    expect(readdirSync(out).sort()).toEqual(['report.html', 'report.json', 'report.md', 'report.sarif']);
    const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as ScanReport;
    expect(report.results.length).toBeGreaterThanOrEqual(28);
    const sarif = JSON.parse(readFileSync(join(out, 'report.sarif'), 'utf8'));
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs[0].tool.driver.name).toBe('ciamscan');
    expect(readFileSync(join(out, 'report.md'), 'utf8')).toContain('DISC-ANTI-FRAMING');
    expect(readFileSync(join(out, 'report.html'), 'utf8')).toMatch(/^<!doctype html>/i);
    for (const file of ['report.json', 'report.md', 'report.html', 'report.sarif']) expect(run.stderr).toContain(join(out, file));
  });

  it('--history DIR twice: KEY-ROTATION goes from noHistory to shortHistory; `ciamscan diff` of the two exits 0', async () => {
    const history = join(tempDir(), 'history');
    const first = await scan('typical', ['--history', history]);
    expect(outcomeOf(first.report, 'KEY-ROTATION')).toBe('KEY-ROTATION unknown noHistory');
    expect(readdirSync(history).filter((f) => /^report-.*\.json$/.test(f))).toHaveLength(1);
    const second = await scan('typical', ['--history', history]);
    expect(outcomeOf(second.report, 'KEY-ROTATION')).toBe('KEY-ROTATION unknown shortHistory');
    // The key seen in the first scan is carried over, not seen anew.
    const keys = resultOf(second.report, 'KEY-ROTATION').evidence.keys as Array<{ firstSeen: string; lastSeen: string }>;
    expect(keys).toHaveLength(1);
    expect(keys[0]!.firstSeen).toBe(first.report.startedAt);
    expect(keys[0]!.lastSeen).toBe(second.report.startedAt);

    const stored = readdirSync(history).filter((f) => /^report-.*\.json$/.test(f)).sort();
    expect(stored).toHaveLength(2);
    const [before, after] = stored.map((f) => join(history, f)) as [string, string];
    expect(existsSync(before) && existsSync(after)).toBe(true);
    const diff = await runCli(['diff', before, after]);
    expectNoCrash(diff, [0]);
    expect(diff.code).toBe(0);
    expect(diff.stdout.length).toBeGreaterThan(0);
    const json = await runCli(['diff', before, after, '--format', 'json']);
    expectNoCrash(json, [0]);
    const parsed = JSON.parse(json.stdout);
    expect(parsed.introduced).toEqual([]);
    expect(parsed.resolved).toEqual([]);
  });
});
