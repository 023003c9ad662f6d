import { afterEach, describe, expect, it } from 'vitest';
import { createHttpClient } from '../../src/http/client.js';
import { createRateGovernor } from '../../src/http/governor.js';
import { SteppingClock, T0 } from './helpers/clocks.js';
import { scanErrorOf, testOptions } from './helpers/fixtures.js';
import type { testLimits } from './helpers/fixtures.js';
import { sendJson, startHttpServer } from './helpers/servers.js';
import type { Handler, TestServer } from './helpers/servers.js';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** A client on a stepping clock: every wait is simulated, so these tests do not sleep. */
async function setup(handler: Handler, limits: Parameters<typeof testLimits>[0] = {}) {
  server = await startHttpServer(handler);
  const clock = new SteppingClock();
  const http = createHttpClient(testOptions({}, limits), { clock, random: () => 0.5 });
  return { server, clock, http };
}

/** Answers with `statuses[i]` for the i-th request, then 200. */
function sequence(statuses: Array<[number, Record<string, string>?]>): Handler {
  return (_req, res, index) => {
    const [status, headers] = statuses[index] ?? [200];
    sendJson(res, status, { index }, headers);
  };
}

describe('retries', () => {
  it('retries a 429 after Retry-After seconds', async () => {
    const { http, clock } = await setup(sequence([[429, { 'retry-after': '2' }]]));
    const res = await http.request({ url: server!.origin });
    expect(res.status).toBe(200);
    expect(res.attempts).toBe(2);
    expect(clock.sleeps).toContain(2_000);
    const stats = http.stats();
    expect(stats).toMatchObject({ requests: 2, retries: 1, throttled: 1 });
    expect(stats.startTimes![1]! - stats.startTimes![0]!).toBeGreaterThanOrEqual(2_000);
  });

  it('retries a 429 after a Retry-After HTTP-date', async () => {
    const { http } = await setup(sequence([[429, { 'retry-after': new Date(T0 + 5_000).toUTCString() }]]));
    const res = await http.request({ url: server!.origin });
    expect(res.status).toBe(200);
    const [first, second] = http.stats().startTimes!;
    expect(second! - first!).toBeGreaterThanOrEqual(5_000);
  });

  it('retries a 503 with backoff and returns the 200', async () => {
    const { http, clock } = await setup(sequence([[503], [502]]));
    const res = await http.request({ url: server!.origin });
    expect(res.status).toBe(200);
    expect(res.attempts).toBe(3);
    // Full jitter with random() = 0.5: half of 500 ms, then half of 1000 ms.
    expect(clock.sleeps).toEqual([250, 500]);
  });

  it('returns the last response when retries run out, without throwing', async () => {
    const { http } = await setup((_req, res) => sendJson(res, 503, { down: true }), { maxRetries: 2 });
    const res = await http.request({ url: server!.origin });
    expect(res.status).toBe(503);
    expect(res.attempts).toBe(3);
    expect(JSON.parse(res.body.toString())).toEqual({ down: true });
    expect(server!.hits()).toBe(3);
    expect(http.stats()).toMatchObject({ requests: 3, retries: 2 });
  });

  it('does not wait when the server asks for longer than maxRetryWaitMs', async () => {
    const { http, clock } = await setup(sequence([[429, { 'retry-after': '3600' }]]), { maxRetryWaitMs: 30_000 });
    const res = await http.request({ url: server!.origin });
    expect(res.status).toBe(429);
    expect(res.retryAfterMs).toBe(3_600_000);
    expect(res.attempts).toBe(1);
    expect(clock.sleeps).toEqual([]);
  });

  it('does not retry a POST unless asked, and retries it when asked', async () => {
    const { http } = await setup(sequence([[503], [503]]));
    const once = await http.request({ url: server!.origin, method: 'POST', intent: 'read-only-post', body: '{}' });
    expect(once.status).toBe(503);
    expect(once.attempts).toBe(1);
    const retried = await http.request({ url: server!.origin, method: 'POST', intent: 'read-only-post', body: '{}', retry: true });
    expect(retried.status).toBe(200);
    expect(retried.attempts).toBe(2);
  });

  it('does not retry when the request says retry: false, nor on 500', async () => {
    const { http } = await setup(sequence([[503], [500]]));
    expect((await http.request({ url: server!.origin, retry: false })).status).toBe(503);
    expect((await http.request({ url: server!.origin })).status).toBe(500);
    expect(server!.hits()).toBe(2);
  });

  it('retries a connection reset (socket hang up) on a GET', async () => {
    const { http } = await setup((req, res, index) => {
      if (index === 0) req.socket.destroy();
      else sendJson(res, 200, {});
    });
    const res = await http.request({ url: server!.origin });
    expect(res.status).toBe(200);
    expect(res.attempts).toBe(2);
  });

  it('gives up on repeated resets with a NETWORK error', async () => {
    const { http } = await setup((req) => req.socket.destroy(), { maxRetries: 1 });
    const error = await scanErrorOf(http.request({ url: server!.origin }));
    expect(error).toMatchObject({ code: 'NETWORK', cause: 'ECONNRESET', retryable: true });
    expect(server!.hits()).toBe(2);
  });

  it('takes a rate permit for every attempt, retries included', async () => {
    server = await startHttpServer(sequence([[503], [503]]));
    const clock = new SteppingClock();
    const governor = createRateGovernor({ requestsPerSecond: 1, burst: 1, windows: [] }, clock);
    const http = createHttpClient(testOptions(), { clock, governor, random: () => 0 });
    await http.request({ url: server.origin });
    expect(governor.stats().granted).toBe(3);
    const [a, b, c] = http.stats().startTimes!;
    expect(b! - a!).toBeGreaterThanOrEqual(1_000);
    expect(c! - b!).toBeGreaterThanOrEqual(1_000);
  });
});

describe('throttling pauses the whole target', () => {
  it('pauses every request when a vendor quota reaches 0, until its reset', async () => {
    const reset = String(Math.floor(T0 / 1000) + 30);
    const { http } = await setup((_req, res, index) =>
      sendJson(res, 200, {}, index === 0 ? { 'x-rate-limit-remaining': '0', 'x-rate-limit-reset': reset } : { 'x-rate-limit-remaining': '99' }),
    );
    await http.request({ url: `${server!.origin}/a` });
    await Promise.all([http.request({ url: `${server!.origin}/b` }), http.request({ url: `${server!.origin}/c` })]);
    const times = http.stats().startTimes!;
    expect(times[0]).toBe(T0);
    expect(times[1]).toBeGreaterThanOrEqual(T0 + 30_000);
    expect(times[2]).toBeGreaterThanOrEqual(T0 + 30_000);
    expect(http.stats().throttled).toBe(1);
  });

  it('pauses the other requests after a 429, by Retry-After', async () => {
    let first = true;
    const { http } = await setup((req, res) => {
      if (req.url === '/limited' && first) {
        first = false;
        sendJson(res, 429, {}, { 'retry-after': '10' });
      } else sendJson(res, 200, {});
    });
    const limited = await http.request({ url: `${server!.origin}/limited`, retry: false });
    expect(limited.status).toBe(429);
    await http.request({ url: `${server!.origin}/other` });
    const times = http.stats().startTimes!;
    expect(times[1]! - times[0]!).toBeGreaterThanOrEqual(10_000);
    expect(http.stats().throttled).toBe(1);
  });

  it('stops sending to a target whose quota resets later than maxRetryWaitMs (circuit breaker)', async () => {
    const reset = String(Math.floor(T0 / 1000) + 86_400);
    const { http } = await setup(
      (_req, res, index) => sendJson(res, 200, {}, index === 0 ? { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': reset } : {}),
      { maxRetryWaitMs: 20_000 },
    );
    await http.request({ url: server!.origin });
    const error = await scanErrorOf(http.request({ url: server!.origin }));
    expect(error.code).toBe('RATE_LIMITED');
    expect(error.message).toContain('not sent');
    expect(server!.hits()).toBe(1);
    expect(http.stats().throttled).toBe(1);
  });

  it('after a 429 asking for more than maxRetryWaitMs, later requests fail fast instead of pausing one by one', async () => {
    const { http } = await setup((_req, res) => sendJson(res, 429, {}, { 'retry-after': '3600' }), { maxRetryWaitMs: 1_000 });
    const first = await http.request({ url: server!.origin });
    expect(first.status).toBe(429);
    expect(first.retryAfterMs).toBe(3_600_000);
    expect((await scanErrorOf(http.request({ url: `${server!.origin}/other` }))).code).toBe('RATE_LIMITED');
    expect(server!.hits()).toBe(1);
  });
});
