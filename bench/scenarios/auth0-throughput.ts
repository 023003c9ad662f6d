import type { Auth0TargetConfig } from '../../connectors/auth0/config.js';
import { auth0Connector } from '../../connectors/auth0/index.js';
import { measureThroughput } from '../support/throughput.js';
import type { Scenario } from './types.js';

const USERS = 1_000_000;
const SECRET = 'bench-auth0-secret';

/**
 * 1M users from the Auth0 simulator: above 1,000 users the connector runs the users-export job and
 * streams its gzip NDJSON download (from the other host name, `localhost`) line by line into the
 * profile store. The simulator's own rate limit is lifted (100,000/s) along with ours.
 */
export const auth0Throughput: Scenario = {
  name: 'auth0-throughput',
  description: `Auth0: ${USERS.toLocaleString('en-US')} users through the users-export job (gzip NDJSON streamed, https) into the profile store; rate limits lifted`,
  expectedSeconds: { full: 45, quick: 6 },
  run: (options) =>
    measureThroughput(
      {
        connector: auth0Connector,
        simulator: { kind: 'auth0', options: { users: options.size(USERS), rps: 100_000 } },
        records: options.size(USERS),
        target: (info) => ({ id: 'bench-auth0', type: 'auth0', domain: info.domain, clientId: 'bench-client', clientSecret: SECRET, exportPollMs: 100 }) satisfies Auth0TargetConfig,
        secrets: () => [SECRET],
        ca: (info) => info.ca,
      },
      options,
    ),
};
