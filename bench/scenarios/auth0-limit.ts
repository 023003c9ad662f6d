import type { Auth0TargetConfig } from '../../connectors/auth0/config.js';
import { auth0Connector } from '../../connectors/auth0/index.js';
import type { HttpLimits } from '../../src/http/types.js';
import { complianceMetrics } from '../support/compliance.js';
import { benchCollectContext } from '../support/context.js';
import { startSimulatorProcess } from '../support/simulator-process.js';
import { checkComplete } from '../support/throughput.js';
import type { Scenario } from './types.js';

/**
 * Auth0's published Management API limit for a Self Service / Enterprise production tenant:
 * 16 requests per second sustained — https://auth0.com/docs/troubleshoot/customer-support/operational-policies/rate-limit-policy/management-api-endpoint-rate-limits,
 * cited in connectors/auth0/README.md ("Rate limits respected") and the connector's defaultLimits
 * comment. (Bursts to 50 are allowed by Auth0; the simulator's bucket holds only the sustained 16.)
 */
const LIMIT = { requests: 16, perMs: 1_000 };
const USERS = 1_000;
const SECRET = 'bench-auth0-secret';

/**
 * The limit enforced by the simulator (a token bucket of 16, refilled at 16/s, 429 with
 * x-ratelimit-* past it) and configured in our limits as Auth0 states it (16/s, a 16-per-second
 * window). Auth0 pages at most 1,000 users per query and uses the export job above that, so one
 * collect of a 1,000-user tenant is only ~12 requests: the scenario repeats collects on the same
 * target (one governor, one HTTP client) for 60 s of requests.
 */
export const auth0Limit: Scenario = {
  name: 'auth0-limit',
  description: 'Auth0: repeated reads of a 1,000-user tenant (token + 10 pages each) for 60 s against the simulator\'s 16/s limit, with the same limit configured',
  expectedSeconds: { full: 65, quick: 7 },
  async run(options) {
    const durationMs = options.quick ? 6_000 : 60_000;
    const configured: Partial<HttpLimits> = { requestsPerSecond: LIMIT.requests, burst: LIMIT.requests, windows: [LIMIT], maxRetryWaitMs: 60_000 };
    const sim = await startSimulatorProcess({ kind: 'auth0', options: { users: USERS, rps: LIMIT.requests } });
    try {
      const target: Auth0TargetConfig = { id: 'bench-auth0-limit', type: 'auth0', domain: sim.info.domain, clientId: 'bench-client', clientSecret: SECRET, profiles: { pageSize: 100 } };
      const bench = benchCollectContext(auth0Connector, target, { limits: configured, ca: sim.info.ca, secrets: [SECRET], log: options.log });
      options.log(`reading the tenant again and again for ${durationMs / 1000} s at ${LIMIT.requests}/s`);
      const started = performance.now();
      let collects = 0;
      while (performance.now() - started < durationMs) {
        const snapshot = await auth0Connector.collect(target, bench.ctx);
        checkComplete(snapshot, USERS);
        collects++;
      }
      const seconds = (performance.now() - started) / 1000;
      const stats = await sim.stats();
      return {
        ...complianceMetrics({
          limit: LIMIT,
          limitText: '16 requests / 1 s (Auth0 Management API, production tenant, sustained)',
          configured,
          http: bench.httpStats(),
          vendor429: stats.byStatus?.['429'] ?? 0,
          seconds,
        }),
        collects,
        records: collects * USERS,
      };
    } finally {
      await sim.close();
    }
  },
};
