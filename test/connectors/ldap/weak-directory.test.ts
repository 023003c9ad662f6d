import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ldapConnector } from '../../../connectors/ldap/index.js';
import { nonReadRequests } from '../../support/collect-context.js';
import { RULES } from '../../../rules/index.js';
import { buildInventory } from '../../../src/inventory.js';
import { emptyIdentityGraph } from '../../../src/model/identity.js';
import { evaluateRules } from '../../../src/rules-engine/evaluate.js';
import type { AnyConnector } from '../../../src/connector.js';
import { expectedCounts, nonReadCalls, scan, startTestDirectory, targetFor, WEAK_POLICY, type TestDirectory } from './directory.js';

/**
 * A directory with every weakness the rules look for: no TLS at all (StartTLS not offered, the
 * operator accepted a plain bind), a password policy that checks no length and forces expiry, no
 * lockout. The facts must show each of them, so PROV-DIRECTORY-TLS, AUTHN-PASSWORD-POLICY and
 * AUTHN-ONLINE-GUESSING-LIMITS can fail on evidence.
 */
const CUSTOMERS = 120;
let dir: TestDirectory;

beforeAll(async () => {
  dir = await startTestDirectory({ customers: CUSTOMERS, policy: WEAK_POLICY });
});

afterAll(async () => {
  await dir?.server.close();
});

describe('ldap connector on a weak directory', () => {
  it('shows plain transport, no StartTLS, a weak password policy and no lockout', async () => {
    const result = await scan(targetFor(dir.server, { allowPlaintextBind: true, activeProbes: true }));
    const { snapshot } = result;
    expect(snapshot.errors).toEqual([]);
    const facts = snapshot.facts.identityStore!;
    expect(facts.directory).toMatchObject({ state: 'observed', value: { transport: 'plain', startTls: false, pagedResults: true } });
    expect(facts.passwordPolicy).toEqual({
      state: 'observed',
      value: {
        minLength: 0,
        composition: [],
        expiryDays: 30,
        historyCount: 0,
        blocklist: false,
        breachedPasswordCheck: false,
        source: 'ppolicy cn=default,ou=policies,dc=example,dc=com (pwdCheckQuality 0: length not checked)',
      },
    });
    expect(facts.bruteForce).toMatchObject({ state: 'observed', value: { accountLockout: false, ipThrottling: 'unknown', botDetection: 'unknown' } });
    expect(facts.bruteForce?.state === 'observed' && facts.bruteForce.value.maxAttempts).toBe(undefined);
    const counts = expectedCounts(CUSTOMERS);
    expect(facts.userStats).toEqual({ state: 'observed', value: { total: CUSTOMERS, read: CUSTOMERS, enabled: CUSTOMERS - counts.disabled, disabled: counts.disabled } });
    expect(nonReadRequests(ldapConnector as unknown as AnyConnector, result.requests)).toEqual([]);
    expect(nonReadCalls(result.calls)).toEqual([]);
  });

  it('refuses StartTLS when the server does not offer it, before any password is sent', async () => {
    const { snapshot, calls } = await scan(targetFor(dir.server, { startTls: true }));
    expect(snapshot.errors.map((e) => e.code)).toEqual(['TLS']);
    expect(calls.some((c) => c.method === 'bind')).toBe(false);
    expect(snapshot.facts.identityStore?.directory?.state).toBe('unknown');
  });

  it('activeProbes: the anonymous root DSE read records that StartTLS is not offered', async () => {
    const { snapshot, calls } = await scan(targetFor(dir.server, { startTls: true, activeProbes: true, profiles: { read: false } }));
    expect(snapshot.errors.map((e) => e.code)).toEqual(['TLS']);
    expect(snapshot.facts.identityStore?.directory).toMatchObject({ state: 'observed', value: { startTls: false } });
    expect(calls.some((c) => c.method === 'bind')).toBe(false);
  });

  it('is evidence enough for the rules to fail: PROV-DIRECTORY-TLS, AUTHN-PASSWORD-POLICY, AUTHN-ONLINE-GUESSING-LIMITS', async () => {
    const { snapshot } = await scan(targetFor(dir.server, { allowPlaintextBind: true, profiles: { read: false } }));
    const ids = ['PROV-DIRECTORY-TLS', 'AUTHN-PASSWORD-POLICY', 'AUTHN-ONLINE-GUESSING-LIMITS'];
    const rules = RULES.filter((r) => ids.includes(r.meta.id));
    expect(rules.map((r) => r.meta.id).sort()).toEqual([...ids].sort());
    const inventory = buildInventory([snapshot], { scannedAt: '2026-11-01T00:00:00.000Z' });
    const { results, problems } = evaluateRules(rules, inventory, emptyIdentityGraph('n/a'));
    expect(problems).toEqual([]);
    expect(Object.fromEntries(results.map((r) => [r.ruleId, r.outcome]))).toEqual({ 'PROV-DIRECTORY-TLS': 'fail', 'AUTHN-PASSWORD-POLICY': 'fail', 'AUTHN-ONLINE-GUESSING-LIMITS': 'fail' });
  });
});
