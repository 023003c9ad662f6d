import { describe, expect, it } from 'vitest';
import { nextLink } from '../../../connectors/okta/paging.js';
import { RateLimitHeadroom } from '../../../connectors/okta/rate-limit.js';
import { createRateGovernor } from '../../../src/http/governor.js';
import { ScanFailure } from '../../../src/model/errors.js';

const ORIGIN = 'https://weak-org.okta.com';
const BASE = `${ORIGIN}/api/v1/users?limit=200`;

describe('nextLink', () => {
  it('finds rel="next" among several Link values joined by ", "', () => {
    const header = `<${ORIGIN}/api/v1/users?limit=200>; rel="self", <${ORIGIN}/api/v1/users?after=00u1%2C2&limit=200>; rel="next"`;
    expect(nextLink(header, BASE, ORIGIN, 'users')).toBe(`${ORIGIN}/api/v1/users?after=00u1%2C2&limit=200`);
  });

  it('accepts unquoted and multi-valued rel, and relative targets', () => {
    expect(nextLink('</api/v1/users?after=x>; rel=next', BASE, ORIGIN, 'users')).toBe(`${ORIGIN}/api/v1/users?after=x`);
    expect(nextLink('</api/v1/users?after=y>; title="p"; rel="prefetch next"', BASE, ORIGIN, 'users')).toBe(`${ORIGIN}/api/v1/users?after=y`);
  });

  it('no header or only self: the last page', () => {
    expect(nextLink(undefined, BASE, ORIGIN, 'users')).toBeUndefined();
    expect(nextLink(`<${BASE}>; rel="self"`, BASE, ORIGIN, 'users')).toBeUndefined();
  });

  it('a next link to another origin (scheme, host or port) is refused', () => {
    for (const target of ['https://evil.example.com/api/v1/users', 'http://weak-org.okta.com/api/v1/users', 'https://weak-org.okta.com:8443/x']) {
      expect(() => nextLink(`<${target}>; rel="next"`, BASE, ORIGIN, 'users')).toThrow(ScanFailure);
    }
  });
});

describe('RateLimitHeadroom', () => {
  const now = 1_700_000_000_000;
  const headers = (remaining: number, reset = now / 1000 + 30) => ({ 'x-rate-limit-limit': '600', 'x-rate-limit-remaining': String(remaining), 'x-rate-limit-reset': String(reset) });

  it('pauses the target until the reset once remaining/limit falls below the reserve', () => {
    const governor = createRateGovernor({ requestsPerSecond: 10, burst: 10, windows: [] });
    const headroom = new RateLimitHeadroom(governor, 0.2, 65_000, () => now);
    headroom.observe(headers(300), '/api/v1/users');
    expect(governor.stats().pausedUntil).toBe(0);
    headroom.observe(headers(100), '/api/v1/users');
    expect(governor.stats().pausedUntil).toBe(now + 30_000);
    expect(headroom.pauses).toBe(1);
    expect(headroom.quotas()).toEqual({ 'okta /api/v1/users limit': 600, 'okta /api/v1/users lowest remaining': 100, 'okta reserve pauses': 1 });
  });

  it('never waits longer than maxRetryWaitMs, and ignores responses without the headers', () => {
    const governor = createRateGovernor({ requestsPerSecond: 10, burst: 10, windows: [] });
    const headroom = new RateLimitHeadroom(governor, 0.4, 10_000, () => now);
    headroom.observe({}, '/api/v1/apps');
    headroom.observe(headers(1, now / 1000 + 3600), '/api/v1/apps');
    expect(governor.stats().pausedUntil).toBe(now + 10_000);
  });
});
