/**
 * End-to-end: `ciamscan scan -c <config>` with one target of each identity-store kind — keycloak,
 * auth0, okta, scim, ldap, file — against local servers, through the BUILT CLI (run
 * `npx tsc -p tsconfig.build.json` first when running this suite alone).
 *
 * The servers (test/e2e/six-stores-servers.ts): the Keycloak, Auth0 and Okta benchmark simulators
 * (bench/simulators), a real SCIM server (scimmy, https), a real slapd (StartTLS, ppolicy) and a CSV
 * export. The simulators implement the users endpoints only, so two targets are incomplete by
 * construction, and the suite asserts exactly what is missing rather than hiding it:
 * - Keycloak: the simulator's token carries only view-users/query-users/query-groups, so realm,
 *   flows, clients, identity providers, events, keys, federation and client-registration policies
 *   are not requested (view-realm, view-clients, view-events, view-identity-providers missing).
 * - Auth0: the simulator's token grants read:users only, so every configuration section is not
 *   requested (the clients and connections datasets are not-read; 12 scopes missing).
 * The scan therefore exits 3 (incomplete), not 0; the Okta simulator answers every other /api/v1
 * GET with an empty list, so the Okta target is complete.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReportTarget, ScanReport } from '../../src/model/report.js';
import { expectValidReport } from '../support/report-schema.js';
import { expectNoCrash, parseReport, removeTempDirs, runCli, tempDir, type CliRun } from './helpers.js';
import { startSixStores, STORE_EMAIL, TARGET_IDS, USERS, type SixStores, type StoreId } from './six-stores-servers.js';

let stores: SixStores;
/** The two scans, run once in beforeAll: `--format json` to stdout, and every format with `--out`. */
let jsonRun: CliRun;
let outRun: CliRun;
let outDir: string;
let report: ScanReport;

beforeAll(async () => {
  const dir = tempDir('ciamscan-six-stores-');
  stores = await startSixStores(dir);
  outDir = join(dir, 'reports');
  // Sequential: both scans read the same servers (the Okta simulator counts a per-minute budget).
  jsonRun = await runCli(['scan', '-c', stores.configFile, '--format', 'json'], { env: stores.env });
  outRun = await runCli(['scan', '-c', stores.configFile, '--format', 'json,md,html,sarif', '--out', outDir], { env: stores.env });
  report = parseReport(jsonRun);
});

afterAll(async () => {
  await stores?.close();
  removeTempDirs();
});

const PRODUCTS: Record<StoreId, { type: string; product: string }> = {
  keycloak: { type: 'keycloak', product: 'keycloak' },
  auth0: { type: 'auth0', product: 'auth0' },
  okta: { type: 'okta', product: 'okta' },
  scim: { type: 'scim', product: 'scim' },
  ldap: { type: 'ldap', product: 'openldap' },
  file: { type: 'file', product: 'legacy-shop' },
};

const STORES = Object.keys(USERS) as StoreId[];

function target(store: StoreId): ReportTarget {
  const found = report.targets.find((t) => t.id === TARGET_IDS[store]);
  if (!found) throw new Error(`target ${TARGET_IDS[store]} missing from the report`);
  return found;
}

function datasetStates(store: StoreId): Record<string, string> {
  return Object.fromEntries(target(store).coverage.datasets.map((d) => [d.name, d.state]));
}

/**
 * Results of the configuration rules on a store. Identity-graph (IDG-*) and CRM (CRM-*) rules judge
 * the profiles across stores, not what each store's configuration says; they are left out here.
 */
function configResults(store: StoreId): ScanReport['results'] {
  return report.results.filter((r) => r.targetId === TARGET_IDS[store] && !/^(IDG|CRM)-/.test(r.ruleId));
}

/** `outcome messageId` of the one result of a rule on a target. */
function outcomeOf(store: StoreId, ruleId: string): string {
  const matches = report.results.filter((r) => r.ruleId === ruleId && r.targetId === TARGET_IDS[store]);
  expect(matches, `${ruleId} on ${TARGET_IDS[store]}`).toHaveLength(1);
  return `${matches[0]!.outcome} ${matches[0]!.messageId}`;
}

describe('ciamscan scan -c with one target of each identity-store kind', () => {
  it('ends by itself with exit 3 (two simulators grant only user reads), no stack trace, the summary on stderr', () => {
    for (const run of [jsonRun, outRun]) expectNoCrash(run, [3]);
    expect(jsonRun.stderr).toMatch(/^ciamscan \S+: 6 target\(s\) in /m);
    for (const store of ['okta', 'scim', 'ldap', 'file'] as const) {
      expect(jsonRun.stderr).toMatch(new RegExp(`^ {2}${TARGET_IDS[store]} {2}identity-store {2}${PRODUCTS[store].product} {2}complete `, 'm'));
    }
    for (const store of ['keycloak', 'auth0'] as const) {
      expect(jsonRun.stderr).toMatch(new RegExp(`^ {2}${TARGET_IDS[store]} {2}identity-store {2}${PRODUCTS[store].product} {2}INCOMPLETE `, 'm'));
    }
    expect(jsonRun.stderr).toMatch(/^Maturity: /m);
  });

  it('the report is valid against schema/report.schema.json and holds every target with kind, product and location', () => {
    expectValidReport(report);
    expect(report.targets.map((t) => t.id).sort()).toEqual(Object.values(TARGET_IDS).sort());
    for (const store of STORES) {
      const t = target(store);
      expect({ type: t.type, kind: t.kind, product: t.product }, t.id).toEqual({ ...PRODUCTS[store], kind: 'identity-store' });
      expect(t.location.length, t.id).toBeGreaterThan(0);
      expect(t.errors, t.id).toEqual([]);
    }
    expect(target('ldap').location).toMatch(/^ldap:\/\/127\.0\.0\.1:\d+ ou=customers,dc=example,dc=com$/);
    expect(target('file').location).toBe('users.csv');
    expect(report.summary.complete).toBe(false);
  });

  it('coverage: the users dataset of every target counts exactly the users the store serves', () => {
    for (const store of STORES) {
      const users = target(store).coverage.datasets.find((d) => d.name === 'users');
      expect(users, TARGET_IDS[store]).toMatchObject({ state: 'complete', records: USERS[store] });
      // LDAP reports no total (the directory has no count); every other store does.
      if (store !== 'ldap') expect(users?.total, TARGET_IDS[store]).toBe(USERS[store]);
    }
    expect(target('file').coverage.requests).toBe(0);
    expect(target('ldap').coverage.requests).toBeGreaterThan(0);
  });

  it('complete targets: every dataset complete, nothing missing', () => {
    for (const store of ['okta', 'scim', 'ldap', 'file'] as const) {
      const t = target(store);
      expect(t.complete, t.id).toBe(true);
      expect(t.coverage.missingPermissions, t.id).toEqual([]);
      expect(Object.values(datasetStates(store)).every((s) => s === 'complete'), `${t.id}: ${JSON.stringify(datasetStates(store))}`).toBe(true);
    }
    expect(Object.keys(datasetStates('scim')).sort()).toEqual(['groups', 'resource-types', 'schemas', 'service-provider-config', 'users']);
    expect(Object.keys(datasetStates('ldap')).sort()).toEqual(['password-policy', 'root-dse', 'users']);
    expect(datasetStates('okta')).toMatchObject({ apps: 'complete', 'policies PASSWORD': 'complete', 'log-streams': 'complete', 'system-log': 'complete', users: 'complete' });
  });

  it('incomplete targets: exactly the sections the simulators do not serve are not-read, with the missing permissions named', () => {
    const kc = target('keycloak');
    expect(kc.complete).toBe(false);
    expect(kc.coverage.missingPermissions).toEqual(['view-clients', 'view-events', 'view-identity-providers', 'view-realm']);
    expect(datasetStates('keycloak')).toEqual({
      'authentication-flows': 'not-read',
      'client-registration-policies': 'not-read',
      clients: 'not-read',
      'events-config': 'not-read',
      'federated-identities': 'not-read',
      'identity-providers': 'not-read',
      keys: 'not-read',
      realm: 'not-read',
      'required-actions': 'not-read',
      'user-federation': 'not-read',
      'user-profile': 'complete',
      users: 'complete',
    });

    const auth0 = target('auth0');
    expect(auth0.complete).toBe(false);
    expect(auth0.coverage.missingPermissions).toEqual([
      'read:actions',
      'read:attack_protection',
      'read:clients',
      'read:connections',
      'read:connections_options',
      'read:guardian_factors',
      'read:log_streams',
      'read:logs',
      'read:mfa_policies',
      'read:signing_keys',
      'read:stats',
      'read:tenant_settings',
    ]);
    expect(datasetStates('auth0')).toEqual({ clients: 'not-read', connections: 'not-read', users: 'complete' });
    // More than 1,000 users: the export job, its download from the other host name, no paging past page 0.
    expect(auth0.coverage.datasets.find((d) => d.name === 'users')).toMatchObject({ records: USERS.auth0, total: USERS.auth0 });

    // Every configuration-rule result of these two targets is unknown for a permission the coverage lists: nothing is guessed.
    for (const [store, t] of [['keycloak', kc], ['auth0', auth0]] as const) {
      const results = configResults(store);
      expect(results.length, t.id).toBeGreaterThan(10);
      for (const r of results) {
        expect(`${r.ruleId} ${r.outcome} ${r.unknownReason?.kind}`, t.id).toBe(`${r.ruleId} unknown no-permission`);
        expect(t.coverage.missingPermissions, `${t.id} ${r.ruleId}`).toContain(r.unknownReason?.permission);
      }
    }
  });

  it('T2 rule results for each store, with subjects naming the store', () => {
    const subjects: Record<StoreId, string | undefined> = {
      keycloak: 'realm customers',
      auth0: `tenant ${target('auth0').location.replace(/^https:\/\//, '')}`,
      okta: 'org 127.0.0.1',
      scim: 'scim-service Customer accounts (scimmy)',
      ldap: 'directory ou=customers,dc=example,dc=com',
      // The file connector produces user counts only: no configuration section for a rule to judge.
      file: undefined,
    };
    for (const store of STORES) {
      const results = configResults(store);
      if (subjects[store] === undefined) {
        expect(results, TARGET_IDS[store]).toEqual([]);
        continue;
      }
      // Rules judge what the connectors read with their T2 credentials (a rule's own tier is the least it needs: PROV-SCIM-CAPABILITIES is T0).
      expect(results.length, TARGET_IDS[store]).toBeGreaterThan(0);
      expect([...new Set(results.map((r) => r.subject))], TARGET_IDS[store]).toEqual([subjects[store]]);
    }

    expect(report.results.filter((r) => r.targetId === TARGET_IDS.ldap && r.tier === 'T2').map((r) => r.ruleId)).toContain('AUTHN-PASSWORD-POLICY');
    expect(report.results.filter((r) => r.targetId === TARGET_IDS.okta && r.tier === 'T2').map((r) => r.ruleId)).toEqual(expect.arrayContaining(['AUTHN-PASSWORD-POLICY', 'MON-EVENT-LOGGING']));

    // Keycloak and Auth0: not observed, naming the permission that would let the scanner see it.
    expect(outcomeOf('keycloak', 'AUTHN-PASSWORD-POLICY')).toBe('unknown notObserved');
    expect(report.results.find((r) => r.targetId === TARGET_IDS.keycloak && r.ruleId === 'AUTHN-PASSWORD-POLICY')?.unknownReason?.permission).toBe('view-realm');
    expect(report.results.find((r) => r.targetId === TARGET_IDS.keycloak && r.ruleId === 'FLOW-NO-IMPLICIT')?.unknownReason?.permission).toBe('view-clients');
    expect(report.results.find((r) => r.targetId === TARGET_IDS.keycloak && r.ruleId === 'MON-EVENT-LOGGING')?.unknownReason?.permission).toBe('view-events');
    expect(report.results.find((r) => r.targetId === TARGET_IDS.auth0 && r.ruleId === 'MON-EVENT-LOGGING')?.unknownReason?.permission).toBe('read:log_streams');
    expect(report.results.find((r) => r.targetId === TARGET_IDS.auth0 && r.ruleId === 'AUTHN-PASSWORD-POLICY')?.unknownReason?.permission).toBe('read:connections_options');
    expect(report.results.find((r) => r.targetId === TARGET_IDS.auth0 && r.ruleId === 'FLOW-NO-IMPLICIT')?.unknownReason?.permission).toBe('read:clients');

    // Okta: an org with nothing configured but its users (the simulator answers [] everywhere else).
    expect(outcomeOf('okta', 'MON-EVENT-LOGGING')).toBe('fail notRecorded');
    expect(outcomeOf('okta', 'FLOW-NO-IMPLICIT')).toBe('n/a noActiveClients');
    expect(outcomeOf('okta', 'AUTHN-PASSWORD-POLICY')).toBe('unknown notObserved');
    expect(outcomeOf('okta', 'MFA-ENABLED-POLICY')).toMatch(/^fail /);
    // 1 in 5 simulated users has an unverified primary address.
    expect(outcomeOf('okta', 'REG-EMAIL-VERIFICATION')).toBe('warn optional');

    // SCIM: scimmy advertises no ETags; the T1 anonymous probe is off.
    expect(outcomeOf('scim', 'PROV-SCIM-CAPABILITIES')).toBe('warn gaps');
    expect(outcomeOf('scim', 'PROV-SCIM-AUTH-ENFORCED')).toBe('unknown notObserved');

    // LDAP: StartTLS with the test CA; the ppolicy (12 characters, checked, lockout) misses a blocklist.
    expect(outcomeOf('ldap', 'PROV-DIRECTORY-TLS')).toBe('pass encrypted');
    expect(report.results.find((r) => r.targetId === TARGET_IDS.ldap && r.ruleId === 'PROV-DIRECTORY-TLS')?.message).toContain('starttls');
    expect(outcomeOf('ldap', 'AUTHN-PASSWORD-POLICY')).toBe('fail violations');
  });

  it('the maturity section is present and cites results of these stores', () => {
    expect(report.maturity.overall.level).toBeGreaterThanOrEqual(0);
    expect(report.maturity.overall.level).toBeLessThanOrEqual(4);
    expect(report.maturity.overall.statement.length).toBeGreaterThan(0);
    expect(Object.keys(report.maturity.processes).length).toBeGreaterThan(0);
    const cited = JSON.stringify(report.maturity);
    // The gates that fail here (AUTHN-PASSWORD-POLICY on the directory, MON-EVENT-LOGGING on the org) are cited as evidence.
    expect(Object.values(TARGET_IDS).filter((id) => cited.includes(id)).length).toBeGreaterThan(0);
  });

  it('--out writes every format; report.json there holds the same targets and results', () => {
    expect(outRun.stdout).toBe('');
    expect(readdirSync(outDir).sort()).toEqual(['report.html', 'report.json', 'report.md', 'report.sarif']);
    const fromFile = JSON.parse(readFileSync(join(outDir, 'report.json'), 'utf8')) as ScanReport;
    expectValidReport(fromFile);
    const shape = (r: ScanReport) => ({
      targets: r.targets.map((t) => ({ id: t.id, complete: t.complete, datasets: t.coverage.datasets, missing: t.coverage.missingPermissions })),
      results: r.results.map((x) => `${x.targetId} ${x.ruleId} ${x.outcome} ${x.messageId}`).sort(),
    });
    expect(shape(fromFile)).toEqual(shape(report));
    const md = readFileSync(join(outDir, 'report.md'), 'utf8');
    const html = readFileSync(join(outDir, 'report.html'), 'utf8');
    for (const id of Object.values(TARGET_IDS)) {
      expect(md, id).toContain(id);
      expect(html, id).toContain(id);
    }
    expect(html).toMatch(/^<!doctype html>/i);
    const sarif = JSON.parse(readFileSync(join(outDir, 'report.sarif'), 'utf8')) as { version: string; runs: unknown[] };
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs.length).toBeGreaterThan(0);
  });

  it('no secret and no customer e-mail address on the console or in any report file', () => {
    const outputs: Array<[string, string]> = [
      ['stdout (--format json)', jsonRun.stdout],
      ['stderr (--format json)', jsonRun.stderr],
      ['stdout (--out)', outRun.stdout],
      ['stderr (--out)', outRun.stderr],
      ...readdirSync(outDir).map((f): [string, string] => [f, readFileSync(join(outDir, f), 'utf8')]),
    ];
    expect(stores.secrets.length).toBe(6);
    expect(stores.seededEmails.length).toBeGreaterThan(10);
    for (const [where, text] of outputs) {
      for (const secret of stores.secrets) expect(text.includes(secret), `a secret in ${where}`).toBe(false);
      for (const email of stores.seededEmails) expect(text.includes(email), `${email} in ${where}`).toBe(false);
      expect(text.match(STORE_EMAIL)?.[0], `an address of a store in ${where}`).toBeUndefined();
    }
  });
});
