import type { HubspotTargetConfig } from '../../connectors/hubspot/config.js';
import type { HttpLimits } from '../../src/http/types.js';
import { complianceMetrics } from '../support/compliance.js';
import { benchCollectContext } from '../support/context.js';
import { round } from '../support/memory.js';
import { HUBSPOT_TOKEN, requestsBetween, warmCrmCounts } from '../support/crm.js';
import { startSimulatorProcess } from '../support/simulator-process.js';
import { checkComplete } from '../support/throughput.js';
import { analyseWindows } from '../support/windows.js';
import type { Scenario } from './types.js';

/**
 * HubSpot's published limits for private apps ("API usage guidelines and limits",
 * https://developers.hubspot.com/docs/api/usage-details, cited in connectors/hubspot/README.md
 * ("Rate limits") and connectors/hubspot/limits.ts): 100 requests per rolling 10 s per app on the
 * Free and Starter tiers (daily 250,000), 190 on Professional and Enterprise (daily 625,000 /
 * 1,000,000).
 */
const WINDOW_MS = 10_000;
const PAGE = 100;
/** Requests the connector sends before paging: token info (404 in the simulator), properties, two searches. */
const BEFORE_PAGING = 4;

/**
 * The limit enforced twice: by the simulator (a rolling 10-second window per token, 429 with
 * HubSpot's body and X-HubSpot-RateLimit-* headers past it) and by our limits, which here are the
 * connector's own — `defaultLimits` (100 per 10 s, 10/s, burst 10, one at a time) for a target
 * without `tier`, `limitsFor` (190 per 10 s, 19/s, burst 19) for `tier: enterprise`; nothing is
 * configured by the bench. A full read of 1M contacts is 10,000 pages of 100: ~17 min at 100 per
 * 10 s (~9 min at 190), too long for the bench, so the simulator serves just enough contacts for a
 * fixed duration of requests at the limit (60 s, or 25 s with --quick) and the read must end
 * complete. The simulator's count answers are warmed first with another token
 * (bench/support/crm.ts), so that its count passes leave no gap in the run.
 */
function hubspotLimit(tier: 'enterprise' | undefined): Scenario {
  const limit = { requests: tier ? 190 : 100, perMs: WINDOW_MS };
  const daily = tier ? 1_000_000 : 250_000;
  const tierText = tier ? 'Enterprise, tier: enterprise' : 'Free/Starter, no tier: the connector default';
  return {
    name: tier ? 'hubspot-enterprise-limit' : 'hubspot-limit',
    description: `HubSpot: contacts paged for a fixed time against the simulator's rolling ${limit.requests}/10 s window (${tierText}) with the connector's own limits; share of the limit used, busiest 10 s, 429s`,
    // The requests' time plus the simulator's start and count warm-up.
    expectedSeconds: { full: 70, quick: 30 },
    async run(options) {
      // Imported here, not at the top: see bench/support/crm.ts.
      const { hubspotConnector } = await import('../../connectors/hubspot/index.js');
      const durationS = options.quick ? 25 : 60;
      const requests = Math.round((durationS * limit.requests * 1000) / limit.perMs);
      const pages = requests - BEFORE_PAGING;
      const contacts = pages * PAGE;
      options.log(`starting the CRM simulator: ${contacts.toLocaleString('en-US')} HubSpot contacts, ${limit.requests} requests per rolling 10 s, ${daily.toLocaleString('en-US')} per day`);
      const sim = await startSimulatorProcess({ kind: 'crm', options: { contacts, tenSecondLimit: limit.requests, dailyLimit: daily } });
      try {
        const target: HubspotTargetConfig = { id: `bench-hubspot-${tier ?? 'default'}-limit`, type: 'hubspot', accessToken: HUBSPOT_TOKEN, basePath: sim.info.hubspotUrl, ...(tier ? { tier } : {}) };
        const bench = benchCollectContext(hubspotConnector, target, { ca: sim.info.ca, secrets: [HUBSPOT_TOKEN], log: options.log });
        const warm = await warmCrmCounts(sim.info, 'hubspot', options.log);
        const before = await sim.stats();
        options.log(`reading ${pages} pages at the limit (about ${durationS} s)`);
        const startedAt = Date.now();
        const started = performance.now();
        const snapshot = await hubspotConnector.collect(target, bench.ctx);
        const seconds = (performance.now() - started) / 1000;
        checkComplete(snapshot, contacts, ['contacts']);
        const after = await sim.stats();
        const served = requestsBetween('hubspot', before, after);
        // The simulator's own view: admitted requests by arrival time, in any 10 s.
        const arrivals = (after.hubspotAdmittedAt ?? []).filter((t) => t >= startedAt).sort((a, b) => a - b);
        const vendor = analyseWindows(arrivals, limit);
        const quotas = snapshot.coverage.quotas ?? {};
        const http = bench.httpStats();
        const gaps = gapsMs(http.startTimes ?? []);
        const l = bench.limits;
        const configured: Partial<HttpLimits> = { requestsPerSecond: l.requestsPerSecond, burst: l.burst, concurrency: l.concurrency, windows: l.windows };
        return {
          ...complianceMetrics({
            limit,
            limitText: `${limit.requests} requests / 10 s rolling (HubSpot private app, ${tier ? 'Professional/Enterprise' : 'Free/Starter'})`,
            configured,
            http,
            vendor429: served.byStatus['429'] ?? 0,
            seconds,
          }),
          records: snapshot.profiles?.size ?? 0,
          ...warm,
          vendorRequests: served.total,
          vendorByStatus: JSON.stringify(served.byStatus),
          vendorMaxIn10s: vendor.maxInSlidingWindow,
          vendorLowestRemaining: quotas['hubspot ten-second lowest remaining'] ?? 'n/a',
          // Where the time went: pauses of the whole target (429, or X-HubSpot-RateLimit-Remaining at 0) show as long gaps.
          governorPauses: bench.ctx.governor.stats().pauses,
          gapsOver5s: gaps.filter((g) => g > 5_000).length,
          longestGapSeconds: round(Math.max(0, ...gaps) / 1000, 1),
        };
      } finally {
        await sim.close();
      }
    },
  };
}

/** Time between consecutive request starts (`starts` sorted). */
function gapsMs(starts: readonly number[]): number[] {
  const out: number[] = [];
  for (let i = 1; i < starts.length; i++) out.push(starts[i]! - starts[i - 1]!);
  return out;
}

export const hubspotDefaultLimit = hubspotLimit(undefined);
export const hubspotEnterpriseLimit = hubspotLimit('enterprise');
