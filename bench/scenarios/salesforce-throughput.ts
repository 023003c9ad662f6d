import type { SalesforceTargetConfig } from '../../connectors/salesforce/config.js';
import { requestsBetween, SALESFORCE_SECRET, simulatorCpuSeconds, warmCrmCounts } from '../support/crm.js';
import { measureThroughput } from '../support/throughput.js';
import type { Scenario } from './types.js';

const CONTACTS = 1_000_000;
/**
 * The org's DailyApiRequests allocation in the simulator: 100,000, the base of an Enterprise Edition
 * org (the cheat sheet's 100,000 + 1,000 per Salesforce licence). Left at that on purpose: the
 * connector's guard (maxDailyApiShare, default 10 % of what remains) must let both paths read 1M
 * records — REST needs ~500 calls, Bulk ~110 — and coverage.quotas shows the share each used.
 */
const DAILY_API_REQUESTS = 100_000;

type Path = 'rest' | 'bulk';

/**
 * 1M Contacts from the CRM simulator's Salesforce API (https://127.0.0.1, generated on demand)
 * through the salesforce connector (jsforce over our HTTP client): client-credentials token, API
 * versions, /limits, four describes, two COUNT() queries, the duplicate rules, the records, /limits
 * again. `bulkThreshold` forces the path: REST query + queryMore at 2,000 per page (threshold above
 * the record count), or a Bulk API 2.0 query job read in CSV result sets of 10,000 (threshold 0).
 * The simulator is seeded without Leads (`leadShare: 0`), so all 1M records are Contacts read by one
 * query or job. The rate is lifted (Salesforce has no per-second limit; the connector's 10/s is a
 * courtesy, not what is measured); the COUNT() answers come from the simulator's warmed cache.
 */
function salesforceThroughput(path: Path): Scenario {
  const how = path === 'rest' ? 'REST query + queryMore, 2,000 per page' : 'Bulk API 2.0 query job, CSV result sets of 10,000';
  return {
    name: `salesforce-${path}-throughput`,
    description: `Salesforce: ${CONTACTS.toLocaleString('en-US')} Contacts through jsforce (${how}, https) into the profile store; DailyApiRequests ${DAILY_API_REQUESTS.toLocaleString('en-US')}, maxDailyApiShare default (0.1); rate lifted`,
    expectedSeconds: path === 'rest' ? { full: 65, quick: 8 } : { full: 75, quick: 8 },
    async run(options) {
      // Imported here, not at the top: see bench/support/crm.ts.
      const { salesforceConnector } = await import('../../connectors/salesforce/index.js');
      const contacts = options.size(CONTACTS);
      return measureThroughput(
        {
          connector: salesforceConnector,
          simulator: { kind: 'crm', options: { contacts, leadShare: 0, dailyApiRequests: DAILY_API_REQUESTS } },
          records: contacts,
          target: (info) =>
            ({
              id: `bench-salesforce-${path}`,
              type: 'salesforce',
              auth: { method: 'client-credentials', loginUrl: info.salesforceUrl, clientId: 'bench-connected-app', clientSecret: SALESFORCE_SECRET },
              linkField: info.salesforceLinkField,
              bulkThreshold: path === 'rest' ? contacts + 1 : 0,
            }) satisfies SalesforceTargetConfig,
          secrets: () => [SALESFORCE_SECRET],
          ca: (info) => info.ca,
          datasets: ['records Contact'],
          prepare: (info, o) => warmCrmCounts(info, 'salesforce', o.log),
          extraMetrics: (snapshot, sim) => {
            const served = requestsBetween('salesforce', sim.before, sim.after);
            const quotas = snapshot.coverage.quotas ?? {};
            return {
              path: path === 'rest' ? 'REST query/queryMore' : 'Bulk API 2.0',
              // The org's meter: /limits Remaining before the read minus after it (the first /limits call itself not included).
              dailyApiRequestsConsumed: quotas['salesforce DailyApiRequests consumed during scan'] ?? 'n/a',
              apiRequestsSent: quotas['salesforce api requests sent'] ?? 'n/a',
              dailyApiRemainingAfter: quotas['salesforce DailyApiRequests remaining after'] ?? 'n/a',
              // Everything the simulator answered for the read (token and /services/data/ included: Salesforce does not meter those).
              simulatorSalesforceRequests: served.total,
              simulatorByStatus: JSON.stringify(served.byStatus),
              simulatorCpuSeconds: simulatorCpuSeconds(sim.before, sim.after),
            };
          },
        },
        options,
      );
    },
  };
}

export const salesforceRestThroughput = salesforceThroughput('rest');
export const salesforceBulkThroughput = salesforceThroughput('bulk');
