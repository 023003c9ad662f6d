import nock from 'nock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { salesforceConnector } from '../../../connectors/salesforce/index.js';
import { SCOPE_API, VIEW_SETUP } from '../../../connectors/salesforce/permissions.js';
import { HARDENED, locatorOf, mockOrg } from './mock-org.js';
import { ORG, SECRET, TOKEN, V, config, context, dataset, expectReadOnly, fixture, isolate, resetNock, soqlOf, text } from './helpers.js';

beforeEach(isolate);
afterEach(resetNock);

const errors = fixture<Record<string, unknown>>('errors.json');
const clientCredentials = config({ auth: { method: 'client-credentials', loginUrl: ORG, clientId: '3MVG9inventedConsumerKey', clientSecret: SECRET } });

function tokenEndpoint(times: number, body: unknown = fixture('token-client-credentials.json')): void {
  nock(ORG).post('/services/oauth2/token').times(times).reply(200, body as nock.Body, { 'Content-Type': 'application/json' });
}

describe('salesforce collect: permissions are checked before fetching', () => {
  it('a token without the api scope: every section unknown naming the scope, no API call at all', async () => {
    tokenEndpoint(1, { ...fixture<Record<string, unknown>>('token-client-credentials.json'), scope: 'id refresh_token' });
    const { ctx, requests } = context(clientCredentials);
    const snapshot = await salesforceConnector.collect(clientCredentials, ctx);
    expect(requests.map((r) => new URL(r.url).pathname)).toEqual(['/services/oauth2/token']);
    expect(requests[0]?.intent).toBe('token');
    expect(snapshot.coverage.missingPermissions).toEqual([SCOPE_API]);
    for (const section of ['objects', 'identityLinkFields', 'consentFields', 'duplicateRules', 'lifecycle', 'linkStats'] as const) {
      expect(snapshot.facts.crm?.[section], section).toMatchObject({ state: 'unknown', reason: { kind: 'no-permission', permission: SCOPE_API } });
    }
    expect(dataset(snapshot, 'records Contact')).toMatchObject({ state: 'not-read' });
    expect(snapshot.errors).toEqual([]);
    expect(JSON.stringify(snapshot)).not.toContain(SECRET);
    expectReadOnly(requests);
  });

  it('no View Setup and Configuration (/limits answers 403): duplicate rules are unknown without a query, the rest is read', async () => {
    mockOrg({ ...HARDENED, override: { limits: { status: 403, body: errors.INSUFFICIENT_ACCESS } } });
    const target = config();
    const { ctx, requests } = context(target);
    const snapshot = await salesforceConnector.collect(target, ctx);
    expect(snapshot.facts.crm?.duplicateRules).toMatchObject({ state: 'unknown', reason: { kind: 'no-permission', permission: VIEW_SETUP } });
    expect(requests.some((r) => soqlOf(r.url).includes('DuplicateRule'))).toBe(false);
    expect(snapshot.coverage.missingPermissions).toEqual([VIEW_SETUP]);
    expect(dataset(snapshot, 'records Contact')?.state).toBe('complete');
    expect(snapshot.facts.crm?.identityLinkFields?.state).toBe('observed');
    expect(snapshot.coverage.quotas).toMatchObject({ 'salesforce DailyApiRequests': 'unknown' });
    expect(snapshot.errors).toEqual([]);
    expectReadOnly(requests);
  });

  it('403 INSUFFICIENT_ACCESS on the DuplicateRule query: that section unknown naming View Setup, no error, the rest read', async () => {
    mockOrg({ ...HARDENED, override: { duplicateRules: { status: 403, body: errors.INSUFFICIENT_ACCESS } } });
    const target = config();
    const { ctx, requests } = context(target);
    const snapshot = await salesforceConnector.collect(target, ctx);
    expect(snapshot.facts.crm?.duplicateRules).toMatchObject({ state: 'unknown', reason: { kind: 'no-permission', permission: VIEW_SETUP, detail: expect.stringContaining('INSUFFICIENT_ACCESS') } });
    expect(dataset(snapshot, 'duplicate-rules')).toMatchObject({ state: 'not-read', reason: expect.stringContaining(VIEW_SETUP) });
    expect(snapshot.errors).toEqual([]);
    expect(snapshot.facts.crm?.linkStats?.state).toBe('observed');
    expectReadOnly(requests);
  });

  it('400 INVALID_TYPE on DuplicateRule (the object is hidden from the user) also means View Setup is missing', async () => {
    mockOrg({ ...HARDENED, override: { duplicateRules: { status: 400, body: errors.INVALID_TYPE } } });
    const target = config();
    const { ctx, requests } = context(target);
    const snapshot = await salesforceConnector.collect(target, ctx);
    expect(snapshot.facts.crm?.duplicateRules).toMatchObject({ state: 'unknown', reason: { kind: 'no-permission', permission: VIEW_SETUP } });
    expect(snapshot.errors).toEqual([]);
    expectReadOnly(requests);
  });

  it('Contact hidden from the user (describe 404): the Contact sections are unknown naming Read on Contact', async () => {
    mockOrg({ ...HARDENED, describes: { ...HARDENED.describes, Contact: null } });
    const target = config();
    const { ctx, requests } = context(target);
    const snapshot = await salesforceConnector.collect(target, ctx);
    expect(snapshot.coverage.missingPermissions).toEqual(['Read on Contact']);
    expect(snapshot.facts.crm?.identityLinkFields).toMatchObject({ state: 'unknown', reason: { kind: 'no-permission', permission: 'Read on Contact' } });
    expect(snapshot.facts.crm?.duplicateRules?.state).toBe('observed');
    expect(dataset(snapshot, 'records Contact')).toMatchObject({ state: 'not-read' });
    expect(requests.some((r) => soqlOf(r.url).includes('FROM Contact'))).toBe(false);
    expectReadOnly(requests);
  });
});

describe('salesforce collect: failures keep the rest', () => {
  it('401 mid-scan: the token is refreshed once and the read continues to the end', async () => {
    tokenEndpoint(2);
    mockOrg({ ...HARDENED, override: { 'records:Contact:1': { status: 401, body: errors.INVALID_SESSION_ID, times: 1 } } });
    const { ctx, requests } = context(clientCredentials);
    const snapshot = await salesforceConnector.collect(clientCredentials, ctx);
    expect(snapshot.errors).toEqual([]);
    expect(dataset(snapshot, 'records Contact')).toEqual({ name: 'records Contact', state: 'complete', records: 7, total: 7, pages: 3 });
    expect(requests.filter((r) => r.intent === 'token')).toHaveLength(2);
    expect(requests.filter((r) => r.url.endsWith(locatorOf('Contact', 1)))).toHaveLength(2);
    expectReadOnly(requests);
  });

  it('a second 401 after the refresh: one AUTH_FAILED error, the pages read are kept (partial)', async () => {
    tokenEndpoint(2);
    mockOrg({ ...HARDENED, override: { 'records:Contact:1': { status: 401, body: errors.INVALID_SESSION_ID } } });
    const { ctx, requests } = context(clientCredentials);
    const snapshot = await salesforceConnector.collect(clientCredentials, ctx);
    expect(snapshot.errors).toEqual([expect.objectContaining({ code: 'AUTH_FAILED', status: 401, cause: 'INVALID_SESSION_ID' })]);
    expect(dataset(snapshot, 'records Contact')).toMatchObject({ state: 'partial', records: 3, pages: 1, total: 7 });
    expect(snapshot.profiles?.size).toBe(3);
    expect(snapshot.facts.crm?.linkStats).toMatchObject({ state: 'observed', value: { records: 3 } });
    expect(requests.filter((r) => r.intent === 'token')).toHaveLength(2);
    expect(JSON.stringify(snapshot.errors)).not.toContain(TOKEN);
    expectReadOnly(requests);
  });

  it('a fixed access token is not refreshed: a 401 is AUTH_FAILED at once', async () => {
    mockOrg({ ...HARDENED, override: { 'records:Contact:1': { status: 401, body: errors.INVALID_SESSION_ID } } });
    const target = config();
    const { ctx, requests } = context(target);
    const snapshot = await salesforceConnector.collect(target, ctx);
    expect(snapshot.errors).toEqual([expect.objectContaining({ code: 'AUTH_FAILED' })]);
    expect(requests.filter((r) => r.url.endsWith(locatorOf('Contact', 1)))).toHaveLength(1);
    expect(dataset(snapshot, 'records Contact')).toMatchObject({ state: 'partial', records: 3 });
    expectReadOnly(requests);
  });

  it('429 with Retry-After on a queryMore page is waited out and retried; coverage counts the throttling', async () => {
    mockOrg({ ...HARDENED, override: { 'records:Contact:1': { status: 429, body: errors.REQUEST_LIMIT_EXCEEDED, headers: { 'Retry-After': '1' }, times: 1 } } });
    const target = config();
    const { ctx, requests } = context(target, { maxRetryWaitMs: 5000 });
    const snapshot = await salesforceConnector.collect(target, ctx);
    expect(snapshot.errors).toEqual([]);
    expect(snapshot.coverage.throttled).toBeGreaterThanOrEqual(1);
    expect(snapshot.coverage.retries).toBeGreaterThanOrEqual(1);
    expect(dataset(snapshot, 'records Contact')).toMatchObject({ state: 'complete', records: 7 });
    expectReadOnly(requests);
  });

  it('REQUEST_LIMIT_EXCEEDED mid-read: no retry, nothing more sent, the dataset partial with that code, one error', async () => {
    mockOrg({ ...HARDENED, override: { 'records:Contact:1': { status: 403, body: errors.REQUEST_LIMIT_EXCEEDED } } });
    const target = config();
    const { ctx, requests } = context(target);
    const snapshot = await salesforceConnector.collect(target, ctx);
    expect(snapshot.errors).toEqual([expect.objectContaining({ code: 'RATE_LIMITED', status: 403, cause: 'REQUEST_LIMIT_EXCEEDED', retryable: true })]);
    expect(dataset(snapshot, 'records Contact')).toMatchObject({ state: 'partial', records: 3, reason: expect.stringContaining('REQUEST_LIMIT_EXCEEDED') });
    const after = requests.findIndex((r) => r.url.endsWith(locatorOf('Contact', 1)));
    expect(requests.slice(after + 1)).toEqual([]);
    expect(requests.filter((r) => r.url.endsWith(locatorOf('Contact', 1)))).toHaveLength(1);
    expect(snapshot.coverage.quotas).toMatchObject({ 'salesforce REQUEST_LIMIT_EXCEEDED': expect.stringContaining('stopped') });
    expect(snapshot.coverage.missingPermissions).toEqual([]);
    expectReadOnly(requests);
  });

  it('REQUEST_LIMIT_EXCEEDED before the records: the later sections are not sent and point at the one error', async () => {
    mockOrg({ ...HARDENED, override: { 'count:Contact': { status: 403, body: errors.REQUEST_LIMIT_EXCEEDED } } });
    const target = config();
    const { ctx, requests } = context(target);
    const snapshot = await salesforceConnector.collect(target, ctx);
    expect(snapshot.errors).toHaveLength(1);
    expect(snapshot.facts.crm?.duplicateRules).toMatchObject({ state: 'unknown', reason: { kind: 'collection-error', detail: expect.stringContaining('REQUEST_LIMIT_EXCEEDED') } });
    expect(dataset(snapshot, 'records Contact')).toMatchObject({ state: 'not-read', reason: expect.stringContaining('REQUEST_LIMIT_EXCEEDED') });
    expect(requests.some((r) => soqlOf(r.url).includes('DuplicateRule') || soqlOf(r.url).startsWith('SELECT Id'))).toBe(false);
    expectReadOnly(requests);
  });

  it('5xx on a describe, HTML on the DuplicateRule query and truncated JSON on /limits: coded errors, no crash, the rest read', async () => {
    mockOrg({
      ...HARDENED,
      override: {
        'describe:Lead': { status: 500, body: errors.SERVER_ERROR },
        duplicateRules: { status: 200, body: '<html><head><title>Login | Salesforce</title></head></html>', headers: { 'Content-Type': 'text/html' } },
        limits: { status: 200, body: '{"DailyApiRequests":{"Max":150000,"Rem', headers: { 'Content-Type': 'application/json' } },
      },
    });
    const target = config();
    const { ctx, requests } = context(target);
    const snapshot = await salesforceConnector.collect(target, ctx);
    expect(snapshot.errors.map((e) => e.code).sort()).toEqual(['INVALID_JSON', 'NOT_JSON', 'SERVER_ERROR']);
    for (const e of snapshot.errors) expect(e.message).not.toContain('\n');
    expect(snapshot.facts.crm?.duplicateRules).toMatchObject({ state: 'unknown', reason: { kind: 'collection-error' } });
    expect(dataset(snapshot, 'describe Lead')?.state).toBe('not-read');
    expect(snapshot.facts.crm?.lifecycle).toMatchObject({ state: 'observed', value: { values: expect.not.arrayContaining(['Lead']) } });
    expect(dataset(snapshot, 'records Contact')?.state).toBe('complete');
    expectReadOnly(requests);
  });

  it('a totalSize that disagrees with what was paged makes the dataset partial, with the reason', async () => {
    const page = (file: string) => ({ ...fixture<Record<string, unknown>>(file), totalSize: 9 });
    mockOrg({
      ...HARDENED,
      override: {
        'records:Contact:0': { status: 200, body: { ...page('query-contacts-page-1.json'), nextRecordsUrl: locatorOf('Contact', 1) } },
        'records:Contact:1': { status: 200, body: { ...page('query-contacts-page-2.json'), nextRecordsUrl: locatorOf('Contact', 2) } },
        'records:Contact:2': { status: 200, body: page('query-contacts-page-3.json') },
      },
    });
    const target = config();
    const { ctx, requests } = context(target);
    const snapshot = await salesforceConnector.collect(target, ctx);
    expect(dataset(snapshot, 'records Contact')).toEqual({ name: 'records Contact', state: 'partial', records: 7, total: 9, pages: 3, reason: 'read 7 of the 9 the API reported' });
    expect(snapshot.errors).toEqual([]);
    expectReadOnly(requests);
  });

  it('paging that outgrows its estimate stops at maxDailyApiShare of the remaining daily requests (partial, with why)', async () => {
    const limits = { ...fixture<Record<string, unknown>>('limits.json'), DailyApiRequests: { Max: 1000, Remaining: 25 } };
    mockOrg({ ...HARDENED, counts: { Contact: 3 }, override: { limits: { status: 200, body: limits } } });
    const target = config();
    const { ctx, requests } = context(target);
    const snapshot = await salesforceConnector.collect(target, ctx);
    expect(dataset(snapshot, 'records Contact')).toMatchObject({ state: 'partial', records: 5, pages: 2, reason: 'stopped after 2 requests: maxDailyApiShare of the remaining daily API requests used' });
    expect(requests.some((r) => r.url.endsWith(locatorOf('Contact', 2)))).toBe(false);
    expect(snapshot.errors).toEqual([]);
    expectReadOnly(requests);
  });

  it('a queryMore locator that leads back to a page already read stops the paging (no endless loop); pages kept', async () => {
    mockOrg({ ...HARDENED, override: { 'records:Contact:1': { status: 200, body: { ...fixture<Record<string, unknown>>('query-contacts-page-2.json'), nextRecordsUrl: locatorOf('Contact', 1) } } } });
    const target = config();
    const { ctx, requests } = context(target);
    const snapshot = await salesforceConnector.collect(target, ctx);
    expect(snapshot.errors).toEqual([expect.objectContaining({ code: 'UNEXPECTED_SHAPE', message: expect.stringContaining('leads back') })]);
    expect(dataset(snapshot, 'records Contact')).toMatchObject({ state: 'partial', records: 5, pages: 2 });
    expect(requests.filter((r) => r.url.endsWith(locatorOf('Contact', 1)))).toHaveLength(1);
    expectReadOnly(requests);
  });

  it('a nextRecordsUrl to another host is not followed', async () => {
    mockOrg({ ...HARDENED, override: { 'records:Contact:0': { status: 200, body: { ...fixture<Record<string, unknown>>('query-contacts-page-1.json'), nextRecordsUrl: 'https://evil.example.com/services/data/v62.0/query/x-1' } } } });
    const target = config();
    const { ctx, requests } = context(target);
    const snapshot = await salesforceConnector.collect(target, ctx);
    expect(snapshot.errors).toEqual([expect.objectContaining({ code: 'UNEXPECTED_SHAPE' })]);
    expect(requests.some((r) => r.url.includes('evil.example.com'))).toBe(false);
    expect(dataset(snapshot, 'records Contact')).toMatchObject({ state: 'partial', records: 3 });
    expectReadOnly(requests);
  });

  it('a token response whose instance_url is neither the configured host nor Salesforce is refused; nothing else is sent', async () => {
    tokenEndpoint(1, { ...fixture<Record<string, unknown>>('token-client-credentials.json'), instance_url: 'https://collector.attacker.example' });
    const { ctx, requests } = context(clientCredentials);
    const snapshot = await salesforceConnector.collect(clientCredentials, ctx);
    expect(snapshot.errors).toEqual([expect.objectContaining({ code: 'HOST_NOT_ALLOWED', message: expect.stringContaining('collector.attacker.example') })]);
    expect(requests).toHaveLength(1);
    expect(snapshot.facts.crm?.objects).toMatchObject({ state: 'unknown', reason: { kind: 'collection-error' } });
    expectReadOnly(requests);
  });

  it('a refused token request (invalid_client) is one AUTH_FAILED error and every section says so', async () => {
    nock(ORG).post('/services/oauth2/token').reply(400, errors.invalid_client as nock.Body, { 'Content-Type': 'application/json' });
    const { ctx, requests } = context(clientCredentials);
    const snapshot = await salesforceConnector.collect(clientCredentials, ctx);
    expect(snapshot.errors).toEqual([expect.objectContaining({ code: 'AUTH_FAILED', cause: 'invalid_client', status: 400 })]);
    expect(requests).toHaveLength(1);
    expect(snapshot.facts.crm?.linkStats).toMatchObject({ state: 'unknown', reason: { kind: 'collection-error' } });
    expect(JSON.stringify(snapshot)).not.toContain(SECRET);
    expectReadOnly(requests);
  });
});

describe('salesforce collect: Bulk API 2.0', () => {
  const bulk = config({ bulkThreshold: 1, consentFields: ['Marketing_Consent__c'] });
  const JOB = '750Hs00000Bk001AAA';

  it('above bulkThreshold: job created (read-only POST), polled to JobComplete, two CSV result sets by Sforce-Locator', async () => {
    mockOrg({ ...HARDENED, counts: { Contact: 5 } });
    nock(ORG)
      .post(`${V}/jobs/query`, (body: { operation?: string; query?: string }) => body.operation === 'query' && body.query === 'SELECT Id, Email, Phone, MobilePhone, FirstName, LastName, HasOptedOutOfEmail, CreatedDate, LastModifiedDate, IdP_Subject__c, Marketing_Consent__c FROM Contact')
      .reply(200, fixture<nock.Body>('bulk-job-created.json'))
      .get(`${V}/jobs/query/${JOB}`)
      .reply(200, fixture<nock.Body>('bulk-job-in-progress.json'))
      .get(`${V}/jobs/query/${JOB}`)
      .reply(200, fixture<nock.Body>('bulk-job-complete.json'))
      .get(`${V}/jobs/query/${JOB}/results`)
      .query({ maxRecords: '10000' })
      .reply(200, text('bulk-results-1.csv'), { 'Content-Type': 'text/csv', 'Sforce-Locator': 'MTAwMDA', 'Sforce-NumberOfRecords': '3' })
      .get(`${V}/jobs/query/${JOB}/results`)
      .query({ maxRecords: '10000', locator: 'MTAwMDA' })
      .reply(200, text('bulk-results-2.csv'), { 'Content-Type': 'text/csv', 'Sforce-Locator': 'null', 'Sforce-NumberOfRecords': '2' });
    const { ctx, requests } = context(bulk);
    const snapshot = await salesforceConnector.collect(bulk, ctx);
    expect(snapshot.errors).toEqual([]);
    expect(dataset(snapshot, 'records Contact')).toEqual({ name: 'records Contact', state: 'complete', records: 5, total: 5, pages: 2 });
    expect(snapshot.profiles?.get(4)).toMatchObject({ localId: '003Hs00000Ab005AAA', names: { family: 'Testperson' }, links: [{ value: 'auth0|64b7f0c2e1d3a4b5c6d7e8f9' }], consent: { marketing: false }, createdAt: '2023-04-02T09:15:00.000Z' });
    expect(snapshot.facts.crm?.linkStats).toEqual({ state: 'observed', value: { records: 5, withKey: 4, emailShaped: 0, subjectShaped: 4, sharedValues: 0 } });
    expect(requests.filter((r) => r.method === 'POST').map((r) => r.intent)).toEqual(['read-only-post']);
    expectReadOnly(requests);
  });

  it('a Bulk job that fails: a coded error with the job message, the dataset not read, no PATCH or DELETE sent', async () => {
    mockOrg({ ...HARDENED, counts: { Contact: 5 } });
    nock(ORG)
      .post(`${V}/jobs/query`)
      .reply(200, fixture<nock.Body>('bulk-job-created.json'))
      .get(`${V}/jobs/query/${JOB}`)
      .reply(200, fixture<nock.Body>('bulk-job-failed.json'));
    const { ctx, requests } = context(bulk);
    const snapshot = await salesforceConnector.collect(bulk, ctx);
    expect(snapshot.errors).toEqual([expect.objectContaining({ code: 'SERVER_ERROR', message: expect.stringContaining(`job ${JOB} ended Failed: INVALID_FIELD`) })]);
    expect(dataset(snapshot, 'records Contact')).toMatchObject({ state: 'not-read', total: 5 });
    expect(snapshot.facts.crm?.linkStats).toMatchObject({ state: 'unknown' });
    expect(requests.every((r) => r.method === 'GET' || r.method === 'POST')).toBe(true);
    expect(snapshot.facts.crm?.duplicateRules?.state).toBe('observed');
    expectReadOnly(requests);
  });

  it('a Bulk job still running at bulkPollTimeoutMs: a TIMEOUT error, the job left alone, the rest of the scan goes on', async () => {
    mockOrg({ ...HARDENED, counts: { Contact: 5 } });
    nock(ORG)
      .post(`${V}/jobs/query`)
      .reply(200, fixture<nock.Body>('bulk-job-created.json'))
      .get(`${V}/jobs/query/${JOB}`)
      .times(10)
      .reply(200, fixture<nock.Body>('bulk-job-in-progress.json'));
    const target = config({ bulkThreshold: 1, bulkPollTimeoutMs: 1000 });
    const { ctx, requests } = context(target);
    const snapshot = await salesforceConnector.collect(target, ctx);
    expect(snapshot.errors).toEqual([expect.objectContaining({ code: 'TIMEOUT', message: expect.stringContaining(`job ${JOB} still InProgress after 1000 ms`) })]);
    expect(dataset(snapshot, 'records Contact')).toMatchObject({ state: 'not-read' });
    expect(dataset(snapshot, 'limits after')?.state).toBe('complete');
    expectReadOnly(requests);
  });

  it('Bulk results that are an HTML page are a coded error, not a parse of the page', async () => {
    mockOrg({ ...HARDENED, counts: { Contact: 5 } });
    nock(ORG)
      .post(`${V}/jobs/query`)
      .reply(200, fixture<nock.Body>('bulk-job-created.json'))
      .get(`${V}/jobs/query/${JOB}`)
      .reply(200, fixture<nock.Body>('bulk-job-complete.json'))
      .get(`${V}/jobs/query/${JOB}/results`)
      .query(true)
      .reply(200, '<html><body>Maintenance</body></html>', { 'Content-Type': 'text/html' });
    const { ctx, requests } = context(bulk);
    const snapshot = await salesforceConnector.collect(bulk, ctx);
    expect(snapshot.errors).toEqual([expect.objectContaining({ code: 'NOT_JSON', message: expect.stringContaining('expected CSV') })]);
    expect(snapshot.profiles).toBeUndefined();
    expectReadOnly(requests);
  });
});
