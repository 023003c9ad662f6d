import { decodeJwt } from 'jose';
import type { PermissionRequirement } from '../../src/connector.js';

/**
 * The Management API scopes the scanner needs, each read-only, with what it enables (catalog §14.4;
 * names as in the Management API's scope list, https://auth0.com/docs/api/management/v2).
 */
export const SCOPES = {
  tenantSettings: 'read:tenant_settings',
  clients: 'read:clients',
  connections: 'read:connections',
  connectionOptions: 'read:connections_options',
  attackProtection: 'read:attack_protection',
  guardianFactors: 'read:guardian_factors',
  mfaPolicies: 'read:mfa_policies',
  logStreams: 'read:log_streams',
  logs: 'read:logs',
  stats: 'read:stats',
  actions: 'read:actions',
  signingKeys: 'read:signing_keys',
  users: 'read:users',
} as const;

export type Scope = (typeof SCOPES)[keyof typeof SCOPES];

export const AUTH0_PERMISSIONS: PermissionRequirement[] = [
  { tier: 'T2', permission: SCOPES.tenantSettings, purpose: 'session lifetimes, dynamic client registration flag, tenant logout URLs, device-flow settings (GET /tenants/settings)' },
  { tier: 'T2', permission: SCOPES.clients, purpose: 'applications: grant types, client authentication, redirect and logout URLs, refresh-token rotation and lifetimes, PAR (GET /clients; client secrets are never requested)' },
  { tier: 'T2', permission: SCOPES.connections, purpose: 'identity providers (social, enterprise) and database connections (GET /connections)' },
  { tier: 'T2', permission: SCOPES.connectionOptions, purpose: 'database connection options: password policy, signup, passkeys, per-connection brute-force flag (the options object of GET /connections)' },
  { tier: 'T2', permission: SCOPES.attackProtection, purpose: 'brute-force protection, suspicious-IP throttling, breached-password detection, bot detection (GET /attack-protection/*)' },
  { tier: 'T2', permission: SCOPES.guardianFactors, purpose: 'MFA factors enabled (GET /guardian/factors)' },
  { tier: 'T2', permission: SCOPES.mfaPolicies, purpose: 'MFA policy: never, all applications, adaptive (GET /guardian/policies)' },
  { tier: 'T2', permission: SCOPES.logStreams, purpose: 'log streams to a SIEM and their status (GET /log-streams; sink settings are discarded)' },
  { tier: 'T2', permission: SCOPES.logs, purpose: 'whether the log API answers (GET /logs with one entry, date and type only)' },
  { tier: 'T2', permission: SCOPES.stats, purpose: 'daily counts of logins, signups and leaked passwords (GET /stats/daily)' },
  { tier: 'T2', permission: SCOPES.actions, purpose: 'Actions bound to post-login, post-user-registration and pre-user-registration (GET /actions/triggers/{id}/bindings)' },
  { tier: 'T2', permission: SCOPES.signingKeys, purpose: 'signing-key ids and rotation state (GET /keys/signing; certificates are discarded)' },
  { tier: 'T2', permission: SCOPES.users, purpose: 'customer profiles for the identity analysis: list users, or the users-export job and its status (GET /users, POST /jobs/users-exports, GET /jobs/{id})' },
];

/**
 * The scopes the credential was granted, from the token response's `scope` or, when it is
 * absent, the access token's `scope` / `permissions` claim. The token is only decoded, never
 * trusted for anything else: a wrong claim can only make the scanner skip or try a read.
 */
export function grantedScopes(responseScopes: string[] | undefined, accessToken: string | undefined): string[] | undefined {
  if (responseScopes?.length) return responseScopes;
  if (!accessToken) return undefined;
  let claims: Record<string, unknown>;
  try {
    claims = decodeJwt(accessToken);
  } catch {
    return undefined;
  }
  const scope = claims.scope;
  if (typeof scope === 'string' && scope.trim()) return scope.trim().split(/\s+/);
  const permissions = claims.permissions;
  if (Array.isArray(permissions)) {
    const names = permissions.filter((p): p is string => typeof p === 'string');
    if (names.length) return names;
  }
  return undefined;
}

/** Whether a read is allowed: unknown grants mean "try, and let a 403 say no". */
export function scopeChecker(granted: string[] | undefined): (scope: Scope) => boolean {
  if (!granted) return () => true;
  const set = new Set(granted);
  return (scope) => set.has(scope);
}
