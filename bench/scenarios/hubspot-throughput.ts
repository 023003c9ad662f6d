import type { HubspotTargetConfig } from '../../connectors/hubspot/config.js';
import { HUBSPOT_TOKEN, requestsBetween, simulatorCpuSeconds, warmCrmCounts } from '../support/crm.js';
import { measureThroughput } from '../support/throughput.js';
import type { Scenario } from './types.js';

const CONTACTS = 1_000_000;
/** High enough never to throttle: neither the rolling window nor the daily allowance is measured here. */
const UNLIMITED = 1_000_000_000;

/**
 * 1M contacts from the CRM simulator's HubSpot API (https://localhost, generated on demand) through
 * the hubspot connector: @hubspot/api-client's generated clients over our HTTP client, the contacts
 * list by cursor at 100 per page (HubSpot's maximum), each page straight into the profile store.
 * The connector's own limits are lifted (no 10-second window, rate lifted) and so are the
 * simulator's (window and daily allowance 10^9). The two searches the connector sends first (the
 * contact total and the HAS_PROPERTY count) are answered from the simulator's warmed cache
 * (bench/support/crm.ts); the connector's token-info call gets a 404 there (the simulator does not
 * serve it) and the connector goes on without it, as documented.
 */
export const hubspotThroughput: Scenario = {
  name: 'hubspot-throughput',
  description: `HubSpot: ${CONTACTS.toLocaleString('en-US')} contacts paged through @hubspot/api-client (cursor, 100 per page, https) into the profile store; rate limits lifted`,
  expectedSeconds: { full: 90, quick: 11 },
  async run(options) {
    // Imported here, not at the top: see bench/support/crm.ts.
    const { hubspotConnector } = await import('../../connectors/hubspot/index.js');
    const contacts = options.size(CONTACTS);
    return measureThroughput(
      {
        connector: hubspotConnector,
        simulator: { kind: 'crm', options: { contacts, tenSecondLimit: UNLIMITED, dailyLimit: UNLIMITED } },
        records: contacts,
        target: (info) => ({ id: 'bench-hubspot', type: 'hubspot', accessToken: HUBSPOT_TOKEN, basePath: info.hubspotUrl }) satisfies HubspotTargetConfig,
        secrets: () => [HUBSPOT_TOKEN],
        ca: (info) => info.ca,
        // The connector's default 100-per-10-s window is not what is measured here.
        limits: { windows: [] },
        datasets: ['contacts'],
        prepare: (info, o) => warmCrmCounts(info, 'hubspot', o.log),
        extraMetrics: (snapshot, sim) => {
          const served = requestsBetween('hubspot', sim.before, sim.after);
          return {
            simulatorHubspotRequests: served.total,
            simulatorByStatus: JSON.stringify(served.byStatus),
            simulatorCpuSeconds: simulatorCpuSeconds(sim.before, sim.after),
            linkKeys: snapshot.coverage.datasets.find((d) => d.name === 'contacts-with-link-key')?.records ?? 0,
          };
        },
      },
      options,
    );
  },
};
