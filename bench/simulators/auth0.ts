/**
 * A local Auth0 tenant for the 1M-user benchmark and the connector's tests: an https server (a
 * certificate from src/demo/certificates.ts for 127.0.0.1 and localhost) that answers the token
 * endpoint, `GET /api/v2/users` (its totals), the users-export job and its download, and enforces
 * an Auth0-style rate limit with 429 and `x-ratelimit-*` headers. The export file is generated
 * on the fly as gzip NDJSON: nothing is stored, so a million users cost no disk and little memory.
 *
 * The API answers on `127.0.0.1:<port>`; the export's pre-signed location points at
 * `localhost:<port>`, another host name, so the connector's one allowed off-origin download is
 * exercised exactly as against Auth0's storage host. Every value is invented and deterministic:
 * user i always looks the same. Mix: every 10th user also signs in with Google, every 5th has an
 * unverified address, every 50th is blocked, every 4th has a phone number.
 */
import { randomBytes } from 'node:crypto';
import https from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { Readable, pipeline } from 'node:stream';
import { createGzip } from 'node:zlib';
import { createCertificateAuthority, issueServerCertificate } from '../../src/demo/certificates.js';

export interface Auth0SimulatorOptions {
  users: number;
  /** Sustained requests per second of the simulated Management API (bucket size = rps). Default 15. */
  rps?: number;
  port?: number;
  /** Scopes the token grants. Default: read:users only, so the connector reads nothing else. */
  scopes?: string[];
  /** Polls of the export job that answer `processing` before it completes. Default 1. */
  exportPolls?: number;
}

export interface SimulatedRequest {
  method: string;
  host: string;
  path: string;
  status: number;
}

export interface Auth0Simulator {
  /** `127.0.0.1:<port>`: the connector's `domain`. */
  domain: string;
  /** PEM of the CA that signed the server certificate: the target's `tls.caFile`. */
  ca: string;
  close(): Promise<void>;
  requests(): SimulatedRequest[];
}

const GIVEN = ['Avery', 'Blake', 'Casey', 'Devon', 'Emery', 'Finley', 'Harper', 'Jordan', 'Kai', 'Logan', 'Morgan', 'Quinn'];
const FAMILY = ['Example', 'Sample', 'Tester', 'Demo', 'Fictive', 'Placeholder'];
const EPOCH = Date.UTC(2020, 0, 1);
const LINES_PER_CHUNK = 500;

/** User i as the Management API and the export file show it. */
export function simulatedUser(i: number): Record<string, unknown> {
  const id = `auth0|sim${String(i).padStart(9, '0')}`;
  const given = GIVEN[i % GIVEN.length] ?? 'Avery';
  const family = FAMILY[i % FAMILY.length] ?? 'Example';
  const identities: Array<Record<string, unknown>> = [{ connection: 'Username-Password-Authentication', user_id: id.slice(6), provider: 'auth0', isSocial: false }];
  if (i % 10 === 0) identities.push({ connection: 'google-oauth2', user_id: `2000${i}`, provider: 'google-oauth2', isSocial: true });
  const created = EPOCH + i * 60_000;
  return {
    user_id: id,
    email: `customer${i}@example.com`,
    email_verified: i % 5 !== 0,
    ...(i % 4 === 0 ? { phone_number: `+1555010${String(i % 100).padStart(2, '0')}` } : {}),
    given_name: given,
    family_name: family,
    name: `${given} ${family}`,
    blocked: i % 50 === 0,
    identities,
    created_at: new Date(created).toISOString(),
    updated_at: new Date(created + 86_400_000).toISOString(),
    last_login: new Date(created + 2 * 86_400_000).toISOString(),
  };
}

interface Job {
  polls: number;
  limit: number;
}

export async function startAuth0Simulator(options: Auth0SimulatorOptions): Promise<Auth0Simulator> {
  const ca = await createCertificateAuthority('ciamscan Auth0 simulator CA');
  const tls = await issueServerCertificate(ca, { hosts: ['127.0.0.1', 'localhost'] });
  const state = new SimulatorState(options);
  const handler = (req: IncomingMessage, res: ServerResponse) => state.handle(req, res);
  const servers = [https.createServer({ cert: tls.certPem, key: tls.keyPem }, handler)];
  const sockets = new Set<Socket>();
  const port = await listen(servers[0]!, options.port ?? 0, '127.0.0.1');
  // `localhost` may resolve to ::1 first: answer there too when the machine has IPv6 loopback.
  const v6 = https.createServer({ cert: tls.certPem, key: tls.keyPem }, handler);
  if (await listen(v6, port, '::1').then(() => true, () => false)) servers.push(v6);
  for (const server of servers) {
    server.on('connection', (socket: Socket) => {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
    });
  }
  state.port = port;
  return {
    domain: `127.0.0.1:${port}`,
    ca: ca.certPem,
    requests: () => [...state.seen],
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await Promise.all(servers.map((s) => new Promise<void>((resolve) => s.close(() => resolve()))));
    },
  };
}

function listen(server: https.Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve((server.address() as AddressInfo).port));
  });
}

class SimulatorState {
  port = 0;
  readonly seen: SimulatedRequest[] = [];
  readonly #users: number;
  readonly #rps: number;
  readonly #scopes: string[];
  readonly #exportPolls: number;
  readonly #token = `sim-${randomBytes(16).toString('hex')}`;
  readonly #jobs = new Map<string, Job>();
  #tokens: number;
  #refilledAt = Date.now();

  constructor(options: Auth0SimulatorOptions) {
    this.#users = options.users;
    this.#rps = options.rps ?? 15;
    this.#scopes = options.scopes ?? ['read:users'];
    this.#exportPolls = options.exportPolls ?? 1;
    this.#tokens = this.#rps;
  }

  handle(req: IncomingMessage, res: ServerResponse): void {
    const url = new URL(req.url ?? '/', `https://${req.headers.host ?? 'localhost'}`);
    const record = (status: number) => this.seen.push({ method: req.method ?? '', host: url.host, path: url.pathname, status });
    if (url.pathname.startsWith('/exports/')) {
      this.#download(url, res, record);
      return;
    }
    const limit = this.#rateLimit();
    res.setHeader('x-ratelimit-limit', String(this.#rps));
    res.setHeader('x-ratelimit-remaining', String(limit.remaining));
    res.setHeader('x-ratelimit-reset', String(limit.resetEpochSeconds));
    if (!limit.allowed) {
      record(429);
      sendJson(res, 429, { statusCode: 429, error: 'Too Many Requests', message: 'Global limit has been reached', errorCode: 'too_many_requests' });
      return;
    }
    void this.#route(req, url).then(([status, body]) => {
      record(status);
      sendJson(res, status, body);
    });
  }

  /** A token bucket of `rps` tokens refilled at `rps` per second, like Auth0's sustained limit. */
  #rateLimit(): { allowed: boolean; remaining: number; resetEpochSeconds: number } {
    const now = Date.now();
    this.#tokens = Math.min(this.#rps, this.#tokens + ((now - this.#refilledAt) / 1000) * this.#rps);
    this.#refilledAt = now;
    const allowed = this.#tokens >= 1;
    if (allowed) this.#tokens -= 1;
    const nextToken = now + (this.#tokens >= 1 ? 0 : ((1 - this.#tokens) / this.#rps) * 1000);
    return { allowed, remaining: Math.floor(this.#tokens), resetEpochSeconds: Math.ceil(nextToken / 1000) };
  }

  async #route(req: IncomingMessage, url: URL): Promise<[number, unknown]> {
    const body = await readBody(req);
    if (req.method === 'POST' && url.pathname === '/oauth/token') {
      return [200, { access_token: this.#token, token_type: 'Bearer', expires_in: 86400, scope: this.#scopes.join(' ') }];
    }
    if (req.headers.authorization !== `Bearer ${this.#token}`) return [401, { statusCode: 401, error: 'Unauthorized', message: 'Invalid token' }];
    if (req.method === 'GET' && url.pathname === '/api/v2/users') return [200, this.#usersPage(url)];
    if (req.method === 'POST' && url.pathname === '/api/v2/jobs/users-exports') return [201, this.#createJob(body)];
    const job = /^\/api\/v2\/jobs\/([A-Za-z0-9_]+)$/.exec(url.pathname);
    if (req.method === 'GET' && job?.[1]) return this.#jobStatus(job[1]);
    return [403, { statusCode: 403, error: 'Forbidden', message: 'Insufficient scope', errorCode: 'insufficient_scope' }];
  }

  #usersPage(url: URL): unknown {
    const page = Number(url.searchParams.get('page') ?? 0);
    const perPage = Math.min(100, Number(url.searchParams.get('per_page') ?? 50));
    const start = page * perPage;
    const users = [];
    for (let i = start; i < Math.min(this.#users, start + perPage); i++) users.push(simulatedUser(i));
    return { start, limit: perPage, length: users.length, total: this.#users, users };
  }

  #createJob(body: unknown): unknown {
    const id = `job_${randomBytes(8).toString('hex')}`;
    const requested = (body as { limit?: unknown } | undefined)?.limit;
    this.#jobs.set(id, { polls: 0, limit: typeof requested === 'number' ? Math.min(requested, this.#users) : this.#users });
    return { type: 'users_export', status: 'pending', format: 'json', created_at: new Date().toISOString(), id };
  }

  #jobStatus(id: string): [number, unknown] {
    const job = this.#jobs.get(id);
    if (!job) return [404, { statusCode: 404, error: 'Not Found', message: 'The job does not exist' }];
    job.polls++;
    const base = { type: 'users_export', format: 'json', id };
    if (job.polls <= this.#exportPolls) return [200, { ...base, status: 'processing', percentage_done: Math.round((job.polls / (this.#exportPolls + 1)) * 100) }];
    return [200, { ...base, status: 'completed', location: `https://localhost:${this.port}/exports/${id}.json.gz?X-Amz-Signature=simulated&X-Amz-Expires=60` }];
  }

  /** The export file, generated line by line and gzipped on the fly; served only on `localhost`. */
  #download(url: URL, res: ServerResponse, record: (status: number) => void): void {
    const id = /^\/exports\/([A-Za-z0-9_]+)\.json\.gz$/.exec(url.pathname)?.[1];
    const job = id ? this.#jobs.get(id) : undefined;
    if (!job || url.hostname !== 'localhost') {
      record(403);
      res.writeHead(403, { 'content-type': 'application/xml' }).end('<Error><Code>AccessDenied</Code></Error>');
      return;
    }
    record(200);
    res.writeHead(200, { 'content-type': 'application/gzip' });
    let i = 0;
    const total = job.limit;
    const lines = new Readable({
      read() {
        if (i >= total) {
          this.push(null);
          return;
        }
        const end = Math.min(total, i + LINES_PER_CHUNK);
        let chunk = '';
        for (; i < end; i++) chunk += `${JSON.stringify(simulatedUser(i))}\n`;
        this.push(chunk);
      },
    });
    pipeline(lines, createGzip({ level: 1 }), res, () => undefined);
  }
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(body));
}

async function readBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    // The token request is form-encoded: only its presence matters here.
    return undefined;
  }
}
