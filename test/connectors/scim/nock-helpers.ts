import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import nock from 'nock';

/**
 * nock scaffolding for the edge cases a real server cannot produce. Discovery documents come from
 * fixtures (RFC shapes, see fixtures/scim/SOURCES.md); user pages are generated (synthetic users).
 */
export const ORIGIN = 'https://scim.example.test';
export const BASE = `${ORIGIN}/scim/v2`;
export const SCIM_JSON = { 'Content-Type': 'application/scim+json' };
const LIST = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';

const REAL = fileURLToPath(new URL('../../../fixtures/real-world/api/scim/', import.meta.url));
const OURS = fileURLToPath(new URL('../../../fixtures/scim/', import.meta.url));

export function fixture(name: 'rfc7643-service-provider-config' | 'spc-weak' | 'spc-cursor' | 'schemas-list' | 'error-invalid-filter'): Record<string, unknown> {
  const dir = name.startsWith('rfc') ? REAL : OURS;
  return JSON.parse(readFileSync(`${dir}${name}.json`, 'utf8')) as Record<string, unknown>;
}

/** RFC 7643 §8.6 answers /ResourceTypes with a bare array. */
function resourceTypes(): unknown[] {
  return JSON.parse(readFileSync(`${OURS}resource-types.json`, 'utf8')) as unknown[];
}

export function scimUser(k: number): Record<string, unknown> {
  return {
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
    id: `id-${k}`,
    userName: `user${k}`,
    name: { givenName: 'Test', familyName: `Person${k}` },
    emails: [{ value: `user${k}@example.test`, type: 'work', primary: true }],
    active: k % 4 !== 0,
    meta: { resourceType: 'User', created: '2024-01-01T00:00:00Z', lastModified: '2024-02-01T00:00:00Z' },
  };
}

/** A ListResponse of users start..start+n-1 (1-based). */
export function usersPage(start: number, n: number, total: number, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { schemas: [LIST], totalResults: total, startIndex: start, itemsPerPage: n, Resources: Array.from({ length: n }, (_, i) => scimUser(start + i)), ...extra };
}

export function countOnly(total: number): Record<string, unknown> {
  return { schemas: [LIST], totalResults: total, startIndex: 1, itemsPerPage: 0, Resources: [] };
}

type Query = Record<string, string>;

/** Matches a /Users request by its query parameters (all of them given must match). */
export function usersQuery(expected: Query): (query: Query) => boolean {
  return (query) => Object.entries(expected).every(([k, v]) => query[k] === v) && (expected.count !== undefined || query.count !== '0');
}

export function scope(): nock.Scope {
  return nock(ORIGIN);
}

/** ServiceProviderConfig (anonymous, 200), /ResourceTypes and /Schemas. */
export function discovery(s: nock.Scope, spc: Record<string, unknown> = fixture('rfc7643-service-provider-config')): nock.Scope {
  return s
    .get('/scim/v2/ServiceProviderConfig')
    .reply(200, spc, SCIM_JSON)
    .get('/scim/v2/ResourceTypes')
    .reply(200, resourceTypes(), SCIM_JSON)
    .get('/scim/v2/Schemas')
    .reply(200, fixture('schemas-list'), SCIM_JSON);
}

export function userCount(s: nock.Scope, total: number): nock.Scope {
  return s.get('/scim/v2/Users').query({ count: '0', attributes: 'id' }).reply(200, countOnly(total), SCIM_JSON);
}

export function groupCount(s: nock.Scope, total: number): nock.Scope {
  return s.get('/scim/v2/Groups').query({ count: '0' }).reply(200, countOnly(total), SCIM_JSON);
}

/** `pages` index pages of `size` users each over `total` users, answered in order. */
export function indexPages(s: nock.Scope, total: number, size: number): nock.Scope {
  for (let start = 1; start <= total; start += size) {
    const n = Math.min(size, total - start + 1);
    s.get('/scim/v2/Users').query(usersQuery({ startIndex: String(start), count: String(size) })).reply(200, usersPage(start, n, total), SCIM_JSON);
  }
  return s;
}
