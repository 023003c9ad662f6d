import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { interpretScim, jsonDocument, pagingPlan, scimCapabilities } from '../../../connectors/scim/interpret.js';
import { countProfile, listPage, newTally, scimUserToProfile, userStats, type ListPage } from '../../../connectors/scim/interpret-users.js';
import { probeTotalResults } from '../../../connectors/scim/probe.js';
import type { RawDocument, ScimRawCollection } from '../../../connectors/scim/raw.js';
import { scimErrorBody } from '../../../connectors/scim/scim-json.js';

const REAL = fileURLToPath(new URL('../../../fixtures/real-world/api/scim/', import.meta.url));
const OURS = fileURLToPath(new URL('../../../fixtures/scim/', import.meta.url));

function text(dir: string, file: string): string {
  return readFileSync(dir + file, 'utf8');
}

function doc(body: string | undefined, extra: Partial<RawDocument> = {}): RawDocument {
  return { url: 'https://idp.example.test/scim/v2/X', authenticated: false, status: 200, headers: { 'content-type': 'application/scim+json' }, ...(body !== undefined ? { body } : {}), ...extra };
}

function page(json: unknown): ListPage {
  const result = listPage(json as Record<string, unknown>);
  if ('problem' in result) throw new Error(result.problem);
  return result;
}

describe('ServiceProviderConfig (RFC 7643 §5)', () => {
  it('reads the RFC 7643 §8.5 example (real-world sample)', () => {
    const caps = scimCapabilities(jsonDocument(doc(text(REAL, 'rfc7643-service-provider-config.json'))), JSON.parse(text(OURS, 'resource-types.json')), JSON.parse(text(OURS, 'schemas-list.json')));
    expect(caps.document.valid).toBe(true);
    expect(caps.validSchema).toBe(true);
    expect(caps.patch).toBe(true);
    expect(caps.bulk).toEqual({ supported: true, maxOperations: 1000, maxPayloadSize: 1048576 });
    expect(caps.filter).toEqual({ supported: true, maxResults: 200 });
    expect([caps.changePassword, caps.sort, caps.etag]).toEqual([true, true, true]);
    expect(caps.authenticationSchemes).toEqual(['oauthbearertoken', 'httpbasic']);
    expect(caps.resourceTypes).toEqual(['User', 'Group']);
    expect(caps.schemas).toContain('urn:ietf:params:scim:schemas:core:2.0:User');
    expect(caps.enterpriseUser).toBe(true);
    expect(caps.cursorPaging).toBeUndefined();
  });

  it('shows every weakness of a poor provider', () => {
    const caps = scimCapabilities(jsonDocument(doc(text(OURS, 'spc-weak.json'))), [], { Resources: [] });
    expect(caps).toMatchObject({ validSchema: true, patch: false, filter: { supported: false }, etag: false, sort: false, changePassword: false, bulk: { supported: false } });
    expect(caps.filter.maxResults).toBeUndefined();
    expect(caps.authenticationSchemes).toEqual(['httpbasic']);
    expect(caps.enterpriseUser).toBe(false);
  });

  it('reads the RFC 9865 pagination member and plans cursor paging bounded by maxPageSize', () => {
    const spc = JSON.parse(text(OURS, 'spc-cursor.json'));
    expect(scimCapabilities(jsonDocument(doc(JSON.stringify(spc))), undefined, undefined).cursorPaging).toBe(true);
    expect(pagingPlan(spc, 1000)).toEqual({ method: 'cursor', count: 250 });
    expect(pagingPlan(spc, 50)).toEqual({ method: 'cursor', count: 50 });
  });

  it('plans index paging bounded by filter.maxResults, and the request alone without a document', () => {
    expect(pagingPlan(JSON.parse(text(REAL, 'rfc7643-service-provider-config.json')), 1000)).toEqual({ method: 'index', count: 200 });
    expect(pagingPlan(undefined, 200)).toEqual({ method: 'index', count: 200 });
    expect(pagingPlan({ filter: { supported: true, maxResults: 0 } }, 300)).toEqual({ method: 'index', count: 300 });
  });

  it('judges the document: content type, status, schema URN', () => {
    expect(jsonDocument(doc('{"patch":{"supported":true}}', { headers: { 'content-type': 'text/plain' } }))).toMatchObject({ valid: false, problem: 'content-type' });
    expect(jsonDocument(doc('{"a":1}', { headers: { 'content-type': 'application/json; charset=utf-8' } })).valid).toBe(true);
    expect(jsonDocument(doc(undefined, { status: 401, error: { code: 'AUTH_FAILED', message: 'x', retryable: false } }))).toMatchObject({ valid: false, problem: 'http-status' });
    expect(jsonDocument(doc('{"a":1}', { status: 203 }))).toMatchObject({ valid: false, problem: 'http-status', json: { a: 1 } });
    expect(jsonDocument(doc('[1]'))).toMatchObject({ valid: false, problem: 'not-object' });
    expect(jsonDocument(doc('<html>'))).toMatchObject({ valid: false, problem: 'invalid-json' });
    expect(scimCapabilities(jsonDocument(doc('{"patch":{"supported":"true"}}')), undefined, undefined)).toMatchObject({ validSchema: false, patch: false });
  });
});

describe('ListResponse (RFC 7644 §3.4.2)', () => {
  it('reads the RFC examples and the Keeper recording', () => {
    const partial = page(JSON.parse(text(REAL, 'rfc7644-list-response-partial-attributes.json')));
    expect(partial).toMatchObject({ totalResults: 2 });
    expect(partial.resources).toHaveLength(2);
    expect(partial.startIndex).toBeUndefined();
    const post = page(JSON.parse(text(REAL, 'rfc7644-list-response-post-query.json')));
    expect(post).toMatchObject({ totalResults: 100, itemsPerPage: 10, startIndex: 1 });
    expect(page(JSON.parse(text(REAL, 'keeper-users-list.json')))).toMatchObject({ totalResults: 1, itemsPerPage: 1, startIndex: 1 });
  });

  it('rejects what is not a ListResponse', () => {
    expect(listPage(JSON.parse(text(OURS, 'error-invalid-filter.json')))).toHaveProperty('problem');
    expect(listPage({ Resources: {} })).toEqual({ problem: '"Resources" is not an array' });
    expect(page({ totalResults: '3', Resources: [], nextCursor: 'abc' })).toEqual({ resources: [], totalResults: 3, nextCursor: 'abc' });
  });
});

describe('SCIM User to profile (RFC 7643 §4.1)', () => {
  it('maps the Keeper recording', () => {
    const [resource] = page(JSON.parse(text(REAL, 'keeper-users-list.json'))).resources;
    expect(scimUserToProfile(resource)).toEqual({
      localId: '970404910858250',
      emails: [{ address: 'john@doe.com', primary: true }],
      phones: [],
      names: { given: 'John', family: 'Doe' },
      links: [],
      status: 'active',
      filledAttributes: 4,
    });
  });

  it('maps the RFC partial-attributes example (id and userName only)', () => {
    const profiles = page(JSON.parse(text(REAL, 'rfc7644-list-response-partial-attributes.json'))).resources.map((r) => scimUserToProfile(r));
    expect(profiles.map((p) => p?.localId)).toEqual(['2819c223-7f76-453a-919d-413861904646', 'c75ad752-64ae-4823-840d-ffa80929976c']);
    expect(profiles.every((p) => p?.status === 'unknown' && p.filledAttributes === 1 && p.emails.length === 0)).toBe(true);
  });

  it('handles casing, missing values, bad dates, bare strings and records without id', () => {
    const resources = page(JSON.parse(text(OURS, 'users-list-edge-cases.json'))).resources;
    const [full, cased, sparse, noId, notObject] = resources.map((r) => scimUserToProfile(r));
    expect(full).toEqual({
      localId: 'a1f0c2d4-0000-4000-8000-000000000001',
      emails: [{ address: 'ada@example.test', primary: true }, { address: 'ada.home@example.test' }],
      phones: ['tel:+1-201-555-0100'],
      names: { given: 'Ada', family: 'Example', full: 'Ada Example' },
      links: [{ kind: 'external-id', via: 'scim:externalId', value: 'crm-000001' }],
      status: 'active',
      createdAt: '2023-03-01T10:00:00.000Z',
      updatedAt: '2024-06-02T11:30:00.000Z',
      filledAttributes: 7,
    });
    expect(full?.emails.every((e) => e.verified === undefined)).toBe(true);
    expect(cased).toMatchObject({ localId: 'a1f0c2d4-0000-4000-8000-000000000002', emails: [{ address: 'bo@example.test' }], names: { given: 'Bo' }, status: 'disabled', updatedAt: '2023-12-31T22:00:00.000Z' });
    expect(cased?.createdAt).toBeUndefined();
    expect(sparse).toMatchObject({ emails: [{ address: 'cy@example.test' }], phones: [], links: [], status: 'unknown', filledAttributes: 2 });
    expect(noId).toBeUndefined();
    expect(notObject).toBeUndefined();
  });

  it('counts statuses without keeping anything personal', () => {
    const tally = newTally();
    for (const resource of page(JSON.parse(text(OURS, 'users-list-edge-cases.json'))).resources) {
      const profile = scimUserToProfile(resource);
      if (profile) countProfile(tally, profile);
    }
    expect(userStats(tally, 5)).toEqual({ total: 5, read: 3, enabled: 1, disabled: 1 });
    expect(userStats(tally, undefined).total).toBe(3);
  });
});

describe('errors and the probe', () => {
  it('reads the RFC 7644 §3.12 error body', () => {
    expect(scimErrorBody(JSON.parse(text(OURS, 'error-invalid-filter.json')))).toEqual({ status: '400', scimType: 'invalidFilter', detail: 'The specified filter syntax was invalid' });
    expect(scimErrorBody({ totalResults: 1 })).toBeUndefined();
  });

  it('finds totalResults in a whole answer or in a cut-off head', () => {
    expect(probeTotalResults('{"schemas":["urn:ietf:params:scim:api:messages:2.0:ListResponse"],"totalResults":1234,"Resources":[]}')).toBe(1234);
    expect(probeTotalResults('{"Resources":[{"id":"1"},{"id":"2"}],"totalResults": 77, "itemsPerPage": 2, "Resour')).toBe(77);
    expect(probeTotalResults('<html>login</html>')).toBeUndefined();
  });
});

describe('facts', () => {
  const base: ScimRawCollection = {
    scopeName: 'idp.example.test/scim/v2',
    credential: true,
    serviceProviderConfig: { anonymous: doc(text(REAL, 'rfc7643-service-provider-config.json')) },
    resourceTypes: doc(text(OURS, 'resource-types.json')),
    schemas: doc(text(OURS, 'schemas-list.json')),
    probe: { status: 401 },
    users: { state: 'read', reportedTotal: 10, tally: { read: 10, active: 8, disabled: 2, withoutId: 0 } },
  };

  it('fills provisioning and userStats', () => {
    const facts = interpretScim(base);
    expect(facts.scope).toEqual({ kind: 'scim-service', name: 'idp.example.test/scim/v2' });
    expect(facts.provisioning?.state).toBe('observed');
    if (facts.provisioning?.state !== 'observed') return;
    expect(facts.provisioning.value.scim?.patch).toBe(true);
    expect(facts.provisioning.value.scimAnonymousRead).toEqual({ state: 'observed', value: { status: 401 } });
    expect(facts.userStats).toEqual({ state: 'observed', value: { total: 10, read: 10, enabled: 8, disabled: 2 } });
    expect(Object.keys(facts).sort()).toEqual(['provisioning', 'scope', 'userStats']);
  });

  it('keeps a failed ServiceProviderConfig answer as the document, beside the probe', () => {
    const answer = (status: number | undefined, code: 'AUTH_FAILED' | 'NOT_FOUND' | 'TIMEOUT') =>
      doc(undefined, { authenticated: true, status, error: { code, message: 'x', retryable: code === 'TIMEOUT', ...(status !== undefined ? { status } : {}) } });
    const scimOf = (raw: ScimRawCollection) => {
      const facts = interpretScim(raw);
      if (facts.provisioning?.state !== 'observed') throw new Error('provisioning not observed');
      return facts.provisioning.value;
    };
    const refused = scimOf({ ...base, serviceProviderConfig: { anonymous: answer(401, 'AUTH_FAILED'), authenticated: answer(401, 'AUTH_FAILED') } });
    expect(refused.scim?.document).toMatchObject({ status: 401, valid: false, problem: 'http-status' });
    expect(refused.scim?.document.error).toBeUndefined();
    expect(refused.scimAnonymousRead).toEqual({ state: 'observed', value: { status: 401 } });
    expect(scimOf({ ...base, serviceProviderConfig: { anonymous: answer(404, 'NOT_FOUND') } }).scim).toMatchObject({ validSchema: false, patch: false, document: { status: 404, problem: 'http-status' } });
    const timedOut = scimOf({ ...base, probe: { skipped: { kind: 'not-observed', detail: 'off' } }, serviceProviderConfig: { anonymous: answer(undefined, 'TIMEOUT') } });
    expect(timedOut.scim?.document).toMatchObject({ problem: 'error', error: { code: 'TIMEOUT' } });
    expect(timedOut.scimAnonymousRead).toEqual({ state: 'unknown', reason: { kind: 'not-observed', detail: 'off' } });
  });

  it('passes the users reason through', () => {
    const facts = interpretScim({ ...base, users: { state: 'not-read', reason: { kind: 'no-credential', detail: 'no token' } } });
    expect(facts.userStats).toEqual({ state: 'unknown', reason: { kind: 'no-credential', detail: 'no token' } });
  });
});
