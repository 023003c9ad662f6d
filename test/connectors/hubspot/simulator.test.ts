import { afterEach, describe, expect, it } from 'vitest';
import { hubspotConnector } from '../../../connectors/hubspot/index.js';
import { startCrmSimulator, type RunningCrmSimulator } from '../../../src/demo/crm-simulator.js';
import type { HttpLimits } from '../../../src/http/types.js';
import { person } from '../../../src/synthetic/people.js';
import { recordOf, type StoreSpec, type SyntheticRecord, type WorldSpec } from '../../../src/synthetic/world.js';
import { testCollectContext } from '../../support/collect-context.js';
import { config, dataset, expectReadOnly } from './helpers.js';

/**
 * End to end through the real @hubspot/api-client (generated clients over our HTTP client) against
 * the CRM simulator (src/demo/crm-simulator.ts) on localhost: HubSpot's shapes, cursors, totals and
 * its rolling ten-second limit with 429s. No timed assertions: the window check counts requests per
 * window in the simulator's own log.
 */
const TOKEN = 'pat-na1-simulator-0000-4000-8000-000000000000';
const LINK = 'idp_subject';

/** Contacts i = person i of a world where 60 % of HubSpot contacts hold the IdP's UUID subject. */
function contacts(count: number): ((index: number) => SyntheticRecord | undefined) & { count: number } {
  const idp: StoreSpec = { id: 'idp', kind: 'identity-store', coverage: 1, idStyle: 'uuid' };
  const hs: StoreSpec = { id: 'hs', kind: 'crm', coverage: 1, idStyle: 'numeric', links: { toStore: 'idp', kind: 'crm-key', via: LINK, rate: 0.6 } };
  const world: WorldSpec = { seed: 23, people: count, stores: [idp, hs] };
  return Object.assign((index: number) => recordOf(hs, world, person(index, world), 0), { count });
}

let sim: RunningCrmSimulator | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

function run(sim: RunningCrmSimulator, overrides: Parameters<typeof config>[0] = {}, limits: Partial<HttpLimits> = {}) {
  const target = config({ id: 'hubspot-sim', accessToken: TOKEN, basePath: sim.hubspot.basePath, ...overrides });
  return { target, ...testCollectContext(hubspotConnector, target, { ca: sim.caPem, secrets: [TOKEN], limits: { maxRetries: 2, ...limits } }) };
}

/** The most requests the simulator saw arrive within any span of `windowMs`. */
function busiestWindow(times: number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let busiest = 0;
  let start = 0;
  for (let end = 0; end < sorted.length; end++) {
    while ((sorted[end] ?? 0) - (sorted[start] ?? 0) >= windowMs) start++;
    busiest = Math.max(busiest, end - start + 1);
  }
  return busiest;
}

describe('hubspot connector against the CRM simulator', () => {
  it('20,000 contacts: 200 pages to the end, totals and link counts agree with the simulator', async () => {
    sim = await startCrmSimulator({ hubspot: { contacts: contacts(20_000), linkProperty: LINK, tenSecondLimit: 2_000 }, token: TOKEN });
    // This account allows 2,000 per 10 s; the target says so (limits.windows), so the run stays quick.
    const { target, ctx, requests } = run(sim, {}, { windows: [{ requests: 1_900, perMs: 10_000 }] });
    const snapshot = await hubspotConnector.collect(target, ctx);

    expect(snapshot.errors).toEqual([]);
    expect(dataset(snapshot, 'contacts')).toEqual({ name: 'contacts', state: 'complete', records: 20_000, total: 20_000, pages: 200 });
    const keyed = dataset(snapshot, 'contacts-with-link-key');
    expect(keyed?.state).toBe('complete');
    expect(keyed?.records).toBe(keyed?.total);
    const crm = snapshot.facts.crm;
    expect(crm?.identityLinkFields).toMatchObject({ state: 'observed', value: [{ field: LINK, unique: true, source: 'detected' }] });
    expect(crm?.linkStats).toMatchObject({ state: 'observed', value: { records: 20_000, withKey: keyed?.total, emailShaped: 0, sharedValues: 0 } });
    const stats = crm?.linkStats?.state === 'observed' ? crm.linkStats.value : undefined;
    expect(stats?.subjectShaped).toBe(stats?.withKey);
    expect(stats?.withKey).toBeGreaterThan(10_000);
    expect(crm?.consentFields).toMatchObject({ state: 'observed', value: expect.arrayContaining([{ object: 'contacts', field: 'hs_marketable_status', meaning: 'subscription-status' }]) });
    expect(snapshot.profiles?.size).toBe(20_000);
    const sample = snapshot.profiles?.get(0);
    expect(sample?.emails.length).toBeGreaterThan(0);
    expect(sample?.consent?.marketing).toBeTypeOf('boolean');
    expect(snapshot.coverage.quotas).toMatchObject({ 'hubspot ten-second max': 2000, 'hubspot daily max': 250000 });
    // Token info is not simulated (404): every section was tried instead; nothing but reads and the two searches.
    expect(sim.requests().filter((r) => r.method === 'POST').map((r) => `${r.path} ${r.status}`).sort()).toEqual([
      '/crm/v3/objects/contacts/search 200',
      '/crm/v3/objects/contacts/search 200',
      '/oauth/v2/private-apps/get/access-token-info 404',
    ]);
    expect(sim.counts().hubspot[429]).toBeUndefined();
    expectReadOnly(requests);
  }, 60_000);

  it('tenSecondLimit 100: our governor keeps every 10-second window at 100 or fewer, so HubSpot never has to say 429', async () => {
    sim = await startCrmSimulator({ hubspot: { contacts: contacts(3_000), linkProperty: LINK, tenSecondLimit: 100 }, token: TOKEN });
    // 25 per page: 120 list pages plus 4 other calls, more than one window's worth. The connector's own
    // maxRetryWaitMs (15 s): when X-HubSpot-RateLimit-Remaining reaches 0 the client waits out the interval.
    const { target, ctx } = run(sim, { profiles: { pageSize: 25 } }, { maxRetryWaitMs: 15_000 });
    const snapshot = await hubspotConnector.collect(target, ctx);

    expect(snapshot.errors).toEqual([]);
    expect(dataset(snapshot, 'contacts')).toMatchObject({ state: 'complete', records: 3_000, total: 3_000, pages: 120 });
    const log = sim.requests().filter((r) => r.system === 'hubspot');
    expect(log).toHaveLength(124);
    expect(busiestWindow(log.map((r) => r.at), 10_000)).toBeLessThanOrEqual(100);
    expect(sim.counts().hubspot[429]).toBeUndefined();
    // X-HubSpot-RateLimit-Remaining reaching 0 paused the target (counted as throttled), no request was repeated.
    expect(snapshot.coverage.retries).toBe(0);
  }, 60_000);

  it("a small daily allowance: the scan stops at the reserve it leaves the account's other integrations, without a 429", async () => {
    sim = await startCrmSimulator({ hubspot: { contacts: contacts(3_000), linkProperty: LINK, dailyLimit: 30 }, token: TOKEN });
    const { target, ctx } = run(sim);
    const snapshot = await hubspotConnector.collect(target, ctx);

    expect(snapshot.errors).toMatchObject([{ code: 'RATE_LIMITED', message: expect.stringContaining('3 of 30 requests left') }]);
    expect(dataset(snapshot, 'contacts')).toMatchObject({ state: 'partial', total: 3_000 });
    expect(sim.counts().hubspot[429]).toBeUndefined();
    // 10 % of 30 is kept: the simulator served 27 requests at most.
    expect(sim.requests().length).toBeLessThanOrEqual(27);
    expect(snapshot.coverage.quotas).toMatchObject({ 'hubspot daily lowest remaining': 3 });
  }, 60_000);

  it('an account without an identity property: no link field, zero keys, profiles still read', async () => {
    sim = await startCrmSimulator({ hubspot: { contacts: contacts(250) }, token: TOKEN });
    const { target, ctx } = run(sim);
    const snapshot = await hubspotConnector.collect(target, ctx);
    expect(snapshot.errors).toEqual([]);
    expect(snapshot.facts.crm?.identityLinkFields).toEqual({ state: 'observed', value: [] });
    expect(snapshot.facts.crm?.linkStats).toEqual({ state: 'observed', value: { records: 250, withKey: 0, emailShaped: 0, subjectShaped: 0, sharedValues: 0 } });
    expect(dataset(snapshot, 'contacts')).toMatchObject({ state: 'complete', records: 250, total: 250, pages: 3 });
  }, 60_000);

  it('a wrong token: every section unknown naming its scope, nothing read, no crash', async () => {
    sim = await startCrmSimulator({ hubspot: { contacts: contacts(10) }, token: TOKEN });
    const { target, ctx } = run(sim, { accessToken: 'pat-na1-wrong-token-0000' });
    const snapshot = await hubspotConnector.collect(target, ctx);
    expect(snapshot.facts.crm?.identityLinkFields).toMatchObject({ state: 'unknown', reason: { kind: 'no-permission', error: { code: 'AUTH_FAILED' } } });
    expect(snapshot.facts.crm?.objects).toMatchObject({ state: 'unknown', reason: { kind: 'no-permission' } });
    expect(snapshot.profiles).toBeUndefined();
    expect(JSON.stringify(snapshot)).not.toContain('pat-na1-wrong-token-0000');
  }, 60_000);
});
