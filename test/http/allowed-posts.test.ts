import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpClient } from '../../src/http/client.js';
import { scanErrorOf, testOptions } from './helpers/fixtures.js';
import { sendJson, startHttpServer, type TestServer } from './helpers/servers.js';

let server: TestServer;
beforeAll(async () => {
  server = await startHttpServer((_req, res) => sendJson(res, 200, { ok: true }));
});
afterAll(async () => {
  await server.close();
});

describe("a connector's documented POSTs", () => {
  const options = testOptions({ allowedPosts: [{ path: /^\/oauth\/token$/, intent: 'token', purpose: 'client credentials' }] });

  it('lets a documented POST through', async () => {
    const client = createHttpClient(options);
    const res = await client.request({ url: `${server.origin}/oauth/token`, method: 'POST', intent: 'token', body: 'grant_type=client_credentials' });
    expect(res.status).toBe(200);
  });

  it('refuses a POST to another path even with a permitted intent, before sending it', async () => {
    const client = createHttpClient(options);
    const before = server.hits();
    const error = await scanErrorOf(client.request({ url: `${server.origin}/api/v2/users`, method: 'POST', intent: 'token', body: '{}' }));
    expect(error.code).toBe('METHOD_NOT_ALLOWED');
    expect(error.message).toContain('/api/v2/users');
    expect(server.hits()).toBe(before);
  });

  it('refuses a documented path with the wrong intent', async () => {
    const client = createHttpClient(options);
    expect((await scanErrorOf(client.request({ url: `${server.origin}/oauth/token`, method: 'POST', intent: 'read-only-post' }))).code).toBe('METHOD_NOT_ALLOWED');
  });
});
