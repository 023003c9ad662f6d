import type { OktaTargetConfig } from '../../connectors/okta/config.js';
import { oktaConnector } from '../../connectors/okta/index.js';
import { measureThroughput } from '../support/throughput.js';
import type { Scenario } from './types.js';

const USERS = 1_000_000;
const TOKEN = 'bench-okta-api-token';

/**
 * 1M users from the Okta simulator, 200 per page (Okta's maximum) by `Link: rel="next"` over https,
 * through the okta connector (API token). The simulator's per-minute bucket is lifted (it would
 * otherwise make this a rate-limit test: see okta-limit); every other /api/v1 GET answers [].
 */
export const oktaThroughput: Scenario = {
  name: 'okta-throughput',
  description: `Okta: ${USERS.toLocaleString('en-US')} users by Link paging (200 per page, https) into the profile store; rate limits lifted`,
  expectedSeconds: { full: 90, quick: 10 },
  run: (options) =>
    measureThroughput(
      {
        connector: oktaConnector,
        simulator: { kind: 'okta', options: { users: options.size(USERS), limitPerMinute: 1_000_000_000 } },
        records: options.size(USERS),
        target: (info) => ({ id: 'bench-okta', type: 'okta', orgUrl: info.orgUrl, auth: { method: 'api-token', token: TOKEN }, profiles: { pageSize: 200 }, tlsProbe: false }) satisfies OktaTargetConfig,
        secrets: () => [TOKEN],
        ca: (info) => info.ca,
      },
      options,
    ),
};
