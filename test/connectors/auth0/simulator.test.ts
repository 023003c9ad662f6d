import { afterEach, describe, expect, it } from 'vitest';
import { startAuth0Simulator, type Auth0Simulator } from '../../../bench/simulators/auth0.js';
import { target } from './fake-tenant.js';
import { scan, value } from './harness.js';

/**
 * The connector unchanged against the benchmark's local Auth0 (real TLS with a private CA, a
 * rate limit with 429s, the export download on another host name): what the 1M-user benchmark
 * runs, at a size a test can afford.
 */
let simulator: Auth0Simulator | undefined;

afterEach(async () => {
  await simulator?.close();
  simulator = undefined;
});

describe('auth0 connector against the local simulator', () => {
  it('reads 5,000 users through the export job over TLS; the download comes from the other host name', async () => {
    simulator = await startAuth0Simulator({ users: 5000, rps: 50 });
    const config = target({ domain: simulator.domain });
    const { snapshot, facts } = await scan(config, { ca: simulator.ca });
    expect(snapshot.errors).toEqual([]);
    expect(snapshot.profiles?.size).toBe(5000);
    expect(snapshot.coverage.datasets.find((d) => d.name === 'users')).toMatchObject({ state: 'complete', records: 5000, total: 5000 });
    expect(value(facts.userStats)).toMatchObject({ read: 5000, withSeveralIdentities: 500, disabled: 100, emailUnverified: 1000 });
    // The token granted read:users only: nothing else was asked for.
    expect(snapshot.coverage.missingPermissions).toContain('read:clients');
    const requests = simulator.requests();
    expect(requests.filter((r) => r.path.startsWith('/exports/')).map((r) => [r.host.split(':')[0], r.status])).toEqual([['localhost', 200]]);
    expect(requests.filter((r) => r.path.startsWith('/api/v2/') && !r.path.startsWith('/api/v2/users') && !r.path.startsWith('/api/v2/jobs'))).toEqual([]);
  });

  it('a tenant at its rate limit answers 429 with x-ratelimit-*; the connector waits and finishes', async () => {
    simulator = await startAuth0Simulator({ users: 120, rps: 3, scopes: ['read:users'] });
    const config = target({ domain: simulator.domain, profiles: { pageSize: 20 } });
    const { snapshot } = await scan(config, { ca: simulator.ca, limits: { requestsPerSecond: 1000, burst: 1000, maxRetryWaitMs: 5000 } });
    expect(snapshot.errors).toEqual([]);
    expect(snapshot.profiles?.size).toBe(120);
    expect(snapshot.coverage.throttled).toBeGreaterThanOrEqual(1);
  });
});
