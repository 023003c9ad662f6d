/**
 * A fake Auth0 tenant for the connector tests: nock answers the token endpoint and every
 * Management API read from the fixtures in fixtures/auth0/, and a test overrides single routes
 * (a 403 here, a 429 there, an export job) by method and path. Every hit is counted, so tests
 * assert what was sent without timing anything.
 */
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import nock from 'nock';
import { auth0TargetSchema, type Auth0TargetConfig } from '../../../connectors/auth0/config.js';

export const DOMAIN = 'example-shop.eu.auth0.com';
export const ORIGIN = `https://${DOMAIN}`;
export const SECRET = 'invented-client-secret-0123456789';
export const FIXTURES = new URL('../../../fixtures/auth0/', import.meta.url);

export function fixture(name: string): unknown {
  return JSON.parse(readFileSync(new URL(name, FIXTURES), 'utf8')) as unknown;
}

export function target(overrides: Partial<Auth0TargetConfig> = {}): Auth0TargetConfig {
  return auth0TargetSchema.parse({ id: 'shop', type: 'auth0', domain: DOMAIN, clientId: 'scanner-client-id', clientSecret: SECRET, exportPollMs: 10, ...overrides });
}

/** Every read scope the connector asks for. */
export const ALL_SCOPES = [
  'read:tenant_settings',
  'read:clients',
  'read:connections',
  'read:connections_options',
  'read:attack_protection',
  'read:guardian_factors',
  'read:mfa_policies',
  'read:log_streams',
  'read:logs',
  'read:stats',
  'read:actions',
  'read:signing_keys',
  'read:users',
];

export type Reply = [number, unknown, Record<string, string>?];

export interface RouteContext {
  url: URL;
  /** How often this route was hit before (0 on the first request). */
  hit: number;
  body: unknown;
  authorization: string | undefined;
}

/** Return a reply to override the route, or undefined to fall through to the fixture. */
export type Route = (request: RouteContext) => Reply | undefined;

export interface FakeTenantOptions {
  fixture?: 'weak' | 'hardened';
  /** The token response's `scope`; null: the member is absent. */
  scopes?: string[] | null;
  /** The access token's `scope` claim (decoded by the connector when the response has none). */
  tokenScopeClaim?: string[];
  /** All users of the tenant (paged by page/per_page); default: fixtures/auth0/users-page.json. */
  users?: unknown[];
  /** The `total` the users listing reports (default: users.length). */
  usersTotal?: number;
  /** Overrides keyed `METHOD /path` (path without query), e.g. `GET /api/v2/log-streams`. */
  routes?: Record<string, Route>;
  /** A token-endpoint reply instead of a token. */
  tokenReply?: Reply;
}

export interface FakeTenant {
  hits(key: string): number;
  /** Every request as `METHOD /path?query`, in order. */
  log: string[];
}

const json = { 'content-type': 'application/json' };

export function fakeTenant(options: FakeTenantOptions = {}): FakeTenant {
  const dir = `${options.fixture ?? 'weak'}/`;
  const users = options.users ?? ((fixture('users-page.json') as { users: unknown[] }).users);
  const counts = new Map<string, number>();
  const log: string[] = [];
  let tokens = 0;
  const count = (key: string) => {
    const n = counts.get(key) ?? 0;
    counts.set(key, n + 1);
    return n;
  };

  const scope = nock(ORIGIN).persist();
  // nock 15 calls a reply function with the fetch Request (and expects one parameter).
  scope.post('/oauth/token').reply((req: Request) => {
    log.push(`POST ${new URL(req.url).pathname}`);
    count('POST /oauth/token');
    if (options.tokenReply) return options.tokenReply;
    tokens++;
    const claims = { iss: `${ORIGIN}/`, aud: `${ORIGIN}/api/v2/`, gty: 'client-credentials', ...(options.tokenScopeClaim ? { scope: options.tokenScopeClaim.join(' ') } : {}), n: tokens };
    const body: Record<string, unknown> = { access_token: fakeJwt(claims), token_type: 'Bearer', expires_in: 86400 };
    const scopes = options.scopes === undefined ? ALL_SCOPES : options.scopes;
    if (scopes) body.scope = scopes.join(' ');
    return [200, body, json];
  });

  const handle = async (req: Request): Promise<Reply> => {
    const method = req.method;
    const url = new URL(req.url);
    log.push(`${method} ${url.pathname}${url.search}`);
    const text = method === 'POST' ? await req.text() : '';
    const body: unknown = text ? JSON.parse(text) : undefined;
    const authorization = req.headers.get('authorization') ?? undefined;
    const key = `${method} ${url.pathname}`;
    const hit = count(key);
    const invalid = invalidQuery(url);
    if (invalid) return withJson([400, { statusCode: 400, error: 'Bad Request', message: `Query validation error: 'Additional properties not allowed: ${invalid}'`, errorCode: 'invalid_query_string' }]);
    const override = options.routes?.[key]?.({ url, hit, body, authorization });
    if (override) return withJson(override);
    if (!authorization?.startsWith('Bearer ')) return [401, { statusCode: 401, error: 'Unauthorized', message: 'Missing authentication' }, json];
    return withJson(defaultReply(dir, url, users, options.usersTotal));
  };
  scope.get(/^\/api\/v2\//).reply(handle);
  scope.post(/^\/api\/v2\//).reply(handle);
  return { hits: (key) => counts.get(key) ?? 0, log };
}

function withJson(reply: Reply): Reply {
  const [status, body, headers] = reply;
  return [status, body, { ...(typeof body === 'string' || Buffer.isBuffer(body) ? {} : json), ...(headers ?? {}) }];
}

/**
 * The query parameters each endpoint defines (Management API v2 reference): Auth0 answers 400 to
 * any other, so the fake does too.
 */
const QUERY: Array<[RegExp, string[]]> = [
  [/^\/api\/v2\/tenants\/settings$/, ['fields', 'include_fields']],
  [/^\/api\/v2\/clients$/, ['fields', 'include_fields', 'page', 'per_page', 'include_totals', 'is_global', 'is_first_party', 'app_type', 'q']],
  [/^\/api\/v2\/connections$/, ['per_page', 'page', 'include_totals', 'from', 'take', 'strategy', 'name', 'fields', 'include_fields']],
  [/^\/api\/v2\/logs$/, ['page', 'per_page', 'sort', 'fields', 'include_fields', 'include_totals', 'from', 'take', 'q']],
  [/^\/api\/v2\/stats\/daily$/, ['from', 'to']],
  [/^\/api\/v2\/actions\/triggers\/[^/]+\/bindings$/, ['page', 'per_page']],
  [/^\/api\/v2\/users$/, ['page', 'per_page', 'include_totals', 'sort', 'connection', 'fields', 'include_fields', 'q', 'search_engine', 'primary_order']],
];

function invalidQuery(url: URL): string | undefined {
  const allowed = QUERY.find(([path]) => path.test(url.pathname))?.[1] ?? [];
  return [...url.searchParams.keys()].find((name) => !allowed.includes(name));
}

const DOCUMENTS: Record<string, string> = {
  '/api/v2/tenants/settings': 'tenant-settings.json',
  '/api/v2/clients': 'clients.json',
  '/api/v2/attack-protection/brute-force-protection': 'brute-force-protection.json',
  '/api/v2/attack-protection/suspicious-ip-throttling': 'suspicious-ip-throttling.json',
  '/api/v2/attack-protection/breached-password-detection': 'breached-password-detection.json',
  '/api/v2/attack-protection/bot-detection': 'bot-detection.json',
  '/api/v2/guardian/factors': 'guardian-factors.json',
  '/api/v2/guardian/policies': 'guardian-policies.json',
  '/api/v2/log-streams': 'log-streams.json',
  '/api/v2/logs': 'logs.json',
  '/api/v2/stats/daily': 'stats-daily.json',
  '/api/v2/keys/signing': 'keys-signing.json',
  '/api/v2/actions/triggers/post-login/bindings': 'bindings-post-login.json',
  '/api/v2/actions/triggers/post-user-registration/bindings': 'bindings-post-user-registration.json',
  '/api/v2/actions/triggers/pre-user-registration/bindings': 'bindings-pre-user-registration.json',
};

function defaultReply(dir: string, url: URL, users: unknown[], usersTotal: number | undefined): Reply {
  if (url.pathname === '/api/v2/connections') {
    return [200, fixture(dir + (url.searchParams.get('strategy') === 'auth0' ? 'connections-database.json' : 'connections.json'))];
  }
  if (url.pathname === '/api/v2/users') return [200, usersPage(url, users, usersTotal)];
  const file = DOCUMENTS[url.pathname];
  if (file) return [200, fixture(dir + file)];
  return [404, { statusCode: 404, error: 'Not Found', message: 'Not Found' }];
}

export function usersPage(url: URL, users: unknown[], total = users.length): unknown {
  const page = Number(url.searchParams.get('page') ?? 0);
  const perPage = Number(url.searchParams.get('per_page') ?? 50);
  const slice = users.slice(page * perPage, (page + 1) * perPage);
  return { start: page * perPage, limit: perPage, length: slice.length, total, users: slice };
}

/** A JWT-shaped token: the connector only decodes it (for the scope claim), never verifies it. */
export function fakeJwt(claims: Record<string, unknown>): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'RS256', typ: 'JWT', kid: 'invented' })}.${part(claims)}.${Buffer.from('invented-signature').toString('base64url')}`;
}

const GIVEN = ['Ada', 'Alan', 'Grace', 'Edsger', 'Barbara', 'Donald', 'Frances', 'Ken', 'Radia', 'Tim'];
const FAMILY = ['Lovelace', 'Turing', 'Hopper', 'Dijkstra', 'Liskov', 'Knuth', 'Allen', 'Thompson', 'Perlman', 'Berners'];

/**
 * Invented users: every 10th also signs in with Google (two identities), every 5th has an
 * unverified address, every 50th is blocked.
 */
export function fakeUsers(count: number, from = 0): Array<Record<string, unknown>> {
  return Array.from({ length: count }, (_, k) => {
    const i = from + k;
    const id = `auth0|user${String(i).padStart(8, '0')}`;
    const identities: Array<Record<string, unknown>> = [{ connection: 'Username-Password-Authentication', user_id: id.slice(6), provider: 'auth0', isSocial: false }];
    if (i % 10 === 0) identities.push({ connection: 'google-oauth2', user_id: `1000${i}`, provider: 'google-oauth2', isSocial: true });
    const given = GIVEN[i % GIVEN.length];
    const family = FAMILY[(i * 7) % FAMILY.length];
    return {
      user_id: id,
      email: `customer${i}@example.com`,
      email_verified: i % 5 !== 0,
      given_name: given,
      family_name: family,
      name: `${given} ${family}`,
      blocked: i % 50 === 0,
      identities,
      created_at: new Date(Date.UTC(2024, 0, 1) + i * 60_000).toISOString(),
      updated_at: new Date(Date.UTC(2025, 0, 1) + i * 60_000).toISOString(),
    };
  });
}

/** A users-export file: NDJSON, gzip-compressed, as Auth0 serves it. */
export function exportFile(users: unknown[]): Buffer {
  return gzipSync(users.map((u) => JSON.stringify(u)).join('\n') + '\n');
}
