import { authorizationServers, type AuthorizationServerEntry, type Inventory } from '../inventory.js';
import type { Observation, UnknownReason } from '../model/observation.js';
import { notObserved, type Finding } from './define.js';

/** Scan-wide findings use this target id: they are about the deployment, not one system. */
export const SCAN_WIDE = '*';

/**
 * Shared iteration for rules about authorization servers: one finding per server, subject = the
 * configured issuer. A rule that needs the metadata gets `unknown` (with the reason) when no valid
 * discovery document was obtained, instead of judging absent evidence.
 */
export function forEachAuthorizationServer(
  inventory: Inventory,
  check: (entry: AuthorizationServerEntry, metadata: Record<string, unknown>) => Finding,
): Finding[] {
  return authorizationServers(inventory).map((entry) => {
    const metadata = entry.as.discovery.metadata;
    if (!metadata) return notObserved(entry.targetId, entry.as.configuredIssuer, NO_METADATA);
    return check(entry, metadata);
  });
}

export const NO_METADATA: UnknownReason = {
  kind: 'precondition',
  detail: 'no valid discovery document was obtained (see DISC-METADATA-PUBLISHED)',
};

/** Unwrap an observation or produce the `unknown` finding that says why it is missing. */
export function requireObserved<T>(
  observation: Observation<T>,
  entry: AuthorizationServerEntry,
): { value: T; finding?: undefined } | { value?: undefined; finding: Finding } {
  if (observation.state === 'observed') return { value: observation.value };
  return { finding: notObserved(entry.targetId, entry.as.configuredIssuer, observation.reason) };
}

/** Whether the server presents itself as an OpenID Provider (it issues ID tokens). */
export function claimsOpenIdConnect(entry: AuthorizationServerEntry, metadata: Record<string, unknown>): boolean {
  if (entry.as.discovery.answered === 'oidc' || entry.as.discovery.answered === 'both') return true;
  const scopes = metadata.scopes_supported;
  if (Array.isArray(scopes) && scopes.includes('openid')) return true;
  return metadata.id_token_signing_alg_values_supported !== undefined || metadata.userinfo_endpoint !== undefined;
}

/** Response types that return an access token from the authorization endpoint (contain the `token` word). */
export function tokenResponseTypes(responseTypes: readonly string[]): string[] {
  return responseTypes.filter((rt) => rt.split(/\s+/).includes('token'));
}

/** Response types that return an ID token from the authorization endpoint. */
export function idTokenResponseTypes(responseTypes: readonly string[]): string[] {
  return responseTypes.filter((rt) => rt.split(/\s+/).includes('id_token'));
}

export function list(values: readonly string[]): string {
  return values.length ? values.join(', ') : '(none)';
}
