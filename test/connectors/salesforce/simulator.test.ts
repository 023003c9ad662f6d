import { generateKeyPairSync } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { SalesforceTargetConfig } from '../../../connectors/salesforce/config.js';
import { salesforceConnector } from '../../../connectors/salesforce/index.js';
import { startCrmSimulator, type RunningCrmSimulator } from '../../../src/demo/crm-simulator.js';
import { person } from '../../../src/synthetic/people.js';
import { recordOf, type StoreSpec, type SyntheticRecord, type WorldSpec } from '../../../src/synthetic/world.js';
import { testCollectContext } from '../../support/collect-context.js';
import { SECRET, TOKEN, config, dataset, expectReadOnly } from './helpers.js';

/**
 * End to end through the real jsforce (Connection, OAuth2, HttpApi over our transport and HTTP
 * client) against the CRM simulator (src/demo/crm-simulator.ts) on 127.0.0.1 over TLS: REST query
 * paging, Bulk API 2.0 query jobs, the token endpoint, and the daily API allocation.
 */
const LINK = 'IdP_Subject__c';

/** Contact i = person i of a world where 60 % of Salesforce contacts hold the IdP's UUID subject; every 10th is a lead. */
function contacts(count: number): ((index: number) => SyntheticRecord | undefined) & { count: number } {
  const idp: StoreSpec = { id: 'idp', kind: 'identity-store', coverage: 1, idStyle: 'uuid' };
  const sf: StoreSpec = { id: 'sf', kind: 'crm', coverage: 1, idStyle: 'salesforce', links: { toStore: 'idp', kind: 'crm-key', via: LINK, rate: 0.6 } };
  const world: WorldSpec = { seed: 41, people: count, stores: [idp, sf] };
  return Object.assign(
    (index: number) => {
      const record = recordOf(sf, world, person(index, world), 0);
      return index % 10 === 9 ? { ...record, lifecycle: 'lead' as const } : record;
    },
    { count },
  );
}

function expected(count: number): { contacts: number; leads: number; linkedContacts: number; optedOut: number } {
  const seed = contacts(count);
  const out = { contacts: 0, leads: 0, linkedContacts: 0, optedOut: 0 };
  for (let i = 0; i < count; i++) {
    const r = seed(i);
    if (!r) continue;
    if (r.lifecycle === 'lead') out.leads += 1;
    else {
      out.contacts += 1;
      if (r.links.some((l) => l.kind === 'crm-key')) out.linkedContacts += 1;
      if (!r.marketingConsent) out.optedOut += 1;
    }
  }
  return out;
}

let sim: RunningCrmSimulator | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

function run(target: SalesforceTargetConfig, running: RunningCrmSimulator) {
  return { target, ...testCollectContext(salesforceConnector, target, { ca: running.caPem, secrets: [TOKEN, SECRET], limits: { maxRetries: 2 } }) };
}

describe('salesforce connector against the CRM simulator', () => {
  it('REST: 20,000 records, Contacts paged by queryMore at 2000 to the end; counts and link statistics agree with the seed', async () => {
    sim = await startCrmSimulator({ salesforce: { contacts: contacts(20_000), linkField: LINK } });
    const want = expected(20_000);
    const { target, ctx, requests } = run(config({ auth: { method: 'access-token', instanceUrl: sim.salesforce.instanceUrl, accessToken: TOKEN } }), sim);
    const snapshot = await salesforceConnector.collect(target, ctx);

    expect(snapshot.errors).toEqual([]);
    expect(snapshot.kind).toBe('crm');
    expect(dataset(snapshot, 'records Contact')).toEqual({ name: 'records Contact', state: 'complete', records: want.contacts, total: want.contacts, pages: Math.ceil(want.contacts / 2000) });
    expect(snapshot.profiles?.size).toBe(want.contacts);
    const crm = snapshot.facts.crm;
    expect(crm?.linkStats).toEqual({ state: 'observed', value: { records: want.contacts, withKey: want.linkedContacts, emailShaped: 0, subjectShaped: want.linkedContacts, sharedValues: 0 } });
    expect(crm?.identityLinkFields).toMatchObject({
      state: 'observed',
      value: expect.arrayContaining([
        expect.objectContaining({ object: 'Contact', field: LINK, externalId: true, unique: true, source: 'detected', reason: expect.stringContaining(`${want.linkedContacts} of ${want.contacts} Contact records hold a value`) }),
        expect.objectContaining({ object: 'Lead', field: LINK, source: 'detected' }),
      ]),
    });
    expect(crm?.objects).toMatchObject({ state: 'observed', value: expect.arrayContaining([{ name: 'Contact', total: want.contacts, read: want.contacts, linked: { field: LINK, count: want.linkedContacts }, customerObject: true }]) });
    expect(crm?.duplicateRules).toMatchObject({ state: 'observed', value: expect.arrayContaining([{ object: 'Contact', name: 'Standard_Contact_Duplicate_Rule', active: true }]) });
    const marketable = [...Array(snapshot.profiles?.size ?? 0).keys()].filter((i) => snapshot.profiles?.consentOf(i) === false).length;
    expect(marketable).toBe(want.optedOut);
    expect(snapshot.coverage.quotas).toMatchObject({ 'salesforce DailyApiRequests max': 100_000, 'salesforce DailyApiRequests consumed during scan': expect.any(Number) });
    const served = sim.requests().filter((r) => r.path.includes('/query'));
    expect(served.every((r) => r.status === 200)).toBe(true);
    expect(requests.some((r) => r.url.includes('/jobs/query'))).toBe(false);
    expectReadOnly(requests);
  });

  it('Bulk API 2.0 above bulkThreshold: one query job, polled to JobComplete, results read in sets of 10,000; leads too', async () => {
    sim = await startCrmSimulator({ salesforce: { contacts: contacts(20_000), linkField: LINK } });
    const want = expected(20_000);
    const { target, ctx, requests } = run(
      config({ auth: { method: 'access-token', instanceUrl: sim.salesforce.instanceUrl, accessToken: TOKEN }, bulkThreshold: 1_000, customerObjects: ['Contact', 'Lead'] }),
      sim,
    );
    const snapshot = await salesforceConnector.collect(target, ctx);

    expect(snapshot.errors).toEqual([]);
    expect(dataset(snapshot, 'records Contact')).toEqual({ name: 'records Contact', state: 'complete', records: want.contacts, total: want.contacts, pages: 2 });
    expect(dataset(snapshot, 'records Lead')).toEqual({ name: 'records Lead', state: 'complete', records: want.leads, total: want.leads, pages: 1 });
    expect(snapshot.profiles?.size).toBe(want.contacts + want.leads);
    const lifecycles = new Set([...Array(snapshot.profiles?.size ?? 0).keys()].map((i) => snapshot.profiles?.lifecycleOf(i)));
    expect(lifecycles).toEqual(new Set(['customer', 'lead']));
    const jobs = requests.filter((r) => r.method === 'POST');
    expect(jobs.map((r) => [new URL(r.url).pathname, r.intent])).toEqual([
      ['/services/data/v62.0/jobs/query', 'read-only-post'],
      ['/services/data/v62.0/jobs/query', 'read-only-post'],
    ]);
    expect(sim.requests().filter((r) => r.method === 'PATCH' || r.method === 'DELETE')).toEqual([]);
    expectReadOnly(requests);
  });

  it('client credentials and JWT bearer: tokens from the simulator token endpoint, then the same reads', async () => {
    sim = await startCrmSimulator({ salesforce: { contacts: contacts(300), linkField: LINK } });
    const cc = run(config({ auth: { method: 'client-credentials', loginUrl: sim.salesforce.loginUrl, clientId: '3MVG9invented', clientSecret: SECRET } }), sim);
    const ccSnapshot = await salesforceConnector.collect(cc.target, cc.ctx);
    expect(ccSnapshot.errors).toEqual([]);
    expect(dataset(ccSnapshot, 'records Contact')?.state).toBe('complete');
    expect(cc.requests.filter((r) => r.intent === 'token')).toHaveLength(1);
    expectReadOnly(cc.requests);

    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const jwt = run(config({ auth: { method: 'jwt-bearer', loginUrl: sim.salesforce.loginUrl, clientId: '3MVG9invented', username: 'integration@example.invalid', privateKey: pem } }), sim);
    const jwtSnapshot = await salesforceConnector.collect(jwt.target, jwt.ctx);
    expect(jwtSnapshot.errors).toEqual([]);
    expect(dataset(jwtSnapshot, 'records Contact')?.state).toBe('complete');
    expect(JSON.stringify(jwtSnapshot.coverage) + JSON.stringify(jwtSnapshot.facts)).not.toContain('PRIVATE KEY');
    expectReadOnly(jwt.requests);
  });

  it('a full read that would use more than 10 % of the remaining daily requests is refused before it starts', async () => {
    sim = await startCrmSimulator({ salesforce: { contacts: contacts(20_000), linkField: LINK, dailyApiRequests: 60 } });
    const { target, ctx, requests } = run(config({ auth: { method: 'access-token', instanceUrl: sim.salesforce.instanceUrl, accessToken: TOKEN } }), sim);
    const snapshot = await salesforceConnector.collect(target, ctx);

    expect(snapshot.errors).toEqual([]);
    expect(dataset(snapshot, 'records Contact')).toMatchObject({ state: 'not-read', reason: expect.stringMatching(/estimated 9 API requests exceed 10 % of the \d+ daily API requests remaining/) });
    expect(requests.some((r) => r.url.includes('ORDER%20BY'))).toBe(false);
    expect(snapshot.profiles).toBeUndefined();
    expect(snapshot.facts.crm?.identityLinkFields?.state).toBe('observed');
    expectReadOnly(requests);
  });
});
