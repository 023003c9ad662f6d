import type { OktaTargetConfig } from '../../connectors/okta/config.js';
import { oktaConnector } from '../../connectors/okta/index.js';
import type { HttpLimits } from '../../src/http/types.js';
import { complianceMetrics } from '../support/compliance.js';
import { benchCollectContext } from '../support/context.js';
import { startSimulatorProcess } from '../support/simulator-process.js';
import { checkComplete } from '../support/throughput.js';
import type { Scenario } from './types.js';

/**
 * Okta's published limit for `GET /api/v1/users`: 600 requests per minute on the One App,
 * Enterprise and Workforce plans (100 on the Integrator Free Plan), fixed one-minute buckets —
 * https://developer.okta.com/docs/reference/rl-global-mgmt/, cited in connectors/okta/README.md
 * ("Rate limits") and in the connector's defaultLimits comment.
 */
const LIMIT = { requests: 600, perMs: 60_000 };
const PAGE = 200;
const TOKEN = 'bench-okta-api-token';

/**
 * The limit enforced twice: by the simulator (its bucket answers 429 past 600 per clock minute) and
 * by our limits, configured as the vendor states it: a 600-per-60-s window, the average rate of that
 * window (10/s, burst 10), and no extra reserve (`rateLimitReserve: 0`; the default 0.2 would stop
 * at 80 % by design). The connector's configuration reads (~15 GETs, answered [] by the simulator)
 * share the window: the governor is per target.
 */
export const oktaLimit: Scenario = {
  name: 'okta-limit',
  description: 'Okta: users paged against the simulator\'s 600/min bucket with the same limit configured; share of the limit used, busiest 60 s window, 429s',
  expectedSeconds: { full: 135, quick: 72 },
  async run(options) {
    // Full: a bit more than two windows of requests; quick: a bit more than one (a window is 60 s whatever the size).
    const pages = options.quick ? 690 : 1290;
    const users = pages * PAGE;
    const configured: Partial<HttpLimits> = { requestsPerSecond: LIMIT.requests / (LIMIT.perMs / 1000), burst: 10, windows: [LIMIT], maxRetryWaitMs: 65_000 };
    options.log(`starting the okta simulator: ${users.toLocaleString('en-US')} users, ${LIMIT.requests} requests per minute`);
    const sim = await startSimulatorProcess({ kind: 'okta', options: { users, limitPerMinute: LIMIT.requests } });
    try {
      const target: OktaTargetConfig = { id: 'bench-okta-limit', type: 'okta', orgUrl: sim.info.orgUrl, auth: { method: 'api-token', token: TOKEN }, profiles: { pageSize: PAGE }, rateLimitReserve: 0, tlsProbe: false };
      const bench = benchCollectContext(oktaConnector, target, { limits: configured, ca: sim.info.ca, secrets: [TOKEN], log: options.log });
      options.log(`reading ~${pages} pages at the limit (about ${Math.round(pages / 10)} s)`);
      const started = performance.now();
      const snapshot = await oktaConnector.collect(target, bench.ctx);
      const seconds = (performance.now() - started) / 1000;
      checkComplete(snapshot, users);
      const stats = await sim.stats();
      const vendorWindows = stats.fixedWindows ?? [];
      return {
        ...complianceMetrics({
          limit: LIMIT,
          limitText: '600 requests / 60 s (Okta GET /api/v1/users, paid plans)',
          configured: { ...configured, rateLimitReserve: 0 } as Partial<HttpLimits>,
          http: bench.httpStats(),
          vendor429: stats.byStatus?.['429'] ?? 0,
          seconds,
        }),
        records: snapshot.profiles?.size ?? 0,
        vendorUsersRequests: stats.usersRequests ?? 0,
        vendorMaxPerClockMinute: Math.max(0, ...vendorWindows.map((w) => w.count)),
      };
    } finally {
      await sim.close();
    }
  },
};
