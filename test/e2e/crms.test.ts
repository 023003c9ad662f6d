/**
 * End-to-end: `ciamscan scan -c <config>` with a Salesforce and a HubSpot target against the CRM
 * simulator (src/demo/crm-simulator.ts, real TLS with a private CA), next to a CSV export of the
 * identity store their key fields point at, through the BUILT CLI. Salesforce signs in with the
 * JWT-bearer flow (a key from a ${file:} reference), HubSpot with a private-app token from the
 * environment. What must hold: both read completely, only reads reach the CRMs, the quotas are
 * recorded, the identity graph joins the CRMs to the store by the stored keys, and no secret or
 * contact email reaches stdout, stderr or the report.
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { startCrmSimulator, type RunningCrmSimulator } from '../../src/demo/crm-simulator.js';
import type { ScanReport } from '../../src/model/report.js';
import { storeRecords, type SyntheticRecord, type WorldSpec } from '../../src/synthetic/world.js';
import { expectValidReport } from '../support/report-schema.js';
import { expectNoCrash, parseReport, removeTempDirs, runCli, tempDir, type CliRun } from './helpers.js';

const WORLD: WorldSpec = {
  seed: 4242,
  people: 600,
  stores: [
    { id: 'app', kind: 'identity-store', coverage: 0.8, duplicateRate: 0.02, disabledRate: 0.05 },
    { id: 'sales', kind: 'crm', coverage: 0.5, duplicateRate: 0.03, idStyle: 'salesforce', leads: 40, links: { toStore: 'app', kind: 'crm-key', via: 'IdP_Subject__c', rate: 0.5 } },
    { id: 'marketing', kind: 'crm', coverage: 0.6, duplicateRate: 0.03, leads: 60, links: { toStore: 'app', kind: 'crm-key', via: 'idp_subject', rate: 0.3 } },
  ],
};
const records = (id: string): SyntheticRecord[] => [...storeRecords(WORLD, id)];
const APP = records('app');
const SALES = records('sales');
const MARKETING = records('marketing');

const HUBSPOT_TOKEN = `pat-eu1-${randomBytes(16).toString('hex')}`;
let sim: RunningCrmSimulator;
let run: CliRun;
let report: ScanReport;
let dir: string;

function csv(list: SyntheticRecord[]): string {
  const rows = list.map((r) => [r.localId, r.emails[0]?.address ?? '', r.emails[0]?.verified ? 'true' : 'false', r.given ?? '', r.family ?? '', r.phones[0] ?? '', r.createdAt, r.status === 'disabled' ? 'true' : 'false'].join(','));
  return `${['id,email,email_verified,first_name,last_name,phone,created_at,blocked', ...rows].join('\n')}\n`;
}

beforeAll(async () => {
  dir = tempDir('ciamscan-crms-');
  sim = await startCrmSimulator({
    token: HUBSPOT_TOKEN,
    salesforce: { contacts: SALES, linkField: 'IdP_Subject__c' },
    hubspot: { contacts: MARKETING, linkProperty: 'idp_subject' },
  });
  writeFileSync(join(dir, 'crm-ca.pem'), sim.caPem);
  writeFileSync(join(dir, 'users.csv'), csv(APP));
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  writeFileSync(join(dir, 'salesforce-app.key'), privateKey.export({ type: 'pkcs8', format: 'pem' }).toString());
  const config = {
    version: 1,
    identity: { defaultRegion: 'GB' },
    targets: [
      { id: 'app-users', type: 'file', name: 'Customer accounts (export)', path: 'users.csv', records: 'users', mapping: { status: { column: 'blocked', disabled: ['true'] } } },
      {
        id: 'sales-org',
        type: 'salesforce',
        auth: { method: 'jwt-bearer', loginUrl: sim.salesforce.loginUrl, clientId: '3MVG9e2eInventedConsumerKey', username: 'integration@e2e.invalid', privateKey: '${file:salesforce-app.key}' },
        customerObjects: ['Contact', 'Lead'],
        tls: { caFile: 'crm-ca.pem' },
        limits: { requestsPerSecond: 50, burst: 10 },
      },
      { id: 'marketing-hub', type: 'hubspot', accessToken: '${env:E2E_HUBSPOT_TOKEN}', basePath: sim.hubspot.basePath, tier: 'starter', tls: { caFile: 'crm-ca.pem' } },
    ],
  };
  const configFile = join(dir, 'crms.yaml');
  writeFileSync(configFile, stringify(config));
  run = await runCli(['scan', '-c', configFile, '--format', 'json'], { env: { E2E_HUBSPOT_TOKEN: HUBSPOT_TOKEN, CIAMSCAN_PSEUDONYM_KEY: 'e2e-crms' } });
  report = parseReport(run);
}, 120_000);

afterAll(async () => {
  await sim?.close();
  removeTempDirs();
});

describe('scan -c with a Salesforce and a HubSpot target against the CRM simulator', () => {
  it('exits 0, both CRMs and the export read completely, the report is valid', () => {
    expectNoCrash(run, [0, 1]);
    expect(run.code).toBe(0);
    expectValidReport(report);
    expect(report.targets.map((t) => [t.id, t.kind, t.complete, t.errors.length])).toEqual([
      ['app-users', 'identity-store', true, 0],
      ['marketing-hub', 'crm', true, 0],
      ['sales-org', 'crm', true, 0],
    ]);
  });

  it('reads every contact and lead, and records the API quotas consumed', () => {
    const dataset = (target: string, name: string) => report.targets.find((t) => t.id === target)?.coverage.datasets.find((d) => d.name === name);
    const salesContacts = SALES.filter((r) => r.lifecycle !== 'lead').length;
    expect(dataset('sales-org', 'records Contact')).toMatchObject({ state: 'complete', records: salesContacts });
    expect(dataset('sales-org', 'records Lead')).toMatchObject({ state: 'complete', records: SALES.length - salesContacts });
    expect(dataset('marketing-hub', 'contacts')).toMatchObject({ state: 'complete', records: MARKETING.length });
    const quotas = (target: string) => report.targets.find((t) => t.id === target)?.coverage.quotas ?? {};
    expect(quotas('sales-org')['salesforce DailyApiRequests consumed during scan']).toBeGreaterThan(0);
    expect(quotas('marketing-hub')['hubspot ten-second max']).toBe(100);
  });

  it('sends only reads: GETs, the token request, and HubSpot’s documented read-only searches', () => {
    const writes = sim.requests().filter((r) => r.method !== 'GET' && r.method !== 'HEAD');
    for (const w of writes) expect(`${w.system} ${w.method} ${w.path}`).toMatch(/^(salesforce POST \/services\/oauth2\/token|hubspot POST \/crm\/v3\/objects\/contacts\/search|hubspot POST \/oauth\/v2\/private-apps\/get\/access-token-info)$/);
    expect(sim.requests().some((r) => r.status === 429)).toBe(false);
  });

  it('finds the stored-key fields and joins both CRMs to the accounts by them', () => {
    for (const crm of ['sales-org', 'marketing-hub']) {
      expect(report.results.find((r) => r.ruleId === 'CRM-EXTERNAL-ID-FIELD' && r.targetId === crm)?.outcome, crm).toBe('pass');
      const overlap = report.identity.overlaps.find((o) => [o.targetA, o.targetB].includes('app-users') && [o.targetA, o.targetB].includes(crm));
      expect(overlap?.edges?.map((e) => e.kind), crm).toContain('crm-key');
      const rate = report.identity.linkRates.find((r) => r.crmTargetId === crm);
      const source = crm === 'sales-org' ? SALES : MARKETING;
      const keyed = source.filter((r) => r.lifecycle !== 'lead' && r.links.some((l) => l.kind === 'crm-key')).length;
      expect(rate?.linkedExplicit, crm).toBe(keyed);
    }
  });

  it('no secret and no contact email on stdout, stderr or in the report', () => {
    const text = `${run.stdout}\n${run.stderr}`;
    expect(text).not.toContain(HUBSPOT_TOKEN);
    expect(text).not.toContain(readFileSync(join(dir, 'salesforce-app.key'), 'utf8').split('\n')[1] ?? 'x');
    for (const r of [...SALES.slice(0, 50), ...MARKETING.slice(0, 50)]) for (const e of r.emails) expect(text.toLowerCase()).not.toContain(e.address.toLowerCase());
  });
});
