import type { LookupFunction } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpClient } from '../../src/http/client.js';
import { Redactor } from '../../src/privacy/redact.js';
import { scanErrorOf, testOptions } from './helpers/fixtures.js';
import { refusedPort, sendJson, startHttpServer } from './helpers/servers.js';
import type { TestServer } from './helpers/servers.js';

let server: TestServer;
beforeAll(async () => {
  server = await startHttpServer((_req, res) => sendJson(res, 200, { ok: true }));
});
afterAll(() => server.close());

/** A DNS that answers from a table (names that do not exist on this machine). */
function fakeDns(table: Record<string, string>): LookupFunction {
  return (hostname, options, callback) => {
    const address = table[hostname];
    if (address === undefined) {
      const error: NodeJS.ErrnoException = new Error(`getaddrinfo ENOTFOUND ${hostname}`);
      error.code = 'ENOTFOUND';
      callback(error, options.all ? [] : '');
      return;
    }
    const family = address.includes(':') ? 6 : 4;
    if (options.all) callback(null, [{ address, family }]);
    else callback(null, address, family);
  };
}

describe('host allow-list', () => {
  it('refuses a host the target did not name, without sending anything', async () => {
    const http = createHttpClient(testOptions({ allowedHosts: ['login.example.com'] }));
    const before = server.hits();
    const error = await scanErrorOf(http.request({ url: `${server.origin}/x` }));
    expect(error.code).toBe('HOST_NOT_ALLOWED');
    expect(error.message).toContain('127.0.0.1');
    expect(error.remediation).toContain('add it to the hosts of target "test-target"');
    expect(error.retryable).toBe(false);
    expect(server.hits()).toBe(before);
    expect(http.stats().requests).toBe(0);
  });

  it('compares host names case-insensitively, without port or trailing dot', async () => {
    const http = createHttpClient(testOptions({ allowedHosts: ['LOCALHOST.'] }, {}), { lookup: fakeDns({ localhost: '127.0.0.1' }) });
    const res = await http.request({ url: `http://LocalHost:${server.port}/` });
    expect(res.status).toBe(200);
  });

  it('handles IPv6 literals with and without brackets', async () => {
    const http = createHttpClient(testOptions({ allowedHosts: ['[::2]'] }, { connectTimeoutMs: 500 }));
    const port = await refusedPort();
    // Allowed (so it gets as far as connecting); [::3] is not.
    const allowed = await scanErrorOf(http.request({ url: `http://[::2]:${port}/`, retry: false }));
    expect(allowed.code).not.toBe('HOST_NOT_ALLOWED');
    const refused = await scanErrorOf(http.request({ url: `http://[::3]:${port}/` }));
    expect(refused.code).toBe('HOST_NOT_ALLOWED');
  });

  it('lets allowHostOnce reach one extra host over https only', async () => {
    const http = createHttpClient(testOptions({ allowedHosts: ['login.example.com'] }));
    const error = await scanErrorOf(http.request({ url: `${server.origin}/export`, allowHostOnce: '127.0.0.1' }));
    expect(error.code).toBe('HOST_NOT_ALLOWED');
    expect(error.message).toContain('https');
    // The https form is allowed through the policy (it then fails TLS against this plain server).
    const tls = await scanErrorOf(http.request({ url: `https://127.0.0.1:${server.port}/export`, allowHostOnce: '127.0.0.1', retry: false }));
    expect(tls.code).not.toBe('HOST_NOT_ALLOWED');
    // ...and only for that one request.
    expect((await scanErrorOf(http.request({ url: `https://127.0.0.1:${server.port}/export` }))).code).toBe('HOST_NOT_ALLOWED');
  });

  it('refuses URLs that are not http(s)', async () => {
    const http = createHttpClient(testOptions());
    expect((await scanErrorOf(http.request({ url: 'file:///etc/passwd' }))).code).toBe('UNSUPPORTED');
    expect((await scanErrorOf(http.request({ url: 'not a url' }))).code).toBe('UNSUPPORTED');
  });
});

describe('address guard', () => {
  it.each([
    'http://169.254.169.254/latest/meta-data/',
    'http://169.254.170.2/v2/credentials',
    'http://[fd00:ec2::254]/latest/meta-data/',
    'http://[::ffff:169.254.169.254]/',
    'http://[fe80::1]/',
    'http://100.100.100.200/latest/meta-data/',
    'http://2852039166/', // 169.254.169.254 as one number; the URL parser normalises it
    'http://0xa9.0xfe.0xa9.0xfe/',
    'http://metadata.google.internal/computeMetadata/v1/',
  ])('refuses %s even when allow-listed', async (url) => {
    const host = new URL(url).hostname;
    const http = createHttpClient(testOptions({ allowedHosts: [host] }));
    const error = await scanErrorOf(http.request({ url }));
    expect(error.code).toBe('ADDRESS_BLOCKED');
    expect(error.retryable).toBe(false);
    expect(http.stats().requests).toBe(0);
  });

  it('refuses a name that DNS resolves to the metadata address, and connects to one that resolves safely', async () => {
    const lookup = fakeDns({ 'imds-alias.test': '169.254.169.254', 'mapped.test': '::ffff:169.254.169.254', 'ok.test': '127.0.0.1' });
    const http = createHttpClient(testOptions({ allowedHosts: ['imds-alias.test', 'mapped.test', 'ok.test'] }), { lookup });
    const before = server.hits();
    const error = await scanErrorOf(http.request({ url: `http://imds-alias.test:${server.port}/` }));
    expect(error.code).toBe('ADDRESS_BLOCKED');
    expect(error.message).toContain('imds-alias.test (169.254.169.254)');
    expect((await scanErrorOf(http.request({ url: `http://mapped.test:${server.port}/` }))).code).toBe('ADDRESS_BLOCKED');
    expect(server.hits()).toBe(before);
    const ok = await http.request({ url: `http://ok.test:${server.port}/` });
    expect(ok.status).toBe(200);
    expect(server.hits()).toBe(before + 1);
  });
});

describe('transport errors', () => {
  it('maps a refused connection to CONNECTION_REFUSED', async () => {
    const port = await refusedPort();
    const error = await scanErrorOf(createHttpClient(testOptions()).request({ url: `http://127.0.0.1:${port}/` }));
    expect(error).toMatchObject({ code: 'CONNECTION_REFUSED', retryable: true, cause: 'ECONNREFUSED' });
  });

  it('maps an unknown name to DNS', async () => {
    const http = createHttpClient(testOptions({ allowedHosts: ['nowhere.test'] }), { lookup: fakeDns({}) });
    const error = await scanErrorOf(http.request({ url: 'http://nowhere.test/' }));
    expect(error).toMatchObject({ code: 'DNS', cause: 'ENOTFOUND', retryable: false });
  });

  it('keeps secrets, tokens and stack traces out of errors', async () => {
    const port = await refusedPort();
    const secrets = new Redactor();
    secrets.add('s3cr3t-path-token');
    const http = createHttpClient(testOptions({ secrets }));
    const url = `http://127.0.0.1:${port}/tenants/s3cr3t-path-token/users?access_token=eyJhbGciOiJIUzI1NiJ9.payload&page=2`;
    const error = await scanErrorOf(http.request({ url, headers: { Authorization: 'Bearer abcdefghijklmnopqrstuvwxyz' } }));
    const printed = JSON.stringify(error);
    expect(printed).not.toContain('s3cr3t-path-token');
    expect(printed).not.toContain('eyJhbGciOiJIUzI1NiJ9');
    expect(printed).not.toContain('abcdefghijklmnop');
    expect(printed).not.toMatch(/\n|\bat .*\.(ts|js):\d+/);
    expect(error.endpoint).toContain('page=2');
    expect(error.endpoint).toContain('[REDACTED]');
  });

  it('redacts registered secrets in policy refusals too', async () => {
    const secrets = new Redactor();
    secrets.add('tenant-key-0001');
    const http = createHttpClient(testOptions({ allowedHosts: ['login.example.com'], secrets }));
    const error = await scanErrorOf(http.request({ url: 'https://tenant-key-0001.example.net/' }));
    expect(error.code).toBe('HOST_NOT_ALLOWED');
    expect(JSON.stringify(error)).not.toContain('tenant-key-0001');
  });
});
