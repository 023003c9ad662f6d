import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOktaSimulator, type OktaSimulator } from '../../../bench/simulators/okta.js';
import { oktaConnector } from '../../../connectors/okta/index.js';
import { testCollectContext } from '../../support/collect-context.js';
import { TOKEN, config, expectReadOnly } from './helpers.js';

describe('bench simulator: a local https Okta org with Link paging and a per-minute limit', () => {
  let sim: OktaSimulator;
  beforeAll(async () => {
    sim = await startOktaSimulator({ users: 1050, limitPerMinute: 1000 });
  });
  afterAll(async () => {
    await sim.close();
  });

  it('the connector reads every user through the real client and TLS with the simulator CA', async () => {
    const target = config(sim.orgUrl);
    const { ctx, requests } = testCollectContext(oktaConnector, target, { ca: sim.caPem, secrets: [TOKEN], limits: { concurrency: 2 } });
    const snapshot = await oktaConnector.collect(target, ctx);
    expect(snapshot.coverage.datasets.find((d) => d.name === 'users')).toEqual({ name: 'users', state: 'complete', records: 1050, total: 1050, pages: 6 });
    expect(snapshot.profiles?.size).toBe(1050);
    expect(snapshot.errors).toEqual([]);
    const served = sim.requests().filter((r) => r.path === '/api/v1/users');
    expect(served.map((r) => r.status)).toEqual([200, 200, 200, 200, 200, 200]);
    expectReadOnly(requests);
  });

  it('answers 429 with the reset headers once the minute bucket is used up', async () => {
    const small = await startOktaSimulator({ users: 10, limitPerMinute: 1 });
    try {
      const get = () => fetchWithCa(`${small.orgUrl}/api/v1/users?limit=5`, small.caPem);
      const first = await get();
      const second = await get();
      expect(first.status).toBe(200);
      expect(first.headers['x-rate-limit-remaining']).toBe('0');
      expect(second.status).toBe(429);
      expect(Number(second.headers['x-rate-limit-reset'])).toBeGreaterThan(Date.now() / 1000 - 1);
    } finally {
      await small.close();
    }
  });
});

async function fetchWithCa(url: string, ca: string): Promise<{ status: number; headers: Record<string, string> }> {
  const { request } = await import('node:https');
  return new Promise((resolve, reject) => {
    const req = request(url, { ca, headers: { Authorization: `SSWS ${TOKEN}` } }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers as Record<string, string> }));
    });
    req.on('error', reject);
    req.end();
  });
}
