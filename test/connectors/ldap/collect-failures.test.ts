import { afterEach, describe, expect, it } from 'vitest';
import { createServer, type AddressInfo } from 'node:net';
import type { LdapTargetConfig } from '../../../connectors/ldap/config.js';
import { ldapConnector } from '../../../connectors/ldap/index.js';
import type { AnyConnector } from '../../../src/connector.js';
import { nonReadRequests } from '../../support/collect-context.js';
import { BASE_DN, nonReadCalls, PAGED_OID, profileIds, scan } from './directory.js';
import { bindResponse, searchDone, searchResult, startFakeLdap, type FakeLdap, type FakeReply, type FakeRequest } from './fake-ldap.js';

/**
 * Failures a healthy slapd does not produce on demand, from a scripted LDAP server: busy and
 * unavailable answers, time limits, silence, bytes that are not LDAP, dropped connections, and
 * the address guard. Each becomes a coded error; what was read is kept; nothing crashes.
 */
const connector = ldapConnector as unknown as AnyConnector;
const FAST = { maxRetryWaitMs: 10, timeoutMs: 500, connectTimeoutMs: 500 };

const ROOT_DSE = { dn: '', attributes: { namingContexts: ['dc=example,dc=com'], supportedControl: [PAGED_OID], supportedExtension: ['1.3.6.1.4.1.4203.1.11.3'], vendorName: ['Example Directory Server'], vendorVersion: ['1.0'] } };
const USERS: Array<{ dn: string; attributes: Record<string, string[]> }> = [
  { dn: `uid=a,${BASE_DN}`, attributes: { entryUUID: ['8a1f0b52-0000-4000-8000-000000000001'], uid: ['a'], mail: ['a@example.com'] } },
  { dn: `uid=b,${BASE_DN}`, attributes: { entryUUID: ['8a1f0b52-0000-4000-8000-000000000002'], uid: ['b'], nsAccountLock: ['true'] } },
];

let fake: FakeLdap | undefined;

afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

/** A healthy directory, except where `override` answers first. */
async function directory(override: (req: FakeRequest) => FakeReply | undefined = () => undefined): Promise<FakeLdap> {
  fake = await startFakeLdap((req) => {
    const special = override(req);
    if (special) return special;
    if (req.op === 'bind') return [bindResponse(req.id)];
    if (req.op === 'search' && req.base === '') return searchResult(req.id, [ROOT_DSE]);
    if (req.op === 'search' && req.base === BASE_DN) return searchResult(req.id, USERS);
    return [searchDone(req.id)];
  });
  return fake;
}

function target(url: string, overrides: Partial<LdapTargetConfig> = {}): LdapTargetConfig {
  return { id: 'fake', type: 'ldap', url, bindDn: 'cn=scanner,dc=example,dc=com', bindPassword: 'fake-scanner-password', baseDn: BASE_DN, allowPlaintextBind: true, ...overrides };
}

describe('ldap connector failures', () => {
  it('retries a busy bind (LDAP 51), counts it as throttled, then reads everything', async () => {
    const server = await directory((req) => (req.op === 'bind' && req.nth === 0 ? [bindResponse(req.id, 51)] : undefined));
    const result = await scan(target(server.url), { limits: FAST });
    const calls = result.calls;
    const { snapshot } = result;
    expect(snapshot.errors).toEqual([]);
    expect(snapshot.coverage.retries).toBe(1);
    expect(snapshot.coverage.throttled).toBeGreaterThanOrEqual(1);
    expect(server.requests.filter((r) => r.op === 'bind')).toHaveLength(2);
    expect(profileIds(snapshot)).toEqual(['8a1f0b52-0000-4000-8000-000000000001', '8a1f0b52-0000-4000-8000-000000000002']);
    expect(snapshot.facts.identityStore?.userStats).toEqual({ state: 'observed', value: { total: 2, read: 2, enabled: 1, disabled: 1 } });
    expect(snapshot.product).toBe('ldap');
    expect(nonReadRequests(connector, result.requests)).toEqual([]);
    expect(nonReadCalls(calls)).toEqual([]);
  });

  it('gives up after maxRetries when the directory stays busy, with a retryable SERVER_ERROR', async () => {
    const server = await directory((req) => (req.op === 'bind' ? [bindResponse(req.id, 51)] : undefined));
    const { snapshot } = await scan(target(server.url), { limits: { ...FAST, maxRetries: 2 } });
    expect(server.requests.filter((r) => r.op === 'bind')).toHaveLength(3);
    expect(snapshot.errors).toHaveLength(1);
    expect(snapshot.errors[0]).toMatchObject({ code: 'SERVER_ERROR', retryable: true });
    expect(snapshot.coverage.throttled).toBe(2);
    expect(server.requests.some((r) => r.op === 'search')).toBe(false);
  });

  it('reports unavailable (LDAP 52) on the user search as SERVER_ERROR, keeping the other sections', async () => {
    const server = await directory((req) => (req.op === 'search' && req.base === BASE_DN ? [searchDone(req.id, 52)] : undefined));
    const { snapshot } = await scan(target(server.url), { limits: FAST });
    expect(snapshot.errors.map((e) => e.code)).toEqual(['SERVER_ERROR']);
    expect(snapshot.errors[0]?.retryable).toBe(true);
    expect(snapshot.coverage.datasets.find((d) => d.name === 'users')?.state).toBe('not-read');
    expect(snapshot.facts.identityStore?.directory?.state).toBe('observed');
    // Pages are never retried: re-reading from the start would count entries twice.
    expect(server.requests.filter((r) => r.op === 'search' && r.base === BASE_DN)).toHaveLength(1);
  });

  it('maps a server time limit (LDAP 3) to TIMEOUT', async () => {
    const server = await directory((req) => (req.op === 'search' && req.base === BASE_DN ? [searchDone(req.id, 3)] : undefined));
    const { snapshot } = await scan(target(server.url, { timeLimitSeconds: 5 }), { limits: FAST });
    expect(snapshot.errors.map((e) => e.code)).toEqual(['TIMEOUT']);
    expect(snapshot.facts.identityStore?.userStats).toMatchObject({ state: 'unknown', reason: { kind: 'collection-error' } });
  });

  it('maps insufficient access (LDAP 50) to a missing permission, not an error', async () => {
    const server = await directory((req) => (req.op === 'search' && req.base === BASE_DN ? [searchDone(req.id, 50)] : undefined));
    const { snapshot } = await scan(target(server.url), { limits: FAST });
    expect(snapshot.errors).toEqual([]);
    expect(snapshot.coverage.missingPermissions).toHaveLength(1);
    expect(snapshot.facts.identityStore?.userStats).toMatchObject({ state: 'unknown', reason: { kind: 'no-permission' } });
    expect(snapshot.coverage.datasets.find((d) => d.name === 'users')?.state).toBe('not-read');
  });

  it('reports an empty result as such: no entries is not "no customers"', async () => {
    const server = await directory((req) => (req.op === 'search' && req.base === BASE_DN ? [searchDone(req.id)] : undefined));
    const { snapshot } = await scan(target(server.url), { limits: FAST });
    expect(snapshot.facts.identityStore?.userStats).toMatchObject({ state: 'unknown', reason: { kind: 'no-permission' } });
    expect(snapshot.coverage.datasets.find((d) => d.name === 'users')).toMatchObject({ state: 'not-read', records: 0 });
  });

  it('turns a non-LDAP answer into UNEXPECTED_SHAPE at once', async () => {
    const server = await directory((req) => (req.op === 'bind' ? 'garbage' : undefined));
    const { snapshot } = await scan(target(server.url), { limits: { ...FAST, timeoutMs: 60_000 } });
    expect(snapshot.errors.map((e) => e.code)).toEqual(['UNEXPECTED_SHAPE']);
    expect(snapshot.errors[0]?.message).not.toMatch(/\n|at .*\.js/);
  });

  it('times out on a server that never answers', async () => {
    const server = await directory((req) => (req.op === 'search' && req.base === '' ? 'silence' : undefined));
    const { snapshot } = await scan(target(server.url, { profiles: { read: false } }), { limits: FAST });
    expect(snapshot.errors.map((e) => e.code)).toContain('TIMEOUT');
    expect(snapshot.facts.identityStore?.directory?.state).toBe('unknown');
  });

  it('stops when the connection drops mid-scan instead of reading on unauthenticated', async () => {
    let dropped = false;
    const server = await directory((req) => {
      if (req.op === 'search' && req.base === BASE_DN && !dropped) {
        dropped = true;
        return 'drop';
      }
      return undefined;
    });
    const { snapshot } = await scan(target(server.url), { limits: { ...FAST, timeoutMs: 60_000 } });
    expect(snapshot.errors.map((e) => e.code)).toEqual(['NETWORK']);
    expect(snapshot.coverage.datasets.find((d) => d.name === 'users')?.state).toBe('not-read');
    // No second connection was opened to carry on without the bind.
    expect(server.requests.filter((r) => r.op === 'search' && r.base === BASE_DN)).toHaveLength(1);
  });

  it('reports a closed port as CONNECTION_REFUSED', async () => {
    const port = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const { port: free } = probe.address() as AddressInfo;
        probe.close(() => resolve(free));
      });
    });
    const { snapshot } = await scan(target(`ldap://127.0.0.1:${port}`), { limits: FAST });
    expect(snapshot.errors.map((e) => e.code)).toEqual(['CONNECTION_REFUSED']);
    expect(snapshot.coverage.datasets.map((d) => d.state)).toEqual(['not-read', 'not-read']);
  });

  it('refuses link-local and metadata addresses without connecting', async () => {
    for (const url of ['ldaps://169.254.169.254', 'ldaps://[fe80::1]:636', 'ldaps://metadata.google.internal']) {
      const { snapshot, calls } = await scan(target(url, { allowPlaintextBind: undefined }), { limits: FAST });
      expect(snapshot.errors.map((e) => e.code)).toEqual(['ADDRESS_BLOCKED']);
      expect(snapshot.coverage.requests).toBe(0);
      expect(calls).toEqual([]);
    }
  });

  it('a cancelled scan ends an operation in flight with ABORTED, not at its timeout', async () => {
    const controller = new AbortController();
    const server = await directory((req) => {
      if (req.op !== 'bind') return undefined;
      controller.abort(new Error('cancelled by the operator'));
      return 'silence';
    });
    const { snapshot } = await scan(target(server.url), { limits: { ...FAST, timeoutMs: 30_000 }, signal: controller.signal });
    expect(snapshot.errors.map((e) => e.code)).toEqual(['ABORTED']);
  });

  it('stops with ABORTED when the scan is cancelled', async () => {
    const server = await directory();
    const controller = new AbortController();
    controller.abort(new Error('cancelled by the operator'));
    const { snapshot } = await scan(target(server.url), { limits: FAST, signal: controller.signal });
    expect(snapshot.errors.map((e) => e.code)).toEqual(['ABORTED']);
    expect(server.requests).toEqual([]);
  });
});
