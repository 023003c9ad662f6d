/**
 * A minimal Keycloak for the million-user benchmark: node:http on 127.0.0.1, answering only what
 * the keycloak connector needs to page users (the realm token endpoint, `users/count`, `users`
 * with first/max/briefRepresentation, and `users/profile`). Users are generated from their index
 * on every request, so nothing is stored whatever `users` is. Its token grants only view-users, so
 * the connector skips every other section without asking (they are reported as not permitted).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface KeycloakSimulatorOptions {
  users: number;
  /** Default: an ephemeral port. */
  port?: number;
  realm?: string;
}

export interface KeycloakSimulator {
  /** `http://127.0.0.1:<port>`: the connector's baseUrl. */
  baseUrl: string;
  realm: string;
  close(): Promise<void>;
  /** Requests served so far. */
  requests(): number;
}

const GIVEN = ['Anna', 'Ben', 'Chen', 'Daan', 'Eva', 'Farah', 'Gijs', 'Hana', 'Ivo', 'Jade', 'Kofi', 'Lena', 'Mo', 'Noor', 'Omar', 'Pia', 'Quinn', 'Rosa', 'Sem', 'Tess'];
const FAMILY = ['Bakker', 'Chen', 'Dekker', 'Jansen', 'Kaya', 'Smit', 'Visser', 'de Vries', 'Bos', 'Mulder', 'Peters', 'Hendriks', 'Dijkstra', 'Yilmaz', 'Vos'];
const CREATED_BASE = Date.UTC(2020, 0, 1);

/** User number i (1-based), invented and deterministic. */
export function simulatedUser(i: number, brief: boolean): Record<string, unknown> {
  const user: Record<string, unknown> = {
    id: `00000000-0000-4000-8000-${i.toString(16).padStart(12, '0')}`,
    username: `user${i}`,
    firstName: GIVEN[i % GIVEN.length],
    lastName: FAMILY[(i * 7) % FAMILY.length],
    email: `user${i}@example.test`,
    emailVerified: i % 4 !== 0,
    enabled: i % 50 !== 0,
    createdTimestamp: CREATED_BASE + i * 60_000,
  };
  if (!brief) user.attributes = { phoneNumber: [`+3120${String(5_550_000 + (i % 10_000)).padStart(7, '0')}`] };
  return user;
}

function token(realm: string, origin: string): string {
  const part = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
  const claims = { iss: `${origin}/realms/${realm}`, azp: 'ciamscan', resource_access: { 'realm-management': { roles: ['view-users', 'query-users', 'query-groups'] } } };
  return `${part({ alg: 'none', typ: 'JWT' })}.${part(claims)}.`;
}

function send(res: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

export async function startKeycloakSimulator(options: KeycloakSimulatorOptions): Promise<KeycloakSimulator> {
  const realm = options.realm ?? 'customers';
  const admin = `/admin/realms/${realm}`;
  let served = 0;
  let origin = '';
  const server = http.createServer((req, res) => {
    served++;
    const url = new URL(req.url ?? '/', origin);
    if (req.method === 'POST' && url.pathname === `/realms/${realm}/protocol/openid-connect/token`) {
      req.resume();
      req.on('end', () => send(res, 200, { access_token: token(realm, origin), token_type: 'Bearer', expires_in: 3600 }));
      return;
    }
    if (req.method !== 'GET') return send(res, 405, { error: 'method not allowed' });
    if (!req.headers.authorization?.startsWith('Bearer ')) return send(res, 401, { error: 'HTTP 401 Unauthorized' });
    if (url.pathname === `${admin}/users/count`) return send(res, 200, options.users);
    if (url.pathname === `${admin}/users/profile`) return send(res, 200, { attributes: [] });
    if (url.pathname === `${admin}/users`) {
      // Filters the simulator does not model (idpAlias, search, ...) match nobody.
      if ([...url.searchParams.keys()].some((k) => !['first', 'max', 'briefRepresentation'].includes(k))) return send(res, 200, []);
      const first = Math.max(0, Number(url.searchParams.get('first') ?? 0) || 0);
      const max = Math.max(0, Number(url.searchParams.get('max') ?? 100) || 100);
      const brief = url.searchParams.get('briefRepresentation') === 'true';
      const page: Array<Record<string, unknown>> = [];
      for (let i = first + 1; i <= Math.min(options.users, first + max); i++) page.push(simulatedUser(i, brief));
      return send(res, 200, page);
    }
    return send(res, 404, { error: 'not simulated' });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    baseUrl: origin,
    realm,
    requests: () => served,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
