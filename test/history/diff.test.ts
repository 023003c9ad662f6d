import { describe, expect, it } from 'vitest';
import { diffRegresses, diffReports, renderDiffMarkdown } from '../../src/history/diff.js';
import type { ScanReport } from '../../src/model/report.js';
import type { RuleResult } from '../../src/model/result.js';
import { fingerprint } from '../../src/rules-engine/evaluate.js';
import { oidcScanReport } from '../fixtures-report/oidc-scan.js';

function result(ruleId: string, outcome: RuleResult['outcome'], severity: RuleResult['severity'] = 'high'): RuleResult {
  return { ruleId, targetId: 't', subject: 's', outcome, severity, process: 'authentication', tier: 'T0', messageId: 'm', message: `${ruleId} ${outcome}`, evidence: {}, references: [], fingerprint: fingerprint(ruleId, 't', 's') };
}

function report(results: RuleResult[], clusters: Array<[string, number]> = [], key: 'configured' | 'per-run' = 'configured', level = 1): ScanReport {
  return {
    ...oidcScanReport,
    results,
    maturity: { ...oidcScanReport.maturity, overall: { ...oidcScanReport.maturity.overall, level, name: `L${level}` } },
    identity: {
      built: true,
      profilesPerTarget: [],
      clusters: clusters.map(([fp, size]) => ({ fingerprint: fp, size, members: [], reasons: [] })),
      clusterCount: clusters.length,
      overlaps: [],
      linkRates: [],
      resolution: { candidatePairs: 0, acceptedPairs: 0, explicitLinks: 0, vetoed: 0, chainingPrevented: 0, threshold: 0.95, model: { lambda: 0, emIterations: 0, emConverged: true, fallback: false }, blocking: [], pseudonymKey: key },
    },
  };
}

describe('ciamscan diff', () => {
  it('separates introduced, resolved and other changes by fingerprint', () => {
    const d = diffReports(report([result('A', 'pass'), result('B', 'fail'), result('C', 'warn')]), report([result('A', 'fail'), result('B', 'pass'), result('C', 'fail')]));
    expect(d.introduced.map((e) => e.ruleId)).toEqual(['A']);
    expect(d.resolved.map((e) => e.ruleId)).toEqual(['B']);
    expect(d.changed.map((e) => `${e.ruleId} ${e.before}→${e.after}`)).toEqual(['C warn→fail']);
    expect(diffRegresses(d, 'high')).toBe(true);
    expect(diffRegresses(d, 'critical')).toBe(false);
  });

  it('a maturity drop is a regression even without new failures', () => {
    expect(diffRegresses(diffReports(report([], [], 'configured', 2), report([], [], 'configured', 1)), undefined)).toBe(true);
  });

  it('follows duplicate clusters by their keyed fingerprints', () => {
    const d = diffReports(report([], [['aa', 2], ['bb', 3], ['cc', 2]]), report([], [['aa', 3], ['bb', 3], ['dd', 2]]));
    expect(d.clusters).toEqual({ comparable: true, new: 1, grew: 1, shrank: 0, resolved: 1, unchanged: 1 });
    expect(renderDiffMarkdown(d)).toContain('New 1, grown 1, shrunk 0, resolved 1, unchanged 1.');
  });

  it('refuses to compare clusters pseudonymised with per-run keys', () => {
    const d = diffReports(report([], [['aa', 2]], 'per-run'), report([], [['aa', 2]], 'per-run'));
    expect(d.clusters.comparable).toBe(false);
    expect(d.clusters.reason).toContain('CIAMSCAN_PSEUDONYM_KEY');
  });
});
