import type { AnyConnector, BaseTargetConfig, Connector } from '../src/connector.js';
import { auth0Connector } from './auth0/index.js';
import { fileConnector } from './file/index.js';
import { hubspotConnector } from './hubspot/index.js';
import { keycloakConnector } from './keycloak/index.js';
import { ldapConnector } from './ldap/index.js';
import { oidcConnector } from './oidc/index.js';
import { salesforceConnector } from './salesforce/index.js';
import { oktaConnector } from './okta/index.js';
import { scimConnector } from './scim/index.js';

/**
 * The registry erases each connector's config type: the engine only hands a connector the config
 * its own schema validated, so the cast is sound by construction.
 */
function register<C extends BaseTargetConfig>(connector: Connector<C>): AnyConnector {
  return connector;
}

/** Every connector, keyed by the config `type` it reads. */
export const CONNECTORS: readonly AnyConnector[] = [register(oidcConnector), register(keycloakConnector), register(auth0Connector), register(oktaConnector), register(scimConnector), register(ldapConnector), register(fileConnector), register(hubspotConnector), register(salesforceConnector)];

export function connectorFor(type: string): AnyConnector | undefined {
  return CONNECTORS.find((c) => c.id === type);
}
