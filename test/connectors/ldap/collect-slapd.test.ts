import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ldapConnector } from '../../../connectors/ldap/index.js';
import { DEFAULT_MAPPING, requestedAttributes, ROOT_DSE_ATTRIBUTES } from '../../../connectors/ldap/attributes.js';
import { usersPermission } from '../../../connectors/ldap/permissions.js';
import type { AnyConnector } from '../../../src/connector.js';
import { ConfigError } from '../../../src/model/errors.js';
import { nonReadRequests } from '../../support/collect-context.js';
import {
  ACCOUNTS,
  BASE_DN,
  expectedCounts,
  nonReadCalls,
  PAGED_OID,
  profileIds,
  scan,
  START_TLS_OID,
  startTestDirectory,
  STRONG_POLICY,
  targetFor,
  type LdapCall,
  type Scan,
  type TestDirectory,
} from './directory.js';

/**
 * The connector end to end against a real slapd on 127.0.0.1 (TLS with a test CA, 5,000
 * generated customers, a ppolicy default policy, accounts with different rights).
 */
const CUSTOMERS = 5_000;
const expected = expectedCounts(CUSTOMERS);
const connector = ldapConnector as unknown as AnyConnector;

let dir: TestDirectory;

beforeAll(async () => {
  dir = await startTestDirectory({ customers: CUSTOMERS, tls: true, policy: STRONG_POLICY });
});

afterAll(async () => {
  await dir?.server.close();
});

function ca(): string {
  return dir.ca?.certPem ?? '';
}

/** Reads only (scan() asserts the allow-lists in every scan), no HTTP at all, no secret in the snapshot. */
function expectReadOnlyAndClean(result: Scan, calls: LdapCall[]): void {
  expect(nonReadRequests(connector, result.requests)).toEqual([]);
  expect(result.requests).toEqual([]);
  expect(nonReadCalls(calls)).toEqual([]);
  const { profiles: _profiles, ...printable } = result.snapshot;
  expect(JSON.stringify(printable)).not.toContain(dir.server.bindPassword);
}

describe('ldap connector against slapd', () => {
  it('reads every customer exactly once through paged results over ldaps', async () => {
    const result = await scan(targetFor(dir.server, { pageSize: 500 }), { ca: ca() });
    const calls = result.calls;
    const { snapshot } = result;
    expect(snapshot.errors).toEqual([]);
    expect(snapshot.kind).toBe('identity-store');
    expect(snapshot.product).toBe('openldap');

    const ids = profileIds(snapshot);
    expect(ids).toHaveLength(CUSTOMERS);
    expect(new Set(ids).size).toBe(CUSTOMERS);
    const users = snapshot.coverage.datasets.find((d) => d.name === 'users');
    expect(users).toEqual({ name: 'users', state: 'complete', records: CUSTOMERS, pages: Math.ceil(CUSTOMERS / 500) });

    const facts = snapshot.facts.identityStore;
    expect(facts?.scope).toEqual({ kind: 'directory', name: BASE_DN });
    expect(facts?.userStats).toEqual({ state: 'observed', value: { total: CUSTOMERS, read: CUSTOMERS, enabled: CUSTOMERS - expected.disabled, disabled: expected.disabled } });

    const store = snapshot.profiles!;
    let withoutEmail = 0;
    let withTwo = 0;
    for (let i = 0; i < store.size; i++) {
      const emails = store.emailsOf(i);
      if (emails.length === 0) withoutEmail++;
      if (emails.length === 2) withTwo++;
      expect(emails.every((e) => e.verified === undefined)).toBe(true);
    }
    expect(withoutEmail).toBe(expected.withoutEmail);
    expect(withTwo).toBe(expected.withTwoEmails);

    // bind, root DSE, password policy, ten pages.
    expect(snapshot.coverage.requests).toBe(3 + CUSTOMERS / 500);
    expect(result.ctx.governor.stats().granted).toBeGreaterThanOrEqual(snapshot.coverage.requests);

    // Only the mapped attributes are asked for (data minimisation).
    const paged = calls.filter((c) => c.method === 'searchPaginated');
    expect(paged).toHaveLength(1);
    expect(paged[0]?.target).toBe(BASE_DN);
    expect(paged[0]?.attributes).toEqual(requestedAttributes(DEFAULT_MAPPING));
    expect(calls.find((c) => c.method === 'search' && c.target === '')?.attributes).toEqual(ROOT_DSE_ATTRIBUTES);
    expect(calls.filter((c) => c.method === 'bind')).toHaveLength(1);
    expectReadOnlyAndClean(result, calls);
  });

  it('maps one customer entry onto a profile', async () => {
    const { snapshot } = await scan(targetFor(dir.server, { pageSize: 1000 }), { ca: ca() });
    const store = snapshot.profiles!;
    const index = profileIds(snapshot).indexOf('00000000-0000-4000-8000-000000000046'); // customer 70: locked, two emails
    expect(index).toBeGreaterThanOrEqual(0);
    expect(store.get(index)).toEqual({
      targetId: 'loyalty',
      localId: '00000000-0000-4000-8000-000000000046',
      emails: [{ address: 'customer70@example.com' }, { address: 'c70.alt@example.net' }],
      phones: [],
      names: { given: 'Harper', family: 'Fictive', full: 'Harper Fictive' },
      links: [],
      status: 'disabled',
      origin: 'local',
      filledAttributes: 5,
      createdAt: '2019-01-03T22:00:00.000Z',
      updatedAt: '2019-02-02T22:00:00.000Z',
    });
  });

  it('reports the root DSE and the ppolicy default policy as facts', async () => {
    const { snapshot } = await scan(targetFor(dir.server, { profiles: { read: false } }), { ca: ca() });
    const facts = snapshot.facts.identityStore!;
    expect(facts.directory?.state).toBe('observed');
    if (facts.directory?.state !== 'observed') return;
    expect(facts.directory.value).toMatchObject({ namingContexts: ['dc=example,dc=com'], pagedResults: true, startTls: true, transport: 'ldaps', vendor: 'OpenLDAP' });
    expect(facts.directory.value.supportedControls).toContain(PAGED_OID);
    expect(facts.directory.value.supportedExtensions).toContain(START_TLS_OID);
    expect(facts.passwordPolicy).toEqual({
      state: 'observed',
      value: {
        minLength: 12,
        composition: [],
        historyCount: 5,
        blocklist: false,
        breachedPasswordCheck: false,
        source: 'ppolicy cn=default,ou=policies,dc=example,dc=com (pwdCheckQuality 2)',
      },
    });
    expect(facts.bruteForce).toEqual({
      state: 'observed',
      value: {
        accountLockout: true,
        maxAttempts: 5,
        permanentLockout: false,
        selfServiceUnlock: 'unknown',
        ipThrottling: 'unknown',
        botDetection: 'unknown',
        detail: 'ppolicy cn=default,ou=policies,dc=example,dc=com: pwdLockout TRUE, pwdMaxFailure 5, pwdLockoutDuration 900 s',
      },
    });
  });

  it('upgrades ldap:// with StartTLS and the test CA before binding', async () => {
    const result = await scan(targetFor(dir.server, { url: dir.server.url, startTls: true, pageSize: 2500 }), { ca: ca() });
    const calls = result.calls;
    expect(result.snapshot.errors).toEqual([]);
    expect(profileIds(result.snapshot)).toHaveLength(CUSTOMERS);
    const directory = result.snapshot.facts.identityStore?.directory;
    expect(directory?.state === 'observed' && directory.value.transport).toBe('starttls');
    const methods = calls.map((c) => c.method);
    expect(methods.indexOf('startTLS')).toBeLessThan(methods.indexOf('bind'));
    expect(calls.filter((c) => c.method === 'exop').map((c) => c.target)).toEqual([START_TLS_OID]);
    // StartTLS, bind, root DSE, policy, two pages.
    expect(result.snapshot.coverage.requests).toBe(6);
    expectReadOnlyAndClean(result, calls);
  });

  it('refuses a server certificate it cannot verify (ldaps and StartTLS) and sends no bind', async () => {
    for (const target of [targetFor(dir.server), targetFor(dir.server, { url: dir.server.url, startTls: true })]) {
      const { snapshot, calls } = await scan(target);
      expect(snapshot.errors.map((e) => e.code)).toEqual(['TLS']);
      expect(snapshot.errors[0]?.message).not.toMatch(/\n/);
      expect(snapshot.coverage.datasets.find((d) => d.name === 'users')?.state).toBe('not-read');
      expect(snapshot.facts.identityStore?.userStats?.state).toBe('unknown');
      expect(snapshot.profiles).toBeUndefined();
      if (target.startTls) expect(calls.some((c) => c.method === 'bind')).toBe(false);
    }
  });

  it('reports a wrong password as AUTH_FAILED, binds once, and reads nothing else', async () => {
    const result = await scan(targetFor(dir.server, { bindDn: ACCOUNTS.nobody.dn, bindPassword: 'not-the-password' }), { ca: ca() });
    const calls = result.calls;
    const { snapshot } = result;
    expect(snapshot.errors).toHaveLength(1);
    expect(snapshot.errors[0]).toMatchObject({ code: 'AUTH_FAILED', retryable: false });
    expect(calls.filter((c) => c.method === 'bind')).toHaveLength(1);
    expect(calls.filter((c) => c.method.startsWith('search'))).toEqual([]);
    expect(snapshot.facts.identityStore?.directory).toMatchObject({ state: 'unknown', reason: { kind: 'collection-error' } });
    expect(snapshot.facts.identityStore?.passwordPolicy).toBeUndefined();
    expect(snapshot.coverage.datasets.map((d) => [d.name, d.state])).toEqual([['root-dse', 'not-read'], ['users', 'not-read']]);
    expect(JSON.stringify(snapshot)).not.toContain('not-the-password');
    expectReadOnlyAndClean(result, calls);
  });

  it('says which permission is missing when the bind DN may not read the customers', async () => {
    const { snapshot } = await scan(targetFor(dir.server, { bindDn: ACCOUNTS.nobody.dn, bindPassword: ACCOUNTS.nobody.password }), { ca: ca() });
    const permission = usersPermission(BASE_DN);
    expect(snapshot.coverage.missingPermissions).toEqual([permission]);
    expect(snapshot.facts.identityStore?.userStats).toMatchObject({ state: 'unknown', reason: { kind: 'no-permission', permission } });
    expect(snapshot.coverage.datasets.find((d) => d.name === 'users')?.state).toBe('not-read');
    // The root DSE is public; the policy is not readable, so its sections stay absent.
    expect(snapshot.facts.identityStore?.directory?.state).toBe('observed');
    expect(snapshot.facts.identityStore?.passwordPolicy).toBeUndefined();
    expect(snapshot.profiles).toBeUndefined();
  });

  it('keeps the pages read before the server size limit and marks the read partial', async () => {
    const { snapshot } = await scan(targetFor(dir.server, { bindDn: ACCOUNTS.limited.dn, bindPassword: ACCOUNTS.limited.password, pageSize: 100 }), { ca: ca() });
    expect(snapshot.errors.map((e) => e.code)).toEqual(['PARTIAL_READ']);
    expect(snapshot.coverage.datasets.find((d) => d.name === 'users')).toMatchObject({ state: 'partial', records: 300, pages: 3 });
    expect(profileIds(snapshot)).toHaveLength(300);
    expect(snapshot.facts.identityStore?.userStats?.state).toBe('unknown');
  });

  it('falls back to one size-limited search when the root DSE lists no paged results, and says when it was cut', async () => {
    const complete = await scan(targetFor(dir.server, { bindDn: ACCOUNTS.nopagingUnlimited.dn, bindPassword: ACCOUNTS.nopagingUnlimited.password }), { ca: ca() });
    const calls = complete.calls;
    expect(complete.snapshot.errors).toEqual([]);
    expect(calls.some((c) => c.method === 'searchPaginated' || c.paged)).toBe(false);
    expect(complete.snapshot.coverage.datasets.find((d) => d.name === 'users')).toEqual({ name: 'users', state: 'complete', records: CUSTOMERS, pages: 1 });
    const directory = complete.snapshot.facts.identityStore?.directory;
    expect(directory?.state === 'observed' && directory.value.pagedResults).toBe(false);

    // The default 500-entry limit of slapd cuts the single search: partial, with what was read.
    const cut = await scan(targetFor(dir.server, { bindDn: ACCOUNTS.nopaging.dn, bindPassword: ACCOUNTS.nopaging.password }), { ca: ca() });
    expect(cut.snapshot.errors.map((e) => e.code)).toEqual(['PARTIAL_READ']);
    expect(cut.snapshot.coverage.datasets.find((d) => d.name === 'users')).toMatchObject({ state: 'partial', records: 500 });
    expect(cut.snapshot.facts.identityStore?.userStats?.state).toBe('unknown');
  });

  it('stops at profiles.maxRecords and reports the dataset as partial', async () => {
    const { snapshot } = await scan(targetFor(dir.server, { pageSize: 500, profiles: { maxRecords: 1234 } }), { ca: ca() });
    expect(snapshot.errors).toEqual([]);
    expect(profileIds(snapshot)).toHaveLength(1234);
    expect(snapshot.coverage.datasets.find((d) => d.name === 'users')).toEqual({ name: 'users', state: 'partial', records: 1234, pages: 3, reason: 'stopped at maxRecords 1234' });
    expect(snapshot.facts.identityStore?.userStats).toMatchObject({ state: 'unknown', reason: { kind: 'not-observed' } });
  });

  it('sends no user search at all with profiles.read: false', async () => {
    const result = await scan(targetFor(dir.server, { profiles: { read: false } }), { ca: ca() });
    const calls = result.calls;
    expect(calls.filter((c) => c.target === BASE_DN)).toEqual([]);
    expect(calls.some((c) => c.method === 'searchPaginated')).toBe(false);
    expect(result.snapshot.profiles).toBeUndefined();
    expect(result.snapshot.coverage.datasets.find((d) => d.name === 'users')?.state).toBe('not-applicable');
    expect(result.snapshot.facts.identityStore?.userStats).toMatchObject({ state: 'unknown', reason: { kind: 'not-observed' } });
    expectReadOnlyAndClean(result, calls);
  });

  it('refuses a plain ldap:// bind unless allowPlaintextBind is set, and then reports the transport as plain', async () => {
    const plain = targetFor(dir.server, { url: dir.server.url });
    expect(ldapConnector.configSchema.safeParse(plain).success).toBe(false);
    await expect(scan(plain)).rejects.toBeInstanceOf(ConfigError);
    await expect(scan(plain)).rejects.toThrow(/bind password would cross the network in clear/);

    const allowed = await scan({ ...plain, allowPlaintextBind: true, profiles: { read: false } });
    expect(allowed.snapshot.errors).toEqual([]);
    const directory = allowed.snapshot.facts.identityStore?.directory;
    expect(directory?.state === 'observed' && directory.value).toMatchObject({ transport: 'plain', startTls: true });
  });

  it('activeProbes: reads the root DSE anonymously (no bind) and keeps it when the bind fails', async () => {
    const result = await scan(targetFor(dir.server, { url: dir.server.url, startTls: true, bindPassword: 'wrong-password', activeProbes: true }), { ca: ca() });
    const calls = result.calls;
    // The probe comes first: the root DSE over plain ldap:// (nothing secret is sent), no StartTLS, no bind.
    expect(calls[0]).toMatchObject({ method: 'search', target: '' });
    const methods = calls.map((c) => c.method);
    expect(methods.indexOf('startTLS')).toBeGreaterThan(0);
    expect(methods.indexOf('startTLS')).toBeLessThan(methods.indexOf('bind'));
    expect(result.snapshot.errors.map((e) => e.code)).toEqual(['AUTH_FAILED']);
    const directory = result.snapshot.facts.identityStore?.directory;
    expect(directory?.state === 'observed' && directory.value).toMatchObject({ startTls: true, transport: 'starttls' });
    expectReadOnlyAndClean(result, calls);
  });

  it('without activeProbes the anonymous read does not happen', async () => {
    const { calls } = await scan(targetFor(dir.server, { profiles: { read: false } }), { ca: ca() });
    expect(calls[0]?.method).toBe('bind');
  });
});
