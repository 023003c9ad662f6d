/**
 * A local SCIM 2.0 service provider for the 1M-user benchmark: `GET /Users` over N deterministic
 * synthetic users generated on the fly (nothing is held in memory, unlike the scimmy demo server),
 * paged by startIndex/count (RFC 7644 §3.4.2.4) and, when `cursor` is set, by RFC 9865 cursors
 * (advertised in /ServiceProviderConfig `pagination`). Discovery is public; /Users and /Groups
 * need a bearer token. https on 127.0.0.1 with a private CA (the target's tls.caFile).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { createCertificateAuthority, issueServerCertificate } from '../../src/demo/certificates.js';

export interface ScimSimulatorOptions {
  /** How many users the provider holds. */
  users: number;
  port?: number;
  /** Advertise and serve RFC 9865 cursor paging. */
  cursor?: boolean;
  /** filter.maxResults and the largest page served (default 1000). */
  maxResults?: number;
}

export interface ScimSimulator {
  /** https://127.0.0.1:<port>/scim/v2 */
  baseUrl: string;
  /** The private CA that signed the server certificate. */
  caPem: string;
  close(): Promise<void>;
  /** Requests answered so far. */
  requests(): number;
}

const MOUNT = '/scim/v2';
const SCIM_JSON = 'application/scim+json';
const LIST = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';
const ERROR = 'urn:ietf:params:scim:api:messages:2.0:Error';
const GIVEN = ['Alex', 'Sam', 'Robin', 'Kim', 'Noor', 'Jules', 'Mika', 'Lou'];
const FAMILY = ['Vale', 'Stone', 'River', 'Hill', 'Brook', 'Field', 'Marsh', 'Wood'];
const EPOCH = Date.UTC(2020, 0, 1);

export async function startScimSimulator(options: ScimSimulatorOptions): Promise<ScimSimulator> {
  const ca = await createCertificateAuthority('ciamscan scim simulator CA', 2);
  const cert = await issueServerCertificate(ca, { hosts: ['127.0.0.1', 'localhost'], days: 2 });
  const maxResults = options.maxResults ?? 1000;
  let requests = 0;
  const server = createServer({ cert: cert.certPem, key: cert.keyPem }, (req, res) => {
    requests += 1;
    handle(req, res, { total: options.users, cursor: options.cursor === true, maxResults });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `https://127.0.0.1:${port}${MOUNT}`,
    caPem: ca.certPem,
    requests: () => requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

interface Settings {
  total: number;
  cursor: boolean;
  maxResults: number;
}

function handle(req: IncomingMessage, res: ServerResponse, settings: Settings): void {
  const url = new URL(req.url ?? '/', 'https://127.0.0.1');
  const path = url.pathname.startsWith(MOUNT) ? url.pathname.slice(MOUNT.length) : '';
  if (req.method !== 'GET') return error(res, 405, 'only GET is served here');
  if (path === '/ServiceProviderConfig') return send(res, 200, serviceProviderConfig(settings));
  if (path === '/ResourceTypes') return send(res, 200, list(RESOURCE_TYPES, RESOURCE_TYPES.length, 1));
  if (path === '/Schemas') return send(res, 200, list(SCHEMAS, SCHEMAS.length, 1));
  if (path !== '/Users' && path !== '/Groups') return error(res, 404, 'Endpoint Not Found');
  if (!req.headers.authorization?.startsWith('Bearer ')) return error(res, 401, 'Authorization required');
  if (path === '/Groups') return send(res, 200, list([], 0, 1));
  return users(res, url.searchParams, settings);
}

function users(res: ServerResponse, params: URLSearchParams, settings: Settings): void {
  const count = Math.min(Math.max(0, intParam(params.get('count')) ?? 100), settings.maxResults);
  const cursor = params.get('cursor');
  if (cursor !== null && settings.cursor) {
    const offset = cursor === '' ? 0 : decodeCursor(cursor);
    if (offset === undefined || offset > settings.total) return error(res, 400, 'The cursor is not valid', 'invalidCursor');
    const n = Math.min(count, settings.total - offset);
    const body: Record<string, unknown> = { ...list(range(offset, n), settings.total, undefined) };
    if (offset + n < settings.total && n > 0) body.nextCursor = encodeCursor(offset + n);
    return send(res, 200, body);
  }
  const startIndex = Math.max(1, intParam(params.get('startIndex')) ?? 1);
  const n = Math.max(0, Math.min(count, settings.total - startIndex + 1));
  return send(res, 200, list(range(startIndex - 1, n), settings.total, startIndex));
}

function range(offset: number, n: number): Array<Record<string, unknown>> {
  return Array.from({ length: n }, (_, i) => user(offset + i + 1));
}

/** User k (1-based), the same on every run; only the attributes the connector asks for. */
function user(k: number): Record<string, unknown> {
  const handle = `user${String(k).padStart(7, '0')}`;
  const created = new Date(EPOCH + k * 60_000).toISOString();
  const out: Record<string, unknown> = {
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
    id: `sim-${k.toString(36)}`,
    userName: handle,
    name: { givenName: GIVEN[k % GIVEN.length], familyName: FAMILY[(k >> 3) % FAMILY.length] },
    emails: [{ value: `${handle}@example.test`, type: 'work', primary: true }],
    active: k % 10 !== 0,
    meta: { resourceType: 'User', created, lastModified: created },
  };
  if (k % 3 === 0) out.phoneNumbers = [{ value: `+1555${String(k % 10_000_000).padStart(7, '0')}`, type: 'mobile' }];
  if (k % 2 === 0) out.externalId = `crm-${k}`;
  return out;
}

function list(resources: unknown[], total: number, startIndex: number | undefined): Record<string, unknown> {
  return { schemas: [LIST], totalResults: total, ...(startIndex !== undefined ? { startIndex } : {}), itemsPerPage: resources.length, Resources: resources };
}

function serviceProviderConfig(settings: Settings): Record<string, unknown> {
  return {
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig'],
    patch: { supported: true },
    bulk: { supported: false, maxOperations: 0, maxPayloadSize: 0 },
    filter: { supported: true, maxResults: settings.maxResults },
    changePassword: { supported: false },
    sort: { supported: false },
    etag: { supported: true },
    ...(settings.cursor
      ? { pagination: { cursor: true, index: true, defaultPaginationMethod: 'index', defaultPageSize: 100, maxPageSize: settings.maxResults, cursorTimeout: 3600 } }
      : {}),
    authenticationSchemes: [{ type: 'oauthbearertoken', name: 'OAuth Bearer Token', description: 'Authentication scheme using the OAuth Bearer Token Standard', primary: true }],
  };
}

const RESOURCE_TYPES = [
  { schemas: ['urn:ietf:params:scim:schemas:core:2.0:ResourceType'], id: 'User', name: 'User', endpoint: '/Users', schema: 'urn:ietf:params:scim:schemas:core:2.0:User' },
  { schemas: ['urn:ietf:params:scim:schemas:core:2.0:ResourceType'], id: 'Group', name: 'Group', endpoint: '/Groups', schema: 'urn:ietf:params:scim:schemas:core:2.0:Group' },
];
const SCHEMAS = [
  { id: 'urn:ietf:params:scim:schemas:core:2.0:User', name: 'User', attributes: [] },
  { id: 'urn:ietf:params:scim:schemas:core:2.0:Group', name: 'Group', attributes: [] },
];

/** Opaque to clients; only RFC 3986 unreserved characters (RFC 9865 §2). */
function encodeCursor(offset: number): string {
  return Buffer.from(`o:${offset}`).toString('base64url');
}

function decodeCursor(cursor: string): number | undefined {
  const match = /^o:(\d{1,12})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  return match ? Number(match[1]) : undefined;
}

function intParam(value: string | null): number | undefined {
  return value !== null && /^-?\d{1,12}$/.test(value) ? Number(value) : undefined;
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': SCIM_JSON, 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

function error(res: ServerResponse, status: number, detail: string, scimType?: string): void {
  send(res, status, { schemas: [ERROR], status: String(status), detail, ...(scimType ? { scimType } : {}) });
}
