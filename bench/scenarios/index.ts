/**
 * Every benchmark scenario, in the order `npm run bench` runs them. To add one: a module in this
 * folder exporting a Scenario (./types.ts), listed here. CRM and identity-resolution scenarios go
 * here too.
 */
import { auth0Limit } from './auth0-limit.js';
import { identityQuality, identityScale } from './identity-resolution.js';
import { auth0Throughput } from './auth0-throughput.js';
import { hubspotDefaultLimit, hubspotEnterpriseLimit } from './hubspot-limit.js';
import { hubspotThroughput } from './hubspot-throughput.js';
import { keycloakThroughput } from './keycloak-throughput.js';
import { ldapThroughput } from './ldap-throughput.js';
import { oktaLimit } from './okta-limit.js';
import { oktaThroughput } from './okta-throughput.js';
import { salesforceBulkThroughput, salesforceRestThroughput } from './salesforce-throughput.js';
import { scimThroughput } from './scim-throughput.js';
import type { Scenario } from './types.js';

export type { Metrics, Scenario, ScenarioOptions } from './types.js';

export const SCENARIOS: readonly Scenario[] = [
  keycloakThroughput,
  auth0Throughput,
  oktaThroughput,
  scimThroughput,
  ldapThroughput,
  hubspotThroughput,
  salesforceRestThroughput,
  salesforceBulkThroughput,
  oktaLimit,
  auth0Limit,
  hubspotDefaultLimit,
  hubspotEnterpriseLimit,
  identityQuality,
  identityScale,
];

export function scenarioNamed(name: string): Scenario | undefined {
  return SCENARIOS.find((s) => s.name === name);
}
