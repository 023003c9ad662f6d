/**
 * Test plumbing for the LDAP connector: real slapd directories with deterministic customers
 * (bench/simulators/ldap.ts), bind accounts with different rights, scans through the real
 * CollectContext, and a recorder of every ldapts call (the read-only allow-list for LDAP).
 */
import { expect, vi } from 'vitest';
import { Client } from 'ldapts';
import { customersContainer, isLockedCustomer, hasNoEmail, hasSecondEmail, syntheticCustomer, BENCH_BASE_DN, BENCH_SUFFIX } from '../../../bench/simulators/ldap.js';
import { createCertificateAuthority, issueServerCertificate, type CertificateAuthority } from '../../../src/demo/certificates.js';
import { startSlapd, type LdifEntry, type SlapdOptions, type SlapdServer } from '../../../src/demo/ldap-server.js';
import type { HttpLimits } from '../../../src/http/types.js';
import type { SystemSnapshot } from '../../../src/model/snapshot.js';
import { ldapConnector } from '../../../connectors/ldap/index.js';
import type { LdapTargetConfig } from '../../../connectors/ldap/config.js';
import { nonReadRequests, testCollectContext, type TestContext } from '../../support/collect-context.js';

export const SUFFIX = BENCH_SUFFIX;
export const BASE_DN = BENCH_BASE_DN;
export const POLICY_DN = `cn=default,ou=policies,${SUFFIX}`;
export const PAGED_OID = '1.2.840.113556.1.4.319';

/** Bind identities besides the scanner. */
export const ACCOUNTS = {
  /** May bind, may read nothing. */
  nobody: { dn: `cn=nobody,${SUFFIX}`, password: 'nobody-password' },
  /** Reads everything, but the server stops its searches at 300 entries. */
  limited: { dn: `cn=limited,${SUFFIX}`, password: 'limited-password' },
  /** Reads everything; the root DSE hides the paged-results control from it; default 500-entry limit. */
  nopaging: { dn: `cn=nopaging,${SUFFIX}`, password: 'nopaging-password' },
  /** As nopaging, without a size limit. */
  nopagingUnlimited: { dn: `cn=nopaging-unlimited,${SUFFIX}`, password: 'nopaging-unlimited-password' },
};

export interface CustomerCounts {
  total: number;
  disabled: number;
  withoutEmail: number;
  withTwoEmails: number;
}

export function customerEntries(n: number): LdifEntry[] {
  const entries = [customersContainer(BASE_DN)];
  for (let i = 1; i <= n; i++) entries.push(syntheticCustomer(i, BASE_DN));
  return entries;
}

/** Expected counts, computed from the generator's rules, not from the directory. */
export function expectedCounts(n: number): CustomerCounts {
  let disabled = 0;
  let withoutEmail = 0;
  let withTwoEmails = 0;
  for (let i = 1; i <= n; i++) {
    if (isLockedCustomer(i)) disabled++;
    if (hasNoEmail(i)) withoutEmail++;
    if (hasSecondEmail(i)) withTwoEmails++;
  }
  return { total: n, disabled, withoutEmail, withTwoEmails };
}

export function policyEntries(policy: Record<string, string>): LdifEntry[] {
  return [
    { dn: `ou=policies,${SUFFIX}`, attributes: { objectClass: 'organizationalUnit', ou: 'policies' } },
    { dn: POLICY_DN, attributes: { objectClass: ['pwdPolicy', 'organizationalRole'], cn: 'default', pwdAttribute: 'userPassword', ...policy } },
  ];
}

/** NIST-friendly: 12 characters checked strictly, lockout after 5 failures for 15 minutes, no expiry. */
export const STRONG_POLICY = { pwdMinLength: '12', pwdCheckQuality: '2', pwdLockout: 'TRUE', pwdMaxFailure: '5', pwdLockoutDuration: '900', pwdInHistory: '5' };
/** Every weakness the rules look for: length not checked, no lockout, forced 30-day expiry. */
export const WEAK_POLICY = { pwdMinLength: '6', pwdCheckQuality: '0', pwdLockout: 'FALSE', pwdMaxAge: '2592000' };

export interface TestDirectory {
  server: SlapdServer;
  ca?: CertificateAuthority;
}

/** slapd with `customers` entries, the accounts above, and optionally TLS and a password policy. */
export async function startTestDirectory(options: { customers: number; tls?: boolean; policy?: Record<string, string> }): Promise<TestDirectory> {
  const accounts = Object.values(ACCOUNTS);
  const slapd: SlapdOptions = {
    suffix: SUFFIX,
    entries: [...customerEntries(options.customers), ...(options.policy ? policyEntries(options.policy) : [])],
    accounts,
    readers: [ACCOUNTS.limited.dn, ACCOUNTS.nopaging.dn, ACCOUNTS.nopagingUnlimited.dn],
    // OpenLDAP's supportedControl has no equality rule, so the value is matched by regex.
    frontendAccess: [
      `access to dn.base="" attrs=supportedControl val.regex="^1\\.2\\.840\\.113556\\.1\\.4\\.319$" by dn.exact="${ACCOUNTS.nopaging.dn}" none by dn.exact="${ACCOUNTS.nopagingUnlimited.dn}" none by * read`,
    ],
    limits: [`limits dn.exact="${ACCOUNTS.limited.dn}" size=300`, `limits dn.exact="${ACCOUNTS.nopagingUnlimited.dn}" size=unlimited`],
    ...(options.policy ? { passwordPolicyDn: POLICY_DN } : {}),
  };
  if (!options.tls) return { server: await startSlapd(slapd) };
  const ca = await createCertificateAuthority('ciamscan LDAP test CA');
  const cert = await issueServerCertificate(ca, { hosts: ['127.0.0.1', 'localhost'] });
  return { server: await startSlapd({ ...slapd, tls: { ...cert, caPem: ca.certPem } }), ca };
}

/** The minimal config plus overrides; the scanner account unless another is given. */
export function targetFor(server: SlapdServer, overrides: Partial<LdapTargetConfig> = {}): LdapTargetConfig {
  return {
    id: 'loyalty',
    type: 'ldap',
    url: server.ldapsUrl ?? server.url,
    bindDn: server.bindDn,
    bindPassword: server.bindPassword,
    baseDn: BASE_DN,
    ...overrides,
  };
}

export interface Scan extends TestContext {
  snapshot: SystemSnapshot;
  /** Every ldapts call the scan made. */
  calls: LdapCall[];
}

export async function scan(target: LdapTargetConfig, options: { ca?: string; limits?: Partial<HttpLimits>; signal?: AbortSignal } = {}): Promise<Scan> {
  const context = testCollectContext(ldapConnector, target, {
    secrets: [target.bindPassword],
    ...(options.ca ? { ca: options.ca } : {}),
    ...(options.limits ? { limits: options.limits } : {}),
  });
  const ctx = options.signal ? { ...context.ctx, signal: options.signal } : context.ctx;
  const recorder = recordLdapCalls();
  let snapshot: SystemSnapshot;
  try {
    snapshot = await ldapConnector.collect(target, ctx);
  } finally {
    recorder.restore();
  }
  // The read-only allow-list, in every scan: no HTTP request that is not a read, no LDAP operation that is not.
  expect(nonReadRequests(ldapConnector, context.requests)).toEqual([]);
  expect(nonReadCalls(recorder.calls)).toEqual([]);
  return { ...context, ctx, snapshot, calls: recorder.calls };
}

/** Every ldapts Client call of a test, by method name, with the arguments that matter. */
export interface LdapCall {
  method: string;
  /** DN of a bind/search, OID of an extended operation. */
  target?: string;
  attributes?: string[];
  paged?: boolean;
}

const CLIENT_METHODS = ['bind', 'bindSASL', 'search', 'searchPaginated', 'startTLS', 'exop', 'add', 'modify', 'del', 'modifyDN', 'compare'] as const;
/** The only operations a read-only scan may send (StartTLS is the one extended operation). */
export const READ_METHODS = new Set(['bind', 'search', 'searchPaginated', 'startTLS', 'exop']);
export const START_TLS_OID = '1.3.6.1.4.1.1466.20037';

export function recordLdapCalls(): { calls: LdapCall[]; restore(): void } {
  const calls: LdapCall[] = [];
  const spies = CLIENT_METHODS.map((method) => {
    const original = Reflect.get(Client.prototype, method) as (...args: unknown[]) => unknown;
    return vi.spyOn(Client.prototype, method).mockImplementation(function (this: Client, ...args: unknown[]) {
      const [first, options] = args;
      const call: LdapCall = { method };
      if (typeof first === 'string') call.target = first;
      const opts = options as { attributes?: string[]; paged?: unknown } | undefined;
      if (method.startsWith('search') && opts?.attributes) call.attributes = opts.attributes;
      if (method.startsWith('search')) call.paged = method === 'searchPaginated' || Boolean(opts?.paged);
      calls.push(call);
      return original.apply(this, args) as never;
    });
  });
  return { calls, restore: () => spies.forEach((s) => s.mockRestore()) };
}

/** Calls that are not reads: writes of any kind, or an extended operation other than StartTLS. */
export function nonReadCalls(calls: LdapCall[]): LdapCall[] {
  return calls.filter((c) => !READ_METHODS.has(c.method) || (c.method === 'exop' && c.target !== START_TLS_OID));
}

export function profileIds(snapshot: SystemSnapshot): string[] {
  const store = snapshot.profiles;
  if (!store) return [];
  return Array.from({ length: store.size }, (_, i) => store.localId(i));
}
