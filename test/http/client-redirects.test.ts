import { afterEach, describe, expect, it } from 'vitest';
import { createHttpClient, MAX_REDIRECTS } from '../../src/http/client.js';
import { scanErrorOf, testOptions } from './helpers/fixtures.js';
import { sendJson, startHttpServer } from './helpers/servers.js';
import type { Handler, TestServer } from './helpers/servers.js';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

function redirect(res: Parameters<Handler>[1], status: number, location: string): void {
  res.writeHead(status, { location, 'content-type': 'text/html' });
  res.end(`<a href="${location}">moved</a>`);
}

describe('redirects', () => {
  it('follows a same-origin redirect and records the hop', async () => {
    server = await startHttpServer((req, res) => {
      if (req.url === '/start') redirect(res, 302, '/final');
      else sendJson(res, 200, { at: req.url });
    });
    const http = createHttpClient(testOptions());
    const res = await http.request({ url: `${server.origin}/start` });
    expect(res.status).toBe(200);
    expect(res.url).toBe(`${server.origin}/start`);
    expect(res.finalUrl).toBe(`${server.origin}/final`);
    expect(res.redirects).toEqual([{ status: 302, from: `${server.origin}/start`, to: `${server.origin}/final` }]);
    expect(res.attempts).toBe(2);
    expect(res.offOriginRedirect).toBeUndefined();
  });

  it('does not follow a redirect to another origin, and says where it pointed', async () => {
    server = await startHttpServer((_req, res) => redirect(res, 302, 'https://idp.other.example/login?client_id=x'));
    const http = createHttpClient(testOptions());
    const res = await http.request({ url: `${server.origin}/.well-known/change-password` });
    expect(res.status).toBe(302);
    expect(res.offOriginRedirect).toBe('https://idp.other.example/login?client_id=x');
    expect(res.redirects).toEqual([]);
    expect(server.hits()).toBe(1);
  });

  it('treats another port or scheme on the same host as another origin', async () => {
    server = await startHttpServer((_req, res) => redirect(res, 301, `https://127.0.0.1:${server!.port}/secure`));
    const res = await createHttpClient(testOptions()).request({ url: server.origin });
    expect(res.status).toBe(301);
    expect(res.offOriginRedirect).toBe(`https://127.0.0.1:${server.port}/secure`);
  });

  it(`fails with TOO_MANY_REDIRECTS after ${MAX_REDIRECTS} hops`, async () => {
    server = await startHttpServer((req, res) => {
      const n = Number(req.url?.slice(1) ?? 0);
      redirect(res, 307, `/${n + 1}`);
    });
    const error = await scanErrorOf(createHttpClient(testOptions()).request({ url: `${server.origin}/0` }));
    expect(error.code).toBe('TOO_MANY_REDIRECTS');
    expect(server.hits()).toBe(MAX_REDIRECTS + 1);
  });

  it(`follows exactly ${MAX_REDIRECTS} hops`, async () => {
    server = await startHttpServer((req, res) => {
      const n = Number(req.url?.slice(1) ?? 0);
      if (n < MAX_REDIRECTS) redirect(res, 308, `/${n + 1}`);
      else sendJson(res, 200, {});
    });
    const res = await createHttpClient(testOptions()).request({ url: `${server.origin}/0` });
    expect(res.status).toBe(200);
    expect(res.redirects).toHaveLength(MAX_REDIRECTS);
  });

  it('returns any 3xx as is with followRedirects: false', async () => {
    server = await startHttpServer((_req, res) => redirect(res, 302, '/next'));
    const res = await createHttpClient(testOptions()).request({ url: server.origin, followRedirects: false });
    expect(res.status).toBe(302);
    expect(res.headers.location).toBe('/next');
    expect(server.hits()).toBe(1);
  });

  it('turns a POST into a body-less GET on 303, and repeats it on 307', async () => {
    server = await startHttpServer((req, res) => {
      if (req.url === '/search-303') redirect(res, 303, '/results');
      else if (req.url === '/search-307') redirect(res, 307, '/search-again');
      else sendJson(res, 200, { method: req.method });
    });
    const http = createHttpClient(testOptions());
    const post = { method: 'POST' as const, intent: 'read-only-post' as const, body: '{"q":1}', headers: { 'content-type': 'application/json' } };
    await http.request({ url: `${server.origin}/search-303`, ...post });
    await http.request({ url: `${server.origin}/search-307`, ...post });
    expect(server.seen.map((r) => `${r.method} ${r.url}`)).toEqual(['POST /search-303', 'GET /results', 'POST /search-307', 'POST /search-again']);
    expect(server.seen[1]!.headers['content-type']).toBeUndefined();
  });

  it('checks redirect targets against the address guard', async () => {
    server = await startHttpServer((_req, res) => redirect(res, 302, 'http://169.254.169.254/latest/meta-data/'));
    const res = await createHttpClient(testOptions()).request({ url: server.origin });
    // Another origin: never followed, so the metadata service is never contacted.
    expect(res.status).toBe(302);
    expect(res.offOriginRedirect).toBe('http://169.254.169.254/latest/meta-data/');
  });
});
