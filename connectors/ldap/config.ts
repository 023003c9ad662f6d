import { FilterParser } from 'ldapts';
import { z } from 'zod';
import { identityProfileOptionsSchema, targetBaseShape } from '../../src/config/target-base.js';

/** How the scanner reaches the directory: the URL scheme, plus StartTLS for ldap:// URLs. */
export type LdapTransport = 'ldaps' | 'starttls' | 'plain';

const ldapUrl = z
  .string()
  .refine(
    (value) => {
      try {
        const url = new URL(value);
        // proto://host[:port] only: base DN, filter and scope are separate keys, credentials never go in URLs.
        return (url.protocol === 'ldap:' || url.protocol === 'ldaps:') && url.hostname !== '' && (url.pathname === '' || url.pathname === '/') && !url.search && !url.username && !url.password;
      } catch {
        return false;
      }
    },
    { message: 'must be ldaps://host[:port] or ldap://host[:port] (no path, query or credentials) — fix: e.g. ldaps://ldap.example.com' },
  )
  .describe('The directory server: ldaps://host[:port] (TLS from the first byte) or ldap://host[:port] with startTls.');

/** An attribute description: a name (with options) or a numeric OID (RFC 4512 §2.5). */
const attributeName = z
  .string()
  .regex(/^(?:[A-Za-z][A-Za-z0-9-]*|\d+(?:\.\d+)+)(?:;[A-Za-z0-9-]+)*$/, { message: 'must be an LDAP attribute name, e.g. mail — fix: correct the attribute name' });

const attributesSchema = z
  .strictObject({
    id: attributeName.optional().describe('Stable unique id of an entry (default entryUUID; falls back to uid, then the DN).'),
    mail: z.array(attributeName).optional().describe('Email attributes; every value counts (default [mail]).'),
    phone: z.array(attributeName).optional().describe('Phone attributes (default [telephoneNumber, mobile]).'),
    given: attributeName.optional().describe('Given name (default givenName).'),
    family: attributeName.optional().describe('Family name (default sn).'),
    fullName: attributeName.optional().describe('Full name (default cn).'),
    uid: attributeName.optional().describe('Login name (default uid).'),
    locked: z
      .array(attributeName)
      .optional()
      .describe('Attributes that mark an account locked or disabled when present and not false (default [pwdAccountLockedTime, nsAccountLock, loginDisabled]; userAccountControl is read as the AD flag word).'),
    created: attributeName.optional().describe('Creation time, GeneralizedTime (default createTimestamp).'),
    modified: attributeName.optional().describe('Last modification time, GeneralizedTime (default modifyTimestamp).'),
    externalIds: z.array(attributeName).optional().describe('Attributes holding keys of other systems (CRM ids, employee numbers); default none.'),
  })
  .describe('Which attributes hold what. Only these are requested (data minimisation); defaults fit inetOrgPerson on OpenLDAP.');

const ldapFilter = z
  .string()
  .min(3)
  .refine(
    (value) => {
      try {
        FilterParser.parseString(value);
        return true;
      } catch {
        return false;
      }
    },
    { message: 'is not a valid LDAP filter (RFC 4515) — fix: e.g. (objectClass=inetOrgPerson)' },
  );

export const ldapTargetSchema = z
  .strictObject({
    ...targetBaseShape,
    type: z.literal('ldap'),
    url: ldapUrl,
    bindDn: z.string().min(3).describe('DN of the read-only account the scanner binds as.'),
    bindPassword: z.string().min(1).describe('Its password: a ${env:NAME} or ${file:path} reference, never the value.'),
    baseDn: z.string().min(3).describe('Where the customer entries live; the scan reads below it.'),
    startTls: z.boolean().optional().describe('ldap:// URLs: upgrade the connection with StartTLS (RFC 4513 §3) before binding.'),
    allowPlaintextBind: z
      .boolean()
      .optional()
      .describe('Accept sending the bind password over an unencrypted ldap:// connection. Off: such a target is refused.'),
    filter: ldapFilter.optional().describe('Which entries are customers (default (objectClass=inetOrgPerson)).'),
    scope: z.enum(['sub', 'one']).optional().describe('sub: the whole subtree below baseDn (default); one: its direct children.'),
    attributes: attributesSchema.optional(),
    pageSize: z.number().int().min(1).max(10_000).optional().describe('Entries per page of the paged-results search (RFC 2696; default 500).'),
    timeLimitSeconds: z.number().int().min(1).max(3600).optional().describe('Server-side time limit per search request (default: the server\'s).'),
    passwordPolicyDn: z
      .string()
      .min(3)
      .optional()
      .describe('DN of the default password policy (ppolicy). Unset: found by searching the naming context for (objectClass=pwdPolicy).'),
    profiles: identityProfileOptionsSchema(
      attributeName.describe('an LDAP attribute name (its first value; added to the attributes requested)'),
      'marketingConsent',
    ).optional(),
    activeProbes: z.boolean().optional().describe('T1: one anonymous read of the root DSE (no bind), e.g. to see whether StartTLS is offered. Off by default.'),
  })
  .superRefine((config, ctx) => {
    const problem = transportProblem(config);
    if (problem) ctx.addIssue({ code: 'custom', path: [problem.key], message: problem.message });
  })
  .describe('An LDAP directory holding customer accounts (OpenLDAP, 389 DS, Active Directory, ...), read with a read-only bind (T2).');

export type LdapTargetConfig = z.infer<typeof ldapTargetSchema>;

export function transportOf(config: Pick<LdapTargetConfig, 'url' | 'startTls'>): LdapTransport {
  if (config.url.toLowerCase().startsWith('ldaps:')) return 'ldaps';
  return config.startTls ? 'starttls' : 'plain';
}

/**
 * A bind over plain ldap:// sends the password in clear (RFC 4513 §6.3.1): refused unless the operator
 * accepts it explicitly. StartTLS on ldaps:// would be a second TLS layer no server speaks.
 */
export function transportProblem(config: Pick<LdapTargetConfig, 'url' | 'startTls' | 'allowPlaintextBind'>): { key: string; message: string } | undefined {
  const ldaps = config.url.toLowerCase().startsWith('ldaps:');
  if (ldaps && config.startTls) {
    return { key: 'startTls', message: 'startTls applies to ldap:// URLs only; ldaps:// is already encrypted — fix: remove startTls' };
  }
  if (!ldaps && !config.startTls && config.allowPlaintextBind !== true) {
    return {
      key: 'url',
      message:
        'refusing to bind over plain ldap://: the bind password would cross the network in clear — fix: use ldaps://, or set startTls: true, or (accepting the risk) allowPlaintextBind: true',
    };
  }
  return undefined;
}
