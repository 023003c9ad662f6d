import type { AnyConnector } from '../src/connector.js';
import { oidcConnector } from './oidc/index.js';

/** Every connector, keyed by the config `type` it reads. */
export const CONNECTORS: readonly AnyConnector[] = [oidcConnector];

export function connectorFor(type: string): AnyConnector | undefined {
  return CONNECTORS.find((c) => c.id === type);
}
