import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import nock from 'nock';

/**
 * A nock stand-in for one Keycloak realm (Keycloak cannot run here): the token endpoint and the
 * Admin REST API reads, answered from fixtures/keycloak and synthetic users. Every request is
 * logged; `override` lets a test answer one request differently (401, 403, 429, 5xx, HTML, ...).
 */
export const BASE = 'https://sso.example.com';
export const REALM = 'customers';
export const SECRET = 'kc-test-secret-value-0001';

const FIXTURES = fileURLToPath(new URL('../../../fixtures/keycloak/', import.meta.url));

export function fixture(path: string): unknown {
  return JSON.parse(readFileSync(FIXTURES + path, 'utf8')) as unknown;
}

export function realWorld(path: string): unknown {
  return JSON.parse(readFileSync(fileURLToPath(new URL(`../../../fixtures/real-world/api/keycloak/${path}`, import.meta.url)), 'utf8')) as unknown;
}

/** An unsigned JWT with the given claims (the connector only decodes it, as Keycloak's admin API verifies it). */
export function jwt(claims: Record<string, unknown>): string {
  const enc = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
  return `${enc({ alg: 'RS256', typ: 'JWT', kid: 'test' })}.${enc(claims)}.c2lnbmF0dXJl`;
}

export const ALL_ROLES = ['view-realm', 'view-clients', 'view-users', 'query-users', 'query-groups', 'view-identity-providers', 'view-events'];

export interface MockRequest {
  method: string;
  /** Path below /admin/realms/customers ('' for the realm itself), or 'token'. */
  path: string;
  query: URLSearchParams;
  authorization?: string;
  /** How many earlier requests had the same path and query. */
  seen: number;
}

export type MockReply = [number, unknown, Record<string, string>?];

export interface MockOptions {
  fixtures?: 'weak' | 'hardened';
  /** realm-management roles in the token; null: no resource_access claim at all. */
  roles?: string[] | null;
  users?: number;
  /** Users (by index) linked to each identity provider. */
  linked?: Record<string, number[]>;
  /** Server ignores the idpAlias filter (Keycloak before 14). */
  ignoresIdpAlias?: boolean;
  contextPath?: string;
  override?: (req: MockRequest) => MockReply | undefined;
  /** Sees each token request body (form-encoded). */
  onTokenRequest?: (body: string) => void;
}

export interface MockKeycloak {
  log: MockRequest[];
  tokensIssued(): number;
  adminRequests(pathPrefix?: string): MockRequest[];
}

export function userId(i: number): string {
  return `u-${String(i).padStart(6, '0')}`;
}

/** Synthetic brief UserRepresentation number i (invented values). */
export function syntheticUser(i: number): Record<string, unknown> {
  return {
    id: userId(i),
    username: `user${i}`,
    firstName: `Given${i}`,
    lastName: `Family${i}`,
    email: `user${i}@example.test`,
    emailVerified: i % 3 !== 0,
    createdTimestamp: 1_767_225_600_000 + i * 1000,
    enabled: i % 10 !== 0,
  };
}

const FLOW_FILES: Record<string, string> = {
  browser: 'flow-browser.json',
  registration: 'flow-registration.json',
  'first broker login': 'flow-first-broker-login.json',
  autolink: 'flow-autolink.json',
};

function page<T>(items: T[], query: URLSearchParams): T[] {
  const first = Number(query.get('first') ?? 0);
  const max = Number(query.get('max') ?? 100);
  return items.slice(first, first + max);
}

export function mockKeycloak(options: MockOptions = {}): MockKeycloak {
  const set = options.fixtures ?? 'weak';
  const users = options.users ?? 0;
  const linked = options.linked ?? {};
  const roles = options.roles === undefined ? ALL_ROLES : options.roles;
  const prefix = options.contextPath ?? '';
  const log: MockRequest[] = [];
  const counts = new Map<string, number>();
  let tokens = 0;

  const record = (method: string, path: string, query: URLSearchParams, authorization: string | undefined): MockRequest => {
    const key = `${method} ${path}?${query.toString()}`;
    const seen = counts.get(key) ?? 0;
    counts.set(key, seen + 1);
    const req: MockRequest = { method, path, query, seen, ...(authorization ? { authorization } : {}) };
    log.push(req);
    return req;
  };

  const adminGet = (path: string, query: URLSearchParams): MockReply => {
    if (path === '') return [200, fixture(`${set}/realm.json`)];
    if (path === '/events/config') return [200, fixture(`${set}/events-config.json`)];
    if (path === '/identity-provider/instances') return [200, page(fixture(`${set}/identity-providers.json`) as unknown[], query)];
    if (path === '/authentication/required-actions') return [200, fixture(`${set}/required-actions.json`)];
    if (path === '/clients') return [200, page(fixture(`${set}/clients.json`) as unknown[], query)];
    if (path === '/keys') return [200, fixture(`${set}/keys.json`)];
    if (path === '/users/profile') return [200, fixture(`${set}/user-profile.json`)];
    if (path === '/users/count') return [200, users];
    if (path === '/components') {
      const type = query.get('type') ?? '';
      if (type.endsWith('UserStorageProvider')) return [200, fixture(`${set}/components-user-storage.json`)];
      if (type.endsWith('ClientRegistrationPolicy')) return [200, fixture(`${set}/components-client-registration.json`)];
      return [200, []];
    }
    const flow = /^\/authentication\/flows\/(.+)\/executions$/.exec(path);
    if (flow) {
      const file = FLOW_FILES[decodeURIComponent(flow[1] ?? '')];
      return file ? [200, fixture(`${set}/${file}`)] : [404, { error: 'Flow not found' }];
    }
    if (path === '/users') {
      const alias = query.get('idpAlias');
      const all = Array.from({ length: users }, (_, i) => i + 1);
      if (alias !== null && !options.ignoresIdpAlias) return [200, page((linked[alias] ?? []).map(syntheticUser), query)];
      return [200, page(all.map(syntheticUser), query)];
    }
    const fed = /^\/users\/([^/]+)\/federated-identity$/.exec(path);
    if (fed) {
      const id = decodeURIComponent(fed[1] ?? '');
      const out = Object.entries(linked).flatMap(([alias, idx]) =>
        idx.some((i) => userId(i) === id) ? [{ identityProvider: alias, userId: `sub-${alias}-${id}`, userName: `${id}@upstream.example.test` }] : [],
      );
      return [200, out];
    }
    return [404, { error: 'Not Found' }];
  };

  const scope = nock(BASE).persist();
  const tokenReply = (): MockReply => {
    const req = record('POST', 'token', new URLSearchParams(), undefined);
    const custom = options.override?.(req);
    if (custom) return custom;
    tokens++;
    const claims: Record<string, unknown> = { iss: `${BASE}${prefix}/realms/${REALM}`, azp: 'ciamscan', n: tokens, realm_access: { roles: ['default-roles-customers'] } };
    if (roles !== null) claims.resource_access = { 'realm-management': { roles }, account: { roles: ['view-profile'] } };
    return [200, { access_token: jwt(claims), token_type: 'Bearer', expires_in: 300, scope: 'profile email' }, { 'content-type': 'application/json' }];
  };
  // nock 15 passes a Fetch Request, and a callback when the function takes two parameters.
  scope.post(`${prefix}/realms/${REALM}/protocol/openid-connect/token`).reply((uri: unknown, callback: unknown) => {
    const done = callback as (err: null, reply: MockReply) => void;
    void (uri as Request).text().then((body) => {
      options.onTokenRequest?.(body);
      done(null, tokenReply());
    });
  });
  scope.get(/.*/).reply((uri: unknown) => {
    // nock 15 hands the reply function a Fetch Request (its types still say a string).
    const request = uri as Request | string;
    const url = new URL(typeof request === 'string' ? request : request.url, BASE);
    const adminBase = `${prefix}/admin/realms/${REALM}`;
    const path = url.pathname.startsWith(adminBase) ? url.pathname.slice(adminBase.length) : url.pathname;
    const authorization = typeof request === 'string' ? undefined : (request.headers.get('authorization') ?? undefined);
    const req = record('GET', path, url.searchParams, authorization);
    const custom = options.override?.(req);
    const [status, body, headers] = custom ?? (req.authorization?.startsWith('Bearer ') ? adminGet(path, url.searchParams) : [401, { error: 'HTTP 401 Unauthorized' }]);
    return [status, typeof body === 'string' ? body : JSON.stringify(body), { 'content-type': 'application/json', ...(headers ?? {}) }];
  });
  return {
    log,
    tokensIssued: () => tokens,
    adminRequests: (pathPrefix) => log.filter((r) => r.path !== 'token' && (pathPrefix === undefined || r.path.startsWith(pathPrefix))),
  };
}
