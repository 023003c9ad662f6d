import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { customersContainer, syntheticCustomer } from '../../../bench/simulators/ldap.js';
import { DEFAULT_MAPPING, requestedAttributes } from '../../../connectors/ldap/attributes.js';
import { startSlapd, type SlapdServer } from '../../../src/demo/ldap-server.js';
import { BASE_DN, profileIds, scan, SUFFIX, targetFor } from './directory.js';

/**
 * profiles.consent on LDAP, against a real slapd: the attributes are requested with the mapped
 * ones, the first value counts, and a GeneralizedTime timestamp (the LDAP syntax) is converted.
 * The stock schemas have no consent attribute; this directory keeps it where many do without a
 * schema extension: employeeType (inetOrgPerson), with the decision's time in description.
 */
const CUSTOMERS = 40;
const CONSENT_VALUES = ['subscribed', 'unsubscribed', 'TRUE', 'on hold', undefined];
const TIMES = ['20250301100000Z', '202503011200+0200', 'not a time', '20250301100000Z', undefined];

let server: SlapdServer;

beforeAll(async () => {
  const entries = [customersContainer(BASE_DN)];
  for (let i = 1; i <= CUSTOMERS; i++) {
    const entry = syntheticCustomer(i, BASE_DN);
    const consent = CONSENT_VALUES[(i - 1) % CONSENT_VALUES.length];
    const time = TIMES[(i - 1) % TIMES.length];
    if (consent !== undefined) entry.attributes.employeeType = consent;
    if (time !== undefined) entry.attributes.description = time;
    entries.push(entry);
  }
  server = await startSlapd({ suffix: SUFFIX, entries });
});

afterAll(async () => {
  await server?.close();
});

describe('ldap: marketing consent from a directory attribute (real slapd)', () => {
  it('requests the attributes and fills Profile.consent, GeneralizedTime converted', async () => {
    const result = await scan(targetFor(server, { allowPlaintextBind: true, profiles: { consent: { attribute: 'employeeType', updatedAt: 'description' } } }));
    const { snapshot } = result;
    expect(snapshot.errors).toEqual([]);
    const search = result.calls.find((c) => c.method.startsWith('search') && c.target === BASE_DN);
    expect(search?.attributes).toEqual([...requestedAttributes(DEFAULT_MAPPING), 'employeeType', 'description']);
    expect(profileIds(snapshot)).toHaveLength(CUSTOMERS);
    const store = snapshot.profiles!;
    // Profiles are keyed by entryUUID.
    const byId = new Map([...store].map((p) => [p.localId, p.consent]));
    const entry = (i: number) => byId.get(String(syntheticCustomer(i, BASE_DN).attributes.entryUUID));
    // Customer 1 subscribed, 2 unsubscribed, 3 TRUE (its time unparsable), 4 "on hold" (neither list), 5 nothing; and so on.
    expect(entry(1)).toEqual({ marketing: true, updatedAt: '2025-03-01T10:00:00.000Z' });
    expect(entry(2)).toEqual({ marketing: false, updatedAt: '2025-03-01T10:00:00.000Z' });
    expect(entry(3)).toEqual({ marketing: true });
    expect(entry(4)).toBeUndefined();
    expect(entry(5)).toBeUndefined();
    expect([...store].filter((p) => p.consent !== undefined)).toHaveLength(24);
    const users = snapshot.coverage.datasets.find((d) => d.name === 'users');
    expect(users).toMatchObject({ state: 'complete', records: CUSTOMERS });
    expect(users?.reason).toBe(
      'profiles.consent: 8 record(s) hold a value at "employeeType" that is in neither optedIn nor optedOut (consent left unknown). profiles.consent: 8 timestamp(s) at "description" are not dates and were dropped',
    );
  });
});
