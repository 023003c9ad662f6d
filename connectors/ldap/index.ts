import type { Connector } from '../../src/connector.js';
import { collectLdap, hostOf } from './collect.js';
import { ldapTargetSchema, type LdapTargetConfig } from './config.js';
import { LDAP_PERMISSIONS } from './permissions.js';

/**
 * An LDAP directory holding customer accounts, read with a read-only bind (T2): the root DSE, the
 * password policy, and every customer entry through paged searches. LDAP does not go through the
 * HTTP client; session.ts applies the same rules (host, address guard, TLS, timeouts, governor).
 */
export const ldapConnector: Connector<LdapTargetConfig> = {
  id: 'ldap',
  title: 'LDAP directory (OpenLDAP, 389 DS, Active Directory, ...)',
  kind: 'identity-store',
  configSchema: ldapTargetSchema,
  requiredPermissions: LDAP_PERMISSIONS,
  defaultLimits: {
    // No directory vendor publishes a request rate; these follow the administrative limits the
    // vendors do publish (see README "Limits respected"):
    // - Active Directory LDAP policy defaults (MaxQueryDuration 120 s, MaxPageSize 1000,
    //   MaxConnIdleTime 900 s): https://learn.microsoft.com/en-US/troubleshoot/windows-server/active-directory/view-set-ldap-policy-using-ntdsutil
    // - OpenLDAP: size limit 500 entries, time limit 3600 s by default:
    //   https://www.openldap.org/doc/admin25/limits.html
    // One connection, one operation at a time; 10 operations per second (each a page of up to
    // 500 entries) stays far below what either server handles, and a page may take up to the AD
    // query duration of 120 s before we give up on it.
    requestsPerSecond: 10,
    burst: 5,
    concurrency: 1,
    connectTimeoutMs: 10_000,
    timeoutMs: 120_000,
    maxRetries: 2,
    maxRetryWaitMs: 30_000,
  },
  // LDAP is not HTTP: the connector sends no HTTP request at all, so no POST is allowed.
  allowedPosts: [],
  secretKeys: ['bindPassword'],
  namedHosts: (config) => [hostOf(config)],
  location: (config) => `${new URL(config.url).protocol}//${new URL(config.url).host} ${config.baseDn}`,
  collect: (config, ctx) => collectLdap(config, ctx),
};
