import { afterEach, describe, expect, it } from 'vitest';
import { createHttpClient, DEFAULT_ACCEPT } from '../../src/http/client.js';
import { USER_AGENT } from '../../src/version.js';
import { scanErrorOf, testOptions } from './helpers/fixtures.js';
import { sendJson, startHttpServer } from './helpers/servers.js';
import type { TestServer } from './helpers/servers.js';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('request basics', () => {
  it('sends an identifying User-Agent with the contact, and the default Accept', async () => {
    server = await startHttpServer((_req, res) => sendJson(res, 200, { ok: true }));
    const http = createHttpClient(testOptions({ contact: 'security@example.com' }));
    const res = await http.request({ url: `${server.origin}/doc` });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body.toString())).toEqual({ ok: true });
    expect(server.seen[0]!.headers['user-agent']).toBe(`${USER_AGENT} contact: security@example.com`);
    expect(server.seen[0]!.headers.accept).toBe(DEFAULT_ACCEPT);
    expect(res).toMatchObject({ url: `${server.origin}/doc`, finalUrl: `${server.origin}/doc`, attempts: 1, redirects: [], fromCache: false });
    expect(res.headers['content-type']).toBe('application/json');
  });

  it('keeps caller headers (any case) but never lets them replace the User-Agent', async () => {
    server = await startHttpServer((_req, res) => sendJson(res, 200, {}));
    const http = createHttpClient(testOptions());
    await http.request({ url: server.origin, headers: { Accept: 'application/jwk-set+json', 'User-Agent': 'curl/8', Origin: 'https://cors-probe.invalid' } });
    const headers = server.seen[0]!.headers;
    expect(headers.accept).toBe('application/jwk-set+json');
    expect(headers.origin).toBe('https://cors-probe.invalid');
    expect(headers['user-agent']).toBe(USER_AGENT);
  });

  it('joins repeated response headers with ", " under lower-case names', async () => {
    server = await startHttpServer((_req, res) => {
      res.setHeader('Set-Cookie', ['a=1', 'b=2']);
      res.setHeader('X-Thing', 'one');
      res.end('ok');
    });
    const res = await createHttpClient(testOptions()).request({ url: server.origin });
    expect(res.headers['set-cookie']).toBe('a=1, b=2');
    expect(res.headers['x-thing']).toBe('one');
  });

  it('resolves with any status: callers decide what a 404 means', async () => {
    server = await startHttpServer((_req, res) => sendJson(res, 404, { error: 'nope' }));
    const res = await createHttpClient(testOptions()).request({ url: server.origin });
    expect(res.status).toBe(404);
    expect(res.attempts).toBe(1);
  });

  it('decompresses gzip bodies', async () => {
    const { gzipSync } = await import('node:zlib');
    server = await startHttpServer((_req, res) => {
      res.writeHead(200, { 'content-encoding': 'gzip', 'content-type': 'application/json' });
      res.end(gzipSync(Buffer.from('{"zipped":true}')));
    });
    const res = await createHttpClient(testOptions()).request({ url: server.origin });
    expect(JSON.parse(res.body.toString())).toEqual({ zipped: true });
  });

  it('sends POST bodies exactly as given when the intent allows a POST', async () => {
    let received = '';
    server = await startHttpServer((req, res) => {
      req.setEncoding('utf8');
      req.on('data', (chunk: string) => (received += chunk));
      req.on('end', () => sendJson(res, 200, {}));
    });
    const http = createHttpClient(testOptions());
    await http.request({
      url: `${server.origin}/token`,
      method: 'POST',
      intent: 'token',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=client_credentials',
    });
    expect(received).toBe('grant_type=client_credentials');
    expect(server.seen[0]!.headers['content-type']).toBe('application/x-www-form-urlencoded');
  });
});

describe('read-only methods', () => {
  it.each([
    ['PUT', 'token'],
    ['PATCH', 'read-only-post'],
    ['DELETE', 'probe'],
    ['POST', undefined],
    ['POST', 'read'],
  ] as const)('refuses %s with intent %s before sending anything', async (method, intent) => {
    server = await startHttpServer((_req, res) => res.end());
    const http = createHttpClient(testOptions());
    const error = await scanErrorOf(http.request({ url: server.origin, method, ...(intent ? { intent } : {}) }));
    expect(error.code).toBe('METHOD_NOT_ALLOWED');
    expect(server.hits()).toBe(0);
    expect(http.stats().requests).toBe(0);
  });
});

describe('run cache', () => {
  it('serves a repeated GET from the cache without a request', async () => {
    server = await startHttpServer((_req, res) => sendJson(res, 200, { n: 1 }));
    const http = createHttpClient(testOptions());
    const first = await http.request({ url: `${server.origin}/doc`, cache: true });
    const second = await http.request({ url: `${server.origin}/doc`, cache: true });
    expect(first.fromCache).toBe(false);
    expect(second.fromCache).toBe(true);
    expect(second.body.toString()).toBe(first.body.toString());
    expect(server.hits()).toBe(1);
    expect(http.stats().requests).toBe(1);
  });

  it('keys the cache by the headers that change the answer (Origin) and skips uncached calls', async () => {
    server = await startHttpServer((_req, res) => sendJson(res, 200, {}));
    const http = createHttpClient(testOptions());
    await http.request({ url: server.origin, cache: true });
    await http.request({ url: server.origin, cache: true, headers: { Origin: 'https://cors-probe.invalid' } });
    await http.request({ url: server.origin });
    expect(server.hits()).toBe(3);
  });

  it('does not keep throttled or failed answers', async () => {
    server = await startHttpServer((_req, res, index) => sendJson(res, index === 0 ? 500 : 200, {}));
    const http = createHttpClient(testOptions());
    expect((await http.request({ url: server.origin, cache: true })).status).toBe(500);
    expect((await http.request({ url: server.origin, cache: true })).status).toBe(200);
    expect((await http.request({ url: server.origin, cache: true })).fromCache).toBe(true);
    expect(server.hits()).toBe(2);
  });
});

describe('limits on volume', () => {
  it('never has more than `concurrency` requests in flight', async () => {
    server = await startHttpServer((_req, res) => {
      setTimeout(() => sendJson(res, 200, {}), 20);
    });
    const http = createHttpClient(testOptions({}, { concurrency: 3 }));
    const all = Array.from({ length: 15 }, (_, i) => http.request({ url: `${server!.origin}/${i}` }));
    const results = await Promise.all(all);
    expect(results.every((r) => r.status === 200)).toBe(true);
    expect(server.hits()).toBe(15);
    expect(server.maxInFlight()).toBeLessThanOrEqual(3);
    expect(server.maxInFlight()).toBeGreaterThanOrEqual(2);
  });

  it('stops at the per-host budget with BUDGET_EXHAUSTED', async () => {
    server = await startHttpServer((_req, res) => sendJson(res, 200, {}));
    const http = createHttpClient(testOptions({}, { maxRequestsPerHost: 2 }));
    await http.request({ url: server.origin });
    await http.request({ url: server.origin });
    const error = await scanErrorOf(http.request({ url: server.origin }));
    expect(error.code).toBe('BUDGET_EXHAUSTED');
    expect(error.retryable).toBe(false);
    expect(server.hits()).toBe(2);
    expect(http.stats()).toMatchObject({ requests: 2, byHost: { '127.0.0.1': 2 } });
  });

  it('records every start time for window checks', async () => {
    server = await startHttpServer((_req, res) => sendJson(res, 200, {}));
    const http = createHttpClient(testOptions());
    for (let i = 0; i < 3; i += 1) await http.request({ url: server.origin });
    const stats = http.stats();
    expect(stats.startTimes).toHaveLength(3);
    expect(stats).toMatchObject({ requests: 3, retries: 0, throttled: 0 });
  });

  it('rejects with ABORTED when the caller aborts', async () => {
    server = await startHttpServer(() => undefined);
    const http = createHttpClient(testOptions());
    const controller = new AbortController();
    const pending = http.request({ url: server.origin, signal: controller.signal });
    setTimeout(() => controller.abort(), 20);
    const error = await scanErrorOf(pending);
    expect(error.code).toBe('ABORTED');
    expect((await scanErrorOf(http.request({ url: server.origin, signal: AbortSignal.abort() }))).code).toBe('ABORTED');
  });
});
