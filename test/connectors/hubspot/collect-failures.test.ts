import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hubspotConnector } from '../../../connectors/hubspot/index.js';
import {
  CONTACTS,
  config,
  context,
  dataset,
  errors,
  expectReadOnly,
  isolate,
  listRequests,
  mockAccount,
  pages,
  rateHeaders,
  resetNock,
  type Body,
} from './helpers.js';

beforeEach(isolate);
afterEach(resetNock);

/** Hardened page 2 pointing back at page 2's own cursor: HubSpot handing out a cursor twice. */
function loopingPages(): Body[] {
  const [one, two] = pages('hardened');
  return [one ?? {}, { ...two, paging: { next: { after: 'MTAz' } } }];
}

describe('hubspot collect: 401, 429, 5xx', () => {
  it('a 401 mid-scan is tried once more and the paging continues', async () => {
    mockAccount({ before: { 1: [{ status: 401, body: errors.unauthorized }] } });
    const target = config();
    const { ctx, requests } = context(target);
    const snapshot = await hubspotConnector.collect(target, ctx);
    expect(snapshot.errors).toEqual([]);
    expect(dataset(snapshot, 'contacts')).toMatchObject({ state: 'complete', records: 7, pages: 3 });
    expect(listRequests(requests)).toHaveLength(4);
    expectReadOnly(requests);
  });

  it('a second 401 stands: AUTH_FAILED recorded, the contacts read so far kept, the dataset partial', async () => {
    mockAccount({ before: { 1: [{ status: 401, body: errors.unauthorized }, { status: 401, body: errors.unauthorized }] } });
    const target = config();
    const { ctx, requests } = context(target);
    const snapshot = await hubspotConnector.collect(target, ctx);
    expect(snapshot.errors).toMatchObject([{ code: 'AUTH_FAILED', status: 401, cause: 'INVALID_AUTHENTICATION' }]);
    expect(dataset(snapshot, 'contacts')).toMatchObject({ state: 'partial', records: 3, pages: 1, reason: expect.stringContaining('AUTH_FAILED') });
    expect(dataset(snapshot, 'contacts-with-link-key')?.state).toBe('partial');
    expect(snapshot.profiles?.size).toBe(3);
    expect(snapshot.facts.crm?.linkStats).toMatchObject({ state: 'observed', value: { records: 3 } });
    expect(listRequests(requests)).toHaveLength(3);
    expectReadOnly(requests);
  });

  it('429 TEN_SECONDLY_ROLLING with the X-HubSpot-RateLimit-* headers is waited out and retried; the read completes', async () => {
    // The interval header says how long the rolling window is; a short one keeps the test quick.
    const throttle = { status: 429, body: errors.tenSecondly, headers: rateHeaders({ 'X-HubSpot-RateLimit-Remaining': '0', 'X-HubSpot-RateLimit-Interval-Milliseconds': '300' }) };
    mockAccount({ before: { 1: [throttle] } });
    const target = config();
    const { ctx, requests } = context(target);
    const snapshot = await hubspotConnector.collect(target, ctx);
    expect(snapshot.errors).toEqual([]);
    expect(snapshot.coverage.throttled).toBeGreaterThanOrEqual(1);
    expect(snapshot.coverage.retries).toBeGreaterThanOrEqual(1);
    expect(dataset(snapshot, 'contacts')).toMatchObject({ state: 'complete', records: 7 });
    expect(ctx.governor.stats().pauses).toBeGreaterThanOrEqual(1);
    expectReadOnly(requests);
  });

  it('429 DAILY stops the scan at once (no wait for the reset): RATE_LIMITED, partial, no further request', async () => {
    const daily = { status: 429, body: errors.daily, headers: rateHeaders({ 'X-HubSpot-RateLimit-Daily-Remaining': '0' }) };
    mockAccount({ before: { 1: [daily, daily, daily] } });
    const target = config();
    const { ctx, requests } = context(target);
    const snapshot = await hubspotConnector.collect(target, ctx);
    expect(snapshot.errors).toHaveLength(1);
    expect(snapshot.errors[0]).toMatchObject({ code: 'RATE_LIMITED', message: expect.stringContaining('429 DAILY') });
    expect(dataset(snapshot, 'contacts')).toMatchObject({ state: 'partial', records: 3 });
    expect(snapshot.coverage.quotas).toMatchObject({ 'hubspot 429 DAILY': 1, 'hubspot daily lowest remaining': 0 });
    // The third page is never asked for.
    expect(listRequests(requests)).toHaveLength(2);
    expectReadOnly(requests);
  });

  it('X-HubSpot-RateLimit-Daily-Remaining at the reserve stops before the contacts: the account keeps its headroom', async () => {
    mockAccount({ headers: rateHeaders({ 'X-HubSpot-RateLimit-Daily': '1000', 'X-HubSpot-RateLimit-Daily-Remaining': '99' }) });
    const target = config();
    const { ctx, requests } = context(target);
    const snapshot = await hubspotConnector.collect(target, ctx);
    expect(requests.some((r) => r.url.includes(CONTACTS))).toBe(false);
    expect(snapshot.facts.crm?.identityLinkFields?.state).toBe('observed');
    expect(snapshot.errors.map((e) => e.code)).toEqual(['RATE_LIMITED', 'RATE_LIMITED', 'RATE_LIMITED']);
    expect(snapshot.errors[0]?.message).toContain('99 of 1000 requests left');
    expect(snapshot.facts.crm?.objects).toMatchObject({ state: 'unknown', reason: { kind: 'collection-error' } });
    expect(dataset(snapshot, 'contacts')?.state).toBe('not-read');
  });

  it('a 500 on the properties: SERVER_ERROR, those sections unknown, the contacts still read', async () => {
    mockAccount({ properties: { status: 500, body: errors.serverError } });
    const target = config({ linkProperty: 'idp_subject' });
    const { ctx, requests } = context(target);
    const snapshot = await hubspotConnector.collect(target, ctx);
    expect(snapshot.errors).toMatchObject([{ code: 'SERVER_ERROR', status: 500 }]);
    expect(snapshot.facts.crm?.identityLinkFields).toMatchObject({ state: 'unknown', reason: { kind: 'collection-error' } });
    expect(dataset(snapshot, 'contact-properties')?.state).toBe('not-read');
    expect(dataset(snapshot, 'contacts')).toMatchObject({ state: 'complete', records: 7 });
    expectReadOnly(requests);
  });

  it('a 503 on a page is retried; a 500 on the next stops the paging with the pages read kept', async () => {
    mockAccount({ before: { 1: [{ status: 503, body: errors.serverError }], 2: [{ status: 500, body: errors.serverError }] } });
    const target = config();
    const { ctx } = context(target);
    const snapshot = await hubspotConnector.collect(target, ctx);
    expect(snapshot.errors).toMatchObject([{ code: 'SERVER_ERROR', status: 500 }]);
    expect(dataset(snapshot, 'contacts')).toMatchObject({ state: 'partial', records: 6, pages: 2 });
    expect(snapshot.coverage.retries).toBeGreaterThanOrEqual(1);
  });
});

describe('hubspot collect: bodies that are not what they should be', () => {
  it('HTML instead of JSON on the properties, truncated JSON on a page, a total that is not a number: coded errors, no crash', async () => {
    mockAccount({
      properties: { status: 200, body: '<html><body>Cloudflare: checking your browser</body></html>', headers: { 'Content-Type': 'text/html' } },
      before: { 1: [{ status: 200, body: '{"results":[{"id":"104","properties":{"email":"dev.iy', headers: { 'Content-Type': 'application/json' } }] },
      total: { status: 200, body: { total: 'many', results: [] } },
    });
    const target = config();
    const { ctx, requests } = context(target, { maxRetries: 0 });
    const snapshot = await hubspotConnector.collect(target, ctx);
    expect(snapshot.errors.map((e) => e.code).sort()).toEqual(['INVALID_JSON', 'NOT_JSON', 'UNEXPECTED_SHAPE']);
    for (const error of snapshot.errors) {
      expect(error.message).not.toContain('\n');
      expect(error.message).not.toMatch(/dev\.iy/);
    }
    expect(snapshot.errors.find((e) => e.code === 'NOT_JSON')?.message).toContain('text/html');
    expect(snapshot.facts.crm?.consentFields).toMatchObject({ state: 'unknown', reason: { kind: 'collection-error' } });
    expect(dataset(snapshot, 'contacts')).toMatchObject({ state: 'partial', records: 3 });
    expect(dataset(snapshot, 'contacts')?.total).toBeUndefined();
    expectReadOnly(requests);
  });

  it('a cursor handed out twice stops the paging with an error instead of looping; the pages read are kept', async () => {
    mockAccount({ pages: loopingPages(), total: 6 });
    const target = config();
    const { ctx, requests } = context(target);
    const snapshot = await hubspotConnector.collect(target, ctx);
    expect(snapshot.errors).toMatchObject([{ code: 'UNEXPECTED_SHAPE', message: expect.stringContaining('already returned') }]);
    expect(dataset(snapshot, 'contacts')).toMatchObject({ state: 'partial', records: 6, pages: 2 });
    expect(listRequests(requests)).toHaveLength(2);
  });

  it('a search total that disagrees with what was paged marks the dataset partial with both numbers', async () => {
    mockAccount({ total: 9, keyed: 4 });
    const target = config();
    const { ctx } = context(target);
    const snapshot = await hubspotConnector.collect(target, ctx);
    expect(snapshot.errors).toEqual([]);
    expect(dataset(snapshot, 'contacts')).toEqual({ name: 'contacts', state: 'partial', records: 7, total: 9, pages: 3, reason: 'paged 7 but the contacts search total reports 9' });
    expect(dataset(snapshot, 'contacts-with-link-key')).toMatchObject({ state: 'partial', records: 5, total: 4, reason: 'paged 5 but the contacts search HAS_PROPERTY idp_subject reports 4' });
  });
});

describe('hubspot collect: configuration', () => {
  it('profiles.read false: no contacts request at all (list or search); configuration still read', async () => {
    mockAccount();
    const target = config({ profiles: { read: false } });
    const { ctx, requests } = context(target);
    const snapshot = await hubspotConnector.collect(target, ctx);
    expect(requests.some((r) => r.url.includes(CONTACTS))).toBe(false);
    expect(snapshot.profiles).toBeUndefined();
    expect(dataset(snapshot, 'contacts')).toMatchObject({ state: 'not-applicable' });
    expect(snapshot.facts.crm?.identityLinkFields?.state).toBe('observed');
    expect(snapshot.facts.crm?.linkStats).toMatchObject({ state: 'unknown', reason: { kind: 'not-observed' } });
    expect(snapshot.errors).toEqual([]);
    expectReadOnly(requests);
  });

  it('maxRecords: each page asks only for what is still wanted, then paging stops (partial)', async () => {
    mockAccount();
    const target = config({ profiles: { maxRecords: 4 } });
    const { ctx, requests } = context(target);
    const snapshot = await hubspotConnector.collect(target, ctx);
    expect(snapshot.profiles?.size).toBe(4);
    expect(listRequests(requests).map((r) => new URL(r.url).searchParams.get('limit'))).toEqual(['4', '1']);
    expect(dataset(snapshot, 'contacts')).toMatchObject({ state: 'partial', records: 4, total: 7, reason: 'stopped at maxRecords 4' });
    expect(snapshot.errors).toEqual([]);
  });

  it('pageSize is bounded by HubSpot maximum of 100; configured property names are the ones requested', async () => {
    mockAccount();
    const target = config({ profiles: { pageSize: 500 }, properties: { phone: 'work_phone' }, linkProperty: 'idp_subject' });
    const { ctx, requests } = context(target);
    await hubspotConnector.collect(target, ctx);
    const url = new URL(listRequests(requests)[0]?.url ?? '');
    expect(url.searchParams.get('limit')).toBe('100');
    // work_phone is not a property of this account: not asked for.
    expect(url.searchParams.get('properties')?.split(',')).not.toContain('work_phone');
    expect(url.searchParams.get('properties')?.split(',')).not.toContain('phone');
  });
});

describe('hubspot collect: a configured link property the account does not have', () => {
  it('is reported as configured-but-missing, not searched for (HubSpot would answer 400), and holds no keys', async () => {
    mockAccount();
    const target = config({ linkProperty: 'keycloak_id' });
    const { ctx } = context(target);
    const snapshot = await hubspotConnector.collect(target, ctx);
    expect(snapshot.errors).toEqual([]);
    expect(snapshot.facts.crm?.identityLinkFields).toMatchObject({
      state: 'observed',
      value: [{ field: 'keycloak_id', source: 'configured', unique: false, reason: 'configured, but no such contact property in the account' }, { field: 'idp_subject', source: 'detected' }],
    });
    expect(snapshot.facts.crm?.linkStats).toEqual({ state: 'observed', value: { records: 7, withKey: 0, emailShaped: 0, subjectShaped: 0, sharedValues: 0 } });
    expect(dataset(snapshot, 'contacts-with-link-key')).toBeUndefined();
  });
});
