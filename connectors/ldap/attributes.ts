import type { LdapTargetConfig } from './config.js';

/** Which attribute holds what; defaults fit inetOrgPerson (RFC 2798) on OpenLDAP. */
export interface AttributeMapping {
  id: string;
  mail: string[];
  phone: string[];
  given: string;
  family: string;
  fullName: string;
  uid: string;
  locked: string[];
  created: string;
  modified: string;
  externalIds: string[];
}

export const DEFAULT_FILTER = '(objectClass=inetOrgPerson)';
export const DEFAULT_PAGE_SIZE = 500;

export const DEFAULT_MAPPING: AttributeMapping = {
  // entryUUID (RFC 4530) survives renames; a DN does not.
  id: 'entryUUID',
  mail: ['mail'],
  phone: ['telephoneNumber', 'mobile'],
  given: 'givenName',
  family: 'sn',
  fullName: 'cn',
  uid: 'uid',
  // ppolicy (OpenLDAP), 389 DS / Oracle, eDirectory.
  locked: ['pwdAccountLockedTime', 'nsAccountLock', 'loginDisabled'],
  created: 'createTimestamp',
  modified: 'modifyTimestamp',
  externalIds: [],
};

export function mappingOf(config: Pick<LdapTargetConfig, 'attributes'>): AttributeMapping {
  const a = config.attributes ?? {};
  return {
    id: a.id ?? DEFAULT_MAPPING.id,
    mail: a.mail ?? DEFAULT_MAPPING.mail,
    phone: a.phone ?? DEFAULT_MAPPING.phone,
    given: a.given ?? DEFAULT_MAPPING.given,
    family: a.family ?? DEFAULT_MAPPING.family,
    fullName: a.fullName ?? DEFAULT_MAPPING.fullName,
    uid: a.uid ?? DEFAULT_MAPPING.uid,
    locked: a.locked ?? DEFAULT_MAPPING.locked,
    created: a.created ?? DEFAULT_MAPPING.created,
    modified: a.modified ?? DEFAULT_MAPPING.modified,
    externalIds: a.externalIds ?? DEFAULT_MAPPING.externalIds,
  };
}

/**
 * The attributes a user search asks for: exactly the mapped ones and those profiles.consent names
 * (`more`) (catalog §14.4, data minimisation). Operational attributes (entryUUID, timestamps, lock
 * flags) must be named to be returned at all, which this list does.
 */
export function requestedAttributes(m: AttributeMapping, more: readonly string[] = []): string[] {
  const all = [m.id, m.uid, ...m.mail, ...m.phone, m.given, m.family, m.fullName, ...m.externalIds, ...m.locked, m.created, m.modified, ...more];
  const seen = new Set<string>();
  return all.filter((name) => {
    const key = name.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** The identity attributes that count towards `filledAttributes` (not ids, flags or timestamps). */
export function identityAttributes(m: AttributeMapping): string[] {
  return [...new Set([...m.mail, ...m.phone, m.given, m.family, m.fullName, m.uid, ...m.externalIds].map((n) => n.toLowerCase()))];
}

/** Root DSE attributes (RFC 4512 §5.1); objectClass and supportedCapabilities name the product (OpenLDAP, AD). */
export const ROOT_DSE_ATTRIBUTES = [
  'namingContexts',
  'supportedControl',
  'supportedExtension',
  'supportedSASLMechanisms',
  'vendorName',
  'vendorVersion',
  'objectClass',
  'supportedCapabilities',
];

/** The password-policy attributes read (draft-behera-ldap-password-policy; OpenLDAP slapo-ppolicy). */
export const PASSWORD_POLICY_ATTRIBUTES = [
  'pwdMinLength',
  'pwdMaxLength',
  'pwdCheckQuality',
  'pwdCheckModule',
  'pwdUseCheckModule',
  'pwdMaxAge',
  'pwdInHistory',
  'pwdLockout',
  'pwdMaxFailure',
  'pwdLockoutDuration',
];

export const PAGED_RESULTS_OID = '1.2.840.113556.1.4.319';
export const START_TLS_OID = '1.3.6.1.4.1.1466.20037';
