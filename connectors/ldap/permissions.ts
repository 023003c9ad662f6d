import type { PermissionRequirement } from '../../src/connector.js';

/**
 * What the scanner's bind DN needs, named the way `unknown` results and coverage.missingPermissions
 * say it. LDAP has no scopes: the grants are ACL entries (OpenLDAP `access to`, AD ACEs) and limits.
 */
export const ROOT_DSE_PERMISSION = 'read access to the root DSE (namingContexts, supportedControl, supportedExtension)';
export const PASSWORD_POLICY_PERMISSION = 'read access to the pwdPolicy entry (pwdMinLength, pwdCheckQuality, pwdLockout, pwdMaxFailure, ...)';

export function usersPermission(baseDn: string): string {
  return `read access for the bind DN to the entries below ${baseDn} (entry, objectClass and the mapped attributes)`;
}

export const LDAP_PERMISSIONS: PermissionRequirement[] = [
  {
    tier: 'T2',
    permission: 'a simple bind as a read-only DN (bindDn), over ldaps:// or StartTLS',
    purpose: 'authenticate the scan; the account needs no write right anywhere',
  },
  {
    tier: 'T2',
    permission: 'read (search) access for the bind DN to the entries below baseDn: entry, objectClass and the mapped attributes only',
    purpose: 'customer profiles for the identity analysis, user counts (OpenLDAP: access to dn.subtree="<baseDn>" attrs=entry,objectClass,<attributes> by dn.exact="<bindDn>" read)',
  },
  {
    tier: 'T2',
    permission: 'no size or time limit for the bind DN on paged searches (OpenLDAP: limits dn.exact="<bindDn>" size=unlimited time=unlimited; AD: MaxPageSize ≥ pageSize)',
    purpose: 'read every customer entry: OpenLDAP stops any search, paged or not, at 500 entries by default',
  },
  {
    tier: 'T2',
    permission: ROOT_DSE_PERMISSION,
    purpose: 'directory facts: paged results, StartTLS offered, naming contexts, vendor (usually readable by anyone)',
  },
  {
    tier: 'T2',
    permission: `${PASSWORD_POLICY_PERMISSION} (optional)`,
    purpose: 'password policy and lockout facts; without it those sections stay absent',
  },
  {
    tier: 'T1',
    permission: 'none; operator opt-in (activeProbes: true)',
    purpose: 'one anonymous read of the root DSE, without a bind: whether StartTLS is offered',
  },
];
