import { describe, expect, it } from 'vitest';
import { dailyApiRequests, estimateCalls, parseLimitInfo, QuotaWatch, refuseRead } from '../../../connectors/salesforce/quota.js';
import { describeRequest, failureFor, vendorError } from '../../../connectors/salesforce/responses.js';
import { countAll, countLinked, DUPLICATE_RULES, selectRecords, selectRecordsBulk } from '../../../connectors/salesforce/soql.js';
import { intentFor, toHttpRequest } from '../../../connectors/salesforce/transport.js';
import { acceptableInstance, isSalesforceHost } from '../../../connectors/salesforce/urls.js';
import type { HttpResponse } from '../../../src/http/types.js';
import { ScanFailure } from '../../../src/model/errors.js';
import { Redactor } from '../../../src/privacy/redact.js';
import { config, fixture } from './helpers.js';

const errors = fixture<Record<string, unknown>>('errors.json');

function response(status: number, body: unknown, headers: Record<string, string> = { 'content-type': 'application/json' }): HttpResponse {
  const url = 'https://acme.my.salesforce.com/services/data/v62.0/query?q=SELECT+COUNT()+FROM+Contact';
  return { url, finalUrl: url, status, headers, body: Buffer.from(typeof body === 'string' ? body : JSON.stringify(body)), redirects: [], attempts: 1, fromCache: false };
}

describe('salesforce responses: coded failures keep the Salesforce error code', () => {
  it.each([
    [403, 'REQUEST_LIMIT_EXCEEDED', 'RATE_LIMITED', true],
    [403, 'INSUFFICIENT_ACCESS', 'PERMISSION_DENIED', false],
    [403, 'API_DISABLED_FOR_ORG', 'PERMISSION_DENIED', false],
    [401, 'INVALID_SESSION_ID', 'AUTH_FAILED', false],
    [404, 'NOT_FOUND', 'NOT_FOUND', false],
    [400, 'INVALID_TYPE', 'HTTP_STATUS', false],
    [500, 'SERVER_ERROR', 'SERVER_ERROR', true],
  ])('%i %s → %s', (status, key, code, retryable) => {
    const failure = failureFor(response(status, errors[key]), 'SOQL query', new Redactor());
    expect(failure.scanError).toMatchObject({ code, status, retryable });
    expect(failure.scanError.message).not.toContain('\n');
  });

  it('OAuth errors of the token request are AUTH_FAILED with the OAuth code; an HTML error page is not quoted', () => {
    expect(failureFor(response(400, errors.invalid_grant), 'token request', undefined, true).scanError).toMatchObject({ code: 'AUTH_FAILED', cause: 'invalid_grant' });
    const html = failureFor(response(503, '<html><body>Down for maintenance, call 555-0100</body></html>', { 'content-type': 'text/html' }), 'SOQL query', undefined);
    expect(html.scanError).toMatchObject({ code: 'SERVER_ERROR', status: 503 });
    expect(html.scanError.message).not.toContain('maintenance');
  });

  it('registered secrets are masked in messages', () => {
    const redactor = new Redactor();
    redactor.add('super-secret-token-value');
    const failure = failureFor(response(400, [{ errorCode: 'X', message: 'bad super-secret-token-value' }]), 'SOQL query', redactor);
    expect(failure.scanError.message).not.toContain('super-secret-token-value');
  });

  it('vendorError reads REST arrays, OAuth objects, and nothing else', () => {
    expect(vendorError(Buffer.from(JSON.stringify(errors.NOT_FOUND)))).toEqual({ errorCode: 'NOT_FOUND', message: 'The requested resource does not exist' });
    expect(vendorError(Buffer.from('<html>'))).toEqual({});
    expect(vendorError(Buffer.from('[]'))).toEqual({});
  });

  it.each([
    ['GET', 'https://a.my.salesforce.com/services/data/v62.0/sobjects/Contact/describe', 'describe Contact'],
    ['GET', 'https://a.my.salesforce.com/services/data/v62.0/query?q=SELECT+Id+FROM+Contact', 'SOQL query'],
    ['GET', 'https://a.my.salesforce.com/services/data/v62.0/query/01g-2000', 'SOQL query'],
    ['POST', 'https://a.my.salesforce.com/services/data/v62.0/jobs/query', 'Bulk API 2.0 query job'],
    ['GET', 'https://a.my.salesforce.com/services/data/v62.0/jobs/query/750x/results?maxRecords=10', 'Bulk API 2.0 query results'],
    ['POST', 'https://login.salesforce.com/services/oauth2/token', 'token request'],
    ['GET', 'https://a.my.salesforce.com/services/data/', 'API versions'],
    ['GET', 'https://a.my.salesforce.com/services/data/v62.0/limits', 'org limits'],
  ])('%s %s is described as "%s"', (method, url, what) => {
    expect(describeRequest(method, url)).toBe(what);
  });
});

describe('salesforce quota', () => {
  it('reads Sforce-Limit-Info and /limits, and prefers the freshest reading', () => {
    expect(parseLimitInfo('api-usage=18/5000')).toEqual({ used: 18, max: 5000 });
    expect(parseLimitInfo('per-app-api-usage=2/250(appName=x), api-usage=40/15000')).toEqual({ used: 40, max: 15000 });
    expect(parseLimitInfo(undefined)).toBeUndefined();
    expect(dailyApiRequests(fixture('limits.json'))).toEqual({ max: 150_000, remaining: 149_000 });
    expect(dailyApiRequests({})).toBeUndefined();
    const watch = new QuotaWatch();
    watch.limitsBefore({ max: 100, remaining: 90 });
    expect(watch.remaining()).toBe(90);
    watch.observe({ 'sforce-limit-info': 'api-usage=15/100' });
    expect(watch.remaining()).toBe(85);
  });

  it('estimates REST pages and Bulk jobs, and refuses reads above the share of what remains', () => {
    expect(estimateCalls(20_000, { bulk: false, pageSize: 2000, expectedPolls: 10 })).toBe(10);
    expect(estimateCalls(1, { bulk: false, pageSize: 2000, expectedPolls: 10 })).toBe(1);
    expect(estimateCalls(1_000_000, { bulk: true, pageSize: 10_000, expectedPolls: 10 })).toBe(111);
    expect(refuseRead(10, 1000, 0.1)).toBeUndefined();
    expect(refuseRead(101, 1000, 0.1)).toBe('an estimated 101 API requests exceed 10 % of the 1000 daily API requests remaining (100)');
    expect(refuseRead(10_000, undefined, 0.1)).toBeUndefined();
  });

  it('after REQUEST_LIMIT_EXCEEDED every later request is refused unsent, and counted', () => {
    const watch = new QuotaWatch();
    expect(watch.refusal()).toBeUndefined();
    watch.exhaust({ code: 'RATE_LIMITED', message: 'x', retryable: true, cause: 'REQUEST_LIMIT_EXCEEDED' });
    expect(watch.refusal()?.cause).toBe('REQUEST_LIMIT_EXCEEDED');
    expect(watch.quotas(3)).toMatchObject({ 'salesforce api requests sent': 3, 'salesforce REQUEST_LIMIT_EXCEEDED': 'stopped; 1 request(s) not sent', 'salesforce DailyApiRequests': 'unknown' });
  });
});

describe('salesforce SOQL and transport', () => {
  const plan = { object: 'Contact' as const, fields: ['Id', 'Email', 'IdP_Subject__c'], linkField: 'IdP_Subject__c', consent: [] };

  it('builds only from API names', () => {
    expect(selectRecords(plan)).toBe('SELECT Id, Email, IdP_Subject__c FROM Contact ORDER BY Id');
    expect(selectRecords(plan, 4)).toBe('SELECT Id, Email, IdP_Subject__c FROM Contact ORDER BY Id LIMIT 4');
    expect(selectRecordsBulk(plan)).toBe('SELECT Id, Email, IdP_Subject__c FROM Contact');
    expect(countAll('Lead')).toBe('SELECT COUNT() FROM Lead');
    expect(countLinked('Contact', 'IdP_Subject__c')).toBe('SELECT COUNT() FROM Contact WHERE IdP_Subject__c != null');
    expect(DUPLICATE_RULES).toBe('SELECT DeveloperName, IsActive, SobjectType FROM DuplicateRule');
    expect(() => selectRecords({ ...plan, fields: ['Id FROM User --'] })).toThrow(/not an API name/);
  });

  it('gives the token request and the query-job creation their intents; any other POST none (the client refuses it)', () => {
    expect(intentFor('POST', 'https://login.salesforce.com/services/oauth2/token')).toBe('token');
    expect(intentFor('POST', 'https://a.my.salesforce.com/services/data/v62.0/jobs/query')).toBe('read-only-post');
    expect(intentFor('POST', 'https://a.my.salesforce.com/services/data/v62.0/jobs/ingest')).toBeUndefined();
    expect(intentFor('POST', 'https://a.my.salesforce.com/services/data/v62.0/sobjects/Contact')).toBeUndefined();
    expect(intentFor('GET', 'https://a.my.salesforce.com/services/data/v62.0/jobs/query')).toBeUndefined();
    expect(toHttpRequest({ method: 'POST', url: 'https://login.salesforce.com/services/oauth2/token', body: 'grant_type=x', headers: { 'content-type': 'application/x-www-form-urlencoded' } })).toEqual({
      url: 'https://login.salesforce.com/services/oauth2/token',
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=x',
      intent: 'token',
    });
    const streamed = () => toHttpRequest({ method: 'PUT', url: 'https://a.my.salesforce.com/x', body: process.stdin });
    expect(streamed).toThrow(ScanFailure);
  });

  it('accepts an instance_url only on the configured host or a Salesforce API domain, over https', () => {
    const target = config({ auth: { method: 'client-credentials', loginUrl: 'https://acme-test.my.salesforce.com', clientId: 'c', clientSecret: 's' } });
    expect(acceptableInstance('https://acme-test.my.salesforce.com', target)).toBe('https://acme-test.my.salesforce.com');
    expect(acceptableInstance('https://acme--uat.sandbox.my.salesforce.com/', target)).toBe('https://acme--uat.sandbox.my.salesforce.com');
    expect(acceptableInstance('https://eu45.salesforce.com', target)).toBe('https://eu45.salesforce.com');
    expect(acceptableInstance('http://acme-test.my.salesforce.com', target)).toBeUndefined();
    expect(acceptableInstance('https://salesforce.com.attacker.example', target)).toBeUndefined();
    expect(acceptableInstance('https://acme.lightning.force.com', target)).toBeUndefined();
    expect(acceptableInstance(undefined, target)).toBeUndefined();
    expect(isSalesforceHost('acme.my.salesforce.com')).toBe(true);
    expect(isSalesforceHost('notsalesforce.com')).toBe(false);
  });
});
