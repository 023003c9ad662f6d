/**
 * End-to-end: hostile and broken servers, and broken configs, through the BUILT CLI. Each case
 * ends with a clear result: the expected exit code (never 4), no stack trace, no secret, a report
 * on stdout that parses, and the specific rule outcome or coded target error.
 */
import { createServer } from 'node:net';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ScanReport } from '../../src/model/report.js';
import {
  SERVER_SECRET,
  createTestPki,
  discoveryDocument,
  errorCodes,
  expectNoCrash,
  hang,
  json,
  outcomeOf,
  parseReport,
  removeTempDirs,
  resultOf,
  rsaJwk,
  runCli,
  startFakeServer,
  startHealthyServer,
  statusOnly,
  tempDir,
  text,
  type CliRun,
  type FakeServer,
  type Handler,
  type TestPki,
} from './helpers.js';

const OIDC = '/.well-known/openid-configuration';
const RFC8414 = '/.well-known/oauth-authorization-server';

let pki: TestPki;
let dir: string;
/** Servers of the running test, closed after it whatever happened. */
const running: FakeServer[] = [];

beforeAll(async () => {
  dir = tempDir();
  pki = await createTestPki(dir);
});

afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => s.close()));
});

afterAll(() => removeTempDirs());

async function healthy(routes: (origin: string) => Record<string, Handler> = () => ({})): Promise<FakeServer> {
  const server = await startHealthyServer(pki.server, routes);
  running.push(server);
  return server;
}

/** `ciamscan oidc ISSUER --format json --rps 50 --no-tls-probe --ca-file CA ...extra`. */
async function scanOidc(issuer: string, codes: readonly number[], extra: string[] = []): Promise<{ run: CliRun; report: ScanReport }> {
  const run = await runCli(['oidc', issuer, '--format', 'json', '--rps', '50', '--no-tls-probe', '--ca-file', pki.caFile, ...extra]);
  return checked(run, codes);
}

/** `ciamscan scan -c FILE --format json` for a one-target config with the given limits. */
async function scanWithLimits(issuer: string, limits: Record<string, number>, codes: readonly number[]): Promise<{ run: CliRun; report: ScanReport }> {
  const file = join(tempDir(), 'ciamscan.yaml');
  const limitLines = Object.entries({ requestsPerSecond: 50, burst: 10, ...limits }).map(([k, v]) => `      ${k}: ${v}`);
  writeFileSync(
    file,
    ['version: 1', 'targets:', '  - id: e2e-target', '    type: oidc', `    issuer: ${issuer}`, '    tlsProbe: false', '    tls:', `      caFile: ${pki.caFile}`, '    limits:', ...limitLines, ''].join('\n'),
  );
  return checked(await runCli(['scan', '-c', file, '--format', 'json']), codes);
}

function checked(run: CliRun, codes: readonly number[]): { run: CliRun; report: ScanReport } {
  expectNoCrash(run, codes);
  // Nothing the server sent beyond the documents (cookies, debug headers, error pages) is repeated.
  expect(run.stdout).not.toContain(SERVER_SECRET);
  expect(run.stderr).not.toContain(SERVER_SECRET);
  return { run, report: parseReport(run) };
}

function target(report: ScanReport) {
  expect(report.targets).toHaveLength(1);
  return report.targets[0]!;
}

/** A port on 127.0.0.1 that nothing listens on (bound, then released). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('discovery documents that are not what they claim', () => {
  it('HTML instead of JSON: DISC-METADATA-PUBLISHED fails naming text/html; exit 0, or 1 with --fail-on high', async () => {
    const server = await healthy(() => ({ [OIDC]: text(`<!doctype html><html><body>Welcome (${SERVER_SECRET})</body></html>`, 'text/html; charset=utf-8') }));
    const { run, report } = await scanOidc(server.origin, [0]);
    expect(run.code).toBe(0);
    const r = resultOf(report, 'DISC-METADATA-PUBLISHED');
    expect([r.outcome, r.messageId]).toEqual(['fail', 'notPublished']);
    expect(r.message).toContain('text/html');
    expect(target(report).complete).toBe(true);
    // Without metadata, the rules that need it say why instead of guessing.
    expect(resultOf(report, 'OIDC-PKCE-S256').outcome).toBe('unknown');
    expect((await scanOidc(server.origin, [1], ['--fail-on', 'high'])).run.code).toBe(1);
  });

  it('truncated JSON: DISC-METADATA-PUBLISHED fails with "not parsable JSON"', async () => {
    const server = await healthy((origin) => ({ [OIDC]: json(JSON.stringify(discoveryDocument(origin)).slice(0, 120)) }));
    const { report } = await scanOidc(server.origin, [0]);
    const r = resultOf(report, 'DISC-METADATA-PUBLISHED');
    expect(r.outcome).toBe('fail');
    expect(r.message).toContain('not parsable JSON');
  });

  it('404 on the RFC 8414 form and 200 on the OIDC form: published (OpenID Connect)', async () => {
    const server = await healthy();
    const { run, report } = await scanOidc(server.origin, [0]);
    expect(run.code).toBe(0);
    const r = resultOf(report, 'DISC-METADATA-PUBLISHED');
    expect([r.outcome, r.message]).toEqual(['pass', 'Discovery metadata is published (OpenID Connect).']);
    expect(target(report).complete).toBe(true);
    expect(target(report).errors).toEqual([]);
    // What a T0 scan fetches, each once, and read-only (GET and one CORS preflight).
    expect(server.requests.map((r) => `${r.method} ${r.path}`).sort()).toEqual(
      [
        `GET ${OIDC}`,
        `GET ${RFC8414}`,
        'GET /jwks',
        'GET /authorize',
        'OPTIONS /authorize',
        'GET /logout',
        'GET /.well-known/ssf-configuration',
        'GET /.well-known/risc-configuration',
        'GET /.well-known/passkey-endpoints',
      ].sort(),
    );
    expect(target(report).coverage.requests).toBe(server.requests.length);
  });

  it('404 on the OIDC form and 200 on the RFC 8414 form of an OpenID Provider: warn', async () => {
    const server = await healthy((origin) => ({ [OIDC]: statusOnly(404), [RFC8414]: json(discoveryDocument(origin)) }));
    const { report } = await scanOidc(server.origin, [0]);
    expect(outcomeOf(report, 'DISC-METADATA-PUBLISHED')).toBe('DISC-METADATA-PUBLISHED warn onlyRfc8414');
    expect(outcomeOf(report, 'OIDC-PKCE-S256')).toBe('OIDC-PKCE-S256 pass s256Only');
  });

  it('empty arrays: DISC-REQUIRED-FIELDS warns and names each of them', async () => {
    const server = await healthy((origin) => ({ [OIDC]: json(discoveryDocument(origin, { claims_supported: [], acr_values_supported: [] })) }));
    const { report } = await scanOidc(server.origin, [0]);
    const r = resultOf(report, 'DISC-REQUIRED-FIELDS');
    expect([r.outcome, r.messageId]).toEqual(['warn', 'missingRecommended']);
    expect(r.message).toContain('claims_supported is an empty array');
    expect(r.message).toContain('acr_values_supported is an empty array');
  });

  it('issuer mismatch: DISC-ISSUER-EXACT fails naming both issuers', async () => {
    const server = await healthy((origin) => ({ [OIDC]: json(discoveryDocument(origin, { issuer: `${origin}/tenant-b` })) }));
    const { report } = await scanOidc(server.origin, [0]);
    const r = resultOf(report, 'DISC-ISSUER-EXACT');
    expect([r.outcome, r.messageId]).toEqual(['fail', 'mismatch']);
    expect(r.evidence).toMatchObject({ configured: server.origin, advertised: `${server.origin}/tenant-b`, match: 'mismatch' });
  });
});

describe('servers that fail, stall or push back', () => {
  it('500 on both well-known forms: unknown, target incomplete with SERVER_ERROR, exit 3', async () => {
    const server = await healthy(() => ({ [OIDC]: statusOnly(500), [RFC8414]: statusOnly(500) }));
    const { run, report } = await scanOidc(server.origin, [3]);
    expect(run.code).toBe(3);
    const r = resultOf(report, 'DISC-METADATA-PUBLISHED');
    expect(r.outcome).toBe('unknown');
    expect(r.unknownReason?.kind).toBe('collection-error');
    expect(target(report).complete).toBe(false);
    expect(report.summary.complete).toBe(false);
    expect(errorCodes(report)).toEqual(['SERVER_ERROR', 'SERVER_ERROR']);
    // 500 is a bug, not a blip: not retried.
    expect(server.hits(OIDC)).toBe(1);
    expect(run.stderr).toContain('INCOMPLETE');
  });

  it('a server that never answers: TIMEOUT (limits.timeoutMs 500 from the config file), exit 3', async () => {
    const server = await healthy(() => ({ [OIDC]: hang, [RFC8414]: hang }));
    const { run, report } = await scanWithLimits(server.origin, { timeoutMs: 500 }, [3]);
    expect(run.code).toBe(3);
    expect(errorCodes(report)).toEqual(['TIMEOUT', 'TIMEOUT']);
    expect(target(report).errors[0]!.message).toContain('within 500 ms');
    expect(resultOf(report, 'DISC-METADATA-PUBLISHED').outcome).toBe('unknown');
  });

  it('429 with Retry-After: 1, then 200: retried, eventually published; retries and throttling counted', async () => {
    const server = await healthy((origin) => {
      const document = json(discoveryDocument(origin));
      const throttled = statusOnly(429, { 'Retry-After': '1' });
      return { [OIDC]: (req, res, hit) => (hit === 1 ? throttled : document)(req, res, hit) };
    });
    const { run, report } = await scanOidc(server.origin, [0]);
    expect(run.code).toBe(0);
    expect(outcomeOf(report, 'DISC-METADATA-PUBLISHED')).toBe('DISC-METADATA-PUBLISHED pass published');
    expect(server.hits(OIDC)).toBe(2);
    const { coverage, complete, errors } = target(report);
    expect(coverage.retries).toBeGreaterThanOrEqual(1);
    expect(coverage.throttled).toBeGreaterThanOrEqual(1);
    expect(complete).toBe(true);
    expect(errors).toEqual([]);
  });

  it('429 with Retry-After: 3600: not waited for; RATE_LIMITED, unknown, exit 3', async () => {
    const server = await healthy(() => ({ [OIDC]: statusOnly(429, { 'Retry-After': '3600' }), [RFC8414]: statusOnly(429, { 'Retry-After': '3600' }) }));
    // maxRetryWaitMs bounds how long the throttled target pauses (default 60 s).
    const { run, report } = await scanWithLimits(server.origin, { maxRetryWaitMs: 1000 }, [3]);
    expect(run.code).toBe(3);
    // The first 429 asked for an hour: nothing more is sent to the target (every later request is
    // refused locally, RATE_LIMITED, not sent), rather than hammering a server that pushes back.
    const errors = target(report).errors;
    expect(new Set(errorCodes(report))).toEqual(new Set(['RATE_LIMITED']));
    expect(errors.filter((e) => e.status === 429).length).toBeGreaterThanOrEqual(1);
    for (const e of errors.filter((x) => x.status === undefined)) expect(e.message).toMatch(/^not sent: the server asked to wait until .*longer than this target's maxRetryWaitMs/);
    expect(target(report).coverage.throttled).toBeGreaterThanOrEqual(1);
    expect(resultOf(report, 'DISC-METADATA-PUBLISHED').outcome).toBe('unknown');
    // A wait beyond the cap is not retried.
    expect(server.hits(OIDC)).toBeLessThanOrEqual(1);
    expect(server.hits(RFC8414)).toBeLessThanOrEqual(1);
    expect(server.hits(OIDC) + server.hits(RFC8414)).toBeGreaterThanOrEqual(1);
  });

  it('oversized discovery documents (3 MB, streamed and declared): BODY_TOO_LARGE, exit 3', async () => {
    const big = JSON.stringify({ issuer: 'x', padding: 'a'.repeat(3 * 1024 * 1024) });
    const streamed: Handler = (_req, res) => {
      res.on('error', () => undefined);
      res.writeHead(200, { 'Content-Type': 'application/json' });
      // No Content-Length: the cap must hold while the body streams in.
      for (let i = 0; i < big.length; i += 64 * 1024) res.write(big.slice(i, i + 64 * 1024));
      res.end();
    };
    const declared: Handler = (_req, res) => {
      res.on('error', () => undefined);
      // Content-Length says it all: the client can refuse before reading.
      res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': String(Buffer.byteLength(big)) });
      res.end(big);
    };
    const server = await healthy(() => ({ [OIDC]: streamed, [RFC8414]: declared }));
    const { run, report } = await scanOidc(server.origin, [3]);
    expect(run.code).toBe(3);
    expect(errorCodes(report)).toEqual(['BODY_TOO_LARGE', 'BODY_TOO_LARGE']);
    const [rfc8414, oidc] = target(report).errors;
    expect(rfc8414!.endpoint).toBe(`${server.origin}${RFC8414}`);
    expect(rfc8414!.message).toContain(`Content-Length ${Buffer.byteLength(big)} exceeds`);
    expect(oidc!.endpoint).toBe(`${server.origin}${OIDC}`);
    expect(oidc!.message).toContain('the body grew past');
    const r = resultOf(report, 'DISC-METADATA-PUBLISHED');
    expect(r.outcome).toBe('fail');
    expect(r.message).toContain('BODY_TOO_LARGE');
    expect(run.stdout.length).toBeLessThan(512 * 1024);
  });

  it('a redirect to another host: REDIRECT_OFF_ORIGIN, and nothing is fetched from that host (even when allow-listed)', async () => {
    const elsewhere = await startFakeServer({ tls: pki.server, host: 'localhost' });
    running.push(elsewhere);
    const elsewhereUrl = `https://localhost:${elsewhere.port}${OIDC}`;
    elsewhere.route(OIDC, json(discoveryDocument(`https://localhost:${elsewhere.port}`)));
    const server = await healthy(() => ({ [OIDC]: statusOnly(302, { Location: elsewhereUrl }) }));
    for (const extra of [[], ['--allow-host', 'localhost']]) {
      const { run, report } = await scanOidc(server.origin, [3], extra);
      expect(run.code).toBe(3);
      const [error] = target(report).errors;
      expect(error).toMatchObject({ code: 'REDIRECT_OFF_ORIGIN', endpoint: `${server.origin}${OIDC}`, status: 302 });
      expect(error!.message).toContain(`localhost:${elsewhere.port}`);
      const r = resultOf(report, 'DISC-METADATA-PUBLISHED');
      expect(r.outcome).toBe('fail');
      expect(r.message).toContain('HTTP 302');
    }
    expect(server.hits(OIDC)).toBe(2);
    expect(elsewhere.requests).toEqual([]);
  });
});

describe('keys', () => {
  it('a JWKS with private members: KEY-JWKS-PUBLIC-ONLY fails and no private value appears anywhere', async () => {
    const { privateJwk } = rsaJwk(2048, 'leaky-key');
    const server = await healthy(() => ({ '/jwks': json({ keys: [privateJwk] }) }));
    const { run, report } = await scanOidc(server.origin, [1], ['--fail-on', 'critical']);
    expect(run.code).toBe(1);
    const r = resultOf(report, 'KEY-JWKS-PUBLIC-ONLY');
    expect([r.outcome, r.severity, r.messageId]).toEqual(['fail', 'critical', 'leaked']);
    expect(r.message).toContain('kid leaky-key');
    expect(r.evidence.leaked).toEqual([{ key: 'kid leaky-key', kty: 'RSA', members: ['d', 'p', 'q', 'dp', 'dq', 'qi'] }]);
    for (const member of ['d', 'p', 'q', 'dp', 'dq', 'qi']) {
      const value = privateJwk[member] as string;
      expect(value.length).toBeGreaterThan(40);
      expect(run.stdout).not.toContain(value);
      expect(run.stderr).not.toContain(value);
    }
  });

  it('a 1024-bit RSA key: KEY-STRENGTH fails naming its size', async () => {
    const { publicJwk } = rsaJwk(1024, 'short-key');
    const server = await healthy(() => ({ '/jwks': json({ keys: [publicJwk] }) }));
    const { report } = await scanOidc(server.origin, [0]);
    const r = resultOf(report, 'KEY-STRENGTH');
    expect([r.outcome, r.messageId]).toEqual(['fail', 'weak']);
    expect(r.message).toContain('kid short-key: RSA 1024 bits');
    expect(outcomeOf(report, 'KEY-JWKS-VALID')).toBe('KEY-JWKS-VALID pass valid');
  });

  it('jwks_uri at 169.254.169.254, host not allowed: not fetched, unknown with a remediation, exit 3', async () => {
    const server = await healthy((origin) => ({ [OIDC]: json(discoveryDocument(origin, { jwks_uri: 'https://169.254.169.254/latest/meta-data/jwks' })) }));
    const { run, report } = await scanOidc(server.origin, [3]);
    expect(run.code).toBe(3);
    const r = resultOf(report, 'KEY-JWKS-VALID');
    expect(r.outcome).toBe('unknown');
    expect(r.unknownReason?.kind).toBe('host-not-allowed');
    expect(r.unknownReason?.remediation).toContain('--allow-host 169.254.169.254');
    expect(target(report).coverage.datasets.find((d) => d.name === 'jwks')?.state).toBe('not-read');
    expect(outcomeOf(report, 'DISC-HTTPS-ENDPOINTS')).toBe('DISC-HTTPS-ENDPOINTS warn offSite');
  });

  it('jwks_uri at 169.254.169.254, allow-listed: ADDRESS_BLOCKED, and no connection (not even the TLS probe)', async () => {
    const server = await healthy((origin) => ({ [OIDC]: json(discoveryDocument(origin, { jwks_uri: 'https://169.254.169.254/latest/meta-data/jwks' })) }));
    // The TLS probe stays on here: it must not handshake with the metadata address either.
    const run = await runCli(['oidc', server.origin, '--format', 'json', '--rps', '50', '--ca-file', pki.caFile, '--allow-host', '169.254.169.254']);
    const { report } = checked(run, [3]);
    expect(run.code).toBe(3);
    expect(target(report).errors).toEqual([
      expect.objectContaining({ code: 'ADDRESS_BLOCKED', endpoint: 'https://169.254.169.254/latest/meta-data/jwks', cause: 'cloud-metadata' }),
    ]);
    expect(resultOf(report, 'KEY-JWKS-VALID').message).toContain('ADDRESS_BLOCKED');
    const tls = resultOf(report, 'DISC-TLS-BASELINE');
    expect((tls.evidence.hosts as Array<{ host: string }>).map((h) => h.host)).toEqual([`127.0.0.1:${server.port}`]);
    expect(run.stdout).not.toContain('169.254.169.254:443');
  });
});

describe('unreachable servers', () => {
  it('a closed port on 127.0.0.1: CONNECTION_REFUSED (TLS probe included), exit 3', async () => {
    const port = await closedPort();
    const run = await runCli(['oidc', `https://127.0.0.1:${port}`, '--format', 'json', '--rps', '50']);
    const { report } = checked(run, [3]);
    expect(run.code).toBe(3);
    expect(new Set(errorCodes(report))).toEqual(new Set(['CONNECTION_REFUSED']));
    // The TLS probe's failure is a refused connection too, not a TLS problem.
    expect(target(report).errors.find((e) => e.endpoint === `127.0.0.1:${port}`)?.code).toBe('CONNECTION_REFUSED');
    expect(resultOf(report, 'DISC-METADATA-PUBLISHED').outcome).toBe('unknown');
    expect(report.summary.byOutcome.fail).toBe(0);
    expect(report.summary.byOutcome.pass).toBe(0);
  });

  it('a name that does not resolve (.invalid): DNS, exit 3', async () => {
    const { run, report } = await scanOidc('https://nonexistent.invalid', [3]);
    expect(run.code).toBe(3);
    expect(new Set(errorCodes(report))).toEqual(new Set(['DNS']));
    expect(target(report).errors[0]!.message).toContain('nonexistent.invalid');
    expect(resultOf(report, 'DISC-METADATA-PUBLISHED').outcome).toBe('unknown');
  });
});

describe('config and usage errors: exit 2, one line each, no stack', () => {
  const HEAD = ['version: 1', 'targets:'];
  const TARGET_A = ['  - id: a', '    type: oidc'];

  async function scanConfig(yaml: string, env: Record<string, string | undefined> = {}): Promise<CliRun> {
    const file = join(tempDir(), 'broken.yaml');
    writeFileSync(file, yaml);
    const run = await runCli(['scan', '-c', file, '--format', 'json'], { env });
    expectNoCrash(run, [2]);
    expect(run.stdout).toBe('');
    for (const line of run.stderr.trim().split('\n')) expect(line).toMatch(/^error: /);
    return run;
  }

  it('malformed YAML: exit 2, one line naming file:line:col', async () => {
    const run = await scanConfig([...HEAD, ...TARGET_A, '    issuer: [https://login.example.invalid', ''].join('\n'));
    const lines = run.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/broken\.yaml:\d+:\d+: invalid YAML: /);
  });

  it('an unknown key: exit 2 naming targets[0] and "isuer"', async () => {
    const run = await scanConfig([...HEAD, ...TARGET_A, '    isuer: https://login.example.invalid', ''].join('\n'));
    expect(run.stderr).toMatch(/targets\[0\](\.isuer|: unknown key "isuer")/);
  });

  it('a missing environment variable: exit 2 naming it', async () => {
    const run = await scanConfig(
      [...HEAD, ...TARGET_A, '    issuer: https://login.example.invalid', '    contact: ${env:CIAMSCAN_E2E_UNSET_VARIABLE}', ''].join('\n'),
      { CIAMSCAN_E2E_UNSET_VARIABLE: undefined },
    );
    expect(run.stderr).toContain('environment variable CIAMSCAN_E2E_UNSET_VARIABLE is not set');
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('duplicate target ids: exit 2 naming the id', async () => {
    const run = await scanConfig([...HEAD, ...TARGET_A, '    issuer: https://a.example.invalid', ...TARGET_A, '    issuer: https://b.example.invalid', ''].join('\n'));
    expect(run.stderr).toContain('duplicate target id "a"');
  });

  it('a literal secret: exit 2, and the value is not echoed', async () => {
    const secret = 'hunter2-literal-e2e-secret';
    const run = await scanConfig([...HEAD, ...TARGET_A, '    issuer: https://login.example.invalid', `    clientSecret: ${secret}`, ''].join('\n'));
    expect(run.stderr).toContain('targets[0].clientSecret: a secret is written in the config');
    expect(run.stderr).not.toContain(secret);
  });

  it('an unknown --format: exit 2', async () => {
    const run = await runCli(['oidc', 'https://login.example.invalid', '--format', 'xml']);
    expectNoCrash(run, [2]);
    expect(run.stderr.trim()).toBe('error: --format: unknown format "xml" — fix: use json, md, html, sarif');
    expect(run.stdout).toBe('');
  });

  it('several formats without --out: exit 2 (comma-separated and repeated)', async () => {
    for (const formats of [['--format', 'json,md'], ['--format', 'json', '--format', 'sarif']]) {
      const run = await runCli(['oidc', 'https://login.example.invalid', ...formats]);
      expectNoCrash(run, [2]);
      expect(run.stderr).toContain('several formats need --out DIR');
      expect(run.stdout).toBe('');
    }
  });
});
