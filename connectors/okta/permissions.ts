import type { OktaAuthConfig } from './config.js';

/**
 * The OAuth scope each read needs (catalog §14.4, Okta "OAuth 2.0 Scopes" reference). An API token
 * acts with its admin's role instead, which the API does not reveal up front: there a 403 per
 * section says that the role is missing.
 */
export const OKTA_SCOPES = {
  users: 'okta.users.read',
  idps: 'okta.idps.read',
  apps: 'okta.apps.read',
  authenticators: 'okta.authenticators.read',
  policies: 'okta.policies.read',
  threatInsight: 'okta.threatInsights.read',
  // Not in catalog §14.4; GET /api/v1/behaviors needs it (reported as a catalog addition).
  behaviors: 'okta.behaviors.read',
  zones: 'okta.networkZones.read',
  eventHooks: 'okta.eventHooks.read',
  logStreams: 'okta.logStreams.read',
  logs: 'okta.logs.read',
  authorizationServers: 'okta.authorizationServers.read',
} as const;

export type OktaSection = keyof typeof OKTA_SCOPES;

/** Every scope the scan may ask for, in a stable order (the token request's `scope`). */
export function requestedScopes(readUsers: boolean): string[] {
  return Object.entries(OKTA_SCOPES)
    .filter(([section]) => readUsers || section !== 'users')
    .map(([, scope]) => scope);
}

export const READ_ONLY_ADMIN = 'Read-Only Administrator role (the admin who owns the API token)';

/** The permission to name when a section cannot be read with this kind of credential. */
export function permissionFor(auth: OktaAuthConfig['method'], section: OktaSection): string {
  return auth === 'api-token' ? READ_ONLY_ADMIN : OKTA_SCOPES[section];
}
