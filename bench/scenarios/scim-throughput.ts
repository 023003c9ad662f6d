import type { ScimTargetConfig } from '../../connectors/scim/config.js';
import { scimConnector } from '../../connectors/scim/index.js';
import { measureThroughput } from '../support/throughput.js';
import type { Scenario } from './types.js';

const USERS = 1_000_000;
const TOKEN = 'bench-scim-token';

/**
 * 1M users from the SCIM simulator by index paging (startIndex/count, 1,000 per page: the
 * connector's ceiling and the simulator's maxResults) over https, through the scim connector.
 */
export const scimThroughput: Scenario = {
  name: 'scim-throughput',
  description: `SCIM: ${USERS.toLocaleString('en-US')} users by index paging (1,000 per page, https) into the profile store; rate limit lifted`,
  expectedSeconds: { full: 70, quick: 8 },
  run: (options) =>
    measureThroughput(
      {
        connector: scimConnector,
        simulator: { kind: 'scim', options: { users: options.size(USERS), maxResults: 1000 } },
        records: options.size(USERS),
        target: (info) => ({ id: 'bench-scim', type: 'scim', baseUrl: info.baseUrl, token: TOKEN, maxCount: 1000 }) satisfies ScimTargetConfig,
        secrets: () => [TOKEN],
        ca: (info) => info.ca,
      },
      options,
    ),
};
