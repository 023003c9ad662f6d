/**
 * A real SCIM 2.0 service provider for the demo and the tests: SCIMMY's resource and schema model
 * behind scimmy-routers on express, over an in-memory store, on 127.0.0.1.
 *
 * SCIMMY is a process-wide singleton (its resource declarations and config are global), so the
 * handlers are declared once and find each server's store through scimmy-routers' `context`; the
 * per-server ServiceProviderConfig is served by our own route. Four gaps of scimmy 1.3.5 /
 * scimmy-routers 1.3.2 are worked around here:
 * - under Express 5 `req.query` is a read-only getter, so the routers' cast of startIndex/count to
 *   numbers is lost and paging is silently ignored: the query is replaced by a parsed copy first;
 * - `attributes=meta.created` fails ("Required attribute 'resourceType' is missing"), because the
 *   required meta.resourceType is filtered out: it is added to such requests;
 * - `attributes=urn:...:User:attr` (an extension attribute, RFC 7644 §3.10) fails with "Cannot read
 *   properties of undefined", because `schemas` (always returned, RFC 7643 §3) is filtered out
 *   before the extension is set: it is added to such requests;
 * - a ListResponse's totalResults is always the length of what egress returned, so egress would
 *   have to return every user for every page (seconds per page at a few thousand users, and
 *   itemsPerPage then reports the requested count, not RFC 7644 §3.4.2's number returned). Egress
 *   returns only the page and sets totalResults and itemsPerPage through the resource's constraints.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import type { Socket } from 'node:net';
import express from 'express';
import type { NextFunction, Request, Response } from 'express';
import SCIMMY from 'scimmy';
import SCIMMYRouters from 'scimmy-routers';

export interface ScimSeedUser {
  /** Defaults to a stable id derived from userName. */
  id?: string;
  userName: string;
  name?: { givenName?: string; familyName?: string; formatted?: string };
  emails?: Array<{ value: string; type?: string; primary?: boolean }>;
  phoneNumbers?: Array<{ value: string; type?: string; primary?: boolean }>;
  active?: boolean;
  externalId?: string;
  /** ISO 8601; defaults to a fixed date. */
  created?: string;
  /** Marketing consent, served in the MARKETING_SCHEMA extension (absent: the user has none). */
  marketingConsent?: boolean;
  /** ISO 8601: when the consent was given or withdrawn (MARKETING_SCHEMA extension). */
  marketingConsentUpdated?: string;
}

/**
 * The demo's custom User extension (RFC 7643 §3.3: a schema URN naming the object that holds the
 * attributes): marketing consent and its time, as a preference centre would keep them. SCIMMY takes
 * only URNs under urn:ietf:params:scim:schemas:, as many vendors' own extensions are named.
 */
export const MARKETING_SCHEMA = 'urn:ietf:params:scim:schemas:extension:ciamscan-demo:marketing:2.0:User';

interface MarketingExtension {
  marketingConsent?: boolean;
  marketingConsentUpdated?: string;
}

export interface ScimServerOptions {
  users: ScimSeedUser[];
  /** Group display names (groups have no members here). */
  groups?: string[];
  /** When set, every request needs `Authorization: Bearer <token>`. */
  token?: string;
  /** Deliberately misconfigured: GET requests are served without authentication. */
  anonymousRead?: boolean;
  tls?: { certPem: string; keyPem: string };
  /** filter.maxResults, and the largest page served (default 200). */
  maxResults?: number;
  port?: number;
}

export interface ScimServer {
  /** e.g. `https://127.0.0.1:41234/scim/v2` */
  baseUrl: string;
  close(): Promise<void>;
  /** Requests received so far. */
  requests(): number;
}

const MOUNT = '/scim/v2';
const DEFAULT_CREATED = '2024-01-15T09:30:00.000Z';
const SPC_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig';

interface StoredUser {
  id: string;
  userName: string;
  name?: ScimSeedUser['name'];
  emails?: ScimSeedUser['emails'];
  phoneNumbers?: ScimSeedUser['phoneNumbers'];
  active: boolean;
  externalId?: string;
  [MARKETING_SCHEMA]?: MarketingExtension;
  meta: { created: string; lastModified: string };
}

interface StoredGroup {
  id: string;
  displayName: string;
}

/** One server's data, handed to the global SCIMMY handlers as their context. */
interface ServerState {
  readonly kind: 'ciamscan-scim-server';
  users: StoredUser[];
  byId: Map<string, StoredUser>;
  groups: StoredGroup[];
  maxResults: number;
}

export async function startScimServer(options: ScimServerOptions): Promise<ScimServer> {
  declareResources();
  const state = createState(options);
  let requests = 0;
  const app = express();
  app.disable('x-powered-by');
  app.use((_req, _res, next) => {
    requests += 1;
    next();
  });
  app.use(MOUNT, normaliseQuery);
  const authenticate = authenticator(options);
  app.get(`${MOUNT}/ServiceProviderConfig`, (req, res) => {
    if (!authenticate(req)) return unauthorized(res);
    res.type('application/scim+json').send(JSON.stringify(serviceProviderConfig(state, `${originOf(req)}${MOUNT}`)));
  });
  app.use(
    MOUNT,
    new SCIMMYRouters({
      type: 'bearer',
      handler: (req) => {
        if (authenticate(req)) return 'scanner';
        req.res?.setHeader('WWW-Authenticate', 'Bearer realm="scim"');
        throw new Error('Authorization required');
      },
      context: () => state,
      baseUri: (req) => originOf(req),
    }) as unknown as express.Router,
  );
  // The routers serve /Bulk when the global config says so; every server here says it has none.
  // maxPayloadSize stays 1 MiB: the routers also size their JSON body parser from it.
  SCIMMY.Config.set({ bulk: { supported: false, maxOperations: 0, maxPayloadSize: 1_048_576 }, etag: { supported: false }, changePassword: { supported: false } });

  const server = options.tls ? https.createServer({ cert: options.tls.certPem, key: options.tls.keyPem }, app) : http.createServer(app);
  const sockets = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `${options.tls ? 'https' : 'http'}://127.0.0.1:${port}${MOUNT}`,
    requests: () => requests,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function createState(options: ScimServerOptions): ServerState {
  const users = options.users.map(storedUser);
  return {
    kind: 'ciamscan-scim-server',
    users,
    byId: new Map(users.map((u) => [u.id, u])),
    groups: (options.groups ?? []).map((displayName) => ({ id: stableId(`group:${displayName}`), displayName })),
    maxResults: options.maxResults ?? 200,
  };
}

function storedUser(seed: ScimSeedUser): StoredUser {
  const created = seed.created ?? DEFAULT_CREATED;
  const user: StoredUser = { id: seed.id ?? stableId(`user:${seed.userName}`), userName: seed.userName, active: seed.active ?? true, meta: { created, lastModified: created } };
  if (seed.name) user.name = seed.name;
  if (seed.emails) user.emails = seed.emails;
  if (seed.phoneNumbers) user.phoneNumbers = seed.phoneNumbers;
  if (seed.externalId !== undefined) user.externalId = seed.externalId;
  const marketing: MarketingExtension = {};
  if (seed.marketingConsent !== undefined) marketing.marketingConsent = seed.marketingConsent;
  if (seed.marketingConsentUpdated !== undefined) marketing.marketingConsentUpdated = seed.marketingConsentUpdated;
  if (Object.keys(marketing).length > 0) user[MARKETING_SCHEMA] = marketing;
  return user;
}

/** A UUID-shaped id that is the same for the same input, so tests can name users. */
function stableId(input: string): string {
  const hex = createHash('sha256').update(input).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

function authenticator(options: ScimServerOptions): (req: Request) => boolean {
  const expected = options.token === undefined ? undefined : Buffer.from(`Bearer ${options.token}`);
  return (req) => {
    if (expected === undefined) return true;
    if (options.anonymousRead && req.method === 'GET') return true;
    const given = Buffer.from(req.header('authorization') ?? '');
    return given.length === expected.length && timingSafeEqual(given, expected);
  };
}

function unauthorized(res: Response): void {
  res
    .status(401)
    .set('WWW-Authenticate', 'Bearer realm="scim"')
    .type('application/scim+json')
    .send(JSON.stringify({ schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: '401', detail: 'Authorization required' }));
}

function originOf(req: Request): string {
  return `${req.protocol}://${req.get('host') ?? '127.0.0.1'}`;
}

/** RFC 7643 §5, per server: PATCH and filter yes, bulk, ETag and password change no, bearer tokens. */
function serviceProviderConfig(state: ServerState, base: string): Record<string, unknown> {
  return {
    schemas: [SPC_SCHEMA],
    patch: { supported: true },
    bulk: { supported: false, maxOperations: 0, maxPayloadSize: 0 },
    filter: { supported: true, maxResults: state.maxResults },
    changePassword: { supported: false },
    sort: { supported: true },
    etag: { supported: false },
    authenticationSchemes: [
      {
        type: 'oauthbearertoken',
        name: 'OAuth Bearer Token',
        description: 'Authentication scheme using the OAuth Bearer Token Standard',
        specUri: 'https://www.rfc-editor.org/info/rfc6750',
        primary: true,
      },
    ],
    meta: { resourceType: 'ServiceProviderConfig', location: `${base}/ServiceProviderConfig` },
  };
}

/** Express 5 query fix, and the meta sub-attribute and extension-attribute fixes (see the module comment). */
function normaliseQuery(req: Request, _res: Response, next: NextFunction): void {
  const query: Record<string, unknown> = { ...(req.query as Record<string, unknown>) };
  for (const key of ['startIndex', 'count']) {
    const value = query[key];
    if (typeof value === 'string' && /^-?\d+$/.test(value)) query[key] = Number(value);
  }
  const attributes = query.attributes;
  if (typeof attributes === 'string' && /(^|,)\s*meta\.[a-z]/i.test(attributes) && !/(^|,)\s*meta(\.resourceType)?\s*(,|$)/i.test(attributes)) {
    query.attributes = `${attributes},meta.resourceType`;
  }
  const selected = query.attributes;
  if (typeof selected === 'string' && /(^|,)\s*urn:/i.test(selected) && !/(^|,)\s*schemas\s*(,|$)/i.test(selected)) {
    query.attributes = `${selected},schemas`;
  }
  Object.defineProperty(req, 'query', { value: query, writable: true, configurable: true, enumerable: true });
  next();
}

let declared = false;

/** SCIMMY's declarations are global: once per process, dispatching to each server's state. */
function declareResources(): void {
  if (declared) return;
  declared = true;
  SCIMMY.Resources.declare(SCIMMY.Resources.User, {
    egress: (resource: ScimResource, ctx: unknown) => egress(stateOf(ctx).users, stateOf(ctx), resource, (id) => stateOf(ctx).byId.get(id)),
    ingress: (resource: ScimResource, instance: Record<string, unknown>, ctx: unknown) => ingressUser(stateOf(ctx), resource, instance),
    degress: (resource: ScimResource, ctx: unknown) => degressUser(stateOf(ctx), resource),
    extensions: [
      { schema: SCIMMY.Schemas.EnterpriseUser, required: false },
      { schema: marketingSchema(), required: false },
    ],
  });
  SCIMMY.Resources.declare(SCIMMY.Resources.Group, {
    egress: (resource: ScimResource, ctx: unknown) => egress(stateOf(ctx).groups, stateOf(ctx), resource, (id) => stateOf(ctx).groups.find((g) => g.id === id)),
  });
}

/** MARKETING_SCHEMA as a SCIMMY schema definition (listed by /Schemas and the User resource type). */
function marketingSchema(): InstanceType<typeof SCIMMY.Types.SchemaDefinition> {
  return new SCIMMY.Types.SchemaDefinition('MarketingConsent', MARKETING_SCHEMA, 'Marketing consent (ciamscan demo extension)', [
    new SCIMMY.Types.Attribute('boolean', 'marketingConsent', { description: 'Whether the user agreed to marketing messages.' }),
    new SCIMMY.Types.Attribute('dateTime', 'marketingConsentUpdated', { description: 'When the user gave or withdrew that consent.' }),
  ]);
}

/** The parts of a SCIMMY resource instance the handlers use. */
interface ScimResource {
  id?: string;
  filter?: { match(values: unknown[]): unknown[] };
  constraints?: { startIndex?: number; count?: number; sortBy?: string; totalResults?: number; itemsPerPage?: number };
}

/** SCIMMY's typings want a scimType string where the library itself passes null for "none". */
function scimError(status: number, message: string, scimType?: string): Error {
  return new SCIMMY.Types.Error(status, scimType ?? (null as unknown as string), message);
}

function stateOf(ctx: unknown): ServerState {
  if (typeof ctx === 'object' && ctx !== null && (ctx as { kind?: unknown }).kind === 'ciamscan-scim-server') return ctx as ServerState;
  throw scimError(500, 'no server state');
}

/** One resource by id, or one page of the (filtered) list with its true total (see the module comment). */
function egress<T>(all: T[], state: ServerState, resource: ScimResource, byId: (id: string) => T | undefined): T | T[] {
  if (resource.id !== undefined) {
    const found = byId(resource.id);
    if (found === undefined) throw scimError(404, `Resource ${resource.id} not found`);
    return found;
  }
  const matching = resource.filter ? (resource.filter.match(all) as T[]) : all;
  const constraints = resource.constraints ?? {};
  const startIndex = Math.max(1, constraints.startIndex ?? 1);
  const count = Math.min(Math.max(0, constraints.count ?? Math.min(100, state.maxResults)), state.maxResults);
  const itemsPerPage = Math.max(0, Math.min(count, matching.length - startIndex + 1));
  // SCIMMY sorts what egress returns, and re-slices a page whose startIndex lies within it: return
  // everything then (rare: sorting, or a startIndex between 2 and count), else only the page.
  if (constraints.sortBy !== undefined || (startIndex > 1 && startIndex <= count)) {
    resource.constraints = { ...constraints, startIndex, count, itemsPerPage };
    return matching;
  }
  resource.constraints = { ...constraints, startIndex, count, totalResults: matching.length, itemsPerPage };
  return matching.slice(startIndex - 1, startIndex - 1 + count);
}

function ingressUser(state: ServerState, resource: ScimResource, instance: Record<string, unknown>): StoredUser {
  const now = new Date().toISOString();
  const existing = resource.id === undefined ? undefined : state.byId.get(resource.id);
  if (resource.id !== undefined && !existing) throw scimError(404, `Resource ${resource.id} not found`);
  const userName = typeof instance.userName === 'string' ? instance.userName : '';
  if (!existing && state.users.some((u) => u.userName.toLowerCase() === userName.toLowerCase())) {
    throw scimError(409, 'userName is already taken', 'uniqueness');
  }
  const marketing = instance[MARKETING_SCHEMA] as MarketingExtension | undefined;
  const user: StoredUser = {
    ...storedUser({ ...(instance as unknown as ScimSeedUser), ...marketingSeed(marketing), userName, created: existing?.meta.created ?? now }),
    id: existing?.id ?? stableId(`user:${userName}:${now}`),
  };
  user.meta.lastModified = now;
  if (existing) state.users[state.users.indexOf(existing)] = user;
  else state.users.push(user);
  state.byId.set(user.id, user);
  return user;
}

/** The extension object of an incoming user as seed fields (SCIMMY hands dateTime values over as Date). */
function marketingSeed(marketing: MarketingExtension | undefined): Pick<ScimSeedUser, 'marketingConsent' | 'marketingConsentUpdated'> {
  const out: Pick<ScimSeedUser, 'marketingConsent' | 'marketingConsentUpdated'> = {};
  if (typeof marketing?.marketingConsent === 'boolean') out.marketingConsent = marketing.marketingConsent;
  const at: unknown = marketing?.marketingConsentUpdated;
  if (at instanceof Date) out.marketingConsentUpdated = at.toISOString();
  else if (typeof at === 'string') out.marketingConsentUpdated = at;
  return out;
}

function degressUser(state: ServerState, resource: ScimResource): void {
  const existing = resource.id === undefined ? undefined : state.byId.get(resource.id);
  if (!existing) throw scimError(404, `Resource ${resource.id ?? ''} not found`);
  state.users.splice(state.users.indexOf(existing), 1);
  state.byId.delete(existing.id);
}
