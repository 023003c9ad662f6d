import type { KeycloakTargetConfig } from './config.js';

/** The URLs of one Keycloak realm, derived from the server root, the context path and the realm name. */
export interface KeycloakUrls {
  /** `{root}{contextPath}/realms/{realm}`: the realm issuer (tokens carry it as `iss`). */
  issuer: string;
  tokenEndpoint: string;
  /** `{root}{contextPath}/admin/realms/{realm}`: base of every Admin REST API read. */
  admin: string;
}

export function keycloakUrls(config: Pick<KeycloakTargetConfig, 'baseUrl' | 'contextPath' | 'realm'>): KeycloakUrls {
  const root = `${config.baseUrl.replace(/\/+$/, '')}${config.contextPath ?? ''}`;
  const realm = encodeURIComponent(config.realm);
  const issuer = `${root}/realms/${realm}`;
  return { issuer, tokenEndpoint: `${issuer}/protocol/openid-connect/token`, admin: `${root}/admin/realms/${realm}` };
}

/** The token request is the only POST this connector sends (Keycloak's OIDC token endpoint of a realm). */
export const TOKEN_PATH = /^(?:\/[^/]+)*\/realms\/[^/]+\/protocol\/openid-connect\/token$/;

/** A path segment from configuration or a server answer (flow alias, IdP alias, user id), safely encoded. */
export function segment(value: string): string {
  return encodeURIComponent(value);
}
