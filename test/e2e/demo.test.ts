import { RULES } from '../../rules/index.js';
/**
 * End-to-end: the commands a new user runs first (demo, rules, init), through the BUILT CLI.
 */
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ScanReport } from '../../src/model/report.js';
import { OUTCOMES, SEVERITIES } from '../../src/model/outcome.js';
import { errorCodes, expectNoCrash, parseReport, removeTempDirs, runCli, tempDir } from './helpers.js';

afterAll(() => removeTempDirs());

/** The structure every report must have, checked on real output rather than on types. */
function expectWellFormedReport(report: ScanReport): void {
  expect(report.schemaVersion).toMatch(/^1\.\d+\.\d+$/);
  expect(report.tool.name).toBe('ciamscan');
  expect(Date.parse(report.startedAt)).not.toBeNaN();
  expect(Date.parse(report.finishedAt)).toBeGreaterThanOrEqual(Date.parse(report.startedAt));
  expect(report.targets.length).toBeGreaterThan(0);
  expect(report.results.length).toBeGreaterThan(0);
  for (const r of report.results) {
    expect(OUTCOMES).toContain(r.outcome);
    expect(SEVERITIES).toContain(r.severity);
    expect(r.fingerprint).toMatch(/^[0-9a-f]{32}$/);
    expect(r.message.length).toBeGreaterThan(0);
    // '*' marks scan-wide results (about the deployment, not one system).
    expect([...report.targets.map((t) => t.id), '*']).toContain(r.targetId);
    if (r.outcome === 'unknown') expect(r.unknownReason?.detail, `${r.ruleId} says why it is unknown`).toBeTruthy();
  }
  // Every evaluated rule's metadata is there, once.
  expect(report.rules.map((r) => r.id).sort()).toEqual([...new Set(report.results.map((r) => r.ruleId))].sort());
  const counted = Object.values(report.summary.byOutcome).reduce((a, b) => a + b, 0);
  expect(counted).toBe(report.results.length);
  expect(report.maturity.overall.level).toBeGreaterThanOrEqual(0);
  expect(report.maturity.overall.level).toBeLessThanOrEqual(4);
  expect(report.maturity.overall.statement.length).toBeGreaterThan(0);
  expect(Object.keys(report.maturity.processes).length).toBeGreaterThan(0);
}

/** Where a rule landed on one target (or '*' for scan-wide), e.g. outcomeOf(report, 'CRM-LINK-RATE', 'sales-crm'). */
function outcomeOf(report: ScanReport, ruleId: string, targetId: string): string | undefined {
  return report.results.find((r) => r.ruleId === ruleId && r.targetId === targetId)?.outcome;
}

/**
 * What the demo seeds (src/demo/world.ts) must show in its report: duplicates inside the account
 * store and both CRMs, the silo between the SCIM account store and the LDAP loyalty directory,
 * CRM link rates split into stored-key and match-only links, leads, contacts still marketable
 * although their identity is disabled, and consent that disagrees between account and contact.
 */
function expectDemoIdentityStory(report: ScanReport): void {
  const id = report.identity;
  expect(id.built).toBe(true);
  expect(id.targets?.map((t) => t.targetId).sort()).toEqual(['customer-accounts', 'loyalty-directory', 'marketing-crm', 'sales-crm']);
  const duplicates = (t: string) => id.duplicates?.find((d) => d.targetId === t);
  for (const t of ['customer-accounts', 'sales-crm', 'marketing-crm']) expect(duplicates(t)?.clusters, t).toBeGreaterThan(5);
  const silo = id.overlaps.find((o) => o.targetA === 'customer-accounts' && o.targetB === 'loyalty-directory');
  expect(silo?.shared).toBeGreaterThan(200);
  expect(silo?.edges ?? []).toEqual([]);
  for (const crm of ['sales-crm', 'marketing-crm']) {
    const joined = id.overlaps.find((o) => o.targetA === 'customer-accounts' && o.targetB === crm);
    expect(joined?.edges?.map((e) => e.kind), crm).toContain('crm-key');
    const rate = id.linkRates.find((r) => r.crmTargetId === crm);
    expect(rate?.linkedExplicit, crm).toBeGreaterThan(50);
    expect(rate?.linkedMatchOnly, crm).toBeGreaterThan(50);
    expect(rate?.unlinked, crm).toBeGreaterThan(0);
    expect(id.lifecycleDrift?.find((d) => d.crmTargetId === crm)?.disabledButActive, crm).toBeGreaterThan(0);
    expect(outcomeOf(report, 'CRM-LINK-RATE', crm), crm).toBe('fail');
    expect(outcomeOf(report, 'CRM-EXTERNAL-ID-FIELD', crm), crm).toBe('pass');
    expect(outcomeOf(report, 'IDG-LIFECYCLE-DRIFT', crm), crm).toMatch(/^(warn|fail)$/);
    expect(outcomeOf(report, 'IDG-DUPLICATES-WITHIN-STORE', crm), crm).toBe('fail');
    // The account store states consent in a SCIM extension (profiles.consent); the CRMs disagree for some.
    const consent = id.consent?.find((c) => c.crmTargetId === crm);
    expect(consent?.bothKnown, crm).toBeGreaterThan(100);
    expect(consent?.disagree, crm).toBeGreaterThan(0);
    expect(outcomeOf(report, 'IDG-CONSENT-CONSISTENCY', crm), crm).toBe('fail');
  }
  expect(outcomeOf(report, 'IDG-DUPLICATES-WITHIN-STORE', 'customer-accounts')).toBe('fail');
  expect(report.results.find((r) => r.ruleId === 'IDG-SILO-OVERLAP' && r.outcome === 'fail')?.subject).toBe('customer-accounts ↔ loyalty-directory');
  // Leads: HubSpot contacts whose lifecycle stage is not a customer's.
  const marketing = id.linkRates.find((r) => r.crmTargetId === 'marketing-crm');
  expect(marketing?.customerContacts).toBeLessThan(id.targets?.find((t) => t.targetId === 'marketing-crm')?.profiles ?? 0);
}

describe('ciamscan demo', () => {
  it('--out DIR: exit 0, report.json/md/html written, summary and report paths on stderr', async () => {
    const out = join(tempDir(), 'demo-reports');
    const run = await runCli(['demo', '--out', out]);
    expectNoCrash(run, [0]);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('');
    expect(readdirSync(out).sort()).toEqual(['report.html', 'report.json', 'report.md']);
    expect(run.stderr).toContain('Starting the demo environment on 127.0.0.1');
    expect(run.stderr).toMatch(/demo-op {2}authorization-server {2}oidc-provider {2}complete/);
    expect(run.stderr).toMatch(/^Results: \d+ fail.*\d+ pass/m);
    expect(run.stderr).toMatch(/^Maturity: /m);
    const reportsLine = run.stderr.split('\n').find((l) => l.startsWith('Reports: '));
    expect(reportsLine).toBeDefined();
    for (const file of ['report.json', 'report.md', 'report.html']) expect(reportsLine).toContain(join(out, file));

    const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as ScanReport;
    expectWellFormedReport(report);
    // Five systems: the OpenID Provider, its SCIM account store, the LDAP loyalty directory (slapd is
    // installed by the test setup), a Salesforce-shaped and a HubSpot-shaped CRM (the CRM simulator).
    expect(report.targets).toEqual([
      expect.objectContaining({ id: 'customer-accounts', type: 'scim', kind: 'identity-store', complete: true, errors: [] }),
      expect.objectContaining({ id: 'demo-op', product: 'oidc-provider', complete: true, errors: [] }),
      expect.objectContaining({ id: 'loyalty-directory', type: 'ldap', kind: 'identity-store', complete: true, errors: [] }),
      expect.objectContaining({ id: 'marketing-crm', type: 'hubspot', kind: 'crm', complete: true, errors: [] }),
      expect.objectContaining({ id: 'sales-crm', type: 'salesforce', kind: 'crm', complete: true, errors: [] }),
    ]);
    expectDemoIdentityStory(report);
    const users = (id: string) => report.targets.find((t) => t.id === id)?.coverage.datasets.find((d) => d.name === 'users');
    expect(users('customer-accounts')).toMatchObject({ state: 'complete' });
    expect(users('customer-accounts')?.records).toBeGreaterThan(900);
    expect(users('loyalty-directory')?.records).toBeGreaterThan(300);
    for (const [ruleId, targetId] of [['PROV-SCIM-CAPABILITIES', 'customer-accounts'], ['PROV-SCIM-AUTH-ENFORCED', 'customer-accounts'], ['PROV-DIRECTORY-TLS', 'loyalty-directory']]) {
      expect(report.results.some((r) => r.ruleId === ruleId && r.targetId === targetId), `${ruleId} on ${targetId}`).toBe(true);
    }
    // The demo is imperfect on purpose (see src/demo/demo-servers.ts), and with T1 probes on.
    expect(report.results.find((r) => r.ruleId === 'DISC-ANTI-FRAMING')?.outcome).toBe('fail');
    expect(report.results.find((r) => r.ruleId === 'KEY-ID-TOKEN-ALGS')?.outcome).toBe('warn');
    expect(report.results.find((r) => r.ruleId === 'CAUTH-INTROSPECTION-PROTECTED')?.outcome).toBe('pass');
    expect(readFileSync(join(out, 'report.md'), 'utf8')).toContain('demo-op');
    expect(readFileSync(join(out, 'report.html'), 'utf8')).toMatch(/^<!doctype html>/i);
  });

  it('--format json: only the JSON report on stdout, progress on stderr', async () => {
    const cwd = tempDir();
    const run = await runCli(['demo', '--format', 'json'], { cwd });
    expectNoCrash(run, [0]);
    const report = parseReport(run);
    expectWellFormedReport(report);
    expect(run.stdout.trim().endsWith('}')).toBe(true);
    expect(run.stderr).toContain('Starting the demo environment');
    // A single format without --out writes no files (not even the default demo directory).
    expect(readdirSync(cwd)).toEqual([]);
  });
});

describe('ciamscan rules', () => {
  it('--format json lists every registered rule with its metadata', async () => {
    const run = await runCli(['rules', '--format', 'json']);
    expectNoCrash(run, [0]);
    const rules = JSON.parse(run.stdout) as Array<{ id: string; title: string; severity: string; tier: string; references: unknown[] }>;
    expect(rules).toHaveLength(RULES.length);
    const ids = rules.map((r) => r.id);
    expect(new Set(ids).size).toBe(RULES.length);
    expect(ids).toEqual([...ids].sort());
    expect(ids).toEqual(expect.arrayContaining(['DISC-METADATA-PUBLISHED', 'OIDC-PKCE-S256', 'FLOW-PAR', 'KEY-ROTATION', 'CAUTH-INTROSPECTION-PROTECTED']));
    for (const r of rules) {
      expect(r.id).toMatch(/^[A-Z0-9]+(-[A-Z0-9]+)+$/);
      expect(r.title.length).toBeGreaterThan(0);
      expect(SEVERITIES).toContain(r.severity);
      expect(['T0', 'T1', 'T2']).toContain(r.tier);
      expect(r.references.length).toBeGreaterThan(0);
    }
  });
});

describe('ciamscan init', () => {
  it('writes a template that `scan -c` accepts; the scan then fails to reach the host (exit 3, DNS)', async () => {
    const dir = tempDir();
    const file = join(dir, 'c.yaml');
    const init = await runCli(['init', file]);
    expectNoCrash(init, [0]);
    expect(existsSync(file)).toBe(true);
    expect(init.stderr).toContain(`Wrote ${file}`);

    // A second init does not overwrite it.
    const again = await runCli(['init', file]);
    expectNoCrash(again, [2]);
    expect(again.stderr).toContain('already exists');

    // The template names https://login.example.com. No test may use the network, so the host is
    // moved to the reserved .invalid TLD (never resolves); the rest of the file is scanned as written.
    const template = readFileSync(file, 'utf8');
    expect(template).toContain('issuer: https://login.example.com');
    writeFileSync(file, template.replace('https://login.example.com', 'https://login.example.invalid'));

    // The template keeps the catalog's 1 request/second: this run takes several seconds. The TLS
    // probe is on: its failure is coded DNS as well.
    const run = await runCli(['scan', '-c', file, '--format', 'json']);
    expectNoCrash(run, [3]);
    expect(run.code).toBe(3);
    const report = parseReport(run);
    expect(report.targets.map((t) => [t.id, t.complete])).toEqual([['main-op', false]]);
    expect(new Set(errorCodes(report))).toEqual(new Set(['DNS']));
    expect(report.results.find((r) => r.ruleId === 'DISC-METADATA-PUBLISHED')?.outcome).toBe('unknown');
  });
});
