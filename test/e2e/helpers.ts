/**
 * Shared plumbing of the end-to-end suites: run the BUILT CLI (bin/ciamscan.js -> dist/) as a
 * child process, a private CA for every TLS server, temp directories, and a small programmable
 * fake authorization server. `npm test` builds dist/ before vitest runs; run
 * `npx tsc -p tsconfig.build.json` first when running these suites alone.
 *
 * The servers live in the test process, so the CLI must be spawned asynchronously: a synchronous
 * spawn would block the event loop that has to answer the CLI's requests.
 */
import { spawn } from 'node:child_process';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer as createHttpsServer } from 'node:https';
import type { IncomingMessage, ServerResponse, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { createCertificateAuthority, issueServerCertificate, type ServerCertificate } from '../../src/demo/certificates.js';
import type { ScanReport } from '../../src/model/report.js';
import type { RuleResult } from '../../src/model/result.js';

/** The repository root, from this file's location (test/e2e/helpers.ts). */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const CLI = join(REPO_ROOT, 'bin', 'ciamscan.js');

// ---------------------------------------------------------------------------------------------
// Running the CLI
// ---------------------------------------------------------------------------------------------

export interface CliRun {
  args: string[];
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  cwd?: string;
  env?: Record<string, string | undefined>;
  /** Guard against a hung CLI (not an assertion on speed): the child is killed and the run rejected. */
  killAfterMs?: number;
}

/** `node bin/ciamscan.js ...args` with the Node that runs vitest (Node 24), collecting both streams. */
export function runCli(args: string[], options: RunOptions = {}): Promise<CliRun> {
  const env: Record<string, string | undefined> = { ...process.env, CIAMSCAN_PSEUDONYM_KEY: 'e2e-pseudonym-key', ...options.env };
  // vitest's own loader flags must not leak into the CLI process.
  delete env.NODE_OPTIONS;
  for (const [key, value] of Object.entries(options.env ?? {})) if (value === undefined) delete env[key];
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd: options.cwd ?? REPO_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    const limit = options.killAfterMs ?? 50_000;
    const guard = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`ciamscan ${args.join(' ')} did not finish within ${limit} ms; stderr so far:\n${Buffer.concat(err).toString('utf8')}`));
    }, limit);
    child.once('error', (error) => {
      clearTimeout(guard);
      reject(error);
    });
    child.once('close', (code, signal) => {
      clearTimeout(guard);
      resolvePromise({ args, code, signal, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') });
    });
  });
}

/**
 * What every run must satisfy, whatever the input: it ended by itself with one of the expected
 * codes (never 4, the internal-error code), and stderr shows no stack trace or internal error.
 */
export function expectNoCrash(run: CliRun, codes: readonly number[]): void {
  const context = `ciamscan ${run.args.join(' ')}\n--- stderr ---\n${run.stderr}`;
  expect(run.signal, context).toBeNull();
  expect(codes, context).toContain(run.code);
  expect(run.code, context).not.toBe(4);
  expect(run.stderr, context).not.toMatch(/^\s{4}at /m);
  expect(run.stderr, context).not.toMatch(/internal error|unhandled|TypeError|ReferenceError/i);
}

/** stdout must be the report and nothing else. */
export function parseReport(run: CliRun): ScanReport {
  let parsed: unknown;
  try {
    parsed = JSON.parse(run.stdout);
  } catch (err) {
    throw new Error(`stdout of ciamscan ${run.args.join(' ')} is not JSON (${(err as Error).message}):\n${run.stdout.slice(0, 500)}\n--- stderr ---\n${run.stderr}`, { cause: err });
  }
  return parsed as ScanReport;
}

/** The single result of a rule (the suites scan one target with one issuer). */
export function resultOf(report: ScanReport, ruleId: string): RuleResult {
  const matches = report.results.filter((r) => r.ruleId === ruleId);
  expect(matches.map((r) => r.ruleId), `results of ${ruleId}`).toEqual([ruleId]);
  return matches[0]!;
}

/** `ruleId outcome messageId`, for readable assertion failures. */
export function outcomeOf(report: ScanReport, ruleId: string): string {
  const r = resultOf(report, ruleId);
  return `${r.ruleId} ${r.outcome} ${r.messageId}`;
}

export function errorCodes(report: ScanReport): string[] {
  return report.targets.flatMap((t) => t.errors.map((e) => e.code));
}

// ---------------------------------------------------------------------------------------------
// Temp directories and the private CA
// ---------------------------------------------------------------------------------------------

/** Temp directories made by a suite, removed by `removeTempDirs` (afterAll/afterEach). */
const tempDirs: string[] = [];

export function tempDir(prefix = 'ciamscan-e2e-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  tempDirs.push(dir);
  return dir;
}

export function removeTempDirs(): void {
  for (const dir of tempDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
}

export interface TestPki {
  /** PEM file of the CA, for --ca-file / tls.caFile. */
  caFile: string;
  /** A server certificate for 127.0.0.1 and localhost. */
  server: ServerCertificate;
}

export async function createTestPki(dir: string): Promise<TestPki> {
  const ca = await createCertificateAuthority('ciamscan e2e CA');
  const caFile = join(dir, 'e2e-ca.pem');
  writeFileSync(caFile, ca.certPem);
  const server = await issueServerCertificate(ca, { hosts: ['127.0.0.1', 'localhost'] });
  return { caFile, server };
}

// ---------------------------------------------------------------------------------------------
// A programmable fake authorization server
// ---------------------------------------------------------------------------------------------

export type Handler = (req: IncomingMessage, res: ServerResponse, hit: number) => void;

/**
 * Every response carries this in a cookie and an unusual header, and the error pages carry it in
 * their bodies: it must never reach the report or the console.
 */
export const SERVER_SECRET = `srv-secret-${randomBytes(12).toString('hex')}`;

export interface FakeServer {
  /** `https://127.0.0.1:PORT` (or the host it was bound to). */
  origin: string;
  port: number;
  /** Requests per path (query removed), in arrival order. */
  requests: Array<{ method: string; path: string }>;
  hits(path: string): number;
  route(path: string, handler: Handler): void;
  close(): Promise<void>;
}

/**
 * An https server (node:https, certificate from the test CA) that answers from a route table
 * keyed by path; unknown paths get 404. Handlers see how many times their path was hit.
 */
export async function startFakeServer(options: { tls: ServerCertificate; host?: string; routes?: Record<string, Handler> }): Promise<FakeServer> {
  const routes = new Map(Object.entries(options.routes ?? {}));
  const requests: FakeServer['requests'] = [];
  const server: Server = createHttpsServer({ cert: options.tls.certPem, key: options.tls.keyPem }, (req, res) => {
    const path = new URL(req.url ?? '/', 'https://fake.invalid').pathname;
    requests.push({ method: req.method ?? 'GET', path });
    const hit = requests.filter((r) => r.path === path).length;
    res.setHeader('Set-Cookie', `session=${SERVER_SECRET}; Secure; HttpOnly`);
    res.setHeader('X-Debug-Token', SERVER_SECRET);
    const handler = routes.get(path) ?? notFound;
    handler(req, res, hit);
  });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(0, host, () => resolvePromise());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    origin: `https://${host}:${port}`,
    port,
    requests,
    hits: (path) => requests.filter((r) => r.path === path).length,
    route: (path, handler) => routes.set(path, handler),
    close: () =>
      new Promise<void>((resolvePromise) => {
        // Hanging handlers keep their sockets open: cut them, then wait for the listener to close.
        server.closeAllConnections();
        server.close(() => resolvePromise());
      }),
  };
}

export const notFound: Handler = (_req, res) => {
  res.writeHead(404, { 'Content-Type': 'text/html' });
  res.end(`<html><body>Not found (${SERVER_SECRET})</body></html>`);
};

export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Handler {
  return (_req, res) => {
    res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
    res.end(typeof body === 'string' ? body : JSON.stringify(body));
  };
}

export function text(body: string, contentType: string, status = 200, headers: Record<string, string> = {}): Handler {
  return (_req, res) => {
    res.writeHead(status, { 'Content-Type': contentType, ...headers });
    res.end(body);
  };
}

export function statusOnly(status: number, headers: Record<string, string> = {}): Handler {
  return text(`<html><body>status ${status} (${SERVER_SECRET})</body></html>`, 'text/html', status, headers);
}

/** Never answers: the socket stays open until the server closes. */
export const hang: Handler = () => undefined;

/** A login page, as an authorization or end-session endpoint serves it. */
export const loginPage: Handler = (req, res) => {
  res.writeHead(req.method === 'OPTIONS' ? 204 : 200, { 'Content-Type': 'text/html; charset=utf-8' });
  res.end(req.method === 'OPTIONS' ? undefined : '<html><body><form>login</form></body></html>');
};

/** A complete, valid OpenID Connect discovery document for an issuer (members overridable). */
export function discoveryDocument(issuer: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    issuer,
    authorization_endpoint: `${issuer}/authorize`,
    token_endpoint: `${issuer}/token`,
    userinfo_endpoint: `${issuer}/userinfo`,
    jwks_uri: `${issuer}/jwks`,
    registration_endpoint: `${issuer}/register`,
    end_session_endpoint: `${issuer}/logout`,
    scopes_supported: ['openid', 'email', 'profile'],
    claims_supported: ['sub', 'email', 'email_verified'],
    response_types_supported: ['code'],
    response_modes_supported: ['query'],
    grant_types_supported: ['authorization_code', 'refresh_token'],
    subject_types_supported: ['public'],
    id_token_signing_alg_values_supported: ['RS256'],
    token_endpoint_auth_methods_supported: ['private_key_jwt'],
    token_endpoint_auth_signing_alg_values_supported: ['RS256'],
    code_challenge_methods_supported: ['S256'],
    authorization_response_iss_parameter_supported: true,
    request_uri_parameter_supported: false,
    ...overrides,
  };
}

/** A public RSA JWK (and, separately, its private form) of the given size. */
export function rsaJwk(bits: number, kid: string): { publicJwk: Record<string, unknown>; privateJwk: Record<string, unknown> } {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: bits });
  const base = { kid, use: 'sig', alg: 'RS256' };
  return {
    publicJwk: { ...publicKey.export({ format: 'jwk' }), ...base },
    privateJwk: { ...privateKey.export({ format: 'jwk' }), ...base },
  };
}

/**
 * A fake server that serves a complete, healthy OpenID Provider front (discovery, JWKS, login and
 * logout pages; RFC 8414 answers 404); `routes` replaces or adds paths.
 */
export async function startHealthyServer(tls: ServerCertificate, routes: (origin: string) => Record<string, Handler> = () => ({})): Promise<FakeServer> {
  const server = await startFakeServer({ tls });
  const key = rsaJwk(2048, 'e2e-rs256');
  const defaults: Record<string, Handler> = {
    '/.well-known/openid-configuration': json(discoveryDocument(server.origin)),
    '/jwks': json({ keys: [key.publicJwk] }, 200, { 'Content-Type': 'application/jwk-set+json' }),
    '/authorize': loginPage,
    '/logout': loginPage,
  };
  for (const [path, handler] of Object.entries({ ...defaults, ...routes(server.origin) })) server.route(path, handler);
  return server;
}
