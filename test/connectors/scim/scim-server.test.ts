import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startScimServer, type ScimServer } from '../../../src/demo/scim-server.js';
import { syntheticUsers, TOKEN } from './helpers.js';

/** The demo SCIM server itself (src/demo/scim-server.ts): RFC 7644 paging and auth, per server. */
let server: ScimServer;
let other: ScimServer;
const auth = { Authorization: `Bearer ${TOKEN}` };

/** The members these tests read from list, user, error and configuration answers. */
interface ScimJson {
  [key: string]: unknown;
  totalResults?: number;
  Resources: Array<{ id: string; userName: string; meta: { created: string } }>;
  userName?: string;
  filter: { maxResults: number };
  authenticationSchemes: Array<{ type: string }>;
}

async function get(base: string, path: string, headers: Record<string, string> = auth): Promise<{ status: number; json: ScimJson; headers: Headers }> {
  const res = await fetch(`${base}${path}`, { headers });
  return { status: res.status, json: (await res.json()) as ScimJson, headers: res.headers };
}

beforeAll(async () => {
  server = await startScimServer({ users: syntheticUsers(1000), token: TOKEN, maxResults: 50, groups: ['A', 'B'] });
  other = await startScimServer({ users: syntheticUsers(10), token: TOKEN, anonymousRead: true, maxResults: 7 });
});

afterAll(async () => {
  await server.close();
  await other.close();
});

describe('paging (RFC 7644 §3.4.2.4)', () => {
  it('serves any window, with the true total and the number actually returned', async () => {
    const { json } = await get(server.baseUrl, '/Users?startIndex=2&count=3&attributes=userName');
    expect(json).toMatchObject({ totalResults: 1000, startIndex: 2, itemsPerPage: 3 });
    expect(json.Resources.map((u) => u.userName)).toEqual(['user00002', 'user00003', 'user00004']);
    const last = (await get(server.baseUrl, '/Users?startIndex=981&count=50&attributes=userName')).json;
    expect(last).toMatchObject({ totalResults: 1000, startIndex: 981, itemsPerPage: 20 });
    expect(last.Resources.at(-1)!.userName).toBe('user01000');
  });

  it('caps count at filter.maxResults and answers count=0 with the total only', async () => {
    expect((await get(server.baseUrl, '/Users?startIndex=1&count=500')).json.Resources).toHaveLength(50);
    expect((await get(server.baseUrl, '/Users?count=0&attributes=id')).json).toMatchObject({ totalResults: 1000, itemsPerPage: 0, Resources: [] });
    expect((await get(server.baseUrl, '/Groups?count=0')).json).toMatchObject({ totalResults: 2 });
  });

  it('sorts and filters over the whole set, and selects meta sub-attributes', async () => {
    const sorted = (await get(server.baseUrl, '/Users?sortBy=userName&sortOrder=descending&startIndex=1&count=2&attributes=userName')).json;
    expect(sorted.Resources.map((u) => u.userName)).toEqual(['user01000', 'user00999']);
    const filtered = (await get(server.baseUrl, `/Users?filter=${encodeURIComponent('userName eq "user00003"')}`)).json;
    expect(filtered.totalResults).toBe(1);
    const meta = (await get(server.baseUrl, '/Users?startIndex=1&count=1&attributes=id,meta.created,meta.lastModified')).json.Resources[0]!;
    expect(meta.meta.created).toBe('2022-01-01T01:00:00.000Z');
    const one = await get(server.baseUrl, `/Users/${String(meta.id)}`);
    expect(one.json.userName).toBe('user00001');
  });
});

describe('authentication and configuration', () => {
  it('needs the bearer token, with a SCIM error and WWW-Authenticate', async () => {
    const users = await get(server.baseUrl, '/Users?count=0', {});
    expect(users.status).toBe(401);
    expect(users.headers.get('www-authenticate')).toContain('Bearer');
    expect(users.json.schemas).toEqual(['urn:ietf:params:scim:api:messages:2.0:Error']);
    expect((await get(server.baseUrl, '/ServiceProviderConfig', { Authorization: 'Bearer nope' })).status).toBe(401);
  });

  it('advertises its own ServiceProviderConfig per server', async () => {
    const spc = (await get(server.baseUrl, '/ServiceProviderConfig')).json;
    expect(spc).toMatchObject({ patch: { supported: true }, filter: { supported: true, maxResults: 50 }, etag: { supported: false }, bulk: { supported: false } });
    expect(spc.authenticationSchemes.map((s) => s.type)).toEqual(['oauthbearertoken']);
    expect((await get(other.baseUrl, '/ServiceProviderConfig', {})).json.filter.maxResults).toBe(7);
  });

  it('anonymousRead serves reads to anyone but still refuses anonymous writes', async () => {
    expect((await get(other.baseUrl, '/Users?count=0', {})).json.totalResults).toBe(10);
    const write = await fetch(`${other.baseUrl}/Users`, { method: 'POST', headers: { 'Content-Type': 'application/scim+json' }, body: JSON.stringify({ schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName: 'x' }) });
    expect(write.status).toBe(401);
  });

  it('creates and deletes users in its in-memory store (ingress and degress)', async () => {
    const created = await fetch(`${other.baseUrl}/Users`, {
      method: 'POST',
      headers: { ...auth, 'Content-Type': 'application/scim+json' },
      body: JSON.stringify({ schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName: 'new.user', emails: [{ value: 'new.user@example.test', primary: true }] }),
    });
    expect(created.status).toBe(201);
    const body = (await created.json()) as { id: string };
    expect((await get(other.baseUrl, '/Users?count=0')).json.totalResults).toBe(11);
    expect((await fetch(`${other.baseUrl}/Users/${body.id}`, { method: 'DELETE', headers: auth })).status).toBe(204);
    expect((await get(other.baseUrl, '/Users?count=0')).json.totalResults).toBe(10);
    expect(other.requests()).toBeGreaterThan(4);
  });
});
