/**
 * Pure mapping from directory entries (RawEntry, our own shape) to our types: the root DSE to
 * DirectoryFacts, a pwdPolicy entry to password-policy and brute-force facts, a customer entry to a
 * ProfileInput. No I/O, no ldapts type. Attribute names in RawEntry are lower-case.
 */
import type { ConsentMapping } from '../../src/connector-kit/consent.js';
import type { ProfileInput } from '../../src/identity/profile-store.js';
import type { ExplicitLink, ProfileEmail } from '../../src/model/profile.js';
import type { BruteForceFacts, DirectoryFacts, PasswordPolicyFacts } from '../../src/model/store-facts.js';
import { identityAttributes, PAGED_RESULTS_OID, START_TLS_OID, type AttributeMapping } from './attributes.js';
import type { LdapTransport } from './config.js';
import type { RawEntry } from './raw.js';

/** Active Directory / AD LDS capability OIDs ([MS-ADTS] §3.1.1.3.4.3). */
const AD_CAPABILITIES = new Set(['1.2.840.113556.1.4.800', '1.2.840.113556.1.4.1851']);

export function values(entry: RawEntry | undefined, name: string): string[] {
  return entry?.attributes[name.toLowerCase()] ?? [];
}

export function first(entry: RawEntry | undefined, name: string): string | undefined {
  return values(entry, name)[0];
}

// ---------------------------------------------------------------------------------------------
// Root DSE (RFC 4512 §5.1)
// ---------------------------------------------------------------------------------------------

/**
 * Directory facts from the root DSE, or undefined when the entry came back without any of the
 * attributes every LDAPv3 server lists (an ACL hides them): then "no StartTLS" would be a guess.
 */
export function directoryFacts(entry: RawEntry, transport: LdapTransport): DirectoryFacts | undefined {
  const namingContexts = values(entry, 'namingContexts');
  const supportedControls = values(entry, 'supportedControl');
  const supportedExtensions = values(entry, 'supportedExtension');
  if (namingContexts.length + supportedControls.length + supportedExtensions.length === 0) return undefined;
  const facts: DirectoryFacts = {
    namingContexts,
    supportedControls,
    supportedExtensions,
    pagedResults: supportedControls.includes(PAGED_RESULTS_OID),
    startTls: supportedExtensions.includes(START_TLS_OID),
    transport,
  };
  const vendor = vendorOf(entry);
  if (vendor) facts.vendor = vendor;
  return facts;
}

/** vendorName/vendorVersion (RFC 3045) when published; OpenLDAP and AD are recognised by their own markers. */
export function vendorOf(entry: RawEntry): string | undefined {
  const name = first(entry, 'vendorName');
  if (name) return [name, first(entry, 'vendorVersion')].filter(Boolean).join(' ');
  if (values(entry, 'objectClass').some((c) => c.toLowerCase() === 'openldaprootdse')) return 'OpenLDAP';
  if (values(entry, 'supportedCapabilities').some((c) => AD_CAPABILITIES.has(c))) return 'Microsoft Active Directory';
  return undefined;
}

const PRODUCTS: Array<[RegExp, string]> = [
  [/^OpenLDAP/, 'openldap'],
  [/^Microsoft Active Directory/, 'active-directory'],
  [/389 Project|Red Hat|Fedora/i, '389-ds'],
  [/ForgeRock|Ping Identity/i, 'pingds'],
  [/Novell|NetIQ|Micro Focus|OpenText/i, 'edirectory'],
  [/Apache Software Foundation/i, 'apacheds'],
  [/Oracle|Sun Microsystems/i, 'oracle-directory'],
  [/UnboundID/i, 'unboundid'],
];

export function productOf(entry: RawEntry | undefined): string {
  const vendor = entry ? vendorOf(entry) : undefined;
  if (!vendor) return 'ldap';
  return PRODUCTS.find(([pattern]) => pattern.test(vendor))?.[1] ?? 'ldap';
}

// ---------------------------------------------------------------------------------------------
// Password policy (draft-behera-ldap-password-policy, OpenLDAP slapo-ppolicy(5))
// ---------------------------------------------------------------------------------------------

export type PolicyChoice = { state: 'chosen'; entry: RawEntry; note?: string } | { state: 'none' } | { state: 'ambiguous'; dns: string[] };

/**
 * Which pwdPolicy entry is the default. The default is named in the server configuration
 * (ppolicy_default), which a read-only account cannot see: one entry is taken as it is, several
 * only when one is named "default"; otherwise the choice would be a guess.
 */
export function choosePasswordPolicy(entries: RawEntry[], configuredDn?: string): PolicyChoice {
  if (configuredDn) {
    const entry = entries.find((e) => sameDn(e.dn, configuredDn));
    return entry ? { state: 'chosen', entry } : { state: 'none' };
  }
  if (entries.length === 0) return { state: 'none' };
  const [only] = entries;
  if (entries.length === 1 && only) return { state: 'chosen', entry: only };
  const named = entries.filter((e) => /^cn=default(,|$)/i.test(normalizeDn(e.dn)));
  const [chosen] = named;
  if (named.length === 1 && chosen) return { state: 'chosen', entry: chosen, note: `one of ${entries.length} policies, taken as the default by its name` };
  return { state: 'ambiguous', dns: entries.map((e) => e.dn).sort() };
}

function integer(entry: RawEntry, name: string): number | undefined {
  const raw = first(entry, name);
  if (raw === undefined || !/^-?\d+$/.test(raw.trim())) return undefined;
  return Number(raw.trim());
}

function bool(entry: RawEntry, name: string): boolean | undefined {
  const raw = first(entry, name)?.trim().toUpperCase();
  return raw === 'TRUE' ? true : raw === 'FALSE' ? false : undefined;
}

function hasCheckModule(entry: RawEntry): boolean {
  return Boolean(first(entry, 'pwdCheckModule')) || bool(entry, 'pwdUseCheckModule') === true;
}

export function passwordPolicyFacts(entry: RawEntry, note?: string): PasswordPolicyFacts {
  // pwdMinLength/pwdMaxLength apply only when syntax checking is on (pwdCheckQuality 1 or 2).
  const quality = integer(entry, 'pwdCheckQuality') ?? 0;
  const checked = quality >= 1;
  const minLength = integer(entry, 'pwdMinLength') ?? 0;
  const maxLength = integer(entry, 'pwdMaxLength') ?? 0;
  const maxAge = integer(entry, 'pwdMaxAge') ?? 0;
  const module = hasCheckModule(entry);
  const notes = [
    `pwdCheckQuality ${quality}${checked ? '' : ': length not checked'}`,
    ...(module ? ['a pwdCheckModule adds checks the directory does not describe'] : []),
    ...(note ? [note] : []),
  ];
  const facts: PasswordPolicyFacts = {
    minLength: checked ? minLength : 0,
    composition: [],
    historyCount: integer(entry, 'pwdInHistory') ?? 0,
    // ppolicy has no blocklist of its own; a check module might have one.
    blocklist: module ? 'unknown' : false,
    breachedPasswordCheck: module ? 'unknown' : false,
    source: `ppolicy ${entry.dn} (${notes.join('; ')})`,
  };
  if (checked && maxLength > 0) facts.maxLength = maxLength;
  if (maxAge > 0) facts.expiryDays = Math.round((maxAge / 86_400) * 100) / 100;
  return facts;
}

export function bruteForceFacts(entry: RawEntry): BruteForceFacts {
  const lockout = bool(entry, 'pwdLockout') === true;
  const maxFailure = integer(entry, 'pwdMaxFailure') ?? 0;
  const duration = integer(entry, 'pwdLockoutDuration') ?? 0;
  // pwdMaxFailure absent or 0: unlimited attempts even with pwdLockout TRUE.
  const accountLockout = lockout && maxFailure > 0;
  const facts: BruteForceFacts = {
    accountLockout,
    selfServiceUnlock: 'unknown',
    // Throttling and bot defence live in the applications in front of the directory, if anywhere.
    ipThrottling: 'unknown',
    botDetection: 'unknown',
    detail: `ppolicy ${entry.dn}: pwdLockout ${lockout ? 'TRUE' : 'FALSE'}, pwdMaxFailure ${maxFailure}, pwdLockoutDuration ${duration} s`,
  };
  if (accountLockout) {
    facts.maxAttempts = maxFailure;
    // 0 or absent: locked until an administrator resets the password.
    facts.permanentLockout = duration === 0;
  }
  return facts;
}

// ---------------------------------------------------------------------------------------------
// Customer entries
// ---------------------------------------------------------------------------------------------

/**
 * GeneralizedTime (RFC 4517 §3.3.13: YYYYMMDDHH[MM[SS]][(.|,)fraction](Z|±HH[MM])) to ISO 8601,
 * or undefined for anything else (including ppolicy's "000001010000Z" lock marker).
 */
export function parseGeneralizedTime(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})?(\d{2})?(?:[.,](\d+))?(Z|[+-]\d{2}(?:\d{2})?)$/.exec(value.trim());
  if (!m) return undefined;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map((part) => (part === undefined ? 0 : Number(part))) as [number, number, number, number, number, number];
  const fraction = m[7];
  const zone = m[8] ?? 'Z';
  // A leap second (60) is allowed by the syntax; Date folds it into the next minute.
  // Years below 1000 are lock markers or garbage (and Date.UTC would read 0-99 as 1900-1999).
  if (year < 1000 || month < 1 || month > 12 || hour > 23 || minute > 59 || second > 60) return undefined;
  const base = Date.UTC(year, month - 1, day, hour, minute, second);
  // Reject days the month does not have (Date.UTC would roll 31 February over into March).
  const check = new Date(Date.UTC(year, month - 1, day));
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return undefined;
  // The fraction belongs to the last unit given (hour, minute or second).
  const unitMs = m[6] !== undefined ? 1_000 : m[5] !== undefined ? 60_000 : 3_600_000;
  const fractionMs = fraction ? Math.round(Number(`0.${fraction}`) * unitMs) : 0;
  const sign = zone.startsWith('-') ? -1 : 1;
  const offsetMs = zone === 'Z' ? 0 : sign * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(3, 5) || 0)) * 60_000;
  return new Date(base + fractionMs - offsetMs).toISOString();
}

const FALSE_VALUES = new Set(['false', '0', 'no']);

/** A lock attribute marks the account locked/disabled when it has a value that is not false. */
export function isLocked(name: string, attributeValues: string[]): boolean {
  if (name.toLowerCase() === 'useraccountcontrol') {
    // Active Directory: bit 0x2 is ACCOUNTDISABLE ([MS-ADTS] §2.2.16).
    return attributeValues.some((v) => /^\d+$/.test(v) && (Number(v) & 0x2) !== 0);
  }
  return attributeValues.some((v) => v.trim() !== '' && !FALSE_VALUES.has(v.trim().toLowerCase()));
}

/** One customer entry as a profile. Values are kept in memory only; nothing here logs. */
export function profileFromEntry(entry: RawEntry, mapping: AttributeMapping, consent?: ConsentMapping): ProfileInput {
  const localId = first(entry, mapping.id) ?? first(entry, mapping.uid) ?? entry.dn;
  const profile: ProfileInput = {
    localId,
    emails: emailsOf(entry, mapping.mail),
    phones: distinct(mapping.phone.flatMap((a) => values(entry, a))),
    names: {},
    links: linksOf(entry, mapping.externalIds),
    status: mapping.locked.some((a) => isLocked(a, values(entry, a))) ? 'disabled' : 'active',
    origin: 'local',
    filledAttributes: identityAttributes(mapping).filter((a) => values(entry, a).some((v) => v.trim() !== '')).length,
  };
  const given = first(entry, mapping.given);
  const family = first(entry, mapping.family);
  const full = first(entry, mapping.fullName);
  if (given) profile.names.given = given;
  if (family) profile.names.family = family;
  if (full) profile.names.full = full;
  const createdAt = parseGeneralizedTime(first(entry, mapping.created));
  const updatedAt = parseGeneralizedTime(first(entry, mapping.modified));
  if (createdAt) profile.createdAt = createdAt;
  if (updatedAt) profile.updatedAt = updatedAt;
  if (consent) {
    // A timestamp attribute of GeneralizedTime syntax (the LDAP way) is converted first; anything else goes as written.
    const at = consent.updatedAt === undefined ? undefined : first(entry, consent.updatedAt);
    const stated = consent.consentOf(first(entry, consent.attribute), at === undefined ? undefined : (parseGeneralizedTime(at) ?? at));
    if (stated) profile.consent = stated;
  }
  return profile;
}

/** The attributes profiles.consent reads (requested with the mapped ones). */
export function consentAttributes(consent: ConsentMapping | undefined): string[] {
  return consent ? [consent.attribute, ...(consent.updatedAt === undefined ? [] : [consent.updatedAt])] : [];
}

/** Every value of every mail attribute, once; LDAP has no verified flag, so `verified` stays unset. */
function emailsOf(entry: RawEntry, attributes: string[]): ProfileEmail[] {
  return distinct(attributes.flatMap((a) => values(entry, a))).map((address) => ({ address }));
}

function linksOf(entry: RawEntry, attributes: string[]): ExplicitLink[] {
  return attributes.flatMap((a) => distinct(values(entry, a)).map((value) => ({ kind: 'external-id' as const, via: a, value })));
}

/** Trimmed, non-empty, case-insensitively distinct, in first-seen order. */
function distinct(list: string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of list) {
    const value = raw.trim();
    const key = value.toLowerCase();
    if (!value || seen.has(key)) continue;
    seen.add(key);
    out.push(value);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// DNs
// ---------------------------------------------------------------------------------------------

/** Lower-cased, without spaces around separators: enough to compare configured and returned DNs. */
export function normalizeDn(dn: string): string {
  return dn
    .split(',')
    .map((rdn) => rdn.split('=').map((part) => part.trim()).join('='))
    .join(',')
    .toLowerCase();
}

export function sameDn(a: string, b: string): boolean {
  return normalizeDn(a) === normalizeDn(b);
}

/** Whether `dn` is `ancestor` or lies below it. */
export function isWithin(dn: string, ancestor: string): boolean {
  const d = normalizeDn(dn);
  const a = normalizeDn(ancestor);
  return a === '' || d === a || d.endsWith(`,${a}`);
}
