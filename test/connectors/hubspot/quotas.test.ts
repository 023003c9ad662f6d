import { describe, expect, it } from 'vitest';
import { QuotaMeter } from '../../../connectors/hubspot/quotas.js';
import { HubspotTransport, whatIsRead } from '../../../connectors/hubspot/transport.js';
import type { HttpClient, HttpRequest, HttpResponse } from '../../../src/http/types.js';
import { ScanFailure } from '../../../src/model/errors.js';
import { Redactor } from '../../../src/privacy/redact.js';

const ENDPOINT = 'https://api.hubapi.com/crm/v3/objects/contacts';

describe('hubspot quota meter', () => {
  it('keeps the limits and the lowest remaining counts, labelled for coverage.quotas', () => {
    const meter = new QuotaMeter({ dailyReserve: 0.1 });
    meter.observe({ 'x-hubspot-ratelimit-max': '190', 'x-hubspot-ratelimit-remaining': '150', 'x-hubspot-ratelimit-daily': '625000', 'x-hubspot-ratelimit-daily-remaining': '600000' });
    meter.observe({ 'x-hubspot-ratelimit-max': '190', 'x-hubspot-ratelimit-remaining': '180', 'x-hubspot-ratelimit-daily-remaining': '599999', 'x-hubspot-ratelimit-secondly': '19' });
    expect(meter.quotas()).toEqual({
      'hubspot ten-second max': 190,
      'hubspot ten-second lowest remaining': 150,
      'hubspot daily max': 625000,
      'hubspot daily lowest remaining': 599999,
      'hubspot secondly max': 19,
    });
    expect(meter.tenSecondMax).toBe(190);
  });

  it('stops at the daily reserve from the headers, and from its own count when HubSpot sends none', () => {
    const meter = new QuotaMeter({ dailyReserve: 0.1 });
    meter.observe({ 'x-hubspot-ratelimit-daily': '1000', 'x-hubspot-ratelimit-daily-remaining': '101' });
    expect(() => meter.beforeSend(ENDPOINT)).not.toThrow();
    meter.observe({ 'x-hubspot-ratelimit-daily-remaining': '100' });
    expect(() => meter.beforeSend(ENDPOINT)).toThrow(/100 of 1000 requests left/);
    // Once stopped, stopped.
    expect(() => meter.beforeSend(ENDPOINT)).toThrow(ScanFailure);

    const counted = new QuotaMeter({ dailyLimit: 10, dailyReserve: 0.5 });
    for (let i = 0; i < 5; i++) counted.beforeSend(ENDPOINT);
    expect(() => counted.beforeSend(ENDPOINT)).toThrow(/5 of 10 requests left/);
  });

  it('a 429 DAILY stops, a 429 TEN_SECONDLY_ROLLING is only counted', () => {
    const meter = new QuotaMeter({ dailyReserve: 0.1 });
    expect(meter.throttled('TEN_SECONDLY_ROLLING', ENDPOINT)).toBeUndefined();
    expect(() => meter.beforeSend(ENDPOINT)).not.toThrow();
    expect(meter.throttled('DAILY', ENDPOINT)?.scanError).toMatchObject({ code: 'RATE_LIMITED', retryable: true });
    expect(() => meter.beforeSend(ENDPOINT)).toThrow(/429 DAILY/);
    expect(meter.quotas()).toEqual({ 'hubspot 429 DAILY': 1, 'hubspot 429 TEN_SECONDLY_ROLLING': 1 });
  });
});

function fakeHttp(answers: Array<Partial<HttpResponse>>, seen: HttpRequest[]): HttpClient {
  return {
    request: (req) => {
      seen.push(req);
      const answer = answers.shift() ?? {};
      const body = answer.body ?? Buffer.from('{"results":[]}');
      return Promise.resolve({ url: req.url, finalUrl: req.url, status: 200, headers: { 'content-type': 'application/json' }, redirects: [], attempts: 1, fromCache: false, ...answer, body });
    },
    stream: () => Promise.reject(new Error('not used')),
    stats: () => ({ requests: seen.length, retries: 0, throttled: 0, byHost: {} }),
  };
}

describe('hubspot transport', () => {
  const redactor = new Redactor();

  it('refuses anything but GET and POST before sending, and form bodies', async () => {
    const seen: HttpRequest[] = [];
    const transport = new HubspotTransport({ http: fakeHttp([], seen), redactor, meter: new QuotaMeter({ dailyReserve: 0.1 }) });
    await expect(transport.send({ url: ENDPOINT, method: 'DELETE', headers: {}, body: undefined })).rejects.toMatchObject({ scanError: { code: 'METHOD_NOT_ALLOWED' } });
    await expect(transport.send({ url: `${ENDPOINT}/search`, method: 'POST', headers: {}, body: new URLSearchParams('a=1') })).rejects.toMatchObject({ scanError: { code: 'UNSUPPORTED' } });
    expect(seen).toEqual([]);
  });

  it('sends a search as a documented read-only POST that may be retried; hands the SDK JSON with a JSON content type', async () => {
    const seen: HttpRequest[] = [];
    const transport = new HubspotTransport({ http: fakeHttp([{ headers: {}, body: Buffer.from('{"total":3,"results":[]}') }], seen), redactor, meter: new QuotaMeter({ dailyReserve: 0.1 }) });
    const answer = await transport.send({ url: `${ENDPOINT}/search`, method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"limit":1}' });
    expect(seen[0]).toMatchObject({ method: 'POST', intent: 'read-only-post', retry: true, body: '{"limit":1}' });
    expect(answer).toEqual({ status: 200, headers: { 'content-type': 'application/json' }, text: '{"total":3,"results":[]}' });
  });

  it('a 403 carries HubSpot category as the cause; the body is never quoted', async () => {
    const body = Buffer.from(JSON.stringify({ status: 'error', message: 'missing scopes for jane@example.com', category: 'MISSING_SCOPES' }));
    const transport = new HubspotTransport({ http: fakeHttp([{ status: 403, body }], []), redactor, meter: new QuotaMeter({ dailyReserve: 0.1 }) });
    const failure = await transport.send({ url: ENDPOINT, method: 'GET', headers: {}, body: undefined }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(ScanFailure);
    expect((failure as ScanFailure).scanError).toMatchObject({ code: 'PERMISSION_DENIED', status: 403, cause: 'MISSING_SCOPES' });
    expect(JSON.stringify((failure as ScanFailure).scanError)).not.toContain('jane@example.com');
  });

  it('names what each endpoint reads', () => {
    expect(whatIsRead('https://api.hubapi.com/crm/v3/objects/contacts/search')).toBe('contacts search');
    expect(whatIsRead('https://api.hubapi.com/crm/v3/objects/contacts?limit=1')).toBe('contacts list');
    expect(whatIsRead('https://api.hubapi.com/crm/v3/properties/contacts')).toBe('contact properties');
    expect(whatIsRead('not a url')).toBe('HubSpot API');
  });
});
