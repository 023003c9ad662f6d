import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Entry } from 'ldapts';
import { DEFAULT_MAPPING, identityAttributes, mappingOf, requestedAttributes } from '../../../connectors/ldap/attributes.js';
import {
  bruteForceFacts,
  choosePasswordPolicy,
  directoryFacts,
  isLocked,
  isWithin,
  parseGeneralizedTime,
  passwordPolicyFacts,
  productOf,
  profileFromEntry,
  sameDn,
} from '../../../connectors/ldap/interpret.js';
import { policyBases } from '../../../connectors/ldap/directory.js';
import type { RawEntry } from '../../../connectors/ldap/raw.js';
import { toRawEntry } from '../../../connectors/ldap/session.js';

/** Fixtures are in ldapts' shape (fixtures/ldap/SOURCES.md); they pass the same conversion as live entries. */
function fixture<T>(name: string): T {
  return JSON.parse(readFileSync(new URL(`../../../fixtures/ldap/${name}`, import.meta.url), 'utf8')) as T;
}

type JsonEntry = Record<string, string | string[] | { hex: string }> & { dn: string };

function entry(json: JsonEntry): RawEntry {
  const converted: Record<string, string | string[] | Buffer> = {};
  for (const [key, value] of Object.entries(json)) {
    converted[key] = typeof value === 'object' && !Array.isArray(value) ? Buffer.from(value.hex, 'hex') : value;
  }
  return toRawEntry(converted as unknown as Entry);
}

const rootDse = (name: string) => entry(fixture<JsonEntry>(name));
const policies = fixture<Record<string, JsonEntry>>('password-policies.json');
const policy = (name: string) => entry(policies[name]!);

describe('root DSE', () => {
  it('OpenLDAP: paged results and StartTLS offered, vendor from the object class', () => {
    const dse = rootDse('root-dse-openldap.json');
    expect(directoryFacts(dse, 'ldaps')).toMatchObject({
      namingContexts: ['dc=example,dc=com'],
      pagedResults: true,
      startTls: true,
      transport: 'ldaps',
      vendor: 'OpenLDAP',
    });
    expect(productOf(dse)).toBe('openldap');
  });

  it('Active Directory: recognised by its capability OID, several naming contexts', () => {
    const dse = rootDse('root-dse-active-directory.json');
    const facts = directoryFacts(dse, 'starttls');
    expect(facts).toMatchObject({ pagedResults: true, startTls: true, transport: 'starttls', vendor: 'Microsoft Active Directory' });
    expect(facts?.namingContexts).toHaveLength(5);
    expect(productOf(dse)).toBe('active-directory');
  });

  it('389 DS: vendorName and vendorVersion; no StartTLS extension listed', () => {
    const dse = rootDse('root-dse-389ds.json');
    expect(directoryFacts(dse, 'plain')).toMatchObject({ startTls: false, pagedResults: true, transport: 'plain', vendor: '389 Project 389-Directory/2.4.5 B2024.017.0000' });
    expect(productOf(dse)).toBe('389-ds');
  });

  it('a root DSE whose attributes an ACL hides gives no facts rather than "no StartTLS"', () => {
    expect(directoryFacts(rootDse('root-dse-hidden.json'), 'plain')).toBeUndefined();
    expect(productOf(undefined)).toBe('ldap');
  });
});

describe('password policy (ppolicy)', () => {
  it('strong: checked length, lockout with a duration, no expiry', () => {
    expect(passwordPolicyFacts(policy('strong'))).toEqual({
      minLength: 15,
      maxLength: 128,
      composition: [],
      historyCount: 5,
      blocklist: false,
      breachedPasswordCheck: false,
      source: 'ppolicy cn=default,ou=policies,dc=example,dc=com (pwdCheckQuality 2)',
    });
    expect(bruteForceFacts(policy('strong'))).toMatchObject({ accountLockout: true, maxAttempts: 10, permanentLockout: false });
  });

  it('weak: length not checked (pwdCheckQuality 0), 90-day expiry, lockout off', () => {
    expect(passwordPolicyFacts(policy('weak'))).toMatchObject({ minLength: 0, expiryDays: 90, historyCount: 0, blocklist: false });
    expect(passwordPolicyFacts(policy('weak')).maxLength).toBeUndefined();
    const brute = bruteForceFacts(policy('weak'));
    expect(brute).toMatchObject({ accountLockout: false, ipThrottling: 'unknown', botDetection: 'unknown', selfServiceUnlock: 'unknown' });
    expect(brute.maxAttempts).toBeUndefined();
  });

  it('pwdLockout TRUE with pwdMaxFailure 0 limits nothing', () => {
    expect(bruteForceFacts(policy('lockoutWithoutLimit')).accountLockout).toBe(false);
  });

  it('no pwdLockoutDuration: locked until an administrator resets it', () => {
    expect(bruteForceFacts(policy('permanentLockout'))).toMatchObject({ accountLockout: true, maxAttempts: 5, permanentLockout: true });
  });

  it('a check module makes blocklist and breached-password checks unknown, not false', () => {
    const facts = passwordPolicyFacts(policy('checkModule'));
    expect(facts).toMatchObject({ minLength: 10, blocklist: 'unknown', breachedPasswordCheck: 'unknown' });
    expect(facts.source).toContain('pwdCheckModule');
  });

  it('chooses the default policy only when that is not a guess', () => {
    const a = policy('strong');
    const b = policy('permanentLockout');
    const c = policy('checkModule');
    expect(choosePasswordPolicy([])).toEqual({ state: 'none' });
    expect(choosePasswordPolicy([b])).toEqual({ state: 'chosen', entry: b });
    expect(choosePasswordPolicy([b, a])).toMatchObject({ state: 'chosen', entry: a, note: 'one of 2 policies, taken as the default by its name' });
    expect(choosePasswordPolicy([b, c])).toEqual({ state: 'ambiguous', dns: [c.dn, b.dn].sort() });
    expect(choosePasswordPolicy([b, c], 'CN=Module, ou=policies,dc=example,dc=com')).toEqual({ state: 'chosen', entry: c });
    expect(choosePasswordPolicy([b], 'cn=other,dc=example,dc=com')).toEqual({ state: 'none' });
  });
});

describe('customer entries', () => {
  const customers = fixture<JsonEntry[]>('customers.json').map(entry);

  it('maps an inetOrgPerson with every attribute', () => {
    expect(profileFromEntry(customers[0]!, DEFAULT_MAPPING)).toEqual({
      localId: '4f1c2a60-1111-4c3b-9a55-000000000001',
      // Case-insensitively distinct, in order; LDAP has no verified flag.
      emails: [{ address: 'avery.example@example.com' }, { address: 'avery@example.net' }],
      phones: ['+1 555 0101', '+1 555 0199'],
      names: { given: 'Avery', family: 'Example', full: 'Avery Example' },
      links: [],
      status: 'active',
      origin: 'local',
      // mail, telephoneNumber, mobile, givenName, sn, cn, uid
      filledAttributes: 7,
      createdAt: '2023-03-14T09:26:53.000Z',
      updatedAt: '2024-06-01T12:00:00.500Z',
    });
  });

  it('the ppolicy lock marker disables; bad times are dropped', () => {
    const p = profileFromEntry(customers[1]!, DEFAULT_MAPPING);
    expect(p).toMatchObject({ status: 'disabled', emails: [], phones: [], names: { family: 'Sample', full: 'Blake Sample' }, createdAt: '2022-12-31T23:00:00.000Z' });
    expect(p.updatedAt).toBeUndefined();
    expect(p.filledAttributes).toBe(3);
  });

  it('falls back to uid, then the DN, when the id attribute is missing; "false" does not lock', () => {
    const casey = profileFromEntry(customers[2]!, DEFAULT_MAPPING);
    expect(casey).toMatchObject({ localId: 'c0000003', status: 'active' });
    expect(casey.createdAt).toBeUndefined();
    const devon = profileFromEntry(customers[3]!, DEFAULT_MAPPING);
    expect(devon).toMatchObject({ localId: 'cn=Devon Demo,ou=customers,dc=example,dc=com', status: 'disabled', createdAt: '2023-12-31T23:00:00.000Z' });
    expect(devon.updatedAt).toBeUndefined();
  });

  it('Active Directory with a custom mapping: binary GUID as hex, ACCOUNTDISABLE, external ids', () => {
    const mapping = mappingOf({
      attributes: { id: 'objectGUID', uid: 'sAMAccountName', fullName: 'displayName', phone: ['telephoneNumber'], locked: ['userAccountControl'], created: 'whenCreated', modified: 'whenChanged', externalIds: ['employeeID'] },
    });
    const [emery, finley] = fixture<JsonEntry[]>('customers-active-directory.json').map(entry);
    expect(profileFromEntry(emery!, mapping)).toEqual({
      localId: '6c3a1f0e9b2d4e8aa0f1c2d3e4f5a6b7',
      emails: [{ address: 'emery.fictive@example.com' }],
      phones: ['+1 555 0142'],
      names: { given: 'Emery', family: 'Fictive', full: 'Emery Fictive' },
      links: [{ kind: 'external-id', via: 'employeeID', value: 'CRM-000042' }],
      status: 'disabled',
      origin: 'local',
      filledAttributes: 7,
      createdAt: '2022-01-05T10:15:00.000Z',
      updatedAt: '2024-02-10T08:30:00.000Z',
    });
    expect(profileFromEntry(finley!, mapping)).toMatchObject({ localId: '0a1b2c3d4e5f60718293a4b5c6d7e8f9', status: 'active', links: [], emails: [] });
  });
});

describe('attribute mapping', () => {
  it('requests exactly the mapped attributes, once each', () => {
    expect(requestedAttributes(DEFAULT_MAPPING)).toEqual([
      'entryUUID',
      'uid',
      'mail',
      'telephoneNumber',
      'mobile',
      'givenName',
      'sn',
      'cn',
      'pwdAccountLockedTime',
      'nsAccountLock',
      'loginDisabled',
      'createTimestamp',
      'modifyTimestamp',
    ]);
    expect(requestedAttributes(mappingOf({ attributes: { id: 'uid', mail: ['mail', 'MAIL', 'mailAlternateAddress'] } }))).toEqual(
      expect.arrayContaining(['uid', 'mail', 'mailAlternateAddress']),
    );
    expect(requestedAttributes(mappingOf({ attributes: { id: 'uid' } })).filter((a) => a === 'uid')).toHaveLength(1);
  });

  it('counts identity attributes only (no ids, flags or times)', () => {
    expect(identityAttributes(DEFAULT_MAPPING)).toEqual(['mail', 'telephonenumber', 'mobile', 'givenname', 'sn', 'cn', 'uid']);
  });
});

describe('GeneralizedTime (RFC 4517 §3.3.13)', () => {
  it.each([
    ['20240102030405Z', '2024-01-02T03:04:05.000Z'],
    ['20240102030405.123Z', '2024-01-02T03:04:05.123Z'],
    ['20240102030405,5Z', '2024-01-02T03:04:05.500Z'],
    ['202401020304Z', '2024-01-02T03:04:00.000Z'],
    ['2024010203Z', '2024-01-02T03:00:00.000Z'],
    ['2024010203.5Z', '2024-01-02T03:30:00.000Z'],
    ['20240102030405+0200', '2024-01-02T01:04:05.000Z'],
    ['20240102030405-05', '2024-01-02T08:04:05.000Z'],
  ])('%s → %s', (input, iso) => {
    expect(parseGeneralizedTime(input)).toBe(iso);
  });

  it.each(['', 'yesterday', '000001010000Z', '20241301000000Z', '20240230000000Z', '20240101250000Z', '20240101000000', '2024-01-01T00:00:00Z'])('rejects %j', (input) => {
    expect(parseGeneralizedTime(input)).toBeUndefined();
  });
});

describe('lock attributes', () => {
  it.each([
    ['pwdAccountLockedTime', ['20240101000000Z'], true],
    ['pwdAccountLockedTime', [], false],
    ['nsAccountLock', ['TRUE'], true],
    ['nsAccountLock', ['false'], false],
    ['loginDisabled', ['FALSE'], false],
    ['userAccountControl', ['514'], true],
    ['userAccountControl', ['512'], false],
    ['userAccountControl', ['66048'], false],
  ])('%s %j → %s', (name, values, locked) => {
    expect(isLocked(name, values)).toBe(locked);
  });
});

describe('DNs', () => {
  it('compares DNs case- and space-insensitively and finds the naming context of baseDn', () => {
    expect(sameDn('CN=Default, OU=Policies,DC=example,DC=com', 'cn=default,ou=policies,dc=example,dc=com')).toBe(true);
    expect(isWithin('ou=customers,dc=example,dc=com', 'dc=example,dc=com')).toBe(true);
    expect(isWithin('ou=customers,dc=example,dc=com', 'dc=other,dc=com')).toBe(false);
    expect(isWithin('dc=notexample,dc=com', 'dc=example,dc=com')).toBe(false);
    const ad = rootDse('root-dse-active-directory.json');
    expect(policyBases('OU=Customers,DC=example,DC=com', ad)).toEqual(['DC=example,DC=com']);
    expect(policyBases('ou=people,o=elsewhere', ad)).toEqual(['ou=people,o=elsewhere']);
    expect(policyBases('ou=people,o=elsewhere', undefined)).toEqual(['ou=people,o=elsewhere']);
  });
});
