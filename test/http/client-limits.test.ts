import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { createHttpClient } from '../../src/http/client.js';
import { ScanFailure } from '../../src/model/errors.js';
import { scanErrorOf, testOptions } from './helpers/fixtures.js';
import { startHttpServer, startSilentTcpServer } from './helpers/servers.js';

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
});

async function httpServer(...args: Parameters<typeof startHttpServer>) {
  const server = await startHttpServer(...args);
  closers.push(() => server.close());
  return server;
}

/** Read a stream to the end, returning the bytes or the ScanError it failed with. */
async function drain(body: NodeJS.ReadableStream): Promise<{ bytes: number } | { code: string }> {
  let bytes = 0;
  try {
    for await (const chunk of body) bytes += (chunk as Buffer).length;
    return { bytes };
  } catch (error) {
    if (error instanceof ScanFailure) return { code: error.scanError.code };
    throw error;
  }
}

describe('timeouts', () => {
  it('gives CONNECT_TIMEOUT when the TLS handshake never completes', async () => {
    const silent = await startSilentTcpServer();
    closers.push(() => silent.close());
    const http = createHttpClient(testOptions({}, { connectTimeoutMs: 200, timeoutMs: 10_000, maxRetries: 0 }));
    const error = await scanErrorOf(http.request({ url: `https://127.0.0.1:${silent.port}/` }));
    expect(error.code).toBe('CONNECT_TIMEOUT');
    expect(error.retryable).toBe(true);
    expect(error.message).toContain('200 ms');
    expect(silent.connections()).toBe(1);
  });

  it('gives CONNECT_TIMEOUT when name resolution never answers', async () => {
    const http = createHttpClient(testOptions({ allowedHosts: ['slow-dns.test'] }, { connectTimeoutMs: 200, timeoutMs: 10_000 }), {
      lookup: () => undefined,
    });
    expect((await scanErrorOf(http.request({ url: 'http://slow-dns.test/' }))).code).toBe('CONNECT_TIMEOUT');
  });

  it('gives TIMEOUT when the server never answers', async () => {
    const server = await httpServer(() => undefined);
    const http = createHttpClient(testOptions({}, { timeoutMs: 200 }));
    const error = await scanErrorOf(http.request({ url: server.origin }));
    expect(error).toMatchObject({ code: 'TIMEOUT', retryable: true });
    expect(server.hits()).toBe(1); // timeouts are not retried
  });

  it('gives TIMEOUT when the body stalls after the headers', async () => {
    const server = await httpServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"partial":');
    });
    const http = createHttpClient(testOptions({}, { timeoutMs: 200 }));
    expect((await scanErrorOf(http.request({ url: server.origin }))).code).toBe('TIMEOUT');
  });

  it('lets a request override the timeout', async () => {
    const server = await httpServer(() => undefined);
    const http = createHttpClient(testOptions({}, { timeoutMs: 60_000 }));
    const error = await scanErrorOf(http.request({ url: server.origin, timeoutMs: 150 }));
    expect(error.code).toBe('TIMEOUT');
    expect(error.message).toContain('150 ms');
  });
});

describe('response size cap', () => {
  it('refuses early when Content-Length exceeds the cap', async () => {
    const server = await httpServer((_req, res) => {
      res.writeHead(200, { 'content-length': '2000' });
      res.end(Buffer.alloc(2000, 0x61));
    });
    const http = createHttpClient(testOptions({}, { maxResponseBytes: 1000 }));
    const error = await scanErrorOf(http.request({ url: server.origin }));
    expect(error.code).toBe('BODY_TOO_LARGE');
    expect(error.message).toContain('Content-Length 2000');
  });

  it('cuts off a chunked body that grows past the cap', async () => {
    const server = await httpServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      // Keep writing: without the cap this would never end.
      const timer = setInterval(() => res.write(Buffer.alloc(4096, 0x20)), 1);
      res.on('close', () => clearInterval(timer));
    });
    const http = createHttpClient(testOptions({}, { maxResponseBytes: 64 * 1024 }));
    const error = await scanErrorOf(http.request({ url: server.origin }));
    expect(error.code).toBe('BODY_TOO_LARGE');
    expect(error.message).toContain('65536-byte cap');
  });

  it('counts decompressed bytes, so a small gzip bomb is cut off too', async () => {
    const bomb = gzipSync(Buffer.alloc(2 * 1024 * 1024));
    const server = await httpServer((_req, res) => {
      res.writeHead(200, { 'content-encoding': 'gzip', 'content-length': String(bomb.length) });
      res.end(bomb);
    });
    const http = createHttpClient(testOptions({}, { maxResponseBytes: 100_000 }));
    expect(bomb.length).toBeLessThan(100_000);
    expect((await scanErrorOf(http.request({ url: server.origin }))).code).toBe('BODY_TOO_LARGE');
  });

  it('lets a request raise its own cap, and ignores Content-Length on HEAD', async () => {
    const server = await httpServer((_req, res) => {
      res.writeHead(200, { 'content-length': '5000' });
      res.end(_req.method === 'HEAD' ? undefined : Buffer.alloc(5000));
    });
    const http = createHttpClient(testOptions({}, { maxResponseBytes: 1000 }));
    expect((await http.request({ url: server.origin, maxResponseBytes: 10_000 })).body.length).toBe(5000);
    expect((await http.request({ url: server.origin, method: 'HEAD' })).status).toBe(200);
  });
});

describe('stream()', () => {
  it('streams a body under the cap', async () => {
    const server = await httpServer((_req, res) => {
      res.writeHead(200);
      res.end(Buffer.alloc(10_000, 0x41));
    });
    const http = createHttpClient(testOptions({}, { maxResponseBytes: 20_000 }));
    const res = await http.stream({ url: server.origin });
    expect(res.status).toBe(200);
    expect(await drain(res.body)).toEqual({ bytes: 10_000 });
  });

  it('errors the stream with BODY_TOO_LARGE past the cap', async () => {
    const server = await httpServer((_req, res) => {
      res.writeHead(200);
      const timer = setInterval(() => res.write(Buffer.alloc(4096)), 1);
      res.on('close', () => clearInterval(timer));
    });
    const http = createHttpClient(testOptions({}, { maxResponseBytes: 50_000 }));
    const res = await http.stream({ url: server.origin });
    expect(await drain(res.body)).toEqual({ code: 'BODY_TOO_LARGE' });
  });

  it('errors the stream with TIMEOUT when the total time passes mid-body', async () => {
    const server = await httpServer((_req, res) => {
      res.writeHead(200);
      res.write('first part');
    });
    const http = createHttpClient(testOptions({}, { timeoutMs: 200 }));
    const res = await http.stream({ url: server.origin });
    expect(await drain(res.body)).toEqual({ code: 'TIMEOUT' });
  });

  it('frees the concurrency slot when a stream ends, errors or is destroyed', async () => {
    const server = await httpServer((_req, res) => {
      res.writeHead(200);
      res.end('ok');
    });
    const http = createHttpClient(testOptions({}, { concurrency: 1 }));
    const first = await http.stream({ url: server.origin });
    first.body.destroy();
    const second = await http.stream({ url: server.origin });
    expect(await drain(second.body)).toEqual({ bytes: 2 });
    const third = await http.request({ url: server.origin });
    expect(third.status).toBe(200);
  });
});
