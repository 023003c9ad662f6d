/**
 * What the CRM scenarios share: the targets of the two CRM connectors against the CRM simulator
 * (bench/simulators/crm.ts, in its own process), and the warm-up of the simulator's record counts.
 *
 * Why a warm-up: both connectors ask for totals before paging (HubSpot: two searches with
 * `limit: 1`; Salesforce: `SELECT COUNT()` with and without the link field). A real CRM answers
 * them from an index; the simulator generates its records on demand and answers them with one pass
 * over the whole index space per question (~20 µs a record on the development machine: ~20 s per
 * question at 1M), then caches the answer. Asked once before the timed read, with a token of its
 * own (HubSpot's rolling window is per token), those passes are not counted as the connector's time
 * and do not open a gap in a rate-limited run; the connector still sends every request itself.
 *
 * Scenario modules import their connector inside `run` (and nothing here imports the simulator):
 * bench/scenarios/index.ts loads every scenario module into every scenario process, and jsforce or
 * @hubspot/api-client loaded there would add to the peak RSS of the other scenarios.
 */
import { request } from 'node:https';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Metrics } from '../scenarios/types.js';
import { round } from './memory.js';
import type { SimulatorInfo, SimulatorStats } from './simulator-process.js';

export type CrmInfo = Extract<SimulatorInfo, { kind: 'crm' }>;

/** The HubSpot private-app token of the bench (the simulator accepts any bearer token). */
export const HUBSPOT_TOKEN = 'pat-na1-bench-0000-4000-8000-000000000000';
/** The Salesforce connected app's secret of the bench (client credentials; the simulator accepts any). */
export const SALESFORCE_SECRET = 'bench-salesforce-client-secret';
/** The Salesforce API version the connector uses by default (connectors/salesforce/config.ts). */
const SALESFORCE_VERSION = '62.0';
const WARMUP_TOKEN = 'bench-warmup-token';

/**
 * Ask the simulator the count questions the connector will ask, so that it has them cached. Returns
 * how long the simulator took (`simulatorCountSeconds`: not part of the read's time).
 */
export async function warmCrmCounts(info: CrmInfo, system: 'hubspot' | 'salesforce', log: (message: string) => void): Promise<Metrics> {
  log(`warming the simulator's ${system} counts (one pass over the generated records per question; not timed as the read)`);
  const started = performance.now();
  if (system === 'hubspot') {
    const search = (filterGroups: unknown[]) =>
      call(info, 'POST', `${info.hubspotUrl}/crm/v3/objects/contacts/search`, JSON.stringify({ filterGroups, limit: 1, properties: ['hs_object_id'] }));
    await search([]);
    await search([{ filters: [{ propertyName: info.hubspotLinkProperty, operator: 'HAS_PROPERTY' }] }]);
  } else {
    const count = (soql: string) => call(info, 'GET', `${info.salesforceUrl}/services/data/v${SALESFORCE_VERSION}/query?q=${encodeURIComponent(soql)}`);
    await count('SELECT COUNT() FROM Contact');
    await count(`SELECT COUNT() FROM Contact WHERE ${info.salesforceLinkField} != null`);
  }
  const seconds = (performance.now() - started) / 1000;
  // The simulator counts a request when its response has finished, which can come a moment after the
  // client read it: let the warm-up's last one be counted before the bench takes its "before" reading.
  await sleep(250);
  return { simulatorCountSeconds: round(seconds, 1) };
}

function call(info: CrmInfo, method: 'GET' | 'POST', url: string, body?: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, ca: info.ca, headers: { Authorization: `Bearer ${WARMUP_TOKEN}`, ...(body ? { 'Content-Type': 'application/json' } : {}) } }, (res) => {
      res.resume();
      res.on('end', () => (res.statusCode === 200 ? resolve() : reject(new Error(`warm-up ${method} ${new URL(url).pathname}: HTTP ${res.statusCode ?? '?'}`))));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** Requests one system of the simulator answered between two readings of its statistics, by status. */
export function requestsBetween(system: 'salesforce' | 'hubspot', before: SimulatorStats, after: SimulatorStats): { total: number; byStatus: Record<string, number> } {
  const was = before.bySystem?.[system] ?? {};
  const byStatus: Record<string, number> = {};
  for (const [status, n] of Object.entries(after.bySystem?.[system] ?? {})) {
    const delta = n - (was[status] ?? 0);
    if (delta > 0) byStatus[status] = delta;
  }
  return { total: Object.values(byStatus).reduce((a, b) => a + b, 0), byStatus };
}

/** CPU seconds the simulator process spent between two readings (how busy the server side was). */
export function simulatorCpuSeconds(before: SimulatorStats, after: SimulatorStats): number {
  return round((after.cpuSeconds ?? 0) - (before.cpuSeconds ?? 0), 1);
}
