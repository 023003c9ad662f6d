import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rootCertificates } from 'node:tls';
import { trustAnchors } from '../../src/http/agents.js';
import { createHttpClient } from '../../src/http/client.js';
import { createCertificateAuthority, issueServerCertificate } from '../../src/demo/certificates.js';
import { scanErrorOf, testOptions } from './helpers/fixtures.js';
import { sendJson, startHttpsServer } from './helpers/servers.js';
import type { TestServer } from './helpers/servers.js';

let server: TestServer;
let wrongHost: TestServer;
let expired: TestServer;
let caPem: string;

beforeAll(async () => {
  const ca = await createCertificateAuthority('ciamscan test CA');
  caPem = ca.certPem;
  server = await startHttpsServer(await issueServerCertificate(ca, { hosts: ['127.0.0.1', 'localhost'] }), (_req, res) => sendJson(res, 200, { secure: true }));
  wrongHost = await startHttpsServer(await issueServerCertificate(ca, { hosts: ['idp.example.com'] }), (_req, res) => sendJson(res, 200, {}));
  const lastWeek = { notBefore: new Date(Date.now() - 30 * 86_400_000), notAfter: new Date(Date.now() - 7 * 86_400_000) };
  expired = await startHttpsServer(await issueServerCertificate(ca, { hosts: ['127.0.0.1'], ...lastWeek }), (_req, res) => sendJson(res, 200, {}));
});
afterAll(async () => {
  await server.close();
  await wrongHost.close();
  await expired.close();
});

describe('TLS', () => {
  it('trusts a private CA given as `ca`', async () => {
    const http = createHttpClient(testOptions({ ca: caPem }));
    const res = await http.request({ url: `${server.origin}/` });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body.toString())).toEqual({ secure: true });
  });

  it('fails with TLS (and the OpenSSL code) without the CA', async () => {
    const http = createHttpClient(testOptions());
    const before = server.hits();
    const error = await scanErrorOf(http.request({ url: `${server.origin}/` }));
    expect(error.code).toBe('TLS');
    expect(error.retryable).toBe(false);
    expect(['UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'SELF_SIGNED_CERT_IN_CHAIN', 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY']).toContain(error.cause);
    expect(error.remediation).toContain('tls.caFile');
    expect(server.hits()).toBe(before); // the request never got through the handshake
  });

  it('fails with TLS when the certificate names another host', async () => {
    const http = createHttpClient(testOptions({ ca: caPem }));
    const error = await scanErrorOf(http.request({ url: `${wrongHost.origin}/` }));
    expect(error).toMatchObject({ code: 'TLS', cause: 'ERR_TLS_CERT_ALTNAME_INVALID' });
  });

  it('fails with TLS when the certificate has expired, even with the CA', async () => {
    const http = createHttpClient(testOptions({ ca: caPem }));
    const error = await scanErrorOf(http.request({ url: `${expired.origin}/` }));
    expect(error).toMatchObject({ code: 'TLS', cause: 'CERT_HAS_EXPIRED' });
    expect(expired.hits()).toBe(0);
  });
});

describe('trust anchors', () => {
  it('adds the target CA to the public roots instead of replacing them', () => {
    expect(trustAnchors(undefined)).toBeUndefined();
    const anchors = trustAnchors(caPem)!;
    expect(anchors).toHaveLength(rootCertificates.length + 1);
    expect(anchors.at(-1)).toBe(caPem);
  });
});
