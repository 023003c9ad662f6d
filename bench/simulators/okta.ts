/**
 * A local Okta org for the 1M-user benchmark: `GET /api/v1/users` over N deterministic synthetic
 * users generated on the fly (nothing is held in memory), paged by `Link: <…>; rel="next"` with an
 * `after` cursor, behind an Okta-style fixed one-minute rate limit that answers with
 * X-Rate-Limit-Limit / -Remaining / -Reset (epoch seconds) and 429 once the bucket is used up
 * (https://developer.okta.com/docs/reference/rl-best-practices/). Every other `/api/v1` GET answers
 * an empty list (ThreatInsight: action none), so a whole okta scan runs against it.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { createCertificateAuthority, issueServerCertificate } from '../../src/demo/certificates.js';

export interface OktaSimulatorOptions {
  /** How many users the org holds. */
  users: number;
  /** Requests per minute of the users bucket (Okta: 600 on paid plans, 100 on the Integrator Free Plan). */
  limitPerMinute?: number;
  port?: number;
}

export interface SimulatedRequest {
  path: string;
  status: number;
  at: number;
}

export interface OktaSimulator {
  /** https://127.0.0.1:<port> */
  orgUrl: string;
  /** The private CA that signed the server certificate (the target's tls.caFile). */
  caPem: string;
  close(): Promise<void>;
  requests(): readonly SimulatedRequest[];
}

const MAX_PAGE = 200;
const WINDOW_MS = 60_000;
const STATUSES = ['ACTIVE', 'ACTIVE', 'ACTIVE', 'PROVISIONED', 'SUSPENDED', 'DEPROVISIONED', 'LOCKED_OUT', 'ACTIVE'] as const;
const GIVEN = ['Alex', 'Sam', 'Robin', 'Kim', 'Noor', 'Jules', 'Mika', 'Lou'];
const FAMILY = ['Vale', 'Stone', 'River', 'Hill', 'Brook', 'Field', 'Marsh', 'Wood'];

export async function startOktaSimulator(options: OktaSimulatorOptions): Promise<OktaSimulator> {
  const ca = await createCertificateAuthority('ciamscan okta simulator CA', 2);
  const cert = await issueServerCertificate(ca, { hosts: ['127.0.0.1', 'localhost'], days: 2 });
  const limit = options.limitPerMinute ?? 600;
  const log: SimulatedRequest[] = [];
  const bucket = { windowStart: 0, used: 0 };
  let origin = '';

  const server = createServer({ cert: cert.certPem, key: cert.keyPem }, (req, res) => {
    const now = Date.now();
    const url = new URL(req.url ?? '/', origin);
    const status = handle(req, res, url, now);
    log.push({ path: url.pathname, status, at: now });
  });

  function handle(req: IncomingMessage, res: ServerResponse, url: URL, now: number): number {
    if (req.method !== 'GET') return send(res, 405, { errorCode: 'E0000022', errorSummary: 'The endpoint does not support the provided HTTP method' });
    if (!req.headers.authorization?.startsWith('SSWS ')) return send(res, 401, { errorCode: 'E0000011', errorSummary: 'Invalid token provided' });
    if (url.pathname !== '/api/v1/users') return send(res, 200, url.pathname === '/api/v1/threats/configuration' ? { action: 'none', excludeZones: [] } : []);
    // Okta's buckets are fixed one-minute windows.
    if (now - bucket.windowStart >= WINDOW_MS) {
      bucket.windowStart = now - (now % WINDOW_MS);
      bucket.used = 0;
    }
    const reset = Math.ceil((bucket.windowStart + WINDOW_MS) / 1000);
    const headers = (remaining: number) => ({ 'X-Rate-Limit-Limit': String(limit), 'X-Rate-Limit-Remaining': String(remaining), 'X-Rate-Limit-Reset': String(reset) });
    if (bucket.used >= limit) return send(res, 429, { errorCode: 'E0000047', errorSummary: 'API call exceeded rate limit due to too many requests.' }, headers(0));
    bucket.used += 1;
    const pageSize = Math.min(MAX_PAGE, Math.max(1, Number(url.searchParams.get('limit') ?? MAX_PAGE) || MAX_PAGE));
    const start = cursorIndex(url.searchParams.get('after'));
    const end = Math.min(options.users, start + pageSize);
    const page = [];
    for (let i = start; i < end; i++) page.push(syntheticUser(i, origin));
    const link = [`<${origin}/api/v1/users?limit=${pageSize}${start ? `&after=${cursor(start)}` : ''}>; rel="self"`];
    if (end < options.users) link.push(`<${origin}/api/v1/users?limit=${pageSize}&after=${cursor(end)}>; rel="next"`);
    return send(res, 200, page, { ...headers(limit - bucket.used), Link: link.join(', ') });
  }

  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  origin = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    orgUrl: origin,
    caPem: ca.certPem,
    close: () => new Promise<void>((resolve, reject) => {
      server.closeAllConnections();
      server.close((err) => (err ? reject(err) : resolve()));
    }),
    requests: () => log,
  };
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): number {
  res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
  return status;
}

/** Opaque-looking cursors, as Okta's are: the index in base 36. */
function cursor(index: number): string {
  return `00u${index.toString(36)}`;
}

function cursorIndex(after: string | null): number {
  if (!after?.startsWith('00u')) return 0;
  const n = parseInt(after.slice(3), 36);
  return Number.isFinite(n) && n >= 0 ? n : 0;
}

/** User i, always the same: invented names at example.com, a few duplicates and federated users on purpose. */
export function syntheticUser(i: number, origin: string): Record<string, unknown> {
  const given = GIVEN[i % GIVEN.length] ?? 'Alex';
  const family = FAMILY[Math.floor(i / GIVEN.length) % FAMILY.length] ?? 'Vale';
  // Every 50th user shares the e-mail of the previous one (duplicate evidence for the identity analysis).
  const n = i % 50 === 49 ? i - 1 : i;
  const email = `user${n}@example.com`;
  const social = i % 10 === 3;
  const day = String((i % 28) + 1).padStart(2, '0');
  return {
    id: `00usim${i.toString(36).padStart(8, '0')}`,
    status: STATUSES[i % STATUSES.length],
    created: `2024-01-${day}T10:00:00.000Z`,
    lastLogin: i % 3 === 0 ? null : `2025-12-${day}T08:00:00.000Z`,
    lastUpdated: `2025-06-${day}T12:00:00.000Z`,
    profile: {
      firstName: given,
      lastName: family,
      email,
      login: email,
      secondEmail: i % 7 === 0 ? `alt${i}@example.net` : null,
      mobilePhone: i % 4 === 0 ? `+1 555 ${String(i % 10_000).padStart(4, '0')}` : null,
    },
    credentials: social ? { provider: { type: 'SOCIAL', name: 'Google' } } : { provider: { type: 'OKTA', name: 'OKTA' }, emails: [{ value: email, status: i % 5 === 0 ? 'UNVERIFIED' : 'VERIFIED', type: 'PRIMARY' }] },
    _links: { self: { href: `${origin}/api/v1/users/00usim${i.toString(36).padStart(8, '0')}` } },
  };
}
