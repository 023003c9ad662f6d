import type { AnyConnector, BaseTargetConfig, Connector } from '../src/connector.js';
import { keycloakConnector } from './keycloak/index.js';
import { oidcConnector } from './oidc/index.js';
import { oktaConnector } from './okta/index.js';

/**
 * The registry erases each connector's config type: the engine only hands a connector the config
 * its own schema validated, so the cast is sound by construction.
 */
function register<C extends BaseTargetConfig>(connector: Connector<C>): AnyConnector {
  return connector as AnyConnector;
}

/** Every connector, keyed by the config `type` it reads. */
export const CONNECTORS: readonly AnyConnector[] = [register(oidcConnector), register(keycloakConnector), register(oktaConnector)];

export function connectorFor(type: string): AnyConnector | undefined {
  return CONNECTORS.find((c) => c.id === type);
}
