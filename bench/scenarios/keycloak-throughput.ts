import type { KeycloakTargetConfig } from '../../connectors/keycloak/config.js';
import { keycloakConnector } from '../../connectors/keycloak/index.js';
import { measureThroughput } from '../support/throughput.js';
import type { Scenario } from './types.js';

const USERS = 1_000_000;
const SECRET = 'bench-keycloak-secret';

/**
 * 1M users paged from the Keycloak simulator (node:http, brief representations, 1,000 per page:
 * the connector's maximum) through the keycloak connector. The simulator's token grants view-users
 * only, so the configuration sections are skipped without a request: this is the users read alone.
 */
export const keycloakThroughput: Scenario = {
  name: 'keycloak-throughput',
  description: `Keycloak: ${USERS.toLocaleString('en-US')} users paged (1,000 per page, http) into the profile store; rate limit lifted`,
  expectedSeconds: { full: 20, quick: 4 },
  run: (options) =>
    measureThroughput(
      {
        connector: keycloakConnector,
        simulator: { kind: 'keycloak', options: { users: options.size(USERS) } },
        records: options.size(USERS),
        target: (info) => ({ id: 'bench-keycloak', type: 'keycloak', baseUrl: info.baseUrl, realm: info.realm, clientId: 'ciamscan', clientSecret: SECRET, profiles: { pageSize: 1000 } }) satisfies KeycloakTargetConfig,
        secrets: () => [SECRET],
      },
      options,
    ),
};
