import { describe, expect, it } from 'vitest';
import type { ScanReport } from '../../src/model/report.js';
import {
  REPORT_FILE_NAMES,
  REPORT_FORMATS,
  isReportFormat,
  renderHtml,
  renderMarkdown,
  renderReport,
  renderSarif,
  reportFileName,
  type ReportFormat,
} from '../../src/report/index.js';
import { emptyReport } from '../fixtures-report/empty.js';
import { hostileReport } from '../fixtures-report/hostile.js';
import { identityScanReport } from '../fixtures-report/identity-scan.js';
import { oidcScanReport } from '../fixtures-report/oidc-scan.js';

const FIXTURES = [
  ['oidc', oidcScanReport],
  ['hostile', hostileReport],
  ['empty', emptyReport],
  ['identity', identityScanReport],
] as const;

/** Reverse every list of the identity graph, swap each pair's sides and reverse object keys. */
function shuffleIdentity(id: ScanReport['identity']): void {
  const reverseKeys = <T extends object>(o: T): T => Object.fromEntries(Object.entries(o).reverse()) as T;
  id.profilesPerTarget.reverse();
  id.targets?.reverse();
  id.duplicates?.reverse();
  for (const d of id.duplicates ?? []) {
    d.topReasons.reverse();
    d.sizes = reverseKeys(d.sizes);
  }
  id.socialDuplicates?.reverse();
  id.overlaps.reverse();
  for (const o of id.overlaps) {
    [o.targetA, o.targetB] = [o.targetB, o.targetA];
    o.edges?.reverse();
  }
  id.linkRates.reverse();
  id.lifecycleDrift?.reverse();
  id.consent?.reverse();
  id.emailCollisions?.reverse();
  id.completeness?.reverse();
  for (const c of id.completeness ?? []) c.buckets.reverse();
  id.clusters.reverse();
  for (const c of id.clusters) {
    c.members.reverse();
    c.reasons.reverse();
  }
  id.resolution?.blocking.reverse();
}

/** The same report with every list whose order carries no meaning reversed, and keys reordered. */
function shuffled(report: ScanReport): ScanReport {
  const copy = structuredClone(report);
  copy.results.reverse();
  copy.rules.reverse();
  copy.targets.reverse();
  for (const t of copy.targets) {
    t.coverage.datasets.reverse();
    t.errors.reverse();
    t.coverage.missingPermissions.reverse();
  }
  for (const r of copy.results) r.evidence = Object.fromEntries(Object.entries(r.evidence).reverse());
  shuffleIdentity(copy.identity);
  copy.maturity.attestation.reverse();
  for (const v of [copy.maturity.overall, ...Object.values(copy.maturity.processes)]) {
    v.supports.reverse();
    v.contradicts.reverse();
    v.blockers.reverse();
    v.notObserved.reverse();
    for (const b of v.blockers) b.ruleIds.reverse();
  }
  return copy;
}

describe('renderReport', () => {
  it('knows four formats and their file names', () => {
    expect(REPORT_FORMATS).toEqual(['json', 'md', 'html', 'sarif']);
    expect(REPORT_FILE_NAMES).toEqual({ json: 'report.json', md: 'report.md', html: 'report.html', sarif: 'report.sarif' });
    expect(REPORT_FORMATS.map(reportFileName)).toEqual(['report.json', 'report.md', 'report.html', 'report.sarif']);
    expect(isReportFormat('md')).toBe(true);
    expect(isReportFormat('csv')).toBe(false);
  });

  it('writes the canonical JSON as is', () => {
    expect(renderReport(oidcScanReport, 'json')).toBe(`${JSON.stringify(oidcScanReport, null, 2)}\n`);
    expect(JSON.parse(renderReport(hostileReport, 'json'))).toEqual(hostileReport);
  });

  it('dispatches to each renderer', () => {
    expect(renderReport(oidcScanReport, 'md')).toBe(renderMarkdown(oidcScanReport));
    expect(renderReport(oidcScanReport, 'html')).toBe(renderHtml(oidcScanReport));
    expect(renderReport(oidcScanReport, 'sarif')).toBe(renderSarif(oidcScanReport));
  });

  it('rejects an unknown format from an untyped caller', () => {
    expect(() => renderReport(oidcScanReport, 'csv' as ReportFormat)).toThrow('unknown report format: csv');
  });
});

describe('determinism', () => {
  it.each(FIXTURES)('%s: the same report renders to the same bytes, twice and from a copy', (_name, report) => {
    for (const format of REPORT_FORMATS) {
      const first = renderReport(report, format);
      expect(renderReport(report, format)).toBe(first);
      expect(renderReport(JSON.parse(JSON.stringify(report)) as ScanReport, format)).toBe(first);
      expect(first.endsWith('\n')).toBe(true);
    }
  });

  it.each(FIXTURES)('%s: the order of unordered lists does not change md, html or sarif', (_name, report) => {
    const other = shuffled(report);
    for (const format of ['md', 'html', 'sarif'] as const) expect(renderReport(other, format)).toBe(renderReport(report, format));
  });

  it('does not modify the report it renders', () => {
    const before = JSON.stringify(oidcScanReport);
    for (const format of REPORT_FORMATS) renderReport(oidcScanReport, format);
    expect(JSON.stringify(oidcScanReport)).toBe(before);
  });
});
