import { describe, expect, it } from 'vitest';
import {
  backoffDelay,
  isIdempotentMethod,
  isRetryableNetworkCode,
  isRetryableStatus,
  parseRemaining,
  parseResetHeader,
  parseRetryAfter,
  quotaExhausted,
  quotaExhaustedUntil,
  serverRequestedWaitMs,
} from '../../src/http/retry.js';

const NOW = Date.UTC(2025, 0, 1, 12, 0, 0);

describe('parseRetryAfter', () => {
  it('reads delta-seconds', () => {
    expect(parseRetryAfter('120', NOW)).toBe(120_000);
    expect(parseRetryAfter(' 0 ', NOW)).toBe(0);
    expect(parseRetryAfter('1.5', NOW)).toBe(1500);
  });

  it('reads an HTTP-date relative to now', () => {
    expect(parseRetryAfter(new Date(NOW + 30_000).toUTCString(), NOW)).toBe(30_000);
    expect(parseRetryAfter('Wed, 01 Jan 2025 12:01:00 GMT', NOW)).toBe(60_000);
  });

  it('treats a date in the past as "now" and ignores garbage', () => {
    expect(parseRetryAfter(new Date(NOW - 5_000).toUTCString(), NOW)).toBe(0);
    expect(parseRetryAfter('soon', NOW)).toBeUndefined();
    expect(parseRetryAfter('-5', NOW)).toBeUndefined();
    expect(parseRetryAfter(undefined, NOW)).toBeUndefined();
    expect(parseRetryAfter('', NOW)).toBeUndefined();
  });
});

describe('parseResetHeader', () => {
  it('reads X-RateLimit-Reset and X-Rate-Limit-Reset as epoch seconds', () => {
    const epoch = String(Math.floor(NOW / 1000) + 42);
    expect(parseResetHeader({ 'x-ratelimit-reset': epoch }, NOW)).toBe(NOW + 42_000);
    expect(parseResetHeader({ 'x-rate-limit-reset': epoch }, NOW)).toBe(NOW + 42_000);
  });

  it('reads RateLimit-Reset (and any small value) as delta seconds', () => {
    expect(parseResetHeader({ 'ratelimit-reset': '7' }, NOW)).toBe(NOW + 7_000);
    expect(parseResetHeader({ 'x-ratelimit-reset': '7' }, NOW)).toBe(NOW + 7_000);
  });

  it('reads epoch milliseconds and never returns a time in the past', () => {
    expect(parseResetHeader({ 'x-ratelimit-reset': String(NOW + 500) }, NOW)).toBe(NOW + 500);
    expect(parseResetHeader({ 'x-ratelimit-reset': String(Math.floor(NOW / 1000) - 100) }, NOW)).toBe(NOW);
  });

  it('falls back to the HubSpot window length and ignores garbage', () => {
    expect(parseResetHeader({ 'x-hubspot-ratelimit-interval-milliseconds': '10000' }, NOW)).toBe(NOW + 10_000);
    expect(parseResetHeader({ 'x-ratelimit-reset': 'later' }, NOW)).toBeUndefined();
    expect(parseResetHeader({}, NOW)).toBeUndefined();
  });
});

describe('quota headers', () => {
  it('reads the remaining count from any vendor spelling', () => {
    expect(parseRemaining({ 'x-rate-limit-remaining': '0' })).toBe(0);
    expect(parseRemaining({ 'x-ratelimit-remaining': '15' })).toBe(15);
    expect(parseRemaining({ 'ratelimit-remaining': '3, 10;w=1' })).toBe(3);
    expect(parseRemaining({})).toBeUndefined();
  });

  it('knows the quota is used up only when remaining is 0 and a reset is known', () => {
    const reset = String(Math.floor(NOW / 1000) + 30);
    expect(quotaExhaustedUntil({ 'x-rate-limit-remaining': '0', 'x-rate-limit-reset': reset }, NOW)).toBe(NOW + 30_000);
    expect(quotaExhaustedUntil({ 'x-rate-limit-remaining': '1', 'x-rate-limit-reset': reset }, NOW)).toBeUndefined();
    expect(quotaExhaustedUntil({ 'x-rate-limit-remaining': '0' }, NOW)).toBeUndefined();
  });

  it('tells a fixed window that resets from a rolling one that only gives its length (HubSpot)', () => {
    const reset = String(Math.floor(NOW / 1000) + 30);
    expect(quotaExhausted({ 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': reset }, NOW)).toEqual({ kind: 'reset', at: NOW + 30_000 });
    expect(quotaExhausted({ 'x-hubspot-ratelimit-remaining': '0', 'x-hubspot-ratelimit-interval-milliseconds': '10000' }, NOW)).toEqual({ kind: 'rolling', intervalMs: 10_000 });
    expect(quotaExhausted({ 'x-hubspot-ratelimit-remaining': '3', 'x-hubspot-ratelimit-interval-milliseconds': '10000' }, NOW)).toBeUndefined();
    expect(quotaExhaustedUntil({ 'x-hubspot-ratelimit-remaining': '0', 'x-hubspot-ratelimit-interval-milliseconds': '10000' }, NOW)).toBe(NOW + 10_000);
  });

  it('prefers Retry-After and uses the reset header only for a 429', () => {
    const headers = { 'retry-after': '3', 'x-ratelimit-reset': String(Math.floor(NOW / 1000) + 60) };
    expect(serverRequestedWaitMs(429, headers, NOW)).toBe(3_000);
    expect(serverRequestedWaitMs(429, { 'x-ratelimit-reset': String(Math.floor(NOW / 1000) + 60) }, NOW)).toBe(60_000);
    expect(serverRequestedWaitMs(503, { 'x-ratelimit-reset': '60' }, NOW)).toBeUndefined();
  });
});

describe('backoffDelay', () => {
  const policy = { baseMs: 500, capMs: 30_000 };

  it('draws from [0, base * 2^(n-1)] with full jitter', () => {
    expect(backoffDelay(1, policy, () => 0.999)).toBe(499);
    expect(backoffDelay(2, policy, () => 0.5)).toBe(500);
    expect(backoffDelay(3, policy, () => 0.5)).toBe(1000);
    expect(backoffDelay(1, policy, () => 0)).toBe(0);
  });

  it('never exceeds the cap', () => {
    for (let attempt = 1; attempt < 80; attempt += 1) {
      expect(backoffDelay(attempt, policy, () => 0.999999)).toBeLessThan(30_000);
    }
    expect(backoffDelay(20, policy, () => 0.5)).toBe(15_000);
  });
});

describe('what is retried', () => {
  it('retries throttling and gateway statuses only', () => {
    expect([429, 502, 503, 504].every(isRetryableStatus)).toBe(true);
    expect([200, 301, 400, 401, 403, 404, 500, 501].some(isRetryableStatus)).toBe(false);
  });

  it('retries connection resets, not refusals or DNS failures', () => {
    expect(isRetryableNetworkCode('ECONNRESET')).toBe(true);
    expect(isRetryableNetworkCode('EPIPE')).toBe(true);
    expect(isRetryableNetworkCode('ECONNREFUSED')).toBe(false);
    expect(isRetryableNetworkCode('ENOTFOUND')).toBe(false);
    expect(isRetryableNetworkCode(undefined)).toBe(false);
  });

  it('treats only GET, HEAD and OPTIONS as idempotent', () => {
    expect(['GET', 'HEAD', 'OPTIONS'].every(isIdempotentMethod)).toBe(true);
    expect(isIdempotentMethod('POST')).toBe(false);
  });
});
