import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startScimSimulator, type ScimSimulator } from '../../../bench/simulators/scim.js';
import { dataset, paths, runScim, scimTarget } from './helpers.js';

/** The benchmark's SCIM simulator, read by the connector in both paging modes (small N here). */
let indexed: ScimSimulator;
let cursored: ScimSimulator;

beforeAll(async () => {
  indexed = await startScimSimulator({ users: 2500 });
  cursored = await startScimSimulator({ users: 2500, cursor: true, maxResults: 700 });
});

afterAll(async () => {
  await indexed.close();
  await cursored.close();
});

describe('bench SCIM simulator', () => {
  it('index paging: every user once, 3 pages of 1,000', async () => {
    const { snapshot, requests } = await runScim(scimTarget(indexed.baseUrl, { maxCount: 1000 }), { ca: indexed.caPem });
    expect(snapshot.errors).toEqual([]);
    expect(dataset(snapshot, 'users')).toEqual({ name: 'users', state: 'complete', records: 2500, total: 2500, pages: 3 });
    expect(new Set([...snapshot.profiles!].map((p) => p.localId)).size).toBe(2500);
    expect(paths(requests)[0]).toBe('/ServiceProviderConfig');
    expect(indexed.requests()).toBe(requests.length);
  });

  it('cursor paging when advertised, bounded by maxPageSize', async () => {
    const { snapshot, requests } = await runScim(scimTarget(cursored.baseUrl, { maxCount: 1000 }), { ca: cursored.caPem });
    expect(snapshot.errors).toEqual([]);
    expect(dataset(snapshot, 'users')).toEqual({ name: 'users', state: 'complete', records: 2500, total: 2500, pages: 4 });
    const pages = paths(requests).filter((p) => p.includes('cursor='));
    expect(pages).toHaveLength(4);
    expect(pages.every((p) => p.includes('count=700'))).toBe(true);
    if (snapshot.facts.identityStore?.provisioning?.state !== 'observed') throw new Error('provisioning not observed');
    expect(snapshot.facts.identityStore.provisioning.value.scim?.cursorPaging).toBe(true);
  });
});
