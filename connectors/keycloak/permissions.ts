import { decodeJwt } from 'jose';

/**
 * What the scanner's service account may read, from the `realm-management` client roles in its
 * access token. Keycloak checks admin permissions with "one of" role sets (RealmPermissions,
 * UserPermissions in keycloak/keycloak services/.../admin/permissions), so `manage-x` allows what
 * `view-x` allows, and `realm-admin` (a composite of every realm-management role) allows all.
 * Tokens normally list composite roles expanded; the implications are applied anyway because a
 * client scope can trim what the token carries.
 */
export const READ_ROLES = ['view-realm', 'view-clients', 'view-users', 'view-identity-providers', 'view-events'] as const;
export type ReadRole = (typeof READ_ROLES)[number];

/** Which held roles satisfy each read role (Keycloak's hasOneAdminRole sets). */
const SATISFIED_BY: Record<ReadRole, string[]> = {
  'view-realm': ['view-realm', 'manage-realm'],
  'view-clients': ['view-clients', 'manage-clients'],
  'view-users': ['view-users', 'manage-users'],
  'view-identity-providers': ['view-identity-providers', 'manage-identity-providers'],
  'view-events': ['view-events', 'manage-events'],
};

export interface Grants {
  /** False when the token did not say (opaque token, no resource_access claim): every read is then tried. */
  known: boolean;
  /** The realm-management roles the token carries (for evidence; sorted). */
  roles: string[];
  allows(role: ReadRole): boolean;
  /** Any realm-management role at all (the declarative user profile needs just that). */
  anyAdminRole(): boolean;
  /** Only query-users, which lists no one without fine-grained permissions. */
  queryUsersOnly(): boolean;
}

/**
 * The admin roles of a realm live on the `realm-management` client; in the master realm, the
 * realm's own roles are on the `master-realm` client and the `admin` realm role covers everything.
 */
export function grantsFromToken(accessToken: string, realm: string): Grants {
  let claims: Record<string, unknown>;
  try {
    claims = decodeJwt(accessToken);
  } catch {
    return unknownGrants();
  }
  const clientId = realm === 'master' ? 'master-realm' : 'realm-management';
  const resourceAccess = claims.resource_access;
  const realmRoles = rolesOf((claims.realm_access as { roles?: unknown } | undefined)?.roles);
  // No resource_access claim: the token does not list client roles (the "roles" client scope is not
  // assigned), so the roles are unknown and each read is tried; a 403 then names the role.
  if (!isRecord(resourceAccess)) return unknownGrants();
  const client = resourceAccess[clientId];
  const roles = new Set(rolesOf(isRecord(client) ? client.roles : undefined) ?? []);
  const all = roles.has('realm-admin') || (realm === 'master' && (realmRoles ?? []).includes('admin'));
  return grants(true, [...roles].sort(), (role) => all || SATISFIED_BY[role].some((r) => roles.has(r)));
}

export function unknownGrants(): Grants {
  return grants(false, [], () => true);
}

function grants(known: boolean, roles: string[], allows: (role: ReadRole) => boolean): Grants {
  return {
    known,
    roles,
    allows,
    anyAdminRole: () => !known || roles.length > 0,
    queryUsersOnly: () => known && !allows('view-users') && roles.includes('query-users'),
  };
}

function rolesOf(value: unknown): string[] | undefined {
  return Array.isArray(value) ? value.filter((r): r is string => typeof r === 'string') : undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
